import { stringify } from 'yaml';
import { PropChecks } from './checks';
import { CliArg } from './cli-args';

/** `kv_cache_config` of a TensorRT-LLM engine (the host offload tier comes from the graph's `kvOffload`). */
export interface TrtllmKvCacheConfig {
  /**
   * KV cache data type (`dtype`), e.g. `fp8`.
   * @default - the engine's
   */
  readonly dtype?: string;
  /**
   * Reuse cached prefix blocks across requests (`enable_block_reuse`).
   * @default - the engine's
   */
  readonly enableBlockReuse?: boolean;
  /**
   * Fraction of free GPU memory the KV cache takes (`free_gpu_memory_fraction`).
   * @default - the engine's
   */
  readonly freeGpuMemoryFraction?: number;
  /**
   * Tokens per KV block (`tokens_per_block`); also rendered as the worker's `--kv-block-size` for the KV router.
   * @default - the engine's
   */
  readonly tokensPerBlock?: number;
  /**
   * Lowest block priority offloaded to the host tier (`secondary_offload_min_priority`).
   * @default - the engine's
   */
  readonly secondaryOffloadMinPriority?: number;
}

/** `cuda_graph_config`. */
export interface TrtllmCudaGraphConfig {
  /**
   * Largest batch captured (`max_batch_size`).
   * @default - not set
   */
  readonly maxBatchSize?: number;
  /**
   * Exact batch sizes captured (`batch_sizes`).
   * @default - not set
   */
  readonly batchSizes?: readonly number[];
  /**
   * Pad batches up to a captured size (`enable_padding`).
   * @default - not set
   */
  readonly enablePadding?: boolean;
}

/** `moe_config`. */
export interface TrtllmMoeConfig {
  /** MoE kernel backend (`backend`): `TRTLLM`, `CUTLASS`, `WIDEEP`, ... */
  readonly backend: string;
  /**
   * Combine expert outputs in low precision (`use_low_precision_moe_combine`).
   * @default - not set
   */
  readonly useLowPrecisionMoeCombine?: boolean;
}

/** `cache_transceiver_config`: how KV blocks move between prefill and decode workers. */
export interface TrtllmCacheTransceiverConfig {
  /** Transport (`backend`): `UCX`, `NIXL`, ... */
  readonly backend: string;
  /**
   * Staging buffer in tokens (`max_tokens_in_buffer`); `0` for none.
   * @default - not set
   */
  readonly maxTokensInBuffer?: number;
  /**
   * Sender timeout (`kv_transfer_sender_future_timeout_ms`).
   * @default - not set
   */
  readonly kvTransferSenderFutureTimeoutMs?: number;
}

/**
 * TensorRT-LLM LLM-API settings of one worker role, rendered to the YAML file passed with `--extra-engine-args`.
 * Only what the graph cannot derive: parallelism (`tensor_parallel_size`, `moe_expert_parallel_size`,
 * `enable_attention_dp`), the host KV tier (`kv_cache_config.host_cache_size`) and speculative decoding
 * (`speculative_config`) come from the pool and the graph. Unset fields render nothing.
 */
export interface TrtllmEngineConfig {
  /**
   * Largest batch (`max_batch_size`).
   * @default - not set
   */
  readonly maxBatchSize?: number;
  /**
   * Token budget of one step (`max_num_tokens`).
   * @default - not set
   */
  readonly maxNumTokens?: number;
  /**
   * Longest sequence (`max_seq_len`).
   * @default - not set
   */
  readonly maxSeqLen?: number;
  /**
   * Chunked prefill (`enable_chunked_prefill`).
   * @default - not set
   */
  readonly enableChunkedPrefill?: boolean;
  /**
   * Turn the overlap scheduler off (`disable_overlap_scheduler`).
   * @default - not set
   */
  readonly disableOverlapScheduler?: boolean;
  /**
   * All-reduce strategy (`allreduce_strategy`), e.g. `MNNVL` across NVLink domains.
   * @default - not set
   */
  readonly allreduceStrategy?: string;
  /**
   * Pipeline-parallel size (`pipeline_parallel_size`).
   * @default - not set
   */
  readonly pipelineParallelSize?: number;
  /**
   * CUDA graphs; `null` turns them off (`cuda_graph_config: null`).
   * @default - not set
   */
  readonly cudaGraphConfig?: TrtllmCudaGraphConfig | null;
  /**
   * MoE kernels.
   * @default - not set
   */
  readonly moeConfig?: TrtllmMoeConfig;
  /**
   * KV cache.
   * @default - not set (the host tier still follows `kvOffload`)
   */
  readonly kvCacheConfig?: TrtllmKvCacheConfig;
  /**
   * Prefill → decode KV transfer.
   * @default - not set
   */
  readonly cacheTransceiverConfig?: TrtllmCacheTransceiverConfig;
  /**
   * NVFP4 GEMM backends allowed (`nvfp4_gemm_config.allowed_backends`).
   * @default - not set
   */
  readonly nvfp4GemmBackends?: readonly string[];
  /**
   * Log every iteration (`print_iter_log`).
   * @default - not set
   */
  readonly printIterLog?: boolean;
  /**
   * Tokens between streamed responses (`stream_interval`).
   * @default - not set
   */
  readonly streamInterval?: number;
  /**
   * Run the model's own code from the Hub (`trust_remote_code`).
   * @default - not set
   */
  readonly trustRemoteCode?: boolean;
}

