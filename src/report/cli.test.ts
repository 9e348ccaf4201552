import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportCliIo, ReportExitCode, main } from './cli';

const FIXTURES = join(__dirname, '__fixtures__');

interface Captured {
  readonly io: ReportCliIo;
  readonly out: () => string;
  readonly err: () => string;
}

function capture(): Captured {
  let out = '';
  let err = '';
  return {
    io: { out: (t) => (out += t), err: (t) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

describe('report CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report, writes the files and exits 0', async () => {
    const c = capture();
    const out = join(dir, 'out');
    const code = await main([join(FIXTURES, 'seed000-h100'), '--out', out], c.io);
    expect(code).toBe(ReportExitCode.OK);
    expect(c.out()).toContain(
      'Δ vs `vllm-serve`: `dynamo-fd` **+12.8% RPS / −60.4% TTFT avg**; `dynamo-fd-ec` **+29.8% RPS / −66.4% TTFT avg** (−87.4% TTFT p50).',
    );
    expect(c.err()).toBe(`report: wrote 3 files to ${out}\n`);
    expect(existsSync(join(out, 'report.md'))).toBe(true);
  });

  it('prints nothing on stdout with --quiet, and honours --baseline, --title and --throughput', async () => {
    const c = capture();
    const code = await main(
      [join(FIXTURES, 'seed000-h100'), '-o', join(dir, 'o'), '-q', '-b', 'dynamo-fd', '-t', 'H100 run', '--throughput', 'output-tokens'],
      c.io,
    );
    expect(code).toBe(ReportExitCode.OK);
    expect(c.out()).toBe('');
    const c2 = capture();
    await main([join(FIXTURES, 'seed000-h100'), '-o', join(dir, 'o'), '-b', 'dynamo-fd', '-t', 'H100 run'], c2.io);
    expect(c2.out().startsWith('# H100 run\n')).toBe(true);
    expect(c2.out()).toContain('Δ vs `dynamo-fd`:');
  });

  it('gives one line per missing or malformed file, exits 1, and still reports the rest', async () => {
    const results = join(dir, 'results');
    cpSync(join(FIXTURES, 'seed000-h100'), results, { recursive: true });
    writeFileSync(join(results, 'dynamo-fd', 'profile_export_aiperf.json'), '[]');
    rmSync(join(results, 'dynamo-fd-ec', 'profile_export_aiperf.json'));
    const c = capture();
    const code = await main([results, '-q'], c.io);
    expect(code).toBe(ReportExitCode.PROBLEMS);
    expect(c.err().split('\n')).toEqual([
      `${join(results, 'dynamo-fd', 'profile_export_aiperf.json')}: not a valid AIPerf export: expected a JSON object at the top level`,
      `${join(results, 'dynamo-fd-ec', 'profile_export_aiperf.json')}: not found`,
      `report: wrote 3 files to ${results}`,
      '',
    ]);
    expect(existsSync(join(results, 'report.md'))).toBe(true);
  });

  it('prints warnings with a prefix', async () => {
    const results = join(dir, 'results');
    cpSync(join(FIXTURES, 'seed000-h100'), results, { recursive: true });
    rmSync(join(results, 'dynamo-fd', 'run.json'));
    const c = capture();
    expect(await main([results, '-q'], c.io)).toBe(ReportExitCode.OK);
    expect(c.err()).toContain(`warning: ${join(results, 'dynamo-fd', 'run.json')}: not found; recipe, hardware`);
  });

  it('exits 1 with one line and writes nothing for an unknown baseline or a missing directory', async () => {
    const c = capture();
    const out = join(dir, 'out');
    expect(await main([join(FIXTURES, 'seed000-h100'), '--baseline', 'nope', '--out', out], c.io)).toBe(
      ReportExitCode.PROBLEMS,
    );
    expect(c.err()).toBe(
      `baseline 'nope' is not a configuration under ${join(FIXTURES, 'seed000-h100')}; configurations found: dynamo-fd, dynamo-fd-ec, vllm-serve\n`,
    );
    expect(c.out()).toBe('');
    expect(existsSync(out)).toBe(false);

    const c2 = capture();
    expect(await main([join(dir, 'nope')], c2.io)).toBe(ReportExitCode.PROBLEMS);
    expect(c2.err()).toBe(`${join(dir, 'nope')}: results directory not found\n`);
  });

  it('prints help and exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(ReportExitCode.OK);
    expect(c.out()).toContain('Usage: report [options] <results-dir>');
    expect(c.out()).toContain('--baseline <config>');
    expect(c.out()).toContain('--throughput <metric>');
  });

  it.each([
    [[], "error: missing required argument 'results-dir'"],
    [['a', 'b'], 'error: too many arguments'],
    [['a', '--colour'], "error: unknown option '--colour'"],
    [['a', '--throughput', 'tokens'], "error: option '--throughput <metric>' argument 'tokens' is invalid"],
    [['a', '--baseline', ' '], '--baseline must not be empty'],
  ])('exits 2 on a bad command line %j', async (argv, message) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(ReportExitCode.USAGE);
    expect(c.err()).toContain(message);
  });
});
