import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { testProfile } from '../../test/support/profiles';
import { QWEN3_32B, QWEN3_VL_30B_A3B_INSTRUCT_FP8 } from '../models';
import { DynamoGraph, DynamoGraphProps, KV_EVENTS_CONFIG, KVBM_CONNECTOR, RequestPlane, RouterMode, SpeculativeMethod, Topologies } from './dynamo-graph';
import { LaunchStyle } from './launch';
import { TrtllmEagleDecodingType } from './trtllm-engine';
import { Backend, runtimeImage } from './worker-backend';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const base: DynamoGraphProps = {
  name: 'g',
  model: QWEN3_32B,
  hardware: testProfile(),
  topology: Topologies.aggregated({ replicas: 2, tensorParallel: 2 }),
  caches: { model: { claimName: 'model-cache' }, compilation: { claimName: 'compilation-cache' } },
};

function synth(props: Partial<DynamoGraphProps> = {}): Obj {
  const chart = Testing.chart();
  new DynamoGraph(chart, 'G', { ...base, ...props });
  const [dgd] = Testing.synth(chart);
  return dgd;
}

const workerArgs = (dgd: Obj, service: string): string[] => dgd.spec.services[service].extraPodSpec.mainContainer.args;

describe('DynamoGraph', () => {
  it('aggregated: one frontend and one worker pool with GPUs = TP, placement and image from the profile', () => {
    const dgd = synth();
    expect(dgd.apiVersion).toBe('nvidia.com/v1alpha1');
    expect(Object.keys(dgd.spec.services)).toEqual(['Frontend', 'VllmWorker']);
    const w = dgd.spec.services.VllmWorker;
    expect(w).toMatchObject({ componentType: 'worker', replicas: 2, resources: { requests: { gpu: '2' }, limits: { gpu: '2' } } });
    expect(w.subComponentType).toBeUndefined();
    expect(w.extraPodSpec.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'NVIDIA-H200' });
    expect(w.extraPodSpec.mainContainer.image).toBe('nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0');
    expect(w.extraPodSpec.mainContainer.command).toEqual(['python3', '-m', 'dynamo.vllm']);
    expect(workerArgs(dgd, 'VllmWorker')).toEqual(['--model', 'Qwen/Qwen3-32B', '--tensor-parallel-size', '2']);
  });

  it('lists every mounted claim in spec.pvcs and marks the compilation cache', () => {
    const dgd = synth();
    expect(dgd.spec.pvcs).toEqual([{ name: 'model-cache', create: false }, { name: 'compilation-cache', create: false }]);
    expect(dgd.spec.services.VllmWorker.volumeMounts).toEqual([
      { name: 'model-cache', mountPoint: '/home/dynamo/.cache/huggingface' },
      { name: 'compilation-cache', mountPoint: '/home/dynamo/.cache/vllm', useAsCompilationCache: true },
    ]);
  });

  it('labelAsDecode publishes an aggregated pool as VllmDecodeWorker/decode without disaggregation flags', () => {
    const dgd = synth({ topology: Topologies.aggregated({ replicas: 8, tensorParallel: 2 }, { labelAsDecode: true }) });
    expect(dgd.spec.services.VllmDecodeWorker.subComponentType).toBe('decode');
    expect(workerArgs(dgd, 'VllmDecodeWorker')).not.toContain('--disaggregation-mode');
  });

  describe('disaggregated with the KV router', () => {
    const dgd = synth({
      topology: Topologies.disaggregated(
        { replicas: 6, tensorParallel: 2, podAnnotations: { 'prometheus.io/scrape': 'true' } },
        { replicas: 2, tensorParallel: 4, engine: { prefixCaching: false } },
      ),
      engine: { blockSize: 64 },
      frontend: { routerMode: RouterMode.KV, routerResetStates: true },
    });

    it('runs the frontend with --router-mode kv', () => {
      const main = dgd.spec.services.Frontend.extraPodSpec.mainContainer;
      expect(main.command).toEqual(['python3', '-m', 'dynamo.frontend']);
      expect(main.args).toEqual(['--router-mode', 'kv', '--router-reset-states']);
    });

    it('gives each role its own TP, replicas, disaggregation mode and NIXL transfer', () => {
      const { VllmPrefillWorker: p, VllmDecodeWorker: d } = dgd.spec.services;
      expect([p.subComponentType, p.replicas, p.resources.limits.gpu]).toEqual(['prefill', 6, '2']);
      expect([d.subComponentType, d.replicas, d.resources.limits.gpu]).toEqual(['decode', 2, '4']);
      for (const [svc, mode] of [['VllmPrefillWorker', 'prefill'], ['VllmDecodeWorker', 'decode']]) {
        const args = workerArgs(dgd, svc);
        expect(args.slice(args.indexOf('--disaggregation-mode'), args.indexOf('--disaggregation-mode') + 4))
          .toEqual(['--disaggregation-mode', mode, '--kv-transfer-config', '{"kv_connector":"NixlConnector","kv_role":"kv_both"}']);
        expect(args).toEqual(expect.arrayContaining(['--block-size', '64']));
      }
    });

    it('publishes KV events from prefill workers only', () => {
      expect(workerArgs(dgd, 'VllmPrefillWorker')).toEqual(expect.arrayContaining(['--kv-events-config', JSON.stringify(KV_EVENTS_CONFIG)]));
      expect(workerArgs(dgd, 'VllmDecodeWorker')).not.toContain('--kv-events-config');
    });

    it('applies role overrides to their role only', () => {
      expect(workerArgs(dgd, 'VllmDecodeWorker')).toContain('--no-enable-prefix-caching');
      expect(workerArgs(dgd, 'VllmPrefillWorker')).not.toContain('--no-enable-prefix-caching');
      expect(dgd.spec.services.VllmPrefillWorker.extraPodMetadata).toEqual({ annotations: { 'prometheus.io/scrape': 'true' } });
      expect(dgd.spec.services.VllmDecodeWorker.extraPodMetadata).toBeUndefined();
    });
  });

  it('with the KV router, aggregated workers publish KV events too', () => {
    expect(workerArgs(synth({ frontend: { routerMode: RouterMode.KV } }), 'VllmWorker')).toContain('--kv-events-config');
  });

  it('requests the profile RDMA resource on GPU workers only', () => {
    const dgd = synth({ hardware: testProfile({ rdma: { resource: 'rdma/ib', count: 2 } }) });
    expect(dgd.spec.services.VllmWorker.resources.limits.custom).toEqual({ 'rdma/ib': '2' });
    expect(dgd.spec.services.Frontend.resources.limits.custom).toBeUndefined();
  });

  it('tolerates the profile taints on every service', () => {
    const tolerations = [{ key: 'kubernetes.io/arch', operator: 'Equal' as const, value: 'arm64', effect: 'NoSchedule' as const }];
    const dgd = synth({ hardware: testProfile({ tolerations }) });
    for (const svc of Object.values(dgd.spec.services) as Obj[]) expect(svc.extraPodSpec.tolerations).toEqual(tolerations);
  });

  describe('multimodal', () => {
    const mm = (embeddingCacheGiB?: number) => synth({
      model: QWEN3_VL_30B_A3B_INSTRUCT_FP8,
      topology: Topologies.aggregated({ replicas: 1, tensorParallel: 1 }),
      multimodal: { embeddingCacheGiB },
      requestPlane: RequestPlane.TCP,
      launch: { style: LaunchStyle.SHELL },
    });
    const env = (dgd: Obj): Record<string, string> =>
      Object.fromEntries(dgd.spec.services.VllmWorker.extraPodSpec.mainContainer.env.map((e: Obj) => [e.name, e.value]));

    it('an embedding cache sets its size in env and reads it in the script', () => {
      const dgd = mm(10);
      expect(env(dgd)).toMatchObject({ DYN_MULTIMODAL_EMBEDDING_CACHE_GB: '10', DYN_VLLM_EMBEDDING_TRANSFER_MODE: 'nixl-write', DYN_MM_ALLOW_INTERNAL: '1', DYN_REQUEST_PLANE: 'tcp' });
      expect(workerArgs(dgd, 'VllmWorker')[0]).toContain('--multimodal-embedding-cache-capacity-gb "${DYN_MULTIMODAL_EMBEDDING_CACHE_GB}"');
      expect(workerArgs(dgd, 'VllmWorker')[0]).toContain('--enable-multimodal');
    });

    it('0 GiB configures the cache off; unset configures nothing', () => {
      expect(env(mm(0)).DYN_MULTIMODAL_EMBEDDING_CACHE_GB).toBe('0');
      expect(env(mm(undefined)).DYN_MULTIMODAL_EMBEDDING_CACHE_GB).toBeUndefined();
      expect(workerArgs(mm(undefined), 'VllmWorker')[0]).not.toContain('embedding-cache');
    });

    it('frontend decoding needs an aggregated topology', () => {
      expect(() => synth({
        multimodal: { frontendDecoding: true },
        topology: Topologies.disaggregated({ replicas: 1, tensorParallel: 1 }, { replicas: 1, tensorParallel: 1 }),
      })).toThrow('DynamoGraph g: multimodal.frontendDecoding: needs an aggregated topology (it is disaggregated)');
    });
  });

  it('rejects a cache on a sub-directory, which DGD volume mounts cannot express', () => {
    expect(() => synth({ caches: { model: { claimName: 'shared', subPath: 'x/vllm' } } }))
      .toThrow('DynamoGraph g: caches.model: uses sub-directory "x/vllm" of claim "shared", but DGD volumeMounts take whole claims');
  });

  it('reports every invalid prop at once, each with its field and what is allowed', () => {
    expect(() => synth({
      name: 'Bad_Name',
      topology: Topologies.disaggregated({ replicas: 0, tensorParallel: 2.5 }, { replicas: 1, tensorParallel: 1, engine: { blockSize: 48 } }),
      engine: { gpuMemoryUtilization: 1.5 },
    })).toThrow([
      "DynamoGraph Bad_Name: name: must be a DNS-1123 label (lower-case letters, digits, '-') of at most 45 characters (got \"Bad_Name\")",
      'DynamoGraph Bad_Name: topology.prefill.replicas: must be a whole number from 1 to 1024 (got 0)',
      'DynamoGraph Bad_Name: topology.prefill.tensorParallel: must be a whole number from 1 to 72 (got 2.5)',
      'DynamoGraph Bad_Name: topology.decode.engine.blockSize: must be one of 1, 8, 16, 32, 64, 128, 256 (got 48)',
      'DynamoGraph Bad_Name: engine.gpuMemoryUtilization: must be a number > 0 and ≤ 1 (got 1.5)',
    ].join('\n'));
  });

  describe('feature options', () => {
    it('speculative decoding: the same Eagle3 config on prefill and decode workers', () => {
      const dgd = synth({
        topology: Topologies.disaggregated({ replicas: 1, tensorParallel: 2 }, { replicas: 1, tensorParallel: 2 }),
        speculative: { method: SpeculativeMethod.EAGLE3, draftModel: 'org/draft-eagle3', numSpeculativeTokens: 3 },
      });
      for (const svc of ['VllmPrefillWorker', 'VllmDecodeWorker']) {
        const args = workerArgs(dgd, svc);
        expect(args[args.indexOf('--speculative-config') + 1]).toBe('{"method":"eagle3","model":"org/draft-eagle3","num_speculative_tokens":3}');
      }
    });

    it('KV offload, aggregated: the KVBM connector, the cache size in env and in the memory request', () => {
      const dgd = synth({ kvOffload: { hostCacheGiB: 100 } });
      const w = dgd.spec.services.VllmWorker;
      const args = workerArgs(dgd, 'VllmWorker');
      expect(JSON.parse(args[args.indexOf('--kv-transfer-config') + 1])).toEqual(KVBM_CONNECTOR);
      expect(w.extraPodSpec.mainContainer.env).toContainEqual({ name: 'DYN_KVBM_CPU_CACHE_GB', value: '100' });
      expect(w.resources.requests.memory).toBe('150Gi');
      expect(w.resources.limits.memory).toBe('200Gi');
    });

    it('KV offload, disaggregated: prefill combines KVBM and NIXL, decode keeps NIXL alone', () => {
      const dgd = synth({ kvOffload: { hostCacheGiB: 64 }, topology: Topologies.disaggregated({ replicas: 1, tensorParallel: 1 }, { replicas: 1, tensorParallel: 1 }) });
      const config = (svc: string) => { const a = workerArgs(dgd, svc); return JSON.parse(a[a.indexOf('--kv-transfer-config') + 1]); };
      expect(config('VllmPrefillWorker')).toEqual({
        kv_connector: 'PdConnector', kv_role: 'kv_both',
        kv_connector_extra_config: { connectors: [KVBM_CONNECTOR, { kv_connector: 'NixlConnector', kv_role: 'kv_both' }] },
        kv_connector_module_path: 'kvbm.vllm_integration.connector',
      });
      expect(config('VllmDecodeWorker')).toEqual({ kv_connector: 'NixlConnector', kv_role: 'kv_both' });
      for (const svc of ['VllmPrefillWorker', 'VllmDecodeWorker']) expect(workerArgs(dgd, svc)).toContain('--disable-hybrid-kv-cache-manager');
      expect(dgd.spec.services.VllmDecodeWorker.extraPodSpec.mainContainer.env.map((e: Obj) => e.name)).not.toContain('DYN_KVBM_CPU_CACHE_GB');
    });

    it('WideEP: data-parallel attention with expert parallelism, GPUs = TP × DP', () => {
      const chart = Testing.chart();
      const g = new DynamoGraph(chart, 'G', { ...base, topology: Topologies.aggregated({ replicas: 1, tensorParallel: 1, dataParallel: 8, expertParallel: true }) });
      const [dgd] = Testing.synth(chart);
      expect(workerArgs(dgd, 'VllmWorker')).toEqual(expect.arrayContaining(['--data-parallel-size', '8', '--enable-expert-parallel']));
      expect(dgd.spec.services.VllmWorker.resources.limits.gpu).toBe('8');
      expect(g.gpuDemand[0]).toMatchObject({ gpusPerWorker: 8, nodesPerWorker: 1 });
    });

    it('multi-node workers: multinode.nodeCount and GPUs per pod = GPUs per node', () => {
      const chart = Testing.chart();
      const g = new DynamoGraph(chart, 'G', { ...base, topology: Topologies.aggregated({ replicas: 1, tensorParallel: 4, dataParallel: 4, expertParallel: true, nodes: 4 }) });
      const [dgd] = Testing.synth(chart);
      expect(dgd.spec.services.VllmWorker.multinode).toEqual({ nodeCount: 4 });
      expect(dgd.spec.services.VllmWorker.resources.limits.gpu).toBe('4');
      expect(g.gpuDemand[0]).toMatchObject({ gpusPerWorker: 16, nodesPerWorker: 4 });
    });

    it('rejects a node count that does not divide the worker\'s GPUs', () => {
      expect(() => synth({ topology: Topologies.aggregated({ replicas: 1, tensorParallel: 4, nodes: 3 }) }))
        .toThrow("DynamoGraph g: topology.workers.nodes: must divide the worker's 4 GPUs (TP 4 × DP 1) evenly (got 3)");
    });

    it('sizes /dev/shm', () => {
      expect(synth({ sharedMemoryGiB: 80 }).spec.services.VllmWorker.sharedMemory).toEqual({ size: '80Gi' });
    });
  });

  it('exposes the frontend Service URL and the GPU demand', () => {
    const chart = Testing.chart();
    const g = new DynamoGraph(chart, 'G', { ...base, name: 'agg-8xtp2' });
    expect(g.url).toBe('http://agg-8xtp2-frontend:8000');
    expect(g.gpuDemand).toEqual([{ role: 'worker', replicas: 2, tensorParallel: 2, gpusPerWorker: 2, nodesPerWorker: 1, hostMemoryGiB: 0 }]);
  });
});

