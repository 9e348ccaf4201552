import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricValue } from './aiperf-export';
import { discoverResults, readConfiguration } from './discover';
import { AiperfMetric } from './metrics';

const FIXTURES = join(__dirname, '__fixtures__');

describe('discoverResults', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-discover-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function copyFixture(name: string): string {
    const target = join(dir, name);
    cpSync(join(FIXTURES, name), target, { recursive: true });
    return target;
  }

  it('finds every configuration with its run.json and export, sorted by name', async () => {
    const results = await discoverResults(join(FIXTURES, 'seed000-h100'));
    expect(results.configurations.map((c) => c.name)).toEqual(['dynamo-fd', 'dynamo-fd-ec', 'vllm-serve']);
    const ec = results.configurations[1];
    expect(ec?.metadata?.hardware).toBe('h100');
    expect(ec?.metadata?.baseline).toBe('vllm-serve');
    expect(metricValue(ec?.run, AiperfMetric.TIME_TO_FIRST_TOKEN, 'p50')).toBe(2369);
    expect(ec?.runFile).toBe(join(FIXTURES, 'seed000-h100', 'dynamo-fd-ec', 'profile_export_aiperf.json'));
    expect(ec?.sweep).toEqual([]);
    expect(results.configurations.flatMap((c) => [...c.problems, ...c.warnings])).toEqual([]);
    expect(results.warnings).toEqual([]);
  });

  it('reads the configurations a comparison definition names, in its order', async () => {
    const results = await discoverResults(join(FIXTURES, 'seed000-h100'), {
      configurations: ['dynamo-fd-ec', 'vllm-serve'],
    });
    expect(results.configurations.map((c) => c.name)).toEqual(['dynamo-fd-ec', 'vllm-serve']);
  });

  it('reports a named configuration that has no directory as a problem', async () => {
    const results = await discoverResults(join(FIXTURES, 'seed000-h100'), { configurations: ['vllm-serve', 'nope'] });
    expect(results.configurations[1]?.problems).toEqual([
      `${join(FIXTURES, 'seed000-h100', 'nope')}: configuration directory not found`,
    ]);
  });

  it('reads sweep points sorted by ISL, OSL and concurrency', async () => {
    const results = await discoverResults(join(FIXTURES, 'seed004-h20'));
    const [dynamo] = results.configurations;
    expect(dynamo?.name).toBe('dynamo-3p1d');
    expect(dynamo?.run).toBeUndefined();
    expect(dynamo?.runFile).toBeUndefined();
    expect(dynamo?.problems).toEqual([]);
    expect(dynamo?.sweep.map((p) => `${p.isl}:${p.osl}:${p.concurrency}`).slice(0, 3)).toEqual([
      '1000:1000:1',
      '1000:1000:2',
      '1000:1000:4',
    ]);
    expect(dynamo?.sweep).toHaveLength(16);
    const c4 = dynamo?.sweep.find((p) => p.isl === 3000 && p.concurrency === 4);
    expect(metricValue(c4?.data, AiperfMetric.REQUEST_THROUGHPUT, 'avg')).toBe(0.9);
  });

  it('lists missing and malformed files as problems and keeps the rest', async () => {
    const root = copyFixture('seed000-h100');
    writeFileSync(join(root, 'dynamo-fd', 'profile_export_aiperf.json'), '{"request_throughput": {"unit": 1}}');
    rmSync(join(root, 'dynamo-fd-ec', 'profile_export_aiperf.json'));
    writeFileSync(join(root, 'vllm-serve', 'run.json'), '{"recipe": "qwen36"}');
    const results = await discoverResults(root);
    const [fd, ec, base] = results.configurations;
    expect(fd?.problems).toEqual([
      `${join(root, 'dynamo-fd', 'profile_export_aiperf.json')}: not a valid AIPerf export: request_throughput.unit: must be a string (got 1)`,
    ]);
    expect(fd?.run).toBeUndefined();
    expect(ec?.problems).toEqual([`${join(root, 'dynamo-fd-ec', 'profile_export_aiperf.json')}: not found`]);
    expect(base?.metadata).toBeUndefined();
    expect(base?.problems.length).toBeGreaterThan(1);
    expect(base?.problems.every((p) => p.startsWith(`${join(root, 'vllm-serve', 'run.json')}: `))).toBe(true);
    expect(metricValue(base?.run, AiperfMetric.REQUEST_THROUGHPUT, 'avg')).toBe(0.719);
  });

  it('warns about absent run metadata and a configuration name that differs from the directory', async () => {
    const root = copyFixture('seed000-h100');
    rmSync(join(root, 'vllm-serve', 'run.json'));
    cpSync(join(root, 'dynamo-fd'), join(root, 'renamed'), { recursive: true });
    const results = await discoverResults(root);
    const byName = new Map(results.configurations.map((c) => [c.name, c]));
    expect(byName.get('vllm-serve')?.warnings).toEqual([
      `${join(root, 'vllm-serve', 'run.json')}: not found; recipe, hardware, model and manifest hash are null in summary.json`,
    ]);
    expect(byName.get('renamed')?.warnings).toEqual([
      `${join(root, 'renamed', 'run.json')}: configuration is 'dynamo-fd' but the directory is 'renamed'; the report uses 'renamed'`,
    ]);
  });

  it('falls back to the CSV export with a warning', async () => {
    const root = join(dir, 'results');
    mkdirSync(join(root, 'a'), { recursive: true });
    writeFileSync(join(root, 'a', 'profile_export_aiperf.csv'), 'Metric,Value\nRequest Throughput (requests/sec),1.25\n');
    const [a] = (await discoverResults(root)).configurations;
    expect(a?.run?.format).toBe('csv');
    expect(metricValue(a?.run, AiperfMetric.REQUEST_THROUGHPUT, 'avg')).toBe(1.25);
    expect(a?.warnings).toContainEqual(
      `${join(root, 'a', 'profile_export_aiperf.csv')}: read from the CSV export (profile_export_aiperf.json not found); AIPerf rounds its values to 2 decimals`,
    );
  });

  it('warns about failed requests and a cancelled run', async () => {
    const root = join(dir, 'results');
    mkdirSync(join(root, 'a'), { recursive: true });
    const file = join(root, 'a', 'profile_export_aiperf.json');
    writeFileSync(
      file,
      JSON.stringify({
        request_count: { unit: 'requests', avg: 1200 },
        error_request_count: { unit: 'requests', avg: 31 },
        was_cancelled: true,
      }),
    );
    const [a] = (await discoverResults(root)).configurations;
    expect(a?.warnings).toEqual([
      `${join(root, 'a', 'run.json')}: not found; recipe, hardware, model and manifest hash are null in summary.json`,
      `${file}: 31 requests failed (besides 1,200 successful); the metrics cover successful requests only`,
      `${file}: the AIPerf run was cancelled; its numbers cover only the requests that completed`,
    ]);
    expect(a?.problems).toEqual([]);
  });

  it('skips directories without artifacts (with a warning) and excluded ones (silently)', async () => {
    const root = copyFixture('seed000-h100');
    mkdirSync(join(root, 'notes'));
    mkdirSync(join(root, 'report'));
    mkdirSync(join(root, '.cache'));
    const results = await discoverResults(root, { exclude: [join(root, 'report')] });
    expect(results.configurations.map((c) => c.name)).toEqual(['dynamo-fd', 'dynamo-fd-ec', 'vllm-serve']);
    expect(results.warnings).toEqual([
      `${join(root, 'notes')}: skipped, holds no run.json, profile_export_aiperf.json or isl<ISL>-osl<OSL>/c<N>/ sweep points`,
    ]);
  });

  it('reports sweep points run.json declares but that are missing, and odd directories', async () => {
    const root = copyFixture('seed004-h20');
    rmSync(join(root, 'vllm-v1', 'isl3000-osl150', 'c64'), { recursive: true });
    mkdirSync(join(root, 'vllm-v1', 'isl3000-osl150', 'c16', 'logs'));
    mkdirSync(join(root, 'vllm-v1', 'isl3000-osl150', 'tmp'));
    const vllm = await readConfiguration(root, 'vllm-v1');
    expect(vllm.problems).toEqual([
      `${join(root, 'vllm-v1', 'isl3000-osl150', 'c64', 'profile_export_aiperf.json')}: not found (the sweep in run.json declares this point)`,
    ]);
    expect(vllm.warnings).toEqual([`${join(root, 'vllm-v1', 'isl3000-osl150', 'tmp')}: skipped, not a c<CONCURRENCY> directory`]);
    const missing = vllm.sweep.find((p) => p.isl === 3000 && p.concurrency === 64);
    expect(missing?.data).toBeUndefined();
    expect(vllm.sweep).toHaveLength(16);
  });

  it('reports a sweep point directory without export', async () => {
    const root = copyFixture('seed004-h20');
    rmSync(join(root, 'vllm-v1', 'isl1000-osl1000', 'c2', 'profile_export_aiperf.json'));
    const vllm = await readConfiguration(root, 'vllm-v1');
    expect(vllm.problems).toEqual([`${join(root, 'vllm-v1', 'isl1000-osl1000', 'c2', 'profile_export_aiperf.json')}: not found`]);
  });

  it('throws one line when the directory is missing or holds no configuration', async () => {
    await expect(discoverResults(join(dir, 'nope'))).rejects.toThrow(`${join(dir, 'nope')}: results directory not found`);
    mkdirSync(join(dir, 'empty'));
    await expect(discoverResults(join(dir, 'empty'))).rejects.toThrow(
      `${join(dir, 'empty')}: no configurations found (expected <config>/profile_export_aiperf.json or <config>/isl<ISL>-osl<OSL>/c<N>/profile_export_aiperf.json)`,
    );
  });
});
