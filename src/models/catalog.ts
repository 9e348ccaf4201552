import { ModelDefinition } from './model';

/** Qwen3.6-35B-A3B in FP8 (MoE, 35B total / 3B active, vision-language). */
export const QWEN3_6_35B_A3B_FP8: ModelDefinition = {
  id: 'Qwen/Qwen3.6-35B-A3B-FP8',
  revision: 'main',
  parametersBillions: 35,
  weightBytesPerParameter: 1,
  multimodal: true,
};

/** Qwen3-VL-30B-A3B-Instruct in FP8 (MoE, 30B total / 3B active, vision-language). */
export const QWEN3_VL_30B_A3B_INSTRUCT_FP8: ModelDefinition = {
  id: 'Qwen/Qwen3-VL-30B-A3B-Instruct-FP8',
  revision: 'main',
  parametersBillions: 31,
  weightBytesPerParameter: 1,
  multimodal: true,
  gated: false,
};

/** Qwen3-32B (dense, BF16), pinned to the revision the upstream recipe validated. */
export const QWEN3_32B: ModelDefinition = {
  id: 'Qwen/Qwen3-32B',
  revision: '9216db5781bf21249d130ec9da846c4624c16137',
  parametersBillions: 32.8,
  weightBytesPerParameter: 2,
};

/** Llama-3.3-70B-Instruct in FP8 (dynamic quantization, RedHatAI), pinned to the revision upstream validated. */
export const LLAMA_3_3_70B_INSTRUCT_FP8: ModelDefinition = {
  id: 'RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic',
  revision: 'ddb4128556dfcff99e0c41aee159ea6c3e655dcd',
  parametersBillions: 70.6,
  weightBytesPerParameter: 1,
  gated: true,
};

/**
 * DeepSeek-V3.2 in NVFP4 (MoE with sparse attention, 685B total parameters; NVIDIA's ModelOpt quantization).
 * Not pinned: upstream recipes/deepseek-v32-fp4 downloads `main`.
 */
export const DEEPSEEK_V3_2_NVFP4: ModelDefinition = {
  id: 'nvidia/DeepSeek-V3.2-NVFP4',
  revision: 'main',
  parametersBillions: 685,
  weightBytesPerParameter: 0.5,
};

/**
 * Kimi-K2.5 in NVFP4 (MoE, about 1T total parameters, 32B active; NVIDIA's ModelOpt quantization).
 * Not pinned: upstream recipes/kimi-k2.5 downloads `main`.
 */
export const KIMI_K2_5_NVFP4: ModelDefinition = {
  id: 'nvidia/Kimi-K2.5-NVFP4',
  revision: 'main',
  parametersBillions: 1040,
  weightBytesPerParameter: 0.5,
};

/** EAGLE-3 draft head of Kimi-K2.5 (a few billion BF16 parameters), the speculative-decoding draft of upstream recipes/kimi-k2.5. */
export const KIMI_K2_5_EAGLE3: ModelDefinition = {
  id: 'nvidia/Kimi-K2.5-Thinking-Eagle3',
  revision: 'main',
  parametersBillions: 3,
  weightBytesPerParameter: 2,
};
