/**
 * Our Kimi-K2.5 agentic-coding comparison against the facts of upstream recipes/kimi-k2.5/trtllm/{agg-round-robin,
 * agg-eagle-round-robin, agg-eagle-kv-router, disagg-eagle-kv-router} (TensorRT-LLM): per service, replicas, nodes,
 * GPUs per pod, the ComputeDomain claim, worker options, environment and engine file. Left out on purpose: `POD_UID`,
 * `HF_HOME` (our cache mount differs), the startup probe, `runAsUser: 0`, and upstream's image tag placeholder
 * (`<IMAGE_TAG>`: ours comes from the gb200 profile). Upstream's graph-level `spec.envs` are compared as worker env.
 */
import { parse } from 'yaml';
import { kimiK25Agentic } from '../src/recipes/kimi-k25-agentic';
import { effectiveCommand, envMap, optionMap } from './support/shell';
import { K8sObject, objectOf, profile, synthYaml } from './support/synth';

const MODEL = 'nvidia/Kimi-K2.5-NVFP4';
const WORKER: Record<string, string | true> = {
  '--model-path': MODEL, '--served-model-name': MODEL, '--publish-events-and-metrics': true, '--request-plane': 'nats', '--kv-block-size': '32',
  '--dyn-tool-call-parser': 'kimi_k2', '--dyn-reasoning-parser': 'kimi_k25',
};
const GRAPH_ENV = { NCCL_MNNVL_ENABLE: '1', NCCL_CUMEM_ENABLE: '1', TLLM_LOG_LEVEL: 'info', HF_HUB_OFFLINE: '1' };
const AGG_ENV = {
  ...GRAPH_ENV, TRITON_CACHE_DIR: '/tmp/.triton-cache', HF_MODULES_CACHE: '/tmp/hf_modules', NCCL_SOCKET_IFNAME: 'eth0', GLOO_SOCKET_IFNAME: 'eth0',
  NCCL_GRAPH_MIXING_SUPPORT: '0', TRTLLM_ENABLE_PDL: '1',
};
const CUDA_GRAPHS = { batch_sizes: [1, 2, 4, 8, 16, 32, 64, 128], enable_padding: true };
const NVFP4_GEMM = { allowed_backends: ['cutlass', 'cublaslt', 'cuda_core'] };
const AGG_ENGINE = {
  allreduce_strategy: 'MNNVL', max_num_tokens: 8192, enable_chunked_prefill: true, cuda_graph_config: CUDA_GRAPHS, enable_attention_dp: false,
  kv_cache_config: { dtype: 'fp8', enable_block_reuse: true, free_gpu_memory_fraction: 0.75, tokens_per_block: 32 }, max_batch_size: 128,
  moe_config: { backend: 'CUTLASS', use_low_precision_moe_combine: true }, moe_expert_parallel_size: 8, nvfp4_gemm_config: NVFP4_GEMM,
  print_iter_log: true, stream_interval: 10, tensor_parallel_size: 8, trust_remote_code: true,
};
const eagle = (decodingType: string) => ({ decoding_type: decodingType, max_draft_len: 3, allow_advanced_sampling: true, speculative_model_dir: 'nvidia/Kimi-K2.5-Thinking-Eagle3' });
const TRANSCEIVER = { backend: 'UCX', max_tokens_in_buffer: 0, kv_transfer_sender_future_timeout_ms: 30000 };
const ZCOPY = { TRTLLM_TRY_ZCOPY_FOR_KVCACHE_TRANSFER: '1', TRTLLM_KVCACHE_TRANSFER_BUFFER_SIZE: '0B' };

interface Service { sub?: string; replicas: number; nodes?: number; gpu: string; options: Record<string, string | true>; env: Record<string, string>; engine: object }
const agg = (engine: object): Service => ({ replicas: 3, nodes: 2, gpu: '4', options: { ...WORKER, '--extra-engine-args': '/config/agg.yaml' }, env: AGG_ENV, engine });

