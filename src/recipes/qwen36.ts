/**
 * Qwen3.6 Frontend and Cache Benchmark (seed 000): on one GPU, plain `vllm serve` vs Dynamo with frontend
 * decoding vs Dynamo with frontend decoding and an 8 GiB embedding cache.
 * Upstream: ai-dynamo/dynamo recipes/qwen3.6-35b.
 */
import { Construct } from 'constructs';
import {
  CacheLayouts, DynamoGraph, LaunchOptions, LaunchStyle, RequestLogging, RequestPlane,
  Topologies, VllmEngineOptions, VllmServe,
} from '../constructs';
import { DatasetMode } from '../dataset/options';
import { QWEN3_6_35B_A3B_FP8 } from '../models';
import { ConfigurationContext, defineComparison } from './comparison';

/** Engine settings every configuration shares: the only differences are the Dynamo features. */
const engine: VllmEngineOptions = {
  gpuMemoryUtilization: 0.85,
  maxModelLen: 32768,
  mmProcessorCacheGiB: 30,
  prefixCaching: true,
  toolCallParser: 'qwen3_coder',
  reasoningParser: 'qwen3',
  requestLogging: RequestLogging.OFF,
};

const launch: LaunchOptions = { style: LaunchStyle.SHELL, lockMemory: true, modelFromEnv: true };

/** A one-GPU aggregated Dynamo graph with frontend decoding and, optionally, an embedding cache. */
function dynamo(scope: Construct, ctx: ConfigurationContext, embeddingCacheGiB?: number): DynamoGraph {
  return new DynamoGraph(scope, 'Graph', {
    name: ctx.objectName,
    model: QWEN3_6_35B_A3B_FP8,
    hardware: ctx.hardware,
    labels: ctx.labels,
    topology: Topologies.aggregated({ replicas: 1, tensorParallel: 1 }),
    caches: { model: ctx.caches.model },
    engine,
    launch,
    multimodal: { frontendDecoding: true, embeddingCacheGiB },
    requestPlane: RequestPlane.TCP,
    offline: true,
    // Frontend decoding moves image decode and base64 parsing onto the frontend's CPUs.
    frontend: {
      httpBodyLimitMiB: 200,
      resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '8', memory: '32Gi' } },
    },
  });
}

export const qwen36 = defineComparison({
  name: 'qwen36',
  title: 'Qwen3.6 Frontend and Cache Benchmark',
  seed: '000_e6ac697d7db0953b',
  prefix: 'qwen36',
  model: QWEN3_6_35B_A3B_FP8,
  targets: ['h100', 'gb200'],
  caches: CacheLayouts.shared('qwen36-bench'),
  baseline: 'vllm-serve',
  workload: {
    // 30 users × 8 turns, 5-image window (each turn shares 4 images with the user's previous one), 2400x1080.
    dataset: { mode: DatasetMode.SLIDING_WINDOW, users: 30, turns: 8, window: 5, words: 8000, width: 2400, height: 1080 },
    load: { kind: 'single', requestCount: 240, concurrency: 30, warmupRequestCount: 2, output: { tokens: 1024 } },
    // Encoding 240 multimodal requests takes a while; upstream raises AIPerf's set-up timeouts to 30 min.
    env: { AIPERF_DATASET_CONFIGURATION_TIMEOUT: '1800', AIPERF_SERVICE_PROFILE_CONFIGURE_TIMEOUT: '1800' },
  },
  configurations: [
    {
      name: 'vllm-serve',
      description: 'Vanilla vllm serve: Deployment + Service, no Dynamo',
      deploy: (scope, ctx) => new VllmServe(scope, 'Server', {
        name: ctx.objectName,
        model: QWEN3_6_35B_A3B_FP8,
        hardware: ctx.hardware,
        labels: ctx.labels,
        caches: { model: ctx.caches.model, compilation: ctx.caches.compilation },
        engine,
        launch,
      }),
    },
    {
      name: 'dynamo-fd',
      description: 'Dynamo, frontend decoding on, embedding cache off: isolates the frontend effect',
      deploy: (scope, ctx) => dynamo(scope, ctx),
    },
    {
      name: 'dynamo-fd-ec',
      description: 'Dynamo, frontend decoding and an 8 GiB embedding cache per worker',
      deploy: (scope, ctx) => dynamo(scope, ctx, 8),
    },
  ],
});
