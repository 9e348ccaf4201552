import * as echarts from 'echarts';
import type { Comparison, ComparisonColumn } from './comparison';
import { metricValue } from './aiperf-export';
import type { SweepEntry, SweepShape } from './sweep';
import { sweepShapeTitle } from './sweep';
import { NUMBER_FORMATS, NumberFormat, formatNumber } from './format';
import { AiperfMetric } from './metrics';

/**
 * Charts as standalone SVG documents, rendered by Apache ECharts' server-side SVG renderer (no browser, no canvas).
 * @see https://echarts.apache.org/handbook/en/how-to/cross-platform/server/
 */

/** Size of a chart in pixels. */
export interface ChartSize {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** Size of the comparison chart. */
export const COMPARISON_CHART_SIZE: ChartSize = { width: 960, height: 420 };

/** Size of a sweep chart. */
export const SWEEP_CHART_SIZE: ChartSize = { width: 720, height: 420 };

const FONT = 'sans-serif';

/**
 * Makes ECharts' SVG reproducible: ECharts numbers its CSS classes and clip paths with process-wide counters, so the
 * same chart rendered twice differs; this renumbers them in order of appearance and ends the document with a newline.
 */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  const renumbered = svg.replace(/\bzr\d+-(cls-|c)\d+\b/g, (match: string, kind: string) => {
    let id = ids.get(match);
    if (id === undefined) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      id = `chart-${kind}${n}`;
      ids.set(match, id);
    }
    return id;
  });
  return renumbered.endsWith('\n') ? renumbered : `${renumbered}\n`;
}

/** Renders an ECharts option to an SVG document (animation off, white background). */
export function renderChartSvg(option: echarts.EChartsCoreOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT }, ...option });
    return normaliseSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

type LabelParams = { readonly value?: unknown };

function labelFormatter(format: NumberFormat): (params: LabelParams) => string {
  return (params) => {
    const value = params.value;
    return typeof value === 'number' ? formatNumber(value, format) : '';
  };
}

function columnValues(comparison: Comparison, column: ComparisonColumn | undefined): (number | null)[] {
  const index = column === undefined ? -1 : comparison.columns.indexOf(column);
  return comparison.rows.map((r) => (index < 0 ? null : (r.values[index] ?? null)));
}

/**
 * The comparison chart: throughput per configuration (left) and TTFT avg/p50/p90/p99 per configuration (right).
 */
export function comparisonChartSvg(comparison: Comparison, size: ChartSize = COMPARISON_CHART_SIZE): string {
  const names = comparison.rows.map((r) => r.configuration);
  const throughput = comparison.columns.find(
    (c) => c.metric === AiperfMetric.REQUEST_THROUGHPUT || c.metric === AiperfMetric.OUTPUT_TOKEN_THROUGHPUT,
  );
  const ttft = comparison.columns.filter((c) => c.metric === AiperfMetric.TIME_TO_FIRST_TOKEN);
  const rotate = names.some((n) => n.length > 14) || names.length > 4 ? 20 : 0;
  const category = (gridIndex: number) => ({
    gridIndex,
    type: 'category',
    data: names,
    axisLabel: { interval: 0, rotate },
  });
  const throughputUnit = throughput?.metric === AiperfMetric.OUTPUT_TOKEN_THROUGHPUT ? 'tok/s' : 'req/s';
  return renderChartSvg(
    {
      title: [
        { text: throughput?.label ?? 'Throughput', left: '24%', top: 8, textAlign: 'center', textStyle: { fontSize: 16 } },
        { text: 'TTFT (ms)', left: '74%', top: 8, textAlign: 'center', textStyle: { fontSize: 16 } },
      ],
      legend: { data: ttft.map((c) => c.label), top: 34, left: '56%', itemWidth: 14, itemGap: 16 },
      grid: [
        { left: 64, right: '54%', top: 84, bottom: 48 },
        { left: '56%', right: 24, top: 84, bottom: 48 },
      ],
      xAxis: [category(0), category(1)],
      yAxis: [
        { gridIndex: 0, type: 'value', name: throughputUnit },
        { gridIndex: 1, type: 'value', name: 'ms' },
      ],
      series: [
        {
          type: 'bar',
          name: throughput?.label ?? 'Throughput',
          xAxisIndex: 0,
          yAxisIndex: 0,
          data: columnValues(comparison, throughput),
          silent: true,
          label: {
            show: true,
            position: 'top',
            formatter: labelFormatter(throughput?.format ?? NUMBER_FORMATS.requestThroughput),
          },
        },
        ...ttft.map((c) => ({
          type: 'bar',
          name: c.label,
          xAxisIndex: 1,
          yAxisIndex: 1,
          data: columnValues(comparison, c),
          silent: true,
        })),
      ],
    },
    size,
  );
}

/** File name of the comparison chart. */
export const COMPARISON_CHART_FILE = 'comparison.svg';

/** File name of the sweep chart of one ISL:OSL. */
export function sweepChartFile(shape: SweepShape): string {
  return `sweep-isl${shape.isl}-osl${shape.osl}.svg`;
}

/**
 * The sweep chart of one ISL:OSL: output token throughput vs concurrency, one line per configuration (topology).
 */
export function sweepChartSvg(
  entries: readonly SweepEntry[],
  shape: SweepShape,
  size: ChartSize = SWEEP_CHART_SIZE,
): string {
  const atShape = entries.map((e) => ({
    configuration: e.configuration,
    points: e.points.filter((p) => p.isl === shape.isl && p.osl === shape.osl),
  }));
  const concurrency = [...new Set(atShape.flatMap((e) => e.points.map((p) => p.concurrency)))].sort((a, b) => a - b);
  return renderChartSvg(
    {
      title: {
        text: `Output token throughput vs concurrency (${sweepShapeTitle(shape)})`,
        left: 'center',
        top: 8,
        textStyle: { fontSize: 16 },
      },
      legend: { data: atShape.map((e) => e.configuration), top: 34, itemGap: 24 },
      grid: { left: 72, right: 32, top: 84, bottom: 56 },
      xAxis: { type: 'category', name: 'concurrency', nameLocation: 'middle', nameGap: 28, data: concurrency.map(String) },
      yAxis: { type: 'value', name: 'tok/s' },
      series: atShape.map((e) => ({
        type: 'line',
        name: e.configuration,
        silent: true,
        connectNulls: false,
        data: concurrency.map((c) => {
          const point = e.points.find((p) => p.concurrency === c);
          return metricValue(point?.data, AiperfMetric.OUTPUT_TOKEN_THROUGHPUT, 'avg') ?? null;
        }),
      })),
    },
    size,
  );
}
