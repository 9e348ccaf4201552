import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CacheVolume, MountPaths, podVolumes } from './cache-volume';
import { bundleDatasetCli } from '../dataset/bundle';
import { datasetCliArgs } from '../dataset/dataset-flags';
import { datasetFileName, expectedRowCount } from '../dataset/file-name';
import { DatasetOptions, ResolvedDatasetOptions, resolveDatasetOptions } from '../dataset/options';
import { UserError } from '../errors';
import { JobPodOptions, runOnceJob, UNPRIVILEGED_CONTAINER } from './job-pod';

/** Where the benchmark cache is mounted in the generator pod. */
export interface PerfCacheMount extends CacheVolume {
  /**
   * Mount point in the container; datasets go to `<mountPath>/datasets`.
   * @default '/perf-cache'
   */
  readonly mountPath?: string;
}

/** Props of {@link DatasetJob}. */
export interface DatasetJobProps extends JobPodOptions {
  /**
   * The dataset: sliding-window, image-pool or trace options. Validated at synth time. A trace source given as
   * a URL is downloaded by the pod when the Job runs, never at synth time.
   */
  readonly dataset: DatasetOptions;
  /** The benchmark cache (`ModelCache.perf`): the dataset is written to `<mountPath>/datasets/<file>`. */
  readonly perfCache: PerfCacheMount;
  /**
   * Job name (a DNS label).
   * @default - `dataset-` + the dataset file name in kebab case, e.g. `dataset-30u-8t-5w-8000word-base64`
   */
  readonly name?: string;
  /**
   * Image that runs the bundled generator; needs `node` ≥ 20 on PATH, nothing else.
   * @default 'node:20-slim' (multi-arch: amd64 and arm64 GB200 nodes)
   */
  readonly image?: string;
  /**
   * Retries before the Job is marked failed.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy
   * @default 2
   */
  readonly backoffLimit?: number;
  /**
   * Wall-clock limit of the Job in seconds (the seed 000 dataset takes about 2 minutes on local disk).
   * @default 3600
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Delete the finished Job after this many seconds.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/
   * @default - not set: the finished Job is kept so `kubectl wait` and Pulumi can observe it
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Container resources. The generator is single-threaded. Measured for the seed 000 dataset (30 users x 8
   * turns, 5 images of 2400x1080 noise PNG per row, 12.5 GB written): 116 s, peak RSS 784 MiB, i.e. the
   * 256 MiB encoded-image cache plus a few copies of the largest row (5 x 10.4 MB data URLs) while it is
   * serialized and written. The default gives 2.5x that at the request and 5x at the limit; the peak grows
   * with the row size, so raise it for much larger rows. No CPU limit: a throttled generator only runs longer.
   * @default - requests cpu 2 (the generator, plus the kernel writing GBs back) and memory 2Gi; limit memory 4Gi
   */
  readonly resources?: k8s.ResourceRequirements;
}

/** Where the generator script is mounted. */
export const DATASET_GENERATOR_DIR = '/opt/dataset';
/** File name of the generator script in its ConfigMap and mount. */
export const DATASET_GENERATOR_FILE = 'generate.js';
/**
 * Largest generator script accepted: Kubernetes caps a ConfigMap at 1 MiB; keep 128 KiB for metadata and growth.
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/#motivation
 */
