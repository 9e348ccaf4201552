import type { ErrorObject } from 'ajv';
import { asRecord } from './manifest-doc';
import { pointerToPath, type JsonPath } from './json-path';

/** One schema problem, ready to become a violation. */
export interface SchemaProblem {
  /** Where: the offending field (for unknown and missing fields: that field). */
  readonly path: JsonPath;
  /** What is wrong (`must be integer`, `unknown field "replicaz" ...`). */
  readonly message: string;
  /** `unknown-field` for fields the schema does not define, `schema` otherwise. */
  readonly rule: 'schema' | 'unknown-field';
}

const ALTERNATIVES = new Set(['anyOf', 'oneOf']);

/**
 * Turns ajv errors into one problem per field, in the API server's terms.
 *
 * - Errors at one path that include an `anyOf`/`oneOf` failure (int-or-string, quantities) collapse into one message
 *   (`must be integer or string`, `must be a quantity ...`).
 * - `additionalProperties` errors become `unknown field "x"`, with the closest known field when one is near.
 * - `required` errors point at the missing field.
 *
 * @param root the validated object, to tell array indices from numeric map keys in error paths
 * @param schemaName what the object was validated against, for the unknown-field message
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown, schemaName: string): SchemaProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const group = byPath.get(e.instancePath);
    if (group === undefined) byPath.set(e.instancePath, [e]);
    else group.push(e);
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const add = (path: JsonPath, message: string, rule: SchemaProblem['rule'] = 'schema'): void => {
    const key = `${JSON.stringify(path)}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path, message, rule });
  };
  for (const [pointer, group] of byPath) {
    const path = pointerToPath(pointer, root);
    const alternative = group.find((e) => ALTERNATIVES.has(e.keyword));
    const others = alternative === undefined ? group : group.filter((e) => e.keyword === 'additionalProperties' || e.keyword === 'required');
    if (alternative !== undefined) add(path, describeAlternatives(group, alternative));
    for (const e of others) {
      switch (e.keyword) {
        case 'additionalProperties': {
          const field = String(e.params.additionalProperty);
          add([...path, field], unknownFieldMessage(field, e.parentSchema, schemaName), 'unknown-field');
          break;
        }
        case 'required':
          add([...path, String(e.params.missingProperty)], 'required field is missing');
          break;
        case 'enum':
          add(path, `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
          break;
        case 'const':
          add(path, `must be ${JSON.stringify(e.params.allowedValue)}`);
          break;
        default:
          add(path, e.message ?? `fails "${e.keyword}"`);
      }
    }
  }
  return out;
}

function describeAlternatives(group: readonly ErrorObject[], alternative: ErrorObject): string {
  if (group.some((e) => e.keyword === 'format' && e.params.format === 'quantity')) {
    return 'must be a quantity: a number or a string such as "2", "500m", "64Gi"';
  }
  const types = [
    ...new Set(group.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(','))),
  ];
  if (types.length > 0) return `must be ${types.join(' or ')}`;
  return alternative.message ?? `must match one of the allowed schemas`;
}

function unknownFieldMessage(field: string, parentSchema: unknown, schemaName: string): string {
  const known = Object.keys(asRecord(asRecord(parentSchema)?.properties) ?? {});
  const suggestion = closest(field, known);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  return `unknown field "${field}" (not in the ${schemaName} schema: the API server would silently drop it)${hint}`;
}

/** The known name within edit distance 2 (or a case-insensitive match), if any. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
