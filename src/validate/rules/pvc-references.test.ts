import { clone, deployment, dgd, md, pvc } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { pvcExistsRule } from './pvc-references';

const lines = (docs: Record<string, unknown>[]): string[] => pvcExistsRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('pvc-exists rule', () => {
  it('accepts claims declared in the set', () => {
    expect(lines([pvc('model-cache'), deployment(), dgd()])).toEqual([]);
  });

  it('flags pod volumes and graph pvcs that expect an existing PVC, as warnings', () => {
    const found = pvcExistsRule.check([md(deployment()), md(dgd())]);
    expect(found.every((v) => v.severity === 'warning')).toBe(true);
    expect(found.map(formatViolation)).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.volumes[0].persistentVolumeClaim.claimName: expects existing PVC "model-cache" (no PersistentVolumeClaim of that name in this manifest set) (warning)',
      'set/manifests.yaml DynamoGraphDeployment/agg .spec.pvcs[0].name: expects existing PVC "model-cache" (no PersistentVolumeClaim of that name in this manifest set) (warning)',
    ]);
  });

  it('counts graph pvcs with create: true as declared', () => {
    const g = clone(dgd()) as { spec: { pvcs: Record<string, unknown>[] } };
    g.spec.pvcs = [{ name: 'model-cache', create: true, size: '100Gi', storageClass: 'rwx', volumeAccessMode: 'ReadWriteMany' }];
    expect(lines([g as unknown as Record<string, unknown>, deployment()])).toEqual([]);
  });
});
