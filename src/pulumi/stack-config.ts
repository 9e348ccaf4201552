import { z } from 'zod';
import { UserError } from '../errors';
import { HardwareProfile, HardwareProfileSchema } from '../hw';
import { Comparison } from '../recipes/comparison';
import { formatIssues } from '../util/zod-issues';

/** The Pulumi project name (`name:` in `Pulumi.yaml`): every key of ours in a stack file is `<PROJECT>:<key>`. */
export const PULUMI_PROJECT = 'dynamo-recipes-iac';

/** Folder of the stack files (`stackConfigDir` in `Pulumi.yaml`), relative to the project root. */
export const STACK_CONFIG_DIR = 'stacks';

/** The stack file of `stack`, relative to the project root: `stacks/Pulumi.<stack>.yaml`. */
export function stackFilePath(stack: string): string {
  return `${STACK_CONFIG_DIR}/Pulumi.${stack}.yaml`;
}

/** How long Pulumi waits for a configuration's serving objects to become ready, unless the stack says otherwise. */
export const DEFAULT_READY_TIMEOUT_MINUTES = 120;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The schema of our keys in a stack file (`<project>:<key>`, key without the project prefix here). `hfToken` is
 * checked apart, so that its value never appears in a message. Site values reuse the hardware profile's rules.
 */
export const StackConfigSchema = z.strictObject({
  /** Comparison to deploy (`COMPARISONS` in src/recipes). */
  recipe: z.string().min(1),
  /** Hardware profile (file name in hw-profiles/ without `.yaml`). */
  hardware: z.string().min(1),
  /** Namespace every object goes to; it must exist (the program does not create it: deleting it would delete the caches). */
  namespace: z.string().regex(DNS_LABEL, 'must be a namespace name (lower-case letters, digits, \'-\')').max(63),
  /** ReadWriteMany StorageClass of the caches; overrides the profile's. */
  storageClass: HardwareProfileSchema.shape.storageClass.unwrap(),
  /** Pins every pod to one node; overrides the profile's. */
  hostname: HardwareProfileSchema.shape.hostname,
  /** Dynamo vLLM runtime image; overrides the profile's. */
  image: HardwareProfileSchema.shape.image.optional(),
  /** Configurations `pulumi up` deploys, in order; `[]` deploys the shared prep only. */
  configurations: z.array(z.string().min(1)).optional(),
  /** An existing Secret with `HF_TOKEN` in the namespace. */
  hfTokenSecret: z.string().regex(DNS_SUBDOMAIN, 'must be a Secret name (DNS-1123 subdomain)').max(253).optional(),
  /** Minutes Pulumi waits for a configuration's DynamoGraphDeployment / Deployment to become ready. */
  readyTimeoutMinutes: z.coerce.number<unknown>().int().min(1).max(1440).optional(),
});

/** Keys of ours a stack file may hold. */
export const STACK_CONFIG_KEYS: readonly string[] = [...Object.keys(StackConfigSchema.shape), 'hfToken'];

/** Where the Hugging Face token comes from. */
export type HfTokenSource =
  /** The comparison's own default (an existing Secret it names, or none for public models). */
  | { readonly kind: 'comparison-default' }
  /** An existing Secret of the namespace, named in the stack file. */
  | { readonly kind: 'existing-secret'; readonly name: string }
  /** A Pulumi secret (`pulumi config set --secret hfToken ...`): the program creates the Secret from it. */
  | { readonly kind: 'pulumi-secret' };

/** A validated stack file: names only, nothing resolved yet. */
export interface StackConfig {
  /** Stack name. */
  readonly stack: string;
  /** The stack file, for messages (`stacks/Pulumi.<stack>.yaml`). */
  readonly source: string;
  /** Comparison name. */
  readonly recipe: string;
  /** Hardware profile name. */
  readonly hardware: string;
  /** Namespace of every object. */
  readonly namespace: string;
  /** StorageClass of the caches. */
  readonly storageClass: string;
  /**
   * Node every pod is pinned to.
   * @default - the profile's (usually none)
   */
  readonly hostname?: string;
  /**
   * Runtime image.
   * @default - the profile's
   */
  readonly image?: string;
  /**
   * Configurations to deploy, in order.
   * @default - every configuration of the comparison
   */
  readonly configurations?: readonly string[];
  /** Where the HF token comes from. */
  readonly hfToken: HfTokenSource;
  /** Minutes to wait for serving objects to become ready. */
  readonly readyTimeoutMinutes: number;
}

