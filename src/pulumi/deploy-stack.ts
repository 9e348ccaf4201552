import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../errors';
import { totalGpus } from '../hw';
import { buildComparison, ComparisonBuild } from '../synth/build';
import { ManifestFile, renderComparison } from '../synth/render';
import { DeployStep, DeploymentLayout, layoutOf, objectKey, planDeployment } from './deploy-plan';
import { RegisteredObject, registerPlan } from './register';
import { PULUMI_PROJECT, ResolvedStack } from './stack-config';

/** Where a configuration's artefacts are. */
export interface ArtifactLocation {
  /** The claim holding them. */
  readonly claimName: string;
  /**
   * Sub-directory of the claim mounted at `/perf-cache` in the perf pod.
   * @default - the claim's root
   */
  readonly subPath?: string;
  /** Directory in the perf pod (`/perf-cache/artifacts/<recipe>/<hw>/<config>`): `<run-id>/` per run, `latest` → newest. */
  readonly path: string;
}

/** The stack outputs (`pulumi stack output`). No secret is ever among them. */
export interface StackOutputs {
  /** Comparison. */
  readonly recipe: string;
  /** Hardware profile. */
  readonly hardware: string;
  /** Namespace of every object. */
  readonly namespace: string;
  /** Configurations deployed. */
  readonly configurations: readonly string[];
  /** In-cluster URL of each configuration's OpenAI endpoint (`http://<service>.<ns>.svc.cluster.local:<port>`). */
  readonly frontendUrls: Readonly<Record<string, string>>;
  /** Artefact directory of each configuration in its perf pod; `<path>/latest/` holds the newest run. */
  readonly artifactPaths: Readonly<Record<string, string>>;
  /** Where each configuration's artefacts are on the benchmark cache. */
  readonly artifacts: Readonly<Record<string, ArtifactLocation>>;
  /** Perf Job of each configuration. */
  readonly perfJobs: Readonly<Record<string, string>>;
  /** `<kind>/<name>` of every object, by group (`prep`, then each configuration). */
  readonly resourceNames: Readonly<Record<string, readonly string[]>>;
}

/** What {@link deployStack} built and registered. */
export interface DeployedStack {
  /** The stack. */
  readonly stack: ResolvedStack;
  /** The cdk8s build. */
  readonly build: ComparisonBuild;
  /** The rendered files: what `cdk8s synth` writes for the same inputs. */
  readonly files: readonly ManifestFile[];
  /** Names of the objects by purpose. */
  readonly layout: DeploymentLayout;
  /** The deploy plan. */
  readonly plan: readonly DeployStep[];
  /** The resources registered, in plan order. */
  readonly registered: readonly RegisteredObject[];
  /** The stack outputs. */
  readonly outputs: StackOutputs;
}

/** Options of {@link deployStack}. */
export interface DeployStackOptions {
  /**
   * The HF token as a Pulumi secret; required when the stack sets `hfToken`.
   * @default - none
   */
  readonly hfToken?: pulumi.Output<string>;
}

/**
 * Builds a comparison's charts and registers their objects for a stack (no cdk8s `App.synth`, no files): the same
 * {@link buildComparison} and {@link renderComparison} as `cdk8s synth`, then {@link planDeployment} and
 * {@link registerPlan}. Must run inside a Pulumi program (or under `pulumi.runtime.setMocks`).
 * @throws UserError for configurations that do not fit the hardware, alone or together
 */
export function deployStack(stack: ResolvedStack, options: DeployStackOptions = {}): DeployedStack {
  const build = buildComparison(stack.comparison, stack.hardware, { configurations: stack.configurations });
  checkTogether(stack, build);
  const files = renderComparison(build);
  const layout = layoutOf(build, { createsHfTokenSecret: stack.config.hfToken.kind === 'pulumi-secret' });
  const plan = planDeployment(layout, files, { readyTimeoutMinutes: stack.config.readyTimeoutMinutes });
  const registered = registerPlan(plan, { namespace: stack.config.namespace, hfToken: options.hfToken });
  return { stack, build, files, layout, plan, registered, outputs: stackOutputs(stack, layout, plan) };
}

/** Configurations deployed by one `pulumi up` run at once: together they must fit the hardware's GPUs. */
function checkTogether(stack: ResolvedStack, build: ComparisonBuild): void {
  if (build.configurations.length < 2) return;
  const needs = build.configurations.map((c) => ({ name: c.name, gpus: c.serving.gpuDemand.reduce((s, p) => s + p.replicas * p.tensorParallel, 0) }));
  const total = needs.reduce((s, n) => s + n.gpus, 0);
  const offered = totalGpus(stack.hardware);
  if (total > offered) {
    throw new UserError(`${stack.config.source}: ${PULUMI_PROJECT}:configurations: ${needs.map((n) => `${n.name} (${n.gpus} GPUs)`).join(' + ')} deployed together need ${total} GPUs but ${stack.hardware.name} offers ${offered}; list one configuration at a time (npm run compare runs them in turn)`);
  }
}

/** `http://svc:8000` → `http://svc.<ns>.svc.cluster.local:8000`. */
export function qualifiedUrl(url: string, namespace: string): string {
  return url.replace(/^(https?:\/\/)([a-z0-9-]+)(?=[:/]|$)/, `$1$2.${namespace}.svc.cluster.local`);
}

function stackOutputs(stack: ResolvedStack, layout: DeploymentLayout, plan: readonly DeployStep[]): StackOutputs {
  const ns = stack.config.namespace;
  const perf = layout.caches.perf;
  const byConfig = <T>(f: (c: DeploymentLayout['configurations'][number]) => T): Record<string, T> =>
    Object.fromEntries(layout.configurations.map((c) => [c.name, f(c)]));
  const groups = [...new Set(plan.map((s) => s.group))];
  return {
    recipe: layout.recipe,
    hardware: layout.hardware,
    namespace: ns,
    configurations: layout.configurations.map((c) => c.name),
    frontendUrls: byConfig((c) => qualifiedUrl(c.url, ns)),
    artifactPaths: byConfig((c) => c.artifactPath),
    artifacts: byConfig((c) => ({ claimName: perf.claimName, ...(perf.subPath ? { subPath: perf.subPath } : {}), path: c.artifactPath })),
    perfJobs: byConfig((c) => c.perfJob),
    resourceNames: Object.fromEntries(groups.map((g) => [g, plan.filter((s) => s.group === g).map((s) => objectKey(s.object))])),
  };
}
