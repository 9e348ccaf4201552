import type { JsonPath } from '../json-path';
import { violation, type ManifestDoc } from '../manifest-doc';
import type { Severity, Violation } from '../violation';

/** Reports one finding of a rule, about a field of an object. */
export type Report = (m: ManifestDoc, path: JsonPath, message: string) => void;

/** A semantic check over a manifest set (the files of one directory, deployed into one namespace). */
export interface Rule {
  /** Stable id, shown in `Violation.rule` (`dns-name`, `service-selector`, ...). */
  readonly id: string;
  /** Severity of every violation the rule reports. */
  readonly severity: Severity;
  /** One sentence: what the rule checks and why. */
  readonly description: string;
  /** Runs the check. Pure: same documents, same violations. */
  check(docs: readonly ManifestDoc[]): Violation[];
}

/** What {@link defineRule} needs. */
export interface RuleDefinition {
  /** See {@link Rule.id}. */
  readonly id: string;
  /** See {@link Rule.severity}. */
  readonly severity: Severity;
  /** See {@link Rule.description}. */
  readonly description: string;
  /** Calls `report` for each finding. */
  readonly find: (docs: readonly ManifestDoc[], report: Report) => void;
}

/** Builds a rule from a finder that reports findings through a callback. */
export function defineRule(def: RuleDefinition): Rule {
  return {
    id: def.id,
    severity: def.severity,
    description: def.description,
    check(docs) {
      const out: Violation[] = [];
      def.find(docs, (m, path, message) => out.push(violation(m, def.severity, def.id, path, message)));
      return out;
    },
  };
}
