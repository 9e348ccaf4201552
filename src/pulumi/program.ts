import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { isUserError } from '../errors';
import { DEFAULT_PROFILE_DIR, HardwareProfile, loadProfiles } from '../hw';
import { COMPARISONS } from '../recipes';
import { Comparison } from '../recipes/comparison';
import { projectRoot } from '../util/project-root';
import { deployStack, StackOutputs } from './deploy-stack';
import { parseStackConfig, RawStackConfig, resolveStack, ResolvedStack } from './stack-config';

/** The comparisons and hardware profiles a stack may name. */
export interface StackCatalog {
  /** Known comparisons. */
  readonly comparisons: readonly Comparison[];
  /** Known hardware profiles. */
  readonly profiles: readonly HardwareProfile[];
}

/** The shipped catalog: `COMPARISONS` and the profiles of `hw-profiles/` at the project root. */
export function defaultCatalog(): StackCatalog {
  return { comparisons: COMPARISONS, profiles: loadProfiles(join(projectRoot(), DEFAULT_PROFILE_DIR)) };
}

/** Validates and resolves a stack's raw config against a catalog (pure but for the catalog). */
export function loadStack(raw: RawStackConfig, catalog: StackCatalog): ResolvedStack {
  return resolveStack(parseStackConfig(raw), catalog.comparisons, catalog.profiles);
}

/** Full keys of the config values Pulumi holds encrypted. Uses the SDK's own check (internal, hence the guard). */
function secretKeysOf(keys: readonly string[]): string[] {
  const check = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  if (typeof check === 'function') return keys.filter((k) => check(k));
  const env = process.env.PULUMI_CONFIG_SECRET_KEYS;
  return env ? (JSON.parse(env) as string[]) : [];
}

/** The running stack's config, as the Pulumi engine passed it. */
export function currentRawConfig(): RawStackConfig {
  const values = pulumi.runtime.allConfig();
  return { stack: pulumi.getStack(), values, secretKeys: secretKeysOf(Object.keys(values)) };
}

/**
 * The Pulumi program: reads and validates the stack config, builds the comparison, registers every object and
 * returns the stack outputs. User errors become a {@link pulumi.RunError}, which Pulumi prints without a stack
 * trace: one line per problem naming the stack file and the key.
 */
export function runStackProgram(catalog: () => StackCatalog = defaultCatalog): StackOutputs {
  try {
    const stack = loadStack(currentRawConfig(), catalog());
    const hfToken = stack.config.hfToken.kind === 'pulumi-secret' ? new pulumi.Config().requireSecret('hfToken') : undefined;
    return deployStack(stack, { hfToken }).outputs;
  } catch (e) {
    if (isUserError(e)) throw new pulumi.RunError(e.problems.join('\n'));
    throw e;
  }
}
