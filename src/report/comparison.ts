import { AiperfExport, metricValue } from './aiperf-export';
import { NOT_AVAILABLE, NUMBER_FORMATS, NumberFormat, formatDelta, formatNumber, relativeChange } from './format';
import { ColumnAlignment, code, renderPaddedTable } from './markdown-table';
import { AiperfMetric, MetricStat } from './metrics';

/** Which throughput heads the comparison table. */
export enum ThroughputMetric {
  /** Requests per second (`request_throughput`), printed as `RPS` (seed 000). */
  REQUESTS = 'requests',
  /** Output tokens per second (`output_token_throughput`), printed as `Output TPS (tok/s)` (seed 001). */
  OUTPUT_TOKENS = 'output-tokens',
}

/** One column of the comparison table. */
export interface ComparisonColumn {
  /** Stable id, used as key in summary.json (`<metric>.<stat>`). */
  readonly id: string;
  /** Column header. */
  readonly header: string;
  /** Short name used after a delta in the headline (`RPS`, `TTFT avg`). */
  readonly label: string;
  /** AIPerf metric. */
  readonly metric: AiperfMetric;
  /** Statistic of the metric. */
  readonly stat: MetricStat;
  /** How the values are printed. */
  readonly format: NumberFormat;
}

function column(
  metric: AiperfMetric,
  stat: MetricStat,
  header: string,
  label: string,
  format: NumberFormat,
): ComparisonColumn {
  return { id: `${metric}.${stat}`, header, label, metric, stat, format };
}

/**
 * The columns of the comparison table: throughput, ITL avg, TTFT avg/p50/p90/p99 and request latency avg,
 * headed and formatted as seeds 000 and 001 print them.
 */
export function comparisonColumns(throughput: ThroughputMetric = ThroughputMetric.REQUESTS): ComparisonColumn[] {
  const ttft = AiperfMetric.TIME_TO_FIRST_TOKEN;
  const ttftFormat = NUMBER_FORMATS.timeToFirstToken;
  return [
    throughput === ThroughputMetric.OUTPUT_TOKENS
      ? column(
          AiperfMetric.OUTPUT_TOKEN_THROUGHPUT,
          'avg',
          'Output TPS (tok/s)',
          'Output TPS',
          NUMBER_FORMATS.outputTokenThroughput,
        )
      : column(AiperfMetric.REQUEST_THROUGHPUT, 'avg', 'RPS', 'RPS', NUMBER_FORMATS.requestThroughput),
    column(AiperfMetric.INTER_TOKEN_LATENCY, 'avg', 'ITL (ms)', 'ITL avg', NUMBER_FORMATS.interTokenLatency),
    column(ttft, 'avg', 'TTFT avg (ms)', 'TTFT avg', ttftFormat),
    column(ttft, 'p50', 'TTFT p50', 'TTFT p50', ttftFormat),
    column(ttft, 'p90', 'TTFT p90', 'TTFT p90', ttftFormat),
    column(ttft, 'p99', 'TTFT p99', 'TTFT p99', ttftFormat),
    column(
      AiperfMetric.REQUEST_LATENCY,
      'avg',
      'Request latency avg (ms)',
      'request latency avg',
      NUMBER_FORMATS.requestLatency,
    ),
  ];
}

/** One configuration to compare. */
export interface ComparisonEntry {
  /** Configuration name. */
  readonly configuration: string;
  /** Its single-run export; `undefined` when missing or malformed (its cells print as n/a). */
  readonly data: AiperfExport | undefined;
}

/** Options of {@link buildComparison} and {@link renderComparison}. */
export interface ComparisonOptions {
  /**
   * The configuration the others are measured against; it must be one of the entries.
   * @default - No deltas.
   */
  readonly baseline?: string;
  /**
   * The throughput heading the table.
   * @default ThroughputMetric.REQUESTS
   */
  readonly throughput?: ThroughputMetric;
}

/** One configuration's row: values per column and, for non-baseline rows, the relative change vs the baseline. */
export interface ComparisonRow {
  /** Configuration name. */
  readonly configuration: string;
  /** Values by column (same order as {@link Comparison.columns}); `undefined` is n/a. */
  readonly values: readonly (number | undefined)[];
  /** Relative change vs the baseline by column (0.128 = +12.8 %); absent for the baseline itself. */
  readonly deltas?: readonly (number | undefined)[];
}

/** The numbers behind a comparison table. */
export interface Comparison {
  /**
   * Baseline configuration.
   * @default - No baseline: no deltas.
   */
  readonly baseline?: string;
  /** The AIPerf metric of the throughput column (shown or omitted). */
  readonly throughputMetric: AiperfMetric;
  /** Columns shown: those with a value for at least one configuration. */
  readonly columns: readonly ComparisonColumn[];
  /** Columns dropped because no configuration reported them. */
  readonly omittedColumns: readonly ComparisonColumn[];
  /** One row per configuration, in entry order. */
  readonly rows: readonly ComparisonRow[];
  /**
   * The non-baseline configuration with the highest throughput delta (its TTFT p50 delta joins the headline).
   * @default - None.
   */
  readonly winner?: string;
}

/**
 * Computes the comparison: values per configuration and column, deltas vs the baseline, the winner.
 * A column no configuration reports is omitted (and listed in `omittedColumns`).
 */
