/**
 * Property-based tests: random valid option sets always synthesize schema-valid manifests; random invalid
 * ones always fail with a typed UserError, never a crash.
 */
import fc from 'fast-check';
import {
  DynamoGraph, DynamoGraphProps, LaunchStyle, RequestLogging, RequestPlane, RouterMode, Topologies, Topology, VllmServe,
} from '../src/constructs';
import { UserError } from '../src/errors';
import { QWEN3_VL_30B_A3B_INSTRUCT_FP8 } from '../src/models';
import { Comparison, ConfigurationContext, defineComparison } from '../src/recipes';
import { qwen3vl } from '../src/recipes/qwen3vl';
import { synthesize } from '../src/synth/synthesize';
import { validateRendered } from '../src/synth/validate-output';
import { formatViolation } from '../src/validate';
import { testProfile } from './support/profiles';

/** 8 GPUs × 2 nodes. */
const hw = testProfile({ rdma: { resource: 'rdma/ib', count: 2 } }, 'prop-hw');
const tp = fc.constantFrom(1, 2, 4, 8);

const pool = (maxGpus: number) => tp.chain((t) => fc.record({ tensorParallel: fc.constant(t), replicas: fc.integer({ min: 1, max: Math.max(1, Math.floor(maxGpus / t)) }) }));

const topology: fc.Arbitrary<Topology> = fc.oneof(
  fc.tuple(pool(16), fc.boolean()).map(([w, labelAsDecode]) => Topologies.aggregated(w, { labelAsDecode })),
  pool(8).chain((p) => pool(16 - p.replicas * p.tensorParallel).map((d) => Topologies.disaggregated(p, d)))
    .filter((t) => t.kind === 'disaggregated' && t.prefill.replicas * t.prefill.tensorParallel + t.decode.replicas * t.decode.tensorParallel <= 16),
);

const engine = fc.record({
  gpuMemoryUtilization: fc.integer({ min: 50, max: 95 }).map((n) => n / 100),
  maxModelLen: fc.integer({ min: 1024, max: 131072 }),
  blockSize: fc.constantFrom(16, 32, 64, 128),
  prefixCaching: fc.boolean(),
  asyncScheduling: fc.boolean(),
  enforceEager: fc.boolean(),
  requestLogging: fc.constantFrom(RequestLogging.OFF, RequestLogging.OFF_LEGACY),
  hfOverrides: fc.constantFrom(undefined, { max_position_embeddings: 131072 }),
}, { requiredKeys: [] });

const graphProps = fc.record({
  topology,
  engine,
  routerMode: fc.constantFrom(undefined, RouterMode.KV, RouterMode.ROUND_ROBIN, RouterMode.RANDOM),
  resetStates: fc.boolean(),
  style: fc.constantFrom(LaunchStyle.EXEC, LaunchStyle.SHELL),
  lockMemory: fc.boolean(),
  embeddingCacheGiB: fc.constantFrom(undefined, 0, 8, 10),
  requestPlane: fc.constantFrom(undefined, RequestPlane.TCP, RequestPlane.NATS),
  compilationCache: fc.boolean(),
}).map((o) => (ctx: ConfigurationContext): DynamoGraphProps => ({
  name: ctx.objectName,
  model: QWEN3_VL_30B_A3B_INSTRUCT_FP8,
  hardware: ctx.hardware,
  labels: ctx.labels,
  topology: o.topology,
  engine: o.engine,
  frontend: { routerMode: o.routerMode, routerResetStates: o.resetStates },
  launch: { style: o.style, lockMemory: o.lockMemory },
  multimodal: { embeddingCacheGiB: o.embeddingCacheGiB, frontendDecoding: o.topology.kind === 'aggregated' && o.lockMemory },
  requestPlane: o.requestPlane,
  caches: { model: ctx.caches.model, ...(o.compilationCache ? { compilation: ctx.caches.compilation } : {}) },
}));

/** A one-configuration comparison around a graph. */
function comparisonOf(props: (ctx: ConfigurationContext) => DynamoGraphProps): Comparison {
  return defineComparison({
    ...qwen3vl,
    targets: [hw.name],
    baseline: 'graph',
    configurations: [{ name: 'graph', description: 'generated', deploy: (scope, ctx) => new DynamoGraph(scope, 'G', props(ctx)) }],
  });
}

function violations(comparison: Comparison): string[] {
  const result = synthesize([comparison], [hw], { recipes: [comparison.name], hardware: [hw.name] });
  return validateRendered('dist', result.files).map(formatViolation);
}

describe('properties', () => {
  it('every valid graph option set synthesizes schema-valid manifests', () => {
    fc.assert(fc.property(graphProps, (props) => {
      expect(violations(comparisonOf(props))).toEqual([]);
    }), { numRuns: 40, seed: 20261122 });
  });

  it('every valid vllm serve option set synthesizes schema-valid manifests', () => {
    fc.assert(fc.property(tp, fc.integer({ min: 1, max: 2 }), engine, (t, replicas, e) => {
      const comparison = defineComparison({
        ...qwen3vl, targets: [hw.name], baseline: 'serve',
        configurations: [{ name: 'serve', description: 'generated', deploy: (scope, ctx) => new VllmServe(scope, 'S', {
          name: ctx.objectName, model: QWEN3_VL_30B_A3B_INSTRUCT_FP8, hardware: ctx.hardware, labels: ctx.labels,
          caches: { model: ctx.caches.model, compilation: ctx.caches.compilation }, tensorParallel: t, replicas, engine: e,
        }) }],
      });
      expect(violations(comparison)).toEqual([]);
    }), { numRuns: 20, seed: 20261122 });
  });

  /** One field made invalid: numbers out of range, fractions, NaN, infinities. */
  const bad = fc.constantFrom(0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e12);
  const corruption = fc.oneof(
    bad.map((v) => (p: DynamoGraphProps): DynamoGraphProps => ({ ...p, topology: Topologies.aggregated({ replicas: v, tensorParallel: 1 }) })),
    bad.map((v) => (p: DynamoGraphProps): DynamoGraphProps => ({ ...p, topology: Topologies.aggregated({ replicas: 1, tensorParallel: v }) })),
    bad.map((v) => (p: DynamoGraphProps): DynamoGraphProps => ({ ...p, engine: { ...p.engine, gpuMemoryUtilization: v === 0.5 ? 2 : v } })),
    bad.map((v) => (p: DynamoGraphProps): DynamoGraphProps => ({ ...p, engine: { ...p.engine, blockSize: v === 0.5 ? 48 : v } })),
    bad.filter((v) => v !== 0 && v !== 0.5 && v !== 1e12).map((v) => (p: DynamoGraphProps): DynamoGraphProps => ({ ...p, multimodal: { embeddingCacheGiB: v } })),
    fc.constantFrom('UPPER', 'has space', 'x'.repeat(46), '-lead').map((name) => (p: DynamoGraphProps): DynamoGraphProps => ({ ...p, name })),
  );

  it('every invalid option set fails with a UserError, never a crash', () => {
    fc.assert(fc.property(graphProps, corruption, (props, corrupt) => {
      let thrown: unknown;
      try {
        violations(comparisonOf((ctx) => corrupt(props(ctx))));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(UserError);
      for (const p of (thrown as UserError).problems) expect(p).toMatch(/^(DynamoGraph .+?: [\w.[\]]+: |recipe )/);
    }), { numRuns: 60, seed: 20261122 });
  });
});
