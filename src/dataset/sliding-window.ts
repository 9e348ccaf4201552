import { fillerText } from './filler-text';
import { GeneratorTuning, imageSetFor } from './generator-tuning';
import { DatasetMode, ResolvedSlidingWindowOptions, SlidingWindowOptions, resolveDatasetOptions } from './options';
import { Prng, deriveSeed } from './prng';
import { RandomStream } from './random-streams';
import { SingleTurnRow } from './rows';
import { UserError } from '../errors';

/** The session id of user `n` (from 0): `user_<n>`. */
export function sessionId(user: number): string {
  return `user_${user}`;
}

/**
 * The global image numbers of a user's turn: `[u*(W+T-1) + t, ..., u*(W+T-1) + t + W - 1]`.
 * Turn `t+1` drops the first and appends one, so consecutive turns share `W - 1` images.
 */
export function slidingWindowImageIndices(o: Pick<ResolvedSlidingWindowOptions, 'turns' | 'window'>, user: number, turn: number): number[] {
  const base = user * (o.window + o.turns - 1) + turn;
  return Array.from({ length: o.window }, (_, k) => base + k);
}

/**
 * Generates the rows of a sliding-window dataset, user by user and, within a user, in turn order.
 * Memory stays bounded: only the current window's encoded images are needed (kept in an LRU cache).
 * @throws UserError if the options are invalid
 */
export function* slidingWindowRows(options: SlidingWindowOptions | ResolvedSlidingWindowOptions, tuning: GeneratorTuning = {}): Generator<SingleTurnRow> {
  const o = resolveDatasetOptions(options);
  if (o.mode !== DatasetMode.SLIDING_WINDOW) throw new UserError(`dataset: mode: must be "${DatasetMode.SLIDING_WINDOW}" (got "${o.mode}")`);
  const images = imageSetFor(o, RandomStream.SLIDING_WINDOW_IMAGE, tuning);
  for (let user = 0; user < o.users; user++) {
    const userText = o.sharedText
      ? fillerText(new Prng(deriveSeed(o.seed, RandomStream.SLIDING_WINDOW_USER_TEXT, user)), o.words)
      : undefined;
    for (let turn = 0; turn < o.turns; turn++) {
      const row = user * o.turns + turn;
      const text = userText ?? fillerText(new Prng(deriveSeed(o.seed, RandomStream.SLIDING_WINDOW_TEXT, row)), o.words);
      const encoded = slidingWindowImageIndices(o, user, turn).map((i) => images.get(i));
      yield {
        session_id: sessionId(user),
        text,
        images: encoded.map((e) => e.dataUrl),
        ...(o.imageUuids ? { image_uuids: encoded.map((e) => e.uuid) } : {}),
      };
    }
  }
}
