import { PropChecks, VLLM_BLOCK_SIZES } from './checks';
import { CliArg, fraction } from './cli-args';

/** A JSON object passed to vLLM as a flag value (`--hf-overrides`, `--compilation-config`). */
export type JsonObject = { readonly [key: string]: JsonValue };
/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonObject | readonly JsonValue[];

/** Which server reads the engine options: Dynamo's vLLM worker or plain `vllm serve`. They spell a few flags differently. */
export enum VllmServer {
  /** `python3 -m dynamo.vllm` */
  DYNAMO = 'dynamo',
  /** `vllm serve` */
  VLLM_SERVE = 'vllm-serve',
}

/** How request logging is turned off; the flag changed name in vLLM 0.10.2. */
export enum RequestLogging {
  /** `--no-enable-log-requests` (vLLM ≥ 0.10.2). */
  OFF = 'off',
  /** `--disable-log-requests` (vLLM < 0.10.2 and the runtimes of that era). */
  OFF_LEGACY = 'off-legacy',
}

/**
 * vLLM engine settings shared by every worker of a deployment; roles may override any of them.
 * Each option renders exactly one flag; unset options render nothing (vLLM's default applies).
 * @see https://docs.vllm.ai/en/latest/configuration/engine_args.html
 */
export interface VllmEngineOptions {
  /**
   * Fraction of GPU memory vLLM may use (`--gpu-memory-utilization`).
   * @default - vLLM's default (0.9)
   */
  readonly gpuMemoryUtilization?: number;
  /**
   * Maximum context length (`--max-model-len`).
   * @default - the model's own
   */
  readonly maxModelLen?: number;
  /**
   * KV cache block size in tokens (`--block-size`).
   * @default - vLLM's default
   */
  readonly blockSize?: number;
  /**
   * Token budget of one scheduler step (`--max-num-batched-tokens`).
   * @default - vLLM's default
   */
  readonly maxNumBatchedTokens?: number;
  /**
   * Prefix caching: `true` renders `--enable-prefix-caching`, `false` renders `--no-enable-prefix-caching`.
   * @default - not set: vLLM's default
   */
  readonly prefixCaching?: boolean;
  /**
   * Chunked prefill: `true` renders `--enable-chunked-prefill`, `false` `--no-enable-chunked-prefill`.
   * @default - not set: vLLM's default
   */
  readonly chunkedPrefill?: boolean;
  /**
   * Disable CUDA graphs (`--enforce-eager`).
   * @default false
   */
  readonly enforceEager?: boolean;
  /**
   * Overlap scheduling with execution (`--async-scheduling`).
   * @default false
   */
  readonly asyncScheduling?: boolean;
  /**
   * Hugging Face config overrides (`--hf-overrides`), e.g. a YaRN rope scaling.
   * @default - not set
   */
  readonly hfOverrides?: JsonObject;
  /**
   * Torch compilation settings (`--compilation-config`).
   * @default - not set
   */
  readonly compilationConfig?: JsonObject;
  /**
   * HF processor cache in GiB for multimodal inputs (`--mm-processor-cache-gb`).
   * @default - not set
   */
  readonly mmProcessorCacheGiB?: number;
  /**
   * Tool-call parser: `--dyn-tool-call-parser` on Dynamo, `--enable-auto-tool-choice --tool-call-parser` on `vllm serve`.
   * @default - not set
   */
  readonly toolCallParser?: string;
  /**
   * Reasoning parser: `--dyn-reasoning-parser` on Dynamo, `--reasoning-parser` on `vllm serve`.
   * @default - not set
   */
  readonly reasoningParser?: string;
  /**
   * Turn per-request logging off.
   * @default - not set: vLLM's default
   */
  readonly requestLogging?: RequestLogging;
  /**
   * Further flags, appended verbatim (a role's extra args follow the shared ones).
   * @default []
   */
  readonly extraArgs?: readonly string[];
}

