import { Construct } from 'constructs';
import { CacheLayout, CacheVolume, GoodputSlo, GpuDemand, PerfLoad, PropChecks } from '../constructs';
import type { DatasetOptions } from '../dataset/options';
import { HardwareProfile } from '../hw';
import { ModelDefinition } from '../models';

/** The shared caches of a comparison, as the configurations see them. */
export interface ComparisonCaches {
  /** Hugging Face cache (weights). */
  readonly model: CacheVolume;
  /** vLLM compilation cache. */
  readonly compilation: CacheVolume;
  /** Benchmark datasets and artefacts. */
  readonly perf: CacheVolume;
}

/** What a configuration's builder is given. */
export interface ConfigurationContext {
  /** The comparison. */
  readonly comparison: Comparison;
  /** The configuration being built. */
  readonly configuration: Configuration;
  /** The hardware it is built for. */
  readonly hardware: HardwareProfile;
  /** The shared caches. */
  readonly caches: ComparisonCaches;
  /** `metadata.name` of the configuration's serving object (`<prefix>-<configuration>` unless the configuration names it). */
  readonly objectName: string;
  /** Labels of the configuration's objects. */
  readonly labels: Readonly<Record<string, string>>;
}

/** What a configuration deploys: something that serves the model at a URL, with GPU pools. */
export interface ServingDeployment {
  /** `metadata.name` of the serving object. */
  readonly name: string;
  /** In-cluster URL of its OpenAI-compatible endpoint. */
  readonly url: string;
  /** GPU pools, for fit checks. */
  readonly gpuDemand: readonly GpuDemand[];
}

/** One configuration of a comparison. */
export interface Configuration {
  /** Short name: file name of its manifest and part of object names (DNS-1123 label). */
  readonly name: string;
  /** One line on what it is and what differs. */
  readonly description: string;
  /**
   * `metadata.name` of its serving object.
   * @default `${comparison.prefix}-${name}`
   */
  readonly objectName?: string;
  /** Builds the serving objects under `scope`. */
  readonly deploy: (scope: Construct, context: ConfigurationContext) => ServingDeployment;
}

/**
 * The benchmark every configuration of a comparison runs: the same requests, the same load.
 * The input follows from the dataset: a Mooncake trace is replayed on its schedule, a generated multimodal
 * dataset is sent as `single_turn` requests, and without a dataset AIPerf synthesizes prompts (sweeps).
 */
export interface Workload {
  /**
   * Dataset generated (or trace fetched) once, in the shared prep, onto the benchmark cache.
   * @default - none: synthetic prompts
   */
  readonly dataset?: DatasetOptions;
  /** Load: a single run, a concurrency × ISL:OSL sweep, or a trace replay. */
  readonly load: PerfLoad;
  /**
   * Goodput SLOs.
   * @default - none
   */
  readonly goodput?: GoodputSlo;
  /**
   * Environment variables of the AIPerf process.
   * @default {}
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** A benchmark comparison: one model, several configurations, the hardware it targets. */
export interface Comparison {
  /** Short name: folder of its manifests, label value, stack-name suffix (e.g. `qwen36`). */
  readonly name: string;
  /** Title of the benchmark page it reproduces. */
  readonly title: string;
  /**
   * The seed benchmark page it reproduces (`shared/reference/seeds/<seed>.txt`).
   * @default - none
   */
  readonly seed?: string;
  /** Prefix of the object names of this comparison (e.g. `qwen36` → `qwen36-model-download`). */
  readonly prefix: string;
  /** The model. */
  readonly model: ModelDefinition;
  /**
   * Further models the prep downloads into the same cache, e.g. speculative-decoding draft models.
   * @default []
   */
  readonly extraModels?: readonly ModelDefinition[];
  /** Names of the hardware profiles the comparison is meant for. */
  readonly targets: readonly string[];
  /** How its caches are laid out on claims. */
  readonly caches: CacheLayout;
  /**
   * An existing Secret with `HF_TOKEN`, used by the download Job and the workers.
   * @default - none (public models)
   */
  readonly hfTokenSecret?: string;
  /** Name of the configuration the others are compared with. */
  readonly baseline: string;
  /** The configurations, in the order they are run. */
  readonly configurations: readonly Configuration[];
  /** The benchmark each configuration runs. */
  readonly workload: Workload;
}

/** Bytes per parameter of the weight formats we know: FP4, FP8, BF16/FP16, FP32. */
export const WEIGHT_BYTES_PER_PARAMETER = [0.5, 1, 2, 4] as const;

/**
 * Checks a comparison's own consistency (names, baseline, model facts) and returns it. Recipes call it at definition.
 * @throws UserError listing every problem
 */
export function defineComparison(comparison: Comparison): Comparison {
  const names = comparison.configurations.map((c) => c.name);
  const checks = new PropChecks(`comparison ${comparison.name}`)
    .dnsLabel('name', comparison.name, 30)
    .dnsLabel('prefix', comparison.prefix, 30)
    .require(comparison.targets.length > 0, 'targets', 'must name at least one hardware profile')
    .require(comparison.configurations.length > 0, 'configurations', 'must define at least one configuration')
    .require(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(comparison.model.id), 'model.id', `must be a Hugging Face id "<org>/<name>" (got ${JSON.stringify(comparison.model.id)})`)
    .number('model.parametersBillions', comparison.model.parametersBillions, 0, 100_000, true)
    .oneOf('model.weightBytesPerParameter', comparison.model.weightBytesPerParameter, WEIGHT_BYTES_PER_PARAMETER);
  comparison.configurations.forEach((c, i) => checks.dnsLabel(`configurations[${i}].name`, c.name, 40));
  const dupes = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  checks.require(dupes.length === 0, 'configurations', `names repeat: ${dupes.join(', ')}`);
  checks.require(names.includes(comparison.baseline), 'baseline', `must be one of ${names.join(', ')} (got ${JSON.stringify(comparison.baseline)})`);
  checks.throwIfAny();
  return comparison;
}
