/**
 * `npm run compare -- --stack <stack>`: runs every configuration of a stack's comparison in turn with Pulumi's
 * Automation API (deploy, benchmark, copy the artefacts to results/<stack>/<configuration>/, tear down), resuming
 * where an interrupted run stopped. See docs/pulumi.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { isUserError, UserError } from '../errors';
import { defaultCatalog, layoutOf, loadStack, readStackFile, StackCatalog, stackFilePath } from '../pulumi';
import { buildComparison } from '../synth/build';
import { ManifestObject, renderComparison } from '../synth/render';
import { projectRoot } from '../util/project-root';
import { KubeTarget } from './kubectl';
import { Clock, ProgressLog, systemClock } from './progress';
import { PulumiComparisonWorkspace } from './pulumi-workspace';
import { ComparisonRun, runComparison } from './runner';
import { ComparisonWorkspace } from './workspace';

/** Exit codes of the compare CLI. */
export enum CompareExitCode {
  /** Every configuration finished (now or in an earlier run). */
  OK = 0,
  /** A user error (stack file, names), a failed configuration, or an interruption. */
  FAILED = 1,
  /** Bad command line. */
  USAGE = 2,
}

/** What a workspace factory is given. */
export interface WorkspaceSetup {
  /** Stack name. */
  readonly stack: string;
  /** Project root. */
  readonly root: string;
  /** The stack file's text. */
  readonly stackFileText: string;
  /** Namespace and kube context. */
  readonly kube: KubeTarget;
  /** Each configuration's perf Job, as rendered. */
  readonly perfJobs: ReadonlyMap<string, ManifestObject>;
  /** `results/<stack>`. */
  readonly resultsDir: string;
  /** Aborted on Ctrl-C. */
  readonly signal?: AbortSignal;
}

/** The CLI's surroundings; injectable for tests. */
export interface CompareCliDeps {
  /** Standard output. */
  readonly out: (text: string) => void;
  /** Standard error. */
  readonly err: (text: string) => void;
  /**
   * Project root (stacks/, hw-profiles/).
   * @default - the package root
   */
  readonly root?: string;
  /**
   * Comparisons and hardware profiles.
   * @default - the shipped ones
   */
  readonly catalog?: StackCatalog;
  /**
   * Time source of the progress lines.
   * @default - the system clock
   */
  readonly clock?: Clock;
  /**
   * Makes the workspace.
   * @default - a {@link PulumiComparisonWorkspace}
   */
  readonly workspace?: (setup: WorkspaceSetup) => ComparisonWorkspace;
  /**
   * Aborted on Ctrl-C.
   * @default - never
   */
  readonly signal?: AbortSignal;
}

interface CompareFlags {
  readonly stack: string;
  readonly configurations?: string[];
  readonly restart?: boolean;
  readonly results: string;
}

function program(deps: CompareCliDeps): Command {
  return new Command('compare')
    .description('Run every configuration of a stack\'s comparison in turn: deploy it with Pulumi, wait for its benchmark, copy the artifacts to <results>/<stack>/<configuration>/, tear it down (the caches stay). Resumes after an interruption.')
    .requiredOption('-s, --stack <name>', 'stack to run (stacks/Pulumi.<name>.yaml)')
    .option('-c, --configurations <names...>', 'only these configurations, in the comparison\'s order (names separated by spaces or commas)')
    .option('--restart', 'forget the saved state (results/<stack>/state.json) and run every configuration again')
    .option('--results <dir>', 'results folder', 'results')
    .addHelpText('after', '\nNeeds the Pulumi CLI (logged in to a backend), kubectl and tar, and a cluster with the Dynamo operator.\nExit status: 0 every configuration finished; 1 a configuration failed, bad stack file, or interrupted (run again to resume); 2 bad command line.')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: deps.out, writeErr: deps.err });
}

/**
 * Runs the compare CLI.
 * @param argv the arguments after the program name
 * @returns the exit code
 */
export async function main(argv: readonly string[], deps: CompareCliDeps): Promise<CompareExitCode> {
  const cli = program(deps);
  try {
    cli.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? CompareExitCode.OK : CompareExitCode.USAGE;
    throw e;
  }
  const flags = cli.opts<CompareFlags>();
  try {
    const root = deps.root ?? projectRoot();
    const raw = readStackFile(flags.stack, root);
    const stack = loadStack(raw, deps.catalog ?? defaultCatalog());
    const known = stack.comparison.configurations.map((c) => c.name);
    const wanted = flags.configurations?.flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
    const unknown = (wanted ?? []).filter((c) => !known.includes(c));
    if (unknown.length > 0) {
      throw new UserError(`--configurations: unknown configuration ${unknown.map((u) => `"${u}"`).join(', ')} of comparison ${stack.comparison.name}; allowed: ${known.join(', ')}`);
    }
    const selected = known.filter((c) => !wanted || wanted.includes(c));
    const build = buildComparison(stack.comparison, stack.hardware, { configurations: selected });
    const files = renderComparison(build);
    const layout = layoutOf(build);
    const objects = files.flatMap((f) => f.objects);
    const perfJobs = new Map(layout.configurations.map((c) => [c.name, objects.find((o) => o.kind === 'Job' && (o.metadata as { name?: string }).name === c.perfJob)!]));
    const context = raw.values['kubernetes:context'];
    const resultsDir = join(flags.results, flags.stack);
    const setup: WorkspaceSetup = {
      stack: flags.stack,
      root,
      stackFileText: readFileSync(join(root, stackFilePath(flags.stack)), 'utf8'),
      kube: { namespace: stack.config.namespace, ...(typeof context === 'string' ? { context } : {}) },
      perfJobs,
      resultsDir,
      signal: deps.signal,
    };
    const workspace = deps.workspace?.(setup) ?? new PulumiComparisonWorkspace({ ...setup, workDir: resultsDir });
    const run: ComparisonRun = {
      stack: flags.stack,
      recipe: stack.comparison.name,
      hardware: stack.hardware.name,
      configurations: layout.configurations.map((c) => ({ name: c.name, perfJob: c.perfJob, artifactPath: c.artifactPath })),
      resultsDir,
    };
    const progress = new ProgressLog((line) => deps.out(`${line}\n`), deps.clock ?? systemClock);
    progress.line('compare', `${run.recipe} on ${run.hardware} (stack ${run.stack}, namespace ${stack.config.namespace}): ${selected.join(', ')}; results in ${resultsDir}/`);
    const summary = await runComparison(run, workspace, { restart: flags.restart, progress, signal: deps.signal });
    const parts = [`${summary.completed.length} completed`, `${summary.skipped.length} skipped (done earlier)`, `${summary.failed.length} failed`];
    progress.line('compare', parts.join(', '));
    for (const f of summary.failed) deps.err(`error: ${f.name}: ${f.error}; run the same command again to retry it\n`);
    return summary.failed.length === 0 ? CompareExitCode.OK : CompareExitCode.FAILED;
  } catch (e) {
    if (isUserError(e)) {
      for (const problem of e.problems) deps.err(`error: ${problem}\n`);
      return CompareExitCode.FAILED;
    }
    throw e;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('interrupting: stopping the current step (Ctrl-C again to exit at once)\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    signal: controller.signal,
  }).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = CompareExitCode.FAILED;
  });
}
