import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DynamoGraphDeployment,
  DynamoGraphDeploymentSpecServices,
  DynamoGraphDeploymentSpecServicesSharedMemorySize,
  DynamoGraphDeploymentSpecServicesExtraPodSpecMainContainerEnv as ContainerEnv,
  DynamoGraphDeploymentSpecServicesExtraPodSpecTolerations as DgdToleration,
  DynamoGraphDeploymentSpecServicesVolumeMounts as DgdVolumeMount,
} from '../../imports/nvidia.com';
import { HardwareProfile, podNodeSelector } from '../hw';
import { ModelDefinition } from '../models';
import { CacheVolume, MountPaths } from './cache-volume';
import { PropChecks } from './checks';
import { CliArg, envRef } from './cli-args';
import { LaunchOptions, LOCK_MEMORY_CAPABILITIES, renderLaunch } from './launch';
import { checkSglangOptions, mergeSglangOptions, SGLANG_KV_EVENTS_CONFIG, sglangEngineArgs, SglangOptions } from './sglang-options';
import {
  checkTrtllmOptions, mergeTrtllmOptions, TRTLLM_CONFIG_MOUNT, TRTLLM_CONFIG_VOLUME, TrtllmEagleDecodingType, trtllmEngineYaml, TrtllmOptions, trtllmWorkerArgs,
} from './trtllm-engine';
import { checkEngineOptions, engineArgs, mergeEngineOptions, VllmEngineOptions, VllmServer } from './vllm-engine';
import { Backend, DEFAULT_SERVICE_NAMES, runtimeImage, ServiceNames, WORKER_MODULES } from './worker-backend';

/** How the Dynamo frontend picks a worker for a request (`--router-mode`). */
export enum RouterMode {
  /** Cycle through workers (the frontend's default). */
  ROUND_ROBIN = 'round-robin',
  /** Pick a worker at random. */
  RANDOM = 'random',
  /** KV-aware: prefer the worker that already holds the request's prefix blocks (workers publish KV events). */
  KV = 'kv',
}

/** Transport between the frontend and the workers (`DYN_REQUEST_PLANE`). */
export enum RequestPlane {
  /** Direct TCP; needed for large multimodal payloads. */
  TCP = 'tcp',
  /** NATS. */
  NATS = 'nats',
}

