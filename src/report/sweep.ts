import { metricValue } from './aiperf-export';
import type { SweepPoint } from './discover';
import { NUMBER_FORMATS, formatNumber } from './format';
import { ColumnAlignment, code, renderCompactTable } from './markdown-table';
import { AiperfMetric, MetricStat } from './metrics';

/** One column of a sweep table. */
export interface SweepColumn {
  /** Column header. */
  readonly header: string;
  /** AIPerf metric. */
  readonly metric: AiperfMetric;
  /** Statistic of the metric. */
  readonly stat: MetricStat;
}

/**
 * The columns of seed 004's sweep tables (with its spelling mistakes fixed). TPOT is AIPerf's `inter_token_latency`;
 * E2E latency is AIPerf's `request_latency`.
 */
export const SWEEP_COLUMNS: readonly SweepColumn[] = [
  { header: 'Request Throughput (req/s)', metric: AiperfMetric.REQUEST_THROUGHPUT, stat: 'avg' },
  { header: 'Output Token Throughput (tok/s)', metric: AiperfMetric.OUTPUT_TOKEN_THROUGHPUT, stat: 'avg' },
  { header: 'Mean E2E Latency (ms)', metric: AiperfMetric.REQUEST_LATENCY, stat: 'avg' },
  { header: 'P99 E2E Latency (ms)', metric: AiperfMetric.REQUEST_LATENCY, stat: 'p99' },
  { header: 'Mean TTFT (ms)', metric: AiperfMetric.TIME_TO_FIRST_TOKEN, stat: 'avg' },
  { header: 'P99 TTFT (ms)', metric: AiperfMetric.TIME_TO_FIRST_TOKEN, stat: 'p99' },
  { header: 'Mean TPOT (ms)', metric: AiperfMetric.INTER_TOKEN_LATENCY, stat: 'avg' },
  { header: 'P99 TPOT (ms)', metric: AiperfMetric.INTER_TOKEN_LATENCY, stat: 'p99' },
];

/** The sweep points of one configuration. */
export interface SweepEntry {
  /** Configuration (topology) name. */
  readonly configuration: string;
  /** Its sweep points, any order. */
  readonly points: readonly SweepPoint[];
}

/** An ISL:OSL pair of a sweep. */
export interface SweepShape {
  /** Input sequence length (tokens). */
  readonly isl: number;
  /** Output sequence length (tokens). */
  readonly osl: number;
}

/** Options of {@link renderSweep}. */
export interface SweepRenderOptions {
  /**
   * Order of the ISL:OSL sections (e.g. the order of `sweep.islOsl` in run.json); shapes not listed follow, sorted.
   * @default - Sorted by ISL, then OSL.
   */
  readonly shapeOrder?: readonly SweepShape[];
  /**
   * File name of the chart of one ISL:OSL, linked under its heading.
   * @default - No chart links.
   */
  readonly chartFile?: (shape: SweepShape) => string;
}

/** The ISL:OSL pairs of the entries: those of `order` first (when present), then the rest sorted. */
export function sweepShapes(entries: readonly SweepEntry[], order: readonly SweepShape[] = []): SweepShape[] {
  const key = (s: SweepShape) => `${s.isl}:${s.osl}`;
  const present = new Map<string, SweepShape>();
  for (const p of entries.flatMap((e) => e.points)) {
    present.set(key(p), { isl: p.isl, osl: p.osl });
  }
  const ordered: SweepShape[] = [];
  for (const s of order) {
    if (present.has(key(s)) && !ordered.some((o) => key(o) === key(s))) {
      ordered.push({ isl: s.isl, osl: s.osl });
    }
  }
  const rest = [...present.values()]
    .filter((s) => !ordered.some((o) => key(o) === key(s)))
    .sort((a, b) => a.isl - b.isl || a.osl - b.osl);
  return [...ordered, ...rest];
}

/** Heading text of one ISL:OSL section, as seed 004 names it. */
export function sweepShapeTitle(shape: SweepShape): string {
  return `ISL:OSL=${shape.isl}:${shape.osl}`;
}

/** The table of one configuration at one ISL:OSL: one row per concurrency, seed 004's columns and number format. */
export function renderSweepTable(points: readonly SweepPoint[]): string {
  const rows = [...points]
    .sort((a, b) => a.concurrency - b.concurrency)
    .map((p) => [
      String(p.concurrency),
      ...SWEEP_COLUMNS.map((c) => formatNumber(metricValue(p.data, c.metric, c.stat), NUMBER_FORMATS.sweep)),
    ]);
  const header = ['Concurrency', ...SWEEP_COLUMNS.map((c) => c.header)];
  return renderCompactTable(header, rows, header.map((): ColumnAlignment => 'center'));
}

/**
 * Renders sweep results as Markdown: one section per ISL:OSL (with its chart link), and in it one table per
 * configuration with a row per concurrency (seed 004's columns and number format). Headings start at level 3.
 */
export function renderSweep(entries: readonly SweepEntry[], options: SweepRenderOptions = {}): string {
  const blocks: string[] = [];
  for (const shape of sweepShapes(entries, options.shapeOrder)) {
    blocks.push(`### Benchmark Result (${sweepShapeTitle(shape)})`);
    if (options.chartFile !== undefined) {
      blocks.push(`![Output token throughput vs concurrency, ${sweepShapeTitle(shape)}](${options.chartFile(shape)})`);
    }
    for (const entry of entries) {
      const points = entry.points.filter((p) => p.isl === shape.isl && p.osl === shape.osl);
      if (points.length > 0) {
        blocks.push(`#### ${code(entry.configuration)}`, renderSweepTable(points));
      }
    }
  }
  return blocks.join('\n\n');
}
