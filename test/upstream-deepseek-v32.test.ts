/**
 * Our DeepSeek-V3.2 NVFP4 comparison against the facts of upstream recipes/deepseek-v32-fp4/trtllm/{agg-round-robin,
 * disagg-kv-router} (Dynamo 1.3.0, TensorRT-LLM): per service, replicas, nodes, GPUs per pod, the ComputeDomain
 * claim, the worker options, the environment and the engine file the worker reads. Left out on purpose: `POD_UID`
 * (the operator injects it), `HF_HOME` (our cache mount differs: /home/dynamo/.cache/huggingface instead of
 * /model-cache, so TRITON_CACHE_DIR moves with it), the startup probe and `runAsUser: 0`, and the site tolerations. Upstream names the aggregated engine
 * file `aggregated.yaml`; ours is `agg.yaml` (its contents are compared).
 */
import { parse } from 'yaml';
import { DSV32_TRACE_SOURCE, deepseekV32Nvfp4, GB200_COMPUTE_DOMAIN_CHANNEL } from '../src/recipes/deepseek-v32-nvfp4';
import { effectiveCommand, envMap, optionMap } from './support/shell';
import { K8sObject, objectOf, profile, synthYaml } from './support/synth';

const MODEL = 'nvidia/DeepSeek-V3.2-NVFP4';
const WORKER = { '--model-path': MODEL, '--served-model-name': MODEL, '--publish-events-and-metrics': true, '--request-plane': 'nats', '--kv-block-size': '64' };
const ENV = {
  NCCL_DEBUG: 'INFO', NCCL_MNNVL_ENABLE: '1', NCCL_CUMEM_ENABLE: '1', NCCL_NVLS_ENABLE: '1', NVIDIA_GDRCOPY: '1', UCX_CUDA_IPC_ENABLE_MNNVL: '1',
  NCCL_SOCKET_IFNAME: 'eth0', GLOO_SOCKET_IFNAME: 'eth0', NCCL_STORE_TIMEOUT: '7200', TRTLLM_MOE_ENABLE_ALLTOALL_WITHOUT_ALLGATHER: '1',
  TRTLLM_ENABLE_PDL: '1', TRTLLM_SERVER_DISABLE_GC: '1', TRTLLM_WORKER_DISABLE_GC: '1', NCCL_GRAPH_MIXING_SUPPORT: '0', TLLM_LOG_LEVEL: 'INFO',
};
const ENGINE = { cache_transceiver_config: { backend: 'UCX', max_tokens_in_buffer: 120000 }, max_num_tokens: 8192, max_seq_len: 121000, print_iter_log: true, tensor_parallel_size: 8, moe_expert_parallel_size: 8, enable_attention_dp: true };

/** Upstream facts per configuration: DGD name, frontend router, and per worker service. */
const UPSTREAM = {
  'agg-round-robin': {
    name: 'agg-round-robin-dsv32-nvfp4',
    router: 'round-robin',
    services: {
      agg: {
        sub: undefined, replicas: 4, nodes: 2, gpu: '4',
        options: { ...WORKER, '--extra-engine-args': '/config/agg.yaml' },
        env: { ...ENV, TRTLLM_FORCE_COMM_METHOD: 'NVLINK_TWO_SIDED', ENABLE_CONFIGURABLE_MOE: '1' },
        engine: {
          ...ENGINE, allreduce_strategy: 'MNNVL', enable_chunked_prefill: true, disable_overlap_scheduler: true,
          cuda_graph_config: { max_batch_size: 8, enable_padding: true },
          kv_cache_config: { dtype: 'fp8', enable_block_reuse: false, free_gpu_memory_fraction: 0.9, tokens_per_block: 64 },
          max_batch_size: 8, moe_config: { backend: 'TRTLLM', use_low_precision_moe_combine: true }, stream_interval: 10,
        },
      },
    },
  },
  'disagg-kv-router': {
    name: 'disagg-kv-dsv32-nvfp4',
    router: 'kv',
    services: {
      prefill: {
        sub: 'prefill', replicas: 2, nodes: 2, gpu: '4',
        options: { ...WORKER, '--extra-engine-args': '/config/prefill.yaml', '--disaggregation-mode': 'prefill' },
        env: ENV,
        engine: {
          ...ENGINE, enable_chunked_prefill: true, cuda_graph_config: { max_batch_size: 32, enable_padding: true }, disable_overlap_scheduler: true,
          kv_cache_config: { dtype: 'fp8', enable_block_reuse: true, free_gpu_memory_fraction: 0.9, tokens_per_block: 64 },
          max_batch_size: 32, moe_config: { backend: 'TRTLLM' },
        },
      },
      dec: {
        sub: 'decode', replicas: 2, nodes: 2, gpu: '4',
        options: { ...WORKER, '--extra-engine-args': '/config/decode.yaml', '--disaggregation-mode': 'decode' },
        env: { ...ENV, ENROOT_ALLOW_DEV: 'yes', TRTLLM_FORCE_COMM_METHOD: 'NVLINK_TWO_SIDED', ENABLE_CONFIGURABLE_MOE: '1' },
        engine: {
          ...ENGINE, allreduce_strategy: 'MNNVL', cuda_graph_config: { max_batch_size: 8, enable_padding: true },
          kv_cache_config: { dtype: 'fp8', enable_block_reuse: false, free_gpu_memory_fraction: 0.9, tokens_per_block: 64 },
          max_batch_size: 8, moe_config: { backend: 'WIDEEP', use_low_precision_moe_combine: true }, stream_interval: 10,
        },
      },
    },
  },
} as const;

