import { createHash } from 'node:crypto';
import { App, Chart } from 'cdk8s';
import { DatasetJob, loadForGpus, ModelCache, ModelDownload, PerfInput, PerfJob, recipeLabels } from '../constructs';
import { DatasetMode } from '../dataset/options';
import { UserError } from '../errors';
import { HardwareProfile, podNodeSelector } from '../hw';
import { Comparison, ComparisonCaches, ServingDeployment } from '../recipes/comparison';
import { checkFit } from '../recipes/fit';

/** One configuration's chart and what it serves. */
export interface BuiltConfiguration {
  /** Configuration name. */
  readonly name: string;
  /** Its chart: the serving objects. */
  readonly chart: Chart;
  /** Its serving object. */
  readonly serving: ServingDeployment;
  /** Its benchmark Job. */
  readonly perf: PerfJob;
  /** SHA-256 of its serving objects (canonical JSON): what `run.json` records as `manifestSha256`. */
  readonly manifestSha256: string;
}

/** A comparison built for one hardware profile: a prep chart and a chart per configuration, in one cdk8s App. */
export interface ComparisonBuild {
  /** The comparison. */
  readonly comparison: Comparison;
  /** The hardware profile. */
  readonly hardware: HardwareProfile;
  /** The cdk8s app holding every chart. */
  readonly app: App;
  /** Shared, configuration-agnostic prep: caches, model download. */
  readonly prep: Chart;
  /** The shared caches. */
  readonly caches: ModelCache;
  /** The model download Job. */
  readonly download: ModelDownload;
  /** Download Jobs of the comparison's extra models (e.g. speculative-decoding drafts). */
  readonly extraDownloads: readonly ModelDownload[];
  /** The dataset Job, when the workload has a dataset. */
  readonly dataset?: DatasetJob;
  /** The configurations built, in the comparison's order. */
  readonly configurations: readonly BuiltConfiguration[];
}

/** Options of {@link buildComparison}. */
export interface BuildOptions {
  /**
   * Configurations to build.
   * @default - all of them
   */
  readonly configurations?: readonly string[];
}

/** How AIPerf reads the workload: the dataset Job's file (a trace is replayed), or synthetic prompts. */
function perfInput(dataset: DatasetJob | undefined): PerfInput {
  if (!dataset) return { kind: 'synthetic' };
  const path = dataset.datasetPath;
  return dataset.dataset.mode === DatasetMode.TRACE ? { kind: 'mooncake-trace', path } : { kind: 'single-turn', path };
}

/** SHA-256 of a chart's objects as canonical JSON (keys sorted), taken before the perf Job joins the chart. */
function servingHash(chart: Chart): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(chart.toJson()))).digest('hex');
}

/** The error for a profile without a storage class, naming the comparisons that need one (one line per profile). */
export function missingStorageClass(hardware: HardwareProfile, comparisons: readonly string[]): UserError {
  return new UserError(`${hardware.source}: storageClass: not set; set it to a ReadWriteMany StorageClass of your cluster (kubectl get storageclass): ${comparisons.join(', ')} create${comparisons.length === 1 ? 's its' : ' their'} caches with it`);
}

/** A (recipe, profile) pair whose configurations do not fit the hardware. */
export class FitError extends UserError {}

/**
 * Builds a comparison's charts for one hardware profile, in memory. `cdk8s synth` and the Pulumi program
 * both start here, so they register the very same objects.
 * @throws UserError when a site value is missing or a configuration name is unknown
 * @throws FitError when a configuration does not fit the hardware
 */
