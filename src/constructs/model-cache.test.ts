import { Testing } from 'cdk8s';
import { CacheLayouts, ModelCache } from './model-cache';
import { ModelDownload } from './model-download';
import { QWEN3_32B } from '../models';

describe('ModelCache', () => {
  it('separate layout: three ReadWriteMany claims with the upstream sizes', () => {
    const chart = Testing.chart();
    const cache = new ModelCache(chart, 'C', { storageClassName: 'rwx', layout: CacheLayouts.separate() });
    const pvcs = Testing.synth(chart);
    expect(pvcs.map((p) => [p.metadata.name, p.spec.resources.requests.storage, p.spec.accessModes, p.spec.storageClassName])).toEqual([
      ['model-cache', '100Gi', ['ReadWriteMany'], 'rwx'],
      ['compilation-cache', '50Gi', ['ReadWriteMany'], 'rwx'],
      ['perf-cache', '50Gi', ['ReadWriteMany'], 'rwx'],
    ]);
    expect(cache.compilation).toEqual({ claimName: 'compilation-cache' });
  });

  it('shared layout: one claim, caches in sub-directories', () => {
    const chart = Testing.chart();
    const cache = new ModelCache(chart, 'C', { storageClassName: 'rwx', layout: CacheLayouts.shared('bench') });
    expect(Testing.synth(chart)).toHaveLength(1);
    expect([cache.model, cache.compilation, cache.perf]).toEqual([
      { claimName: 'shared-model-cache' },
      { claimName: 'shared-model-cache', subPath: 'bench/vllm-cache' },
      { claimName: 'shared-model-cache', subPath: 'bench/perf-cache' },
    ]);
  });
});

describe('ModelDownload', () => {
  it('downloads the pinned revision into HF_HOME with the token Secret, bounded retries and deadline', () => {
    const chart = Testing.chart();
    new ModelDownload(chart, 'D', { name: 'dl', model: QWEN3_32B, cache: { claimName: 'model-cache' }, hfTokenSecret: 'hf-token-secret' });
    const [job] = Testing.synth(chart);
    expect(job.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 21600 });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    const c = job.spec.template.spec.containers[0];
    expect(c.envFrom).toEqual([{ secretRef: { name: 'hf-token-secret' } }]);
    expect(c.env).toContainEqual({ name: 'MODEL_REVISION', value: '9216db5781bf21249d130ec9da846c4624c16137' });
    expect(c.args[0]).toContain('hf download "$MODEL_NAME" --revision "$MODEL_REVISION"');
    expect(c.volumeMounts).toEqual([{ name: 'model-cache', mountPath: '/home/dynamo/.cache/huggingface' }]);
  });

  it('a low-memory transfer lowers the memory request with the Xet buffers', () => {
    const chart = Testing.chart();
    new ModelDownload(chart, 'D', { name: 'dl', model: QWEN3_32B, cache: { claimName: 'm' }, highPerformanceTransfer: false });
    const c = Testing.synth(chart)[0].spec.template.spec.containers[0];
    expect(c.env).toContainEqual({ name: 'HF_XET_HIGH_PERFORMANCE', value: '0' });
    expect(c.resources.requests.memory).toBe('8Gi');
  });
});
