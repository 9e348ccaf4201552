import { Command, CommanderError, Option } from 'commander';
import { WriteAbortedError } from './atomic-file';
import { DATASET_FLAGS, FlagKind, flagOf, optionsFromFlags } from './dataset-flags';
import { DatasetMode, ResolvedDatasetOptions, datasetOptionsSchema } from './options';
import { writeDataset } from './write-dataset';
import { isUserError } from '../errors';
import { formatIssue } from '../util/zod-issues';

/** Exit codes of the dataset CLI. */
export const ExitCode = {
  /** Written, or skipped because complete. */
  OK: 0,
  /** A failure: invalid trace, unreadable source, I/O error. */
  FAILURE: 1,
  /** Wrong usage: unknown flag, missing or invalid value. Nothing was written. */
  USAGE: 2,
  /** Cancelled by SIGINT / SIGTERM. The partial file was removed. */
  CANCELLED: 130,
} as const;

const MODE_DESCRIPTIONS: { readonly [M in DatasetMode]: string } = {
  [DatasetMode.SLIDING_WINDOW]: 'multi-turn sessions sliding a window of images (seed 000); rows: {session_id, text, images}',
  [DatasetMode.IMAGE_POOL]: 'single-image requests drawn from an image pool (seed 001); rows: {text, images}',
  [DatasetMode.TRACE]: 'validate a Mooncake trace (file or URL) and copy it (seed 003)',
};

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  /** Results (one line per dataset). */
  readonly out: (text: string) => void;
  /** Progress, notes and errors. */
  readonly err: (text: string) => void;
}

const PROCESS_OUTPUT: CliOutput = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${units[unit]}`;
}

/** Validates flag values as options; problems name the flags (`dataset image-pool: --pool: must be ≥ 1 (got 0)`). */
function validateFlags(mode: DatasetMode, values: Readonly<Record<string, unknown>>): { options?: ResolvedDatasetOptions; problems: string[] } {
  const raw = optionsFromFlags(mode, values);
  const parsed = datasetOptionsSchema.safeParse(raw);
  if (parsed.success) return { options: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue) => {
    const [key, ...rest] = issue.path;
    const flagName = typeof key === 'string' ? (flagOf(mode, key)?.flag ?? key) : undefined;
    const remapped = flagName === undefined ? issue : { ...issue, path: [flagName, ...rest] };
    const input = flagName === undefined ? raw : { [flagName]: raw[key as string] };
    return formatIssue(`dataset ${mode}`, remapped, input).split('\n');
  });
  return { problems };
}

async function run(mode: DatasetMode, values: Record<string, unknown>, io: CliOutput): Promise<number> {
  const { options, problems } = validateFlags(mode, values);
  if (!options) {
    for (const p of problems) io.err(`${p}\n`);
    return ExitCode.USAGE;
  }
  const quiet = values.quiet === true;
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  const started = Date.now();
  let lastDecile = 0;
  try {
    const result = await writeDataset(options, String(values.out), {
      skipExisting: values.skipExisting === true,
      signal: controller.signal,
      onProgress: quiet
        ? undefined
        : ({ rows, totalRows }) => {
            const decile = Math.floor((rows * 10) / totalRows);
            if (decile > lastDecile) {
              lastDecile = decile;
              io.err(`[dataset] ${rows}/${totalRows} rows (${decile * 10}%) after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
            }
          },
    });
    if (result.note && !result.skipped && !quiet) io.err(`[dataset] ${result.path} ${result.note}\n`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.out(
      result.skipped
        ? `skipped ${result.path}: ${result.note}\n`
        : `wrote ${result.path} (${result.rows} rows, ${formatBytes(result.bytes)}) in ${seconds} s\n`,
    );
    return ExitCode.OK;
  } catch (e) {
    if (e instanceof WriteAbortedError || controller.signal.aborted) {
      io.err(`[dataset] cancelled; the partial file was removed\n`);
      return ExitCode.CANCELLED;
    }
    if (isUserError(e)) {
      for (const p of e.problems) io.err(`${p}\n`);
      return ExitCode.FAILURE;
    }
    io.err(`[dataset] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.FAILURE;
  } finally {
    process.removeListener('SIGINT', cancel);
    process.removeListener('SIGTERM', cancel);
  }
}

function buildProgram(io: CliOutput, onRun: (mode: DatasetMode, values: Record<string, unknown>) => Promise<void>): Command {
  const program = new Command()
    .name('dataset')
    .description('Generate benchmark datasets as JSONL for AIPerf (`single_turn` / `mooncake_trace`).')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);
  for (const mode of Object.values(DatasetMode)) {
    const command = program.command(mode).description(MODE_DESCRIPTIONS[mode]).allowExcessArguments(false);
    for (const f of DATASET_FLAGS[mode]) {
      const help = f.defaultValue === undefined ? f.description : `${f.description} (default: ${String(f.defaultValue)})`;
      const option = new Option(f.kind === FlagKind.SWITCH ? f.flag : `${f.flag} <${f.kind === FlagKind.INT ? 'n' : 'value'}>`, help);
      if (f.choices) option.choices([...f.choices]);
      if (f.required) option.makeOptionMandatory();
      command.addOption(option);
    }
    command
      .requiredOption('--out <dir>', 'output directory (created if missing)')
      .option('--skip-existing', 'keep an existing complete file (expected row count / valid trace) instead of rewriting it')
      .option('--quiet', 'no progress on stderr')
      .action(async (values: Record<string, unknown>) => onRun(mode, values));
  }
  return program;
}

/**
 * Runs the dataset CLI.
 * @param argv the arguments after the program (`['sliding-window', '--users', '3', '--out', 'dir']`)
 * @returns the exit code: 0 done, 1 failure, 2 usage error, 130 cancelled
 */
export async function main(argv: readonly string[], io: CliOutput = PROCESS_OUTPUT): Promise<number> {
  let code: number = ExitCode.OK;
  const program = buildProgram(io, async (mode, values) => {
    code = await run(mode, values, io);
  });
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return ExitCode.USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? ExitCode.OK : ExitCode.USAGE;
    }
    throw e;
  }
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`[dataset] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = ExitCode.FAILURE;
    },
  );
}
