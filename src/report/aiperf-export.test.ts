import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { parseAiperfCsv, splitCsvLine } from './aiperf-csv';
import { metricValue, parseAiperfExport, parseGoodputSlos, readAiperfExport } from './aiperf-export';
import { AiperfMetric } from './metrics';

const REFERENCE = join(__dirname, '__fixtures__', 'aiperf', 'profile_export_aiperf.json');

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const problems = (e as UserError).problems;
    expect(problems).toHaveLength(1);
    return problems[0] as string;
  }
  throw new Error('expected a UserError');
}

describe('readAiperfExport on the real AIPerf export', () => {
  it('reads the headline metrics with every statistic', async () => {
    const data = await readAiperfExport(REFERENCE);
    expect(data.format).toBe('json');
    expect(metricValue(data, AiperfMetric.REQUEST_THROUGHPUT, 'avg')).toBe(0.2504302580624667);
    expect(metricValue(data, AiperfMetric.TIME_TO_FIRST_TOKEN, 'p50')).toBe(30.668547999999998);
    expect(metricValue(data, AiperfMetric.TIME_TO_FIRST_TOKEN, 'p99')).toBe(34.344268879999994);
    expect(metricValue(data, AiperfMetric.INTER_TOKEN_LATENCY, 'avg')).toBe(18.19909533160138);
    expect(metricValue(data, AiperfMetric.REQUEST_LATENCY, 'std')).toBe(70.34527181408323);
    expect(metricValue(data, AiperfMetric.OUTPUT_TOKEN_THROUGHPUT, 'avg')).toBe(50.08213863971112);
    expect(metricValue(data, AiperfMetric.REQUEST_COUNT, 'avg')).toBe(64);
    expect(data.metrics[AiperfMetric.BENCHMARK_DURATION]).toEqual({ unit: 'sec', avg: 255.56017270100003 });
  });

  it('treats null metrics as missing (n/a), not as errors', async () => {
    const data = await readAiperfExport(REFERENCE);
    expect(data.metrics[AiperfMetric.GOODPUT]).toBeUndefined();
    expect(metricValue(data, AiperfMetric.GOOD_REQUEST_COUNT, 'avg')).toBeUndefined();
    expect(metricValue(data, AiperfMetric.ERROR_REQUEST_COUNT, 'avg')).toBeUndefined();
    // A statistic a derived metric does not carry is missing too.
    expect(metricValue(data, AiperfMetric.REQUEST_THROUGHPUT, 'p99')).toBeUndefined();
  });

  it('keeps other metric objects and ignores telemetry', async () => {
    const data = await readAiperfExport(REFERENCE);
    expect(data.metrics.prefill_throughput?.avg).toBe(3251.4887179314755);
    expect(data.metrics.time_to_first_output_token?.unit).toBe('ms');
    expect(data.metrics.telemetry_data).toBeUndefined();
    expect(data.metrics.gpu_power_usage).toBeUndefined();
  });

  it('extracts what the report uses from input_config and the run fields', async () => {
    const data = await readAiperfExport(REFERENCE);
    expect(data.inputConfig).toEqual({
      model: 'Qwen/Qwen3-0.6B',
      concurrency: 1,
      requestCount: 64,
      inputTokensMean: 100,
      outputTokensMean: 200,
      cliCommand: expect.stringContaining('aiperf profile --model "Qwen/Qwen3-0.6B"'),
    });
    expect(data.wasCancelled).toBe(false);
    expect(data.startTime).toBe('2025-11-07T13:38:54.793124');
    expect(data.endTime).toBe('2025-11-07T13:43:13.730640');
  });
});

