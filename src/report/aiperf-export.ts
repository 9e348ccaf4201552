import { z } from 'zod';
import { UserError } from '../errors';
import { formatIssue } from '../util/zod-issues';
import { parseAiperfCsv } from './aiperf-csv';
import { readTextFile } from './files';
import { AIPERF_METRICS, AiperfMetric, METRIC_STATS, MetricStat, MetricStats, normaliseMetrics } from './metrics';

/** File name of AIPerf's aggregated JSON export. */
export const AIPERF_JSON_EXPORT = 'profile_export_aiperf.json';

/** File name of AIPerf's aggregated CSV export. */
export const AIPERF_CSV_EXPORT = 'profile_export_aiperf.csv';

/** The parts of AIPerf's `input_config` the report uses (all optional: the block changes between AIPerf versions). */
export interface AiperfInputConfig {
  /**
   * First model name (`endpoint.model_names[0]`).
   * @default - Not set.
   */
  readonly model?: string;
  /**
   * Concurrency of the load generator (`loadgen.concurrency`).
   * @default - Not set.
   */
  readonly concurrency?: number;
  /**
   * Requests sent while profiling (`loadgen.request_count`).
   * @default - Not set.
   */
  readonly requestCount?: number;
  /**
   * Mean synthetic input tokens (`input.prompt.input_tokens.mean`).
   * @default - Not set.
   */
  readonly inputTokensMean?: number;
  /**
   * Mean requested output tokens (`input.prompt.output_tokens.mean`).
   * @default - Not set.
   */
  readonly outputTokensMean?: number;
  /**
   * Goodput SLOs (`input.goodput`), metric tag to threshold in the metric's display unit.
   * @default - Not set.
   */
  readonly goodput?: Readonly<Record<string, number>>;
  /**
   * The `aiperf profile` command line (`cli_command`).
   * @default - Not set.
   */
  readonly cliCommand?: string;
}

/** An AIPerf aggregated export, validated and with units normalised (ms, sec, per-second rates). */
export interface AiperfExport {
  /** Path of the file it was read from, as given. */
  readonly file: string;
  /** Which export it was read from; the CSV holds values rounded to 2 decimals. */
  readonly format: 'json' | 'csv';
  /**
   * Metric objects by AIPerf tag. A metric that is absent or `null` in the export is absent here (shown as n/a).
   * Unknown metrics are kept when they have the metric-object shape.
   */
  readonly metrics: Readonly<Record<string, MetricStats | undefined>>;
  /**
   * `schema_version` of the export (AIPerf ≥ 0.3).
   * @default - Not set.
   */
  readonly schemaVersion?: string;
  /**
   * `aiperf_version` that wrote the export.
   * @default - Not set.
   */
  readonly aiperfVersion?: string;
  /**
   * `benchmark_id` of the run.
   * @default - Not set.
   */
  readonly benchmarkId?: string;
  /**
   * `start_time` of the profiling phase (ISO-8601, as written).
   * @default - Not set.
   */
  readonly startTime?: string;
  /**
   * `end_time` of the profiling phase (ISO-8601, as written).
   * @default - Not set.
   */
  readonly endTime?: string;
  /**
   * `was_cancelled`: the run was interrupted.
   * @default - Not set.
   */
  readonly wasCancelled?: boolean;
  /**
   * What the report uses of `input_config`.
   * @default - Not set.
   */
  readonly inputConfig?: AiperfInputConfig;
}

const statNumber = z.number().nullish();

/** One metric object (`JsonMetricResult` in AIPerf): `unit` plus optional statistics; unknown fields are ignored. */
export const AiperfMetricObjectSchema = z
  .object({
    unit: z.string(),
    ...Object.fromEntries(METRIC_STATS.map((s) => [s, statNumber])),
  })
  .loose();

/**
 * Top level of `profile_export_aiperf.json` (`JsonExportData` in AIPerf). Known metrics are validated strictly;
 * everything else (telemetry, server metrics, future fields) is ignored.
 */
export const AiperfExportSchema = z
  .object({
    schema_version: z.string().nullish(),
    aiperf_version: z.string().nullish(),
    benchmark_id: z.string().nullish(),
    was_cancelled: z.boolean().nullish(),
    start_time: z.string().nullish(),
    end_time: z.string().nullish(),
    input_config: z.record(z.string(), z.unknown()).nullish(),
    ...Object.fromEntries(AIPERF_METRICS.map((m) => [m, AiperfMetricObjectSchema.nullish()])),
  })
  .loose();

