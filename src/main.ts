/**
 * `cdk8s synth` entry point (also `npm run synth -- [options]`): synthesizes every comparison × hardware
 * profile × configuration into `<out>/<hw>/<recipe>/{prep,<config>}.k8s.yaml`.
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from './errors';
import { DEFAULT_PROFILE_DIR, loadProfiles } from './hw';
import { COMPARISONS } from './recipes';
import { synthesize } from './synth/synthesize';
import { serialize, writeOutput } from './synth/write';
import { validateYaml } from './synth/validate-output';
import { formatViolation } from './validate/violation';

interface SynthFlags {
  readonly out: string;
  readonly profiles: string;
  readonly recipe?: string[];
  readonly hw?: string[];
  readonly allProfiles: boolean;
  readonly validate: boolean;
}

/** Runs the synth CLI; returns the exit code (0 ok, 1 user error, 2 usage error). */
export function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  const program = new Command('synth')
    .description('Synthesize Kubernetes manifests for every comparison × hardware profile × configuration.')
    .option('-o, --out <dir>', 'output folder (replaced atomically)', process.env.CDK8S_OUTDIR ?? 'dist')
    .option('--profiles <dir>', 'folder of hardware profiles', DEFAULT_PROFILE_DIR)
    .option('-r, --recipe <name...>', 'only these comparisons')
    .option('--hw <name...>', 'only these hardware profiles')
    .option('--all-profiles', 'try every profile, not only the ones a comparison targets', false)
    .option('--no-validate', 'skip schema and semantic validation of the output')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) })
    .allowExcessArguments(false);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const flags = program.opts<SynthFlags>();
  try {
    const profiles = loadProfiles(flags.profiles);
    const result = synthesize(COMPARISONS, profiles, { recipes: flags.recipe, hardware: flags.hw, allProfiles: flags.allProfiles });
    if (result.files.length === 0) {
      err.write('error: nothing to synthesize for this selection\n');
      return 1;
    }
    const files = serialize(result.files);
    if (flags.validate) {
      const violations = validateYaml(flags.out, files, { cache: true });
      for (const v of violations) err.write(`${formatViolation(v)}\n`);
      const errors = violations.filter((v) => v.severity === 'error').length;
      if (errors > 0) {
        err.write(`error: ${errors} validation error(s); nothing written (--no-validate skips validation)\n`);
        return 1;
      }
    }
    writeOutput(flags.out, files);
    for (const pair of result.synthesized) out.write(`synthesized ${flags.out}/${pair}/\n`);
    for (const s of result.skipped) {
      for (const reason of s.reasons) err.write(`skipped ${s.hardware}/${s.recipe}: ${reason}\n`);
    }
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      for (const problem of e.problems) err.write(`error: ${problem}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
