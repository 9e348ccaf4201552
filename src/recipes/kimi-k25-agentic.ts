/**
 * The agentic-coding throughput stack: Kimi-K2.5 NVFP4 on 24× GB200 (6 trays of 4), TensorRT-LLM. An aggregated
 * round-robin control (3 workers of TEP8 over 2 trays each) against the features added one at a time: Eagle3
 * speculative decoding, then KV-aware routing, then P/D with TensorRT-LLM's host-memory KV offload on prefill
 * (3 DEP4 prefill + 3 TEP4 decode workers). Goodput at TTFT 5 s / ITL 10 ms.
 * Upstream: ai-dynamo/dynamo recipes/kimi-k2.5/trtllm/{agg-round-robin,agg-eagle-round-robin,agg-eagle-kv-router,disagg-eagle-kv-router}.
 *
 * Workload: the AIPerf agentic-coding trace (`1k_sessions_200k_ctx`, generated with AIPerf's agentic_code_gen, see
 * the upstream README), copied to {@link KIMI_TRACE_SOURCE} on the benchmark cache before the dataset Job runs.
 * Upstream sends it at a fixed concurrency (32 for P/D, 24 and 8 for the aggregated arms) for 30 minutes; our
 * load types replay a trace on its own timestamps only, so every configuration replays it on its schedule.
 */
import {
  Backend, CacheLayouts, DynamoGraph, DynamoGraphProps, MountPaths, RequestPlane, RouterMode, SpeculativeMethod, Topologies, TrtllmEagleDecodingType,
  TrtllmEngineConfig, TrtllmOptions,
} from '../constructs';
import { DatasetMode } from '../dataset/options';
import { KIMI_K2_5_EAGLE3, KIMI_K2_5_NVFP4 } from '../models';
import { Configuration, ConfigurationContext, defineComparison } from './comparison';

/** ResourceClaimTemplate of the GB200 ComputeDomain the workers join (a site object, see the DeepSeek-V3.2 recipe). */
export const KIMI_COMPUTE_DOMAIN_CHANNEL = 'gb200-compute-domain-channel';

/** Where the agentic trace must be, on the benchmark cache, when the dataset Job runs. */
export const KIMI_TRACE_SOURCE = `${MountPaths.PERF_CACHE}/traces/agent_trace_data/dataset.jsonl`;

/** Environment of every worker (upstream's graph-level `spec.envs`). */
const GRAPH_ENV: Readonly<Record<string, string>> = { NCCL_MNNVL_ENABLE: '1', NCCL_CUMEM_ENABLE: '1', TLLM_LOG_LEVEL: 'info' };

/** Aggregated workers' environment. */
const AGG_ENV: Readonly<Record<string, string>> = {
  TRITON_CACHE_DIR: '/tmp/.triton-cache',
  HF_MODULES_CACHE: '/tmp/hf_modules',
  NCCL_SOCKET_IFNAME: 'eth0',
  GLOO_SOCKET_IFNAME: 'eth0',
  NCCL_GRAPH_MIXING_SUPPORT: '0',
  TRTLLM_ENABLE_PDL: '1',
};

/** Zero-copy KV transfer between prefill and decode workers. */
const ZERO_COPY_KV_ENV: Readonly<Record<string, string>> = { TRTLLM_TRY_ZCOPY_FOR_KVCACHE_TRANSFER: '1', TRTLLM_KVCACHE_TRANSFER_BUFFER_SIZE: '0B' };

/** The parsers every worker runs (`--dyn-tool-call-parser`, `--dyn-reasoning-parser`). */
const parsers: TrtllmOptions = { toolCallParser: 'kimi_k2', reasoningParser: 'kimi_k25' };

const CUDA_GRAPH_BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128];
const NVFP4_GEMM_BACKENDS = ['cutlass', 'cublaslt', 'cuda_core'];

