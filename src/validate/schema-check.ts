import { builtinApiVersionsOf, isBuiltinGroup, isBuiltinKind, KUBERNETES_SCHEMA_VERSION, validateBuiltin } from './builtin-schema';
import type { CrdSchemas } from './crd-schema';
import { apiVersionOf, groupOf, kindOf, violation, type ManifestDoc } from './manifest-doc';
import { pruneNulls } from './prune-nulls';
import { removedApiProblem } from './removed-apis';
import { describeSchemaErrors } from './schema-errors';
import type { Violation } from './violation';

/**
 * Schema validation of one object.
 *
 * - Built-in kinds: the official Kubernetes 1.33 schema (`kubernetes-models`).
 * - Kinds of a known CRD: the CRD's `openAPIV3Schema` for that version, unknown fields included
 *   (an apiVersion the CRD does not serve is an error).
 * - Built-in API versions Kubernetes 1.33 no longer serves (`apps/v1beta1`), and kinds a built-in API group does
 *   not have (`v1` Deployment): an error on `.apiVersion`.
 * - Other kinds: a warning (`unknown-kind`), the object is not validated.
 *
 * @param crdSchemas called only for objects that are not built-in kinds (loading the Dynamo CRD costs ~0.3 s)
 */
export function checkSchema(m: ManifestDoc, crdSchemas: () => CrdSchemas): Violation[] {
  const apiVersion = apiVersionOf(m);
  const kind = kindOf(m);
  const missing: Violation[] = [];
  if (apiVersion === '') missing.push(violation(m, 'error', 'schema', ['apiVersion'], 'required field is missing'));
  if (kind === '') missing.push(violation(m, 'error', 'schema', ['kind'], 'required field is missing'));
  if (missing.length > 0) return missing;

  const removed = removedApiProblem(apiVersion, kind);
  if (removed !== undefined) return [violation(m, 'error', 'schema', ['apiVersion'], removed)];
  const object = pruneNulls(m.doc) as Record<string, unknown>;
  if (isBuiltinKind(apiVersion, kind)) {
    const errors = validateBuiltin(object) ?? [];
    return describeSchemaErrors(errors, object, `Kubernetes ${KUBERNETES_SCHEMA_VERSION} ${apiVersion} ${kind}`).map((p) =>
      violation(m, 'error', p.rule, p.path, p.message),
    );
  }
  if (isBuiltinGroup(groupOf(m))) {
    const served = builtinApiVersionsOf(kind).filter((v) => removedApiProblem(v, kind) === undefined);
    const hint = served.length === 0 ? `${kind} is not a built-in kind` : `Kubernetes ${KUBERNETES_SCHEMA_VERSION} serves ${kind} as ${served.join(', ')}`;
    return [violation(m, 'error', 'schema', ['apiVersion'], `${apiVersion} has no kind ${kind} (${hint})`)];
  }
  const crds = crdSchemas();
  const validator = crds.find(apiVersion, kind);
  if (validator !== undefined) {
    const errors = validator.validate(object);
    return describeSchemaErrors(errors, object, `${apiVersion} ${kind}`).map((p) => violation(m, 'error', p.rule, p.path, p.message));
  }
  const served = crds.versionsOf(groupOf(m), kind);
  if (served.length > 0) {
    return [
      violation(
        m,
        'error',
        'schema',
        ['apiVersion'],
        `${apiVersion} is not a served version of ${kind} (served: ${served.map((v) => v.apiVersion).join(', ')})`,
      ),
    ];
  }
  const known = [...new Set(crds.versions.map((v) => `${v.apiVersion.split('/')[0] ?? ''} ${v.kind}`))].join(', ');
  return [
    violation(
      m,
      'warning',
      'unknown-kind',
      ['kind'],
      `unknown kind ${apiVersion} ${kind}: neither a built-in Kubernetes ${KUBERNETES_SCHEMA_VERSION} kind nor a kind of a known CRD (${known}); not validated`,
    ),
  ];
}
