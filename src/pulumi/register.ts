import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ManifestObject } from '../synth/render';
import { DeployRole, DeployStep } from './deploy-plan';

/** What was registered for one step. */
export interface RegisteredObject {
  /** The step. */
  readonly step: DeployStep;
  /** The inputs given to the resource: the rendered object, its namespace and the await annotations. */
  readonly inputs: ManifestObject;
  /** The Pulumi resource. */
  readonly resource: pulumi.CustomResource;
  /** The options it was registered with (dependsOn holds the resources of `step.dependsOn`). */
  readonly options: pulumi.CustomResourceOptions;
}

/** Options of {@link registerPlan}. */
export interface RegisterOptions {
  /** Namespace of every object. */
  readonly namespace: string;
  /**
   * The HF token, as a Pulumi secret, for the {@link DeployRole.HF_TOKEN} step.
   * @default - none (required when the plan has that step)
   */
  readonly hfToken?: pulumi.Output<string>;
  /**
   * Parent of every resource.
   * @default - the stack
   */
  readonly parent?: pulumi.Resource;
}

/**
 * The object Pulumi registers for a step: the rendered object, unchanged but for `metadata.namespace` and the
 * await annotations (added to the object's own).
 */
export function pulumiInputs(step: DeployStep, namespace: string): ManifestObject {
  const metadata: Record<string, unknown> = { ...(step.object.metadata as Record<string, unknown>), namespace };
  const annotations = { ...(metadata.annotations as Record<string, string> | undefined), ...step.awaitAnnotations };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { ...step.object, metadata };
}

type Constructor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed `@pulumi/kubernetes` classes of the built-in kinds we render (`apiVersion/kind`). */
const BUILT_IN: Readonly<Record<string, Constructor>> = {
  'v1/PersistentVolumeClaim': k8s.core.v1.PersistentVolumeClaim as unknown as Constructor,
  'v1/ConfigMap': k8s.core.v1.ConfigMap as unknown as Constructor,
  'v1/Secret': k8s.core.v1.Secret as unknown as Constructor,
  'v1/Service': k8s.core.v1.Service as unknown as Constructor,
  'batch/v1/Job': k8s.batch.v1.Job as unknown as Constructor,
  'apps/v1/Deployment': k8s.apps.v1.Deployment as unknown as Constructor,
};

/** True for an `apiVersion` of a custom resource (its group has a dot, e.g. `nvidia.com/v1alpha1`). */
function isCustomResource(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  return slash > 0 && apiVersion.slice(0, slash).includes('.');
}

/**
 * Registers every step of a plan as its own `@pulumi/kubernetes` resource, in plan order, named by the step key:
 * typed classes for built-in kinds, `apiextensions.CustomResource` for custom resources (the
 * DynamoGraphDeployment). Each gets `dependsOn` (the resources of its dependencies), `customTimeouts`,
 * `retainOnDelete` and `protect` from the plan.
 * @throws Error for a built-in kind without a typed class here
 */
export function registerPlan(steps: readonly DeployStep[], options: RegisterOptions): RegisteredObject[] {
  const byKey = new Map<string, pulumi.CustomResource>();
  const registered: RegisteredObject[] = [];
  for (const step of steps) {
    const inputs = pulumiInputs(step, options.namespace);
    const dependsOn = step.dependsOn.map((key) => {
      const resource = byKey.get(key);
      if (!resource) throw new Error(`registerPlan: ${step.key} depends on ${key}, which is not registered before it`);
      return resource;
    });
    const opts: pulumi.CustomResourceOptions = {
      parent: options.parent,
      dependsOn,
      ...(step.timeouts ? { customTimeouts: { create: step.timeouts.create, update: step.timeouts.update } } : {}),
      ...(step.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(step.protect ? { protect: true } : {}),
    };
    const apiVersion = String(inputs.apiVersion);
    let resource: pulumi.CustomResource;
    if (step.role === DeployRole.HF_TOKEN) {
      if (!options.hfToken) throw new Error(`registerPlan: ${step.key} needs the hfToken secret`);
      resource = new k8s.core.v1.Secret(step.key, { ...inputs, stringData: { HF_TOKEN: pulumi.secret(options.hfToken) } } as k8s.core.v1.SecretArgs, opts);
    } else if (isCustomResource(apiVersion)) {
      resource = new k8s.apiextensions.CustomResource(step.key, inputs as unknown as k8s.apiextensions.CustomResourceArgs, opts);
    } else {
      const Class = BUILT_IN[`${apiVersion}/${String(inputs.kind)}`];
      if (!Class) throw new Error(`registerPlan: no @pulumi/kubernetes class for ${apiVersion} ${String(inputs.kind)} (${step.key}); add it to BUILT_IN in src/pulumi/register.ts`);
      // The rendered object is the resource's args: same shape as the typed Args (apiVersion, kind, metadata, spec...).
      resource = new Class(step.key, inputs as never, opts);
    }
    byKey.set(step.key, resource);
    registered.push({ step, inputs, resource, options: opts });
  }
  return registered;
}