/** TensorRT-LLM worker options: the engine file and the few worker flags that are not engine settings. */
export interface TrtllmOptions {
  /**
   * Engine settings; a pool's fields replace the graph's field by field (top level).
   * @default {}
   */
  readonly engine?: TrtllmEngineConfig;
  /**
   * Tool-call parser (`--dyn-tool-call-parser`).
   * @default - not set
   */
  readonly toolCallParser?: string;
  /**
   * Reasoning parser (`--dyn-reasoning-parser`).
   * @default - not set
   */
  readonly reasoningParser?: string;
}

/** How upstream names the Eagle draft in `speculative_config.decoding_type`. */
export enum TrtllmEagleDecodingType {
  /** `Eagle` (upstream Kimi-K2.5 disaggregated). */
  EAGLE = 'Eagle',
  /** `Eagle3` (upstream Kimi-K2.5 aggregated). */
  EAGLE3 = 'Eagle3',
}

/** What the graph and the pool contribute to a role's engine file. */
export interface TrtllmDerivedSettings {
  /** `tensor_parallel_size`. */
  readonly tensorParallel: number;
  /** `moe_expert_parallel_size` (absent: not set). */
  readonly moeExpertParallel?: number;
  /** `enable_attention_dp`. */
  readonly attentionDataParallel: boolean;
  /** `kv_cache_config.host_cache_size` in bytes (absent: no host tier). */
  readonly hostCacheBytes?: number;
  /** `speculative_config` (absent: off). */
  readonly speculative?: { readonly decodingType: TrtllmEagleDecodingType; readonly maxDraftLen: number; readonly draftModel: string };
}

/** Where the engine files are mounted in worker containers. */
export const TRTLLM_CONFIG_MOUNT = '/config';
/** Name of the engine-file volume. */
export const TRTLLM_CONFIG_VOLUME = 'trtllm-config';

/** Merges a pool's options onto the graph's: engine fields replace field by field, parsers likewise. */
export function mergeTrtllmOptions(base: TrtllmOptions = {}, override: TrtllmOptions = {}): TrtllmOptions {
  return { ...base, ...override, engine: { ...base.engine, ...override.engine } };
}

