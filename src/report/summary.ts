import { relative, sep } from 'node:path';
import type { AiperfExport } from './aiperf-export';
import type { Comparison } from './comparison';
import type { ConfigurationResults } from './discover';
import type { MetricStats } from './metrics';
import { RUN_METADATA_FILE } from './run-metadata';

/** Version of the summary.json layout; bumped on breaking changes. */
export const SUMMARY_SCHEMA_VERSION = 1;

/** File name of the machine-readable summary. */
export const SUMMARY_FILE = 'summary.json';

/** One AIPerf export as recorded in summary.json. */
export interface SummaryExport {
  /** Export file, relative to the results directory (`/`-separated). */
  readonly source: string;
  /** `json`, or `csv` when only the CSV export existed (values rounded to 2 decimals). */
  readonly format: 'json' | 'csv';
  /** `aiperf_version` of the export, or null. */
  readonly aiperfVersion: string | null;
  /** `benchmark_id` of the export, or null. */
  readonly benchmarkId: string | null;
  /** `start_time` of the export, or null. */
  readonly startTime: string | null;
  /** `end_time` of the export, or null. */
  readonly endTime: string | null;
  /** `was_cancelled` of the export, or null. */
  readonly wasCancelled: boolean | null;
  /** Every metric object read, unrounded, in the report's units (ms, sec, per-second rates). */
  readonly metrics: Readonly<Record<string, MetricStats>>;
}

/** One sweep point as recorded in summary.json. */
export interface SummarySweepPoint {
  /** Input sequence length. */
  readonly isl: number;
  /** Output sequence length. */
  readonly osl: number;
  /** Concurrency. */
  readonly concurrency: number;
  /** The export, or null when it is missing or malformed. */
  readonly export: SummaryExport | null;
}

/** One configuration as recorded in summary.json: where it came from and every number the report printed. */
export interface SummaryConfiguration {
  /** Configuration name (directory name). */
  readonly name: string;
  /** run.json relative to the results directory, or null when absent. */
  readonly metadataSource: string | null;
  /** Recipe from run.json, or null. */
  readonly recipe: string | null;
  /** Hardware profile from run.json, or null. */
  readonly hardware: string | null;
  /** Model from run.json (else AIPerf's input_config), or null. */
  readonly model: string | null;
  /** SHA-256 of the exact manifests deployed, from run.json, or null. */
  readonly manifestSha256: string | null;
  /** Start of the perf workload from run.json, or null. */
  readonly startedAt: string | null;
  /** Goodput SLOs (run.json, else AIPerf's input_config), or null. */
  readonly goodputSlos: Readonly<Record<string, number>> | null;
  /** The single-run export, or null (sweep, missing or malformed). */
  readonly run: SummaryExport | null;
  /** The comparison-table values (by column id `<metric>.<stat>`), or null when not in the comparison. */
  readonly comparison: Readonly<Record<string, number | null>> | null;
  /** Relative change vs the baseline by column id (0.128 = +12.8 %), or null for the baseline and non-compared. */
  readonly deltaVsBaseline: Readonly<Record<string, number | null>> | null;
  /** Sweep points, empty for a single run. */
  readonly sweep: readonly SummarySweepPoint[];
  /** Missing or malformed files of this configuration. */
  readonly problems: readonly string[];
  /** Warnings about this configuration. */
  readonly warnings: readonly string[];
}

/** summary.json: the machine-readable twin of report.md. */
export interface ReportSummary {
  /** {@link SUMMARY_SCHEMA_VERSION}. */
  readonly schemaVersion: number;
  /** Report title. */
  readonly title: string;
  /** The results directory, relative to the directory summary.json is in (`/`-separated). */
  readonly resultsDir: string;
  /** Recipe shared by every configuration, or null (absent or mixed). */
  readonly recipe: string | null;
  /** Hardware profile shared by every configuration, or null (absent or mixed). */
  readonly hardware: string | null;
  /** Model shared by every configuration, or null (absent or mixed). */
  readonly model: string | null;
  /** Baseline of the comparison, or null. */
  readonly baseline: string | null;
  /** AIPerf metric of the comparison's throughput column. */
  readonly throughputMetric: string | null;
  /** Files written beside summary.json. */
  readonly files: readonly string[];
  /** Configurations in report order. */
  readonly configurations: readonly SummaryConfiguration[];
  /** Warnings (also printed on stderr). */
  readonly warnings: readonly string[];
  /** Problems: missing or malformed files (also printed on stderr; the CLI exits 1). */
  readonly problems: readonly string[];
}

