import { HardwareProfile, HardwareProfileSchema, HardwareProfileInput } from '../../src/hw';

/** A valid in-memory hardware profile for construct tests; override any field. */
export function testProfile(overrides: Partial<HardwareProfileInput> = {}, name = 'test-hw'): HardwareProfile {
  const input: HardwareProfileInput = {
    gpu: { product: 'NVIDIA-H200', architecture: 'hopper', count: 8, memoryGiB: 140 },
    nodes: 2,
    nodeMemoryGiB: 1800,
    cpuArch: 'amd64',
    nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H200' },
    storageClass: 'rwx',
    image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0',
    ...overrides,
  };
  return { ...HardwareProfileSchema.parse(input), name, source: `${name}.yaml` };
}