/** A pool of identical workers. */
export interface WorkerPool {
  /** Number of workers. */
  readonly replicas: number;
  /** Tensor-parallel size of each engine (vLLM `--tensor-parallel-size`, SGLang `--tp`, TensorRT-LLM `tensor_parallel_size`). */
  readonly tensorParallel: number;
  /**
   * Data parallelism. On vLLM, data-parallel engines per worker (`--data-parallel-size`): a worker spans
   * `tensorParallel × dataParallel` GPUs. On SGLang and TensorRT-LLM, data-parallel attention runs inside the TP
   * group (SGLang `--dp N --enable-dp-attention`, TensorRT-LLM `enable_attention_dp: true`): it must be 1 or equal
   * `tensorParallel`, and the worker spans `tensorParallel` GPUs.
   * With {@link expertParallel}, this is WideEP: attention data-parallel, MoE experts spread over every GPU.
   * @default 1
   */
  readonly dataParallel?: number;
  /**
   * Spread MoE experts over the worker's GPUs instead of sharding each expert (vLLM `--enable-expert-parallel`,
   * SGLang `--ep-size <TP>`, TensorRT-LLM `moe_expert_parallel_size: <TP>`).
   * @default false
   */
  readonly expertParallel?: boolean;
  /**
   * Nodes one worker spans (`multinode.nodeCount`); its GPUs are split evenly over them and the operator wires
   * the ranks together (it injects the node rank, leader address and data-parallel addresses: never add them).
   * @default 1
   */
  readonly nodes?: number;
  /**
   * vLLM engine options of this pool, on top of the graph's shared {@link DynamoGraphProps.engine}.
   * @default - the shared options only
   */
  readonly engine?: VllmEngineOptions;
  /**
   * TensorRT-LLM options of this pool, on top of the graph's shared {@link DynamoGraphProps.trtllm}.
   * @default - the shared options only
   */
  readonly trtllm?: TrtllmOptions;
  /**
   * SGLang options of this pool, on top of the graph's shared {@link DynamoGraphProps.sglang}.
   * @default - the shared options only
   */
  readonly sglang?: SglangOptions;
  /**
   * Further environment variables of this pool's workers, after the graph's {@link DynamoGraphProps.workerEnv}.
   * @default {}
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Annotations of this pool's pods (e.g. Prometheus scrape hints).
   * @default - none
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** Aggregated serving: every worker does prefill and decode. */
export interface AggregatedTopology {
  readonly kind: 'aggregated';
  /** The workers. */
  readonly workers: WorkerPool;
  /**
   * Publish the pool as the `decode` sub-component (service `VllmDecodeWorker`), as upstream qwen3-32b's
   * aggregated baseline does, so dashboards group it with decode pools.
   * @default false
   */
  readonly labelAsDecode?: boolean;
}

/** Disaggregated serving: prefill and decode in separate pools, KV blocks moved between them with NIXL. */
export interface DisaggregatedTopology {
  readonly kind: 'disaggregated';
  /** Prefill workers. */
  readonly prefill: WorkerPool;
  /** Decode workers. */
  readonly decode: WorkerPool;
}

/** The worker layout of a graph. */
export type Topology = AggregatedTopology | DisaggregatedTopology;

/** Builders for {@link Topology}. */
export const Topologies = {
  /** `replicas` aggregated workers of `tensorParallel` GPUs each. */
  aggregated(workers: WorkerPool, options: { readonly labelAsDecode?: boolean } = {}): AggregatedTopology {
    return { kind: 'aggregated', workers, ...options };
  },
  /** `prefill.replicas` prefill workers and `decode.replicas` decode workers, each with its own TP. */
  disaggregated(prefill: WorkerPool, decode: WorkerPool): DisaggregatedTopology {
    return { kind: 'disaggregated', prefill, decode };
  },
};

/** The role of a GPU worker pool. */
export type WorkerRole = 'worker' | 'prefill' | 'decode';

/** What one pool asks of the hardware; used by fit checks. */
export interface GpuDemand {
  /** Role of the pool. */
  readonly role: WorkerRole;
  /** Workers in the pool. */
  readonly replicas: number;
  /** Tensor-parallel size of each engine. */
  readonly tensorParallel: number;
  /**
   * GPUs of one worker (TP × DP).
   * @default tensorParallel
   */
  readonly gpusPerWorker?: number;
  /**
   * Nodes one worker spans.
   * @default 1
   */
  readonly nodesPerWorker?: number;
  /**
   * Host memory one worker's pod asks for on its node, in GiB (host KV cache tiers).
   * @default 0
   */
  readonly hostMemoryGiB?: number;
}

/** CPU and memory of a container (GPUs come from the topology). */
export interface ComputeResources {
  /**
   * Requests.
   * @default - none
   */
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  /**
   * Limits.
   * @default - none
   */
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** Multimodal serving options (vision-language models). */
export interface MultimodalOptions {
  /**
   * Decode images in the Rust frontend and send embeddings-ready tensors to the worker (`--frontend-decoding`).
   * Aggregated topologies only.
   * @default false
   */
  readonly frontendDecoding?: boolean;
  /**
   * Per-worker cache of vision-encoder outputs in GiB (`--multimodal-embedding-cache-capacity-gb`, set from
   * `DYN_MULTIMODAL_EMBEDDING_CACHE_GB`). `0` configures the cache and turns it off (an A/B control);
   * leaving it unset configures nothing.
   * @default - not configured
   */
  readonly embeddingCacheGiB?: number;
  /**
   * How cached embeddings move between workers (`DYN_VLLM_EMBEDDING_TRANSFER_MODE`), when the cache is configured.
   * @default 'nixl-write'
   */
  readonly embeddingTransferMode?: string;
  /**
   * Allow image URLs that resolve to internal addresses (`DYN_MM_ALLOW_INTERNAL=1`).
   * @default true
   */
  readonly allowInternalUrls?: boolean;
}

/** The Dynamo frontend. */
export interface FrontendOptions {
  /**
   * Routing policy. Unset leaves the frontend's default (round-robin) and writes no `--router-mode`.
   * @default - the frontend's default
   */
  readonly routerMode?: RouterMode;
  /**
   * Drop router state left from an earlier deployment at start-up (`--router-reset-states`).
   * @default false
   */
  readonly routerResetStates?: boolean;
  /**
   * Largest request body in MiB (`DYN_HTTP_BODY_LIMIT_MB`), for base64 images.
   * @default - the frontend's default
   */
  readonly httpBodyLimitMiB?: number;
  /**
   * CPU and memory.
   * @default - requests and limits of 1 CPU
   */
  readonly resources?: ComputeResources;
}

/** Caches the workers mount. DGD volume mounts take whole claims (no sub-directories). */
export interface GraphCaches {
  /** Hugging Face cache, mounted at `HF_HOME`. */
  readonly model: CacheVolume;
  /**
   * vLLM compilation cache, mounted at `~/.cache/vllm` with `useAsCompilationCache`.
   * @default - not persisted: each pod compiles again
   */
  readonly compilation?: CacheVolume;
}

/** Speculative decoding methods. */
export enum SpeculativeMethod {
  /** EAGLE-3 draft heads (a separate draft model). */
  EAGLE3 = 'eagle3',
}

/** Speculative decoding: a draft model proposes tokens, the target model verifies them in one step. */
export interface SpeculativeDecoding {
  /** Method. */
  readonly method: SpeculativeMethod;
  /** Hugging Face id of the draft model (its weights must be in the model cache, see `Comparison.extraModels`). */
  readonly draftModel: string;
  /** Tokens proposed per step (TensorRT-LLM `max_draft_len`). */
  readonly numSpeculativeTokens: number;
  /**
   * TensorRT-LLM only: `speculative_config.decoding_type` (upstream writes `Eagle` in P/D graphs, `Eagle3` in aggregated ones).
   * @default TrtllmEagleDecodingType.EAGLE3
   */
  readonly trtllmDecodingType?: TrtllmEagleDecodingType;
}

/**
 * A DRA resource claim on a GB200 ComputeDomain channel, so multi-node workers get NVLink peer memory across
 * trays (IMEX). Create the ComputeDomain first; its `spec.channel.resourceClaimTemplate.name` is the template.
 */
export interface ComputeDomainClaim {
  /** Name of the ComputeDomain's ResourceClaimTemplate (`resourceClaimTemplateName`): a site value. */
  readonly resourceClaimTemplateName: string;
  /**
   * Name of the claim in the pod (`resourceClaims[].name`, `resources.claims[].name`).
   * @default 'compute-domain-channel'
   */
  readonly claimName?: string;
}

/** KV cache offload to a host-memory tier (Dynamo KVBM). */
export interface KvOffload {
  /** Host-memory KV cache per worker in GiB (`DYN_KVBM_CPU_CACHE_GB`); the pod's memory request grows by it. */
  readonly hostCacheGiB: number;
}

/** KVBM's vLLM connector: offloads KV blocks to host memory. */
export const KVBM_CONNECTOR = { kv_connector: 'DynamoConnector', kv_role: 'kv_both', kv_connector_module_path: 'kvbm.vllm_integration.connector' } as const;

/** Props of {@link DynamoGraph}. */
export interface DynamoGraphProps {
  /** `metadata.name`; the operator derives `<name>-frontend` (the Service on port 8000) and per-service names from it. */
  readonly name: string;
  /** The model served. */
  readonly model: ModelDefinition;
  /** Hardware: image, node selector, tolerations and RDMA resources of every pod. */
  readonly hardware: HardwareProfile;
  /** Worker layout. */
  readonly topology: Topology;
  /** Caches the workers mount. */
  readonly caches: GraphCaches;
  /**
   * The engine behind the workers: it picks the worker module, the spelling of model and parallelism flags, the
   * default service names and the runtime image. The graph itself is the same for every backend.
   * @default Backend.VLLM
   */
  readonly backend?: Backend;
  /**
   * DGD service names of the worker roles.
   * @default - the backend's ({@link DEFAULT_SERVICE_NAMES})
   */
  readonly serviceNames?: ServiceNames;
  /**
   * vLLM engine options shared by every worker; pools may override them. vLLM only.
   * @default {}
   */
  readonly engine?: VllmEngineOptions;
  /**
   * TensorRT-LLM options shared by every worker; pools may override them. Each role's engine settings are
   * rendered to `<role>.yaml` (`agg`, `prefill`, `decode`) in a ConfigMap `<name>-trtllm-config`, mounted read-only
   * at `/config` and passed as `--extra-engine-args /config/<role>.yaml`. TensorRT-LLM only.
   * @default {}
   */
  readonly trtllm?: TrtllmOptions;
  /**
   * SGLang options shared by every worker; pools may override them. SGLang only.
   * @default {}
   */
  readonly sglang?: SglangOptions;
  /**
   * Workers publish KV cache events for the KV router: vLLM and SGLang `--kv-events-config` on the roles that
   * prefill, TensorRT-LLM `--publish-events-and-metrics` on every role (what upstream recipes use; newer runtimes
   * also accept the alias `--publish-kv-events`).
   * @default - on when the frontend routes with RouterMode.KV
   */
  readonly kvEvents?: boolean;
  /**
   * Claim a GB200 ComputeDomain channel in every worker pod (`extraPodSpec.resourceClaims` + `resources.claims`).
   * @default - none
   */
  readonly computeDomain?: ComputeDomainClaim;
  /**
   * Frontend options.
   * @default {}
   */
  readonly frontend?: FrontendOptions;
  /**
   * Multimodal serving (`--enable-multimodal` and its features).
   * @default - text only
   */
  readonly multimodal?: MultimodalOptions;
  /**
   * Speculative decoding on every worker (prefill and decode alike, so the draft layers' KV layout matches for NIXL).
   * @default - off
   */
  readonly speculative?: SpeculativeDecoding;
  /**
   * KV cache offload to host memory. Aggregated workers use KVBM's connector; in a disaggregated graph the prefill
   * workers combine it with NIXL (`PdConnector`) and the decode workers keep NIXL alone.
   * @default - off
   */
  readonly kvOffload?: KvOffload;
  /**
   * Size of each worker's `/dev/shm` in GiB (`sharedMemory.size`).
   * @default - the operator's default
   */
  readonly sharedMemoryGiB?: number;
  /**
   * How workers start.
   * @default - exec form, no memory locking, literal model id
   */
  readonly launch?: LaunchOptions;
  /**
   * Frontend ↔ worker transport: `DYN_REQUEST_PLANE` on every service with vLLM, `--request-plane` on the frontend
   * and every worker with SGLang and TensorRT-LLM (as their upstream recipes write it).
   * @default - the runtime's default
   */
  readonly requestPlane?: RequestPlane;
  /**
   * Forbid Hugging Face Hub look-ups at run time (`HF_HUB_OFFLINE=1`): weights come from the cache only.
   * @default false
   */
  readonly offline?: boolean;
  /**
   * Dynamo's worker health checks (`DYN_HEALTH_CHECK_ENABLED=false` when off).
   * @default true
   */
  readonly healthChecks?: boolean;
  /**
   * An existing Secret whose keys become the workers' environment (`envFromSecret`), e.g. `HF_TOKEN`.
   * @default - none
   */
  readonly hfTokenSecret?: string;
  /**
   * Further environment variables of every worker.
   * @default {}
   */
  readonly workerEnv?: Readonly<Record<string, string>>;
  /**
   * Image of every service.
   * @default - the hardware profile's image
   */
  readonly image?: string;
  /**
   * Labels of the DynamoGraphDeployment.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** NIXL KV transfer between prefill and decode workers (mandatory for disaggregation since Dynamo 1.4). */
export const NIXL_KV_TRANSFER_CONFIG = { kv_connector: 'NixlConnector', kv_role: 'kv_both' } as const;
/** KV cache events the KV router consumes, published over ZMQ. */
export const KV_EVENTS_CONFIG = { publisher: 'zmq', topic: 'kv-events', endpoint: 'tcp://*:20080', enable_kv_cache_events: true } as const;
/**
 * Annotations every graph carries so that deployment tools wait until it serves: Pulumi's `pulumi.com/waitFor`
 * reads the operator's `status.state` (`initializing` | `pending` | `successful` | `failed`), the same check as
 * `kubectl wait --for=jsonpath='{.status.state}'=successful`. Written by synth too, so Pulumi and `cdk8s synth`
 * apply the very same object.
 */
export const GRAPH_READY_ANNOTATIONS: Readonly<Record<string, string>> = { 'pulumi.com/waitFor': 'jsonpath={.status.state}=successful' };

/** Port of the frontend Service the operator creates. */
export const FRONTEND_PORT = 8000;

/**
 * A Dynamo `DynamoGraphDeployment` serving one vLLM model: a frontend and aggregated or disaggregated
 * worker pools. Every worker's arguments derive from one model, one set of shared engine options and the
 * pool's overrides; the hardware profile supplies image, placement and RDMA resources.
 */
export class DynamoGraph extends Construct {
  /** `metadata.name` of the DynamoGraphDeployment. */
  public readonly name: string;
  /** The in-cluster URL of the frontend Service the operator creates (`http://<name>-frontend:8000`). */
  public readonly url: string;
  /** The frontend Service's name. */
  public readonly frontendServiceName: string;
  /** GPU pools, for fit checks. */
  public readonly gpuDemand: readonly GpuDemand[];
  /** The underlying API object. */
  public readonly resource: DynamoGraphDeployment;
  /** The backend of the workers. */
  public readonly backend: Backend;
  /** The TensorRT-LLM engine files (`<role>.yaml`), when the backend is TensorRT-LLM. */
  public readonly engineConfig?: ApiObject;
  /** Engine files by role file name, filled while the worker services are built. */
  private readonly engineFiles: Record<string, string> = {};

