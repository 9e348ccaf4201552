/** How bad a violation is: errors fail validation, warnings are reported but pass (unless promoted). */
export type Severity = 'error' | 'warning';

/**
 * One problem found in a manifest set, pointing at an object and a field.
 *
 * Formatted by {@link formatViolation} as `<file> <kind>/<name> <json path>: <message>`.
 */
export interface Violation {
  /** `error` fails validation; `warning` is reported only. */
  readonly severity: Severity;
  /** The file (or chart) the object comes from, as given to the validator. */
  readonly file: string;
  /** The object's `kind`; empty for problems that are not about one object (YAML syntax errors). */
  readonly kind: string;
  /** The object's `metadata.name` (`<unnamed>` when missing); empty when `kind` is empty. */
  readonly name: string;
  /** JSON path of the offending field, e.g. `.spec.replicas` or `.metadata.labels["app.kubernetes.io/name"]`. */
  readonly path: string;
  /** What is wrong, and where useful what is allowed. */
  readonly message: string;
  /** Id of the check that found it (`schema`, `unknown-field`, `dns-name`, ...). */
  readonly rule: string;
  /**
   * 1-based line in `file`, for problems located in the text rather than in an object (YAML syntax errors).
   * @default - Not set.
   */
  readonly line?: number;
  /**
   * 1-based column in `file`, set together with `line`.
   * @default - Not set.
   */
  readonly column?: number;
}

/**
 * One line per violation.
 *
 * Object problems: `<file> <kind>/<name> <path>: <message>`, with ` (warning)` appended to warnings.
 * Text problems (YAML syntax): `<file>:<line>:<col>: <message>`.
 */
export function formatViolation(v: Violation): string {
  const suffix = v.severity === 'warning' ? ' (warning)' : '';
  if (v.kind === '') {
    const where = v.line === undefined ? v.file : `${v.file}:${v.line}:${v.column ?? 1}`;
    return `${where}: ${v.message}${suffix}`;
  }
  return `${v.file} ${v.kind}/${v.name} ${v.path}: ${v.message}${suffix}`;
}