function toStats(raw: Record<string, unknown>): MetricStats {
  const stats: { -readonly [K in MetricStat]?: number } & { unit: string } = { unit: String(raw.unit) };
  for (const stat of METRIC_STATS) {
    const value = raw[stat];
    if (typeof value === 'number' && Number.isFinite(value)) {
      stats[stat] = value;
    }
  }
  return stats;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

function numberAt(value: unknown, ...path: readonly string[]): number | undefined {
  const found = at(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/** Parses AIPerf's goodput SLOs: a `{tag: threshold}` object, or the CLI form `"tag:value tag:value"`. */
export function parseGoodputSlos(value: unknown): Readonly<Record<string, number>> | undefined {
  const slos: Record<string, number> = {};
  if (isRecord(value)) {
    for (const [tag, threshold] of Object.entries(value)) {
      const n = typeof threshold === 'string' ? Number(threshold) : threshold;
      if (typeof n === 'number' && Number.isFinite(n)) {
        slos[tag] = n;
      }
    }
  } else if (typeof value === 'string') {
    for (const pair of value.split(/[\s,]+/).filter((p) => p.length > 0)) {
      const [tag, threshold] = pair.split(':');
      const n = Number(threshold);
      if (tag !== undefined && tag.length > 0 && threshold !== undefined && Number.isFinite(n)) {
        slos[tag] = n;
      }
    }
  }
  return Object.keys(slos).length > 0 ? slos : undefined;
}

function parseInputConfig(raw: Record<string, unknown>): AiperfInputConfig {
  const modelNames = at(raw, 'endpoint', 'model_names');
  const firstModel = Array.isArray(modelNames) && typeof modelNames[0] === 'string' ? modelNames[0] : undefined;
  const cliCommand = at(raw, 'cli_command');
  const config: AiperfInputConfig = {
    model: firstModel,
    concurrency: numberAt(raw, 'loadgen', 'concurrency'),
    requestCount: numberAt(raw, 'loadgen', 'request_count'),
    inputTokensMean: numberAt(raw, 'input', 'prompt', 'input_tokens', 'mean'),
    outputTokensMean: numberAt(raw, 'input', 'prompt', 'output_tokens', 'mean'),
    goodput: parseGoodputSlos(at(raw, 'input', 'goodput')),
    cliCommand: typeof cliCommand === 'string' ? cliCommand : undefined,
  };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as AiperfInputConfig;
}

function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/**
 * Parses the text of a `profile_export_aiperf.json`.
 *
 * Tolerant of missing metrics (absent or `null`: shown as n/a) and of unknown fields; strict about malformed
 * content: throws a {@link UserError} with one line naming the file and what is wrong.
 */
export function parseAiperfExport(text: string, file: string): AiperfExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(json)) {
    throw new UserError(`${file}: not a valid AIPerf export: expected a JSON object at the top level`);
  }
  const parsed = AiperfExportSchema.safeParse(json);
  if (!parsed.success) {
    const [first, ...more] = parsed.error.issues;
    const where = `${file}: not a valid AIPerf export`;
    const line = formatIssue(where, first as z.core.$ZodIssue, json, AiperfExportSchema).split('\n')[0] as string;
    throw new UserError(more.length > 0 ? `${line}; and ${more.length} more problem${more.length === 1 ? '' : 's'}` : line);
  }
  const data = parsed.data as Record<string, unknown>;
  const rawMetrics: Record<string, MetricStats> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!isRecord(value)) {
      continue;
    }
    if ((AIPERF_METRICS as readonly string[]).includes(key)) {
      rawMetrics[key] = toStats(value);
    } else if (AiperfMetricObjectSchema.safeParse(value).success && 'avg' in value) {
      rawMetrics[key] = toStats(value);
    }
  }
  const inputConfig = isRecord(data.input_config) ? parseInputConfig(data.input_config) : undefined;
  const result: AiperfExport = {
    file,
    format: 'json',
    metrics: normaliseMetrics(file, rawMetrics),
    schemaVersion: optional(parsed.data.schema_version),
    aiperfVersion: optional(parsed.data.aiperf_version),
    benchmarkId: optional(parsed.data.benchmark_id),
    startTime: optional(parsed.data.start_time),
    endTime: optional(parsed.data.end_time),
    wasCancelled: optional(parsed.data.was_cancelled),
    inputConfig,
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as unknown as AiperfExport;
}

/**
 * Reads an AIPerf aggregated export: `profile_export_aiperf.json`, or the CSV export when the file name ends in
 * `.csv` (values rounded to 2 decimals by AIPerf).
 *
 * @throws UserError one line naming the file when it is missing, unreadable or malformed.
 */
export async function readAiperfExport(file: string): Promise<AiperfExport> {
  const text = await readTextFile(file);
  if (file.toLowerCase().endsWith('.csv')) {
    return parseAiperfCsv(text, file);
  }
  return parseAiperfExport(text, file);
}

/** One statistic of one metric of an export, or `undefined` when the export, metric or statistic is missing. */
export function metricValue(
  data: AiperfExport | undefined,
  metric: AiperfMetric | string,
  stat: MetricStat,
): number | undefined {
  return data?.metrics[metric]?.[stat];
}