/** Merges role overrides onto shared options; `extraArgs` accumulate. */
export function mergeEngineOptions(base: VllmEngineOptions = {}, override: VllmEngineOptions = {}): VllmEngineOptions {
  return {
    ...base,
    ...override,
    extraArgs: [...(base.extraArgs ?? []), ...(override.extraArgs ?? [])],
  };
}

/**
 * Renders engine options as CLI options, in a fixed order, for the given server.
 * @param tensorParallel GPUs per engine (`--tensor-parallel-size`)
 */
export function engineArgs(options: VllmEngineOptions, tensorParallel: number, server: VllmServer): CliArg[] {
  const args: CliArg[] = [];
  const flag = (name: string, value?: string | number): void => {
    args.push(value === undefined ? [name] : [name, String(value)]);
  };
  const toggle = (on: string, off: string, value?: boolean): void => {
    if (value !== undefined) flag(value ? on : off);
  };
  if (options.mmProcessorCacheGiB !== undefined) flag('--mm-processor-cache-gb', options.mmProcessorCacheGiB);
  if (server === VllmServer.DYNAMO) {
    if (options.toolCallParser) flag('--dyn-tool-call-parser', options.toolCallParser);
    if (options.reasoningParser) flag('--dyn-reasoning-parser', options.reasoningParser);
  }
  flag('--tensor-parallel-size', tensorParallel);
  if (options.requestLogging === RequestLogging.OFF_LEGACY) flag('--disable-log-requests');
  if (options.gpuMemoryUtilization !== undefined) flag('--gpu-memory-utilization', fraction(options.gpuMemoryUtilization));
  if (options.maxModelLen !== undefined) flag('--max-model-len', options.maxModelLen);
  toggle('--enable-prefix-caching', '--no-enable-prefix-caching', options.prefixCaching);
  if (options.asyncScheduling) flag('--async-scheduling');
  if (options.blockSize !== undefined) flag('--block-size', options.blockSize);
  if (options.maxNumBatchedTokens !== undefined) flag('--max-num-batched-tokens', options.maxNumBatchedTokens);
  toggle('--enable-chunked-prefill', '--no-enable-chunked-prefill', options.chunkedPrefill);
  if (options.enforceEager) flag('--enforce-eager');
  if (options.hfOverrides) flag('--hf-overrides', JSON.stringify(options.hfOverrides));
  if (options.compilationConfig) flag('--compilation-config', JSON.stringify(options.compilationConfig));
  if (server === VllmServer.VLLM_SERVE) {
    if (options.toolCallParser) {
      flag('--enable-auto-tool-choice');
      flag('--tool-call-parser', options.toolCallParser);
    }
    if (options.reasoningParser) flag('--reasoning-parser', options.reasoningParser);
  }
  if (options.requestLogging === RequestLogging.OFF) flag('--no-enable-log-requests');
  for (const extra of options.extraArgs ?? []) flag(extra);
  return args;
}

/** Adds the checks of engine options to `checks`, their fields prefixed with `field`. */
export function checkEngineOptions(checks: PropChecks, field: string, options: VllmEngineOptions | undefined): void {
  if (!options) return;
  checks
    .number(`${field}.gpuMemoryUtilization`, options.gpuMemoryUtilization, 0, 1, true)
    .integer(`${field}.maxModelLen`, options.maxModelLen, 1, 10_000_000)
    .oneOf(`${field}.blockSize`, options.blockSize, VLLM_BLOCK_SIZES)
    .integer(`${field}.maxNumBatchedTokens`, options.maxNumBatchedTokens, 1, 10_000_000)
    .number(`${field}.mmProcessorCacheGiB`, options.mmProcessorCacheGiB, 0, 4096);
  for (const [i, arg] of (options.extraArgs ?? []).entries()) {
    checks.require(arg.length > 0 && !/[\n\0]/.test(arg), `${field}.extraArgs[${i}]`, 'must be a non-empty single-line word');
  }
}