export function buildComparison(entries: readonly ComparisonEntry[], options: ComparisonOptions = {}): Comparison {
  if (options.baseline !== undefined && !entries.some((e) => e.configuration === options.baseline)) {
    throw new Error(`baseline '${options.baseline}' is not one of the compared configurations`);
  }
  const all = comparisonColumns(options.throughput);
  const present = all.map((c) => entries.some((e) => metricValue(e.data, c.metric, c.stat) !== undefined));
  const columns = all.filter((_, i) => present[i]);
  const omittedColumns = all.filter((_, i) => !present[i]);
  const base = entries.find((e) => e.configuration === options.baseline);
  const rows: ComparisonRow[] = entries.map((entry) => {
    const values = columns.map((c) => metricValue(entry.data, c.metric, c.stat));
    if (base === undefined || entry === base) {
      return { configuration: entry.configuration, values };
    }
    const deltas = columns.map((c, i) => relativeChange(values[i], metricValue(base.data, c.metric, c.stat)));
    return { configuration: entry.configuration, values, deltas };
  });

  let winner: string | undefined;
  let best = -Infinity;
  const throughputIndex = columns.indexOf(all[0] as ComparisonColumn);
  for (const row of rows) {
    const delta = throughputIndex >= 0 ? row.deltas?.[throughputIndex] : undefined;
    if (delta !== undefined && delta > best) {
      best = delta;
      winner = row.configuration;
    }
  }
  const throughputMetric = (all[0] as ComparisonColumn).metric;
  return { baseline: base?.configuration, throughputMetric, columns, omittedColumns, rows, winner };
}

const CONFIG_HEADER = 'Config';

/** The comparison table (seed 000's layout): one row per configuration. */
export function renderComparisonTable(comparison: Comparison): string {
  const header = [CONFIG_HEADER, ...comparison.columns.map((c) => c.header)];
  const align: ColumnAlignment[] = ['left', ...comparison.columns.map((): ColumnAlignment => 'right')];
  const rows = comparison.rows.map((row) => [
    code(row.configuration),
    ...comparison.columns.map((c, i) => formatNumber(row.values[i], c.format)),
  ]);
  return renderPaddedTable(header, rows, align);
}

/** The delta table: one row per non-baseline configuration, the relative change of every column vs the baseline. */
export function renderDeltaTable(comparison: Comparison): string | undefined {
  const rows = comparison.rows.filter((r) => r.deltas !== undefined);
  if (comparison.baseline === undefined || rows.length === 0) {
    return undefined;
  }
  const header = [`Δ vs ${code(comparison.baseline)}`, ...comparison.columns.map((c) => c.header)];
  const align: ColumnAlignment[] = ['left', ...comparison.columns.map((): ColumnAlignment => 'right')];
  const cells = rows.map((row) => [code(row.configuration), ...(row.deltas ?? []).map((d) => formatDelta(d))]);
  return renderPaddedTable(header, cells, align);
}

function deltaOf(comparison: Comparison, row: ComparisonRow, id: string): string | undefined {
  const index = comparison.columns.findIndex((c) => c.id === id);
  if (index < 0) {
    return undefined;
  }
  return `${formatDelta(row.deltas?.[index])} ${(comparison.columns[index] as ComparisonColumn).label}`;
}

/**
 * The headline sentence, as seed 000 prints it:
 * ``Δ vs `vllm-serve`: `dynamo-fd` **+12.8% RPS / −60.4% TTFT avg**; `dynamo-fd-ec` **+29.8% RPS / −66.4% TTFT avg** (−87.4% TTFT p50).``
 *
 * Each non-baseline configuration gets its throughput and TTFT avg deltas; the winner (highest throughput delta)
 * also gets its TTFT p50 delta in parentheses. `undefined` without a baseline or another configuration.
 */
export function comparisonHeadline(comparison: Comparison): string | undefined {
  const rows = comparison.rows.filter((r) => r.deltas !== undefined);
  if (comparison.baseline === undefined || rows.length === 0) {
    return undefined;
  }
  const throughputId = `${comparison.throughputMetric}.avg`;
  const ttftAvgId = `${AiperfMetric.TIME_TO_FIRST_TOKEN}.avg`;
  const ttftP50Id = `${AiperfMetric.TIME_TO_FIRST_TOKEN}.p50`;
  const parts = rows.map((row) => {
    const main = [deltaOf(comparison, row, throughputId), deltaOf(comparison, row, ttftAvgId)]
      .filter((s): s is string => s !== undefined && !s.startsWith(`${NOT_AVAILABLE} `));
    const head = main.length > 0 ? `${code(row.configuration)} **${main.join(' / ')}**` : `${code(row.configuration)} ${NOT_AVAILABLE}`;
    const p50 = row.configuration === comparison.winner ? deltaOf(comparison, row, ttftP50Id) : undefined;
    return p50 !== undefined && !p50.startsWith(`${NOT_AVAILABLE} `) ? `${head} (${p50})` : head;
  });
  return `Δ vs ${code(comparison.baseline)}: ${parts.join('; ')}.`;
}

/**
 * Renders the comparison as Markdown: the table (seed 000's layout and number formats), the delta table, the
 * headline sentence and a note on columns no configuration reported.
 */
export function renderComparison(entries: readonly ComparisonEntry[], options: ComparisonOptions = {}): string {
  return renderBuiltComparison(buildComparison(entries, options));
}

/** Renders an already built {@link Comparison} as Markdown (see {@link renderComparison}). */
export function renderBuiltComparison(comparison: Comparison): string {
  const blocks = [renderComparisonTable(comparison), renderDeltaTable(comparison), comparisonHeadline(comparison)];
  if (comparison.omittedColumns.length > 0) {
    blocks.push(`Not reported by any configuration: ${comparison.omittedColumns.map((c) => c.header).join(', ')}.`);
  }
  return blocks.filter((b): b is string => b !== undefined).join('\n\n');
}
