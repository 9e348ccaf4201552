import { ImageSet } from './image-set';

/** Tuning of a generator that does not change its output. */
export interface GeneratorTuning {
  /**
   * Memory budget of the encoded-image cache in bytes.
   * @default DEFAULT_IMAGE_CACHE_BYTES (256 MiB)
   */
  readonly imageCacheBytes?: number;
  /**
   * Receives the image set, to observe encodes and cache hits (tests, progress).
   * @default - none
   */
  readonly onImageSet?: (images: ImageSet) => void;
}