describe('parseAiperfExport', () => {
  it('accepts newer schema fields (schema_version, count, sum, run_info)', () => {
    const data = parseAiperfExport(
      JSON.stringify({
        schema_version: '1.5',
        aiperf_version: '0.12.0',
        benchmark_id: 'abc',
        request_latency: { unit: 'ms', avg: 2620.71, p50: 2568.73, count: 20, sum: 52414.29 },
        run_info: { trial: 0 },
        runtime_submission_invalid_reasons: [],
      }),
      'new.json',
    );
    expect(data.schemaVersion).toBe('1.5');
    expect(data.aiperfVersion).toBe('0.12.0');
    expect(data.benchmarkId).toBe('abc');
    expect(data.metrics.request_latency).toEqual({ unit: 'ms', avg: 2620.71, p50: 2568.73, count: 20, sum: 52414.29 });
  });

  it('converts latencies to ms and durations to sec', () => {
    const data = parseAiperfExport(
      JSON.stringify({
        time_to_first_token: { unit: 'sec', avg: 1.5, p99: 2, count: 10 },
        inter_token_latency: { unit: 'ns', avg: 25_000_000 },
        benchmark_duration: { unit: 'ms', avg: 90_000 },
      }),
      'units.json',
    );
    expect(data.metrics.time_to_first_token).toEqual({ unit: 'ms', avg: 1500, p99: 2000, count: 10 });
    expect(metricValue(data, AiperfMetric.INTER_TOKEN_LATENCY, 'avg')).toBeCloseTo(25, 9);
    expect(metricValue(data, AiperfMetric.BENCHMARK_DURATION, 'avg')).toBe(90);
  });

  it('reads goodput SLOs from input_config in either form', () => {
    const asObject = parseAiperfExport(
      JSON.stringify({ input_config: { input: { goodput: { time_to_first_token: 2000, inter_token_latency: 25 } } } }),
      'a.json',
    );
    expect(asObject.inputConfig?.goodput).toEqual({ time_to_first_token: 2000, inter_token_latency: 25 });
    expect(parseGoodputSlos('time_to_first_token:2000 inter_token_latency:25')).toEqual({
      time_to_first_token: 2000,
      inter_token_latency: 25,
    });
    expect(parseGoodputSlos({})).toBeUndefined();
    expect(parseGoodputSlos(7)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"request_throughput": ', /^bad\.json: not valid JSON \(/],
    ['a JSON array', '[1, 2]', /^bad\.json: not a valid AIPerf export: expected a JSON object at the top level$/],
    [
      'a statistic that is not a number',
      '{"time_to_first_token": {"unit": "ms", "avg": "fast"}}',
      /^bad\.json: not a valid AIPerf export: time_to_first_token\.avg: must be a number \(got "fast"\)$/,
    ],
    [
      'a metric that is not an object',
      '{"request_throughput": 12}',
      /^bad\.json: not a valid AIPerf export: request_throughput: /,
    ],
    [
      'a metric without unit',
      '{"request_latency": {"avg": 12}}',
      /^bad\.json: not a valid AIPerf export: request_latency\.unit: is required/,
    ],
    [
      'a latency in an unknown unit',
      '{"request_latency": {"unit": "fortnights", "avg": 12}}',
      /^bad\.json: not a valid AIPerf export: request_latency\.unit is 'fortnights'; expected one of 'ns', 'us', 'ms', 's', 'sec'$/,
    ],
  ])('rejects %s with one line naming the file', (_, text, expected) => {
    expect(problemOf(() => parseAiperfExport(text, 'bad.json'))).toMatch(expected);
  });

  it('counts further problems on the same line', () => {
    const line = problemOf(() =>
      parseAiperfExport('{"request_latency": {"unit": "ms", "avg": "a", "p50": "b", "p99": "c"}}', 'bad.json'),
    );
    expect(line).toMatch(/; and 2 more problems$/);
  });
});

describe('readAiperfExport errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file', async () => {
    const file = join(dir, 'profile_export_aiperf.json');
    await expect(readAiperfExport(file)).rejects.toThrow(`${file}: not found`);
  });

  it('names a directory given as file', async () => {
    await expect(readAiperfExport(dir)).rejects.toThrow(`${dir}: is a directory, expected a file`);
  });

  it('reads the CSV export when given one', async () => {
    const file = join(dir, 'profile_export_aiperf.csv');
    writeFileSync(file, 'Metric,Value\nRequest Throughput (requests/sec),13.16\n');
    const data = await readAiperfExport(file);
    expect(data.format).toBe('csv');
    expect(metricValue(data, AiperfMetric.REQUEST_THROUGHPUT, 'avg')).toBe(13.16);
  });
});

