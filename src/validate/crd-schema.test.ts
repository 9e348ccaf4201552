import { compileStructuralValidator, toStructuralSchema } from './crd-schema';
import { describeSchemaErrors } from './schema-errors';

/** Validates against a small CRD-style schema, returning `path: message` lines. */
function check(schema: Record<string, unknown>, value: unknown): string[] {
  const errors = compileStructuralValidator(toStructuralSchema(schema))(value);
  return describeSchemaErrors(errors, value, 'test').map((p) => `${JSON.stringify(p.path)}: ${p.message}`);
}

const schema = {
  type: 'object',
  description: 'dropped',
  properties: {
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        size: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        ports: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } }, required: ['name'] },
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
        },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        rule: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self != ""', message: 'not evaluated' }], 'x-kubernetes-map-type': 'atomic' },
      },
    },
  },
};

describe('toStructuralSchema + Kubernetes keywords', () => {
  it('accepts a valid object, unknown fields under preserve-unknown-fields and map values', () => {
    expect(check(schema, { metadata: { name: 'x', labels: { a: 'b' } }, spec: { replicas: 1, size: '10Gi', free: { anything: 1 }, labels: { k: 'v' }, rule: '' } })).toEqual([]);
  });

  it('reports unknown fields (structural pruning), with a suggestion', () => {
    expect(check(schema, { spec: { replicaz: 1 }, metadata: { lables: {} } })).toEqual([
      '["metadata","lables"]: unknown field "lables" (not in the test schema: the API server would silently drop it); did you mean "labels"?',
      '["spec","replicaz"]: unknown field "replicaz" (not in the test schema: the API server would silently drop it); did you mean "replicas"?',
    ]);
  });

  it('validates int-or-string with one message', () => {
    expect(check(schema, { spec: { size: 1.5 } })).toEqual(['["spec","size"]: must be an integer or a string']);
  });

  it('rejects duplicate keys of map lists and duplicate items of sets', () => {
    expect(check(schema, { spec: { ports: [{ name: 'http', port: 1 }, { name: 'http', port: 2 }], tags: ['a', 'a'] } })).toEqual([
      '["spec","ports",1]: duplicate entry with name="http" (same as item 0; this list is a map and needs unique keys)',
      '["spec","tags",1]: duplicate value "a" (same as item 0; this list is a set and needs unique items)',
    ]);
  });

  it('reports missing required fields at the field, and types', () => {
    expect(check(schema, { spec: { replicas: 'two', ports: [{ port: 1 }] } })).toEqual([
      '["spec","replicas"]: must be integer',
      '["spec","ports",0,"name"]: required field is missing',
    ]);
  });
});
