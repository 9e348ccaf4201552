import { loadProfiles } from '../hw';
import { findComparison } from '../recipes';
import { buildComparison } from '../synth/build';
import { renderComparison } from '../synth/render';
import { cacheProtection, DeployRole, goDuration, jobTimeouts, layoutOf, planDeployment } from './deploy-plan';

const profiles = loadProfiles('hw-profiles');
const hw = (name: string) => profiles.find((p) => p.name === name)!;

function plan(recipe: string, hardware: string, createsHfTokenSecret = false) {
  const comparison = findComparison(recipe)!;
  const build = buildComparison(createsHfTokenSecret ? { ...comparison, hfTokenSecret: 'tok' } : comparison, hw(hardware));
  const layout = layoutOf(build, { createsHfTokenSecret });
  const files = renderComparison(build);
  return { layout, files, steps: planDeployment(layout, files, { readyTimeoutMinutes: 90 }) };
}

describe('planDeployment', () => {
  it('qwen36 on gb200: the whole graph, prep first, each configuration gated on the dataset', () => {
    const { steps } = plan('qwen36', 'gb200');
    expect(steps.map((s) => [s.key, s.role, s.dependsOn])).toEqual([
      ['PersistentVolumeClaim/shared-model-cache', DeployRole.CACHE, []],
      [expect.stringMatching(/^ConfigMap\/dataset-generator-/), DeployRole.DATASET_GENERATOR, []],
      ['Job/qwen36-model-download', DeployRole.MODEL_DOWNLOAD, ['PersistentVolumeClaim/shared-model-cache']],
      ['Job/qwen36-dataset', DeployRole.DATASET, ['PersistentVolumeClaim/shared-model-cache', expect.stringMatching(/^ConfigMap\//), 'Job/qwen36-model-download']],
      ['Deployment/qwen36-vllm-serve', DeployRole.SERVING, ['Job/qwen36-dataset']],
      ['Service/qwen36-vllm-serve', DeployRole.SERVICE, ['Job/qwen36-dataset']],
      ['Job/qwen36-vllm-serve-perf', DeployRole.PERF, ['Deployment/qwen36-vllm-serve', 'Service/qwen36-vllm-serve']],
      ['DynamoGraphDeployment/qwen36-dynamo-fd', DeployRole.SERVING, ['Job/qwen36-dataset']],
      ['Job/qwen36-dynamo-fd-perf', DeployRole.PERF, ['DynamoGraphDeployment/qwen36-dynamo-fd']],
      ['DynamoGraphDeployment/qwen36-dynamo-fd-ec', DeployRole.SERVING, ['Job/qwen36-dataset']],
      ['Job/qwen36-dynamo-fd-ec-perf', DeployRole.PERF, ['DynamoGraphDeployment/qwen36-dynamo-fd-ec']],
    ]);
  });

  it('places engine ConfigMaps before the graph that mounts them, and draft-model downloads with the download', () => {
    const { steps } = plan('kimi-k25', 'gb200');
    const by = (key: string) => steps.find((s) => s.key === key)!;
    const downloads = steps.filter((s) => s.role === DeployRole.MODEL_DOWNLOAD).map((s) => s.key);
    expect(downloads).toEqual(['Job/kimi-k25-model-download', 'Job/kimi-k25-model-download-2']);
    const configs = steps.filter((s) => s.role === DeployRole.SERVING_CONFIG);
    expect(configs.length).toBeGreaterThan(0);
    for (const config of configs) {
      const graph = steps.find((s) => s.group === config.group && s.role === DeployRole.SERVING)!;
      expect(graph.dependsOn).toContain(config.key);
      expect(by(config.key).dependsOn).toEqual(graph.dependsOn.filter((d) => !d.startsWith('ConfigMap/')));
    }
    expect(plan('deepseek-v32', 'gb200').steps.some((s) => s.role === DeployRole.SERVING_CONFIG)).toBe(true);
  });

  it('keeps every rendered object, exactly as rendered', () => {
    const { files, steps } = plan('qwen3-32b', 'h200');
    const rendered = files.flatMap((f) => f.objects);
    expect(steps.map((s) => s.object)).toEqual(expect.arrayContaining(rendered));
    expect(steps).toHaveLength(rendered.length);
    for (const s of steps) expect(rendered).toContain(s.object);
  });

  it('without a dataset, serving waits for the model download', () => {
    const { steps } = plan('qwen3-32b-h20', 'h20');
    expect(steps.some((s) => s.role === DeployRole.DATASET)).toBe(false);
    for (const s of steps.filter((x) => x.role === DeployRole.SERVING || x.role === DeployRole.SERVICE)) {
      expect(s.dependsOn).toEqual(['Job/qwen3-32b-h20-model-download']);
    }
  });

  it('a created HF token Secret comes first and gates the download', () => {
    const { steps } = plan('qwen3vl', 'gb200', true);
    expect(steps[0]).toMatchObject({ key: 'Secret/tok', role: DeployRole.HF_TOKEN, object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tok' }, type: 'Opaque' } });
    expect(steps.find((s) => s.role === DeployRole.MODEL_DOWNLOAD)!.dependsOn).toEqual([
      'PersistentVolumeClaim/model-cache', 'PersistentVolumeClaim/compilation-cache', 'PersistentVolumeClaim/perf-cache', 'Secret/tok',
    ]);
  });

  it('waits: Jobs for their deadline plus a margin, serving objects for the ready timeout, the DGD through its state', () => {
    const { steps } = plan('qwen36', 'h100');
    const by = (key: string) => steps.find((s) => s.key === key)!;
    expect(by('Job/qwen36-model-download').timeouts).toEqual({ create: '6h10m', update: '6h10m' });
    expect(by('Job/qwen36-dataset').timeouts).toEqual({ create: '1h10m', update: '1h10m' });
    expect(by('Job/qwen36-dynamo-fd-perf').timeouts).toEqual({ create: '12h10m', update: '12h10m' });
    expect(by('DynamoGraphDeployment/qwen36-dynamo-fd').timeouts).toEqual({ create: '1h30m', update: '1h30m' });
    expect(by('DynamoGraphDeployment/qwen36-dynamo-fd').awaitAnnotations).toEqual({ 'pulumi.com/waitFor': 'jsonpath={.status.state}=successful' });
    expect(by('Deployment/qwen36-vllm-serve').awaitAnnotations).toEqual({});
    expect(by('PersistentVolumeClaim/shared-model-cache').timeouts).toBeUndefined();
  });

  it('refuses an object it has no place for, naming it', () => {
    const { layout, files } = plan('qwen36', 'h100');
    const extra = files.map((f, i) => (i === 0 ? { ...f, objects: [...f.objects, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' } }] } : f));
    expect(() => planDeployment(layout, extra, { readyTimeoutMinutes: 1 })).toThrow('h100/qwen36/prep.k8s.yaml: ServiceAccount/x has no place in the deploy order');
  });
});

describe('cacheProtection', () => {
  it('protects the claims with weights or results; the compilation-only claim is retained but not protected', () => {
    const { layout } = plan('qwen3vl', 'gb200');
    expect(cacheProtection(layout, 'model-cache')).toEqual({ retainOnDelete: true, protect: true });
    expect(cacheProtection(layout, 'perf-cache')).toEqual({ retainOnDelete: true, protect: true });
    expect(cacheProtection(layout, 'compilation-cache')).toEqual({ retainOnDelete: true, protect: false });
  });

  it('protects the one shared claim', () => {
    const { layout } = plan('qwen36', 'gb200');
    expect(cacheProtection(layout, 'shared-model-cache')).toEqual({ retainOnDelete: true, protect: true });
  });
});

describe('durations', () => {
  it('goDuration', () => {
    expect([goDuration(0), goDuration(45), goDuration(60), goDuration(370), goDuration(730)]).toEqual(['0m', '45m', '1h', '6h10m', '12h10m']);
  });

  it('a Job without a deadline gets an hour', () => {
    expect(jobTimeouts({ kind: 'Job', spec: {} })).toEqual({ create: '1h', update: '1h' });
  });
});
