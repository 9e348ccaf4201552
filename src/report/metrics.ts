/**
 * The AIPerf metrics the report reads, their statistics, and the units the report prints them in.
 *
 * Names are AIPerf's metric tags (the top-level keys of `profile_export_aiperf.json`).
 * @see https://github.com/ai-dynamo/aiperf/blob/main/docs/reference/json-export-schema.md
 */
import { UserError } from '../errors';

/** AIPerf metric tags the report knows (validated strictly when present). */
export enum AiperfMetric {
  /** Requests completed per second over the benchmark (`requests/sec`). */
  REQUEST_THROUGHPUT = 'request_throughput',
  /** End-to-end request latency (`ms`). */
  REQUEST_LATENCY = 'request_latency',
  /** Time to first token (`ms`). */
  TIME_TO_FIRST_TOKEN = 'time_to_first_token',
  /** Time to second token (`ms`). */
  TIME_TO_SECOND_TOKEN = 'time_to_second_token',
  /** Inter-token latency, a.k.a. TPOT (`ms`). */
  INTER_TOKEN_LATENCY = 'inter_token_latency',
  /** Output tokens per second over the benchmark (`tokens/sec`). */
  OUTPUT_TOKEN_THROUGHPUT = 'output_token_throughput',
  /** Output tokens per second seen by one user (`tokens/sec/user`). */
  OUTPUT_TOKEN_THROUGHPUT_PER_USER = 'output_token_throughput_per_user',
  /** Output tokens per request (`tokens`). */
  OUTPUT_SEQUENCE_LENGTH = 'output_sequence_length',
  /** Input tokens per request (`tokens`). */
  INPUT_SEQUENCE_LENGTH = 'input_sequence_length',
  /** Requests per second that met every `--goodput` SLO (`requests/sec`); null without SLOs. */
  GOODPUT = 'goodput',
  /** Requests that met every `--goodput` SLO (`requests`); null without SLOs. */
  GOOD_REQUEST_COUNT = 'good_request_count',
  /** Successful requests (`requests`). */
  REQUEST_COUNT = 'request_count',
  /** Failed requests (`requests`); null when none failed. */
  ERROR_REQUEST_COUNT = 'error_request_count',
  /** Wall-clock duration of the profiling phase (`sec`). */
  BENCHMARK_DURATION = 'benchmark_duration',
}

/** Every known metric tag. */
export const AIPERF_METRICS: readonly AiperfMetric[] = Object.values(AiperfMetric);

/** Statistics of an AIPerf metric object. */
export type MetricStat =
  | 'avg'
  | 'min'
  | 'max'
  | 'std'
  | 'p1'
  | 'p5'
  | 'p10'
  | 'p25'
  | 'p50'
  | 'p75'
  | 'p90'
  | 'p95'
  | 'p99'
  | 'count'
  | 'sum';

/** Every statistic an AIPerf metric object may carry. */
export const METRIC_STATS: readonly MetricStat[] = [
  'avg',
  'min',
  'max',
  'std',
  'p1',
  'p5',
  'p10',
  'p25',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'count',
  'sum',
];

/** Statistics that scale with the unit (everything but `count`). */
const SCALED_STATS: readonly MetricStat[] = METRIC_STATS.filter((s) => s !== 'count');

/** Milliseconds per unit of the time units AIPerf prints. */
const MILLISECONDS_PER: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  s: 1000,
  sec: 1000,
};

/** Per-second rate units AIPerf prints, by the quantity counted. */
const RATE_UNITS: Readonly<Record<string, readonly string[]>> = {
  requests: ['requests/sec', 'requests/s', 'req/s'],
  tokens: ['tokens/sec', 'tokens/s', 'tok/s'],
};

/** The unit every metric is normalised to before it is printed, and what else may be converted to it. */
interface UnitRule {
  /** Unit after normalisation. */
  readonly unit: string;
  /** Units accepted in the export, with the factor that converts them. */
  readonly accepts: Readonly<Record<string, number>>;
}

