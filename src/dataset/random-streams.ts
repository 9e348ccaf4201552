/**
 * Identifiers of the independent random streams of the generators, mixed into the dataset seed with
 * `deriveSeed(seed, stream, index)`. Never renumber one: that would change every dataset generated since.
 */
export const RandomStream = {
  /** Pixels of sliding-window image `i`. */
  SLIDING_WINDOW_IMAGE: 1,
  /** Text of sliding-window row `r` (fresh text per turn). */
  SLIDING_WINDOW_TEXT: 2,
  /** Text of sliding-window user `u` (`sharedText`). */
  SLIDING_WINDOW_USER_TEXT: 3,
  /** Pixels of pool image `i`. */
  POOL_IMAGE: 4,
  /** Text of pool request `r`. */
  POOL_TEXT: 5,
  /** Which pool images the reused slots take. */
  POOL_ASSIGNMENT: 6,
} as const;
