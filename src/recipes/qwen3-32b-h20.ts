/**
 * Qwen3-32B on H20 96GB (seed 004): Dynamo disaggregated 3P(TP4)/1D(TP4), 6P(TP2)/1D(TP4), 12P(TP1)/1D(TP4)
 * with round-robin routing vs plain vLLM, 4 replicas × TP4 with chunked prefill; each swept over
 * concurrency 1..128 × ISL:OSL 3000:150, 1000:1000, 500:1000, 2500:100. The seed predates the
 * DynamoGraphDeployment API: its topologies and engine settings are expressed with today's DGD.
 */
import { Construct } from 'constructs';
import { CacheLayouts, DynamoGraph, RouterMode, Topologies, VllmEngineOptions, VllmServe } from '../constructs';
import { QWEN3_32B } from '../models';
import { Configuration, ConfigurationContext, defineComparison } from './comparison';

/** Settings of every engine of the seed ("Common"). */
const engine: VllmEngineOptions = { blockSize: 128, maxModelLen: 4096 };
/** Prefill workers: eager mode, 4K-token steps. */
const prefillEngine: VllmEngineOptions = { enforceEager: true, maxNumBatchedTokens: 4096 };
/** Decode workers capture CUDA graphs for every batch size the sweep reaches. */
const decodeEngine: VllmEngineOptions = {
  compilationConfig: { cudagraph_capture_sizes: [1, 2, 4, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128] },
};

/** The seed's disaggregated configuration: `prefill` prefill workers of `tp` GPUs and one decode worker of `decodeTp` GPUs. */
export function disaggregated(prefill: number, tp: number, decodeTp = 4): Configuration {
  const deploy = (scope: Construct, ctx: ConfigurationContext) => new DynamoGraph(scope, 'Graph', {
    name: ctx.objectName,
    model: QWEN3_32B,
    hardware: ctx.hardware,
    labels: ctx.labels,
    topology: Topologies.disaggregated(
      { replicas: prefill, tensorParallel: tp, engine: prefillEngine },
      { replicas: 1, tensorParallel: decodeTp, engine: decodeEngine },
    ),
    caches: { model: ctx.caches.model, compilation: ctx.caches.compilation },
    engine,
    frontend: { routerMode: RouterMode.ROUND_ROBIN },
    hfTokenSecret: ctx.comparison.hfTokenSecret,
  });
  return { name: `disagg-${prefill}p-tp${tp}-1d-tp${decodeTp}`, description: `Dynamo ${prefill}P(TP${tp}) / 1D(TP${decodeTp}), round-robin`, deploy };
}

export const qwen3_32bH20 = defineComparison({
  name: 'qwen3-32b-h20',
  title: 'Qwen3-32B on H20: disaggregated topologies vs vLLM',
  seed: '004_40ae512a668d8e46',
  prefix: 'qwen3-32b-h20',
  model: QWEN3_32B,
  targets: ['h20'],
  caches: CacheLayouts.separate(),
  hfTokenSecret: 'hf-token-secret',
  baseline: 'vllm-4xtp4',
  workload: {
    load: {
      kind: 'sweep',
      concurrency: [1, 2, 4, 8, 16, 32, 64, 128],
      islOsl: [[3000, 150], [1000, 1000], [500, 1000], [2500, 100]],
    },
  },
  configurations: [
    {
      name: 'vllm-4xtp4',
      description: 'Plain vLLM: 4 replicas × TP4 with chunked prefill',
      deploy: (scope, ctx) => new VllmServe(scope, 'Server', {
        name: ctx.objectName,
        model: QWEN3_32B,
        hardware: ctx.hardware,
        labels: ctx.labels,
        caches: { model: ctx.caches.model, compilation: ctx.caches.compilation },
        replicas: 4,
        tensorParallel: 4,
        engine: { ...engine, chunkedPrefill: true },
        hfTokenSecret: ctx.comparison.hfTokenSecret,
      }),
    },
    disaggregated(3, 4),
    disaggregated(6, 2),
    disaggregated(12, 1),
  ],
});
