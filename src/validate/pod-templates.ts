import { dgdComponents, isDgd } from './dgd';
import type { JsonPath } from './json-path';
import { asArray, asRecord, asStringMap, getPath, groupOf, kindOf, nameOf, type ManifestDoc } from './manifest-doc';

/** Who turns a pod template into pods, which says how complete the template is. */
export enum PodBuilder {
  /** A built-in controller (or the kubelet): the template is the whole pod. */
  KUBERNETES = 'kubernetes',
  /** The Dynamo operator: it adds containers, volumes and labels of its own to the template. */
  DYNAMO_OPERATOR = 'dynamo-operator',
}

/** A pod spec found in a manifest: a Pod, a workload's template, or a Dynamo component's pod. */
export interface PodTemplate {
  /** The object that holds the template. */
  readonly owner: ManifestDoc;
  /** Path of the pod spec in the owner. */
  readonly specPath: JsonPath;
  /** The pod spec (`{}` for a Dynamo component without `extraPodSpec`). */
  readonly spec: Readonly<Record<string, unknown>>;
  /** Labels the pods carry (for Dynamo components: those the operator adds too). */
  readonly labels: Readonly<Record<string, string>>;
  /** Who builds the pods. */
  readonly builder: PodBuilder;
  /**
   * The Dynamo component, for pods of a graph.
   * @default - Not set.
   */
  readonly component?: string;
}

/** Where a container sits in its pod. */
export enum ContainerRole {
  /** `containers[]`. */
  CONTAINER = 'container',
  /** `initContainers[]`. */
  INIT = 'init',
  /** `ephemeralContainers[]`. */
  EPHEMERAL = 'ephemeral',
  /** Dynamo v1alpha1 `extraPodSpec.mainContainer`, merged by the operator into the component's container. */
  MAIN = 'main',
}

/** A container of a pod template. */
export interface ContainerRef {
  /** Its pod. */
  readonly pod: PodTemplate;
  /** Path of the container in the owner object. */
  readonly path: JsonPath;
  /** The container object. */
  readonly container: Readonly<Record<string, unknown>>;
  /** Where it sits in the pod. */
  readonly role: ContainerRole;
}

/** Where the pod template sits in each built-in workload kind (`group/Kind`). */
const TEMPLATE_PATHS: Readonly<Record<string, { readonly spec: JsonPath; readonly labels: JsonPath }>> = {
  '/Pod': { spec: ['spec'], labels: ['metadata', 'labels'] },
  '/PodTemplate': { spec: ['template', 'spec'], labels: ['template', 'metadata', 'labels'] },
  '/ReplicationController': { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  'apps/Deployment': { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  'apps/ReplicaSet': { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  'apps/StatefulSet': { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  'apps/DaemonSet': { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  'batch/Job': { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  'batch/CronJob': {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
  },
};

/** Labels the Dynamo operator puts on the pods of a graph (the ones upstream recipes select on). */
export const DYNAMO_GRAPH_LABEL = 'nvidia.com/dynamo-graph-deployment-name';
/** Label with the component type (`frontend`, `worker`) on the pods of a graph. */
export const DYNAMO_COMPONENT_TYPE_LABEL = 'nvidia.com/dynamo-component-type';

/** Every pod template of an object (none for objects that run no pods). */
export function podTemplatesOf(m: ManifestDoc): PodTemplate[] {
  if (isDgd(m)) return dgdPodTemplates(m);
  const where = TEMPLATE_PATHS[`${groupOf(m)}/${kindOf(m)}`];
  if (where === undefined) return [];
  const spec = asRecord(getPath(m.doc, where.spec));
  if (spec === undefined) return [];
  return [{ owner: m, specPath: where.spec, spec, labels: asStringMap(getPath(m.doc, where.labels)), builder: PodBuilder.KUBERNETES }];
}

function dgdPodTemplates(m: ManifestDoc): PodTemplate[] {
  const graphLabels = { ...asStringMap(getPath(m.doc, ['spec', 'labels'])), [DYNAMO_GRAPH_LABEL]: nameOf(m) ?? '' };
  return dgdComponents(m).map((c) => {
    // v1alpha1: extraPodSpec (+ extraPodMetadata); v1beta1: podTemplate.{metadata,spec}.
    const v1beta1 = c.path[1] === 'components';
    const specPath: JsonPath = v1beta1 ? [...c.path, 'podTemplate', 'spec'] : [...c.path, 'extraPodSpec'];
    const podLabels = v1beta1
      ? asStringMap(getPath(c.value, ['podTemplate', 'metadata', 'labels']))
      : { ...asStringMap(c.value.labels), ...asStringMap(getPath(c.value, ['extraPodMetadata', 'labels'])) };
    return {
      owner: m,
      specPath,
      spec: asRecord(getPath(m.doc, specPath)) ?? {},
      labels: {
        ...graphLabels,
        ...podLabels,
        ...(c.componentType !== undefined ? { [DYNAMO_COMPONENT_TYPE_LABEL]: c.componentType } : {}),
      },
      builder: PodBuilder.DYNAMO_OPERATOR,
      component: c.name,
    };
  });
}

/** The containers of a pod template, init and ephemeral ones included. */
export function containersOf(pod: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  const main = asRecord(pod.spec.mainContainer);
  if (pod.builder === PodBuilder.DYNAMO_OPERATOR && main !== undefined) {
    out.push({ pod, path: [...pod.specPath, 'mainContainer'], container: main, role: ContainerRole.MAIN });
  }
  const lists: readonly [string, ContainerRole][] = [
    ['containers', ContainerRole.CONTAINER],
    ['initContainers', ContainerRole.INIT],
    ['ephemeralContainers', ContainerRole.EPHEMERAL],
  ];
  for (const [field, role] of lists) {
    asArray(pod.spec[field]).forEach((c, i) => {
      const container = asRecord(c);
      if (container !== undefined) out.push({ pod, path: [...pod.specPath, field, i], container, role });
    });
  }
  return out;
}

/** Every pod template of a manifest set. */
export function allPodTemplates(docs: readonly ManifestDoc[]): PodTemplate[] {
  return docs.flatMap(podTemplatesOf);
}
