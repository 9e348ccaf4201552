import { clone, deployment, dgd, job, md, service } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { serviceSelectorRule, workloadSelectorRule } from './selectors';

describe('service-selector rule', () => {
  const lines = (docs: Record<string, unknown>[]): string[] => serviceSelectorRule.check(docs.map((d) => md(d))).map(formatViolation);

  it('accepts a selector matching a pod template of the set', () => {
    expect(lines([service(), deployment()])).toEqual([]);
  });

  it('reports a selector that matches nothing', () => {
    expect(lines([service('vllm-serve', 'vllm-srv'), deployment()])).toEqual([
      'set/manifests.yaml Service/vllm-serve .spec.selector: selector app=vllm-srv matches no pod template in this manifest set: the Service would have no endpoints',
    ]);
  });

  it('matches the labels the Dynamo operator puts on graph pods', () => {
    const s = clone(service('agg-workers')) as { spec: Record<string, unknown> };
    s.spec.selector = { 'nvidia.com/dynamo-graph-deployment-name': 'agg', 'nvidia.com/dynamo-component-type': 'worker' };
    expect(lines([s as unknown as Record<string, unknown>, dgd('agg')])).toEqual([]);
  });

  it('skips Services without selector', () => {
    const s = clone(service()) as { spec: Record<string, unknown> };
    delete s.spec.selector;
    expect(lines([s as unknown as Record<string, unknown>, job()])).toEqual([]);
  });
});

describe('workload-selector rule', () => {
  const lines = (docs: Record<string, unknown>[]): string[] => workloadSelectorRule.check(docs.map((d) => md(d))).map(formatViolation);

  it('accepts a Deployment whose selector matches its template', () => {
    expect(lines([deployment()])).toEqual([]);
  });

  it("reports a selector that does not match the template's labels", () => {
    const d = clone(deployment()) as { spec: { selector: Record<string, unknown> } };
    d.spec.selector = { matchLabels: { app: 'other' } };
    expect(lines([d as unknown as Record<string, unknown>])).toEqual([
      "set/manifests.yaml Deployment/vllm-serve .spec.selector: selector app=other does not match the pod template's labels (app=vllm-serve)",
    ]);
  });
});