export function buildComparison(comparison: Comparison, hardware: HardwareProfile, options: BuildOptions = {}): ComparisonBuild {
  if (!hardware.storageClass) throw missingStorageClass(hardware, [comparison.name]);
  const known = comparison.configurations.map((c) => c.name);
  const unknown = (options.configurations ?? []).filter((c) => !known.includes(c));
  if (unknown.length > 0) {
    throw new UserError(`recipe ${comparison.name}: unknown configuration ${unknown.map((u) => `"${u}"`).join(', ')}; allowed: ${known.join(', ')}`);
  }
  const selected = comparison.configurations.filter((c) => !options.configurations || options.configurations.includes(c.name));

  const app = new App({ outdir: '.' });
  const prep = new Chart(app, `${hardware.name}-${comparison.name}-prep`, { disableResourceNameHashes: true });
  const caches = new ModelCache(prep, 'Caches', {
    storageClassName: hardware.storageClass,
    layout: comparison.caches,
    labels: recipeLabels(comparison.name, 'model-cache'),
  });
  const download = new ModelDownload(prep, 'ModelDownload', {
    name: `${comparison.prefix}-model-download`,
    model: comparison.model,
    cache: caches.model,
    hfTokenSecret: comparison.hfTokenSecret,
    labels: recipeLabels(comparison.name, 'model-download'),
    // Same placement as the GPU pods: the download runs where the weights are read first.
    nodeSelector: hardware.hostname ? podNodeSelector(hardware) : undefined,
    tolerations: hardware.tolerations,
  });
  const extraDownloads = (comparison.extraModels ?? []).map((model, i) => new ModelDownload(prep, `ExtraModelDownload${i}`, {
    name: `${comparison.prefix}-model-download-${i + 2}`,
    model,
    cache: caches.model,
    hfTokenSecret: comparison.hfTokenSecret,
    labels: recipeLabels(comparison.name, 'model-download'),
    nodeSelector: hardware.hostname ? podNodeSelector(hardware) : undefined,
    tolerations: hardware.tolerations,
  }));
  const shared: ComparisonCaches = { model: caches.model, compilation: caches.compilation, perf: caches.perf };
  const dataset = comparison.workload.dataset && new DatasetJob(prep, 'Dataset', {
    name: `${comparison.prefix}-dataset`,
    dataset: comparison.workload.dataset,
    perfCache: caches.perf,
    labels: recipeLabels(comparison.name, 'dataset'),
    nodeSelector: hardware.hostname ? podNodeSelector(hardware) : undefined,
    tolerations: hardware.tolerations,
  });
  const input = perfInput(dataset);

  const problems: string[] = [];
  const configurations = selected.map((configuration): BuiltConfiguration => {
    const chart = new Chart(app, `${hardware.name}-${comparison.name}-${configuration.name}`, { disableResourceNameHashes: true });
    const serving = configuration.deploy(chart, {
      comparison,
      configuration,
      hardware,
      caches: shared,
      objectName: configuration.objectName ?? `${comparison.prefix}-${configuration.name}`,
      labels: recipeLabels(comparison.name, configuration.name),
    });
    problems.push(...checkFit({ recipe: comparison.name, configuration: configuration.name }, comparison.model, hardware, serving.gpuDemand));
    const manifestSha256 = servingHash(chart);
    const workload = comparison.workload;
    const gpus = serving.gpuDemand.reduce((n, p) => n + p.replicas * (p.gpusPerWorker ?? p.tensorParallel), 0);
    const load = loadForGpus(workload.load, gpus);
    const perf = new PerfJob(chart, 'Perf', {
      name: `${serving.name}-perf`,
      model: comparison.model.id,
      url: serving.url,
      input,
      load,
      goodput: workload.goodput,
      env: workload.env,
      perfCache: shared.perf,
      artifactDir: `artifacts/${comparison.name}/${hardware.name}/${configuration.name}`,
      labels: recipeLabels(comparison.name, `${configuration.name}-perf`),
      nodeSelector: hardware.hostname ? podNodeSelector(hardware) : undefined,
      tolerations: hardware.tolerations,
      metadata: {
        recipe: comparison.name,
        hardware: hardware.name,
        configuration: configuration.name,
        baseline: comparison.baseline,
        manifestSha256,
        model: comparison.model.id,
        goodput: workload.goodput
          ? { time_to_first_token: workload.goodput.timeToFirstTokenMs, inter_token_latency: workload.goodput.interTokenLatencyMs }
          : null,
        sweep: load.kind === 'sweep' ? { concurrency: [...load.concurrency], islOsl: load.islOsl.map(([i, o]) => [i, o] as [number, number]) } : null,
      },
    });
    return { name: configuration.name, chart, serving, perf, manifestSha256 };
  });
  if (problems.length > 0) throw new FitError(problems.join('\n'), problems);
  return { comparison, hardware, app, prep, caches, download, extraDownloads, dataset, configurations };
}