/** What the tensor/expert-parallel engines (aggregated TEP8, decode TEP4) share: CUDA graphs, CUTLASS MoE, NVFP4 GEMMs. */
const tepEngine: TrtllmEngineConfig = {
  allreduceStrategy: 'MNNVL',
  cudaGraphConfig: { batchSizes: CUDA_GRAPH_BATCH_SIZES, enablePadding: true },
  maxBatchSize: 128,
  moeConfig: { backend: 'CUTLASS', useLowPrecisionMoeCombine: true },
  nvfp4GemmBackends: NVFP4_GEMM_BACKENDS,
  printIterLog: true,
  streamInterval: 10,
  trustRemoteCode: true,
};

/** TEP8 aggregated engine: tensor and expert parallel, no attention DP. */
const aggregatedEngine: TrtllmEngineConfig = {
  ...tepEngine,
  maxNumTokens: 8192,
  enableChunkedPrefill: true,
  kvCacheConfig: { dtype: 'fp8', enableBlockReuse: true, freeGpuMemoryFraction: 0.75, tokensPerBlock: 32 },
};

const transceiver = { backend: 'UCX', maxTokensInBuffer: 0, kvTransferSenderFutureTimeoutMs: 30000 };

/** DEP4 prefill engine: attention DP, no CUDA graphs, host KV tier from the graph's kvOffload. */
const prefillEngine: TrtllmEngineConfig = {
  cacheTransceiverConfig: transceiver,
  allreduceStrategy: 'MNNVL',
  maxBatchSize: 4,
  maxNumTokens: 8192,
  enableChunkedPrefill: true,
  maxSeqLen: 200000,
  pipelineParallelSize: 1,
  printIterLog: true,
  streamInterval: 100,
  trustRemoteCode: true,
  cudaGraphConfig: null,
  disableOverlapScheduler: true,
  moeConfig: { backend: 'TRTLLM' },
  kvCacheConfig: { enableBlockReuse: true, freeGpuMemoryFraction: 0.6, secondaryOffloadMinPriority: 35, dtype: 'fp8', tokensPerBlock: 32 },
};

/** TEP4 decode engine. */
const decodeEngine: TrtllmEngineConfig = {
  ...tepEngine,
  cacheTransceiverConfig: transceiver,
  maxNumTokens: 640,
  kvCacheConfig: { dtype: 'fp8', enableBlockReuse: false, freeGpuMemoryFraction: 0.85, tokensPerBlock: 32 },
};

/** Eagle3 draft head, 3 tokens per step. */
function eagle(decodingType: TrtllmEagleDecodingType): DynamoGraphProps['speculative'] {
  return { method: SpeculativeMethod.EAGLE3, draftModel: KIMI_K2_5_EAGLE3.id, numSpeculativeTokens: 3, trtllmDecodingType: decodingType };
}

/** What every configuration shares. */
function graphProps(ctx: ConfigurationContext): Omit<DynamoGraphProps, 'topology' | 'frontend'> {
  return {
    name: ctx.objectName,
    backend: Backend.TRTLLM,
    model: KIMI_K2_5_NVFP4,
    hardware: ctx.hardware,
    labels: ctx.labels,
    caches: { model: ctx.caches.model },
    trtllm: parsers,
    requestPlane: RequestPlane.NATS,
    // Upstream publishes KV events from every worker, round-robin arms included.
    kvEvents: true,
    offline: true,
    computeDomain: { resourceClaimTemplateName: KIMI_COMPUTE_DOMAIN_CHANNEL },
    workerEnv: GRAPH_ENV,
    hfTokenSecret: ctx.comparison.hfTokenSecret,
  };
}

/** 3 aggregated TEP8 workers over 2 trays each. */
const aggregated = Topologies.aggregated({
  replicas: 3, tensorParallel: 8, expertParallel: true, nodes: 2, trtllm: { engine: aggregatedEngine }, env: AGG_ENV,
});

