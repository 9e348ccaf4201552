import { dgdComponents, isDgd } from '../dgd';
import type { JsonPath } from '../json-path';
import { asArray, asRecord, asString, getPath, isKind, nameOf, type ManifestDoc } from '../manifest-doc';
import { allPodTemplates } from '../pod-templates';
import { defineRule } from './rule';

/** Names of the PVCs a manifest set creates: PersistentVolumeClaim objects and Dynamo `spec.pvcs` with `create: true`. */
export function declaredPvcNames(docs: readonly ManifestDoc[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const m of docs) {
    const name = nameOf(m);
    if (isKind(m, '', 'PersistentVolumeClaim') && name !== undefined) names.add(name);
    if (isDgd(m)) {
      for (const pvc of asArray(getPath(m.doc, ['spec', 'pvcs']))) {
        const pvcName = asString(asRecord(pvc)?.name);
        if (pvcName !== undefined && asRecord(pvc)?.create === true) names.add(pvcName);
      }
    }
  }
  return names;
}

/** Every PVC a manifest set uses by name, with where. */
function pvcReferences(docs: readonly ManifestDoc[]): { m: ManifestDoc; path: JsonPath; claim: string }[] {
  const refs: { m: ManifestDoc; path: JsonPath; claim: string }[] = [];
  for (const pod of allPodTemplates(docs)) {
    asArray(pod.spec.volumes).forEach((volume, i) => {
      const claim = asString(getPath(volume, ['persistentVolumeClaim', 'claimName']));
      if (claim !== undefined) refs.push({ m: pod.owner, path: [...pod.specPath, 'volumes', i, 'persistentVolumeClaim', 'claimName'], claim });
    });
  }
  for (const m of docs.filter(isDgd)) {
    asArray(getPath(m.doc, ['spec', 'pvcs'])).forEach((pvc, i) => {
      const claim = asString(asRecord(pvc)?.name);
      if (claim !== undefined && asRecord(pvc)?.create !== true) refs.push({ m, path: ['spec', 'pvcs', i, 'name'], claim });
    });
    for (const c of dgdComponents(m)) {
      const claim = asString(getPath(c.value, ['compilationCache', 'pvcName']));
      if (claim !== undefined) refs.push({ m, path: [...c.path, 'compilationCache', 'pvcName'], claim });
    }
  }
  return refs;
}

/**
 * Every PVC a pod (or a Dynamo graph's `spec.pvcs` with `create: false`) uses is declared in the same manifest set;
 * otherwise it is flagged as expecting an existing PVC, which the deployment will wait for forever if it is missing.
 */
export const pvcExistsRule = defineRule({
  id: 'pvc-exists',
  severity: 'warning',
  description: 'Every PVC a pod or graph uses is declared in the same manifest set, or is flagged as expecting an existing PVC.',
  find(docs, report) {
    const declared = declaredPvcNames(docs);
    for (const ref of pvcReferences(docs)) {
      if (!declared.has(ref.claim)) {
        report(ref.m, ref.path, `expects existing PVC "${ref.claim}" (no PersistentVolumeClaim of that name in this manifest set)`);
      }
    }
  },
});
