import { clone, deployment, dgd, md } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { resourceRequestsRule } from './resource-requests';

const lines = (docs: Record<string, unknown>[]): string[] => resourceRequestsRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('resource-requests rule', () => {
  it('accepts pods and components with requests', () => {
    expect(lines([deployment(), dgd()])).toEqual([]);
  });

  it('warns on a container without requests', () => {
    const d = clone(deployment()) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = d.spec.template.spec.containers[0];
    if (container !== undefined) delete container.resources;
    const found = resourceRequestsRule.check([md(d as unknown as Record<string, unknown>)]);
    expect(found.map(formatViolation)).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.containers[0].resources: container "vllm" has no resource requests: the pod would be BestEffort (scheduled anywhere, evicted first) (warning)',
    ]);
  });

  it('warns on a Dynamo component without resources', () => {
    const g = clone(dgd()) as { spec: { services: { Frontend: Record<string, unknown> } } };
    delete g.spec.services.Frontend.resources;
    expect(lines([g as unknown as Record<string, unknown>])).toEqual([
      expect.stringContaining('DynamoGraphDeployment/agg .spec.services.Frontend.resources: component "Frontend" has no resource requests'),
    ]);
  });
});
