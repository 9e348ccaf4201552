/**
 * DeepSeek-V3.2 NVFP4 on 32× GB200 (8 trays of 4), TensorRT-LLM: an aggregated round-robin control (4 workers of
 * TP8 with attention DP and expert parallelism, each over 2 trays) against KV-aware routing + WideEP + P/D
 * (2 prefill and 2 decode workers of the same shape, decode on the WIDEEP MoE backend). A Mooncake-based synthetic
 * coding trace is replayed on its own schedule; goodput at TTFT 20 s / ITL 50 ms.
 * Upstream: ai-dynamo/dynamo recipes/deepseek-v32-fp4/trtllm/{agg-round-robin,disagg-kv-router}.
 *
 * The trace is not downloadable: synthesize it with Dynamo's prefix data generator (`datagen synthesize` on the
 * Mooncake `conversation_trace.jsonl`, `--max-isl 110000`, see the upstream README) and copy it to
 * {@link DSV32_TRACE_SOURCE} on the benchmark cache before the dataset Job runs. Upstream also warms up with 10
 * synthetic requests (ISL 10000, OSL 200, concurrency 4) before the replay; our replay load has no warm-up.
 */
import { Backend, CacheLayouts, DynamoGraph, DynamoGraphProps, MountPaths, RequestPlane, RouterMode, Topologies, TrtllmEngineConfig } from '../constructs';
import { DatasetMode } from '../dataset/options';
import { DEEPSEEK_V3_2_NVFP4 } from '../models';
import { ConfigurationContext, defineComparison } from './comparison';

/**
 * ResourceClaimTemplate of the GB200 ComputeDomain the workers join (multi-node NVLink across trays). A site
 * object: create a ComputeDomain (resource.nvidia.com/v1beta1, `numNodes: 0`) whose
 * `spec.channel.resourceClaimTemplate.name` is this name, in the namespace of the comparison.
 */
export const GB200_COMPUTE_DOMAIN_CHANNEL = 'gb200-compute-domain-channel';

/** Where the synthesized trace must be, on the benchmark cache, when the dataset Job runs. */
export const DSV32_TRACE_SOURCE = `${MountPaths.PERF_CACHE}/traces/conversation_trace_synth_16.00x1+10.00_speedup1_maxisl110000.jsonl`;

/** NCCL / UCX / TensorRT-LLM environment of every worker: multi-node NVLink (MNNVL) collectives and KV transfer. */
const MNNVL_ENV: Readonly<Record<string, string>> = {
  TRITON_CACHE_DIR: `${MountPaths.HF_HOME}/.triton-cache`,
  NCCL_DEBUG: 'INFO',
  NCCL_MNNVL_ENABLE: '1',
  NCCL_CUMEM_ENABLE: '1',
  NCCL_NVLS_ENABLE: '1',
  NVIDIA_GDRCOPY: '1',
  UCX_CUDA_IPC_ENABLE_MNNVL: '1',
  NCCL_SOCKET_IFNAME: 'eth0',
  GLOO_SOCKET_IFNAME: 'eth0',
  NCCL_STORE_TIMEOUT: '7200',
  TRTLLM_MOE_ENABLE_ALLTOALL_WITHOUT_ALLGATHER: '1',
  TRTLLM_ENABLE_PDL: '1',
  TRTLLM_SERVER_DISABLE_GC: '1',
  TRTLLM_WORKER_DISABLE_GC: '1',
  NCCL_GRAPH_MIXING_SUPPORT: '0',
  TLLM_LOG_LEVEL: 'INFO',
};

/** What decode-heavy workers (aggregated, decode) add: two-sided NVLink MoE communication. */
const DECODE_ENV: Readonly<Record<string, string>> = { TRTLLM_FORCE_COMM_METHOD: 'NVLINK_TWO_SIDED', ENABLE_CONFIGURABLE_MOE: '1' };

/** Engine settings every role shares. */
const sharedEngine: TrtllmEngineConfig = {
  cacheTransceiverConfig: { backend: 'UCX', maxTokensInBuffer: 120000 },
  maxNumTokens: 8192,
  maxSeqLen: 121000,
  printIterLog: true,
};

const aggregatedEngine: TrtllmEngineConfig = {
  ...sharedEngine,
  allreduceStrategy: 'MNNVL',
  enableChunkedPrefill: true,
  disableOverlapScheduler: true,
  cudaGraphConfig: { maxBatchSize: 8, enablePadding: true },
  kvCacheConfig: { dtype: 'fp8', enableBlockReuse: false, freeGpuMemoryFraction: 0.9, tokensPerBlock: 64 },
  maxBatchSize: 8,
  moeConfig: { backend: 'TRTLLM', useLowPrecisionMoeCombine: true },
  streamInterval: 10,
};