/** AIPerf's CSV export (layout of aiperf/exporters/csv_exporter.py, example values from its docs). */
const AIPERF_CSV = [
  'Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std',
  'Request Latency (ms),6550.36,4996.25,9383.37,5523.64,5641.18,5649.25,5678.54,5799.90,7314.96,8594.21,8980.84,9381.63,1171.14',
  'Time to First Token (ms),1588.80,382.24,4121.09,403.48,547.97,641.77,659.03,787.54,2439.00,3695.10,4051.43,4119.33,1189.99',
  'Inter Token Latency (ms),51.76,46.81,56.30,50.41,50.50,50.53,50.86,51.98,52.17,53.18,54.32,55.87,1.23',
  'Output Sequence Length (tokens),96.85,91.00,97.00,91.00,97.00,97.00,97.00,97.00,97.00,97.00,97.00,97.00,0.88',
  '',
  'Metric,Value',
  'Benchmark Duration (sec),15.20',
  'Request Throughput (requests/sec),13.16',
  'Request Count,200.00',
  'Output Token Throughput (tokens/sec),1274.63',
  'Some Future Metric (widgets),1.00',
  '',
  '',
  '=== GPU Telemetry: localhost:9401 ===',
  '',
  '=== GPU Power Usage (W) ===',
  'GPU Index,GPU Name,GPU UUID,Avg,Min,Max,P99,P90,P75,Std',
  '0,"NVIDIA H100 80GB HBM3, rev ""A""",GPU-afc3,348.69,120.57,386.02,386.02,386.02,386.02,85.97',
  '',
].join('\r\n');

describe('parseAiperfCsv', () => {
  it('reads both metric sections and ignores telemetry', () => {
    const data = parseAiperfCsv(AIPERF_CSV, 'x.csv');
    expect(data.metrics.time_to_first_token).toEqual({
      unit: 'ms',
      avg: 1588.8,
      min: 382.24,
      max: 4121.09,
      p1: 403.48,
      p5: 547.97,
      p10: 641.77,
      p25: 659.03,
      p50: 787.54,
      p75: 2439,
      p90: 3695.1,
      p95: 4051.43,
      p99: 4119.33,
      std: 1189.99,
    });
    expect(data.metrics.request_throughput).toEqual({ unit: 'requests/sec', avg: 13.16 });
    expect(data.metrics.request_count).toEqual({ unit: 'requests', avg: 200 });
    expect(data.metrics.output_token_throughput).toEqual({ unit: 'tokens/sec', avg: 1274.63 });
    expect(data.metrics.benchmark_duration).toEqual({ unit: 'sec', avg: 15.2 });
    expect(Object.keys(data.metrics)).toHaveLength(8);
  });

  it('splits quoted cells as Python csv writes them', () => {
    expect(splitCsvLine('0,"NVIDIA H100, rev ""A""",x')).toEqual(['0', 'NVIDIA H100, rev "A"', 'x']);
  });

  it('rejects a non-number with the file and line', () => {
    const text = 'Metric,Value\nRequest Count,lots\n';
    expect(problemOf(() => parseAiperfCsv(text, 'x.csv'))).toBe(
      "x.csv:2: not a valid AIPerf CSV export: Request Count Value is 'lots', expected a number",
    );
  });

  it('rejects a row of the wrong width and a file without header', () => {
    expect(problemOf(() => parseAiperfCsv('Metric,avg,min\nRequest Latency (ms),1\n', 'x.csv'))).toMatch(
      /^x\.csv:2: not a valid AIPerf CSV export: 2 cells, expected 3/,
    );
    expect(problemOf(() => parseAiperfCsv('hello\n', 'x.csv'))).toBe(
      "x.csv: not a valid AIPerf CSV export: no 'Metric,...' header row",
    );
  });
});
