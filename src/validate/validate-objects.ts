import { loadCrdSchemas, type CrdSchemas } from './crd-schema';
import { kindOf, nameOf, UNNAMED, type ManifestDoc } from './manifest-doc';
import { defaultRules, type Rule } from './rules';
import { checkSchema } from './schema-check';
import type { Violation } from './violation';

/** Options of {@link validateObjects}. */
export interface ValidateOptions {
  /**
   * Schemas of the custom resources (loaded only when an object is not a built-in kind).
   * @default loadCrdSchemas() — the project's DynamoGraphDeployment CRD, parsed and compiled once per process
   */
  readonly crdSchemas?: CrdSchemas | (() => CrdSchemas);
  /**
   * The semantic checks to run after schema validation.
   * @default defaultRules
   */
  readonly rules?: readonly Rule[];
}

/**
 * Validates one manifest set: the objects deployed together into one namespace (one comparison directory).
 * Each object is checked against its schema, then the rules check the set as a whole (references between objects,
 * duplicates, names, GPU resources, ...).
 *
 * @returns every violation, grouped by file and object in the order of `docs`
 */
export function validateObjects(docs: readonly ManifestDoc[], options: ValidateOptions = {}): Violation[] {
  const given = options.crdSchemas;
  const crdSchemas = given === undefined ? () => loadCrdSchemas() : typeof given === 'function' ? given : () => given;
  const violations: Violation[] = [];
  for (const m of docs) violations.push(...checkSchema(m, crdSchemas));
  for (const rule of options.rules ?? defaultRules) violations.push(...rule.check(docs));
  return sortByObject(violations, docs);
}

/** Stable sort: by file (first appearance), then by object (first appearance); rule order is kept within an object. */
function sortByObject(violations: readonly Violation[], docs: readonly ManifestDoc[]): Violation[] {
  const fileOrder = new Map<string, number>();
  const objectOrder = new Map<string, number>();
  docs.forEach((m, i) => {
    if (!fileOrder.has(m.file)) fileOrder.set(m.file, fileOrder.size);
    const key = objectKey(m.file, kindOf(m) || '<no kind>', nameOf(m) ?? UNNAMED);
    if (!objectOrder.has(key)) objectOrder.set(key, i);
  });
  const rank = (v: Violation): [number, number, number] => [
    fileOrder.get(v.file) ?? Number.MAX_SAFE_INTEGER,
    v.line ?? 0,
    objectOrder.get(objectKey(v.file, v.kind, v.name)) ?? Number.MAX_SAFE_INTEGER,
  ];
  return violations
    .map((v, i) => ({ v, i, r: rank(v) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.i - b.i)
    .map((x) => x.v);
}

function objectKey(file: string, kind: string, name: string): string {
  return `${file}\0${kind}\0${name}`;
}
