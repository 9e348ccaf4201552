import * as fc from 'fast-check';
import { fillerText } from './filler-text';
import { Prng, deriveSeed } from './prng';

function draw(seed: number, n: number): number[] {
  const prng = new Prng(seed);
  return Array.from({ length: n }, () => prng.nextUint32());
}

describe('Prng', () => {
  test('equal seeds give equal sequences, different seeds different ones', () => {
    expect(draw(7, 100)).toEqual(draw(7, 100));
    expect(draw(7, 100)).not.toEqual(draw(8, 100));
  });

  test('nextInt stays in range and reaches every value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 12 }), (seed, bound) => {
        const prng = new Prng(seed);
        const draws = Array.from({ length: 400 }, () => prng.nextInt(bound));
        expect(draws.filter((x) => !Number.isInteger(x) || x < 0 || x >= bound)).toEqual([]);
        expect(new Set(draws).size).toBe(bound);
      }),
      { numRuns: 50 },
    );
  });

  test('nextInt rejects a bound that is not a positive integer', () => {
    expect(() => new Prng(1).nextInt(0)).toThrow(RangeError);
    expect(() => new Prng(1).nextInt(2.5)).toThrow(RangeError);
  });

  test('nextFloat is in [0, 1) with a plausible mean', () => {
    const prng = new Prng(3);
    const draws = Array.from({ length: 10_000 }, () => prng.nextFloat());
    expect(draws.filter((x) => x < 0 || x >= 1)).toEqual([]);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  test('fillBytes fills odd lengths deterministically', () => {
    const a = new Uint8Array(13);
    const b = new Uint8Array(13);
    new Prng(5).fillBytes(a);
    new Prng(5).fillBytes(b);
    expect(a).toEqual(b);
    expect(a.some((x) => x !== 0)).toBe(true);
  });

  test('deriveSeed separates streams and indices', () => {
    const seeds = new Set<number>();
    for (let stream = 0; stream < 8; stream++) for (let i = 0; i < 500; i++) seeds.add(deriveSeed(42, stream, i));
    expect(seeds.size).toBe(8 * 500);
    expect(deriveSeed(42, 1, 2)).not.toBe(deriveSeed(42, 2, 1));
    expect(deriveSeed(42, 1, 2)).not.toBe(deriveSeed(43, 1, 2));
  });
});

describe('fillerText', () => {
  test('has exactly the requested number of words, as sentences', () => {
    for (const n of [1, 2, 17, 400]) {
      const text = fillerText(new Prng(n), n);
      expect(text.split(' ')).toHaveLength(n);
      expect(text).toMatch(/^[A-Z]/);
      expect(text.endsWith('.')).toBe(true);
    }
  });

  test('is deterministic under the seed', () => {
    expect(fillerText(new Prng(9), 50)).toBe(fillerText(new Prng(9), 50));
    expect(fillerText(new Prng(9), 50)).not.toBe(fillerText(new Prng(10), 50));
  });
});
