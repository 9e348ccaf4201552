/**
 * A small, fast, seeded pseudo-random number generator (mulberry32) and a seed mixer (the splitmix32 finalizer).
 *
 * Every random choice of the dataset generators draws from a {@link Prng} whose seed is derived from the
 * dataset seed and *what* is being generated (`deriveSeed(seed, STREAM_IMAGE, imageIndex)`), never from the
 * order of generation: image 17 has the same pixels whether it is rendered first or last, cached or not.
 * Not cryptographic.
 */

/** Mixes a 32-bit value into a well-distributed 32-bit value (splitmix32 / murmur3-style finalizer). */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * Derives an independent 32-bit seed from a base seed and a path of integers
 * (`deriveSeed(seed, STREAM_TEXT, row)`): changing any part changes the result.
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let h = mix32(seed >>> 0);
  for (const part of parts) h = mix32((h ^ mix32(part >>> 0)) + Math.imul(h, 0x85ebca6b));
  return h >>> 0;
}

/** The mulberry32 generator: 32-bit state, period 2^32, one multiply-xorshift per output. */
export class Prng {
  private state: number;

  /** @param seed any 32-bit integer; equal seeds give equal sequences */
  public constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next value, uniform in [0, 2^32). */
  public nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  }

  /** The next value, uniform in [0, 1). */
  public nextFloat(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** A uniform integer in [0, bound); `bound` must be a positive integer ≤ 2^32. */
  public nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x1_0000_0000) {
      throw new RangeError(`nextInt bound must be an integer in [1, 2^32] (got ${bound})`);
    }
    // Rejection sampling: no modulo bias.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
  }

  /** Fills `bytes` with uniform random bytes (4 bytes per draw, little-endian). */
  public fillBytes(bytes: Uint8Array): void {
    const whole = bytes.length - (bytes.length % 4);
    for (let i = 0; i < whole; i += 4) {
      const x = this.nextUint32();
      bytes[i] = x & 0xff;
      bytes[i + 1] = (x >>> 8) & 0xff;
      bytes[i + 2] = (x >>> 16) & 0xff;
      bytes[i + 3] = x >>> 24;
    }
    if (whole < bytes.length) {
      let x = this.nextUint32();
      for (let i = whole; i < bytes.length; i++, x >>>= 8) bytes[i] = x & 0xff;
    }
  }
}
