import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors';
import { ProgressLog } from './progress';
import {
  ConfigurationState, ConfigurationStatus, newRunState, readRunState, RunState, STATE_FILE, writeRunState,
} from './state';
import { ComparisonWorkspace, ConfigurationTarget } from './workspace';

/** What to run. */
export interface ComparisonRun {
  /** Stack name. */
  readonly stack: string;
  /** Comparison name (recorded in the state, checked on resume). */
  readonly recipe: string;
  /** Hardware profile name (recorded in the state, checked on resume). */
  readonly hardware: string;
  /** Configurations to run, in order. */
  readonly configurations: readonly ConfigurationTarget[];
  /** `results/<stack>`: one sub-directory of artefacts per configuration, and `state.json`. */
  readonly resultsDir: string;
}

/** Options of {@link runComparison}. */
export interface RunnerOptions {
  /**
   * Forget the saved state and run every configuration again.
   * @default false
   */
  readonly restart?: boolean;
  /** Where progress lines go. */
  readonly progress: ProgressLog;
  /**
   * Aborted on Ctrl-C: the run stops where it is, without recording a failure or tearing down, so the next run
   * resumes (redeploying the interrupted configuration).
   * @default - never aborted
   */
  readonly signal?: AbortSignal;
}

/** Thrown when the run was interrupted through {@link RunnerOptions.signal}. */
export class InterruptedError extends UserError {}

/** How a run ended. */
export interface RunSummary {
  /** Configurations run to the end by this run. */
  readonly completed: readonly string[];
  /** Configurations a previous run had finished. */
  readonly skipped: readonly string[];
  /** Configurations that failed, with the first line of the error. */
  readonly failed: readonly { readonly name: string; readonly error: string }[];
}

function firstLine(e: unknown): string {
  const message = e instanceof UserError ? e.problems.join('; ') : e instanceof Error ? e.message : String(e);
  return message.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'unknown error';
}

/**
 * Runs a comparison one configuration at a time, so only one holds the GPUs:
 *
 * 1. `prep`: `up([])` deploys the shared prep (caches, model download, dataset) and removes whatever
 *    configuration an interrupted run left deployed;
 * 2. for each configuration: `up([it])` (Pulumi waits for it to be ready and for its perf Job), `waitForJob`,
 *    copy `<artifactPath>/latest/` to `results/<stack>/<configuration>/` (through a temporary directory,
 *    renamed into place), then `destroyConfiguration` (the caches stay).
 *
 * Every step is recorded in `results/<stack>/state.json` (atomic writes) before the next starts, so a run started
 * again resumes: finished configurations are skipped, a benchmarked one is only copied and torn down, an
 * interrupted one is deployed again from scratch. A configuration that fails is torn down, recorded as failed
 * and the run moves on; the next run retries it.
 * @throws UserError when the saved state belongs to another comparison, or prep / a teardown fails (then the
 *   GPUs may still be held: nothing further is started)
 */
export async function runComparison(run: ComparisonRun, workspace: ComparisonWorkspace, options: RunnerOptions): Promise<RunSummary> {
  const log = options.progress;
  const stateFile = join(run.resultsDir, STATE_FILE);
  const saved = options.restart ? undefined : readRunState(stateFile);
  if (saved && (saved.stack !== run.stack || saved.recipe !== run.recipe || saved.hardware !== run.hardware)) {
    throw new UserError(`${stateFile}: belongs to stack ${saved.stack} (${saved.recipe} on ${saved.hardware}), not ${run.stack} (${run.recipe} on ${run.hardware}); use another results folder or --restart`);
  }
  let state: RunState = saved ?? newRunState(run.stack, run.recipe, run.hardware);
  const statusOf = (name: string): ConfigurationStatus => state.configurations[name]?.status ?? ConfigurationStatus.PENDING;
  const record = (name: string, status: ConfigurationStatus, extra: Partial<ConfigurationState> = {}): void => {
    const previous = state.configurations[name];
    const entry: ConfigurationState = { ...(previous?.runId ? { runId: previous.runId } : {}), ...extra, status, updatedAt: new Date(log.now()).toISOString() };
    state = { ...state, configurations: { ...state.configurations, [name]: entry } };
    writeRunState(stateFile, state);
  };
  writeRunState(stateFile, state);

  const completed: string[] = [];
  const skipped: string[] = [];
  const failed: { name: string; error: string }[] = [];
  const todo = run.configurations.filter((c) => {
    if (statusOf(c.name) !== ConfigurationStatus.DONE) return true;
    skipped.push(c.name);
    log.line(c.name, `done in an earlier run (run ${state.configurations[c.name]?.runId ?? '?'}), skipped`);
    return false;
  });
  if (todo.length === 0) return { completed, skipped, failed };

  log.line('prep', 'deploying caches, model download and dataset; removing any configuration left deployed');
  try {
    await workspace.up([], (s) => log.line('prep', s));
  } catch (e) {
    if (options.signal?.aborted) throw interrupted(stateFile);
    throw new UserError(`prep failed: ${firstLine(e)}`);
  }
  log.line('prep', 'ready');

  for (const target of todo) {
    if (options.signal?.aborted) throw interrupted(stateFile);
    const name = target.name;
    const started = log.now();
    const say = (s: string): void => log.line(name, s);
    try {
      if (statusOf(name) !== ConfigurationStatus.BENCHMARKED && statusOf(name) !== ConfigurationStatus.COLLECTED) {
        record(name, ConfigurationStatus.DEPLOYING);
        say('deploying (pulumi up: ready, then the benchmark)');
        await workspace.up([name], say);
        say(`waiting for Job ${target.perfJob}`);
        await workspace.waitForJob(target.perfJob, say);
        record(name, ConfigurationStatus.BENCHMARKED);
      }
      if (statusOf(name) === ConfigurationStatus.BENCHMARKED) {
        say(`copying ${target.artifactPath}/latest/ to ${join(run.resultsDir, name)}/`);
        const { runId } = await copyInto(workspace, target, run.resultsDir, say);
        record(name, ConfigurationStatus.COLLECTED, { runId });
      }
    } catch (e) {
      if (options.signal?.aborted) throw interrupted(stateFile);
      const error = firstLine(e);
      record(name, ConfigurationStatus.FAILED, { error });
      failed.push({ name, error });
      say(`failed: ${error}`);
    }
    say('tearing down (caches kept)');
    try {
      await workspace.destroyConfiguration(name, say);
    } catch (e) {
      if (options.signal?.aborted) throw interrupted(stateFile);
      throw new UserError(`${name}: teardown failed, its objects may still hold the GPUs: ${firstLine(e)}; run again to resume`);
    }
    if (statusOf(name) === ConfigurationStatus.COLLECTED) {
      record(name, ConfigurationStatus.DONE);
      completed.push(name);
      say(`done in ${log.since(started)} (run ${state.configurations[name]?.runId ?? '?'})`);
    }
  }
  return { completed, skipped, failed };
}

function interrupted(stateFile: string): InterruptedError {
  return new InterruptedError(`interrupted; the state is in ${stateFile}: run the same command again to resume`);
}

/** Copies a configuration's artefacts into `<resultsDir>/<name>/` through a temporary sibling directory. */
async function copyInto(workspace: ComparisonWorkspace, target: ConfigurationTarget, resultsDir: string, say: (s: string) => void) {
  const destination = join(resultsDir, target.name);
  const partial = join(resultsDir, `.${target.name}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const copied = await workspace.copyArtifacts(target, partial, say);
    if (existsSync(destination)) rmSync(destination, { recursive: true, force: true });
    renameSync(partial, destination);
    return copied;
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}
