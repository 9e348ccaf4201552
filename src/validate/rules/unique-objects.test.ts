import { clone, deployment, md, pvc, service } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { uniqueObjectsRule } from './unique-objects';

describe('unique-object rule', () => {
  it('accepts objects of different kinds with the same name', () => {
    expect(uniqueObjectsRule.check([md(deployment('x')), md(service('x'))])).toEqual([]);
  });

  it('reports the same kind/name in two files of a set', () => {
    const found = uniqueObjectsRule.check([md(pvc('model-cache'), 'cmp/qwen3-32b.yaml'), md(pvc('model-cache'), 'cmp/qwen3-vl.yaml', 2)]);
    expect(found.map(formatViolation)).toEqual([
      'cmp/qwen3-vl.yaml PersistentVolumeClaim/model-cache .metadata.name: duplicate object: PersistentVolumeClaim "model-cache" is also defined in cmp/qwen3-32b.yaml (document 1); both would be applied to the same namespace, the last one wins',
    ]);
  });

  it('tells namespaces apart', () => {
    const a = clone(pvc());
    const b = clone(pvc());
    (b.metadata as Record<string, unknown>).namespace = 'other';
    expect(uniqueObjectsRule.check([md(a), md(b, 'set/manifests.yaml', 1)])).toEqual([]);
  });
});
