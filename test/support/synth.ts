import { parseAllDocuments } from 'yaml';
import { HardwareProfile, loadProfiles } from '../../src/hw';
import { Comparison } from '../../src/recipes';
import { buildComparison, BuildOptions } from '../../src/synth/build';
import { renderComparison } from '../../src/synth/render';
import { toYaml } from '../../src/synth/write';

/** A Kubernetes object read back from synthesized YAML. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = Record<string, any>;

let profiles: HardwareProfile[] | undefined;

/** The project's hardware profiles (loaded once per test file). */
export function profile(name: string): HardwareProfile {
  profiles ??= loadProfiles('hw-profiles');
  const found = profiles.find((p) => p.name === name);
  if (!found) throw new Error(`no profile ${name}`);
  return found;
}

/**
 * Synthesizes a comparison for a profile and reads the YAML back, as `kubectl apply` would see it.
 * @returns file path (`<hw>/<recipe>/<file>`) → YAML text and parsed objects
 */
export function synthYaml(comparison: Comparison, hw: HardwareProfile, options?: BuildOptions): Map<string, { yaml: string; objects: K8sObject[] }> {
  const files = renderComparison(buildComparison(comparison, hw, options));
  return new Map(files.map((f) => {
    const yaml = toYaml(f);
    return [f.path, { yaml, objects: parseAllDocuments(yaml).map((d) => d.toJS() as K8sObject) }];
  }));
}

/** The one object of `kind` (and `name`, if given) in a synthesized file. */
export function objectOf(objects: readonly K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? `/${name}` : ''}, found ${found.length}`);
  return found[0];
}
