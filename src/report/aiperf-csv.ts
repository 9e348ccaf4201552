import { UserError } from '../errors';
import type { AiperfExport } from './aiperf-export';
import { AiperfMetric, METRIC_STATS, MetricStat, MetricStats, normaliseMetrics } from './metrics';

/**
 * AIPerf's CSV headers (the metric classes' `header`) of the metrics the report knows.
 * @see https://github.com/ai-dynamo/aiperf/blob/main/aiperf/exporters/csv_exporter.py
 */
const CSV_HEADERS: Readonly<Record<string, AiperfMetric>> = {
  'Request Throughput': AiperfMetric.REQUEST_THROUGHPUT,
  'Request Latency': AiperfMetric.REQUEST_LATENCY,
  'Time to First Token': AiperfMetric.TIME_TO_FIRST_TOKEN,
  'Time to Second Token': AiperfMetric.TIME_TO_SECOND_TOKEN,
  'Inter Token Latency': AiperfMetric.INTER_TOKEN_LATENCY,
  'Output Token Throughput': AiperfMetric.OUTPUT_TOKEN_THROUGHPUT,
  'Output Token Throughput Per User': AiperfMetric.OUTPUT_TOKEN_THROUGHPUT_PER_USER,
  'Output Sequence Length': AiperfMetric.OUTPUT_SEQUENCE_LENGTH,
  'Input Sequence Length': AiperfMetric.INPUT_SEQUENCE_LENGTH,
  Goodput: AiperfMetric.GOODPUT,
  GoodRequestCount: AiperfMetric.GOOD_REQUEST_COUNT,
  'Request Count': AiperfMetric.REQUEST_COUNT,
  'Error Request Count': AiperfMetric.ERROR_REQUEST_COUNT,
  'Benchmark Duration': AiperfMetric.BENCHMARK_DURATION,
};

/** Unit of a CSV metric whose header carries none (AIPerf hides `requests` and `count`). */
const DEFAULT_UNIT = 'requests';

/** Splits one CSV line (RFC 4180 quoting, as Python's `csv.writer` writes it). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

function parseMetricName(cell: string): { readonly header: string; readonly unit: string } {
  const match = /^(.*?)\s*\(([^()]*)\)$/.exec(cell.trim());
  return match ? { header: match[1] as string, unit: match[2] as string } : { header: cell.trim(), unit: DEFAULT_UNIT };
}

/**
 * Parses AIPerf's `profile_export_aiperf.csv`: the statistics section (`Metric,avg,min,...`) and the single-value
 * section (`Metric,Value`); the GPU telemetry section is ignored. Values are as AIPerf printed them (2 decimals).
 *
 * @throws UserError one line naming the file (and line) when the content is not that format.
 */
export function parseAiperfCsv(text: string, file: string): AiperfExport {
  const raw: Record<string, MetricStats> = {};
  let columns: readonly string[] | undefined;
  let sawHeader = false;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      columns = undefined;
      continue;
    }
    const cells = splitCsvLine(line);
    if (cells[0] === 'Metric') {
      columns = cells;
      sawHeader = true;
      continue;
    }
    if (columns === undefined) {
      continue; // telemetry or an unknown section
    }
    if (cells.length !== columns.length) {
      throw new UserError(
        `${file}:${index + 1}: not a valid AIPerf CSV export: ${cells.length} cells, expected ${columns.length} (${columns.join(',')})`,
      );
    }
    const { header, unit } = parseMetricName(cells[0] as string);
    const tag = CSV_HEADERS[header];
    if (tag === undefined) {
      continue;
    }
    const stats: { -readonly [K in MetricStat]?: number } & { unit: string } = { unit };
    for (const [i, column] of columns.entries()) {
      const stat: MetricStat | undefined =
        column === 'Value' ? 'avg' : (METRIC_STATS as readonly string[]).includes(column) ? (column as MetricStat) : undefined;
      const value = cells[i] as string;
      if (i === 0 || stat === undefined || value.trim() === '') {
        continue;
      }
      const n = Number(value);
      if (!Number.isFinite(n)) {
        throw new UserError(
          `${file}:${index + 1}: not a valid AIPerf CSV export: ${cells[0]} ${column} is '${value}', expected a number`,
        );
      }
      stats[stat] = n;
    }
    raw[tag] = stats;
  }
  if (!sawHeader) {
    throw new UserError(`${file}: not a valid AIPerf CSV export: no 'Metric,...' header row`);
  }
  return { file, format: 'csv', metrics: normaliseMetrics(file, raw) };
}
