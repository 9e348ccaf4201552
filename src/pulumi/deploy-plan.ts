import { CacheVolume } from '../constructs';
import { ComparisonBuild } from '../synth/build';
import { ManifestFile, ManifestObject, PREP_FILE } from '../synth/render';
import { GRAPH_READY_ANNOTATIONS } from '../constructs/dynamo-graph';

/** What an object is for, which decides what it waits for and how it is protected. */
export enum DeployRole {
  /** A cache PersistentVolumeClaim (weights, compilation artefacts, datasets and results). */
  CACHE = 'cache',
  /** The Secret the program creates from a Pulumi secret `hfToken` (not part of the synthesized files). */
  HF_TOKEN = 'hf-token',
  /** The ConfigMap holding the dataset generator script. */
  DATASET_GENERATOR = 'dataset-generator',
  /** The model download Job. */
  MODEL_DOWNLOAD = 'model-download',
  /** The dataset Job. */
  DATASET = 'dataset',
  /** A ConfigMap a configuration's serving object mounts (e.g. TensorRT-LLM engine files). */
  SERVING_CONFIG = 'serving-config',
  /** A configuration's serving object: DynamoGraphDeployment, or the vLLM Deployment. */
  SERVING = 'serving',
  /** A configuration's Service (plain vLLM baseline). */
  SERVICE = 'service',
  /** A configuration's benchmark Job. */
  PERF = 'perf',
}

/** `pulumi.com/waitFor` annotation the DynamoGraphDeployment carries (the construct renders it), so Pulumi waits until the graph serves. */
export const DGD_WAIT_FOR_ANNOTATION = 'pulumi.com/waitFor';
/**
 * The value of {@link DGD_WAIT_FOR_ANNOTATION}: the operator sets `status.state` to `successful` once every
 * service of the graph is ready (`initializing` | `pending` | `successful` | `failed`, CRD of Dynamo main 2026-08).
 * Same check as the README's `kubectl wait --for=jsonpath='{.status.state}'=successful`.
 */
export const DGD_WAIT_FOR = GRAPH_READY_ANNOTATIONS[DGD_WAIT_FOR_ANNOTATION];

/** Minutes added to a Job's `activeDeadlineSeconds` for Pulumi's own wait (pod scheduling, image pull, status update). */
export const JOB_TIMEOUT_MARGIN_MINUTES = 10;

/** Pulumi wait for a Job without a deadline. */
const DEFAULT_JOB_TIMEOUT_MINUTES = 60;

/** Names of a comparison's objects by purpose, taken from its build. */
export interface DeploymentLayout {
  /** Comparison name. */
  readonly recipe: string;
  /** Hardware profile name. */
  readonly hardware: string;
  /** The caches as the workloads mount them (one claim may hold several, with sub-paths). */
  readonly caches: { readonly model: CacheVolume; readonly compilation: CacheVolume; readonly perf: CacheVolume };
  /** Name of the model download Job. */
  readonly downloadJob: string;
  /** Names of the extra model download Jobs (draft models). */
  readonly extraDownloadJobs: readonly string[];
  /**
   * Name of the dataset Job.
   * @default - none: the workload has no dataset
   */
  readonly datasetJob?: string;
  /**
   * Name of the Secret the program creates from a Pulumi secret.
   * @default - none: the token is an existing Secret, or not needed
   */
  readonly hfTokenSecret?: string;
  /** The configurations built, in order. */
  readonly configurations: readonly ConfigurationLayout[];
}

/** One configuration's names. */
export interface ConfigurationLayout {
  /** Configuration name. */
  readonly name: string;
  /** Its output file (`<hw>/<recipe>/<name>.k8s.yaml`). */
  readonly file: string;
  /** `metadata.name` of its serving object. */
  readonly serving: string;
  /** In-cluster URL of its OpenAI endpoint, relative to the namespace (`http://<service>:<port>`). */
  readonly url: string;
  /** Name of its perf Job. */
  readonly perfJob: string;
  /** Artefact directory in the perf pod (`/perf-cache/artifacts/<recipe>/<hw>/<config>`); each run has `<run-id>/` and `latest`. */
  readonly artifactPath: string;
}

/** Reads the names of a built comparison's objects. */
export function layoutOf(build: ComparisonBuild, options: { readonly createsHfTokenSecret?: boolean } = {}): DeploymentLayout {
  const dir = `${build.hardware.name}/${build.comparison.name}`;
  return {
    recipe: build.comparison.name,
    hardware: build.hardware.name,
    caches: { model: build.caches.model, compilation: build.caches.compilation, perf: build.caches.perf },
    downloadJob: build.download.jobName,
    extraDownloadJobs: build.extraDownloads.map((d) => d.jobName),
    datasetJob: build.dataset?.jobName,
    hfTokenSecret: options.createsHfTokenSecret ? build.comparison.hfTokenSecret : undefined,
    configurations: build.configurations.map((c) => ({
      name: c.name,
      file: `${dir}/${c.name}.k8s.yaml`,
      serving: c.serving.name,
      url: c.serving.url,
      perfJob: c.perf.jobName,
      artifactPath: c.perf.artifactPath,
    })),
  };
}

