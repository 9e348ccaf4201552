import { createHash } from 'node:crypto';
import { LruByteCache } from './image-cache';
import { encodeImage, toDataUrl } from './image-encode';
import { renderImage } from './image-render';
import { ImageContent, ImageFormat } from './options';
import { Prng, deriveSeed } from './prng';

/** Default budget of encoded images kept in memory (≥ 24 base64 2400x1080 noise PNGs). */
export const DEFAULT_IMAGE_CACHE_BYTES = 256 * 1024 * 1024;

/** How the images of a dataset look and are encoded. */
export interface ImageSetSpec {
  /** Dataset seed. */
  readonly seed: number;
  /** Random stream of this dataset kind, so two modes with one seed draw different images. */
  readonly stream: number;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Encoding. */
  readonly format: ImageFormat;
  /** Pixels. */
  readonly content: ImageContent;
  /**
   * Memory budget of the encoded-image cache in bytes.
   * @default DEFAULT_IMAGE_CACHE_BYTES
   */
  readonly cacheBytes?: number;
}

/** One encoded image. */
export interface EncodedImage {
  /** `data:image/...;base64,...`. */
  readonly dataUrl: string;
  /** A UUID made of the first 128 bits of the SHA-256 of the encoded bytes: equal images, equal UUIDs. */
  readonly uuid: string;
}

/**
 * The numbered images of one dataset, rendered and encoded on demand and cached (LRU, bounded in bytes) while
 * they are reused. Image `i` is a pure function of the spec and `i`, so an evicted image re-encodes to the
 * same bytes.
 */
export class ImageSet {
  private readonly cache: LruByteCache<number, EncodedImage>;
  private encodes = 0;
  private hits = 0;

  public constructor(private readonly spec: ImageSetSpec) {
    this.cache = new LruByteCache(spec.cacheBytes ?? DEFAULT_IMAGE_CACHE_BYTES, (img) => img.dataUrl.length + 36);
  }

  /** Image number `index`. */
  public get(index: number): EncodedImage {
    const cached = this.cache.get(index);
    if (cached !== undefined) {
      this.hits++;
      return cached;
    }
    const { seed, stream, width, height, format, content } = this.spec;
    const pixels = renderImage(index, width, height, content, new Prng(deriveSeed(seed, stream, index)));
    const bytes = encodeImage(pixels, format, content);
    const image: EncodedImage = { dataUrl: toDataUrl(bytes, format), uuid: uuidOf(bytes) };
    this.encodes++;
    this.cache.set(index, image);
    return image;
  }

  /** How many times an image was rendered and encoded. */
  public get encodeCount(): number {
    return this.encodes;
  }

  /** How many requests the cache served. */
  public get hitCount(): number {
    return this.hits;
  }
}

/** Formats the first 16 bytes of the SHA-256 of `bytes` as a version-4-shaped UUID. */
function uuidOf(bytes: Uint8Array): string {
  const h = createHash('sha256').update(bytes).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x40;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