/** A stack file's configuration values as Pulumi hands them over. */
export interface RawStackConfig {
  /** Stack name. */
  readonly stack: string;
  /**
   * Every config value, by full key (`<namespace>:<key>`). Plain values as strings or already parsed (lists from
   * the YAML file, or JSON text as Pulumi passes structured values at run time); an encrypted value as
   * `{ secure: '...' }` when read from the file.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Full keys of the values Pulumi holds encrypted (secrets). Values given as `{ secure: ... }` count too.
   * @default - none
   */
  readonly secretKeys?: readonly string[];
}

/** What a stack resolves to: the comparison and the hardware profile with the stack's site values applied. */
export interface ResolvedStack {
  /** The validated stack file. */
  readonly config: StackConfig;
  /** The comparison, with the stack's HF token Secret name when the stack sets one. */
  readonly comparison: Comparison;
  /** The hardware profile with the stack's site values (storage class, hostname, image) applied. */
  readonly hardware: HardwareProfile;
  /** Configurations to deploy, in the stack's order (every configuration when the stack lists none). */
  readonly configurations: readonly string[];
}

/** Name of the Secret the program creates from a Pulumi secret `hfToken`. */
export function hfTokenSecretName(comparison: Comparison): string {
  return `${comparison.prefix}-hf-token`;
}

const HINTS: Readonly<Record<string, string>> = {
  recipe: 'the comparison to deploy',
  hardware: 'a hardware profile name (hw-profiles/<name>.yaml)',
  namespace: 'an existing namespace of your cluster',
  storageClass: 'a ReadWriteMany StorageClass of your cluster (kubectl get storageclass)',
  configurations: `one configuration name per list item, e.g. pulumi config set --path 'configurations[0]' <name>`,
};

function isSecureValue(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { secure?: unknown }).secure === 'string';
}

/** Pulumi passes structured values (lists) as JSON text at run time: parse those back. */
function structured(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Validates a stack file's values (pure: no Pulumi, no files). Reports every problem at once, one line each:
 * `stacks/Pulumi.<stack>.yaml: <project>:<key>: <problem>; allowed: ...`. Keys of other namespaces
 * (`kubernetes:context`, ...) belong to providers and are left alone; bare keys count as ours, as Pulumi reads them.
 * @throws UserError listing every problem
 */
export function parseStackConfig(raw: RawStackConfig): StackConfig {
  const source = stackFilePath(raw.stack);
  const fullKey = (key: string): string => `${PULUMI_PROJECT}:${key}`;
  const secretKeys = new Set(raw.secretKeys ?? []);
  const ours: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    const colon = key.indexOf(':');
    const namespace = colon < 0 ? PULUMI_PROJECT : key.slice(0, colon);
    if (namespace !== PULUMI_PROJECT) continue;
    const short = colon < 0 ? key : key.slice(colon + 1);
    ours[short] = value;
    if (isSecureValue(value)) secretKeys.add(fullKey(short));
  }
  const problems: string[] = [];

  // hfToken: never echo its value.
  const { hfToken, ...rest } = ours;
  let hfTokenSource: HfTokenSource = { kind: 'comparison-default' };
  if (hfToken !== undefined) {
    if (!secretKeys.has(fullKey('hfToken'))) {
      problems.push(`${source}: ${fullKey('hfToken')}: is stored in plain text; store it encrypted with pulumi config set --secret hfToken <token> --stack ${raw.stack}, or name an existing Secret with hfTokenSecret`);
    } else if (!isSecureValue(hfToken) && (typeof hfToken !== 'string' || hfToken.trim() === '')) {
      problems.push(`${source}: ${fullKey('hfToken')}: must be a non-empty secret string`);
    }
    hfTokenSource = { kind: 'pulumi-secret' };
  }
  for (const key of Object.keys(rest)) {
    if (secretKeys.has(fullKey(key))) {
      problems.push(`${source}: ${fullKey(key)}: must not be a secret; only hfToken is read as one`);
      delete rest[key];
    }
  }

  const input: Record<string, unknown> = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, structured(v)]));
  const parsed = StackConfigSchema.safeParse(input);
  if (!parsed.success) {
    // Messages name the keys as written in the file: `<project>:<key>`.
    const keyed = Object.fromEntries(Object.entries(input).map(([k, v]) => [fullKey(k), v]));
    for (const issue of parsed.error.issues) {
      const mapped = { ...issue, path: issue.path.length > 0 ? [fullKey(String(issue.path[0])), ...issue.path.slice(1)] : [] };
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push(`${source}: ${fullKey(key)}: unknown key; allowed: ${STACK_CONFIG_KEYS.join(', ')} (each as ${PULUMI_PROJECT}:<key>)`);
        }
        continue;
      }
      const error = new z.ZodError([mapped as z.core.$ZodIssue]);
      for (const line of formatIssues(source, error, keyed)) {
        const key = String(issue.path[0] ?? '');
        const hint = HINTS[key];
        problems.push(hint && /: is required|: must be a list/.test(line) ? `${line}; set it to ${hint}` : line);
      }
    }
  }
  const data = parsed.success ? parsed.data : undefined;
  if (data?.hfTokenSecret !== undefined && hfToken !== undefined) {
    problems.push(`${source}: ${fullKey('hfTokenSecret')}: set either hfTokenSecret (an existing Secret) or hfToken (a Pulumi secret), not both`);
  }
  if (data?.configurations) {
    const dupes = [...new Set(data.configurations.filter((c, i) => data.configurations!.indexOf(c) !== i))];
    if (dupes.length > 0) problems.push(`${source}: ${fullKey('configurations')}: lists ${dupes.map((d) => `"${d}"`).join(', ')} more than once`);
  }
  if (problems.length > 0 || !data) throw new UserError(problems.join('\n'), problems);
  if (data.hfTokenSecret !== undefined) hfTokenSource = { kind: 'existing-secret', name: data.hfTokenSecret };
  return {
    stack: raw.stack,
    source,
    recipe: data.recipe,
    hardware: data.hardware,
    namespace: data.namespace,
    storageClass: data.storageClass,
    hostname: data.hostname,
    image: data.image,
    configurations: data.configurations,
    hfToken: hfTokenSource,
    readyTimeoutMinutes: data.readyTimeoutMinutes ?? DEFAULT_READY_TIMEOUT_MINUTES,
  };
}

