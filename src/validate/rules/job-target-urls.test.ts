import { clone, deployment, dgd, job, md, service } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { jobTargetUrlRule, serviceUrlsIn } from './job-target-urls';

const lines = (docs: Record<string, unknown>[]): string[] => jobTargetUrlRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('serviceUrlsIn', () => {
  it('finds in-cluster service URLs and skips external hosts and shell variables', () => {
    expect(serviceUrlsIn('curl -sf http://agg-frontend:8000/v1/models && pip install --index-url https://pypi.org/simple x')).toEqual([
      { url: 'http://agg-frontend:8000', service: 'agg-frontend', port: 8000 },
    ]);
    expect(serviceUrlsIn('http://svc.bench.svc.cluster.local:9000/x http://svc')).toEqual([
      { url: 'http://svc.bench.svc.cluster.local:9000', service: 'svc', namespace: 'bench', port: 9000 },
      { url: 'http://svc', service: 'svc', port: 80 },
    ]);
    expect(serviceUrlsIn('http://${FRONTEND}:8000 http://localhost:8000 http://10.0.0.1:80')).toEqual([]);
  });
});

describe('job-target-url rule', () => {
  it('accepts a URL of a Service of the set', () => {
    expect(lines([service(), deployment(), job('perf', 'http://vllm-serve:8000')])).toEqual([]);
  });

  it('accepts the frontend Service a graph implies on port 8000', () => {
    expect(lines([dgd('agg'), job('perf', 'http://agg-frontend:8000/v1/models')])).toEqual([]);
  });

  it('reports a URL naming no Service of the set', () => {
    expect(lines([dgd('agg'), job('perf', 'http://agg-frontnd:8000')])).toEqual([
      'set/manifests.yaml Job/perf .spec.template.spec.containers[0].env[0].value: target URL http://agg-frontnd:8000 names Service "agg-frontnd", which is not in this manifest set (Services: agg-frontend:8000)',
    ]);
  });

  it('reports a port the Service does not expose', () => {
    expect(lines([service(), job('perf', 'http://vllm-serve:8080')])).toEqual([
      'set/manifests.yaml Job/perf .spec.template.spec.containers[0].env[0].value: target URL http://vllm-serve:8080 uses port 8080, but Service vllm-serve exposes port 8000',
    ]);
  });

  it('looks at args and commands too', () => {
    const j = clone(job('perf', 'unused')) as { spec: { template: { spec: { containers: { args: string[] }[] } } } };
    const container = j.spec.template.spec.containers[0];
    if (container !== undefined) container.args = ['aiperf profile --url http://missing:8000'];
    expect(lines([j as unknown as Record<string, unknown>])).toEqual([expect.stringContaining('.containers[0].args[0]: target URL http://missing:8000 names Service "missing"')]);
  });
});