const prefillEngine: TrtllmEngineConfig = {
  ...sharedEngine,
  enableChunkedPrefill: true,
  cudaGraphConfig: { maxBatchSize: 32, enablePadding: true },
  disableOverlapScheduler: true,
  kvCacheConfig: { dtype: 'fp8', enableBlockReuse: true, freeGpuMemoryFraction: 0.9, tokensPerBlock: 64 },
  maxBatchSize: 32,
  moeConfig: { backend: 'TRTLLM' },
};

const decodeEngine: TrtllmEngineConfig = {
  ...sharedEngine,
  allreduceStrategy: 'MNNVL',
  cudaGraphConfig: { maxBatchSize: 8, enablePadding: true },
  kvCacheConfig: { dtype: 'fp8', enableBlockReuse: false, freeGpuMemoryFraction: 0.9, tokensPerBlock: 64 },
  maxBatchSize: 8,
  moeConfig: { backend: 'WIDEEP', useLowPrecisionMoeCombine: true },
  streamInterval: 10,
};

/** A WideEP worker: TP8 with attention DP and MoE experts over all 8 GPUs, spread over 2 trays. */
const wideEp = { tensorParallel: 8, dataParallel: 8, expertParallel: true, nodes: 2 } as const;

/** What both configurations share. */
function graphProps(ctx: ConfigurationContext): Omit<DynamoGraphProps, 'topology' | 'frontend'> {
  return {
    name: ctx.objectName,
    backend: Backend.TRTLLM,
    model: DEEPSEEK_V3_2_NVFP4,
    hardware: ctx.hardware,
    labels: ctx.labels,
    caches: { model: ctx.caches.model },
    requestPlane: RequestPlane.NATS,
    // Upstream publishes KV events from every worker, round-robin control included.
    kvEvents: true,
    computeDomain: { resourceClaimTemplateName: GB200_COMPUTE_DOMAIN_CHANNEL },
    workerEnv: MNNVL_ENV,
    hfTokenSecret: ctx.comparison.hfTokenSecret,
  };
}

export const deepseekV32Nvfp4 = defineComparison({
  name: 'deepseek-v32',
  title: 'DeepSeek-V3.2 NVFP4: KV routing + WideEP + P/D vs aggregated round-robin (32× GB200)',
  prefix: 'dsv32',
  model: DEEPSEEK_V3_2_NVFP4,
  targets: ['gb200'],
  caches: CacheLayouts.separate(),
  hfTokenSecret: 'hf-token-secret',
  baseline: 'agg-round-robin',
  workload: {
    dataset: { mode: DatasetMode.TRACE, source: DSV32_TRACE_SOURCE, fileName: 'dsv32-coding-trace.jsonl' },
    load: { kind: 'replay' },
    goodput: { timeToFirstTokenMs: 20000, interTokenLatencyMs: 50 },
    env: { AIPERF_HTTP_CONNECTION_LIMIT: '200', AIPERF_HTTP_SO_RCVTIMEO: '120' },
  },
  configurations: [
    {
      name: 'agg-round-robin',
      objectName: 'agg-round-robin-dsv32-nvfp4',
      description: '4 aggregated WideEP workers (TP8, attention DP, EP8; 2 trays each), round-robin routing',
      deploy: (scope, ctx) => new DynamoGraph(scope, 'Graph', {
        ...graphProps(ctx),
        topology: Topologies.aggregated({ replicas: 4, ...wideEp, trtllm: { engine: aggregatedEngine }, env: DECODE_ENV }),
        frontend: { routerMode: RouterMode.ROUND_ROBIN },
      }),
    },
    {
      name: 'disagg-kv-router',
      objectName: 'disagg-kv-dsv32-nvfp4',
      description: '2 prefill + 2 decode WideEP workers (TP8, attention DP, EP8; 2 trays each), KV-aware routing',
      deploy: (scope, ctx) => new DynamoGraph(scope, 'Graph', {
        ...graphProps(ctx),
        serviceNames: { prefill: 'prefill', decode: 'dec' },
        topology: Topologies.disaggregated(
          { replicas: 2, ...wideEp, trtllm: { engine: prefillEngine } },
          { replicas: 2, ...wideEp, trtllm: { engine: decodeEngine }, env: { ENROOT_ALLOW_DEV: 'yes', ...DECODE_ENV } },
        ),
        frontend: { routerMode: RouterMode.KV },
      }),
    },
  ],
});
