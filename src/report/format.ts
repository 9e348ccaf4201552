/**
 * Every number-formatting rule of the report, in one place.
 *
 * The rules reproduce how the published benchmark pages print their numbers:
 * - comparison tables (seed 000): RPS with 3 decimals, ITL with 2, TTFT in whole milliseconds with thousands
 *   separators (`18,173`); output throughput (seed 001) with 1 decimal and separators (`3,575.6`);
 * - sweep tables (seed 004): rounded to 2 decimals, trailing zeros dropped, no separators (`0.9`, `2868`, `20.26`);
 * - deltas: percent change with 1 decimal and an explicit sign (`+12.8%`, `−60.4%`).
 *
 * Negative numbers and deltas use the Unicode minus sign U+2212 (`−`), as seed 000 prints its deltas;
 * a value that rounds to zero carries no sign (`0.0%`). A missing value prints as {@link NOT_AVAILABLE}.
 */

/** What a missing value (metric, statistic or file) prints as. */
export const NOT_AVAILABLE = 'n/a';

/** The minus sign of every negative number and delta in the report (U+2212 MINUS SIGN). */
export const MINUS_SIGN = '\u2212';

/** How one column of numbers is printed. */
export interface NumberFormat {
  /** Digits after the decimal point. */
  readonly decimals: number;
  /**
   * Group the integer part by thousands with commas (`18,173`).
   * @default false
   */
  readonly thousands?: boolean;
  /**
   * Drop trailing zeros of the fraction, and the point when nothing is left (`0.90` → `0.9`, `23.00` → `23`).
   * @default false
   */
  readonly trimZeros?: boolean;
}

/** The formats of the report's columns, named after what they print. */
export const NUMBER_FORMATS = {
  /** Request throughput in the comparison table: `0.719`. */
  requestThroughput: { decimals: 3, thousands: true },
  /** Output token throughput in the comparison table: `3,575.6`. */
  outputTokenThroughput: { decimals: 1, thousands: true },
  /** Inter-token latency (ms) in the comparison table: `21.28`. */
  interTokenLatency: { decimals: 2, thousands: true },
  /** TTFT (ms) in the comparison table: `18,173`. */
  timeToFirstToken: { decimals: 0, thousands: true },
  /** Request latency (ms) in the comparison table: `2,630`. */
  requestLatency: { decimals: 0, thousands: true },
  /** Goodput (req/s): `0.719`. */
  goodput: { decimals: 3, thousands: true },
  /** Request counts: `12,031`. */
  count: { decimals: 0, thousands: true },
  /** A share in percent: `97.5`. */
  percent: { decimals: 1, thousands: false },
  /** Every cell of a sweep table: `0.9`, `2868`, `20.26`. */
  sweep: { decimals: 2, thousands: false, trimZeros: true },
  /** SLO thresholds in headings: `2,000`, `25`, `0.5`. */
  threshold: { decimals: 3, thousands: true, trimZeros: true },
} as const satisfies Record<string, NumberFormat>;

/** Decimals of every delta (`+12.8%`). */
const DELTA_DECIMALS = 1;

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a number by the given rule; `undefined`, `null` and non-finite values print as {@link NOT_AVAILABLE}.
 *
 * Rounding is to the nearest representable decimal (`Number.prototype.toFixed`), ties away from zero.
 */
export function formatNumber(value: number | null | undefined, format: NumberFormat): string {
  if (value === undefined || value === null || !Number.isFinite(value)) {
    return NOT_AVAILABLE;
  }
  let digits = Math.abs(value).toFixed(format.decimals);
  if (format.trimZeros === true && digits.includes('.')) {
    digits = digits.replace(/0+$/, '').replace(/\.$/, '');
  }
  const isZero = /^[0.]*$/.test(digits);
  const [integerPart, fraction] = digits.split('.') as [string, string | undefined];
  const grouped = format.thousands === true ? groupThousands(integerPart) : integerPart;
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return value < 0 && !isZero ? `${MINUS_SIGN}${body}` : body;
}

/**
 * The relative change of `value` against `base` (0.128 for +12.8 %), or `undefined` when either is missing
 * or the base is zero.
 */
export function relativeChange(value: number | undefined, base: number | undefined): number | undefined {
  if (value === undefined || base === undefined || !Number.isFinite(value) || !Number.isFinite(base) || base === 0) {
    return undefined;
  }
  return (value - base) / Math.abs(base);
}

/**
 * Formats a relative change as a signed percentage with one decimal: `+12.8%`, `−60.4%`, `0.0%`, `n/a`.
 *
 * The sign is the sign of the change itself, never flipped: for throughput `+` means more (better),
 * for latencies `−` means lower (better), exactly as the published pages read.
 */
export function formatDelta(change: number | undefined): string {
  if (change === undefined || !Number.isFinite(change)) {
    return NOT_AVAILABLE;
  }
  const digits = Math.abs(change * 100).toFixed(DELTA_DECIMALS);
  if (/^[0.]*$/.test(digits)) {
    return `${digits}%`;
  }
  return `${change > 0 ? '+' : MINUS_SIGN}${digits}%`;
}
