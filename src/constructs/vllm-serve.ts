import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardwareProfile, podNodeSelector } from '../hw';
import { ModelDefinition } from '../models';
import { CacheVolume, MountPaths, podVolumes } from './cache-volume';
import { PropChecks } from './checks';
import { envRef } from './cli-args';
import { LaunchOptions, LOCK_MEMORY_CAPABILITIES, renderLaunch } from './launch';
import { checkEngineOptions, engineArgs, VllmEngineOptions, VllmServer } from './vllm-engine';
import { ComputeResources } from './dynamo-graph';

/** Caches the server mounts. */
export interface VllmServeCaches {
  /** Hugging Face cache, mounted at `HF_HOME`. */
  readonly model: CacheVolume;
  /**
   * vLLM cache (`VLLM_CACHE_ROOT`): compilation artefacts survive restarts.
   * @default - not persisted
   */
  readonly compilation?: CacheVolume;
}

/** Props of {@link VllmServe}. */
export interface VllmServeProps {
  /** Name of the Deployment and of its Service. */
  readonly name: string;
  /** The model served. */
  readonly model: ModelDefinition;
  /** Hardware: image, node selector, tolerations, RDMA resources. */
  readonly hardware: HardwareProfile;
  /** Caches mounted. */
  readonly caches: VllmServeCaches;
  /**
   * GPUs per replica (`--tensor-parallel-size`).
   * @default 1
   */
  readonly tensorParallel?: number;
  /**
   * Independent servers behind the Service (the Service balances connections across them).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Engine options.
   * @default {}
   */
  readonly engine?: VllmEngineOptions;
  /**
   * How the server starts.
   * @default - exec form, no memory locking, literal model id
   */
  readonly launch?: LaunchOptions;
  /**
   * CPU and memory of the server container (GPUs come from `tensorParallel`).
   * @default - requests 8 CPU / 64Gi, limits 16 CPU / 128Gi
   */
  readonly resources?: ComputeResources;
  /**
   * Size of the in-memory `/dev/shm` (NCCL and the multimodal processor use it).
   * @default Size.gibibytes(40)
   */
  readonly sharedMemory?: Size;
  /**
   * Forbid Hugging Face Hub look-ups at run time (`HF_HUB_OFFLINE=1`).
   * @default true
   */
  readonly offline?: boolean;
  /**
   * An existing Secret whose keys become the server's environment (e.g. `HF_TOKEN`).
   * @default - none
   */
  readonly hfTokenSecret?: string;
  /**
   * Seconds a rollout may take before it is reported failed: image pull, weight load, compilation and
   * CUDA graph capture take well over Kubernetes' 600 s default on first start.
   * @default 1800
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Image.
   * @default - the hardware profile's image (the Dynamo vLLM runtime ships `vllm`)
   */
  readonly image?: string;
  /**
   * Labels of every object; the pod selector uses them too.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Port `vllm serve` listens on and the Service exposes. */
export const VLLM_SERVE_PORT = 8000;

/**
 * The plain `vllm serve` baseline: a Deployment and a ClusterIP Service on port 8000, no Dynamo components.
 *
 * The pod is built from the Kubernetes L1 classes, not cdk8s-plus's `Deployment`: its defaults
 * (non-root, read-only root filesystem, fixed CPU/memory limits, a TCP startup probe, two replicas,
 * `imagePullPolicy: Always`) break a GPU server. The Service is a cdk8s-plus `Service`.
 */
export class VllmServe extends Construct {
  /** Name of the Deployment and of the Service. */
  public readonly name: string;
  /** The Service's in-cluster URL (`http://<name>:8000`). */
  public readonly url: string;
  /** The Service. */
  public readonly service: kplus.Service;
  /** GPUs it asks for, for fit checks. */
  public readonly gpuDemand: readonly { role: 'worker'; replicas: number; tensorParallel: number }[];

