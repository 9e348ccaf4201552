/**
 * Aggregate vs single-node P/D vs multi-node P/D (seed 002, "Topology benchmark"): Llama-3.3-70B FP8 on vLLM,
 * 4, 8 and 16 GPUs, compared per GPU: every configuration runs 16 concurrent requests per GPU at
 * ISL 8192 / OSL 1024. Upstream: ai-dynamo/dynamo recipes/llama-3-70b/vllm/{agg,disagg-single-node,disagg-multi-node}.
 */
import { Construct } from 'constructs';
import { CacheLayouts, DynamoGraph, Topology, Topologies, VllmEngineOptions } from '../constructs';
import { LLAMA_3_3_70B_INSTRUCT_FP8 } from '../models';
import { ConfigurationContext, defineComparison } from './comparison';

const engine: VllmEngineOptions = { gpuMemoryUtilization: 0.9, prefixCaching: false, blockSize: 128 };

/** One topology of the benchmark; only the worker layout and /dev/shm differ. */
function graph(topology: Topology, sharedMemoryGiB: number) {
  return (scope: Construct, ctx: ConfigurationContext) => new DynamoGraph(scope, 'Graph', {
    name: ctx.objectName,
    model: LLAMA_3_3_70B_INSTRUCT_FP8,
    hardware: ctx.hardware,
    labels: ctx.labels,
    topology,
    caches: { model: ctx.caches.model, compilation: ctx.caches.compilation },
    engine,
    sharedMemoryGiB,
    hfTokenSecret: ctx.comparison.hfTokenSecret,
  });
}

export const llama70bTopologies = defineComparison({
  name: 'llama-70b',
  title: 'Aggregate vs single-node P/D vs multi-node P/D (Llama-3.3-70B FP8)',
  seed: '002_fabd924ef16c53b0',
  prefix: 'llama3-70b',
  model: LLAMA_3_3_70B_INSTRUCT_FP8,
  targets: ['h100', 'h200', 'b200'],
  caches: CacheLayouts.separate(),
  hfTokenSecret: 'hf-token-secret',
  baseline: 'agg',
  workload: {
    // Normalized per GPU: 16 concurrent requests per GPU of the configuration, 10 requests per slot, as many warm-ups.
    load: { kind: 'sweep', concurrency: [], concurrencyPerGpu: [16], islOsl: [[8192, 1024]], requestsPerConcurrency: 10, warmupPerConcurrency: 1 },
  },
  configurations: [
    { name: 'agg', description: '1 aggregated TP4 worker (4 GPUs)', deploy: graph(Topologies.aggregated({ replicas: 1, tensorParallel: 4 }), 20) },
    {
      name: 'disagg-single-node',
      objectName: 'llama3-70b-disagg-sn',
      description: '2 prefill TP2 + 1 decode TP4 on one node (8 GPUs)',
      deploy: graph(Topologies.disaggregated({ replicas: 2, tensorParallel: 2 }, { replicas: 1, tensorParallel: 4 }), 80),
    },
    {
      name: 'disagg-multi-node',
      objectName: 'llama3-70b-disagg-mn',
      description: '1 prefill TP8 + 1 decode TP8, one node each (16 GPUs)',
      deploy: graph(Topologies.disaggregated({ replicas: 1, tensorParallel: 8 }, { replicas: 1, tensorParallel: 8 }), 80),
    },
  ],
});
