import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ThroughputMetric } from './comparison';
import type { ReportSummary } from './summary';
import { writeReport } from './write-report';

const FIXTURES = join(__dirname, '__fixtures__');

describe('writeReport', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function copyFixture(name: string): string {
    const target = join(dir, name);
    cpSync(join(FIXTURES, name), target, { recursive: true });
    return target;
  }

  it('writes report.md, summary.json and the comparison chart into the results directory by default', async () => {
    const results = copyFixture('seed000-h100');
    const result = await writeReport(results);
    expect(result.outDir).toBe(results);
    expect(result.files.map((f) => f.slice(results.length + 1)).sort()).toEqual([
      'comparison.svg',
      'report.md',
      'summary.json',
    ]);
    expect(readFileSync(join(results, 'report.md'), 'utf8')).toBe(result.markdown);
    expect(JSON.parse(readFileSync(join(results, 'summary.json'), 'utf8'))).toEqual(result.summary);
    expect(readFileSync(join(results, 'comparison.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readdirSync(results).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('renders seed 000 (H100) as the page prints it', async () => {
    const out = join(dir, 'out');
    const { markdown } = await writeReport(join(FIXTURES, 'seed000-h100'), { out });
    expect(markdown).toContain(
      'Δ vs `vllm-serve`: `dynamo-fd` **+12.8% RPS / −60.4% TTFT avg**; `dynamo-fd-ec` **+29.8% RPS / −66.4% TTFT avg** (−87.4% TTFT p50).',
    );
    expect(markdown).toContain('| `dynamo-fd-ec` | 0.933 |    24.56 |         6,101 |    2,369 |   22,869 |   34,583 |');
    expect(markdown).toContain('![RPS and TTFT per configuration](comparison.svg)');
    expect(markdown).toMatchSnapshot();
  });

  it('records provenance and every number in summary.json', async () => {
    const out = join(dir, 'out');
    const { summary } = await writeReport(join(FIXTURES, 'seed000-h100'), { out });
    const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as ReportSummary;
    expect(written).toEqual(summary);
    expect(summary).toMatchObject({
      schemaVersion: 1,
      recipe: 'qwen36',
      hardware: 'h100',
      model: 'Qwen/Qwen3.6-35B-A3B-FP8',
      baseline: 'vllm-serve',
      throughputMetric: 'request_throughput',
      files: ['report.md', 'summary.json', 'comparison.svg'],
      problems: [],
    });
    const ec = summary.configurations.find((c) => c.name === 'dynamo-fd-ec');
    expect(ec).toMatchObject({
      metadataSource: 'dynamo-fd-ec/run.json',
      recipe: 'qwen36',
      hardware: 'h100',
      manifestSha256: '9e943f2d5dd7a9a23e050d3cb47c05ecbccb9226836479bc67a4033528278258',
      startedAt: '2026-05-11T11:00:00Z',
      goodputSlos: null,
      run: { source: 'dynamo-fd-ec/profile_export_aiperf.json', format: 'json', wasCancelled: false },
      comparison: {
        'request_throughput.avg': 0.933,
        'inter_token_latency.avg': 24.56,
        'time_to_first_token.avg': 6101,
        'time_to_first_token.p50': 2369,
      },
    });
    expect(ec?.run?.metrics.time_to_first_token).toEqual({ unit: 'ms', avg: 6101, p50: 2369, p90: 22869, p99: 34583 });
    expect(ec?.deltaVsBaseline?.['request_throughput.avg']).toBeCloseTo(0.933 / 0.719 - 1, 12);
    expect(ec?.deltaVsBaseline?.['time_to_first_token.p50']).toBeCloseTo(2369 / 18830 - 1, 12);
    expect(summary.configurations.find((c) => c.name === 'vllm-serve')?.deltaVsBaseline).toBeNull();
  });

  it('writes the results directory relative to summary.json', async () => {
    const results = copyFixture('seed000-h100');
    const { summary } = await writeReport(results, { out: join(dir, 'published', 'h100') });
    expect(summary.resultsDir).toBe('../../seed000-h100');
    const inPlace = await writeReport(results);
    expect(inPlace.summary.resultsDir).toBe('.');
  });

  it('still renders the other configurations when files are missing or malformed, and lists the problems', async () => {
    const results = copyFixture('seed000-h100');
    writeFileSync(join(results, 'dynamo-fd', 'profile_export_aiperf.json'), '{"time_to_first_token": ');
    rmSync(join(results, 'vllm-serve', 'run.json'));
    const result = await writeReport(results);
    const badFile = join(results, 'dynamo-fd', 'profile_export_aiperf.json');
    expect(result.problems).toEqual([expect.stringMatching(new RegExp(`^${badFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON \\(`))]);
    expect(result.warnings).toEqual([
      `${join(results, 'vllm-serve', 'run.json')}: not found; recipe, hardware, model and manifest hash are null in summary.json`,
    ]);
    expect(result.markdown).toContain('| `dynamo-fd`    |   n/a |      n/a |           n/a |      n/a |      n/a |      n/a |');
    expect(result.markdown).toContain('| `dynamo-fd-ec` | 0.933 |    24.56 |         6,101 |    2,369 |   22,869 |   34,583 |');
    expect(result.markdown).toContain('`dynamo-fd-ec` **+29.8% RPS / −66.4% TTFT avg** (−87.4% TTFT p50)');
    expect(result.markdown).toContain(`## Problems\n\nThese files were missing or malformed; their numbers show as n/a.\n\n- ${result.problems[0]}`);
    const base = result.summary.configurations.find((c) => c.name === 'vllm-serve');
    expect(base).toMatchObject({ metadataSource: null, recipe: null, hardware: null, manifestSha256: null, startedAt: null });
    expect(result.summary.hardware).toBeNull();
    expect(result.summary.problems).toEqual(result.problems);
  });

  it('refuses a comparison without baseline, lists the configurations and writes nothing', async () => {
    const results = copyFixture('seed000-h100');
    for (const c of ['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec']) {
      rmSync(join(results, c, 'run.json'));
    }
    const out = join(dir, 'out');
    await expect(writeReport(results, { out })).rejects.toThrow(
      'no baseline: pass --baseline <config> or set "baseline" in run.json; configurations found: dynamo-fd, dynamo-fd-ec, vllm-serve',
    );
    expect(existsSync(out)).toBe(false);
    const withBaseline = await writeReport(results, { out, baseline: 'dynamo-fd' });
    expect(withBaseline.markdown).toContain('Δ vs `dynamo-fd`: `dynamo-fd-ec` **+15.0% RPS / −15.2% TTFT avg**');
  });

  it('follows a comparison definition: its configurations, order, baseline, title and throughput', async () => {
    const { markdown, summary } = await writeReport(join(FIXTURES, 'seed000-gb200'), {
      out: join(dir, 'out'),
      comparison: {
        configurations: ['dynamo-fd-ec', 'vllm-serve'],
        baseline: 'vllm-serve',
        title: 'Qwen3.6 on GB200',
        throughput: ThroughputMetric.REQUESTS,
      },
    });
    expect(markdown.startsWith('# Qwen3.6 on GB200\n')).toBe(true);
    expect(summary.configurations.map((c) => c.name)).toEqual(['dynamo-fd-ec', 'vllm-serve']);
    expect(markdown).toContain('Δ vs `vllm-serve`: `dynamo-fd-ec` **+31.5% RPS / −43.3% TTFT avg** (−45.9% TTFT p50).');
    expect(markdown).not.toContain('`dynamo-fd` ');
  });

  it('renders goodput where the runs declared SLOs', async () => {
    const { markdown, summary } = await writeReport(join(FIXTURES, 'seed003-goodput'), { out: join(dir, 'out') });
    expect(markdown).toContain('## Goodput\n\nGoodput at TTFT ≤ 2,000 ms / ITL ≤ 25 ms: requests per second that met every SLO.');
    expect(markdown).toContain('| `disagg-kv-router` |           2.944 |        10,477 |   12,031 |      87.1% |                         +49.2% |');
    expect(summary.configurations[0]?.goodputSlos).toEqual({ time_to_first_token: 2000, inter_token_latency: 25 });
  });

  it('renders sweeps with one chart per ISL:OSL, in the order run.json declares', async () => {
    const out = join(dir, 'out');
    const result = await writeReport(join(FIXTURES, 'seed004-h20'), { out });
    expect(readdirSync(out).sort()).toEqual([
      'report.md',
      'summary.json',
      'sweep-isl1000-osl1000.svg',
      'sweep-isl3000-osl150.svg',
    ]);
    const headings = result.markdown.split('\n').filter((l) => l.startsWith('## ') || l.startsWith('### '));
    expect(headings).toEqual([
      '## Sweep',
      '### Benchmark Result (ISL:OSL=3000:150)',
      '### Benchmark Result (ISL:OSL=1000:1000)',
      '## Provenance',
    ]);
    expect(result.summary.baseline).toBeNull();
    expect(result.summary.configurations[0]?.sweep).toHaveLength(16);
    expect(result.summary.configurations[0]?.sweep[0]).toMatchObject({
      isl: 1000,
      osl: 1000,
      concurrency: 1,
      export: { source: 'dynamo-3p1d/isl1000-osl1000/c1/profile_export_aiperf.json' },
    });
    expect(result.markdown).toMatchSnapshot();
  });

  it('warns when configurations ran on different hardware', async () => {
    const results = copyFixture('seed000-h100');
    const file = join(results, 'dynamo-fd', 'run.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"hardware": "h100"', '"hardware": "gb200"'));
    const { warnings } = await writeReport(results);
    expect(warnings).toEqual(['configurations ran with different hardware profiles: h100 (vllm-serve, dynamo-fd-ec), gb200 (dynamo-fd)']);
  });
});
