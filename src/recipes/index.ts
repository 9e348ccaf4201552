import { Comparison } from './comparison';
import { deepseekV32Nvfp4 } from './deepseek-v32-nvfp4';
import { kimiK25Agentic } from './kimi-k25-agentic';
import { llama70bTopologies } from './llama-70b-topologies';
import { qwen3_32bH20 } from './qwen3-32b-h20';
import { qwen3_32bKvRouting } from './qwen3-32b-kv-routing';
import { qwen36 } from './qwen36';
import { qwen3vl } from './qwen3vl';

export * from './comparison';
export * from './fit';

/** Every comparison this project ships, by name. */
export const COMPARISONS: readonly Comparison[] = [qwen36, qwen3vl, qwen3_32bKvRouting, qwen3_32bH20, llama70bTopologies, deepseekV32Nvfp4, kimiK25Agentic];

/** Looks a comparison up by name. */
export function findComparison(name: string): Comparison | undefined {
  return COMPARISONS.find((c) => c.name === name);
}
