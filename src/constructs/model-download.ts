import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CacheVolume, MountPaths, podVolumes } from './cache-volume';
import { ModelDefinition } from '../models';
import { JobPodOptions, runOnceJob, UNPRIVILEGED_CONTAINER } from './job-pod';

/** Props of {@link ModelDownload}. */
export interface ModelDownloadProps extends JobPodOptions {
  /** Job name. */
  readonly name: string;
  /** The model to download. */
  readonly model: ModelDefinition;
  /** Where the Hugging Face cache lives; mounted at `HF_HOME`. */
  readonly cache: CacheVolume;
  /**
   * An existing Secret whose keys become environment variables (e.g. `HF_TOKEN`), for gated models and rate limits.
   * @default - no token; the Secret is required for gated models
   */
  readonly hfTokenSecret?: string;
  /**
   * `huggingface_hub` version pip installs (it provides the `hf` CLI).
   * @default '1.16.4'
   */
  readonly huggingfaceHubVersion?: string;
  /**
   * Image that runs the download (needs Python and pip).
   * @default 'python:3.10-slim'
   */
  readonly image?: string;
  /**
   * Retries before the Job is marked failed.
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * Wall-clock limit of the whole Job in seconds; a stalled download fails instead of hanging.
   * @default 21600 (6 hours)
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Use the high-throughput Xet transfer mode (up to 64 GiB of RAM in buffers; the memory request follows).
   * @default true
   */
  readonly highPerformanceTransfer?: boolean;
}

/**
 * A Job that downloads a model's weights into the shared Hugging Face cache with `hf download`.
 * Idempotent: files already in the cache are not fetched again. It keeps no `ttlSecondsAfterFinished`,
 * so `kubectl wait --for=condition=Complete` and Pulumi can observe it after it finishes.
 */
export class ModelDownload extends Construct {
  /** The Job's name. */
  public readonly jobName: string;

  public constructor(scope: Construct, id: string, props: ModelDownloadProps) {
    super(scope, id);
    this.jobName = props.name;
    const highPerformance = props.highPerformanceTransfer ?? true;
    const memory = highPerformance ? '64Gi' : '8Gi';
    const { volumes, volumeMounts } = podVolumes([{ volume: props.cache, mountPath: MountPaths.HF_HOME }]);
    runOnceJob(this, 'Resource', {
      ...props,
      backoffLimit: props.backoffLimit ?? 3,
      activeDeadlineSeconds: props.activeDeadlineSeconds ?? 21600,
      pod: {
        containers: [{
          name: 'model-download',
          image: props.image ?? 'python:3.10-slim',
          imagePullPolicy: 'IfNotPresent',
          securityContext: UNPRIVILEGED_CONTAINER,
          command: ['sh', '-c'],
          args: [[
            'set -eux',
            `pip install --no-cache-dir huggingface_hub==${props.huggingfaceHubVersion ?? '1.16.4'}`,
            'hf download "$MODEL_NAME" --revision "$MODEL_REVISION"',
          ].join('\n') + '\n'],
          env: [
            { name: 'MODEL_NAME', value: props.model.id },
            { name: 'HF_HOME', value: MountPaths.HF_HOME },
            { name: 'HF_XET_HIGH_PERFORMANCE', value: highPerformance ? '1' : '0' },
            { name: 'MODEL_REVISION', value: props.model.revision ?? 'main' },
          ],
          envFrom: props.hfTokenSecret ? [{ secretRef: { name: props.hfTokenSecret } }] : undefined,
          resources: {
            requests: { cpu: k8s.Quantity.fromString('2'), memory: k8s.Quantity.fromString(memory) },
            limits: { cpu: k8s.Quantity.fromString('8'), memory: k8s.Quantity.fromString(memory) },
          },
          volumeMounts,
        }],
        volumes,
      },
    });
  }
}
