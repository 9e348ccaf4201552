/**
 * Facts about a model that do not depend on how a recipe serves it:
 * where it comes from, how big its weights are, what it can take as input.
 */
export interface ModelDefinition {
  /** Hugging Face model id, e.g. `Qwen/Qwen3-32B`. */
  readonly id: string;
  /**
   * Hugging Face revision (branch, tag or commit) the download Job fetches.
   * @default 'main'
   */
  readonly revision?: string;
  /** Parameter count in billions (total, not active, for MoE models). */
  readonly parametersBillions: number;
  /** Bytes per parameter of the published weights: 2 for BF16, 1 for FP8, 0.5 for FP4. */
  readonly weightBytesPerParameter: number;
  /**
   * Whether the model takes images.
   * @default false
   */
  readonly multimodal?: boolean;
  /**
   * Whether Hugging Face requires a token to download it.
   * @default false
   */
  readonly gated?: boolean;
}

/** Weight footprint in GiB (parameters × bytes per parameter). */
export function weightGiB(model: ModelDefinition): number {
  return (model.parametersBillions * 1e9 * model.weightBytesPerParameter) / 2 ** 30;
}
