import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors';
import { formatIssues } from '../util/zod-issues';

/** File name of the runner's resume state, in `results/<stack>/`. */
export const STATE_FILE = 'state.json';

/** Where a configuration is in its run. */
export enum ConfigurationStatus {
  /** Not started. */
  PENDING = 'pending',
  /** Being deployed and benchmarked (`pulumi up` running); interrupted here, it is deployed again from scratch. */
  DEPLOYING = 'deploying',
  /** Its perf Job completed; the artefacts are on the benchmark cache, not yet copied out. */
  BENCHMARKED = 'benchmarked',
  /** Artefacts copied to `results/<stack>/<configuration>/`; its objects may still hold the GPUs. */
  COLLECTED = 'collected',
  /** Torn down: finished, skipped on resume. */
  DONE = 'done',
  /** Deploying or benchmarking failed (see `error`); run again to retry. */
  FAILED = 'failed',
}

const ConfigurationStateSchema = z.strictObject({
  status: z.enum(ConfigurationStatus),
  /** Run id (the `latest` target) whose artefacts were copied. */
  runId: z.string().optional(),
  /** First line of the last error. */
  error: z.string().optional(),
  /** ISO time of the last status change. */
  updatedAt: z.string(),
});

/** The resume state of one comparison run. */
export const RunStateSchema = z.strictObject({
  version: z.literal(1),
  stack: z.string(),
  recipe: z.string(),
  hardware: z.string(),
  configurations: z.record(z.string(), ConfigurationStateSchema),
});

/** The resume state of one comparison run, as stored in `results/<stack>/state.json`. */
export type RunState = z.infer<typeof RunStateSchema>;
/** One configuration's entry in {@link RunState}. */
export type ConfigurationState = z.infer<typeof ConfigurationStateSchema>;

/** A fresh state. */
export function newRunState(stack: string, recipe: string, hardware: string): RunState {
  return { version: 1, stack, recipe, hardware, configurations: {} };
}

/**
 * Reads the state file, if there is one.
 * @throws UserError when it is not valid JSON or not a state, naming the file and the way out (`--restart`)
 */
export function readRunState(file: string): RunState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`${file}: cannot read the run state (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message}); fix it, or start over with --restart`);
  }
  const parsed = RunStateSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = formatIssues(file, parsed.error, raw, RunStateSchema).map((p) => `${p}; fix it, or start over with --restart`);
    throw new UserError(problems.join('\n'), problems);
  }
  return parsed.data;
}

/** Writes the state file atomically (a temporary file beside it, then a rename). */
export function writeRunState(file: string, state: RunState): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = join(dirname(file), `.${STATE_FILE}.partial-${process.pid}`);
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(partial, file);
}
