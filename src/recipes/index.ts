import { Comparison } from './comparison';
import { qwen36 } from './qwen36';

export * from './comparison';
export * from './fit';

/** Every comparison this project ships, by name. */
export const COMPARISONS: readonly Comparison[] = [qwen36];

/** Looks a comparison up by name. */
export function findComparison(name: string): Comparison | undefined {
  return COMPARISONS.find((c) => c.name === name);
}
