/**
 * `npm run report -- <results dir>`: turns AIPerf exports into the comparison tables, goodput, sweep tables, SVG
 * charts and summary.json users publish. See docs/report.md.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isUserError } from '../errors';
import { ThroughputMetric } from './comparison';
import { writeReport } from './write-report';

/** Where the CLI writes; injectable for tests. */
export interface ReportCliIo {
  /** Writes to standard output (text as given). */
  readonly out: (text: string) => void;
  /** Writes to standard error (text as given). */
  readonly err: (text: string) => void;
}

const processIo: ReportCliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Exit codes of the report CLI. */
export enum ReportExitCode {
  /** Report written, every file read. */
  OK = 0,
  /** A user error (no results, no baseline), or some files were missing or malformed (the rest was reported). */
  PROBLEMS = 1,
  /** Bad command line. */
  USAGE = 2,
}

interface ReportFlags {
  readonly out?: string;
  readonly baseline?: string;
  readonly title?: string;
  readonly throughput: ThroughputMetric;
  readonly quiet?: boolean;
}

function nonEmpty(what: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') {
      throw new InvalidArgumentError(`${what} must not be empty.`);
    }
    return value;
  };
}

function buildProgram(io: ReportCliIo): Command {
  return new Command('report')
    .description(
      'Write report.md (comparison table with deltas vs the baseline, goodput, sweep tables), summary.json and SVG ' +
        'charts from the AIPerf exports under a results directory: one sub-directory per configuration holding ' +
        'profile_export_aiperf.json (or isl<ISL>-osl<OSL>/c<N>/profile_export_aiperf.json sweep points) and run.json.',
    )
    .argument('<results-dir>', 'results directory, e.g. results/gb200-qwen36', nonEmpty('<results-dir>'))
    .option('-o, --out <dir>', 'write the report here instead of into <results-dir>', nonEmpty('--out'))
    .option('-b, --baseline <config>', 'configuration to compare against (default: the one run.json names)', nonEmpty('--baseline'))
    .option('-t, --title <text>', 'report title (default: from the recipe and hardware in run.json)', nonEmpty('--title'))
    .addOption(
      new Option('--throughput <metric>', 'throughput column of the comparison table')
        .choices(Object.values(ThroughputMetric))
        .default(ThroughputMetric.REQUESTS),
    )
    .option('-q, --quiet', 'do not print report.md on standard output')
    .addHelpText(
      'after',
      '\nExit status: 0 report written; 1 missing or malformed files (the rest is still reported) or nothing to ' +
        'report; 2 bad command line.',
    )
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
}

/**
 * Runs the report CLI.
 *
 * @param argv the arguments after the program name (`process.argv.slice(2)`)
 * @returns the exit code ({@link ReportExitCode})
 */
export async function main(argv: readonly string[], io: ReportCliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ReportExitCode.OK : ReportExitCode.USAGE;
    }
    throw e;
  }
  const [dir] = program.args as [string];
  const flags = program.opts<ReportFlags>();
  try {
    const result = await writeReport(dir, {
      out: flags.out,
      baseline: flags.baseline,
      title: flags.title,
      throughput: flags.throughput,
    });
    if (flags.quiet !== true) {
      io.out(result.markdown);
    }
    for (const warning of result.warnings) {
      io.err(`warning: ${warning}\n`);
    }
    for (const problem of result.problems) {
      io.err(`${problem}\n`);
    }
    io.err(`report: wrote ${result.files.length} files to ${result.outDir}\n`);
    return result.problems.length > 0 ? ReportExitCode.PROBLEMS : ReportExitCode.OK;
  } catch (e) {
    if (isUserError(e)) {
      for (const problem of e.problems) {
        io.err(`${problem}\n`);
      }
      return ReportExitCode.PROBLEMS;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
