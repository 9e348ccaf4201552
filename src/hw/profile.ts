import { z } from 'zod';

/** DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A Kubernetes label key: optional DNS-subdomain prefix and a name segment. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** An image reference pinned to a tag or a digest (`repo/name:tag`, `repo/name@sha256:...`). */
const PINNED_IMAGE = /^[a-z0-9][a-z0-9._\-/:]*[a-z0-9](:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;
/** An extended resource name such as `rdma/ib` or `nvidia.com/hostdev`. */
const RESOURCE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** CPU architectures a node can have (`kubernetes.io/arch`). */
export const CPU_ARCHITECTURES = ['amd64', 'arm64'] as const;
/** Worker backends a profile may name a runtime image for (`images.<backend>`); the values of `Backend`. */
export const WORKER_BACKENDS = ['vllm', 'sglang', 'trtllm'] as const;
/** NVIDIA GPU architectures the profiles describe. */
export const GPU_ARCHITECTURES = ['ampere', 'hopper', 'blackwell'] as const;

const TolerationSchema = z.strictObject({
  key: z.string().regex(LABEL_KEY, 'must be a label key such as kubernetes.io/arch').optional(),
  operator: z.enum(['Equal', 'Exists']).default('Equal'),
  value: z.string().max(63).optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
});

/**
 * The schema of a `hw-profiles/<name>.yaml` file: one kind of GPU node at a site.
 * The profile's name is its file name without `.yaml`.
 */
export const HardwareProfileSchema = z.strictObject({
  /** Free text shown in listings. */
  description: z.string().default(''),
  gpu: z.strictObject({
    /** `nvidia.com/gpu.product` label value as GPU feature discovery sets it. */
    product: z.string().min(1),
    /** GPU architecture family. */
    architecture: z.enum(GPU_ARCHITECTURES),
    /** GPUs per node. */
    count: z.int().positive().max(72),
    /** Memory of one GPU in GiB. */
    memoryGiB: z.number().positive().max(1024),
  }),
  /** How many such nodes a comparison may use at once. */
  nodes: z.int().positive().max(1024).default(1),
  /** Allocatable memory of one node in GiB (bounds host-memory caches). */
  nodeMemoryGiB: z.number().positive().max(65536),
  /** CPU architecture of the node (`kubernetes.io/arch`). */
  cpuArch: z.enum(CPU_ARCHITECTURES),
  /** Labels every GPU pod must match. */
  nodeSelector: z.record(z.string().regex(LABEL_KEY, 'must be a label key'), z.string().max(63)).default({}),
  /** Pins every pod of a comparison to one node (`kubernetes.io/hostname`), so all configurations run on identical hardware. */
  hostname: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a node name (DNS subdomain)').max(253).optional(),
  /** Tolerations for the node's taints (GB200: `kubernetes.io/arch=arm64:NoSchedule`). */
  tolerations: z.array(TolerationSchema).default([]),
  /** RDMA device resource each GPU worker requests, where the fabric needs one (e.g. `rdma/ib` on InfiniBand nodes). */
  rdma: z.strictObject({
    resource: z.string().regex(RESOURCE_NAME, 'must be an extended resource name such as rdma/ib'),
    count: z.int().positive().max(64),
  }).optional(),
  /** StorageClass of the ReadWriteMany caches (model weights, compilation cache, benchmark results). A site value. */
  storageClass: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a StorageClass name').max(253).optional(),
  /** Dynamo vLLM runtime image, pinned to a tag or digest. */
  image: z.string().regex(PINNED_IMAGE, 'must be an image pinned to a tag or digest, e.g. nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0'),
  /**
   * Runtime images of other backends, pinned. Unset backends use `image` with its `vllm-runtime` repository
   * swapped for theirs (`sglang-runtime`, `tensorrtllm-runtime`), same registry and tag.
   */
  images: z.partialRecord(
    z.enum(WORKER_BACKENDS),
    z.string().regex(PINNED_IMAGE, 'must be an image pinned to a tag or digest, e.g. nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0'),
  ).optional(),
});

/** A hardware profile as written in YAML (before defaults). */
export type HardwareProfileInput = z.input<typeof HardwareProfileSchema>;

/** A loaded, validated hardware profile. */
export interface HardwareProfile extends z.output<typeof HardwareProfileSchema> {
  /** The profile's name: its file name without `.yaml` (e.g. `h100`). */
  readonly name: string;
  /** The file it was loaded from (for messages). */
  readonly source: string;
}

/** True when `name` can name a profile (a DNS-1123 label: it becomes part of object names and stack names). */
export function isValidProfileName(name: string): boolean {
  return DNS_LABEL.test(name) && name.length <= 20;
}

/** Total GPUs the profile offers to one comparison. */
export function totalGpus(hw: HardwareProfile): number {
  return hw.gpu.count * hw.nodes;
}

/** The node selector every GPU pod of a comparison gets: the profile's labels plus the optional hostname pin. */
export function podNodeSelector(hw: HardwareProfile): Record<string, string> {
  return {
    ...hw.nodeSelector,
    ...(hw.hostname ? { 'kubernetes.io/hostname': hw.hostname } : {}),
  };
}
