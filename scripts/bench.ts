/**
 * `npm run bench`: how fast synth and the tests are on this machine, as medians of several runs, against the
 * floor of loading cdk8s-plus-28 (`node -e "require('cdk8s-plus-28')"`) measured in the same run.
 * Options: --runs N (default 5), --test-runs N (default 3; 0 skips the test-suite timings).
 * Peak memory is the largest resident set of the measured process tree's biggest process (GNU time's %M),
 * or the child's own maxRSS for the in-process measurements.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 5);
const TEST_RUNS = arg('--test-runs', 3);
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TSX = ['node_modules/tsx/dist/cli.mjs'];

interface Sample { readonly seconds: number; readonly rssMiB: number | null }

/** Runs a command once; wall time from here, peak RSS from GNU time when available. */
function runOnce(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Sample {
  const full = GNU_TIME ? [GNU_TIME, '-f', '%M', cmd, ...args] : [cmd, ...args];
  const t = performance.now();
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const rss = GNU_TIME ? Number(r.stderr.trim().split('\n').pop()) / 1024 : null;
  return { seconds, rssMiB: rss };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(runs: number, cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): { seconds: number; rssMiB: number | null } {
  const samples = Array.from({ length: runs }, () => runOnce(cmd, args, env));
  const rss = samples.map((s) => s.rssMiB).filter((x): x is number => x !== null);
  return { seconds: median(samples.map((s) => s.seconds)), rssMiB: rss.length > 0 ? Math.max(...rss) : null };
}

const rows: string[][] = [];
let floor = 0;
function row(what: string, m: { seconds: number; rssMiB: number | null }, note = ''): void {
  rows.push([what, m.seconds.toFixed(3), floor > 0 ? `${(m.seconds / floor).toFixed(1)}×` : '1.0×', m.rssMiB === null ? 'n/a' : m.rssMiB.toFixed(0), note]);
}

const out = mkdtempSync(join(tmpdir(), 'bench-'));
execFileSync(process.execPath, ['scripts/build.mjs', '--force']);
// The in-process measurements run compiled too, like the CLI.
execFileSync('node_modules/.bin/esbuild', ['scripts/bench-inprocess.ts', '--bundle', '--platform=node',
  '--target=node20', '--packages=external', '--outfile=lib/bench-inprocess.js', '--log-level=warning']);
// Warm the content-addressed caches (parsed CRD, bundled dataset generator) the way a second synth finds them.
runOnce(process.execPath, ['lib/main.js', '--out', join(out, 'warm')]);

const floorRun = measure(RUNS, process.execPath, ['-e', "require('cdk8s-plus-28')"]);
floor = floorRun.seconds;
row("floor: node -e \"require('cdk8s-plus-28')\"", floorRun);

row('(a) synth CLI, compiled (node lib/main.js), validated', measure(RUNS, process.execPath, ['lib/main.js', '--out', join(out, 'a1')]), 'the default; caches warm');
const CACHE = join('node_modules', '.cache', 'dynamo-recipes-iac');
const coldSamples = Array.from({ length: RUNS }, () => {
  rmSync(CACHE, { recursive: true, force: true });
  return runOnce(process.execPath, ['lib/main.js', '--out', join(out, 'a0')]);
});
row('(a) synth CLI, compiled, validated, caches cold', {
  seconds: median(coldSamples.map((x) => x.seconds)),
  rssMiB: Math.max(...coldSamples.map((x) => x.rssMiB ?? 0)) || null,
}, 'first synth of a fresh clone');
row('(a) synth CLI, compiled, --no-validate', measure(RUNS, process.execPath, ['lib/main.js', '--out', join(out, 'a2'), '--no-validate']));
row('(a) npm run synth (build check + validated synth)', measure(RUNS, 'npm', ['run', '--silent', 'synth', '--', '--out', join(out, 'a3')]));
row('(a) cdk8s synth (cdk8s CLI → same app)', measure(RUNS, 'npx', ['--no-install', 'cdk8s', 'synth', '--no-check-upgrade', '-o', join(out, 'a4')]));
row('(a) synth from TypeScript source via tsx', measure(RUNS, process.execPath, [...TSX, 'src/main.ts', '--out', join(out, 'a5')]));

interface InProcess { triples: number; firstMs: number; medianMs: number; validateMs: number | null; maxRssMiB: number; processSeconds: number }
/** One child process: loads the modules, synthesizes `scale` × the set `runs` times (and validates once). */
const inProcess = (scale: number, validate: boolean, runs = RUNS): InProcess => {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['lib/bench-inprocess.js', String(scale), String(runs), ...(validate ? ['--validate'] : [])], { encoding: 'utf8' });
  const processSeconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<InProcess, 'processSeconds'>), processSeconds };
};
const base = inProcess(1, true);
row('(b) in-process synthesize(), first call', { seconds: base.firstMs / 1000, rssMiB: base.maxRssMiB }, `${base.triples} triples, modules already loaded`);
row('(b) in-process synthesize(), warm median', { seconds: base.medianMs / 1000, rssMiB: base.maxRssMiB });
row('(b) in-process validateRendered(), first call', { seconds: (base.validateMs ?? 0) / 1000, rssMiB: base.maxRssMiB }, 'loads the schemas and the cached compiled CRD validator');

// (c) A cold process per scale: load, synthesize once. Medians over RUNS processes.
const scales = [1, 10, 100].map((s) => {
  const samples = Array.from({ length: RUNS }, () => inProcess(s, false, 1));
  const seconds = median(samples.map((x) => x.processSeconds));
  return { s, seconds, triples: samples[0].triples, synthMs: median(samples.map((x) => x.firstMs)), rss: Math.max(...samples.map((x) => x.maxRssMiB)) };
});
for (const { s, seconds, triples, synthMs, rss } of scales) {
  row(`(c) cold process, ${s}× the set`, { seconds, rssMiB: rss }, `${triples} triples; synthesize() ${synthMs.toFixed(0)} ms = ${(synthMs / triples).toFixed(2)} ms/triple`);
}
const growth = scales[2].seconds / scales[0].seconds;

if (TEST_RUNS > 0) {
  row('(d) npm test (tsc --noEmit + jest)', measure(TEST_RUNS, 'npm', ['test', '--silent'], { CI: 'true' }));
  row('(d) jest alone', measure(TEST_RUNS, 'npx', ['--no-install', 'jest', '--silent'], { CI: 'true' }));
  row('(d) tsc --noEmit alone', measure(TEST_RUNS, 'npx', ['--no-install', 'tsc', '--noEmit']));
}
rmSync(out, { recursive: true, force: true });

const header = ['measurement', 'median s', 'vs floor', 'peak RSS MiB', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}; runs: ${RUNS} (tests: ${TEST_RUNS})`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log(`\nscaling: a cold synth of 100× the set takes ${growth.toFixed(1)}× the 1× time (target ≤ 10×: ${growth <= 10 ? 'met' : 'NOT met'})`);
