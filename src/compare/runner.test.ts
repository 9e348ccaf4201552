import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { FakeFailure, FakeWorkspace, steppingClock } from './fake-workspace';
import { ProgressLog } from './progress';
import { ComparisonRun, InterruptedError, runComparison, RunSummary } from './runner';
import { ConfigurationStatus, readRunState, RunState } from './state';

const CONFIGS = ['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec'];

function newRun(): ComparisonRun {
  return {
    stack: 'gb200-qwen36',
    recipe: 'qwen36',
    hardware: 'gb200',
    configurations: CONFIGS.map((name) => ({ name, perfJob: `qwen36-${name}-perf`, artifactPath: `/perf-cache/artifacts/qwen36/gb200/${name}` })),
    resultsDir: join(mkdtempSync(join(tmpdir(), 'compare-')), 'gb200-qwen36'),
  };
}

async function execute(run: ComparisonRun, failures: readonly FakeFailure[] = [], options: { restart?: boolean; signal?: AbortSignal } = {}) {
  const workspace = new FakeWorkspace(failures);
  const lines: string[] = [];
  const progress = new ProgressLog((l) => lines.push(l), steppingClock(1000));
  let summary: RunSummary | undefined;
  let error: unknown;
  try {
    summary = await runComparison(run, workspace, { progress, ...options });
  } catch (e) {
    error = e;
  }
  let state: RunState | undefined;
  try {
    state = readRunState(join(run.resultsDir, 'state.json'));
  } catch {
    state = undefined;
  }
  return { workspace, lines, summary, error, state };
}

const statuses = (state: RunState | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(state?.configurations ?? {}).map(([k, v]) => [k, v.status]));

/** The calls of one whole configuration. */
const whole = (c: string): string[] => [`up:${c}`, `wait:qwen36-${c}-perf`, `copy:${c}`, `destroy:${c}`];

