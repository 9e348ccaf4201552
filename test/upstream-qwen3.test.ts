/**
 * Field-by-field comparison of our Qwen3-32B (seed 003) and Qwen3-VL (seed 001) DynamoGraphDeployments with
 * upstream recipes/qwen3-32b and recipes/qwen3-vl-30b: args, env, resources, replicas, mounts, component types,
 * secrets, pod metadata. Images and placement come from our hardware profile and are left out on purpose.
 * Object names differ where upstream's collide (both qwen3-vl configurations are `qwen3-vl-agg` upstream).
 */
import { qwen3_32bKvRouting } from '../src/recipes/qwen3-32b-kv-routing';
import { qwen3vl } from '../src/recipes/qwen3vl';
import { K8sObject, objectOf, profile, synthYaml } from './support/synth';
import { loadUpstream, programOf, serviceFacts } from './support/upstream';

function compareGraphs(ours: K8sObject, upstream: K8sObject): void {
  expect(ours.apiVersion).toBe(upstream.apiVersion);
  expect(ours.spec.pvcs).toEqual(upstream.spec.pvcs);
  expect(Object.keys(ours.spec.services).sort()).toEqual(Object.keys(upstream.spec.services).sort());
  for (const [name, svc] of Object.entries(upstream.spec.services) as [string, K8sObject][]) {
    const program = programOf(svc);
    expect({ service: name, ...serviceFacts(ours.spec.services[name], program, ['image', 'placement']) })
      .toEqual({ service: name, ...serviceFacts(svc, program, ['image', 'placement']) });
  }
}

describe('qwen3-32b on h200 matches upstream recipes/qwen3-32b', () => {
  const files = synthYaml(qwen3_32bKvRouting, profile('h200'));

  it.each([
    ['agg-round-robin', 'agg-round-robin/deploy.yaml'],
    ['disagg-kv-router', 'disagg-kv-router/deploy.yaml'],
  ])('%s', (config, upstreamFile) => {
    const ours = objectOf(files.get(`h200/qwen3-32b/${config}.k8s.yaml`)!.objects, 'DynamoGraphDeployment');
    const upstream = objectOf(loadUpstream(`qwen3-32b/vllm/${upstreamFile}`), 'DynamoGraphDeployment');
    expect(ours.metadata.name).toBe(upstream.metadata.name);
    compareGraphs(ours, upstream);
  });

  it('creates the three upstream caches, ReadWriteMany (upstream mounts RWO claims from two nodes)', () => {
    const pvcs = files.get('h200/qwen3-32b/prep.k8s.yaml')!.objects.filter((o) => o.kind === 'PersistentVolumeClaim');
    const upstream = loadUpstream('qwen3-32b/model-cache/cache.yaml');
    expect(pvcs.map((p) => [p.metadata.name, p.spec.resources.requests.storage]))
      .toEqual(upstream.map((p) => [p.metadata.name, p.spec.resources.requests.storage]));
    for (const p of pvcs) expect(p.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('downloads the pinned revision with the token Secret', () => {
    const job = objectOf(files.get('h200/qwen3-32b/prep.k8s.yaml')!.objects, 'Job', 'qwen3-32b-model-download');
    const up = objectOf(loadUpstream('qwen3-32b/model-cache/model-download.yaml'), 'Job');
    const [c, u] = [job.spec.template.spec.containers[0], up.spec.template.spec.containers[0]];
    expect(c.envFrom).toEqual(u.envFrom);
    expect(c.env.find((e: K8sObject) => e.name === 'MODEL_REVISION')).toEqual(u.env.find((e: K8sObject) => e.name === 'MODEL_REVISION'));
    expect(c.volumeMounts).toEqual(u.volumeMounts);
  });
});

describe('qwen3vl on gb200 matches upstream recipes/qwen3-vl-30b/vllm/agg-embedding-cache', () => {
  const files = synthYaml(qwen3vl, profile('gb200'));
  const upstream = objectOf(loadUpstream('qwen3-vl-30b/vllm/agg-embedding-cache/deploy.yaml'), 'DynamoGraphDeployment');

  it('cache-on is the upstream deploy.yaml (10 GB)', () => {
    compareGraphs(objectOf(files.get('gb200/qwen3vl/cache-on.k8s.yaml')!.objects, 'DynamoGraphDeployment'), upstream);
  });

  it('cache-off is the upstream deploy.yaml with DYN_MULTIMODAL_EMBEDDING_CACHE_GB=0', () => {
    const off = structuredClone(upstream);
    const env = off.spec.services.VllmWorker.extraPodSpec.mainContainer.env;
    env.find((e: K8sObject) => e.name === 'DYN_MULTIMODAL_EMBEDDING_CACHE_GB').value = '0';
    compareGraphs(objectOf(files.get('gb200/qwen3vl/cache-off.k8s.yaml')!.objects, 'DynamoGraphDeployment'), off);
  });

  it('gives the two configurations different names so they can share a namespace', () => {
    const names = ['cache-on', 'cache-off'].map((c) => objectOf(files.get(`gb200/qwen3vl/${c}.k8s.yaml`)!.objects, 'DynamoGraphDeployment').metadata.name);
    expect(names).toEqual(['qwen3-vl-agg-cache-on', 'qwen3-vl-agg-cache-off']);
  });
});
