/**
 * Our Llama-3.3-70B topologies against the facts of upstream recipes/llama-3-70b/vllm/* (Dynamo 1.3.0): per
 * configuration, each role's replicas, GPUs, /dev/shm and engine options. Upstream writes the worker command as one
 * `sh -c` string with `--served-model-name` equal to the model, `--data-parallel-size 1`, and no
 * `--disaggregation-mode` on decode (the default once `--kv-transfer-config` is set); those are vLLM/Dynamo
 * defaults, so they are left out of the comparison on purpose.
 */
import { llama70bTopologies } from '../src/recipes/llama-70b-topologies';
import { effectiveCommand, envMap, optionMap } from './support/shell';
import { K8sObject, objectOf, profile, synthYaml } from './support/synth';

const NIXL = '{"kv_connector":"NixlConnector","kv_role":"kv_both"}';
const COMMON = { '--model': 'RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic', '--gpu-memory-utilization': '0.90', '--no-enable-prefix-caching': true, '--block-size': '128' };

/** Upstream facts: name, and per service: replicas, GPUs, /dev/shm, options. */
const UPSTREAM = {
  agg: { name: 'llama3-70b-agg', services: { VllmWorker: { replicas: 1, gpu: '4', shm: '20Gi', options: { ...COMMON, '--tensor-parallel-size': '4' } } } },
  'disagg-single-node': {
    name: 'llama3-70b-disagg-sn',
    services: {
      VllmPrefillWorker: { replicas: 2, gpu: '2', shm: '80Gi', options: { ...COMMON, '--tensor-parallel-size': '2', '--disaggregation-mode': 'prefill', '--kv-transfer-config': NIXL } },
      VllmDecodeWorker: { replicas: 1, gpu: '4', shm: '80Gi', options: { ...COMMON, '--tensor-parallel-size': '4', '--disaggregation-mode': 'decode', '--kv-transfer-config': NIXL } },
    },
  },
  'disagg-multi-node': {
    name: 'llama3-70b-disagg-mn',
    services: {
      VllmPrefillWorker: { replicas: 1, gpu: '8', shm: '80Gi', options: { ...COMMON, '--tensor-parallel-size': '8', '--disaggregation-mode': 'prefill', '--kv-transfer-config': NIXL } },
      VllmDecodeWorker: { replicas: 1, gpu: '8', shm: '80Gi', options: { ...COMMON, '--tensor-parallel-size': '8', '--disaggregation-mode': 'decode', '--kv-transfer-config': NIXL } },
    },
  },
} as const;

describe.each(['h100', 'h200', 'b200'])('llama-70b on %s matches upstream recipes/llama-3-70b', (hw) => {
  const files = synthYaml(llama70bTopologies, profile(hw));

  it.each(Object.entries(UPSTREAM))('%s', (config, expected) => {
    const dgd = objectOf(files.get(`${hw}/llama-70b/${config}.k8s.yaml`)!.objects, 'DynamoGraphDeployment');
    expect(dgd.metadata.name).toBe(expected.name);
    const workers = Object.fromEntries(Object.entries(dgd.spec.services as Record<string, K8sObject>).filter(([, s]) => s.componentType === 'worker'));
    expect(Object.keys(workers).sort()).toEqual(Object.keys(expected.services).sort());
    for (const [name, svc] of Object.entries(workers)) {
      const want = expected.services[name as keyof typeof expected.services] as { replicas: number; gpu: string; shm: string; options: Record<string, string | true> };
      const main = svc.extraPodSpec.mainContainer;
      expect({ name, replicas: svc.replicas, gpu: svc.resources.limits.gpu, shm: svc.sharedMemory.size, envFromSecret: svc.envFromSecret })
        .toEqual({ name, replicas: want.replicas, gpu: want.gpu, shm: want.shm, envFromSecret: 'hf-token-secret' });
      expect(optionMap(effectiveCommand(main, 'python3 -m dynamo.vllm', envMap(main.env)), 3)).toEqual(want.options);
    }
  });

  it('loads every configuration with 16 concurrent requests per GPU at ISL 8192 / OSL 1024', () => {
    const concurrency = (config: string) => {
      const job = objectOf(files.get(`${hw}/llama-70b/${config}.k8s.yaml`)!.objects, 'Job');
      return JSON.parse(job.spec.template.spec.containers[0].env.find((e: K8sObject) => e.name === 'RUN_METADATA').value).sweep;
    };
    expect(concurrency('agg')).toEqual({ concurrency: [64], islOsl: [[8192, 1024]] });
    expect(concurrency('disagg-single-node')).toEqual({ concurrency: [128], islOsl: [[8192, 1024]] });
    expect(concurrency('disagg-multi-node')).toEqual({ concurrency: [256], islOsl: [[8192, 1024]] });
  });
});
