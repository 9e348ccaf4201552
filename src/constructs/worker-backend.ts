import { UserError } from '../errors';
import { HardwareProfile } from '../hw';

/** The inference engine behind Dynamo's workers. The graph (DGD) is the same for all; only worker args differ. */
export enum Backend {
  /** vLLM: `python3 -m dynamo.vllm`. */
  VLLM = 'vllm',
  /** SGLang: `python3 -m dynamo.sglang`. */
  SGLANG = 'sglang',
  /** TensorRT-LLM: `python3 -m dynamo.trtllm`, engine settings in a YAML file (`--extra-engine-args`). */
  TRTLLM = 'trtllm',
}

/** Every backend, in a fixed order. */
export const BACKENDS: readonly Backend[] = [Backend.VLLM, Backend.SGLANG, Backend.TRTLLM];

/** The DGD service (component) name of each worker role. */
export interface ServiceNames {
  /**
   * Aggregated workers.
   * @default 'VllmWorker' on vLLM, 'agg' on SGLang and TensorRT-LLM
   */
  readonly worker?: string;
  /**
   * Prefill workers (and an aggregated pool published as decode uses {@link decode}).
   * @default 'VllmPrefillWorker' on vLLM, 'prefill' on SGLang and TensorRT-LLM
   */
  readonly prefill?: string;
  /**
   * Decode workers.
   * @default 'VllmDecodeWorker' on vLLM, 'decode' on SGLang and TensorRT-LLM
   */
  readonly decode?: string;
}

/**
 * Per-backend service names: vLLM examples keep the long names, upstream SGLang and TensorRT-LLM moved to short
 * ones (Grove pod names have a 45-character budget).
 */
export const DEFAULT_SERVICE_NAMES: Readonly<Record<Backend, Required<ServiceNames>>> = {
  [Backend.VLLM]: { worker: 'VllmWorker', prefill: 'VllmPrefillWorker', decode: 'VllmDecodeWorker' },
  [Backend.SGLANG]: { worker: 'agg', prefill: 'prefill', decode: 'decode' },
  [Backend.TRTLLM]: { worker: 'agg', prefill: 'prefill', decode: 'decode' },
};

/** Python module of each backend's worker. */
export const WORKER_MODULES: Readonly<Record<Backend, string>> = {
  [Backend.VLLM]: 'dynamo.vllm',
  [Backend.SGLANG]: 'dynamo.sglang',
  [Backend.TRTLLM]: 'dynamo.trtllm',
};

/** Repository name of each backend's Dynamo runtime image under `nvcr.io/nvidia/ai-dynamo/`. */
export const RUNTIME_REPOSITORIES: Readonly<Record<Backend, string>> = {
  [Backend.VLLM]: 'vllm-runtime',
  [Backend.SGLANG]: 'sglang-runtime',
  [Backend.TRTLLM]: 'tensorrtllm-runtime',
};

/**
 * The runtime image of a backend on a hardware profile: the profile's `images.<backend>` when set, else the
 * profile's vLLM `image` with its repository swapped for the backend's (same registry, same tag).
 * @throws UserError when neither gives an image
 */
export function runtimeImage(hardware: HardwareProfile, backend: Backend): string {
  const override = hardware.images?.[backend];
  if (override) return override;
  if (backend === Backend.VLLM) return hardware.image;
  const vllm = `/${RUNTIME_REPOSITORIES[Backend.VLLM]}`;
  const at = hardware.image.lastIndexOf(vllm);
  if (at < 0) {
    throw new UserError(`${hardware.source}: images.${backend}: not set, and image "${hardware.image}" is not a ${RUNTIME_REPOSITORIES[Backend.VLLM]} image to derive the ${backend} runtime from; set images.${backend} to a pinned ${RUNTIME_REPOSITORIES[backend]} image`);
  }
  return `${hardware.image.slice(0, at)}/${RUNTIME_REPOSITORIES[backend]}${hardware.image.slice(at + vllm.length)}`;
}