  public constructor(scope: Construct, id: string, props: VllmServeProps) {
    super(scope, id);
    const checks = new PropChecks(`VllmServe ${props.name}`)
      .dnsLabel('name', props.name)
      .integer('replicas', props.replicas, 1, 1024)
      .integer('tensorParallel', props.tensorParallel, 1, 72)
      .integer('progressDeadlineSeconds', props.progressDeadlineSeconds, 60, 86400);
    checkEngineOptions(checks, 'engine', props.engine);
    checks.throwIfAny();
    this.name = props.name;
    this.url = `http://${props.name}:${VLLM_SERVE_PORT}`;
    const tp = props.tensorParallel ?? 1;
    const replicas = props.replicas ?? 1;
    this.gpuDemand = [{ role: 'worker', replicas, tensorParallel: tp }];
    const labels = { ...props.labels };
    const launch = props.launch ?? {};
    const program = ['vllm', 'serve', launch.modelFromEnv ? envRef('MODEL_NAME') : props.model.id];
    const rendered = renderLaunch(program, [
      ['--host', '0.0.0.0'],
      ['--port', String(VLLM_SERVE_PORT)],
      ...engineArgs(props.engine ?? {}, tp, VllmServer.VLLM_SERVE),
    ], launch);
    const { volumes, volumeMounts } = podVolumes([
      { volume: props.caches.model, mountPath: MountPaths.HF_HOME },
      ...(props.caches.compilation ? [{ volume: props.caches.compilation, mountPath: MountPaths.VLLM_CACHE }] : []),
    ]);
    const resources = props.resources ?? { requests: { cpu: '8', memory: '64Gi' }, limits: { cpu: '16', memory: '128Gi' } };
    const gpu = k8s.Quantity.fromString(String(tp));
    const quantities = (r?: { cpu?: string; memory?: string }): Record<string, k8s.Quantity> => ({
      ...(r?.cpu ? { cpu: k8s.Quantity.fromString(r.cpu) } : {}),
      ...(r?.memory ? { memory: k8s.Quantity.fromString(r.memory) } : {}),
    });
    const rdma = props.hardware.rdma
      ? { [props.hardware.rdma.resource]: k8s.Quantity.fromString(String(props.hardware.rdma.count)) }
      : {};
    const nodeSelector = podNodeSelector(props.hardware);
    const env: k8s.EnvVar[] = [
      ...(launch.modelFromEnv ? [{ name: 'MODEL_NAME', value: props.model.id }] : []),
      { name: 'HF_HOME', value: MountPaths.HF_HOME },
      ...(props.caches.compilation ? [{ name: 'VLLM_CACHE_ROOT', value: MountPaths.VLLM_CACHE }] : []),
      ...((props.offline ?? true) ? [{ name: 'HF_HUB_OFFLINE', value: '1' }] : []),
    ];

    new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: props.name, labels },
      spec: {
        replicas,
        progressDeadlineSeconds: props.progressDeadlineSeconds ?? 1800,
        // Never two servers on the GPUs at once: the old pod goes before the new one starts.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Always',
            ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
            ...(props.hardware.tolerations.length > 0 ? { tolerations: props.hardware.tolerations.map((t) => ({ ...t })) } : {}),
            // The runtime image writes its caches as root.
            securityContext: { runAsUser: 0 },
            containers: [{
              name: 'vllm',
              image: props.image ?? props.hardware.image,
              imagePullPolicy: 'IfNotPresent',
              workingDir: '/workspace',
              // The Deployment form keeps the whole start-up in `command`.
              command: [...rendered.command, ...rendered.args],
              env,
              envFrom: props.hfTokenSecret ? [{ secretRef: { name: props.hfTokenSecret } }] : undefined,
              ports: [{ name: 'http', containerPort: VLLM_SERVE_PORT, protocol: 'TCP' }],
              readinessProbe: {
                httpGet: { path: '/v1/models', port: k8s.IntOrString.fromNumber(VLLM_SERVE_PORT) },
                initialDelaySeconds: 60,
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 60,
              },
              resources: {
                requests: { ...quantities(resources.requests), 'nvidia.com/gpu': gpu },
                limits: { ...quantities(resources.limits), 'nvidia.com/gpu': gpu, ...rdma },
              },
              ...(launch.lockMemory ? { securityContext: { capabilities: { add: [...LOCK_MEMORY_CAPABILITIES] } } } : {}),
              volumeMounts: [...volumeMounts, { name: 'shm', mountPath: '/dev/shm' }],
            }],
            volumes: [
              ...volumes,
              { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString(`${(props.sharedMemory ?? Size.gibibytes(40)).toGibibytes()}Gi`) } },
            ],
          },
        },
      },
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: props.name, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: 'http', port: VLLM_SERVE_PORT, targetPort: VLLM_SERVE_PORT, protocol: kplus.Protocol.TCP }],
    });
    for (const [key, value] of Object.entries(labels)) this.service.selectLabel(key, value);
  }
}
