import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import Ajv, { _, type ErrorObject, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';
import { UserError } from '../errors';
import { addKubernetesKeywords, listTypeErrors } from './k8s-keywords';
import { asArray, asRecord, asString, isRecord } from './manifest-doc';
import { projectRoot } from '../util/project-root';

/** The CRD shipped with the project: Dynamo's `DynamoGraphDeployment` (`nvidia.com/v1alpha1` and `v1beta1`). */
export const DEFAULT_CRD_PATH = path.join(projectRoot(), 'crds', 'nvidia.com_dynamographdeployments.yaml');

/** The schema of one served version of one CRD kind, compiled on first use. */
export interface CrdVersionValidator {
  /** `group/version`, e.g. `nvidia.com/v1alpha1`. */
  readonly apiVersion: string;
  /** The kind, e.g. `DynamoGraphDeployment`. */
  readonly kind: string;
  /** The CRD file it comes from. */
  readonly source: string;
  /**
   * The CRD's deprecation warning for this version.
   * @default - Not set (version not deprecated).
   */
  readonly deprecationWarning?: string;
  /**
   * Validates an object (already stripped of null fields) against the structural schema of this version;
   * returns the ajv errors (empty when valid). The schema is compiled on the first call and reused.
   */
  validate(object: unknown): readonly ErrorObject[];
}

/** The CRD kinds known to the validator. */
export interface CrdSchemas {
  /** The CRD files read. */
  readonly sources: readonly string[];
  /** Every served version of every kind. */
  readonly versions: readonly CrdVersionValidator[];
  /** The validator for `apiVersion` + `kind`, or undefined when no CRD serves it. */
  find(apiVersion: string, kind: string): CrdVersionValidator | undefined;
  /** The served versions of a `group` + `kind` (empty when no CRD defines the kind). */
  versionsOf(group: string, kind: string): readonly CrdVersionValidator[];
}

const cache = new Map<string, CrdSchemas>();

/**
 * Reads CRD files (multi-document YAML of `CustomResourceDefinition` objects) and returns their schemas.
 *
 * Cached per process and per list of files: the ~2 MB Dynamo CRD is parsed once, and each version's schema is
 * compiled once, the first time an object of that version is validated.
 *
 * @param files CRD files; @default {@link DEFAULT_CRD_PATH}
 * @throws UserError when a file cannot be read or holds no CRD with an `openAPIV3Schema`.
 */
export function loadCrdSchemas(files: string | readonly string[] = DEFAULT_CRD_PATH): CrdSchemas {
  const list = (typeof files === 'string' ? [files] : [...files]).map((f) => path.resolve(f));
  const key = list.join('\0');
  let schemas = cache.get(key);
  if (schemas === undefined) {
    schemas = buildCrdSchemas(list);
    cache.set(key, schemas);
  }
  return schemas;
}

function buildCrdSchemas(files: readonly string[]): CrdSchemas {
  const ajv = newCrdAjv();
  const versions: CrdVersionValidator[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UserError(`${file}: cannot read CRD file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const before = versions.length;
    for (const document of parseCrdDocuments(text, file)) {
      const crd = asRecord(document);
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      versions.push(...crdVersions(crd, file, ajv));
    }
    if (versions.length === before) {
      throw new UserError(`${file}: no CustomResourceDefinition with a served version and an openAPIV3Schema`);
    }
  }
  return {
    sources: files,
    versions,
    find: (apiVersion, kind) => versions.find((v) => v.apiVersion === apiVersion && v.kind === kind),
    versionsOf: (group, kind) => versions.filter((v) => v.kind === kind && v.apiVersion.startsWith(`${group}/`)),
  };
}

/** Folder of the parsed-CRD cache (content-addressed JSON files). */
const CACHE_DIR = path.join(projectRoot(), 'node_modules', '.cache', 'dynamo-recipes-iac');

/**
 * The documents of a CRD file. Parsing 1.6 MB of YAML takes ~0.3 s, JSON ~15 ms: the parsed documents are kept as
 * JSON under `node_modules/.cache/`, named by the SHA-256 of the YAML text, so a changed CRD is parsed again and a
 * cache that cannot be written is simply not used.
 */
function parseCrdDocuments(text: string, file: string): unknown[] {
  const cacheFile = path.join(CACHE_DIR, `crd-${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as unknown[];
  } catch {
    // Not cached yet (or unreadable): parse the YAML.
  }
  const documents = YAML.parseAllDocuments(text, { prettyErrors: false }).map((document) => {
    if (document.errors.length > 0) throw new UserError(`${file}: invalid YAML in CRD file: ${document.errors[0]?.message ?? ''}`);
    return document.toJS() as unknown;
  });
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const staging = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(staging, JSON.stringify(documents));
    fs.renameSync(staging, cacheFile);
  } catch {
    // A read-only checkout: parse again next time.
  }
  return documents;
}

function crdVersions(crd: Record<string, unknown>, file: string, ajv: Ajv): CrdVersionValidator[] {
  const spec = asRecord(crd.spec) ?? {};
  const group = asString(spec.group) ?? '';
  const kind = asString(asRecord(spec.names)?.kind) ?? '';
  const out: CrdVersionValidator[] = [];
  for (const version of asArray(spec.versions)) {
    const v = asRecord(version);
    const schema = asRecord(asRecord(v?.schema)?.openAPIV3Schema);
    if (v === undefined || v.served === false || schema === undefined || group === '' || kind === '') continue;
    const apiVersion = `${group}/${asString(v.name) ?? ''}`;
    let compiled: StructuralValidator | undefined;
    out.push({
      apiVersion,
      kind,
      source: file,
      ...(typeof v.deprecationWarning === 'string' ? { deprecationWarning: v.deprecationWarning } : {}),
      validate(object: unknown): readonly ErrorObject[] {
        compiled ??= cachedStructuralValidator(toStructuralSchema(schema), ajv);
        return compiled(object);
      },
    });
  }
  return out;
}

/** Validates one value against a structural schema; returns every error (empty when valid). */
export type StructuralValidator = (value: unknown) => ErrorObject[];

/** ajv's checks, then the list-type checks ajv leaves to us. */
function combine(validate: ValidateFunction, structural: Readonly<Record<string, unknown>>): StructuralValidator {
  return (value) => [...(validate(value) ? [] : (validate.errors ?? [])), ...listTypeErrors(structural, value)];
}

/** Compiles a structural schema (see {@link toStructuralSchema}) into a validator. */
export function compileStructuralValidator(structural: Readonly<Record<string, unknown>>, ajv: Ajv = newCrdAjv()): StructuralValidator {
  return combine(ajv.compile(structural), structural);
}

/** Bumped when the keywords' generated code changes, so cached validators are not reused across versions. */
const VALIDATOR_CODE_VERSION = '1';

/**
 * {@link compileStructuralValidator} with the compiled code kept under `node_modules/.cache/` as a standalone
 * JavaScript module, named by the SHA-256 of the schema, the ajv version and the keywords' version: compiling the
 * 2 MB Dynamo CRD costs ~0.3-0.4 s, loading the cached module ~40 ms. A cache that cannot be written is not used.
 */
function cachedStructuralValidator(structural: Readonly<Record<string, unknown>>, ajv: Ajv): StructuralValidator {
  const ajvVersion = (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'node_modules', 'ajv', 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify(structural)).update(ajvVersion).update(VALIDATOR_CODE_VERSION).digest('hex').slice(0, 32);
  const file = path.join(CACHE_DIR, `structural-validator-${key}.cjs`);
  const load = createRequire(path.join(CACHE_DIR, 'index.cjs'));
  try {
    return combine(load(file) as ValidateFunction, structural);
  } catch {
    // Not cached yet: compile.
  }
  const validate = ajv.compile(structural);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(`${file}.${process.pid}.tmp`, standaloneCode(ajv, validate));
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // A read-only checkout: compile again next time.
  }
  return combine(validate, structural);
}

/** An ajv instance for Kubernetes structural schemas: all errors, Kubernetes keywords and formats, RE2-like patterns. */
export function newCrdAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    // Kubernetes patterns are Go RE2 expressions; JS non-unicode mode accepts the same escapes.
    unicodeRegExp: false,
    // ajv's code optimizer halves the compile time of the 2 MB Dynamo CRD (~0.55 s -> ~0.3 s) for no measurable loss.
    // `source` keeps the generated code so a compiled validator can be cached as a standalone module.
    code: { optimize: false, source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  addKubernetesKeywords(ajv);
  return ajv;
}

/**
 * What the API server keeps of `metadata` in a custom resource: the fields of `ObjectMeta`.
 * Anything else is pruned, so it is reported as an unknown field.
 */
const OBJECT_META_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: { type: 'array', items: { type: 'object' } },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string' },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array', items: { type: 'object' } },
    selfLink: { type: 'string' },
  },
  additionalProperties: false,
} as const;