/**
 * Resolves a validated stack against the known comparisons and hardware profiles: the comparison by name (with the
 * stack's HF token Secret), a new profile object with the stack's site values (no file is written), and the
 * configurations to deploy.
 * @throws UserError naming the stack file, the key and the allowed values
 */
export function resolveStack(config: StackConfig, comparisons: readonly Comparison[], profiles: readonly HardwareProfile[]): ResolvedStack {
  const key = (k: string): string => `${config.source}: ${PULUMI_PROJECT}:${k}`;
  const problems: string[] = [];
  const comparison = comparisons.find((c) => c.name === config.recipe);
  if (!comparison) {
    problems.push(`${key('recipe')}: unknown comparison "${config.recipe}"; allowed: ${comparisons.map((c) => c.name).join(', ')}`);
  }
  const profile = profiles.find((p) => p.name === config.hardware);
  if (!profile) {
    problems.push(`${key('hardware')}: unknown hardware profile "${config.hardware}"; allowed: ${profiles.map((p) => p.name).join(', ')}`);
  }
  if (comparison && config.configurations) {
    const known = comparison.configurations.map((c) => c.name);
    config.configurations.forEach((name, i) => {
      if (!known.includes(name)) {
        problems.push(`${key(`configurations[${i}]`)}: unknown configuration "${name}" of comparison ${comparison.name}; allowed: ${known.join(', ')}`);
      }
    });
  }
  if (problems.length > 0 || !comparison || !profile) throw new UserError(problems.join('\n'), problems);

  const hfTokenSecret = config.hfToken.kind === 'existing-secret' ? config.hfToken.name
    : config.hfToken.kind === 'pulumi-secret' ? hfTokenSecretName(comparison)
      : comparison.hfTokenSecret;
  return {
    config,
    comparison: hfTokenSecret === comparison.hfTokenSecret ? comparison : { ...comparison, hfTokenSecret },
    hardware: {
      ...profile,
      storageClass: config.storageClass,
      hostname: config.hostname ?? profile.hostname,
      image: config.image ?? profile.image,
    },
    configurations: config.configurations ?? comparison.configurations.map((c) => c.name),
  };
}
