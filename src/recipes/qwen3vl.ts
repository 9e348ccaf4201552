/**
 * Qwen3-VL Embedding Cache A/B (seed 001): one aggregated GB200 worker, multimodal embedding cache 10 GB
 * (ON) vs 0 (OFF); 1,000 single-image requests drawn from a 200-image pool (80 % reuse).
 * Upstream: ai-dynamo/dynamo recipes/qwen3-vl-30b/vllm/agg-embedding-cache.
 */
import { Construct } from 'constructs';
import { CacheLayouts, DynamoGraph, LaunchStyle, RequestLogging, RequestPlane, Topologies } from '../constructs';
import { DatasetMode } from '../dataset/options';
import { QWEN3_VL_30B_A3B_INSTRUCT_FP8 } from '../models';
import { ConfigurationContext, defineComparison } from './comparison';

/** The upstream deploy.yaml; the two configurations differ only in the cache size. */
function aggregated(scope: Construct, ctx: ConfigurationContext, embeddingCacheGiB: number): DynamoGraph {
  return new DynamoGraph(scope, 'Graph', {
    name: ctx.objectName,
    model: QWEN3_VL_30B_A3B_INSTRUCT_FP8,
    hardware: ctx.hardware,
    labels: ctx.labels,
    topology: Topologies.aggregated({ replicas: 1, tensorParallel: 1 }),
    caches: { model: ctx.caches.model, compilation: ctx.caches.compilation },
    engine: { gpuMemoryUtilization: 0.85, maxModelLen: 16384, prefixCaching: true, requestLogging: RequestLogging.OFF },
    launch: { style: LaunchStyle.SHELL },
    multimodal: { embeddingCacheGiB },
    requestPlane: RequestPlane.TCP,
    hfTokenSecret: ctx.comparison.hfTokenSecret,
  });
}

export const qwen3vl = defineComparison({
  name: 'qwen3vl',
  title: 'Qwen3-VL Embedding Cache A/B',
  seed: '001_5e9519c83926c658',
  prefix: 'qwen3-vl-agg',
  model: QWEN3_VL_30B_A3B_INSTRUCT_FP8,
  targets: ['gb200'],
  caches: CacheLayouts.separate(),
  hfTokenSecret: 'hf-token-secret',
  baseline: 'cache-off',
  workload: {
    // 1,000 requests of one image each from a pool of 200: the first 200 unique, then 80 % reuse.
    dataset: { mode: DatasetMode.IMAGE_POOL, requests: 1000, pool: 200, words: 400, namePrefix: 'qwen3_vl' },
    load: { kind: 'single', requestCount: 1000, concurrency: 64, warmupRequestCount: 3, output: { tokens: 150 } },
  },
  configurations: [
    { name: 'cache-off', description: 'Embedding cache configured to 0 GB: every image goes through the vision encoder', deploy: (s, ctx) => aggregated(s, ctx, 0) },
    { name: 'cache-on', description: '10 GB embedding cache: repeated images skip the vision encoder', deploy: (s, ctx) => aggregated(s, ctx, 10) },
  ],
});
