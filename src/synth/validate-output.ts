import { dirname, join } from 'node:path';
import { parseManifestText, validateObjects, type ManifestDoc, type Violation } from '../validate';
import { ManifestFile } from './render';
import { serialize, YamlFile } from './write';

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
export function validateYaml(outdir: string, files: readonly YamlFile[]): Violation[] {
  const groups = new Map<string, { docs: ManifestDoc[]; violations: Violation[] }>();
  for (const file of files) {
    const parsed = parseManifestText(join(outdir, file.path), file.yaml);
    const group = groups.get(dirname(file.path)) ?? { docs: [], violations: [] };
    group.docs.push(...parsed.docs);
    group.violations.push(...parsed.violations);
    groups.set(dirname(file.path), group);
  }
  return [...groups.values()].flatMap((g) => [...g.violations, ...validateObjects(g.docs)]);
}
