import { clone, deployment, dgd, md } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { dgdVolumeMountRule, podVolumeMountRule } from './volume-mounts';

describe('dgd-volume-mount rule', () => {
  const lines = (docs: Record<string, unknown>[]): string[] => dgdVolumeMountRule.check(docs.map((d) => md(d))).map(formatViolation);

  it('accepts mounts of declared pvcs', () => {
    expect(lines([dgd()])).toEqual([]);
  });

  it('reports a volumeMount naming a PVC missing from spec.pvcs', () => {
    const g = clone(dgd()) as { spec: { services: { VllmWorker: { volumeMounts: { name: string }[] } } } };
    g.spec.services.VllmWorker.volumeMounts.push({ name: 'compilation-cache' });
    expect(lines([g as unknown as Record<string, unknown>])).toEqual([
      'set/manifests.yaml DynamoGraphDeployment/agg .spec.services.VllmWorker.volumeMounts[1].name: volumeMount "compilation-cache" names no PVC of the graph (spec.pvcs: model-cache)',
    ]);
  });
});

describe('pod-volume-mount rule', () => {
  const lines = (docs: Record<string, unknown>[]): string[] => podVolumeMountRule.check(docs.map((d) => md(d))).map(formatViolation);

  it('accepts mounts of pod volumes', () => {
    expect(lines([deployment()])).toEqual([]);
  });

  it('reports a container mount of a volume the pod does not declare', () => {
    const d = clone(deployment()) as { spec: { template: { spec: { volumes: unknown[] } } } };
    d.spec.template.spec.volumes = [];
    expect(lines([d as unknown as Record<string, unknown>])).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.containers[0].volumeMounts[0].name: volumeMount "cache" names no volume of the pod (the pod has no volumes)',
    ]);
  });

  it('skips pods built by the Dynamo operator (it adds volumes of its own)', () => {
    const g = clone(dgd()) as { spec: { services: { VllmWorker: { extraPodSpec: { mainContainer: Record<string, unknown> } } } } };
    g.spec.services.VllmWorker.extraPodSpec.mainContainer.volumeMounts = [{ name: 'shared-memory', mountPath: '/dev/shm' }];
    expect(lines([g as unknown as Record<string, unknown>])).toEqual([]);
  });
});