function portable(path: string): string {
  return path.split(sep).join('/');
}

function summariseExport(resultsDir: string, data: AiperfExport): SummaryExport {
  return {
    source: portable(relative(resultsDir, data.file)),
    format: data.format,
    aiperfVersion: data.aiperfVersion ?? null,
    benchmarkId: data.benchmarkId ?? null,
    startTime: data.startTime ?? null,
    endTime: data.endTime ?? null,
    wasCancelled: data.wasCancelled ?? null,
    metrics: Object.fromEntries(
      Object.entries(data.metrics).filter((e): e is [string, MetricStats] => e[1] !== undefined),
    ),
  };
}

/** The value shared by every configuration, or null when any lacks it or they differ. */
export function sharedValue(values: readonly (string | null | undefined)[]): string | null {
  const [first] = values;
  return first !== undefined && first !== null && values.every((v) => v === first) ? first : null;
}

/** Everything {@link buildSummary} needs. */
export interface SummaryInput {
  /** Report title. */
  readonly title: string;
  /** Results directory. */
  readonly dir: string;
  /** Output directory. */
  readonly outDir: string;
  /** Configurations in report order. */
  readonly configurations: readonly ConfigurationResults[];
  /**
   * The comparison, when there is one.
   * @default - None.
   */
  readonly comparison?: Comparison;
  /** Goodput SLOs per configuration name. */
  readonly goodputSlos: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Files written beside summary.json. */
  readonly files: readonly string[];
  /** All warnings. */
  readonly warnings: readonly string[];
  /** All problems. */
  readonly problems: readonly string[];
}

/** The model of a configuration: run.json, else the first model of AIPerf's input_config. */
export function configurationModel(configuration: ConfigurationResults): string | undefined {
  return (
    configuration.metadata?.model ??
    configuration.run?.inputConfig?.model ??
    configuration.sweep.find((p) => p.data?.inputConfig?.model !== undefined)?.data?.inputConfig?.model
  );
}

/** Builds summary.json: provenance (run.json) and every number of the report, per configuration. */
export function buildSummary(input: SummaryInput): ReportSummary {
  const { comparison } = input;
  const configurations = input.configurations.map((c): SummaryConfiguration => {
    const row = comparison?.rows.find((r) => r.configuration === c.name);
    const byColumn = (values: readonly (number | undefined)[] | undefined) =>
      values === undefined || comparison === undefined
        ? null
        : Object.fromEntries(comparison.columns.map((col, i) => [col.id, values[i] ?? null]));
    return {
      name: c.name,
      metadataSource: c.metadata === undefined ? null : `${c.name}/${RUN_METADATA_FILE}`,
      recipe: c.metadata?.recipe ?? null,
      hardware: c.metadata?.hardware ?? null,
      model: configurationModel(c) ?? null,
      manifestSha256: c.metadata?.manifestSha256 ?? null,
      startedAt: c.metadata?.startedAt ?? null,
      goodputSlos: input.goodputSlos.get(c.name) ?? null,
      run: c.run === undefined ? null : summariseExport(input.dir, c.run),
      comparison: byColumn(row?.values),
      deltaVsBaseline: byColumn(row?.deltas),
      sweep: c.sweep.map((p) => ({
        isl: p.isl,
        osl: p.osl,
        concurrency: p.concurrency,
        export: p.data === undefined ? null : summariseExport(input.dir, p.data),
      })),
      problems: c.problems,
      warnings: c.warnings,
    };
  });
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    title: input.title,
    resultsDir: portable(relative(input.outDir, input.dir)) || '.',
    recipe: sharedValue(configurations.map((c) => c.recipe)),
    hardware: sharedValue(configurations.map((c) => c.hardware)),
    model: sharedValue(configurations.map((c) => c.model)),
    baseline: comparison?.baseline ?? null,
    throughputMetric: comparison?.throughputMetric ?? null,
    files: input.files,
    configurations,
    warnings: input.warnings,
    problems: input.problems,
  };
}