describe('runComparison', () => {
  it('prepares once, then runs each configuration alone: deploy, wait, copy, tear down', async () => {
    const run = newRun();
    const { workspace, summary, state, lines } = await execute(run);
    expect(workspace.calls).toEqual(['up:', ...CONFIGS.flatMap(whole)]);
    expect(workspace.maxDeployedAtOnce).toBe(1);
    expect(workspace.deployed).toEqual([]);
    expect(summary).toEqual({ completed: CONFIGS, skipped: [], failed: [] });
    expect(statuses(state)).toEqual({ 'vllm-serve': 'done', 'dynamo-fd': 'done', 'dynamo-fd-ec': 'done' });
    expect(state?.configurations['dynamo-fd']?.runId).toBe('20260101T000002Z');
    for (const c of CONFIGS) {
      expect(readdirSync(join(run.resultsDir, c)).sort()).toEqual(['profile_export_aiperf.json', 'run.json']);
    }
    // Nothing temporary left beside the results.
    expect(readdirSync(run.resultsDir).sort()).toEqual([...CONFIGS].sort().concat('state.json').sort());
    expect(lines[0]).toBe('[00:00:01] prep: deploying caches, model download and dataset; removing any configuration left deployed');
    expect(lines.filter((l) => / dynamo-fd: /.test(l))).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] dynamo-fd: deploying/),
      expect.stringMatching(/dynamo-fd: fake up:dynamo-fd$/),
      expect.stringMatching(/dynamo-fd: waiting for Job qwen36-dynamo-fd-perf$/),
      expect.stringMatching(/dynamo-fd: fake wait:qwen36-dynamo-fd-perf$/),
      expect.stringMatching(/dynamo-fd: copying \/perf-cache\/artifacts\/qwen36\/gb200\/dynamo-fd\/latest\/ to .*\/gb200-qwen36\/dynamo-fd\/$/),
      expect.stringMatching(/dynamo-fd: fake copy:dynamo-fd$/),
      expect.stringMatching(/dynamo-fd: tearing down \(caches kept\)$/),
      expect.stringMatching(/dynamo-fd: fake destroy:dynamo-fd$/),
      expect.stringMatching(/dynamo-fd: done in \d\d:\d\d:\d\d \(run 20260101T000002Z\)$/),
    ]);
  });

  it('resumes after an interruption without re-running finished configurations', async () => {
    const run = newRun();
    const ctrl = new AbortController();
    const first = await execute(run, [{ call: 'up:dynamo-fd', message: 'interrupted', abort: ctrl }], { signal: ctrl.signal });
    expect(first.error).toBeInstanceOf(InterruptedError);
    expect((first.error as Error).message).toContain('run the same command again to resume');
    // Stopped where it was: no teardown, nothing recorded as failed.
    expect(first.workspace.calls).toEqual(['up:', ...whole('vllm-serve'), 'up:dynamo-fd']);
    expect(statuses(first.state)).toEqual({ 'vllm-serve': 'done', 'dynamo-fd': 'deploying' });

    const second = await execute(run);
    // prep's up([]) removes what the interrupted run left deployed; the interrupted configuration starts over.
    expect(second.workspace.calls).toEqual(['up:', ...whole('dynamo-fd'), ...whole('dynamo-fd-ec')]);
    expect(second.summary).toEqual({ completed: ['dynamo-fd', 'dynamo-fd-ec'], skipped: ['vllm-serve'], failed: [] });
    expect(second.lines[0]).toBe('[00:00:01] vllm-serve: done in an earlier run (run 20260101T000001Z), skipped');
    expect(statuses(second.state)).toEqual({ 'vllm-serve': 'done', 'dynamo-fd': 'done', 'dynamo-fd-ec': 'done' });
  });

  it('a configuration benchmarked before the interruption is only copied and torn down', async () => {
    const run = newRun();
    const ctrl = new AbortController();
    const first = await execute(run, [{ call: 'copy:vllm-serve', message: 'interrupted', abort: ctrl }], { signal: ctrl.signal });
    expect(statuses(first.state)).toEqual({ 'vllm-serve': 'benchmarked' });
    // The interrupted copy left nothing behind.
    expect(readdirSync(run.resultsDir)).toEqual(['state.json']);
    const second = await execute(run);
    expect(second.workspace.calls.slice(0, 3)).toEqual(['up:', 'copy:vllm-serve', 'destroy:vllm-serve']);
    expect(statuses(second.state)['vllm-serve']).toBe('done');
  });

  it('a collected configuration whose teardown failed is only torn down', async () => {
    const run = newRun();
    const first = await execute(run, [{ call: 'destroy:vllm-serve', message: 'apiserver unreachable' }]);
    expect(first.error).toBeInstanceOf(UserError);
    expect((first.error as Error).message).toBe('vllm-serve: teardown failed, its objects may still hold the GPUs: apiserver unreachable; run again to resume');
    // Nothing further was started while the GPUs may be held.
    expect(first.workspace.calls).toEqual(['up:', ...whole('vllm-serve')]);
    expect(statuses(first.state)).toEqual({ 'vllm-serve': 'collected' });
    const second = await execute(run);
    expect(second.workspace.calls.slice(0, 2)).toEqual(['up:', 'destroy:vllm-serve']);
    expect(second.summary?.completed).toEqual(CONFIGS);
  });

  it('a failed configuration is torn down and recorded, the run moves on, and the next run retries only it', async () => {
    const run = newRun();
    const first = await execute(run, [{ call: 'up:dynamo-fd', message: 'DynamoGraphDeployment qwen36-dynamo-fd: timed out waiting for status.state successful' }]);
    expect(first.workspace.calls).toEqual(['up:', ...whole('vllm-serve'), 'up:dynamo-fd', 'destroy:dynamo-fd', ...whole('dynamo-fd-ec')]);
    expect(first.summary?.failed).toEqual([{ name: 'dynamo-fd', error: 'DynamoGraphDeployment qwen36-dynamo-fd: timed out waiting for status.state successful' }]);
    expect(first.state?.configurations['dynamo-fd']).toMatchObject({ status: 'failed', error: 'DynamoGraphDeployment qwen36-dynamo-fd: timed out waiting for status.state successful' });
    expect(existsSync(join(run.resultsDir, 'dynamo-fd'))).toBe(false);

    const second = await execute(run);
    expect(second.workspace.calls).toEqual(['up:', ...whole('dynamo-fd')]);
    expect(second.summary).toEqual({ completed: ['dynamo-fd'], skipped: ['vllm-serve', 'dynamo-fd-ec'], failed: [] });
  });

  it('a failed copy keeps the earlier results of that configuration and leaves no partial directory', async () => {
    const run = newRun();
    await execute(run);
    const before = readFileSync(join(run.resultsDir, 'vllm-serve', 'run.json'), 'utf8');
    const again = await execute(run, [{ call: 'copy:vllm-serve', message: 'tar: broken pipe' }], { restart: true });
    expect(again.summary?.failed).toEqual([{ name: 'vllm-serve', error: 'tar: broken pipe' }]);
    expect(readFileSync(join(run.resultsDir, 'vllm-serve', 'run.json'), 'utf8')).toBe(before);
    expect(readdirSync(run.resultsDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('does nothing, not even prep, when every configuration is done', async () => {
    const run = newRun();
    await execute(run);
    const again = await execute(run);
    expect(again.workspace.calls).toEqual([]);
    expect(again.summary).toEqual({ completed: [], skipped: CONFIGS, failed: [] });
  });

  it('--restart runs everything again', async () => {
    const run = newRun();
    await execute(run);
    const again = await execute(run, [], { restart: true });
    expect(again.workspace.calls).toEqual(['up:', ...CONFIGS.flatMap(whole)]);
  });

  it('a failed prep stops the run before any configuration', async () => {
    const run = newRun();
    const { error, workspace, state } = await execute(run, [{ call: 'up:', message: 'Job qwen36-model-download failed' }]);
    expect((error as Error).message).toBe('prep failed: Job qwen36-model-download failed');
    expect(workspace.calls).toEqual(['up:']);
    expect(statuses(state)).toEqual({});
  });

  it('refuses a state file of another stack or comparison, and a corrupt one', async () => {
    const run = newRun();
    await execute(run);
    const other = await execute({ ...run, stack: 'h100-qwen36', hardware: 'h100' });
    expect((other.error as Error).message).toBe(`${join(run.resultsDir, 'state.json')}: belongs to stack gb200-qwen36 (qwen36 on gb200), not h100-qwen36 (qwen36 on h100); use another results folder or --restart`);
    expect(other.workspace.calls).toEqual([]);

    writeFileSync(join(run.resultsDir, 'state.json'), '{"version":1,"stack":"gb200-qwen36","recipe":"qwen36","hardware":"gb200","configurations":{"a":{"status":"finished","updatedAt":"x"}}}');
    const corrupt = await execute(run);
    expect((corrupt.error as UserError).problems).toEqual([
      `${join(run.resultsDir, 'state.json')}: configurations.a.status: must be one of ${Object.values(ConfigurationStatus).map((s) => `"${s}"`).join(', ')} (got "finished"); fix it, or start over with --restart`,
    ]);
  });
});
