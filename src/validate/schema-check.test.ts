import { clone, deployment, dgd, md } from './__fixtures__/manifests';
import { loadCrdSchemas } from './crd-schema';
import { checkSchema } from './schema-check';
import { formatViolation } from './violation';

const crds = (): ReturnType<typeof loadCrdSchemas> => loadCrdSchemas();
const lines = (doc: Record<string, unknown>): string[] => checkSchema(md(doc), crds).map(formatViolation);

describe('checkSchema: built-in kinds (Kubernetes 1.33 schemas)', () => {
  it('accepts a valid Deployment', () => {
    expect(lines(deployment())).toEqual([]);
  });

  it('reports replicas: "two"', () => {
    const d = clone(deployment()) as { spec: Record<string, unknown> };
    d.spec.replicas = 'two';
    expect(lines(d as unknown as Record<string, unknown>)).toEqual(['set/manifests.yaml Deployment/vllm-serve .spec.replicas: must be integer']);
  });

  it('collapses int-or-string and quantity alternatives into one message', () => {
    const d = clone(deployment()) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    d.spec.template.spec.containers[0] = { name: 'c', image: 'i:1', resources: { limits: { memory: '1 GB' } }, ports: [{ containerPort: 80 }] };
    expect(lines(d as unknown as Record<string, unknown>)).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.containers[0].resources.limits.memory: must be a quantity: a number or a string such as "2", "500m", "64Gi"',
    ]);
  });

  it('treats null fields as absent, as the API server does', () => {
    const d = clone(deployment()) as { spec: Record<string, unknown> };
    d.spec.strategy = null;
    expect(lines(d as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('checkSchema: DynamoGraphDeployment (CRD openAPIV3Schema)', () => {
  it('accepts a valid v1alpha1 graph', () => {
    expect(lines(dgd())).toEqual([]);
  });

  it('reports an unknown field the API server would drop', () => {
    const g = clone(dgd()) as { spec: { services: { Frontend: Record<string, unknown> } } };
    g.spec.services.Frontend.replicaz = 2;
    expect(lines(g as unknown as Record<string, unknown>)).toEqual([
      'set/manifests.yaml DynamoGraphDeployment/agg .spec.services.Frontend.replicaz: unknown field "replicaz" (not in the nvidia.com/v1alpha1 DynamoGraphDeployment schema: the API server would silently drop it); did you mean "replicas"?',
    ]);
  });

  it('reports wrong types (gpu is a string in the CRD)', () => {
    const g = clone(dgd()) as { spec: { services: { VllmWorker: { resources: { limits: Record<string, unknown> } } } } };
    g.spec.services.VllmWorker.resources.limits.gpu = 1;
    expect(lines(g as unknown as Record<string, unknown>)).toEqual([
      'set/manifests.yaml DynamoGraphDeployment/agg .spec.services.VllmWorker.resources.limits.gpu: must be string',
    ]);
  });

  it('validates v1beta1 against its own schema', () => {
    const g = {
      apiVersion: 'nvidia.com/v1beta1',
      kind: 'DynamoGraphDeployment',
      metadata: { name: 'agg' },
      spec: { components: [{ name: 'Frontend', type: 'frontend', replicas: 1 }], services: {} },
    };
    expect(lines(g)).toEqual([
      'set/manifests.yaml DynamoGraphDeployment/agg .spec.services: unknown field "services" (not in the nvidia.com/v1beta1 DynamoGraphDeployment schema: the API server would silently drop it)',
    ]);
  });

  it('rejects a version the CRD does not serve', () => {
    expect(lines({ ...dgd(), apiVersion: 'nvidia.com/v1' })).toEqual([
      'set/manifests.yaml DynamoGraphDeployment/agg .apiVersion: nvidia.com/v1 is not a served version of DynamoGraphDeployment (served: nvidia.com/v1alpha1, nvidia.com/v1beta1)',
    ]);
  });
});

describe('checkSchema: other kinds', () => {
  it('warns on unknown kinds without validating them', () => {
    const found = checkSchema(md({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'm' }, spec: { x: 1 } }), crds);
    expect(found.map((v) => [v.severity, v.rule])).toEqual([['warning', 'unknown-kind']]);
    expect(formatViolation(found[0]!)).toMatch(/^set\/manifests\.yaml PodMonitor\/m \.kind: unknown kind monitoring\.coreos\.com\/v1 PodMonitor: neither a built-in Kubernetes 1\.33 kind nor a kind of a known CRD \(nvidia\.com DynamoGraphDeployment\); not validated \(warning\)$/);
  });

  it('reports missing apiVersion and kind', () => {
    expect(lines({ metadata: { name: 'x' } })).toEqual([
      'set/manifests.yaml <no kind>/x .apiVersion: required field is missing',
      'set/manifests.yaml <no kind>/x .kind: required field is missing',
    ]);
  });
});

describe('loadCrdSchemas', () => {
  it('is cached per process', () => {
    expect(loadCrdSchemas()).toBe(loadCrdSchemas());
  });

  it('throws a user error naming the file when it cannot be read', () => {
    expect(() => loadCrdSchemas('/nonexistent/crd.yaml')).toThrow('/nonexistent/crd.yaml: cannot read CRD file: ENOENT');
  });
});

describe('checkSchema: API versions', () => {
  it('rejects built-in API versions Kubernetes 1.33 no longer serves', () => {
    expect(lines({ ...deployment(), apiVersion: 'apps/v1beta1' })).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .apiVersion: apps/v1beta1 Deployment was removed in Kubernetes 1.16: use apps/v1',
    ]);
  });

  it('rejects a built-in kind under the wrong built-in apiVersion, naming the right one', () => {
    expect(lines({ ...deployment(), apiVersion: 'v1' })).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .apiVersion: v1 has no kind Deployment (Kubernetes 1.33 serves Deployment as apps/v1)',
    ]);
  });
});
