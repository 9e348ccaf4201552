/**
 * Qwen3-32B KV Routing A/B (seed 003), 16× H200 over two nodes: 8 aggregated TP2 workers behind round-robin
 * routing vs 6 prefill + 2 decode TP2 workers behind the KV-aware router; Mooncake conversation trace
 * replayed on its own schedule, goodput at TTFT 2 s / ITL 25 ms.
 * Upstream: ai-dynamo/dynamo recipes/qwen3-32b/vllm/{agg-round-robin,disagg-kv-router}.
 */
import { CacheLayouts, DynamoGraph, DynamoGraphProps, RequestLogging, RouterMode, Topologies, VllmEngineOptions } from '../constructs';
import { DatasetMode } from '../dataset/options';
import { QWEN3_32B } from '../models';
import { ConfigurationContext, defineComparison } from './comparison';

/** 128K context through YaRN rope scaling (4× the native 32K). */
const engine: VllmEngineOptions = {
  gpuMemoryUtilization: 0.9,
  asyncScheduling: true,
  blockSize: 64,
  maxModelLen: 131072,
  hfOverrides: {
    rope_scaling: { rope_type: 'yarn', factor: 4.0, original_max_position_embeddings: 32768 },
    max_position_embeddings: 131072,
  },
  // The runtimes this recipe was validated with still take the pre-0.10.2 flag.
  requestLogging: RequestLogging.OFF_LEGACY,
};

/** What both configurations share. */
function common(ctx: ConfigurationContext): Omit<DynamoGraphProps, 'topology' | 'frontend'> {
  return {
    name: ctx.objectName,
    model: QWEN3_32B,
    hardware: ctx.hardware,
    labels: ctx.labels,
    caches: { model: ctx.caches.model, compilation: ctx.caches.compilation },
    engine,
    healthChecks: false,
    hfTokenSecret: ctx.comparison.hfTokenSecret,
  };
}

const frontendResources = { requests: { cpu: '8' }, limits: { cpu: '8' } };

export const qwen3_32bKvRouting = defineComparison({
  name: 'qwen3-32b',
  title: 'Qwen3-32B KV Routing A/B',
  seed: '003_d48c442bcdffd225',
  prefix: 'qwen3-32b',
  model: QWEN3_32B,
  targets: ['h200'],
  caches: CacheLayouts.separate(),
  hfTokenSecret: 'hf-token-secret',
  baseline: 'agg-round-robin',
  workload: {
    dataset: {
      mode: DatasetMode.TRACE,
      source: 'https://raw.githubusercontent.com/kvcache-ai/Mooncake/main/FAST25-release/traces/conversation_trace.jsonl',
    },
    load: { kind: 'replay' },
    goodput: { timeToFirstTokenMs: 2000, interTokenLatencyMs: 25 },
  },
  configurations: [
    {
      name: 'agg-round-robin',
      description: '8 aggregated TP2 workers, round-robin routing',
      objectName: 'agg-8xtp2',
      deploy: (scope, ctx) => new DynamoGraph(scope, 'Graph', {
        ...common(ctx),
        topology: Topologies.aggregated({ replicas: 8, tensorParallel: 2 }, { labelAsDecode: true }),
        frontend: { routerResetStates: true, resources: frontendResources },
      }),
    },
    {
      name: 'disagg-kv-router',
      description: '6 prefill + 2 decode TP2 workers, KV-aware routing',
      objectName: 'disagg-router-6p-2d',
      deploy: (scope, ctx) => new DynamoGraph(scope, 'Graph', {
        ...common(ctx),
        topology: Topologies.disaggregated(
          {
            replicas: 6,
            tensorParallel: 2,
            podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9400', 'prometheus.io/path': '/metrics' },
          },
          // Decode workers receive their KV from prefill: a local prefix cache would only cost memory.
          { replicas: 2, tensorParallel: 2, engine: { prefixCaching: false } },
        ),
        frontend: { routerMode: RouterMode.KV, routerResetStates: true, resources: frontendResources },
      }),
    },
  ],
});
