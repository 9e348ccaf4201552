import { Testing } from 'cdk8s';
import { testProfile } from '../../test/support/profiles';
import { QWEN3_32B, QWEN3_VL_30B_A3B_INSTRUCT_FP8 } from '../models';
import { DynamoGraph, DynamoGraphProps, KV_EVENTS_CONFIG, KVBM_CONNECTOR, RequestPlane, RouterMode, SpeculativeMethod, Topologies } from './dynamo-graph';
import { LaunchStyle } from './launch';

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
