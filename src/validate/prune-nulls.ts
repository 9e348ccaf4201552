/**
 * A deep copy of a JSON value without the object fields whose value is `null`.
 *
 * The API server does the same before validating a custom resource (null values of non-nullable fields are pruned),
 * and the Go decoders of built-in kinds read a null field as absent, so `subComponentType: null` is valid YAML for
 * both and must not be reported as "must be string".
 */
export function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneNulls);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = pruneNulls(v);
    return out;
  }
  return value;
}