const EMBEDDED_RESOURCE_PROPERTIES = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: OBJECT_META_SCHEMA,
} as const;

/**
 * Converts a CRD `openAPIV3Schema` into the JSON schema ajv checks, reproducing what the API server enforces:
 *
 * - structural pruning: an object schema without `additionalProperties` and without
 *   `x-kubernetes-preserve-unknown-fields: true` gets `additionalProperties: false`, so a field the server would
 *   silently drop is reported (`unknown field`);
 * - `metadata` at the root is `ObjectMeta` (the CRD only says `type: object`);
 * - `x-kubernetes-embedded-resource` objects also keep `apiVersion`, `kind`, `metadata`;
 * - `x-kubernetes-int-or-string` replaces its `anyOf: [integer, string]` (one error message instead of three);
 * - `description` is dropped (a third of the CRD's size; faster compile).
 */
export function toStructuralSchema(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const root = convert(schema);
  const properties = asRecord(root.properties);
  if (properties !== undefined && 'metadata' in properties) properties.metadata = OBJECT_META_SCHEMA;
  return root;
}

function convert(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'description':
        break;
      case 'properties':
      case 'patternProperties':
      case 'definitions':
        out[key] = Object.fromEntries(Object.entries(asRecord(value) ?? {}).map(([k, v]) => [k, isRecord(v) ? convert(v) : v]));
        break;
      case 'items':
      case 'additionalProperties':
      case 'not':
        out[key] = isRecord(value) ? convert(value) : value;
        break;
      case 'anyOf':
      case 'allOf':
      case 'oneOf':
        out[key] = asArray(value).map((v) => (isRecord(v) ? convert(v) : v));
        break;
      default:
        out[key] = value; // keywords with literal values: enum, default, required, x-kubernetes-validations, ...
    }
  }
  if (out['x-kubernetes-int-or-string'] === true && isIntOrStringAnyOf(out.anyOf)) delete out.anyOf;
  if (out['x-kubernetes-embedded-resource'] === true) {
    out.properties = { ...EMBEDDED_RESOURCE_PROPERTIES, ...(asRecord(out.properties) ?? {}) };
  }
  if (out.type === 'object' && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function isIntOrStringAnyOf(anyOf: unknown): boolean {
  const types = asArray(anyOf).map((s) => asRecord(s)?.type);
  return types.length === 2 && types.includes('integer') && types.includes('string');
}
