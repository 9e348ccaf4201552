import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AiperfExport, parseAiperfExport, readAiperfExport } from './aiperf-export';
import {
  ComparisonEntry,
  ThroughputMetric,
  buildComparison,
  comparisonHeadline,
  renderComparison,
  renderComparisonTable,
  renderDeltaTable,
} from './comparison';
import { formatDelta, relativeChange } from './format';

const CONFIGS = ['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec'];

async function seed000(hw: 'h100' | 'gb200'): Promise<ComparisonEntry[]> {
  return Promise.all(
    CONFIGS.map(async (configuration) => ({
      configuration,
      data: await readAiperfExport(join(__dirname, '__fixtures__', `seed000-${hw}`, configuration, 'profile_export_aiperf.json')),
    })),
  );
}

/** Seed 000, "### H100": the table as published. */
const SEED_000_H100_TABLE = `| Config         |   RPS | ITL (ms) | TTFT avg (ms) | TTFT p50 | TTFT p90 | TTFT p99 |
| -------------- | ----: | -------: | ------------: | -------: | -------: | -------: |
| \`vllm-serve\`   | 0.719 |    21.28 |        18,173 |   18,830 |   26,992 |   48,589 |
| \`dynamo-fd\`    | 0.811 |    28.42 |         7,193 |    3,567 |   10,991 |   34,901 |
| \`dynamo-fd-ec\` | 0.933 |    24.56 |         6,101 |    2,369 |   22,869 |   34,583 |`;

/** Seed 000, "### H100": the delta line as published. */
const SEED_000_H100_DELTAS =
  'Δ vs `vllm-serve`: `dynamo-fd` **+12.8% RPS / −60.4% TTFT avg**; `dynamo-fd-ec` **+29.8% RPS / −66.4% TTFT avg** (−87.4% TTFT p50).';

/** Seed 000, "### GB200": the table as published. */
const SEED_000_GB200_TABLE = `| Config         |   RPS | ITL (ms) | TTFT avg (ms) | TTFT p50 | TTFT p90 | TTFT p99 |
| -------------- | ----: | -------: | ------------: | -------: | -------: | -------: |
| \`vllm-serve\`   | 0.940 |    15.37 |        14,954 |   15,391 |   21,660 |   24,221 |
| \`dynamo-fd\`    | 1.117 |    16.82 |         9,478 |    9,061 |   15,399 |   17,326 |
| \`dynamo-fd-ec\` | 1.236 |    15.22 |         8,478 |    8,324 |   13,992 |   16,075 |`;

/** Seed 000, "### GB200": the delta line as published. */
const SEED_000_GB200_DELTAS =
  'Δ vs `vllm-serve`: `dynamo-fd` **+18.8% RPS / −36.6% TTFT avg**; `dynamo-fd-ec` **+31.5% RPS / −43.3% TTFT avg** (−45.9% TTFT p50).';

/** The seed page itself, in the shared reference material beside the repository (absent from some checkouts). */
const SEED_000_FILE = join(__dirname, '..', '..', '..', 'shared', 'reference', 'seeds', '000_e6ac697d7db0953b.txt');
const withSeedFile = existsSync(SEED_000_FILE) ? it : it.skip;

describe('comparison of seed 000 (fixtures equal to the published rows)', () => {
  withSeedFile('quotes the seed page verbatim in the expected strings above', () => {
    const page = readFileSync(SEED_000_FILE, 'utf8');
    for (const expected of [SEED_000_H100_TABLE, SEED_000_GB200_TABLE]) {
      expect(page).toContain(expected);
    }
    expect(page).toContain(SEED_000_H100_DELTAS);
    expect(page).toContain(SEED_000_GB200_DELTAS);
  });

  it('prints the H100 table exactly as the seed does', async () => {
    const comparison = buildComparison(await seed000('h100'), { baseline: 'vllm-serve' });
    expect(renderComparisonTable(comparison)).toBe(SEED_000_H100_TABLE);
  });

  it("prints the H100 delta line exactly as the seed does, with the seed's minus sign", async () => {
    const comparison = buildComparison(await seed000('h100'), { baseline: 'vllm-serve' });
    const headline = comparisonHeadline(comparison);
    expect(headline).toBe(SEED_000_H100_DELTAS);
    expect(headline).toContain('+12.8%');
    expect(headline).toContain('+29.8%');
    expect(headline).toContain('\u221260.4%');
    expect(headline).toContain('\u221266.4%');
  });

  it('computes the (−87.4% TTFT p50) figure of dynamo-fd-ec', async () => {
    const comparison = buildComparison(await seed000('h100'), { baseline: 'vllm-serve' });
    const p50 = comparison.columns.findIndex((c) => c.id === 'time_to_first_token.p50');
    const ec = comparison.rows.find((r) => r.configuration === 'dynamo-fd-ec');
    expect(ec?.deltas?.[p50]).toBeCloseTo(2369 / 18830 - 1, 12);
    expect(formatDelta(ec?.deltas?.[p50])).toBe('−87.4%');
    expect(formatDelta(relativeChange(2369, 18830))).toBe('−87.4%');
    expect(comparison.winner).toBe('dynamo-fd-ec');
  });

  it('prints the GB200 table and delta line exactly as the seed does', async () => {
    const comparison = buildComparison(await seed000('gb200'), { baseline: 'vllm-serve' });
    expect(renderComparisonTable(comparison)).toBe(SEED_000_GB200_TABLE);
    expect(comparisonHeadline(comparison)).toBe(SEED_000_GB200_DELTAS);
  });

  it('prints a delta row per non-baseline configuration', async () => {
    const comparison = buildComparison(await seed000('h100'), { baseline: 'vllm-serve' });
    expect(renderDeltaTable(comparison)).toBe(`| Δ vs \`vllm-serve\` |    RPS | ITL (ms) | TTFT avg (ms) | TTFT p50 | TTFT p90 | TTFT p99 |
| ----------------- | -----: | -------: | ------------: | -------: | -------: | -------: |
| \`dynamo-fd\`       | +12.8% |   +33.6% |        −60.4% |   −81.1% |   −59.3% |   −28.2% |
| \`dynamo-fd-ec\`    | +29.8% |   +15.4% |        −66.4% |   −87.4% |   −15.3% |   −28.8% |`);
  });

  it('renders table, deltas, headline and the note on the column nobody reported', async () => {
    const markdown = renderComparison(await seed000('h100'), { baseline: 'vllm-serve' });
    expect(markdown.split('\n\n')).toEqual([
      SEED_000_H100_TABLE,
      expect.stringMatching(/^\| Δ vs `vllm-serve` \|/),
      SEED_000_H100_DELTAS,
      'Not reported by any configuration: Request latency avg (ms).',
    ]);
  });
});

