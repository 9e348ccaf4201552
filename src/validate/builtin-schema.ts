import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';

/** A `kubernetes-models` class: `new Deployment(obj).validate()` throws an error carrying ajv `errors`. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: Record<string, unknown>): { validate(): void };
}

/** The Kubernetes version whose schemas `kubernetes-models` 4.5.1 ships. */
export const KUBERNETES_SCHEMA_VERSION = '1.33';

let apiVersions: ReadonlySet<string> | undefined;

/** Every `apiVersion` `kubernetes-models` has a module for (`v1`, `apps/v1`, `batch/v1`, ...). */
function builtinApiVersions(): ReadonlySet<string> {
  if (apiVersions === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('kubernetes-models/package.json') as { exports: Record<string, unknown> };
    apiVersions = new Set(
      Object.keys(pkg.exports)
        .filter((k) => k.startsWith('./') && !k.includes('*') && k !== './package.json')
        .map((k) => k.slice(2))
        .filter((k) => /(^|\/)v\d+(alpha\d+|beta\d+)?$/.test(k)),
    );
  }
  return apiVersions;
}

const modelCache = new Map<string, ModelClass | null>();

/** The `kubernetes-models` class for a built-in kind, or undefined (not a built-in kind of Kubernetes 1.33). */
export function findBuiltinModel(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion} ${kind}`;
  let model = modelCache.get(key);
  if (model === undefined) {
    model = null;
    if (builtinApiVersions().has(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
      // Loaded lazily, one API group at a time: requiring every group costs ~1 s.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(`kubernetes-models/${apiVersion}`) as Record<string, unknown>;
      const candidate = mod[kind];
      if (typeof candidate === 'function') {
        const statics = candidate as unknown as { readonly kind?: unknown; readonly apiVersion?: unknown };
        if (statics.kind === kind && statics.apiVersion === apiVersion) model = candidate as unknown as ModelClass;
      }
    }
    modelCache.set(key, model);
  }
  return model ?? undefined;
}

/** API groups of built-in kinds (`''` for the core group). */
export function isBuiltinGroup(group: string): boolean {
  return [...builtinApiVersions()].some((v) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '') === group);
}

/**
 * The apiVersions that have a built-in `kind` (for "did you mean apps/v1?"); looks only at versions whose module
 * has a file of that name, so it loads few modules.
 */
export function builtinApiVersionsOf(kind: string): string[] {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return [];
  const root = path.dirname(require.resolve('kubernetes-models/package.json'));
  return [...builtinApiVersions()].filter((v) => fs.existsSync(path.join(root, v, `${kind}.js`)) && findBuiltinModel(v, kind) !== undefined);
}

/** True when `apiVersion` + `kind` is a built-in kind. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return findBuiltinModel(apiVersion, kind) !== undefined;
}

/**
 * Validates a built-in object against the official schema (types, required fields, enums, formats).
 * Returns the ajv errors (empty when valid), or undefined when the kind is not built in.
 *
 * Note: the `kubernetes-models` validators do not reject unknown fields.
 */
export function validateBuiltin(object: Readonly<Record<string, unknown>>): readonly ErrorObject[] | undefined {
  const model = findBuiltinModel(String(object.apiVersion), String(object.kind));
  if (model === undefined) return undefined;
  try {
    new model({ ...object }).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return errors as ErrorObject[];
    throw e;
  }
}
