import { clone, deployment, dgd, md } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { gpuRequestsLimitsRule } from './gpu-requests-limits';

const lines = (docs: Record<string, unknown>[]): string[] => gpuRequestsLimitsRule.check(docs.map((d) => md(d))).map(formatViolation);

type Resources = { requests: Record<string, unknown>; limits: Record<string, unknown> };

function deploymentResources(d: Record<string, unknown>): Resources {
  const spec = (d as { spec: { template: { spec: { containers: { resources: Resources }[] } } } }).spec;
  const container = spec.template.spec.containers[0];
  if (container === undefined) throw new Error('fixture has no container');
  return container.resources;
}

describe('gpu-request-limit rule', () => {
  it('accepts equal requests and limits, in any spelling', () => {
    const d = clone(deployment());
    deploymentResources(d).limits['nvidia.com/gpu'] = 1;
    expect(lines([d, dgd()])).toEqual([]);
  });

  it('accepts a limit alone (the request defaults to it)', () => {
    const d = clone(deployment());
    delete deploymentResources(d).requests['nvidia.com/gpu'];
    expect(lines([d])).toEqual([]);
  });

  it('reports nvidia.com/gpu request != limit on a container', () => {
    const d = clone(deployment());
    deploymentResources(d).limits['nvidia.com/gpu'] = '2';
    expect(lines([d])).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.containers[0].resources.requests["nvidia.com/gpu"]: nvidia.com/gpu request "1" differs from limit "2": GPU requests must equal limits',
    ]);
  });

  it('reports a request without limit', () => {
    const d = clone(deployment());
    deploymentResources(d).limits = {};
    expect(lines([d])).toEqual([expect.stringContaining('nvidia.com/gpu request "1" has no limit')]);
  });

  it('reports resources.requests.gpu != limits.gpu on a Dynamo component', () => {
    const g = clone(dgd()) as { spec: { services: { VllmWorker: { resources: Resources } } } };
    g.spec.services.VllmWorker.resources.limits.gpu = '2';
    expect(lines([g as unknown as Record<string, unknown>])).toEqual([
      'set/manifests.yaml DynamoGraphDeployment/agg .spec.services.VllmWorker.resources.requests.gpu: gpu request "1" differs from limit "2": GPU requests must equal limits',
    ]);
  });
});