/** An aggregated arm: the shared graph with a routing mode and, optionally, Eagle3. */
function aggregatedArm(name: string, objectName: string, description: string, routerMode: RouterMode, withEagle: boolean): Configuration {
  return {
    name,
    objectName,
    description,
    deploy: (scope, ctx) => new DynamoGraph(scope, 'Graph', {
      ...graphProps(ctx),
      topology: aggregated,
      ...(withEagle ? { speculative: eagle(TrtllmEagleDecodingType.EAGLE3) } : {}),
      frontend: { routerMode },
    }),
  };
}

export const kimiK25Agentic = defineComparison({
  name: 'kimi-k25',
  title: 'Kimi-K2.5 NVFP4 agentic coding: KV routing, Eagle3, P/D and KV offload composed (24× GB200)',
  prefix: 'kimi-k25',
  model: KIMI_K2_5_NVFP4,
  extraModels: [KIMI_K2_5_EAGLE3],
  targets: ['gb200'],
  caches: CacheLayouts.separate(),
  hfTokenSecret: 'hf-token-secret',
  baseline: 'agg-round-robin',
  workload: {
    dataset: { mode: DatasetMode.TRACE, source: KIMI_TRACE_SOURCE, fileName: 'kimi-k25-agentic-trace.jsonl' },
    load: { kind: 'replay' },
    goodput: { timeToFirstTokenMs: 5000, interTokenLatencyMs: 10 },
    env: {
      AIPERF_HTTP_CONNECTION_LIMIT: '200',
      AIPERF_HTTP_SO_RCVTIMEO: '120',
      AIPERF_SERVICE_PROFILE_CONFIGURE_TIMEOUT: '3600',
      AIPERF_DATASET_CONFIGURATION_TIMEOUT: '3600',
    },
  },
  configurations: [
    aggregatedArm('agg-round-robin', 'kimi-k25-agg-rr', '3 aggregated TEP8 workers (2 trays each), round-robin routing', RouterMode.ROUND_ROBIN, false),
    aggregatedArm('agg-eagle-round-robin', 'kimi-k25-agg-rr-eagle', '+ Eagle3 speculative decoding (3 draft tokens)', RouterMode.ROUND_ROBIN, true),
    aggregatedArm('agg-eagle-kv-router', 'kimi-k25-agg-kv-eagle', '+ KV-aware routing', RouterMode.KV, true),
    {
      name: 'disagg-eagle-kv-router',
      objectName: 'kimi-k25-disagg-kv-eagle',
      description: '+ P/D: 3 DEP4 prefill (100 GiB host KV offload) + 3 TEP4 decode workers, one tray each',
      deploy: (scope, ctx) => new DynamoGraph(scope, 'Graph', {
        ...graphProps(ctx),
        workerEnv: { ...GRAPH_ENV, TRTLLM_ENABLE_PDL: '1' },
        topology: Topologies.disaggregated(
          {
            replicas: 3, tensorParallel: 4, dataParallel: 4, expertParallel: true, trtllm: { engine: prefillEngine },
            env: { HF_MODULES_CACHE: '/tmp/hf_modules', NCCL_GRAPH_MIXING_SUPPORT: '0', ...ZERO_COPY_KV_ENV },
          },
          {
            replicas: 3, tensorParallel: 4, expertParallel: true, trtllm: { engine: decodeEngine },
            env: {
              TRITON_CACHE_DIR: '/tmp/.triton-cache',
              HF_MODULES_CACHE: '/tmp/hf_modules',
              NCCL_SOCKET_IFNAME: 'eth0',
              GLOO_SOCKET_IFNAME: 'eth0',
              NCCL_GRAPH_MIXING_SUPPORT: '0',
              ENABLE_CONFIGURABLE_MOE: '1',
              ...ZERO_COPY_KV_ENV,
              NCCL_NVLS_ENABLE: '1',
              NVIDIA_GDRCOPY: '1',
            },
          },
        ),
        speculative: eagle(TrtllmEagleDecodingType.EAGLE),
        kvOffload: { hostCacheGiB: 100 },
        frontend: { routerMode: RouterMode.KV },
      }),
    },
  ],
});