function timeRule(target: 'ms' | 'sec'): UnitRule {
  const per = MILLISECONDS_PER[target === 'ms' ? 'ms' : 'sec'] as number;
  const accepts: Record<string, number> = {};
  for (const [unit, ms] of Object.entries(MILLISECONDS_PER)) {
    accepts[unit] = ms / per;
  }
  return { unit: target, accepts };
}

function sameUnits(target: string, names: readonly string[]): UnitRule {
  return { unit: target, accepts: Object.fromEntries(names.map((n) => [n, 1])) };
}

const UNIT_RULES: Readonly<Record<AiperfMetric, UnitRule | undefined>> = {
  [AiperfMetric.REQUEST_THROUGHPUT]: sameUnits('requests/sec', RATE_UNITS.requests as readonly string[]),
  [AiperfMetric.GOODPUT]: sameUnits('requests/sec', RATE_UNITS.requests as readonly string[]),
  [AiperfMetric.OUTPUT_TOKEN_THROUGHPUT]: sameUnits('tokens/sec', RATE_UNITS.tokens as readonly string[]),
  [AiperfMetric.REQUEST_LATENCY]: timeRule('ms'),
  [AiperfMetric.TIME_TO_FIRST_TOKEN]: timeRule('ms'),
  [AiperfMetric.TIME_TO_SECOND_TOKEN]: timeRule('ms'),
  [AiperfMetric.INTER_TOKEN_LATENCY]: timeRule('ms'),
  [AiperfMetric.BENCHMARK_DURATION]: timeRule('sec'),
  // Counts and token lengths are printed as exported.
  [AiperfMetric.OUTPUT_TOKEN_THROUGHPUT_PER_USER]: undefined,
  [AiperfMetric.OUTPUT_SEQUENCE_LENGTH]: undefined,
  [AiperfMetric.INPUT_SEQUENCE_LENGTH]: undefined,
  [AiperfMetric.GOOD_REQUEST_COUNT]: undefined,
  [AiperfMetric.REQUEST_COUNT]: undefined,
  [AiperfMetric.ERROR_REQUEST_COUNT]: undefined,
};

/** One metric object of an AIPerf export, after unit normalisation. Absent statistics are not applicable. */
export type MetricStats = { readonly unit: string } & { readonly [S in MetricStat]?: number };

/**
 * Converts a metric object to the unit the report prints (ms for latencies, sec for durations, per-second rates),
 * or returns a problem naming the unit it cannot convert.
 */
export function normaliseMetricUnit(metric: string, stats: MetricStats): MetricStats | { readonly problem: string } {
  const rule = UNIT_RULES[metric as AiperfMetric];
  if (rule === undefined) {
    return stats;
  }
  const factor = rule.accepts[stats.unit];
  if (factor === undefined) {
    return {
      problem: `${metric}.unit is '${stats.unit}'; expected one of ${Object.keys(rule.accepts)
        .map((u) => `'${u}'`)
        .join(', ')}`,
    };
  }
  if (factor === 1 && stats.unit === rule.unit) {
    return stats;
  }
  const converted: { -readonly [K in keyof MetricStats]: MetricStats[K] } = { ...stats, unit: rule.unit };
  for (const stat of SCALED_STATS) {
    const value = stats[stat];
    if (value !== undefined) {
      converted[stat] = value * factor;
    }
  }
  return converted;
}

/**
 * Normalises metric objects and returns them, or throws a {@link UserError} naming the file and the metric whose
 * unit cannot be converted.
 */
export function normaliseMetrics(
  file: string,
  rawMetrics: Readonly<Record<string, MetricStats>>,
): Readonly<Record<string, MetricStats>> {
  const metrics: Record<string, MetricStats> = {};
  const problems: string[] = [];
  for (const [tag, stats] of Object.entries(rawMetrics)) {
    const normalised = normaliseMetricUnit(tag, stats);
    if ('problem' in normalised) {
      problems.push(normalised.problem);
    } else {
      metrics[tag] = normalised;
    }
  }
  if (problems.length > 0) {
    throw new UserError(`${file}: not a valid AIPerf export: ${problems.join('; ')}`);
  }
  return metrics;
}
