import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Validate from '../validate';
import type { Violation } from '../validate/violation';
import { projectRoot } from '../util/project-root';
import { ManifestFile } from './render';
import { serialize, YamlFile } from './write';

/** Options of {@link validateYaml}. */
export interface ValidateYamlOptions {
  /**
   * Reuse the verdict of a folder validated before with exactly the same files and the same validator
   * (a content-addressed cache under `node_modules/.cache/`, keyed by the SHA-256 of the folder's paths and YAML,
   * the validator's sources, the CRD and the schema packages' versions).
   * @default false
   */
  readonly cache?: boolean;
}

/**
 * Validates rendered files as `kubectl apply` will read them: each file is serialized to YAML and parsed back,
 * then every comparison folder (`<hw>/<recipe>/`, the objects that share a namespace) is validated as one set:
 * schemas (Kubernetes built-ins, the DynamoGraphDeployment CRD) and the semantic rules.
 * @param outdir shown in the violations' file names
 */
export function validateRendered(outdir: string, files: readonly ManifestFile[]): Violation[] {
  return validateYaml(outdir, serialize(files));
}

/** {@link validateRendered} for files already serialized. */
export function validateYaml(outdir: string, files: readonly YamlFile[], options: ValidateYamlOptions = {}): Violation[] {
  const groups = new Map<string, YamlFile[]>();
  for (const file of files) groups.set(dirname(file.path), [...(groups.get(dirname(file.path)) ?? []), file]);
  return [...groups.values()].flatMap((group) => (options.cache ? cachedVerdict(outdir, group) : validateGroup(outdir, group)));
}

/** Loaded on first use only: a synth whose every folder is cached never loads the schemas. */
function validator(): typeof Validate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../validate') as typeof Validate;
}

function validateGroup(outdir: string, group: readonly YamlFile[]): Violation[] {
  const { parseManifestText, validateObjects } = validator();
  const parsed = group.map((f) => parseManifestText(join(outdir, f.path), f.yaml));
  return [...parsed.flatMap((p) => p.violations), ...validateObjects(parsed.flatMap((p) => p.docs))];
}

const CACHE_DIR = (): string => join(projectRoot(), 'node_modules', '.cache', 'dynamo-recipes-iac');
let fingerprint: string | undefined;

/** What the verdict depends on besides the files: the validator's sources, the CRD, the schema packages. */
function validatorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = projectRoot();
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('__')) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) hash.update(path.slice(root.length)).update(readFileSync(path));
    }
  };
  walk(join(root, 'src', 'validate'));
  hash.update(readFileSync(join(root, 'crds', 'nvidia.com_dynamographdeployments.yaml')));
  for (const pkg of ['ajv', 'ajv-formats', 'kubernetes-models', 'yaml']) hash.update(readFileSync(join(root, 'node_modules', pkg, 'package.json')));
  fingerprint = hash.digest('hex');
  return fingerprint;
}

function cachedVerdict(outdir: string, group: readonly YamlFile[]): Violation[] {
  const hash = createHash('sha256').update(validatorFingerprint()).update(outdir);
  for (const f of group) hash.update('\0').update(f.path).update('\0').update(f.yaml);
  const file = join(CACHE_DIR(), `verdict-${hash.digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Violation[];
  } catch {
    // Not validated before: validate.
  }
  const violations = validateGroup(outdir, group);
  try {
    mkdirSync(CACHE_DIR(), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(violations));
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // A read-only checkout: validate again next time.
  }
  return violations;
}
