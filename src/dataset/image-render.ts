import { ImageContent } from './options';
import { Prng } from './prng';

/** Raw 8-bit RGB pixels, row-major, 3 bytes per pixel. */
export interface RgbImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** `width * height * 3` bytes. */
  readonly data: Buffer;
}

/** Bits of the index bar code drawn across the top of a pattern image. */
const BAR_CODE_BITS = 32;
/** Colour steps of the gradient: flat bands compress well. */
const GRADIENT_STEPS = 16;

/**
 * Renders image number `index` procedurally. Deterministic: the pixels depend only on `prng`'s seed (which
 * the caller derives from the dataset seed and `index`), `index`, the size and the content kind.
 *
 * - {@link ImageContent.NOISE}: uniform random bytes (incompressible, like the upstream generator's images).
 * - {@link ImageContent.PATTERN}: a banded diagonal two-colour gradient with stripes (hues, stripe period and angle
 *   drawn from `prng`) and the index as a 32-bit bar code across the top band, so two indices always differ
 *   once the image is at least 32 pixels wide.
 */
export function renderImage(index: number, width: number, height: number, content: ImageContent, prng: Prng): RgbImage {
  const data = Buffer.allocUnsafe(width * height * 3);
  if (content === ImageContent.NOISE) {
    prng.fillBytes(data);
    return { width, height, data };
  }
  const from = hsvToRgb(prng.nextFloat(), 0.55 + 0.4 * prng.nextFloat(), 0.75 + 0.25 * prng.nextFloat());
  const to = hsvToRgb(prng.nextFloat(), 0.55 + 0.4 * prng.nextFloat(), 0.35 + 0.4 * prng.nextFloat());
  const period = 6 + prng.nextInt(58);
  const ax = 1 + prng.nextInt(4);
  const ay = prng.nextInt(5) - 2;
  const phase = prng.nextInt(period);
  const band = Math.max(1, Math.floor(height / 12));
  const column = Math.max(1, Math.floor(width / BAR_CODE_BITS));
  const code = index >>> 0;
  const span = Math.max(1, width + height - 2);
  let p = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 3) {
      if (y < band) {
        const bit = Math.floor(x / column);
        const on = bit < BAR_CODE_BITS && ((code >>> bit) & 1) === 1;
        const v = on ? 255 : 0;
        data[p] = v;
        data[p + 1] = v;
        data[p + 2] = v;
        continue;
      }
      const t = Math.floor(((x + y) / span) * GRADIENT_STEPS) / GRADIENT_STEPS;
      const stripe = ((((x * ax + y * ay + phase) % period) + period) % period) < period / 2 ? 1 : 0.72;
      data[p] = Math.round((from[0] + (to[0] - from[0]) * t) * stripe);
      data[p + 1] = Math.round((from[1] + (to[1] - from[1]) * t) * stripe);
      data[p + 2] = Math.round((from[2] + (to[2] - from[2]) * t) * stripe);
    }
  }
  return { width, height, data };
}

/** HSV (each in [0, 1]) to 8-bit RGB. */
function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(h * 6) % 6;
  const f = h * 6 - Math.floor(h * 6);
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  const rgb: [number, number, number][] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]];
  const [r, g, b] = rgb[i] as [number, number, number];
  return [r * 255, g * 255, b * 255];
}
