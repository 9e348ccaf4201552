import { dgdComponents, isDgd } from '../dgd';
import { asArray, asRecord, asString, getPath } from '../manifest-doc';
import { allPodTemplates, containersOf, PodBuilder } from '../pod-templates';
import { defineRule } from './rule';

/** Every Dynamo v1alpha1 `volumeMounts[].name` is one of the graph's `spec.pvcs[].name`. */
export const dgdVolumeMountRule = defineRule({
  id: 'dgd-volume-mount',
  severity: 'error',
  description: "Every DynamoGraphDeployment volumeMounts[].name is listed in the graph's spec.pvcs.",
  find(docs, report) {
    for (const m of docs.filter(isDgd)) {
      const pvcs = asArray(getPath(m.doc, ['spec', 'pvcs'])).flatMap((p) => asString(asRecord(p)?.name) ?? []);
      for (const c of dgdComponents(m)) {
        asArray(c.value.volumeMounts).forEach((mount, i) => {
          const name = asString(asRecord(mount)?.name);
          if (name !== undefined && !pvcs.includes(name)) {
            const declared = pvcs.length === 0 ? 'spec.pvcs is empty' : `spec.pvcs: ${pvcs.join(', ')}`;
            report(m, [...c.path, 'volumeMounts', i, 'name'], `volumeMount "${name}" names no PVC of the graph (${declared})`);
          }
        });
      }
    }
  },
});

/**
 * Every container `volumeMounts[].name` / `volumeDevices[].name` of a built-in pod names a volume of the pod
 * (or a StatefulSet volumeClaimTemplate). Pods of Dynamo graphs are skipped: the operator adds volumes of its own.
 */
export const podVolumeMountRule = defineRule({
  id: 'pod-volume-mount',
  severity: 'error',
  description: 'Every container volumeMount of a built-in pod names a volume of that pod.',
  find(docs, report) {
    for (const pod of allPodTemplates(docs)) {
      if (pod.builder !== PodBuilder.KUBERNETES) continue;
      const volumes = new Set(asArray(pod.spec.volumes).flatMap((v) => asString(asRecord(v)?.name) ?? []));
      for (const t of asArray(getPath(pod.owner.doc, ['spec', 'volumeClaimTemplates']))) {
        const name = asString(getPath(t, ['metadata', 'name']));
        if (name !== undefined) volumes.add(name);
      }
      for (const c of containersOf(pod)) {
        for (const field of ['volumeMounts', 'volumeDevices']) {
          asArray(c.container[field]).forEach((mount, i) => {
            const name = asString(asRecord(mount)?.name);
            if (name !== undefined && !volumes.has(name)) {
              const known = volumes.size === 0 ? 'the pod has no volumes' : `volumes: ${[...volumes].join(', ')}`;
              report(pod.owner, [...c.path, field, i, 'name'], `${field === 'volumeMounts' ? 'volumeMount' : 'volumeDevice'} "${name}" names no volume of the pod (${known})`);
            }
          });
        }
      }
    }
  },
});
