/**
 * The bad-input corpus: malformed hardware profiles, CLI flags and recipe options. Each must give clear
 * messages naming the input, the field and what is allowed, a non-zero exit (or a typed UserError for
 * library input), no stack trace, and no partial output.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CacheLayouts, DynamoGraph, Topologies, VllmServe } from '../src/constructs';
import { main as datasetMain } from '../src/dataset/cli';
import { UserError } from '../src/errors';
import { main as synthMain } from '../src/main';
import { QWEN3_32B } from '../src/models';
import { Comparison, defineComparison } from '../src/recipes';
import { qwen3_32bH20 } from '../src/recipes/qwen3-32b-h20';
import { main as reportMain } from '../src/report/cli';
import { synthesize } from '../src/synth/synthesize';
import { main as validateMain } from '../src/validate/cli';
import { profile } from './support/synth';

interface Outcome { readonly code: number; readonly stderr: string }

const H100 = readFileSync('hw-profiles/h100.yaml', 'utf8');
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

function synthCli(args: string[]): Outcome {
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  err.on('data', (c: Buffer) => chunks.push(c));
  const code = synthMain(args, new PassThrough(), err);
  return { code, stderr: Buffer.concat(chunks).toString() };
}

async function fnCli(main: (argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>, args: string[]): Promise<Outcome> {
  let stderr = '';
  const code = await main(args, { out: () => undefined, err: (s) => { stderr += s.endsWith('\n') ? s : `${s}\n`; } });
  return { code, stderr };
}

/** Synth with `hw-profiles/` plus one extra profile file; returns the outcome and whether any output appeared. */
function synthWithProfile(fileName: string, text: string): Outcome & { file: string; wroteOutput: boolean } {
  const dir = tmp('profiles-');
  cpSync('hw-profiles', dir, { recursive: true });
  const file = join(dir, fileName);
  writeFileSync(file, text);
  const out = join(tmp('out-'), 'dist');
  const result = synthCli(['--out', out, '--profiles', dir]);
  return { ...result, file, wroteOutput: existsSync(out) };
}

const edit = (from: RegExp | string, to: string) => H100.replace(from, to);

/** [case, profile text, expected message after "<file>: "] */
const PROFILES: ReadonlyArray<readonly [string, string, string]> = [
  ['missing GPU count', edit(/^ {2}count: 8.*$/m, ''), 'gpu.count: is required (expected number)'],
  ['zero GPUs', edit(/^ {2}count: 8/m, '  count: 0'), 'gpu.count: must be > 0 (got 0)'],
  ['GPU count as text', edit(/^ {2}count: 8/m, '  count: eight'), 'gpu.count: must be a number (got "eight")'],
  ['huge GPU count', edit(/^ {2}count: 8/m, '  count: 1000000000'), 'gpu.count: must be ≤ 72 (got 1000000000)'],
  ['fractional GPU count', edit(/^ {2}count: 8/m, '  count: 1.5'), 'gpu.count: must be a whole number (got 1.5)'],
  ['negative GPU memory', edit('memoryGiB: 80', 'memoryGiB: -80'), 'gpu.memoryGiB: must be > 0 (got -80)'],
  ['huge GPU memory', edit('memoryGiB: 80', 'memoryGiB: 1e12'), 'gpu.memoryGiB: must be ≤ 1024 (got 1000000000000)'],
  ['unknown CPU architecture', edit('cpuArch: amd64', 'cpuArch: riscv'), 'cpuArch: must be one of "amd64", "arm64" (got "riscv")'],
  ['unknown GPU architecture', edit('architecture: hopper', 'architecture: volta'), 'gpu.architecture: must be one of "ampere", "hopper", "blackwell" (got "volta")'],
  ['zero nodes', edit(/^nodes: 2.*$/m, 'nodes: 0'), 'nodes: must be > 0 (got 0)'],
  ['unknown top-level key', `${H100}\ngpus: 8\n`, 'gpus: unknown field; allowed: description, gpu, nodes, nodeMemoryGiB, cpuArch, nodeSelector, hostname, tolerations, rdma, storageClass, image, images'],
  ['unknown nested key', edit('  memoryGiB: 80', '  memoryGiB: 80\n  memGB: 80'), 'gpu.memGB: unknown field; allowed: product, architecture, count, memoryGiB'],
  ['unpinned image', edit(/^image: .*$/m, 'image: nvcr.io/nvidia/ai-dynamo/vllm-runtime'), 'image: must be an image pinned to a tag or digest, e.g. nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0 (got "nvcr.io/nvidia/ai-dynamo/vllm-runtime")'],
  ['bad toleration effect', edit('tolerations: []', 'tolerations:\n  - key: a\n    effect: Never'), 'tolerations[0].effect: must be one of "NoSchedule", "PreferNoSchedule", "NoExecute" (got "Never")'],
  ['negative RDMA count', `${H100}\nrdma:\n  resource: rdma/ib\n  count: -2\n`, 'rdma.count: must be > 0 (got -2)'],
  ['hostname with spaces', `${H100}\nhostname: my node\n`, 'hostname: must be a node name (DNS subdomain) (got "my node")'],
  ['tolerations as a mapping', edit('tolerations: []', 'tolerations: {key: a}'), 'tolerations: must be a list (got {"key":"a"})'],
  ['storage class with capitals', edit(/^storageClass: .*$/m, 'storageClass: Fast_RWX'), 'storageClass: must be a StorageClass name (got "Fast_RWX")'],
];

