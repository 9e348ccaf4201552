import { k8s } from 'cdk8s-plus-28';

/**
 * A place on a PersistentVolumeClaim: the claim and an optional sub-directory.
 * Produced by {@link ModelCache}; consumed by the workloads that mount it.
 */
export interface CacheVolume {
  /** Name of the PersistentVolumeClaim. */
  readonly claimName: string;
  /**
   * Sub-directory of the claim to mount instead of its root.
   * @default - the claim's root
   */
  readonly subPath?: string;
}

/** Where a workload mounts a cache. */
export interface CacheMount {
  /** The cache to mount. */
  readonly volume: CacheVolume;
  /** Absolute path inside the container. */
  readonly mountPath: string;
}

/** Standard mount points inside the Dynamo / vLLM runtime images. */
export const MountPaths = {
  /** Hugging Face cache (`HF_HOME`): model weights. */
  HF_HOME: '/home/dynamo/.cache/huggingface',
  /** vLLM cache (`VLLM_CACHE_ROOT`): torch.compile and CUDA graph artefacts. */
  VLLM_CACHE: '/home/dynamo/.cache/vllm',
  /** Benchmark datasets and artefacts. */
  PERF_CACHE: '/perf-cache',
} as const;

/**
 * Turns cache mounts into pod volumes (one per claim, named after it) and container mounts.
 * Mounting two places of one claim yields one volume and two mounts.
 */
export function podVolumes(mounts: readonly CacheMount[]): { volumes: k8s.Volume[]; volumeMounts: k8s.VolumeMount[] } {
  const claims = [...new Set(mounts.map((m) => m.volume.claimName))];
  return {
    volumes: claims.map((claimName) => ({ name: claimName, persistentVolumeClaim: { claimName } })),
    volumeMounts: mounts.map((m) => ({
      name: m.volume.claimName,
      mountPath: m.mountPath,
      ...(m.volume.subPath ? { subPath: m.volume.subPath } : {}),
    })),
  };
}
