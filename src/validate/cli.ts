import { Command, CommanderError } from 'commander';
import { isUserError } from '../errors';
import { validatePaths } from './validate-paths';
import { formatViolation, type Violation } from './violation';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes of the CLI. */
export enum ExitCode {
  /** No errors (warnings allowed unless `--warnings-as-errors`). */
  OK = 0,
  /** Validation errors, or a user error (missing path, no YAML files). */
  INVALID = 1,
  /** Bad command line. */
  USAGE = 2,
}

interface CliOptions {
  readonly warningsAsErrors?: boolean;
  readonly quiet?: boolean;
}

/**
 * `validate [options] <paths...>`: validates Kubernetes manifests (files, or directories searched for `*.yaml|*.yml`).
 * Prints one line per violation and a summary `N errors, M warnings in K files`.
 *
 * @param argv the arguments after the program name (`process.argv.slice(2)`)
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let paths: string[] = [];
  let options: CliOptions = {};
  const program = new Command('validate')
    .description(
      'Validate Kubernetes manifests: built-in kinds against the Kubernetes 1.33 schemas, DynamoGraphDeployments against ' +
        'their CRD (unknown fields included), then semantic checks (names, references between objects, GPUs, images). ' +
        'Each directory is one manifest set, deployed into one namespace.',
    )
    .argument('<paths...>', 'manifest files, or directories searched recursively for *.yaml and *.yml')
    .option('--warnings-as-errors', 'fail (exit status 1) on warnings too')
    .option('-q, --quiet', 'print only the violations that fail the run (no other warnings, no summary)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    })
    .action((args: string[], opts: CliOptions) => {
      paths = args;
      options = opts;
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    throw e;
  }

  try {
    const report = validatePaths(paths);
    const failing = (v: Violation): boolean => v.severity === 'error' || options.warningsAsErrors === true;
    for (const v of report.violations) if (!options.quiet || failing(v)) io.out(formatViolation(v));
    if (!options.quiet) {
      io.out(`${plural(report.errorCount, 'error')}, ${plural(report.warningCount, 'warning')} in ${plural(report.files.length, 'file')}`);
    }
    const errors = report.violations.filter(failing).length;
    return errors > 0 ? ExitCode.INVALID : ExitCode.OK;
  } catch (e) {
    if (isUserError(e)) {
      for (const problem of e.problems) io.err(problem);
      return ExitCode.INVALID;
    }
    throw e;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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