export const MAX_GENERATOR_SCRIPT_BYTES = 1024 * 1024 - 128 * 1024;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS label made of `prefix-<words of text>`, shortened with a hash suffix beyond 63 characters. */
function dnsLabel(prefix: string, text: string): string {
  const slug = `${prefix}-${text}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= 63) return slug;
  const hash = createHash('sha256').update(slug).digest('hex').slice(0, 8);
  return `${slug.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}

/**
 * The generator script as a ConfigMap, one per chart and script version (named after the script's hash), so
 * several DatasetJobs share it and a changed generator gets a new ConfigMap instead of mutating one a
 * finished Job used.
 */
function generatorConfigMap(scope: Construct, labels: Readonly<Record<string, string>>): { configMap: k8s.KubeConfigMap; bytes: number } {
  const bundle = bundleDatasetCli();
  if (bundle.bytes > MAX_GENERATOR_SCRIPT_BYTES) {
    throw new Error(
      `DatasetJob: the bundled dataset generator is ${bundle.bytes} bytes, over the ${MAX_GENERATOR_SCRIPT_BYTES}-byte budget ` +
        `of a ConfigMap (Kubernetes limit 1 MiB): slim the dependencies of src/dataset/cli.ts`,
    );
  }
  const chart = Chart.of(scope);
  const id = `DatasetGenerator-${bundle.sha256.slice(0, 10)}`;
  const existing = chart.node.tryFindChild(id);
  const configMap =
    existing instanceof k8s.KubeConfigMap
      ? existing
      : new k8s.KubeConfigMap(chart, id, {
          metadata: {
            name: `dataset-generator-${bundle.sha256.slice(0, 10)}`,
            labels: { ...labels },
            annotations: { 'dynamo-recipes-iac/generator-sha256': bundle.sha256 },
          },
          data: { [DATASET_GENERATOR_FILE]: bundle.script },
        });
  return { configMap, bytes: bundle.bytes };
}

/**
 * A Job that writes a benchmark dataset to the benchmark cache PVC: the project's own generator
 * (`src/dataset/cli.ts`, bundled with esbuild at synth time into a ConfigMap) run by `node:20-slim` as
 * `node /opt/dataset/generate.js <mode> <flags> --out <mountPath>/datasets --skip-existing`.
 *
 * Idempotent: a complete file (expected row count; a valid trace) is left alone, so re-running costs one read.
 * The file is written to a partial file and renamed, so readers never see half a dataset.
 *
 * Security: no privilege escalation, every capability dropped, RuntimeDefault seccomp, no service account
 * token. The container runs as the image's default user (root in `node:20-slim`) without `runAsNonRoot` and
 * without `fsGroup` (which would re-chown a large volume): the PVC must be writable by that user. Having no
 * capabilities, root cannot bypass file permissions (no `CAP_DAC_OVERRIDE`): the directory must be owned by
 * root or be world-writable, as freshly provisioned volumes usually are.
 */
export class DatasetJob extends Construct {
  /** The Job's name. */
  public readonly jobName: string;
  /** The dataset's file name (`datasetFileName(dataset)`). */
  public readonly fileName: string;
  /** Absolute path of the dataset in pods that mount the cache at the same place (`/perf-cache/datasets/<file>`). */
  public readonly datasetPath: string;
  /** Rows the dataset has; undefined for a trace without `expectedRows`. */
  public readonly expectedRows: number | undefined;
  /** The validated options with every default applied. */
  public readonly dataset: ResolvedDatasetOptions;
  /** Name of the ConfigMap holding the generator script. */
  public readonly generatorConfigMapName: string;
  /** Size of the generator script in bytes. */
  public readonly generatorBytes: number;

  public constructor(scope: Construct, id: string, props: DatasetJobProps) {
    super(scope, id);
    this.dataset = resolveDatasetOptions(props.dataset, `DatasetJob ${this.node.path}: dataset`);
    this.fileName = datasetFileName(this.dataset);
    this.expectedRows = expectedRowCount(this.dataset);
    this.jobName = props.name ?? dnsLabel('dataset', this.fileName.replace(/\.jsonl$/, ''));
    if (this.jobName.length > 63 || !DNS_LABEL.test(this.jobName)) {
      throw new UserError(
        `DatasetJob ${this.node.path}: name: must be a DNS label (lower-case letters, digits, "-", at most 63 characters) (got ${JSON.stringify(this.jobName)})`,
      );
    }
    const mountPath = props.perfCache.mountPath ?? MountPaths.PERF_CACHE;
    if (!posix.isAbsolute(mountPath)) {
      throw new UserError(`DatasetJob ${this.node.path}: perfCache.mountPath: must be an absolute path (got ${JSON.stringify(mountPath)})`);
    }
    const outDir = posix.join(mountPath, 'datasets');
    this.datasetPath = posix.join(outDir, this.fileName);

    const labels = { ...props.labels };
    const generator = generatorConfigMap(this, labels);
    this.generatorConfigMapName = generator.configMap.name;
    this.generatorBytes = generator.bytes;

    const { volumes, volumeMounts } = podVolumes([{ volume: props.perfCache, mountPath }]);
    const generatorVolume = 'dataset-generator';
    const job = runOnceJob(this, 'Resource', {
      ...props,
      name: this.jobName,
      labels,
      backoffLimit: props.backoffLimit ?? 2,
      activeDeadlineSeconds: props.activeDeadlineSeconds ?? 3600,
      pod: {
        automountServiceAccountToken: false,
        containers: [
          {
            name: 'generate',
            image: props.image ?? 'node:20-slim',
            imagePullPolicy: 'IfNotPresent',
            command: [
              'node',
              posix.join(DATASET_GENERATOR_DIR, DATASET_GENERATOR_FILE),
              ...datasetCliArgs(this.dataset),
              '--out',
              outDir,
              '--skip-existing',
            ],
            resources: props.resources ?? {
              requests: { cpu: k8s.Quantity.fromString('2'), memory: k8s.Quantity.fromString('2Gi') },
              limits: { memory: k8s.Quantity.fromString('4Gi') },
            },
            securityContext: UNPRIVILEGED_CONTAINER,
            volumeMounts: [...volumeMounts, { name: generatorVolume, mountPath: DATASET_GENERATOR_DIR, readOnly: true }],
          },
        ],
        volumes: [...volumes, { name: generatorVolume, configMap: { name: this.generatorConfigMapName, defaultMode: 0o444 } }],
      },
    });
    // Apply the script before the Job that mounts it.
    job.addDependency(generator.configMap);
  }
}