  public constructor(scope: Construct, id: string, private readonly props: DynamoGraphProps) {
    super(scope, id);
    this.name = props.name;
    this.backend = props.backend ?? Backend.VLLM;
    this.frontendServiceName = `${props.name}-frontend`;
    this.url = `http://${this.frontendServiceName}:${FRONTEND_PORT}`;
    const topology = props.topology;
    checkGraphProps(props);
    const names = { ...DEFAULT_SERVICE_NAMES[this.backend], ...props.serviceNames };
    const services: Record<string, DynamoGraphDeploymentSpecServices> = { Frontend: this.frontendService() };
    if (topology.kind === 'aggregated') {
      const role: WorkerRole = topology.labelAsDecode ? 'decode' : 'worker';
      this.gpuDemand = [this.demand(topology.workers, role, false)];
      services[topology.labelAsDecode ? names.decode : names.worker] = this.workerService(topology.workers, role, false);
    } else {
      this.gpuDemand = [this.demand(topology.prefill, 'prefill', true), this.demand(topology.decode, 'decode', true)];
      services[names.prefill] = this.workerService(topology.prefill, 'prefill', true);
      services[names.decode] = this.workerService(topology.decode, 'decode', true);
    }
    if (this.backend === Backend.TRTLLM) {
      this.engineConfig = new ApiObject(this, 'EngineConfig', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: this.engineConfigName, labels: { ...props.labels } },
        data: { ...this.engineFiles },
      });
    }
    this.resource = new DynamoGraphDeployment(this, 'Resource', {
      metadata: { name: props.name, labels: { ...props.labels }, annotations: { ...GRAPH_READY_ANNOTATIONS } },
      spec: {
        pvcs: this.claimNames().map((name) => ({ name, create: false })),
        services,
      },
    });
  }