/** Pulumi custom timeouts, as Go durations (`6h10m`). */
export interface StepTimeouts {
  /** Wait after a create. */
  readonly create: string;
  /** Wait after an update. */
  readonly update: string;
}

/** One object to register, with what it waits for. */
export interface DeployStep {
  /** Unique key: `<kind>/<name>`. Also the Pulumi resource name. */
  readonly key: string;
  /** `prep`, or the configuration the object belongs to. */
  readonly group: string;
  /** What the object is for. */
  readonly role: DeployRole;
  /**
   * The object exactly as rendered for `cdk8s synth` (no namespace). For {@link DeployRole.HF_TOKEN}, the Secret
   * without its data (the program adds the Pulumi secret).
   */
  readonly object: ManifestObject;
  /** Keys of the steps that must be created (and ready) first. */
  readonly dependsOn: readonly string[];
  /** Annotations Pulumi's await logic reads, added to the object's own. */
  readonly awaitAnnotations: Readonly<Record<string, string>>;
  /**
   * Pulumi's wait limits.
   * @default - the provider's (PVC 5 min, ConfigMap and Secret none)
   */
  readonly timeouts?: StepTimeouts;
  /** Keep the object in the cluster when Pulumi deletes it (destroy, or removal from the program). */
  readonly retainOnDelete: boolean;
  /** Refuse to delete it at all (`pulumi destroy` fails until `pulumi state unprotect`, or use `--exclude-protected`). */
  readonly protect: boolean;
}

/** Options of {@link planDeployment}. */
export interface PlanOptions {
  /** Minutes to wait for a configuration's serving objects to become ready. */
  readonly readyTimeoutMinutes: number;
}

/** `<kind>/<name>` of an object. */
export function objectKey(object: ManifestObject): string {
  return `${String(object.kind)}/${nameOf(object)}`;
}

function nameOf(object: ManifestObject): string {
  return String((object.metadata as { name?: unknown } | undefined)?.name);
}

/** `6h10m`, `2h`, `45m` from minutes. */
export function goDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `${h > 0 ? `${h}h` : ''}${m > 0 || h === 0 ? `${m}m` : ''}`;
}

/** Pulumi's wait for a Job: its own deadline plus a margin (the Job fails by itself at its deadline). */
export function jobTimeouts(job: ManifestObject): StepTimeouts {
  const deadline = (job.spec as { activeDeadlineSeconds?: unknown } | undefined)?.activeDeadlineSeconds;
  const minutes = typeof deadline === 'number' ? Math.ceil(deadline / 60) + JOB_TIMEOUT_MARGIN_MINUTES : DEFAULT_JOB_TIMEOUT_MINUTES;
  const d = goDuration(minutes);
  return { create: d, update: d };
}

/**
 * The deploy order of a comparison's rendered files, as a dependency graph: every object with what it waits for.
 *
 *     cache PVCs ─┬─> model download Job (complete) ─> dataset Job (complete) ─> serving objects (ready) ─> perf Job
 *     HF token ───┘                 dataset generator ConfigMap ─┘
 *
 * Serving objects are ready when the DynamoGraphDeployment reports `status.state: successful` (the
 * `pulumi.com/waitFor` annotation) or the Deployment has rolled out and its Service has endpoints. The caches
 * that hold weights or results are retained and protected; see {@link cacheProtection}.
 * @throws Error on an object whose purpose is unknown (a construct changed: the plan must learn it)
 */
