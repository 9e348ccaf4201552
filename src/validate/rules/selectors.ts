import { asRecord, getPath, groupOf, isKind, kindOf } from '../manifest-doc';
import { formatSelector, matchesSelector } from '../label-selector';
import { allPodTemplates, podTemplatesOf } from '../pod-templates';
import { defineRule } from './rule';

/** Every Service selector matches the pods of at least one pod template of the same manifest set. */
export const serviceSelectorRule = defineRule({
  id: 'service-selector',
  severity: 'error',
  description: 'Every Service selector matches a pod template of the same manifest set (otherwise the Service has no endpoints).',
  find(docs, report) {
    const pods = allPodTemplates(docs);
    for (const m of docs) {
      if (!isKind(m, '', 'Service') || getPath(m.doc, ['spec', 'type']) === 'ExternalName') continue;
      const selector = asRecord(getPath(m.doc, ['spec', 'selector']));
      if (selector === undefined || Object.keys(selector).length === 0) continue;
      if (!pods.some((p) => matchesSelector(selector, p.labels, 'map'))) {
        report(m, ['spec', 'selector'], `selector ${formatSelector(selector, 'map')} matches no pod template in this manifest set: the Service would have no endpoints`);
      }
    }
  },
});

const SELECTOR_WORKLOADS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', '/ReplicationController']);

/** A Deployment's (ReplicaSet's, StatefulSet's, DaemonSet's) selector matches its own pod template labels. */
export const workloadSelectorRule = defineRule({
  id: 'workload-selector',
  severity: 'error',
  description: "A workload's spec.selector matches its own pod template's labels (the API server rejects it otherwise).",
  find(docs, report) {
    for (const m of docs) {
      if (!SELECTOR_WORKLOADS.has(`${groupOf(m)}/${kindOf(m)}`)) continue;
      const selector = asRecord(getPath(m.doc, ['spec', 'selector']));
      const pod = podTemplatesOf(m)[0];
      if (selector === undefined || pod === undefined) continue;
      const form = kindOf(m) === 'ReplicationController' ? 'map' : 'labelSelector';
      if (!matchesSelector(selector, pod.labels, form)) {
        report(m, ['spec', 'selector'], `selector ${formatSelector(selector, form)} does not match the pod template's labels (${formatSelector(pod.labels, 'map') || 'none'})`);
      }
    }
  },
});