function exportOf(metrics: Record<string, unknown>, file = 'x.json'): AiperfExport {
  return parseAiperfExport(JSON.stringify(metrics), file);
}

describe('comparison rules', () => {
  /** Seed 001 (Qwen3-VL embedding cache) in AIPerf's format: cache OFF is the baseline. */
  const seed001: ComparisonEntry[] = [
    {
      configuration: 'cache-off',
      data: exportOf({
        output_token_throughput: { unit: 'tokens/sec', avg: 3072.3 },
        time_to_first_token: { unit: 'ms', avg: 727.5, p50: 510.8 },
        inter_token_latency: { unit: 'ms', avg: 15.5 },
        request_latency: { unit: 'ms', avg: 3035.7 },
      }),
    },
    {
      configuration: 'cache-on',
      data: exportOf({
        output_token_throughput: { unit: 'tokens/sec', avg: 3575.6 },
        time_to_first_token: { unit: 'ms', avg: 526.0, p50: 356.8 },
        inter_token_latency: { unit: 'ms', avg: 14.1 },
        request_latency: { unit: 'ms', avg: 2630.0 },
      }),
    },
  ];

  it("heads the table with output token throughput on request, with seed 001's deltas", () => {
    const comparison = buildComparison(seed001, { baseline: 'cache-off', throughput: ThroughputMetric.OUTPUT_TOKENS });
    const table = renderComparisonTable(comparison);
    expect(table.split('\n')[0]).toBe(
      '| Config      | Output TPS (tok/s) | ITL (ms) | TTFT avg (ms) | TTFT p50 | Request latency avg (ms) |',
    );
    expect(table).toContain('|            3,575.6 |    14.10 |           526 |      357 |                    2,630 |');
    const row = comparison.rows[1];
    expect(row?.deltas?.map(formatDelta)).toEqual(['+16.4%', '−9.0%', '−27.7%', '−30.1%', '−13.4%']);
    expect(comparisonHeadline(comparison)).toBe(
      'Δ vs `cache-off`: `cache-on` **+16.4% Output TPS / −27.7% TTFT avg** (−30.1% TTFT p50).',
    );
  });

  it('shows a metric one configuration lacks as n/a, and its delta as n/a', () => {
    const entries: ComparisonEntry[] = [
      { configuration: 'a', data: exportOf({ request_throughput: { unit: 'requests/sec', avg: 2 } }) },
      { configuration: 'b', data: exportOf({ request_throughput: null, inter_token_latency: { unit: 'ms', avg: 3 } }) },
      { configuration: 'c', data: undefined },
    ];
    const comparison = buildComparison(entries, { baseline: 'a' });
    expect(comparison.columns.map((c) => c.header)).toEqual(['RPS', 'ITL (ms)']);
    expect(renderComparisonTable(comparison)).toBe(`| Config |   RPS | ITL (ms) |
| ------ | ----: | -------: |
| \`a\`    | 2.000 |      n/a |
| \`b\`    |   n/a |     3.00 |
| \`c\`    |   n/a |      n/a |`);
    expect(renderDeltaTable(comparison)).toContain('| `b`      | n/a |      n/a |');
    expect(comparisonHeadline(comparison)).toBe('Δ vs `a`: `b` n/a; `c` n/a.');
  });

  it('has no deltas without a baseline, and rejects a baseline that is not compared', () => {
    const comparison = buildComparison(seed001, {});
    expect(comparison.rows.every((r) => r.deltas === undefined)).toBe(true);
    expect(renderDeltaTable(comparison)).toBeUndefined();
    expect(comparisonHeadline(comparison)).toBeUndefined();
    expect(() => buildComparison(seed001, { baseline: 'nope' })).toThrow("baseline 'nope' is not one of the compared");
  });

  it('names as winner the configuration with the highest throughput delta', () => {
    const rps = (v: number) => exportOf({ request_throughput: { unit: 'requests/sec', avg: v } });
    const comparison = buildComparison(
      [
        { configuration: 'base', data: rps(1) },
        { configuration: 'best', data: rps(1.5) },
        { configuration: 'worse', data: rps(0.5) },
      ],
      { baseline: 'base' },
    );
    expect(comparison.winner).toBe('best');
    expect(comparisonHeadline(comparison)).toBe('Δ vs `base`: `best` **+50.0% RPS**; `worse` **−50.0% RPS**.');
  });
});
