import { ImageSet } from './image-set';
import { ImageContent, ImageFormat } from './options';

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

/** The image options every generated dataset has. */
export interface ImageOptions {
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly imageFormat: ImageFormat;
  readonly imageContent: ImageContent;
}

/** The image set of a dataset, on its own random stream, announced to `tuning.onImageSet`. */
export function imageSetFor(o: ImageOptions, stream: number, tuning: GeneratorTuning): ImageSet {
  const images = new ImageSet({
    seed: o.seed,
    stream,
    width: o.width,
    height: o.height,
    format: o.imageFormat,
    content: o.imageContent,
    cacheBytes: tuning.imageCacheBytes,
  });
  tuning.onImageSet?.(images);
  return images;
}