  /** Name of the TensorRT-LLM engine-file ConfigMap. */
  private get engineConfigName(): string {
    return `${this.props.name}-trtllm-config`;
  }

  private demand(pool: WorkerPool, role: WorkerRole, disaggregated: boolean): GpuDemand {
    return {
      role,
      replicas: pool.replicas,
      tensorParallel: pool.tensorParallel,
      gpusPerWorker: gpusOf(pool, this.backend),
      nodesPerWorker: pool.nodes ?? 1,
      hostMemoryGiB: this.offloads(role, disaggregated) ? hostMemoryOf(this.props.kvOffload!).requests : 0,
    };
  }

  /** Whether this role's workers offload KV blocks to host memory (decode workers of a P/D graph do not). */
  private offloads(role: WorkerRole, disaggregated: boolean): boolean {
    return this.props.kvOffload !== undefined && !(disaggregated && role === 'decode');
  }

  /** Whether the request plane is passed as a flag (SGLang, TensorRT-LLM) instead of `DYN_REQUEST_PLANE`. */
  private get requestPlaneFlag(): boolean {
    return this.props.requestPlane !== undefined && this.backend !== Backend.VLLM;
  }

  /** Whether workers publish KV events. */
  private get kvEvents(): boolean {
    return this.props.kvEvents ?? this.props.frontend?.routerMode === RouterMode.KV;
  }

