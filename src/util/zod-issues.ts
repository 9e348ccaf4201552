import type { z } from 'zod';

/** Renders a zod issue path as a dotted field name (`gpu.count`, `tolerations[0].effect`). */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/**
 * Formats one zod issue as `<where>: <field>: <what is wrong>; <what is allowed>`.
 * @param where the input's name, usually a file path
 */
export function formatIssue(where: string, issue: z.core.$ZodIssue, input?: unknown, schema?: z.ZodType): string {
  const field = fieldPath(issue.path);
  const received = valueAt(input, issue.path);
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what = received === undefined
        ? `is required (expected ${issue.expected})`
        : `must be ${article(issue.expected)} (got ${describeValue(received)})`;
      break;
    case 'invalid_value':
      what = `must be one of ${issue.values.map((v) => describeValue(v)).join(', ')} (got ${describeValue(received)})`;
      break;
    case 'unrecognized_keys':
      return issue.keys
        .map((k) => `${where}: ${field === '(top level)' ? k : `${field}.${k}`}: unknown field; allowed: ${allowedKeys(schema, issue.path)}`)
        .join('\n');
    case 'too_small':
      what = `must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}${sizeUnit(issue.origin)} (got ${describeValue(received)})`;
      break;
    case 'too_big':
      what = `must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}${sizeUnit(issue.origin)} (got ${describeValue(received)})`;
      break;
    default:
      what = `${issue.message}${received === undefined ? '' : ` (got ${describeValue(received)})`}`;
  }
  return `${where}: ${field}: ${what}`;
}

/** Formats every issue of a zod error, one line each (an unknown-keys issue may yield several lines). */
export function formatIssues(where: string, error: z.ZodError, input?: unknown, schema?: z.ZodType): string[] {
  return error.issues.flatMap((i) => formatIssue(where, i, input, schema).split('\n'));
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function sizeUnit(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array') return ' items';
  return '';
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly innerType?: unknown;
  readonly element?: unknown;
  readonly valueType?: unknown;
  readonly in?: unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** Walks a zod schema down `path` (through optional/default/array/record wrappers) and lists the object keys it allows there. */
function allowedKeys(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string {
  let cur: unknown = schema;
  const unwrap = (): void => {
    for (let def = defOf(cur); def && (def.innerType !== undefined || def.type === 'pipe'); def = defOf(cur)) {
      cur = def.type === 'pipe' ? def.in : def.innerType;
    }
  };
  unwrap();
  for (const key of path) {
    const def = defOf(cur);
    if (!def) break;
    if (def.type === 'object' && def.shape) cur = def.shape[String(key)];
    else if (def.type === 'array') cur = def.element;
    else if (def.type === 'record') cur = def.valueType;
    else break;
    unwrap();
  }
  const shape = defOf(cur)?.shape;
  return shape ? Object.keys(shape).join(', ') : 'see the schema';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}
