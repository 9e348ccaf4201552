import { join } from 'node:path';
import { UserError } from '../errors';
import type { ConfigurationResults } from './discover';
import { RUN_METADATA_FILE } from './run-metadata';

function foundList(configurations: readonly ConfigurationResults[]): string {
  return configurations.map((c) => c.name).join(', ');
}

/** True when a configuration is (or was meant to be) a single run, i.e. takes part in the comparison table. */
export function isSingleRun(configuration: ConfigurationResults): boolean {
  return configuration.runFile !== undefined;
}

/**
 * Picks the baseline: the explicit one (`--baseline` or the comparison definition), else the one the run metadata
 * names (all run.json files that name one must agree), else none when fewer than two configurations are single runs.
 *
 * @throws UserError naming the configurations found when the baseline is unknown, ambiguous or missing.
 */
export function resolveBaseline(
  dir: string,
  configurations: readonly ConfigurationResults[],
  explicit: string | undefined,
): string | undefined {
  const names = new Set(configurations.map((c) => c.name));
  if (explicit !== undefined) {
    if (!names.has(explicit)) {
      throw new UserError(
        `baseline '${explicit}' is not a configuration under ${dir}; configurations found: ${foundList(configurations)}`,
      );
    }
    return explicit;
  }
  const declared = new Map<string, string[]>();
  for (const c of configurations) {
    const baseline = c.metadata?.baseline;
    if (baseline !== undefined && baseline !== null) {
      declared.set(baseline, [...(declared.get(baseline) ?? []), join(c.dir, RUN_METADATA_FILE)]);
    }
  }
  if (declared.size > 1) {
    const sayings = [...declared.entries()].map(([b, files]) => `'${b}' (${files.join(', ')})`).join(' vs ');
    throw new UserError(
      `run metadata disagrees on the baseline: ${sayings}; pass --baseline <config>; configurations found: ${foundList(configurations)}`,
    );
  }
  const [fromMetadata] = [...declared.keys()];
  if (fromMetadata !== undefined) {
    if (!names.has(fromMetadata)) {
      throw new UserError(
        `baseline '${fromMetadata}' named in ${(declared.get(fromMetadata) ?? []).join(', ')} is not a configuration under ${dir}; configurations found: ${foundList(configurations)}; pass --baseline <config>`,
      );
    }
    return fromMetadata;
  }
  if (configurations.filter(isSingleRun).length >= 2) {
    throw new UserError(
      `no baseline: pass --baseline <config> or set "baseline" in ${RUN_METADATA_FILE}; configurations found: ${foundList(configurations)}`,
    );
  }
  return undefined;
}

/**
 * Orders configurations: as the comparison definition lists them when it does, else the baseline first and then
 * by name.
 */
export function orderConfigurations(
  configurations: readonly ConfigurationResults[],
  baseline: string | undefined,
  definitionOrder: readonly string[] | undefined,
): ConfigurationResults[] {
  if (definitionOrder !== undefined) {
    return definitionOrder
      .map((name) => configurations.find((c) => c.name === name))
      .filter((c): c is ConfigurationResults => c !== undefined);
  }
  const byName = [...configurations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const base = byName.find((c) => c.name === baseline);
  return base === undefined ? byName : [base, ...byName.filter((c) => c !== base)];
}