/** The engine file of one role as a plain object with TensorRT-LLM's snake_case keys, in a fixed order. */
export function trtllmEngineObject(engine: TrtllmEngineConfig, derived: TrtllmDerivedSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) out[key] = value;
  };
  set('tensor_parallel_size', derived.tensorParallel);
  set('moe_expert_parallel_size', derived.moeExpertParallel);
  set('enable_attention_dp', derived.attentionDataParallel);
  set('pipeline_parallel_size', engine.pipelineParallelSize);
  set('max_batch_size', engine.maxBatchSize);
  set('max_num_tokens', engine.maxNumTokens);
  set('max_seq_len', engine.maxSeqLen);
  set('enable_chunked_prefill', engine.enableChunkedPrefill);
  set('disable_overlap_scheduler', engine.disableOverlapScheduler);
  set('allreduce_strategy', engine.allreduceStrategy);
  if (engine.cudaGraphConfig === null) out.cuda_graph_config = null;
  else if (engine.cudaGraphConfig) {
    const c = engine.cudaGraphConfig;
    out.cuda_graph_config = compact({ max_batch_size: c.maxBatchSize, batch_sizes: c.batchSizes ? [...c.batchSizes] : undefined, enable_padding: c.enablePadding });
  }
  if (engine.moeConfig) {
    out.moe_config = compact({ backend: engine.moeConfig.backend, use_low_precision_moe_combine: engine.moeConfig.useLowPrecisionMoeCombine });
  }
  const kv = engine.kvCacheConfig;
  if (kv || derived.hostCacheBytes !== undefined) {
    out.kv_cache_config = compact({
      dtype: kv?.dtype,
      enable_block_reuse: kv?.enableBlockReuse,
      free_gpu_memory_fraction: kv?.freeGpuMemoryFraction,
      tokens_per_block: kv?.tokensPerBlock,
      host_cache_size: derived.hostCacheBytes,
      secondary_offload_min_priority: kv?.secondaryOffloadMinPriority,
    });
  }
  if (engine.cacheTransceiverConfig) {
    const t = engine.cacheTransceiverConfig;
    out.cache_transceiver_config = compact({ backend: t.backend, max_tokens_in_buffer: t.maxTokensInBuffer, kv_transfer_sender_future_timeout_ms: t.kvTransferSenderFutureTimeoutMs });
  }
  if (engine.nvfp4GemmBackends) out.nvfp4_gemm_config = { allowed_backends: [...engine.nvfp4GemmBackends] };
  set('print_iter_log', engine.printIterLog);
  set('stream_interval', engine.streamInterval);
  set('trust_remote_code', engine.trustRemoteCode);
  if (derived.speculative) {
    const s = derived.speculative;
    out.speculative_config = { decoding_type: s.decodingType, max_draft_len: s.maxDraftLen, allow_advanced_sampling: true, speculative_model_dir: s.draftModel };
  }
  return out;
}

/** The engine file of one role as YAML. */
export function trtllmEngineYaml(engine: TrtllmEngineConfig, derived: TrtllmDerivedSettings): string {
  return stringify(trtllmEngineObject(engine, derived), { lineWidth: 0 });
}

/**
 * The worker flags of TensorRT-LLM options other than the engine file: `--kv-block-size` (the KV router's block
 * size, equal to the engine's `tokens_per_block`) and the parsers.
 */
export function trtllmWorkerArgs(options: TrtllmOptions): CliArg[] {
  const args: CliArg[] = [];
  const block = options.engine?.kvCacheConfig?.tokensPerBlock;
  if (block !== undefined) args.push(['--kv-block-size', String(block)]);
  if (options.toolCallParser) args.push(['--dyn-tool-call-parser', options.toolCallParser]);
  if (options.reasoningParser) args.push(['--dyn-reasoning-parser', options.reasoningParser]);
  return args;
}

/** Adds the checks of TensorRT-LLM options to `checks`, their fields prefixed with `field`. */
export function checkTrtllmOptions(checks: PropChecks, field: string, options: TrtllmOptions | undefined): void {
  const e = options?.engine;
  if (!e) return;
  const f = `${field}.engine`;
  checks
    .integer(`${f}.maxBatchSize`, e.maxBatchSize, 1, 1_000_000)
    .integer(`${f}.maxNumTokens`, e.maxNumTokens, 1, 10_000_000)
    .integer(`${f}.maxSeqLen`, e.maxSeqLen, 1, 10_000_000)
    .integer(`${f}.pipelineParallelSize`, e.pipelineParallelSize, 1, 64)
    .integer(`${f}.streamInterval`, e.streamInterval, 1, 100_000)
    .integer(`${f}.cudaGraphConfig.maxBatchSize`, e.cudaGraphConfig?.maxBatchSize ?? undefined, 1, 1_000_000)
    .number(`${f}.kvCacheConfig.freeGpuMemoryFraction`, e.kvCacheConfig?.freeGpuMemoryFraction, 0, 1, true)
    .integer(`${f}.kvCacheConfig.tokensPerBlock`, e.kvCacheConfig?.tokensPerBlock, 1, 1024)
    .integer(`${f}.kvCacheConfig.secondaryOffloadMinPriority`, e.kvCacheConfig?.secondaryOffloadMinPriority, 0, 100)
    .integer(`${f}.cacheTransceiverConfig.maxTokensInBuffer`, e.cacheTransceiverConfig?.maxTokensInBuffer, 0, 10_000_000)
    .integer(`${f}.cacheTransceiverConfig.kvTransferSenderFutureTimeoutMs`, e.cacheTransceiverConfig?.kvTransferSenderFutureTimeoutMs, 1, 86_400_000);
  (e.cudaGraphConfig?.batchSizes ?? []).forEach((b, i) => checks.integer(`${f}.cudaGraphConfig.batchSizes[${i}]`, b, 1, 1_000_000));
}

/** Drops undefined values, keeping key order. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