  private get image(): string {
    return this.props.image ?? runtimeImage(this.props.hardware, this.backend);
  }

  private placement(): { nodeSelector?: Record<string, string>; tolerations?: DgdToleration[] } {
    const nodeSelector = podNodeSelector(this.props.hardware);
    const tolerations = this.props.hardware.tolerations;
    return {
      ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
      ...(tolerations.length > 0 ? { tolerations: tolerations.map((t) => ({ ...t })) } : {}),
    };
  }

  private claimNames(): string[] {
    const { model, compilation } = this.props.caches;
    return [...new Set([model.claimName, ...(compilation ? [compilation.claimName] : [])])];
  }

  private frontendService(): DynamoGraphDeploymentSpecServices {
    const frontend = this.props.frontend ?? {};
    const args: string[] = [
      ...(frontend.routerMode ? ['--router-mode', frontend.routerMode] : []),
      ...(frontend.routerResetStates ? ['--router-reset-states'] : []),
      ...(this.requestPlaneFlag ? ['--request-plane', this.props.requestPlane!] : []),
    ];
    const resources = frontend.resources ?? { requests: { cpu: '1' }, limits: { cpu: '1' } };
    return {
      componentType: 'frontend',
      replicas: 1,
      envs: [
        { name: 'HF_HOME', value: MountPaths.HF_HOME },
        ...(this.props.requestPlane && !this.requestPlaneFlag ? [{ name: 'DYN_REQUEST_PLANE', value: this.props.requestPlane }] : []),
        ...(frontend.httpBodyLimitMiB !== undefined ? [{ name: 'DYN_HTTP_BODY_LIMIT_MB', value: String(frontend.httpBodyLimitMiB) }] : []),
      ],
      extraPodSpec: {
        ...this.placement(),
        mainContainer: {
          image: this.image,
          imagePullPolicy: 'IfNotPresent',
          workingDir: '/workspace',
          ...(args.length > 0 ? { command: ['python3', '-m', 'dynamo.frontend'], args } : {}),
        },
      },
      resources: {
        ...(resources.requests ? { requests: { ...resources.requests } } : {}),
        ...(resources.limits ? { limits: { ...resources.limits } } : {}),
      },
    };
  }

  /** The model flags: vLLM `--model`, SGLang and TensorRT-LLM `--model-path` and `--served-model-name`. */
  private modelArgs(): CliArg[] {
    const { model, launch } = this.props;
    const id = launch?.modelFromEnv ? envRef('MODEL_NAME') : model.id;
    return this.backend === Backend.VLLM ? [['--model', id]] : [['--model-path', id], ['--served-model-name', id]];
  }

  /** The worker's options, per backend. */
  private workerArgs(pool: WorkerPool, role: WorkerRole, disaggregated: boolean): CliArg[] {
    switch (this.backend) {
      case Backend.TRTLLM: return this.trtllmArgs(pool, role, disaggregated);
      case Backend.SGLANG: return this.sglangArgs(pool, role, disaggregated);
      default: return this.vllmArgs(pool, role, disaggregated);
    }
  }

  /** vLLM worker options: model, disaggregation, multimodal features, engine, KV events. */
  private vllmArgs(pool: WorkerPool, role: WorkerRole, disaggregated: boolean): CliArg[] {
    const { multimodal } = this.props;
    const args: CliArg[] = this.modelArgs();
    const offload = this.offloads(role, disaggregated);
    if (disaggregated) args.push(['--disaggregation-mode', role]);
    const connector = kvConnector(disaggregated, offload);
    if (connector) args.push(['--kv-transfer-config', JSON.stringify(connector)]);
    if (this.props.kvOffload && disaggregated) args.push(['--disable-hybrid-kv-cache-manager']);
    if (multimodal) {
      args.push(['--enable-multimodal']);
      if (multimodal.frontendDecoding) args.push(['--frontend-decoding']);
      if (multimodal.embeddingCacheGiB !== undefined) {
        args.push(['--multimodal-embedding-cache-capacity-gb', envRef('DYN_MULTIMODAL_EMBEDDING_CACHE_GB')]);
      }
    }
    const engine = mergeEngineOptions(this.props.engine, pool.engine);
    args.push(...engineArgs(engine, pool.tensorParallel, VllmServer.DYNAMO));
    if ((pool.dataParallel ?? 1) > 1) args.push(['--data-parallel-size', String(pool.dataParallel)]);
    if (pool.expertParallel) args.push(['--enable-expert-parallel']);
    const spec = this.props.speculative;
    if (spec) {
      args.push(['--speculative-config', JSON.stringify({ method: spec.method, model: spec.draftModel, num_speculative_tokens: spec.numSpeculativeTokens })]);
    }
    // The KV router learns which worker holds which prefix from the KV events of the workers that prefill.
    if (this.kvEvents && role !== 'decode') {
      args.push(['--kv-events-config', JSON.stringify(KV_EVENTS_CONFIG)]);
    }
    return args;
  }

