import type { JsonPath } from './json-path';
import { asArray, asRecord, asString, isKind, nameOf, type ManifestDoc } from './manifest-doc';

/** API group of Dynamo's custom resources. */
export const DYNAMO_GROUP = 'nvidia.com';
/** Kind of a Dynamo graph deployment. */
export const DGD_KIND = 'DynamoGraphDeployment';
/** Port of the Service the operator creates for a graph's frontend. */
export const DGD_FRONTEND_PORT = 8000;
/** Component type of the HTTP frontend (`componentType` in v1alpha1, `type` in v1beta1). */
export const FRONTEND_COMPONENT_TYPE = 'frontend';

/** One service (v1alpha1 `spec.services.<Name>`) or component (v1beta1 `spec.components[]`) of a graph. */
export interface DgdComponent {
  /** The graph. */
  readonly dgd: ManifestDoc;
  /** The service key (v1alpha1) or component `name` (v1beta1), e.g. `VllmWorker`. */
  readonly name: string;
  /** Path of the component in the graph object. */
  readonly path: JsonPath;
  /**
   * `frontend`, `worker`, ...
   * @default - Not set.
   */
  readonly componentType?: string;
  /** The component object. */
  readonly value: Readonly<Record<string, unknown>>;
}

/** True for a `nvidia.com` `DynamoGraphDeployment` of any version. */
export function isDgd(m: ManifestDoc): boolean {
  return isKind(m, DYNAMO_GROUP, DGD_KIND);
}

/** The components of a graph, for both API versions (`spec.services` map, `spec.components` list). */
export function dgdComponents(m: ManifestDoc): DgdComponent[] {
  if (!isDgd(m)) return [];
  const spec = asRecord(m.doc.spec) ?? {};
  const out: DgdComponent[] = [];
  for (const [name, value] of Object.entries(asRecord(spec.services) ?? {})) {
    const v = asRecord(value);
    if (v === undefined) continue;
    const componentType = asString(v.componentType);
    out.push({ dgd: m, name, path: ['spec', 'services', name], value: v, ...(componentType !== undefined ? { componentType } : {}) });
  }
  asArray(spec.components).forEach((value, i) => {
    const v = asRecord(value);
    const name = asString(v?.name);
    if (v === undefined || name === undefined) return;
    const componentType = asString(v.type);
    out.push({ dgd: m, name, path: ['spec', 'components', i], value: v, ...(componentType !== undefined ? { componentType } : {}) });
  });
  return out;
}

/** The name of the Service the operator creates for a graph's frontend: `<dgd>-frontend`. */
export function dgdFrontendServiceName(dgdName: string): string {
  return `${dgdName}-${FRONTEND_COMPONENT_TYPE}`;
}

/** The name of the objects the operator derives from a component: `<dgd>-<component lowercased>`. */
export function dgdComponentObjectName(dgdName: string, componentName: string): string {
  return `${dgdName}-${componentName.toLowerCase()}`;
}

/** The Service the operator creates for the frontend of a graph, when it has a frontend component. */
export function dgdFrontendService(m: ManifestDoc): { readonly name: string; readonly port: number } | undefined {
  const name = nameOf(m);
  if (name === undefined || !dgdComponents(m).some((c) => c.componentType === FRONTEND_COMPONENT_TYPE)) return undefined;
  return { name: dgdFrontendServiceName(name), port: DGD_FRONTEND_PORT };
}