export function planDeployment(layout: DeploymentLayout, files: readonly ManifestFile[], options: PlanOptions): DeployStep[] {
  const prep = files.find((f) => f.path.endsWith(`/${PREP_FILE}`));
  if (!prep) throw new Error(`planDeployment: no ${PREP_FILE} among ${files.map((f) => f.path).join(', ')}`);
  const steps: DeployStep[] = [];
  const ready = { create: goDuration(options.readyTimeoutMinutes), update: goDuration(options.readyTimeoutMinutes) };
  const keysOf = (role: DeployRole, group?: string): string[] =>
    steps.filter((s) => s.role === role && (group === undefined || s.group === group)).map((s) => s.key);

  if (layout.hfTokenSecret) {
    steps.push({
      key: `Secret/${layout.hfTokenSecret}`,
      group: 'prep',
      role: DeployRole.HF_TOKEN,
      object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: layout.hfTokenSecret }, type: 'Opaque' },
      dependsOn: [],
      awaitAnnotations: {},
      retainOnDelete: false,
      protect: false,
    });
  }
  // Prep: caches and generator first, then the download, then the dataset.
  const prepRole = (o: ManifestObject): DeployRole => {
    const name = nameOf(o);
    if (o.kind === 'PersistentVolumeClaim') return DeployRole.CACHE;
    if (o.kind === 'ConfigMap') return DeployRole.DATASET_GENERATOR;
    if (o.kind === 'Job' && (name === layout.downloadJob || layout.extraDownloadJobs.includes(name))) return DeployRole.MODEL_DOWNLOAD;
    if (o.kind === 'Job' && name === layout.datasetJob) return DeployRole.DATASET;
    throw new Error(`planDeployment: ${prep.path}: ${objectKey(o)} has no place in the deploy order; teach src/pulumi/deploy-plan.ts what it waits for`);
  };
  const prepObjects = prep.objects.map((o) => ({ o, role: prepRole(o) }));
  for (const role of [DeployRole.CACHE, DeployRole.DATASET_GENERATOR, DeployRole.MODEL_DOWNLOAD, DeployRole.DATASET]) {
    for (const { o } of prepObjects.filter((p) => p.role === role)) {
      const dependsOn = role === DeployRole.MODEL_DOWNLOAD ? [...keysOf(DeployRole.CACHE), ...keysOf(DeployRole.HF_TOKEN)]
        : role === DeployRole.DATASET ? [...keysOf(DeployRole.CACHE), ...keysOf(DeployRole.DATASET_GENERATOR), ...keysOf(DeployRole.MODEL_DOWNLOAD)]
          : [];
      const protection = role === DeployRole.CACHE ? cacheProtection(layout, nameOf(o)) : { retainOnDelete: false, protect: false };
      steps.push({
        key: objectKey(o),
        group: 'prep',
        role,
        object: o,
        dependsOn,
        awaitAnnotations: {},
        timeouts: o.kind === 'Job' ? jobTimeouts(o) : undefined,
        ...protection,
      });
    }
  }
  const prepGate = keysOf(DeployRole.DATASET).length > 0 ? keysOf(DeployRole.DATASET) : keysOf(DeployRole.MODEL_DOWNLOAD);

  for (const configuration of layout.configurations) {
    const file = files.find((f) => f.path === configuration.file);
    if (!file) throw new Error(`planDeployment: no file ${configuration.file} for configuration ${configuration.name}`);
    const role = (o: ManifestObject): DeployRole => {
      const name = nameOf(o);
      if (o.kind === 'Job' && name === configuration.perfJob) return DeployRole.PERF;
      if (name === configuration.serving && (o.kind === 'DynamoGraphDeployment' || o.kind === 'Deployment')) return DeployRole.SERVING;
      if (o.kind === 'Service') return DeployRole.SERVICE;
      if (o.kind === 'ConfigMap') return DeployRole.SERVING_CONFIG;
      throw new Error(`planDeployment: ${file.path}: ${objectKey(o)} has no place in the deploy order; teach src/pulumi/deploy-plan.ts what it waits for`);
    };
    const objects = file.objects.map((o) => ({ o, role: role(o) }));
    for (const r of [DeployRole.SERVING_CONFIG, DeployRole.SERVING, DeployRole.SERVICE, DeployRole.PERF]) {
      for (const { o } of objects.filter((x) => x.role === r)) {
        const isPerf = r === DeployRole.PERF;
        steps.push({
          key: objectKey(o),
          group: configuration.name,
          role: r,
          object: o,
          dependsOn: isPerf
            ? [...keysOf(DeployRole.SERVING, configuration.name), ...keysOf(DeployRole.SERVICE, configuration.name)]
            : r === DeployRole.SERVING ? [...prepGate, ...keysOf(DeployRole.SERVING_CONFIG, configuration.name)] : [...prepGate],
          awaitAnnotations: o.kind === 'DynamoGraphDeployment' ? { [DGD_WAIT_FOR_ANNOTATION]: DGD_WAIT_FOR } : {},
          timeouts: isPerf ? jobTimeouts(o) : r === DeployRole.SERVING_CONFIG ? undefined : ready,
          retainOnDelete: false,
          protect: false,
        });
      }
    }
  }
  const keys = steps.map((s) => s.key);
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dupes.length > 0) throw new Error(`planDeployment: objects of the same kind and name: ${[...new Set(dupes)].join(', ')}`);
  return steps;
}

/**
 * Protection of a cache claim. Every claim is `retainOnDelete`: neither `pulumi destroy` nor dropping a
 * configuration deletes it. A claim holding model weights (hours to download) or benchmark results (hours of GPU
 * time) is also `protect`ed. A claim holding only the vLLM compilation cache is not: vLLM rebuilds it in minutes
 * at the next start, so it should not block `pulumi destroy`; it is retained all the same, so the next `up`
 * finds it warm.
 */
export function cacheProtection(layout: DeploymentLayout, claimName: string): { readonly retainOnDelete: boolean; readonly protect: boolean } {
  const precious = claimName === layout.caches.model.claimName || claimName === layout.caches.perf.claimName;
  return { retainOnDelete: true, protect: precious };
}
