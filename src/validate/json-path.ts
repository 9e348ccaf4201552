/** A path into a JSON value: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Formats a path the way the reports show it: `.spec.template.spec.containers[0].image`,
 * keys that are not plain identifiers in brackets: `.metadata.labels["app.kubernetes.io/name"]`.
 * The empty path is `.`.
 */
export function formatJsonPath(path: JsonPath): string {
  if (path.length === 0) return '.';
  return path
    .map((seg) => (typeof seg === 'number' ? `[${seg}]` : PLAIN_KEY.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
    .join('');
}

/**
 * Converts a JSON pointer (`/spec/containers/0/name`, as ajv reports `instancePath`) into a path,
 * using the document to tell array indices from object keys that look like numbers.
 */
export function pointerToPath(pointer: string, root: unknown): JsonPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      out.push(Number(key));
      cur = cur[Number(key)];
    } else {
      out.push(key);
      cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}
