import * as fc from 'fast-check';
import { imagePoolAssignment, imagePoolRows } from './image-pool';
import { ImageSet } from './image-set';
import { DatasetMode, ImageContent, ImagePoolOptions } from './options';
import { SingleTurnRow } from './rows';
import { UserError } from '../errors';

const SEED_001_SHAPE: ImagePoolOptions = {
  mode: DatasetMode.IMAGE_POOL,
  requests: 1000,
  pool: 200,
  words: 5,
  width: 8,
  height: 8,
  imageContent: ImageContent.PATTERN,
};

/** Fraction of image slots that repeat an image seen in an earlier slot. */
function reuseRatio(rows: readonly SingleTurnRow[]): number {
  const slots = rows.flatMap((r) => r.images);
  return (slots.length - new Set(slots).size) / slots.length;
}

describe('imagePoolRows', () => {
  let images: ImageSet | undefined;
  const rows = [...imagePoolRows(SEED_001_SHAPE, { onImageSet: (s) => (images = s) })];

  test('has the requested rows of one image and the requested words, no session', () => {
    expect(rows).toHaveLength(1000);
    expect(rows.filter((row) => row.images.length !== 1 || row.session_id !== undefined || row.text.split(' ').length !== 5)).toEqual([]);
    expect(Object.keys(rows[0] as object)).toEqual(['text', 'images']);
  });

  test('the first pool-size requests are unique, then every request reuses a pool image', () => {
    const first = rows.slice(0, 200).map((r) => r.images[0]);
    expect(new Set(first).size).toBe(200);
    const pool = new Set(first);
    expect(rows.slice(200).filter((row) => !pool.has(row.images[0] as string))).toEqual([]);
  });

  test('the reuse ratio is (requests - pool) / requests = 0.8', () => {
    expect(reuseRatio(rows)).toBe(0.8);
    expect(new Set(rows.flatMap((r) => r.images)).size).toBe(200);
  });

  test('reuse is spread over the pool, not concentrated on a few images', () => {
    const uses = new Map<string, number>();
    for (const row of rows) uses.set(row.images[0] as string, (uses.get(row.images[0] as string) ?? 0) + 1);
    // 800 uniform draws over 200 images: 4 reuses per image on average; none should take a tenth of them.
    expect(Math.max(...uses.values())).toBeLessThan(80);
  });

  test('encodes each pool image once when the pool fits in the cache', () => {
    expect(images?.encodeCount).toBe(200);
    expect(images?.hitCount).toBe(800);
  });

  test('is deterministic under the seed', () => {
    const again = [...imagePoolRows(SEED_001_SHAPE)];
    expect(JSON.stringify(again)).toBe(JSON.stringify(rows));
    const other = [...imagePoolRows({ ...SEED_001_SHAPE, seed: 1 })];
    expect(other.map((r) => r.text)).not.toEqual(rows.map((r) => r.text));
    expect(reuseRatio(other)).toBe(0.8);
  });

  test('image_uuids follow the images', () => {
    const withUuids = [...imagePoolRows({ ...SEED_001_SHAPE, requests: 20, pool: 5, imageUuids: true })];
    const uuids = new Map<string, string>();
    for (const row of withUuids) {
      const uuid = (row.image_uuids as readonly string[])[0] as string;
      expect(uuids.get(row.images[0] as string) ?? uuid).toBe(uuid);
      uuids.set(row.images[0] as string, uuid);
    }
    expect(new Set(uuids.values()).size).toBe(5);
  });
});

describe('imagePoolAssignment', () => {
  test('property: every pool image first appears in slot order, no request repeats an image, reuse is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (requests, imagesPerRequest, poolPick, seed) => {
          const slots = requests * imagesPerRequest;
          const pool = imagesPerRequest + (poolPick % (slots - imagesPerRequest + 1));
          const assignment = [...imagePoolAssignment({ requests, pool, imagesPerRequest, seed })];
          expect(assignment).toHaveLength(requests);
          const flat = assignment.flat();
          expect(flat.slice(0, pool)).toEqual(Array.from({ length: pool }, (_, i) => i));
          expect(flat.filter((x) => x < 0 || x >= pool)).toEqual([]);
          expect(assignment.filter((request) => new Set(request).size !== imagesPerRequest)).toEqual([]);
          expect(new Set(flat).size).toBe(pool);
          expect(slots - new Set(flat).size).toBe(slots - pool);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a pool equal to the images per request fills every request with the whole pool', () => {
    const assignment = [...imagePoolAssignment({ requests: 5, pool: 4, imagesPerRequest: 4, seed: 3 })];
    for (const request of assignment) expect([...request].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('image-pool validation', () => {
  test('a pool larger than the image slots or smaller than a request is rejected', () => {
    expect(() => [...imagePoolRows({ ...SEED_001_SHAPE, requests: 10, pool: 11 })]).toThrow(
      'dataset: pool: must be ≤ requests × images per request (10): every pool image is used at least once (got 11)',
    );
    expect(() => [...imagePoolRows({ ...SEED_001_SHAPE, pool: 2, imagesPerRequest: 3 })]).toThrow(UserError);
  });
});