describe('deepseek-v32 on gb200 matches upstream recipes/deepseek-v32-fp4/trtllm', () => {
  const files = synthYaml(deepseekV32Nvfp4, profile('gb200'));

  it.each(Object.entries(UPSTREAM))('%s', (config, expected) => {
    const objects = files.get(`gb200/deepseek-v32/${config}.k8s.yaml`)!.objects;
    const dgd = objectOf(objects, 'DynamoGraphDeployment');
    const engineFiles = objectOf(objects, 'ConfigMap').data as Record<string, string>;
    expect(dgd.metadata.name).toBe(expected.name);
    const frontend = dgd.spec.services.Frontend.extraPodSpec.mainContainer;
    expect(frontend.image).toBe('nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0');
    expect(optionMap(effectiveCommand(frontend, 'python3', {}), 3)).toEqual({ '--router-mode': expected.router, '--request-plane': 'nats' });
    const workers = Object.fromEntries(Object.entries(dgd.spec.services as Record<string, K8sObject>).filter(([, s]) => s.componentType === 'worker'));
    expect(Object.keys(workers).sort()).toEqual(Object.keys(expected.services).sort());
    for (const [name, svc] of Object.entries(workers)) {
      const want = expected.services[name as keyof typeof expected.services] as (typeof UPSTREAM)['disagg-kv-router']['services']['prefill'];
      const main = svc.extraPodSpec.mainContainer;
      expect({ name, sub: svc.subComponentType, replicas: svc.replicas, nodes: svc.multinode.nodeCount, gpu: svc.resources.limits.gpu, envFromSecret: svc.envFromSecret, image: main.image })
        .toEqual({ name, sub: want.sub, replicas: want.replicas, nodes: want.nodes, gpu: want.gpu, envFromSecret: 'hf-token-secret', image: 'nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0' });
      const options = optionMap(effectiveCommand(main, 'python3 -m dynamo.trtllm', envMap(main.env)), 3);
      expect(options).toEqual(want.options);
      const { HF_HOME: _home, TRITON_CACHE_DIR: triton, ...env } = envMap(main.env);
      expect(env).toEqual(want.env);
      expect(triton).toBe(`${_home}/.triton-cache`);
      // The engine file the worker reads, from the ConfigMap mounted read-only at /config.
      expect(main.volumeMounts).toEqual([{ name: 'trtllm-config', mountPath: '/config', readOnly: true }]);
      expect(svc.extraPodSpec.volumes).toEqual([{ name: 'trtllm-config', configMap: { name: `${expected.name}-trtllm-config` } }]);
      expect(parse(engineFiles[String(options['--extra-engine-args']).replace('/config/', '')])).toEqual(want.engine);
      // GB200 multi-node NVLink: every worker pod claims the ComputeDomain channel.
      expect(svc.extraPodSpec.resourceClaims).toEqual([{ name: 'compute-domain-channel', resourceClaimTemplateName: GB200_COMPUTE_DOMAIN_CHANNEL }]);
      expect(svc.resources.claims).toEqual([{ name: 'compute-domain-channel' }]);
    }
  });

  it('uses all 32 GB200 GPUs in both configurations', () => {
    for (const config of Object.keys(UPSTREAM)) {
      const dgd = objectOf(files.get(`gb200/deepseek-v32/${config}.k8s.yaml`)!.objects, 'DynamoGraphDeployment');
      const gpus = Object.values(dgd.spec.services as Record<string, K8sObject>).filter((s) => s.componentType === 'worker')
        .reduce((n, s) => n + s.replicas * s.multinode.nodeCount * Number(s.resources.limits.gpu), 0);
      expect(gpus).toBe(32);
    }
  });

  it('replays the synthetic coding trace on its schedule with upstream goodput thresholds', () => {
    const job = objectOf(files.get('gb200/deepseek-v32/disagg-kv-router.k8s.yaml')!.objects, 'Job');
    const script: string = job.spec.template.spec.containers[0].command.join('\n');
    expect(script).toContain('--custom-dataset-type mooncake_trace');
    expect(script).toContain('--fixed-schedule');
    expect(script).toContain("--goodput 'time_to_first_token:20000 inter_token_latency:50'");
    expect(envMap(job.spec.template.spec.containers[0].env)).toMatchObject({ AIPERF_HTTP_CONNECTION_LIMIT: '200', AIPERF_HTTP_SO_RCVTIMEO: '120' });
    expect(DSV32_TRACE_SOURCE).toMatch(/\/conversation_trace_synth_16\.00x1\+10\.00_speedup1_maxisl110000\.jsonl$/);
  });
});