  /**
   * TensorRT-LLM worker options, in upstream's order: model, engine file, disaggregation, KV events, request plane,
   * KV block size, parsers. Renders the role's engine file as a side effect.
   */
  private trtllmArgs(pool: WorkerPool, role: WorkerRole, disaggregated: boolean): CliArg[] {
    const options = mergeTrtllmOptions(this.props.trtllm, pool.trtllm);
    const spec = this.props.speculative;
    const file = `${role === 'worker' ? 'agg' : role}.yaml`;
    this.engineFiles[file] = trtllmEngineYaml(options.engine ?? {}, {
      tensorParallel: pool.tensorParallel,
      moeExpertParallel: pool.expertParallel ? pool.tensorParallel : undefined,
      attentionDataParallel: (pool.dataParallel ?? 1) > 1,
      hostCacheBytes: this.offloads(role, disaggregated) ? this.props.kvOffload!.hostCacheGiB * 2 ** 30 : undefined,
      speculative: spec && { decodingType: spec.trtllmDecodingType ?? TrtllmEagleDecodingType.EAGLE3, maxDraftLen: spec.numSpeculativeTokens, draftModel: spec.draftModel },
    });
    const args: CliArg[] = [...this.modelArgs(), ['--extra-engine-args', `${TRTLLM_CONFIG_MOUNT}/${file}`]];
    if (disaggregated) args.push(['--disaggregation-mode', role]);
    // Deprecated alias of `--publish-kv-events` in newer runtimes; the upstream recipes at HEAD still write it.
    if (this.kvEvents) args.push(['--publish-events-and-metrics']);
    if (this.requestPlaneFlag) args.push(['--request-plane', this.props.requestPlane!]);
    args.push(...trtllmWorkerArgs(options));
    return args;
  }

  /** SGLang worker options: model, parallelism and engine flags, disaggregation over NIXL, KV events. */
  private sglangArgs(pool: WorkerPool, role: WorkerRole, disaggregated: boolean): CliArg[] {
    const options = mergeSglangOptions(this.props.sglang, pool.sglang);
    const args: CliArg[] = [...this.modelArgs(), ...sglangEngineArgs(options, pool.tensorParallel, pool.dataParallel ?? 1, pool.expertParallel ?? false)];
    if (disaggregated) {
      args.push(['--disaggregation-mode', role], ['--disaggregation-transfer-backend', 'nixl'],
        ['--disaggregation-bootstrap-port', String(options.bootstrapPort ?? SGLANG_BOOTSTRAP_PORT)]);
    }
    if (this.kvEvents && role !== 'decode') args.push(['--kv-events-config', JSON.stringify(SGLANG_KV_EVENTS_CONFIG)]);
    if (this.requestPlaneFlag) args.push(['--request-plane', this.props.requestPlane!]);
    return args;
  }

  private workerEnv(pool: WorkerPool, offload: boolean): ContainerEnv[] {
    const p = this.props;
    const mm = p.multimodal;
    const env: Array<[string, string | undefined]> = [
      ['MODEL_NAME', p.launch?.modelFromEnv ? p.model.id : undefined],
      ['HF_HOME', MountPaths.HF_HOME],
      ['HF_HUB_OFFLINE', p.offline ? '1' : undefined],
      ['DYN_REQUEST_PLANE', this.requestPlaneFlag ? undefined : p.requestPlane],
      ['DYN_VLLM_EMBEDDING_TRANSFER_MODE', mm?.embeddingCacheGiB !== undefined ? (mm.embeddingTransferMode ?? 'nixl-write') : undefined],
      ['DYN_MULTIMODAL_EMBEDDING_CACHE_GB', mm?.embeddingCacheGiB !== undefined ? String(mm.embeddingCacheGiB) : undefined],
      ['DYN_MM_ALLOW_INTERNAL', mm && (mm.allowInternalUrls ?? true) ? '1' : undefined],
      ['DYN_HEALTH_CHECK_ENABLED', p.healthChecks === false ? 'false' : undefined],
      // KVBM's host tier (vLLM); TensorRT-LLM sizes its own in the engine file.
      ['DYN_KVBM_CPU_CACHE_GB', offload && this.backend === Backend.VLLM ? String(p.kvOffload?.hostCacheGiB) : undefined],
      ...Object.entries(p.workerEnv ?? {}),
      ...Object.entries(pool.env ?? {}),
    ];
    return env.filter((e): e is [string, string] => e[1] !== undefined).map(([name, value]) => ({ name, value }));
  }

