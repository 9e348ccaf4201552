import { dgdComponents, isDgd } from '../dgd';
import type { JsonPath } from '../json-path';
import { asRecord, type ManifestDoc } from '../manifest-doc';
import { allPodTemplates, containersOf } from '../pod-templates';
import type { Report } from './rule';
import { defineRule } from './rule';

/** The extended resource of NVIDIA GPUs on containers. */
export const NVIDIA_GPU_RESOURCE = 'nvidia.com/gpu';

/** A quantity in a comparable form: integers and decimals as numbers ("1" = 1 = "1.0"), anything else as written. */
function quantityKey(value: unknown): string {
  const text = String(value).trim();
  return /^[+]?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text;
}

/** Compares one resource's request and limit in a `{requests, limits}` block. */
function checkPair(m: ManifestDoc, resources: unknown, base: JsonPath, resource: string, report: Report): void {
  const res = asRecord(resources);
  const request = asRecord(res?.requests)?.[resource];
  const limit = asRecord(res?.limits)?.[resource];
  if (request === undefined || request === null) return; // a limit alone sets the request to the same value
  if (limit === undefined || limit === null) {
    report(m, [...base, 'requests', resource], `${resource} request ${JSON.stringify(request)} has no limit: GPUs cannot be overcommitted, set limits.${resource} to the same value`);
  } else if (quantityKey(request) !== quantityKey(limit)) {
    report(m, [...base, 'requests', resource], `${resource} request ${JSON.stringify(request)} differs from limit ${JSON.stringify(limit)}: GPU requests must equal limits`);
  }
}

/**
 * GPU requests equal limits: `nvidia.com/gpu` on every container, and `resources.requests.gpu` vs
 * `resources.limits.gpu` on Dynamo components (the API server rejects a pod whose extended-resource request and limit
 * differ; for a graph, the operator's pods would fail to be created).
 */
export const gpuRequestsLimitsRule = defineRule({
  id: 'gpu-request-limit',
  severity: 'error',
  description: 'GPU requests equal limits (nvidia.com/gpu on containers; resources.requests.gpu vs limits.gpu on Dynamo components).',
  find(docs, report) {
    for (const pod of allPodTemplates(docs)) {
      for (const c of containersOf(pod)) checkPair(pod.owner, c.container.resources, [...c.path, 'resources'], NVIDIA_GPU_RESOURCE, report);
    }
    for (const m of docs.filter(isDgd)) {
      for (const c of dgdComponents(m)) checkPair(m, c.value.resources, [...c.path, 'resources'], 'gpu', report);
    }
  },
});
