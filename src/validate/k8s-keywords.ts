import { _ } from 'ajv';
import type Ajv from 'ajv';
import type { CodeKeywordDefinition, ErrorObject, KeywordCxt } from 'ajv';

/**
 * The Kubernetes OpenAPI extensions found in CRD schemas, registered on an ajv instance so that strict mode accepts them.
 *
 * - `x-kubernetes-int-or-string`: validated (an integer or a string), as generated code.
 * - `x-kubernetes-list-type`: an annotation for ajv, validated by {@link listTypeErrors} (`set`: no duplicate items;
 *   `map`: no two items with the same `x-kubernetes-list-map-keys`), as the API server does.
 * - `x-kubernetes-preserve-unknown-fields`, `x-kubernetes-embedded-resource`: annotations; they are honoured when the
 *   CRD schema is converted (see `toStructuralSchema`), where they stop unknown fields from being reported.
 * - `x-kubernetes-map-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-validations`: annotations. CEL rules
 *   (`x-kubernetes-validations`) are not evaluated.
 */
export function addKubernetesKeywords(ajv: Ajv): Ajv {
  ajv.addVocabulary([
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-map-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-validations',
    // Checked by listTypeErrors after ajv: uniqueness needs no code generation, and the compiled validator stays
    // standalone (cacheable as plain JavaScript).
    'x-kubernetes-list-type',
  ]);
  ajv.addKeyword(intOrString);
  return ajv;
}

/** `x-kubernetes-int-or-string: true`: an integer or a string, as generated code (standalone-safe). */
const intOrString: CodeKeywordDefinition = {
  keyword: 'x-kubernetes-int-or-string',
  schemaType: 'boolean',
  error: { message: 'must be an integer or a string' },
  code(cxt: KeywordCxt) {
    if (cxt.schema !== true) return;
    cxt.fail(_`typeof ${cxt.data} != "string" && !(typeof ${cxt.data} == "number" && Number.isInteger(${cxt.data}))`);
  },
};

/** Escapes one JSON-pointer segment. */
function pointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * `x-kubernetes-list-type` (`set`: no duplicate items; `map`: no two items with the same `x-kubernetes-list-map-keys`),
 * checked by walking `value` along a structural schema, as the API server does. Errors have ajv's shape.
 */
export function listTypeErrors(schema: unknown, value: unknown, instancePath = ''): ErrorObject[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const errors: ErrorObject[] = [];
  if (Array.isArray(value)) {
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'set' || listType === 'map') errors.push(...duplicates(listType, s, value, instancePath));
    value.forEach((item, i) => errors.push(...listTypeErrors(s.items, item, `${instancePath}/${i}`)));
  } else if (typeof value === 'object' && value !== null) {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    for (const [key, child] of Object.entries(value)) {
      const sub = properties[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      errors.push(...listTypeErrors(sub, child, `${instancePath}/${pointer(key)}`));
    }
  }
  return errors;
}

function duplicates(listType: 'set' | 'map', schema: Record<string, unknown>, data: readonly unknown[], instancePath: string): ErrorObject[] {
  const mapKeys: readonly string[] = listType === 'map' && Array.isArray(schema['x-kubernetes-list-map-keys']) ? (schema['x-kubernetes-list-map-keys'] as string[]) : [];
  const field = (item: unknown, k: string): unknown => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[k] : undefined);
  const seen = new Map<string, number>();
  const errors: ErrorObject[] = [];
  data.forEach((item, i) => {
    const key = listType === 'set' ? JSON.stringify(item) : JSON.stringify(mapKeys.map((k) => field(item, k)));
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const what = listType === 'set'
      ? `duplicate value ${JSON.stringify(item)}`
      : `duplicate entry with ${mapKeys.map((k) => `${k}=${JSON.stringify(field(item, k))}`).join(', ')}`;
    errors.push({
      keyword: 'x-kubernetes-list-type',
      instancePath: `${instancePath}/${i}`,
      schemaPath: '',
      message: `${what} (same as item ${first}; this list is a ${listType} and needs unique ${listType === 'set' ? 'items' : 'keys'})`,
      params: { listType },
    });
  });
  return errors;
}