describe('DynamoGraph backends', () => {
  const pd = Topologies.disaggregated({ replicas: 2, tensorParallel: 4 }, { replicas: 1, tensorParallel: 4 });
  /** Every object of a graph, by kind. */
  function synthAll(props: Partial<DynamoGraphProps>): { dgd: Obj; configMap?: Obj; graph: DynamoGraph } {
    const chart = Testing.chart();
    const graph = new DynamoGraph(chart, 'G', { ...base, caches: { model: { claimName: 'model-cache' } }, ...props });
    const objects = Testing.synth(chart);
    return { dgd: objects.find((o) => o.kind === 'DynamoGraphDeployment')!, configMap: objects.find((o) => o.kind === 'ConfigMap'), graph };
  }

  describe('TensorRT-LLM', () => {
    const trt = (props: Partial<DynamoGraphProps> = {}) => synthAll({ backend: Backend.TRTLLM, ...props });

    it('short service names, dynamo.trtllm, --model-path + --served-model-name, the engine file from a ConfigMap at /config', () => {
      const { dgd, configMap } = trt({ topology: pd, trtllm: { engine: { maxBatchSize: 8, kvCacheConfig: { tokensPerBlock: 64 } } } });
      expect(Object.keys(dgd.spec.services).sort()).toEqual(['Frontend', 'decode', 'prefill']);
      const p = dgd.spec.services.prefill;
      expect(p.extraPodSpec.mainContainer.command).toEqual(['python3', '-m', 'dynamo.trtllm']);
      expect(p.extraPodSpec.mainContainer.image).toBe('nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0');
      expect(dgd.spec.services.Frontend.extraPodSpec.mainContainer.image).toBe('nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0');
      expect(workerArgs(dgd, 'prefill')).toEqual([
        '--model-path', 'Qwen/Qwen3-32B', '--served-model-name', 'Qwen/Qwen3-32B', '--extra-engine-args', '/config/prefill.yaml',
        '--disaggregation-mode', 'prefill', '--kv-block-size', '64',
      ]);
      expect(p.extraPodSpec.mainContainer.volumeMounts).toEqual([{ name: 'trtllm-config', mountPath: '/config', readOnly: true }]);
      expect(p.extraPodSpec.volumes).toEqual([{ name: 'trtllm-config', configMap: { name: 'g-trtllm-config' } }]);
      expect(configMap!.metadata.name).toBe('g-trtllm-config');
      expect(Object.keys(configMap!.data).sort()).toEqual(['decode.yaml', 'prefill.yaml']);
      expect(parse(configMap!.data['decode.yaml'])).toEqual({
        tensor_parallel_size: 4, enable_attention_dp: false, max_batch_size: 8, kv_cache_config: { tokens_per_block: 64 },
      });
    });

    it('aggregated workers read agg.yaml and need no ConfigMap entry for other roles', () => {
      const { dgd, configMap } = trt();
      expect(Object.keys(dgd.spec.services)).toEqual(['Frontend', 'agg']);
      expect(workerArgs(dgd, 'agg')).toContain('/config/agg.yaml');
      expect(Object.keys(configMap!.data)).toEqual(['agg.yaml']);
    });

    it('WideEP: TP, expert parallel and attention DP in the engine file; GPUs per worker = TP; nodes split the pods', () => {
      const { dgd, configMap, graph } = trt({ topology: Topologies.aggregated({ replicas: 4, tensorParallel: 8, dataParallel: 8, expertParallel: true, nodes: 2 }) });
      expect(parse(configMap!.data['agg.yaml'])).toEqual({ tensor_parallel_size: 8, moe_expert_parallel_size: 8, enable_attention_dp: true });
      expect(dgd.spec.services.agg.multinode).toEqual({ nodeCount: 2 });
      expect(dgd.spec.services.agg.resources.limits.gpu).toBe('4');
      expect(graph.gpuDemand[0]).toMatchObject({ gpusPerWorker: 8, nodesPerWorker: 2 });
    });

    it('Eagle speculative decoding on every role; host KV offload on prefill only, in bytes', () => {
      const { configMap, dgd } = trt({
        topology: pd,
        speculative: { method: SpeculativeMethod.EAGLE3, draftModel: 'org/draft-eagle3', numSpeculativeTokens: 3, trtllmDecodingType: TrtllmEagleDecodingType.EAGLE },
        kvOffload: { hostCacheGiB: 100 },
      });
      const prefill = parse(configMap!.data['prefill.yaml']);
      const decode = parse(configMap!.data['decode.yaml']);
      const eagle = { decoding_type: 'Eagle', max_draft_len: 3, allow_advanced_sampling: true, speculative_model_dir: 'org/draft-eagle3' };
      expect(prefill.speculative_config).toEqual(eagle);
      expect(decode.speculative_config).toEqual(eagle);
      expect(prefill.kv_cache_config).toEqual({ host_cache_size: 107374182400 });
      expect(decode.kv_cache_config).toBeUndefined();
      // No KVBM: TensorRT-LLM sizes its own host tier; the pod's memory still grows by it.
      expect(envNames(dgd, 'prefill')).not.toContain('DYN_KVBM_CPU_CACHE_GB');
      expect(dgd.spec.services.prefill.resources.requests.memory).toBe('150Gi');
      expect(workerArgs(dgd, 'prefill')).not.toContain('--speculative-config');
    });

    it('speculative_config.decoding_type defaults to Eagle3', () => {
      const { configMap } = trt({ speculative: { method: SpeculativeMethod.EAGLE3, draftModel: 'org/d', numSpeculativeTokens: 2 } });
      expect(parse(configMap!.data['agg.yaml']).speculative_config.decoding_type).toBe('Eagle3');
    });

    it('KV router: --publish-events-and-metrics on every role; request plane as a flag on frontend and workers', () => {
      const { dgd } = trt({ topology: pd, frontend: { routerMode: RouterMode.KV }, requestPlane: RequestPlane.NATS });
      for (const svc of ['prefill', 'decode']) {
        expect(workerArgs(dgd, svc)).toEqual(expect.arrayContaining(['--publish-events-and-metrics', '--request-plane', 'nats']));
        expect(envNames(dgd, svc)).not.toContain('DYN_REQUEST_PLANE');
      }
      expect(dgd.spec.services.Frontend.extraPodSpec.mainContainer.args).toEqual(['--router-mode', 'kv', '--request-plane', 'nats']);
      expect(dgd.spec.services.Frontend.envs.map((e: Obj) => e.name)).not.toContain('DYN_REQUEST_PLANE');
    });

    it('kvEvents publishes events behind a round-robin frontend too, and can turn them off behind the KV router', () => {
      expect(workerArgs(trt({ kvEvents: true }).dgd, 'agg')).toContain('--publish-events-and-metrics');
      expect(workerArgs(trt({ kvEvents: false, frontend: { routerMode: RouterMode.KV } }).dgd, 'agg')).not.toContain('--publish-events-and-metrics');
    });

    it('parsers and pool overrides: pool engine fields replace the graph\'s, per role', () => {
      const { dgd, configMap } = trt({
        topology: Topologies.disaggregated({ replicas: 1, tensorParallel: 4, trtllm: { engine: { maxBatchSize: 4 } } }, { replicas: 1, tensorParallel: 4 }),
        trtllm: { toolCallParser: 'kimi_k2', reasoningParser: 'kimi_k25', engine: { maxBatchSize: 128, printIterLog: true } },
      });
      expect(workerArgs(dgd, 'decode')).toEqual(expect.arrayContaining(['--dyn-tool-call-parser', 'kimi_k2', '--dyn-reasoning-parser', 'kimi_k25']));
      expect(parse(configMap!.data['prefill.yaml'])).toMatchObject({ max_batch_size: 4, print_iter_log: true });
      expect(parse(configMap!.data['decode.yaml'])).toMatchObject({ max_batch_size: 128, print_iter_log: true });
    });

    it('ComputeDomain claim and per-pool env on every worker, not on the frontend', () => {
      const { dgd } = trt({
        topology: Topologies.disaggregated({ replicas: 1, tensorParallel: 4, env: { A: '1' } }, { replicas: 1, tensorParallel: 4 }),
        computeDomain: { resourceClaimTemplateName: 'cd-channel' },
        workerEnv: { SHARED: 'x' },
      });
      for (const svc of ['prefill', 'decode']) {
        expect(dgd.spec.services[svc].extraPodSpec.resourceClaims).toEqual([{ name: 'compute-domain-channel', resourceClaimTemplateName: 'cd-channel' }]);
        expect(dgd.spec.services[svc].resources.claims).toEqual([{ name: 'compute-domain-channel' }]);
      }
      expect(dgd.spec.services.Frontend.extraPodSpec.resourceClaims).toBeUndefined();
      expect(envNames(dgd, 'prefill')).toEqual(expect.arrayContaining(['SHARED', 'A']));
      expect(envNames(dgd, 'decode')).toContain('SHARED');
      expect(envNames(dgd, 'decode')).not.toContain('A');
    });

    it('service names are an option', () => {
      const { dgd } = trt({ topology: pd, serviceNames: { decode: 'dec' } });
      expect(Object.keys(dgd.spec.services).sort()).toEqual(['Frontend', 'dec', 'prefill']);
      expect(dgd.spec.services.dec.subComponentType).toBe('decode');
    });

    it('rejects vLLM-only props, bad engine values and attention DP other than TP, each with its field', () => {
      expect(() => trt({
        engine: { blockSize: 64 },
        caches: { model: { claimName: 'm' }, compilation: { claimName: 'c' } },
        topology: Topologies.aggregated({ replicas: 1, tensorParallel: 4, dataParallel: 2, trtllm: { engine: { kvCacheConfig: { freeGpuMemoryFraction: 1.5 } } } }),
        serviceNames: { worker: 'Frontend' },
        computeDomain: { resourceClaimTemplateName: 'Bad_Name' },
      })).toThrow([
        'DynamoGraph g: topology.workers.dataParallel: on trtllm, data-parallel attention runs inside the TP group: must be 1 or equal tensorParallel 4 (got 2)',
        'DynamoGraph g: topology.workers.trtllm.engine.kvCacheConfig.freeGpuMemoryFraction: must be a number > 0 and ≤ 1 (got 1.5)',
        'DynamoGraph g: engine: is for the vllm backend only (the backend is trtllm)',
        'DynamoGraph g: caches.compilation: is for the vllm backend only (the backend is trtllm)',
        'DynamoGraph g: serviceNames.worker: must not be "Frontend" (the frontend\'s service)',
        "DynamoGraph g: computeDomain.resourceClaimTemplateName: must be a DNS-1123 label (lower-case letters, digits, '-') of at most 253 characters (got \"Bad_Name\")",
      ].join('\n'));
    });
  });

  describe('SGLang', () => {
    const sgl = (props: Partial<DynamoGraphProps> = {}) => synthAll({ backend: Backend.SGLANG, ...props });

    it('P/D over NIXL with --model-path, --tp, and KV events from prefill only', () => {
      const { dgd, configMap } = sgl({ topology: pd, sglang: { pageSize: 16, trustRemoteCode: true, skipTokenizerInit: true }, frontend: { routerMode: RouterMode.KV } });
      expect(configMap).toBeUndefined();
      expect(Object.keys(dgd.spec.services).sort()).toEqual(['Frontend', 'decode', 'prefill']);
      expect(dgd.spec.services.prefill.extraPodSpec.mainContainer.command).toEqual(['python3', '-m', 'dynamo.sglang']);
      expect(dgd.spec.services.prefill.extraPodSpec.mainContainer.image).toBe('nvcr.io/nvidia/ai-dynamo/sglang-runtime:1.3.0');
      expect(workerArgs(dgd, 'decode')).toEqual([
        '--model-path', 'Qwen/Qwen3-32B', '--served-model-name', 'Qwen/Qwen3-32B', '--page-size', '16', '--tp', '4', '--trust-remote-code', '--skip-tokenizer-init',
        '--disaggregation-mode', 'decode', '--disaggregation-transfer-backend', 'nixl', '--disaggregation-bootstrap-port', '12345',
      ]);
      const prefill = workerArgs(dgd, 'prefill');
      expect(prefill[prefill.indexOf('--kv-events-config') + 1]).toBe('{"publisher":"zmq","topic":"kv-events","endpoint":"tcp://*:5557"}');
    });

    it('WideEP: --dp N --enable-dp-attention --ep-size inside the TP group, GPUs per worker = TP', () => {
      const { dgd, graph } = sgl({ topology: Topologies.aggregated({ replicas: 1, tensorParallel: 8, dataParallel: 8, expertParallel: true, nodes: 2 }) });
      expect(workerArgs(dgd, 'agg')).toEqual(expect.arrayContaining(['--tp', '8', '--dp', '8', '--enable-dp-attention', '--ep-size', '8']));
      expect(dgd.spec.services.agg.resources.limits.gpu).toBe('4');
      expect(graph.gpuDemand[0]).toMatchObject({ gpusPerWorker: 8, nodesPerWorker: 2 });
    });

    it('rejects speculative decoding with a draft model and TensorRT-LLM options', () => {
      expect(() => sgl({ speculative: { method: SpeculativeMethod.EAGLE3, draftModel: 'org/d', numSpeculativeTokens: 2 }, trtllm: {} })).toThrow([
        'DynamoGraph g: trtllm: is for the trtllm backend only (the backend is sglang)',
        'DynamoGraph g: speculative: is not supported on sglang (upstream SGLang recipes use MTP heads, not a draft model)',
      ].join('\n'));
    });
  });

  describe('runtime images', () => {
    it('swap the vLLM repository for the backend\'s, same registry and tag, unless the profile names one', () => {
      expect(runtimeImage(testProfile(), Backend.TRTLLM)).toBe('nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.0');
      expect(runtimeImage(testProfile(), Backend.VLLM)).toBe('nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0');
      expect(runtimeImage(testProfile({ images: { sglang: 'example.com/sgl:1.1.1-cuda13' } }), Backend.SGLANG)).toBe('example.com/sgl:1.1.1-cuda13');
    });

    it('a profile image that is not a vllm-runtime image needs images.<backend>', () => {
      expect(() => runtimeImage(testProfile({ image: 'example.com/custom:1' }), Backend.TRTLLM))
        .toThrow('images.trtllm: not set, and image "example.com/custom:1" is not a vllm-runtime image to derive the trtllm runtime from; set images.trtllm to a pinned tensorrtllm-runtime image');
    });
  });
});

const envNames = (dgd: Obj, service: string): string[] => dgd.spec.services[service].extraPodSpec.mainContainer.env.map((e: Obj) => e.name);
