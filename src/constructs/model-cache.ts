import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CacheVolume } from './cache-volume';

/** Size and name of one cache claim. */
export interface CacheClaimOptions {
  /** PersistentVolumeClaim name. */
  readonly name: string;
  /** Requested capacity. */
  readonly size: Size;
}

/** How the caches are laid out on claims. */
export type CacheLayout =
  /** One claim holding everything, each cache in its own sub-directory (upstream qwen3.6 `shared-model-cache`). */
  | { readonly kind: 'shared'; readonly claim: CacheClaimOptions; readonly subdirectory: string }
  /** One claim per cache (upstream qwen3-32b / qwen3-vl `model-cache`, `compilation-cache`, `perf-cache`). */
  | {
    readonly kind: 'separate';
    readonly model: CacheClaimOptions;
    readonly compilation: CacheClaimOptions;
    readonly perf: CacheClaimOptions;
  };

/** Ready-made layouts with the upstream recipes' names and sizes. */
export const CacheLayouts = {
  /**
   * One claim for all caches; compilation and benchmark caches live under `<subdirectory>/vllm-cache` and
   * `<subdirectory>/perf-cache`, the Hugging Face cache at the root (shared with every model of the namespace).
   */
  shared(subdirectory: string, claim: CacheClaimOptions = { name: 'shared-model-cache', size: Size.gibibytes(500) }): CacheLayout {
    return { kind: 'shared', claim, subdirectory };
  },
  /** Three claims: `model-cache` 100Gi, `compilation-cache` 50Gi, `perf-cache` 50Gi. */
  separate(): CacheLayout {
    return {
      kind: 'separate',
      model: { name: 'model-cache', size: Size.gibibytes(100) },
      compilation: { name: 'compilation-cache', size: Size.gibibytes(50) },
      perf: { name: 'perf-cache', size: Size.gibibytes(50) },
    };
  },
};

/** Props of {@link ModelCache}. */
export interface ModelCacheProps {
  /** The StorageClass of every claim; it must offer ReadWriteMany (pods of several nodes mount the caches). */
  readonly storageClassName: string;
  /** Claims and their sizes. */
  readonly layout: CacheLayout;
  /**
   * Labels of every claim.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The ReadWriteMany PersistentVolumeClaims that hold model weights, compilation artefacts and benchmark results.
 *
 * They are shared by every configuration of a comparison and outlive it: the tooling never deletes them
 * (re-downloading weights costs hours).
 */
export class ModelCache extends Construct {
  /** Hugging Face cache (model weights). */
  public readonly model: CacheVolume;
  /** vLLM compilation cache. */
  public readonly compilation: CacheVolume;
  /** Benchmark datasets and artefacts. */
  public readonly perf: CacheVolume;
  /** Every claim this construct creates. */
  public readonly claims: readonly kplus.PersistentVolumeClaim[];

  public constructor(scope: Construct, id: string, props: ModelCacheProps) {
    super(scope, id);
    const claim = (cid: string, options: CacheClaimOptions): kplus.PersistentVolumeClaim =>
      new kplus.PersistentVolumeClaim(this, cid, {
        metadata: { name: options.name, labels: { ...props.labels } },
        accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY],
        storage: options.size,
        storageClassName: props.storageClassName,
      });
    const layout = props.layout;
    if (layout.kind === 'shared') {
      const shared = claim('Shared', layout.claim);
      this.claims = [shared];
      this.model = { claimName: shared.name };
      this.compilation = { claimName: shared.name, subPath: `${layout.subdirectory}/vllm-cache` };
      this.perf = { claimName: shared.name, subPath: `${layout.subdirectory}/perf-cache` };
    } else {
      const model = claim('Model', layout.model);
      const compilation = claim('Compilation', layout.compilation);
      const perf = claim('Perf', layout.perf);
      this.claims = [model, compilation, perf];
      this.model = { claimName: model.name };
      this.compilation = { claimName: compilation.name };
      this.perf = { claimName: perf.name };
    }
  }
}