describe('bad input corpus', () => {
  describe('hardware profiles: one line naming file and field, exit 1, no output', () => {
    it.each(PROFILES)('%s', (_case, text, message) => {
      const r = synthWithProfile('zz-test.yaml', text);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: ${r.file}: ${message}\n`);
      expect(r.wroteOutput).toBe(false);
    });

    it('a YAML syntax error gives file:line:col', () => {
      const r = synthWithProfile('zz-test.yaml', 'gpu:\n  count: [8\n');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error: ${r.file}:\\d+:\\d+: YAML syntax error: [^\\n]+\\n$`));
      expect(r.wroteOutput).toBe(false);
    });

    it('an empty file', () => {
      const r = synthWithProfile('zz-test.yaml', '');
      expect(r.stderr).toBe(`error: ${r.file}: file is empty; expected a hardware profile mapping (gpu, cpuArch, image, ...)\n`);
      expect(r.code).toBe(1);
    });

    it('a list instead of a mapping', () => {
      const r = synthWithProfile('zz-test.yaml', '- gpu\n- cpu\n');
      expect(r.stderr).toBe(`error: ${r.file}: (top level): must be a mapping (got ["gpu","cpu"])\n`);
      expect(r.code).toBe(1);
    });

    it('a file name that cannot name a profile', () => {
      const r = synthWithProfile('My_H100.yaml', H100);
      expect(r.stderr).toMatch(/^error: .*My_H100\.yaml: file name "My_H100" cannot name a profile: use lower-case letters, digits and '-', at most 20 characters \(e\.g\. h100\.yaml\)\n$/);
      expect(r.code).toBe(1);
    });

    it('a profile without a storage class names the field to set', () => {
      const r = synthWithProfile('h100.yaml', edit(/^storageClass: .*$/m, ''));
      expect(r.stderr).toBe(`error: ${r.file}: storageClass: not set; set it to a ReadWriteMany StorageClass of your cluster (kubectl get storageclass): qwen36, llama-70b create their caches with it\n`);
      expect(r.code).toBe(1);
    });
  });

  describe('CLI flags', () => {
    it.each([
      ['synth: unknown flag', () => synthCli(['--replicas', '2']), 2, /unknown option '--replicas'/],
      ['synth: --out without a value', () => synthCli(['--out']), 2, /option '-o, --out <dir>' argument missing/],
      ['synth: extra argument', () => synthCli(['h100']), 2, /too many arguments/],
      ['synth: unknown recipe', () => synthCli(['--recipe', 'llama']), 1, /^error: unknown recipe "llama"; allowed: qwen36, qwen3vl, qwen3-32b, qwen3-32b-h20, llama-70b, deepseek-v32, kimi-k25\n$/],
      ['synth: unknown profile', () => synthCli(['--hw', 'a100']), 1, /^error: unknown hardware profile "a100"; allowed: b200, gb200, h100, h20, h200\n$/],
      ['synth: a missing profile folder', () => synthCli(['--profiles', '/nonexistent/hw']), 1, /^error: \/nonexistent\/hw: cannot read the hardware profile folder \(ENOENT\)\n$/],
      ['dataset: zero users', () => fnCli(datasetMain, ['sliding-window', '--users', '0', '--out', tmp('ds-')]), 2, /--users: must be ≥ 1 \(got 0\)/],
      ['dataset: pool larger than the requests', () => fnCli(datasetMain, ['image-pool', '--requests', '10', '--pool', '20', '--out', tmp('ds-')]), 2, /--pool: must be ≤ requests × images per request \(10\)/],
      ['dataset: unknown mode', () => fnCli(datasetMain, ['carousel']), 2, /carousel/],
      ['report: unknown throughput metric', () => fnCli(reportMain, ['--throughput', 'bogus', tmp('r-')]), 2, /argument 'bogus' is invalid\. Allowed choices are requests, output-tokens/],
      ['validate: a missing path', () => fnCli(validateMain, ['/nonexistent/manifests']), 1, /\/nonexistent\/manifests: no such file or directory/],
    ] as const)('%s', async (_case, run, code, message) => {
      const r = await run();
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('recipe options: a typed UserError naming the construct, field and what is allowed', () => {
    const h20 = profile('h20');
    /** Builds a one-configuration comparison around `deploy` and returns its problems. */
    function problems(configure: (c: Comparison) => Comparison): readonly string[] {
      try {
        const comparison = configure(qwen3_32bH20);
        synthesize([comparison], [h20], { recipes: [comparison.name], hardware: ['h20'] });
      } catch (e) {
        if (e instanceof UserError) return e.problems;
        throw e;
      }
      throw new Error('no error');
    }
    const graph = (overrides: Partial<ConstructorParameters<typeof DynamoGraph>[2]>) => (c: Comparison): Comparison => defineComparison({
      ...c,
      baseline: 'x',
      configurations: [{
        name: 'x',
        description: 'test',
        deploy: (scope, ctx) => new DynamoGraph(scope, 'G', {
          name: ctx.objectName, model: QWEN3_32B, hardware: ctx.hardware, caches: { model: ctx.caches.model },
          topology: Topologies.aggregated({ replicas: 1, tensorParallel: 4 }), ...overrides,
        }),
      }],
    });

    it.each([
      ['TP not dividing the GPUs of a node', graph({ topology: Topologies.aggregated({ replicas: 2, tensorParallel: 3 }) }),
        'recipe qwen3-32b-h20, configuration x, role worker: tensor parallel 3 does not divide the 8 GPUs of one h20 node; allowed: 1, 2, 4, 8'],
      ['zero replicas', graph({ topology: Topologies.aggregated({ replicas: 0, tensorParallel: 4 }) }),
        'DynamoGraph qwen3-32b-h20-x: topology.workers.replicas: must be a whole number from 1 to 1024 (got 0)'],
      ['negative embedding cache', graph({ multimodal: { embeddingCacheGiB: -1 } }),
        'DynamoGraph qwen3-32b-h20-x: multimodal.embeddingCacheGiB: must be a number ≥ 0 and ≤ 4096 (got -1)'],
      ['GPU memory utilization above 1', graph({ engine: { gpuMemoryUtilization: 90 } }),
        'DynamoGraph qwen3-32b-h20-x: engine.gpuMemoryUtilization: must be a number > 0 and ≤ 1 (got 90)'],
      ['a block size vLLM does not have', graph({ engine: { blockSize: 100 } }),
        'DynamoGraph qwen3-32b-h20-x: engine.blockSize: must be one of 1, 8, 16, 32, 64, 128, 256 (got 100)'],
      ['too many GPUs', graph({ topology: Topologies.aggregated({ replicas: 5, tensorParallel: 4 }) }),
        'recipe qwen3-32b-h20, configuration x: needs 20 GPUs (5 worker × TP4) but h20 offers 16 (8 per node × 2 nodes)'],
      ['a vLLM baseline with fractional TP', (c: Comparison) => defineComparison({
        ...c, baseline: 'v', configurations: [{
          name: 'v', description: 't', deploy: (scope, ctx) => new VllmServe(scope, 'S', {
            name: ctx.objectName, model: QWEN3_32B, hardware: ctx.hardware, caches: { model: ctx.caches.model }, tensorParallel: 0.5,
          }),
        }],
      }), 'VllmServe qwen3-32b-h20-v: tensorParallel: must be a whole number from 1 to 72 (got 0.5)'],
    ])('%s', (_case, configure, message) => {
      expect(problems(configure)).toEqual([message]);
    });

    it.each([
      ['an unknown model id format', { model: { ...QWEN3_32B, id: 'qwen3-32b' } }, 'comparison qwen3-32b-h20: model.id: must be a Hugging Face id "<org>/<name>" (got "qwen3-32b")'],
      ['weights of 3 bytes per parameter', { model: { ...QWEN3_32B, weightBytesPerParameter: 3 } }, 'comparison qwen3-32b-h20: model.weightBytesPerParameter: must be one of 0.5, 1, 2, 4 (got 3)'],
      ['a baseline that is not a configuration', { baseline: 'vllm' }, 'comparison qwen3-32b-h20: baseline: must be one of vllm-4xtp4, disagg-3p-tp4-1d-tp4, disagg-6p-tp2-1d-tp4, disagg-12p-tp1-1d-tp4 (got "vllm")'],
      ['repeated configuration names', { configurations: [qwen3_32bH20.configurations[0], qwen3_32bH20.configurations[0]] }, 'comparison qwen3-32b-h20: configurations: names repeat: vllm-4xtp4'],
      ['no target hardware', { targets: [] }, 'comparison qwen3-32b-h20: targets: must name at least one hardware profile'],
    ] as const)('%s', (_case, overrides, message) => {
      expect(() => defineComparison({ ...qwen3_32bH20, ...overrides } as Comparison)).toThrow(UserError);
      expect(() => defineComparison({ ...qwen3_32bH20, ...overrides } as Comparison)).toThrow(message);
    });

    it('a cache layout sub-directory DGD cannot mount', () => {
      expect(problems(graph({ caches: { model: { claimName: 'shared-model-cache', subPath: 'a/b' } } }))).toEqual([
        'DynamoGraph qwen3-32b-h20-x: caches.model: uses sub-directory "a/b" of claim "shared-model-cache", but DGD volumeMounts take whole claims',
      ]);
      expect(CacheLayouts.shared('a').kind).toBe('shared');
    });
  });
});
