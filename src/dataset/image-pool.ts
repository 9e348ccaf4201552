import { fillerText } from './filler-text';
import { GeneratorTuning, imageSetFor } from './generator-tuning';
import { DatasetMode, ImagePoolOptions, ResolvedImagePoolOptions, resolveDatasetOptions } from './options';
import { Prng, deriveSeed } from './prng';
import { RandomStream } from './random-streams';
import { SingleTurnRow } from './rows';
import { UserError } from '../errors';

/**
 * Which pool images each request carries: slot `s < pool` (slots numbered request by request) holds image `s`,
 * so each pool image first appears once, in order; every later slot holds a pool image drawn uniformly at
 * random among those not already in its request. Deterministic under the seed.
 */
export function* imagePoolAssignment(
  o: Pick<ResolvedImagePoolOptions, 'requests' | 'pool' | 'imagesPerRequest' | 'seed'>,
): Generator<number[]> {
  const prng = new Prng(deriveSeed(o.seed, RandomStream.POOL_ASSIGNMENT));
  for (let request = 0; request < o.requests; request++) {
    const chosen: number[] = [];
    for (let j = 0; j < o.imagesPerRequest; j++) {
      const slot = request * o.imagesPerRequest + j;
      chosen.push(slot < o.pool ? slot : drawExcluding(prng, o.pool, chosen));
    }
    yield chosen;
  }
}

/** A uniform draw from `[0, bound)` minus `taken` (fewer than `bound` values). */
function drawExcluding(prng: Prng, bound: number, taken: readonly number[]): number {
  if (taken.length * 2 <= bound) {
    for (;;) {
      const x = prng.nextInt(bound);
      if (!taken.includes(x)) return x;
    }
  }
  const excluded = new Set(taken);
  let k = prng.nextInt(bound - excluded.size);
  for (let x = 0; ; x++) {
    if (excluded.has(x)) continue;
    if (k === 0) return x;
    k--;
  }
}

/**
 * Generates the rows of an image-pool dataset: independent requests (no `session_id`), fresh text each.
 * Encoded images are cached (LRU, bounded in bytes) while they are reused.
 * @throws UserError if the options are invalid
 */
export function* imagePoolRows(options: ImagePoolOptions | ResolvedImagePoolOptions, tuning: GeneratorTuning = {}): Generator<SingleTurnRow> {
  const o = resolveDatasetOptions(options);
  if (o.mode !== DatasetMode.IMAGE_POOL) throw new UserError(`dataset: mode: must be "${DatasetMode.IMAGE_POOL}" (got "${o.mode}")`);
  const images = imageSetFor(o, RandomStream.POOL_IMAGE, tuning);
  let request = 0;
  for (const indices of imagePoolAssignment(o)) {
    const encoded = indices.map((i) => images.get(i));
    yield {
      text: fillerText(new Prng(deriveSeed(o.seed, RandomStream.POOL_TEXT, request)), o.words),
      images: encoded.map((e) => e.dataUrl),
      ...(o.imageUuids ? { image_uuids: encoded.map((e) => e.uuid) } : {}),
    };
    request++;
  }
}
