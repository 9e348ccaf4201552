import { PropChecks } from './checks';
import { CliArg, fraction } from './cli-args';

/** SGLang worker options (`python3 -m dynamo.sglang`); parallelism and disaggregation come from the graph. */
export interface SglangOptions {
  /**
   * KV cache page size in tokens (`--page-size`).
   * @default - SGLang's default
   */
  readonly pageSize?: number;
  /**
   * Fraction of GPU memory for weights and KV cache (`--mem-fraction-static`).
   * @default - SGLang's default
   */
  readonly memFractionStatic?: number;
  /**
   * Run the model's own code from the Hub (`--trust-remote-code`).
   * @default false
   */
  readonly trustRemoteCode?: boolean;
  /**
   * Let the Dynamo frontend tokenize (`--skip-tokenizer-init`).
   * @default false
   */
  readonly skipTokenizerInit?: boolean;
  /**
   * Port the prefill worker serves KV bootstrap on (`--disaggregation-bootstrap-port`), disaggregated graphs only.
   * @default 12345
   */
  readonly bootstrapPort?: number;
  /**
   * Further flags, appended verbatim.
   * @default []
   */
  readonly extraArgs?: readonly string[];
}

/** Endpoint SGLang workers publish KV events on for the KV router (upstream `agg_router.yaml`). */
export const SGLANG_KV_EVENTS_CONFIG = { publisher: 'zmq', topic: 'kv-events', endpoint: 'tcp://*:5557' } as const;

/** Merges a pool's SGLang options onto the graph's; `extraArgs` accumulate. */
export function mergeSglangOptions(base: SglangOptions = {}, override: SglangOptions = {}): SglangOptions {
  return { ...base, ...override, extraArgs: [...(base.extraArgs ?? []), ...(override.extraArgs ?? [])] };
}

/**
 * SGLang parallelism and engine flags of one worker: `--tp`, data-parallel attention (`--dp --enable-dp-attention`,
 * inside the TP group), expert parallelism (`--ep-size`), then the options.
 */
export function sglangEngineArgs(options: SglangOptions, tensorParallel: number, dataParallel: number, expertParallel: boolean): CliArg[] {
  const args: CliArg[] = [];
  if (options.pageSize !== undefined) args.push(['--page-size', String(options.pageSize)]);
  args.push(['--tp', String(tensorParallel)]);
  if (dataParallel > 1) args.push(['--dp', String(dataParallel)], ['--enable-dp-attention']);
  if (expertParallel) args.push(['--ep-size', String(tensorParallel)]);
  if (options.trustRemoteCode) args.push(['--trust-remote-code']);
  if (options.skipTokenizerInit) args.push(['--skip-tokenizer-init']);
  if (options.memFractionStatic !== undefined) args.push(['--mem-fraction-static', fraction(options.memFractionStatic)]);
  for (const extra of options.extraArgs ?? []) args.push([extra]);
  return args;
}

/** Adds the checks of SGLang options to `checks`, their fields prefixed with `field`. */
export function checkSglangOptions(checks: PropChecks, field: string, options: SglangOptions | undefined): void {
  if (!options) return;
  checks
    .integer(`${field}.pageSize`, options.pageSize, 1, 1024)
    .number(`${field}.memFractionStatic`, options.memFractionStatic, 0, 1, true)
    .integer(`${field}.bootstrapPort`, options.bootstrapPort, 1, 65535);
  for (const [i, arg] of (options.extraArgs ?? []).entries()) {
    checks.require(arg.length > 0 && !/[\n\0]/.test(arg), `${field}.extraArgs[${i}]`, 'must be a non-empty single-line word');
  }
}
