import type { Severity, Violation } from './violation';
import { formatJsonPath, type JsonPath } from './json-path';

/** One parsed YAML document (a Kubernetes object) and where it came from. */
export interface ManifestDoc {
  /** The file (or chart) the document comes from, as it should appear in reports. */
  readonly file: string;
  /** The parsed object. */
  readonly doc: Readonly<Record<string, unknown>>;
  /** 0-based position of the document in its file (multi-document YAML). */
  readonly index: number;
}

/** Name shown for objects without `metadata.name`. */
export const UNNAMED = '<unnamed>';

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value as an array, or an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The string entries of a `map[string]string` field (labels, selectors); other entries are skipped. */
export function asStringMap(value: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value) ?? {})) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** Reads a nested field; undefined as soon as a step is missing. */
export function getPath(value: unknown, path: JsonPath): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      const rec = asRecord(cur);
      if (rec === undefined) return undefined;
      cur = rec[seg];
    }
  }
  return cur;
}

/** `kind`, or empty string. */
export function kindOf(m: ManifestDoc): string {
  return asString(m.doc.kind) ?? '';
}

/** `apiVersion`, or empty string. */
export function apiVersionOf(m: ManifestDoc): string {
  return asString(m.doc.apiVersion) ?? '';
}

/** API group of the object (`''` for the core group, `apps` for `apps/v1`). */
export function groupOf(m: ManifestDoc): string {
  const av = apiVersionOf(m);
  const slash = av.indexOf('/');
  return slash < 0 ? '' : av.slice(0, slash);
}

/** `metadata.name`, or undefined. */
export function nameOf(m: ManifestDoc): string | undefined {
  return asString(getPath(m.doc, ['metadata', 'name']));
}

/** `metadata.namespace`, or undefined (deployed into the current namespace). */
export function namespaceOf(m: ManifestDoc): string | undefined {
  return asString(getPath(m.doc, ['metadata', 'namespace']));
}

/** True when the object has this group and kind (any version). */
export function isKind(m: ManifestDoc, group: string, kind: string): boolean {
  return kindOf(m) === kind && groupOf(m) === group;
}

/** Builds a violation about a field of a document. */
export function violation(
  m: ManifestDoc,
  severity: Severity,
  rule: string,
  path: JsonPath | string,
  message: string,
): Violation {
  return {
    severity,
    file: m.file,
    kind: kindOf(m) || '<no kind>',
    name: nameOf(m) ?? UNNAMED,
    path: typeof path === 'string' ? path : formatJsonPath(path),
    message,
    rule,
  };
}