const UPSTREAM: Record<string, { name: string; router: string; services: Record<string, Service> }> = {
  'agg-round-robin': { name: 'kimi-k25-agg-rr', router: 'round-robin', services: { agg: agg(AGG_ENGINE) } },
  'agg-eagle-round-robin': { name: 'kimi-k25-agg-rr-eagle', router: 'round-robin', services: { agg: agg({ ...AGG_ENGINE, speculative_config: eagle('Eagle3') }) } },
  'agg-eagle-kv-router': { name: 'kimi-k25-agg-kv-eagle', router: 'kv', services: { agg: agg({ ...AGG_ENGINE, speculative_config: eagle('Eagle3') }) } },
  'disagg-eagle-kv-router': {
    name: 'kimi-k25-disagg-kv-eagle',
    router: 'kv',
    services: {
      prefill: {
        sub: 'prefill', replicas: 3, gpu: '4',
        options: { ...WORKER, '--extra-engine-args': '/config/prefill.yaml', '--disaggregation-mode': 'prefill' },
        env: { ...GRAPH_ENV, TRTLLM_ENABLE_PDL: '1', HF_MODULES_CACHE: '/tmp/hf_modules', NCCL_GRAPH_MIXING_SUPPORT: '0', ...ZCOPY },
        engine: {
          cache_transceiver_config: TRANSCEIVER, allreduce_strategy: 'MNNVL', max_batch_size: 4, max_num_tokens: 8192, enable_chunked_prefill: true,
          max_seq_len: 200000, tensor_parallel_size: 4, moe_expert_parallel_size: 4, enable_attention_dp: true, pipeline_parallel_size: 1,
          print_iter_log: true, stream_interval: 100, trust_remote_code: true, cuda_graph_config: null, disable_overlap_scheduler: true,
          moe_config: { backend: 'TRTLLM' },
          kv_cache_config: {
            enable_block_reuse: true, free_gpu_memory_fraction: 0.6, host_cache_size: 107374182400, secondary_offload_min_priority: 35, dtype: 'fp8', tokens_per_block: 32,
          },
          speculative_config: eagle('Eagle'),
        },
      },
      decode: {
        sub: 'decode', replicas: 3, gpu: '4',
        options: { ...WORKER, '--extra-engine-args': '/config/decode.yaml', '--disaggregation-mode': 'decode' },
        env: {
          ...GRAPH_ENV, TRTLLM_ENABLE_PDL: '1', TRITON_CACHE_DIR: '/tmp/.triton-cache', HF_MODULES_CACHE: '/tmp/hf_modules', NCCL_SOCKET_IFNAME: 'eth0',
          GLOO_SOCKET_IFNAME: 'eth0', NCCL_GRAPH_MIXING_SUPPORT: '0', ENABLE_CONFIGURABLE_MOE: '1', ...ZCOPY, NCCL_NVLS_ENABLE: '1', NVIDIA_GDRCOPY: '1',
        },
        engine: {
          allreduce_strategy: 'MNNVL', cache_transceiver_config: TRANSCEIVER, max_num_tokens: 640, cuda_graph_config: CUDA_GRAPHS, enable_attention_dp: false,
          kv_cache_config: { dtype: 'fp8', enable_block_reuse: false, free_gpu_memory_fraction: 0.85, tokens_per_block: 32 }, max_batch_size: 128,
          moe_config: { backend: 'CUTLASS', use_low_precision_moe_combine: true }, moe_expert_parallel_size: 4, nvfp4_gemm_config: NVFP4_GEMM,
          print_iter_log: true, stream_interval: 10, tensor_parallel_size: 4, trust_remote_code: true, speculative_config: eagle('Eagle'),
        },
      },
    },
  },
};

describe('kimi-k25 on gb200 matches upstream recipes/kimi-k2.5/trtllm', () => {
  const files = synthYaml(kimiK25Agentic, profile('gb200'));

  it.each(Object.entries(UPSTREAM))('%s', (config, expected) => {
    const objects = files.get(`gb200/kimi-k25/${config}.k8s.yaml`)!.objects;
    const dgd = objectOf(objects, 'DynamoGraphDeployment');
    const engineFiles = objectOf(objects, 'ConfigMap').data as Record<string, string>;
    expect(dgd.metadata.name).toBe(expected.name);
    const frontend = dgd.spec.services.Frontend.extraPodSpec.mainContainer;
    expect(optionMap(effectiveCommand(frontend, 'python3', {}), 3)).toEqual({ '--router-mode': expected.router, '--request-plane': 'nats' });
    const workers = Object.fromEntries(Object.entries(dgd.spec.services as Record<string, K8sObject>).filter(([, s]) => s.componentType === 'worker'));
    expect(Object.keys(workers).sort()).toEqual(Object.keys(expected.services).sort());
    for (const [name, svc] of Object.entries(workers)) {
      const want = expected.services[name];
      const main = svc.extraPodSpec.mainContainer;
      expect({ name, sub: svc.subComponentType, replicas: svc.replicas, nodes: svc.multinode?.nodeCount, gpu: svc.resources.limits.gpu, image: main.image })
        .toEqual({ name, sub: want.sub, replicas: want.replicas, nodes: want.nodes, gpu: want.gpu, image: 'nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0' });
      const options = optionMap(effectiveCommand(main, 'python3 -m dynamo.trtllm', envMap(main.env)), 3);
      expect(options).toEqual(want.options);
      const { HF_HOME: _home, ...env } = envMap(main.env);
      expect(env).toEqual(want.env);
      expect(parse(engineFiles[String(options['--extra-engine-args']).replace('/config/', '')])).toEqual(want.engine);
      expect(svc.extraPodSpec.resourceClaims).toEqual([{ name: 'compute-domain-channel', resourceClaimTemplateName: 'gb200-compute-domain-channel' }]);
      expect(svc.resources.claims).toEqual([{ name: 'compute-domain-channel' }]);
    }
  });

  it('uses 24 GB200 GPUs in every configuration', () => {
    for (const config of Object.keys(UPSTREAM)) {
      const dgd = objectOf(files.get(`gb200/kimi-k25/${config}.k8s.yaml`)!.objects, 'DynamoGraphDeployment');
      const gpus = Object.values(dgd.spec.services as Record<string, K8sObject>).filter((s) => s.componentType === 'worker')
        .reduce((n, s) => n + s.replicas * (s.multinode?.nodeCount ?? 1) * Number(s.resources.limits.gpu), 0);
      expect(gpus).toBe(24);
    }
  });

  it('downloads the Eagle3 draft head with the model, and sizes prefill pods for the 100 GiB host KV tier', () => {
    const prep = files.get('gb200/kimi-k25/prep.k8s.yaml')!.yaml;
    expect(prep).toContain('nvidia/Kimi-K2.5-Thinking-Eagle3');
    const dgd = objectOf(files.get('gb200/kimi-k25/disagg-eagle-kv-router.k8s.yaml')!.objects, 'DynamoGraphDeployment');
    expect(dgd.spec.services.prefill.resources.requests.memory).toBe('150Gi');
    expect(dgd.spec.services.decode.resources.requests.memory).toBeUndefined();
  });
});
