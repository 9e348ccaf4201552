import { dgdComponents, isDgd } from '../dgd';
import { asRecord, getPath } from '../manifest-doc';
import { allPodTemplates, ContainerRole, containersOf, PodBuilder } from '../pod-templates';
import { defineRule } from './rule';

function hasRequests(resources: unknown): boolean {
  const r = asRecord(resources);
  const nonEmpty = (v: unknown): boolean => Object.keys(asRecord(v) ?? {}).length > 0;
  return nonEmpty(r?.requests) || nonEmpty(r?.limits); // limits alone also set the requests
}

/**
 * Pods declare resource requests: without them the scheduler packs the pod anywhere and the node may evict it first
 * (BestEffort). Built-in pods: every regular container; Dynamo v1alpha1 components: `resources` or the main container's.
 */
export const resourceRequestsRule = defineRule({
  id: 'resource-requests',
  severity: 'warning',
  description: 'Pods have resource requests (containers of built-in pods; resources of Dynamo components).',
  find(docs, report) {
    for (const pod of allPodTemplates(docs)) {
      if (pod.builder !== PodBuilder.KUBERNETES && !pod.specPath.includes('components')) continue;
      for (const c of containersOf(pod)) {
        if (c.role !== ContainerRole.CONTAINER || hasRequests(c.container.resources)) continue;
        report(pod.owner, [...c.path, 'resources'], `container "${String(c.container.name)}" has no resource requests: the pod would be BestEffort (scheduled anywhere, evicted first)`);
      }
    }
    for (const m of docs.filter(isDgd)) {
      for (const c of dgdComponents(m)) {
        if (c.path[1] !== 'services') continue; // v1beta1 components are checked through their pod templates above
        if (hasRequests(c.value.resources) || hasRequests(getPath(c.value, ['extraPodSpec', 'mainContainer', 'resources']))) continue;
        report(m, [...c.path, 'resources'], `component "${c.name}" has no resource requests: its pods would be BestEffort (scheduled anywhere, evicted first)`);
      }
    }
  },
});
