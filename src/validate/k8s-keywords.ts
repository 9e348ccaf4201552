import type Ajv from 'ajv';
import type { AnySchemaObject, ErrorObject, FuncKeywordDefinition } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types';

/**
 * The Kubernetes OpenAPI extensions found in CRD schemas, registered on an ajv instance so that strict mode accepts them.
 *
 * - `x-kubernetes-int-or-string`: validated (an integer or a string).
 * - `x-kubernetes-list-type`: validated (`set`: no duplicate items; `map`: no two items with the same
 *   `x-kubernetes-list-map-keys`), as the API server does.
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
  ]);
  ajv.addKeyword(intOrString);
  ajv.addKeyword(listType);
  return ajv;
}

type KeywordError = Partial<ErrorObject>;

interface ErrorReportingValidate {
  (schema: unknown, data: unknown, parentSchema?: AnySchemaObject, dataCxt?: DataValidationCxt): boolean;
  errors?: KeywordError[];
}

const validateIntOrString: ErrorReportingValidate = (schema, data) => {
  const valid = schema !== true || typeof data === 'string' || (typeof data === 'number' && Number.isInteger(data));
  validateIntOrString.errors = valid ? [] : [{ keyword: 'x-kubernetes-int-or-string', message: 'must be an integer or a string', params: {} }];
  return valid;
};

const intOrString: FuncKeywordDefinition = {
  keyword: 'x-kubernetes-int-or-string',
  schemaType: 'boolean',
  errors: true,
  validate: validateIntOrString,
};

const validateListType: ErrorReportingValidate = (schema, data, parentSchema, dataCxt) => {
  validateListType.errors = [];
  if (!Array.isArray(data) || (schema !== 'set' && schema !== 'map')) return true;
  const mapKeys: readonly string[] =
    schema === 'map' && Array.isArray(parentSchema?.['x-kubernetes-list-map-keys']) ? parentSchema['x-kubernetes-list-map-keys'] : [];
  const seen = new Map<string, number>();
  data.forEach((item: unknown, i) => {
    const key =
      schema === 'set'
        ? JSON.stringify(item)
        : JSON.stringify(mapKeys.map((k) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[k] : undefined)));
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const what =
      schema === 'set'
        ? `duplicate value ${JSON.stringify(item)}`
        : `duplicate entry with ${mapKeys.map((k) => `${k}=${JSON.stringify((item as Record<string, unknown>)[k])}`).join(', ')}`;
    validateListType.errors?.push({
      keyword: 'x-kubernetes-list-type',
      instancePath: `${dataCxt?.instancePath ?? ''}/${i}`,
      message: `${what} (same as item ${first}; this list is a ${schema} and needs unique ${schema === 'set' ? 'items' : 'keys'})`,
      params: { listType: schema },
    });
  });
  return validateListType.errors.length === 0;
};

const listType: FuncKeywordDefinition = {
  keyword: 'x-kubernetes-list-type',
  schemaType: 'string',
  errors: true,
  validate: validateListType,
};