  private workerService(pool: WorkerPool, role: WorkerRole, disaggregated: boolean): DynamoGraphDeploymentSpecServices {
    const { hardware, caches, launch, computeDomain } = this.props;
    const rendered = renderLaunch(['python3', '-m', WORKER_MODULES[this.backend]], this.workerArgs(pool, role, disaggregated), launch);
    const nodes = pool.nodes ?? 1;
    // DGD resources are per pod, and a multi-node worker has one pod per node.
    const gpus = String(gpusOf(pool, this.backend) / nodes);
    const offload = this.offloads(role, disaggregated);
    const memory = offload ? hostMemoryOf(this.props.kvOffload!) : undefined;
    const volumeMounts: DgdVolumeMount[] = [
      { name: caches.model.claimName, mountPoint: MountPaths.HF_HOME },
      ...(caches.compilation ? [{ name: caches.compilation.claimName, mountPoint: MountPaths.VLLM_CACHE, useAsCompilationCache: true }] : []),
    ];
    const trtllm = this.backend === Backend.TRTLLM;
    const claim = computeDomain ? computeDomain.claimName ?? DEFAULT_COMPUTE_DOMAIN_CLAIM : undefined;
    return {
      componentType: 'worker',
      ...(role !== 'worker' ? { subComponentType: role } : {}),
      replicas: pool.replicas,
      ...(nodes > 1 ? { multinode: { nodeCount: nodes } } : {}),
      ...(this.props.sharedMemoryGiB !== undefined ? { sharedMemory: { size: DynamoGraphDeploymentSpecServicesSharedMemorySize.fromString(`${this.props.sharedMemoryGiB}Gi`) } } : {}),
      ...(this.props.hfTokenSecret ? { envFromSecret: this.props.hfTokenSecret } : {}),
      ...(pool.podAnnotations ? { extraPodMetadata: { annotations: { ...pool.podAnnotations } } } : {}),
      extraPodSpec: {
        ...this.placement(),
        ...(trtllm ? { volumes: [{ name: TRTLLM_CONFIG_VOLUME, configMap: { name: this.engineConfigName } }] } : {}),
        ...(computeDomain ? { resourceClaims: [{ name: claim!, resourceClaimTemplateName: computeDomain.resourceClaimTemplateName }] } : {}),
        mainContainer: {
          image: this.image,
          imagePullPolicy: 'IfNotPresent',
          workingDir: '/workspace',
          command: rendered.command,
          args: rendered.args,
          env: this.workerEnv(pool, offload),
          ...(trtllm ? { volumeMounts: [{ name: TRTLLM_CONFIG_VOLUME, mountPath: TRTLLM_CONFIG_MOUNT, readOnly: true }] } : {}),
          ...(launch?.lockMemory ? { securityContext: { capabilities: { add: [...LOCK_MEMORY_CAPABILITIES] } } } : {}),
        },
      },
      resources: {
        requests: { gpu: gpus, ...(memory ? { memory: `${memory.requests}Gi` } : {}) },
        limits: {
          gpu: gpus,
          ...(memory ? { memory: `${memory.limits}Gi` } : {}),
          ...(hardware.rdma ? { custom: { [hardware.rdma.resource]: String(hardware.rdma.count) } } : {}),
        },
        ...(claim ? { claims: [{ name: claim }] } : {}),
      },
      volumeMounts,
    };
  }
}

/** Default name of the ComputeDomain claim in worker pods (upstream's). */
export const DEFAULT_COMPUTE_DOMAIN_CLAIM = 'compute-domain-channel';
/** SGLang's KV bootstrap port in upstream's disaggregated examples. */
export const SGLANG_BOOTSTRAP_PORT = 12345;

/** GPUs of one worker of a pool: TP × DP on vLLM; TP on SGLang and TensorRT-LLM (attention DP runs inside the TP group). */
function gpusOf(pool: WorkerPool, backend: Backend): number {
  return backend === Backend.VLLM ? pool.tensorParallel * (pool.dataParallel ?? 1) : pool.tensorParallel;
}

/** Memory a KV-offloading worker's pod asks for: the host cache plus 50 GiB (request) / 100 GiB (limit) for the engine. */
function hostMemoryOf(offload: KvOffload): { requests: number; limits: number } {
  return { requests: offload.hostCacheGiB + 50, limits: offload.hostCacheGiB + 100 };
}

/** The `--kv-transfer-config` of a worker: NIXL between P and D, KVBM for host offload, both through `PdConnector`. */
function kvConnector(disaggregated: boolean, offload: boolean): object | undefined {
  if (disaggregated && offload) {
    return { kv_connector: 'PdConnector', kv_role: 'kv_both', kv_connector_extra_config: { connectors: [KVBM_CONNECTOR, NIXL_KV_TRANSFER_CONFIG] }, kv_connector_module_path: KVBM_CONNECTOR.kv_connector_module_path };
  }
  if (disaggregated) return NIXL_KV_TRANSFER_CONFIG;
  if (offload) return KVBM_CONNECTOR;
  return undefined;
}

/** Longest DGD name: the operator derives `<name>-vllmprefillworker` (18 more characters) within a 63-character label. */
export const MAX_GRAPH_NAME_LENGTH = 45;

/** Checks every prop of a graph and throws one UserError listing all problems. */
function checkGraphProps(props: DynamoGraphProps): void {
  const checks = new PropChecks(`DynamoGraph ${props.name}`);
  checks.dnsLabel('name', props.name, MAX_GRAPH_NAME_LENGTH);
  const backend = props.backend ?? Backend.VLLM;
  checks.oneOf('backend', backend, Object.values(Backend));
  const vllm = backend === Backend.VLLM;
  /** A prop only one backend reads. */
  const only = (field: string, value: unknown, owner: Backend): void => {
    checks.require(value === undefined || backend === owner, field, `is for the ${owner} backend only (the backend is ${backend})`);
  };
  const t = props.topology;
  const pools: Array<[string, WorkerPool]> = t.kind === 'aggregated' ? [['topology.workers', t.workers]] : [['topology.prefill', t.prefill], ['topology.decode', t.decode]];
  for (const [field, pool] of pools) {
    checks.integer(`${field}.replicas`, pool.replicas, 1, 1024).integer(`${field}.tensorParallel`, pool.tensorParallel, 1, 72)
      .integer(`${field}.dataParallel`, pool.dataParallel, 1, 1024).integer(`${field}.nodes`, pool.nodes, 1, 128);
    const gpus = gpusOf(pool, backend);
    checks.require(pool.nodes === undefined || !Number.isInteger(gpus) || gpus % pool.nodes === 0, `${field}.nodes`,
      `must divide the worker's ${gpus} GPUs (TP ${pool.tensorParallel}${vllm ? ` × DP ${pool.dataParallel ?? 1}` : ''}) evenly (got ${String(pool.nodes)})`);
    checks.require(vllm || pool.dataParallel === undefined || pool.dataParallel === 1 || pool.dataParallel === pool.tensorParallel, `${field}.dataParallel`,
      `on ${backend}, data-parallel attention runs inside the TP group: must be 1 or equal tensorParallel ${pool.tensorParallel} (got ${String(pool.dataParallel)})`);
    checkEngineOptions(checks, `${field}.engine`, pool.engine);
    checkTrtllmOptions(checks, `${field}.trtllm`, pool.trtllm);
    checkSglangOptions(checks, `${field}.sglang`, pool.sglang);
    only(`${field}.engine`, pool.engine, Backend.VLLM);
    only(`${field}.trtllm`, pool.trtllm, Backend.TRTLLM);
    only(`${field}.sglang`, pool.sglang, Backend.SGLANG);
  }
  checkEngineOptions(checks, 'engine', props.engine);
  checkTrtllmOptions(checks, 'trtllm', props.trtllm);
  checkSglangOptions(checks, 'sglang', props.sglang);
  only('engine', props.engine, Backend.VLLM);
  only('trtllm', props.trtllm, Backend.TRTLLM);
  only('sglang', props.sglang, Backend.SGLANG);
  only('multimodal', props.multimodal, Backend.VLLM);
  only('caches.compilation', props.caches.compilation, Backend.VLLM);
  checks.require(props.speculative === undefined || backend !== Backend.SGLANG, 'speculative',
    'is not supported on sglang (upstream SGLang recipes use MTP heads, not a draft model)');
  checks.require(!(props.kvOffload && backend === Backend.SGLANG), 'kvOffload', 'is not supported on sglang');
  checks.require(!(props.multimodal?.frontendDecoding && t.kind !== 'aggregated'), 'multimodal.frontendDecoding',
    `needs an aggregated topology (it is ${t.kind})`);
  checks.number('multimodal.embeddingCacheGiB', props.multimodal?.embeddingCacheGiB, 0, 4096);
  checks.integer('frontend.httpBodyLimitMiB', props.frontend?.httpBodyLimitMiB, 1, 65536);
  checks.integer('speculative.numSpeculativeTokens', props.speculative?.numSpeculativeTokens, 1, 16);
  checks.require(props.speculative === undefined || /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(props.speculative.draftModel), 'speculative.draftModel',
    `must be a Hugging Face id "<org>/<name>" (got ${JSON.stringify(props.speculative?.draftModel)})`);
  checks.number('kvOffload.hostCacheGiB', props.kvOffload?.hostCacheGiB, 0, 65536, true);
  checks.number('sharedMemoryGiB', props.sharedMemoryGiB, 0, 4096, true);
  const names = { ...DEFAULT_SERVICE_NAMES[backend], ...props.serviceNames };
  for (const [role, name] of Object.entries(names)) {
    checks.require(/^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name) && name.length <= 20, `serviceNames.${role}`,
      `must be letters, digits and '-', starting with a letter, at most 20 characters (got ${JSON.stringify(name)})`);
    checks.require(name !== 'Frontend', `serviceNames.${role}`, 'must not be "Frontend" (the frontend\'s service)');
  }
  const used = t.kind === 'aggregated' ? [] : [names.prefill, names.decode];
  checks.require(new Set(used).size === used.length, 'serviceNames', `prefill and decode must differ (both ${JSON.stringify(names.prefill)})`);
  const claim = props.computeDomain;
  if (claim) {
    checks.dnsLabel('computeDomain.resourceClaimTemplateName', claim.resourceClaimTemplateName, 253);
    if (claim.claimName !== undefined) checks.dnsLabel('computeDomain.claimName', claim.claimName);
  }
  for (const [what, volume] of Object.entries(props.caches)) {
    checks.require(!volume?.subPath, `caches.${what}`,
      `uses sub-directory "${volume?.subPath}" of claim "${volume?.claimName}", but DGD volumeMounts take whole claims`);
  }
  checks.throwIfAny();
}
