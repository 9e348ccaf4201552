import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { loadProfiles } from '../hw';
import { COMPARISONS } from '../recipes';
import { parseStackConfig, RawStackConfig, resolveStack, StackConfig } from './stack-config';
import { listStacks, readStackFile } from './stack-file';

const P = 'dynamo-recipes-iac';
const profiles = loadProfiles('hw-profiles');
const BASE = {
  [`${P}:recipe`]: 'qwen36',
  [`${P}:hardware`]: 'gb200',
  [`${P}:namespace`]: 'bench',
  [`${P}:storageClass`]: 'fast-rwx',
};

function problemsOf(values: Record<string, unknown>, secretKeys?: string[]): readonly string[] {
  try {
    parseStackConfig({ stack: 'test', values, secretKeys });
  } catch (e) {
    if (e instanceof UserError) return e.problems;
    throw e;
  }
  throw new Error('parsed without error');
}

function resolveProblems(config: StackConfig): readonly string[] {
  try {
    resolveStack(config, COMPARISONS, profiles);
  } catch (e) {
    if (e instanceof UserError) return e.problems;
    throw e;
  }
  throw new Error('resolved without error');
}

describe('parseStackConfig', () => {
  it('reads our keys, leaves other namespaces (providers) alone, and defaults the rest', () => {
    const config = parseStackConfig({ stack: 'test', values: { ...BASE, 'kubernetes:context': 'lab' } });
    expect(config).toEqual({
      stack: 'test',
      source: 'stacks/Pulumi.test.yaml',
      recipe: 'qwen36',
      hardware: 'gb200',
      namespace: 'bench',
      storageClass: 'fast-rwx',
      hostname: undefined,
      image: undefined,
      configurations: undefined,
      hfToken: { kind: 'comparison-default' },
      readyTimeoutMinutes: 120,
    });
  });

  it('accepts lists and numbers as the CLI passes them at run time (JSON text, strings)', () => {
    const config = parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:configurations`]: '["dynamo-fd","vllm-serve"]', [`${P}:readyTimeoutMinutes`]: '45' } });
    expect(config.configurations).toEqual(['dynamo-fd', 'vllm-serve']);
    expect(config.readyTimeoutMinutes).toBe(45);
  });

  it('a missing storage class: one line naming the file and key, with what to set', () => {
    const { [`${P}:storageClass`]: _, ...rest } = BASE;
    expect(problemsOf(rest)).toEqual([
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:storageClass: is required (expected string); set it to a ReadWriteMany StorageClass of your cluster (kubectl get storageclass)',
    ]);
  });

  it('an unknown key lists the allowed ones', () => {
    expect(problemsOf({ ...BASE, [`${P}:storageclass`]: 'x' })).toEqual([
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:storageclass: unknown key; allowed: recipe, hardware, namespace, storageClass, hostname, image, configurations, hfTokenSecret, readyTimeoutMinutes, hfToken (each as dynamo-recipes-iac:<key>)',
    ]);
  });

  it('reports every problem at once, with the value received', () => {
    expect(problemsOf({ ...BASE, [`${P}:namespace`]: 'Bench_1', [`${P}:image`]: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime', [`${P}:readyTimeoutMinutes`]: 'soon' })).toEqual([
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:namespace: must be a namespace name (lower-case letters, digits, \'-\') (got "Bench_1")',
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:image: must be an image pinned to a tag or digest, e.g. nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0 (got "nvcr.io/nvidia/ai-dynamo/vllm-runtime")',
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:readyTimeoutMinutes: must be a number (got "soon")',
    ]);
  });

  it('configurations given as one string says how to set a list', () => {
    expect(problemsOf({ ...BASE, [`${P}:configurations`]: 'vllm-serve,dynamo-fd' })).toEqual([
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:configurations: must be a list (got "vllm-serve,dynamo-fd"); set it to one configuration name per list item, e.g. pulumi config set --path \'configurations[0]\' <name>',
    ]);
  });

  it('a configuration listed twice', () => {
    expect(problemsOf({ ...BASE, [`${P}:configurations`]: ['dynamo-fd', 'dynamo-fd'] })).toEqual([
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:configurations: lists "dynamo-fd" more than once',
    ]);
  });

  describe('HF token', () => {
    it('a Pulumi secret (encrypted in the file, or flagged secret at run time)', () => {
      expect(parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:hfToken`]: { secure: 'v1:abc' } } }).hfToken).toEqual({ kind: 'pulumi-secret' });
      expect(parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:hfToken`]: 'hf_x' }, secretKeys: [`${P}:hfToken`] }).hfToken).toEqual({ kind: 'pulumi-secret' });
    });

    it('an existing Secret', () => {
      expect(parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:hfTokenSecret`]: 'hf-token-secret' } }).hfToken).toEqual({ kind: 'existing-secret', name: 'hf-token-secret' });
    });

    it('in plain text is refused, without echoing it', () => {
      const problems = problemsOf({ ...BASE, [`${P}:hfToken`]: 'hf_SECRETVALUE' });
      expect(problems).toEqual([
        'stacks/Pulumi.test.yaml: dynamo-recipes-iac:hfToken: is stored in plain text; store it encrypted with pulumi config set --secret hfToken <token> --stack test, or name an existing Secret with hfTokenSecret',
      ]);
      expect(problems.join('\n')).not.toContain('SECRETVALUE');
    });

    it('both a secret and a Secret name', () => {
      expect(problemsOf({ ...BASE, [`${P}:hfToken`]: { secure: 'v1:abc' }, [`${P}:hfTokenSecret`]: 'hf' })).toEqual([
        'stacks/Pulumi.test.yaml: dynamo-recipes-iac:hfTokenSecret: set either hfTokenSecret (an existing Secret) or hfToken (a Pulumi secret), not both',
      ]);
    });

    it('another key stored as a secret', () => {
      expect(problemsOf({ ...BASE, [`${P}:namespace`]: { secure: 'v1:abc' } })).toEqual([
        'stacks/Pulumi.test.yaml: dynamo-recipes-iac:namespace: must not be a secret; only hfToken is read as one',
        'stacks/Pulumi.test.yaml: dynamo-recipes-iac:namespace: is required (expected string); set it to an existing namespace of your cluster',
      ]);
    });
  });
});

describe('resolveStack', () => {
  const base = parseStackConfig({ stack: 'test', values: BASE });

  it('applies the site values to a new profile object, leaving the loaded profile as it was', () => {
    const gb200 = profiles.find((p) => p.name === 'gb200')!;
    const before = JSON.stringify(gb200);
    const config = parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:hostname`]: 'tray-7', [`${P}:image`]: 'registry.local/vllm-runtime:1.3.1' } });
    const { hardware } = resolveStack(config, COMPARISONS, profiles);
    expect(hardware).toEqual({ ...gb200, storageClass: 'fast-rwx', hostname: 'tray-7', image: 'registry.local/vllm-runtime:1.3.1' });
    expect(JSON.stringify(gb200)).toBe(before);
  });

  it('defaults to every configuration of the comparison, in its order', () => {
    expect(resolveStack(base, COMPARISONS, profiles).configurations).toEqual(['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec']);
  });

  it('points the workloads at the Secret it creates from a Pulumi secret, or at the named one', () => {
    const secret = parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:hfToken`]: { secure: 'v1:abc' } } });
    expect(resolveStack(secret, COMPARISONS, profiles).comparison.hfTokenSecret).toBe('qwen36-hf-token');
    const named = parseStackConfig({ stack: 'test', values: { ...BASE, [`${P}:hfTokenSecret`]: 'my-token' } });
    expect(resolveStack(named, COMPARISONS, profiles).comparison.hfTokenSecret).toBe('my-token');
    expect(resolveStack(base, COMPARISONS, profiles).comparison).toBe(COMPARISONS.find((c) => c.name === 'qwen36'));
  });

  it('unknown comparison, hardware and configuration names, with the allowed values', () => {
    expect(resolveProblems({ ...base, recipe: 'qwen3-vl', hardware: 'a100' })).toEqual([
      `stacks/Pulumi.test.yaml: dynamo-recipes-iac:recipe: unknown comparison "qwen3-vl"; allowed: ${COMPARISONS.map((c) => c.name).join(', ')}`,
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:hardware: unknown hardware profile "a100"; allowed: b200, gb200, h100, h20, h200',
    ]);
    expect(resolveProblems({ ...base, configurations: ['vllm-serve', 'dynamo'] })).toEqual([
      'stacks/Pulumi.test.yaml: dynamo-recipes-iac:configurations[1]: unknown configuration "dynamo" of comparison qwen36; allowed: vllm-serve, dynamo-fd, dynamo-fd-ec',
    ]);
  });
});

describe('stack files', () => {
  it('every shipped stack file is valid and resolves', () => {
    for (const stack of listStacks()) {
      const raw: RawStackConfig = readStackFile(stack);
      expect(() => resolveStack(parseStackConfig(raw), COMPARISONS, profiles)).not.toThrow();
    }
  });

  it('a missing stack file names the known stacks', () => {
    const root = mkdtempSync(join(tmpdir(), 'stacks-'));
    mkdirSync(join(root, 'stacks'));
    writeFileSync(join(root, 'stacks', 'Pulumi.a.yaml'), 'config: {}\n');
    expect(() => readStackFile('b', root)).toThrow('stacks/Pulumi.b.yaml: cannot read the stack file (ENOENT); stacks: a');
  });

  it('a stack file without a config mapping', () => {
    const root = mkdtempSync(join(tmpdir(), 'stacks-'));
    mkdirSync(join(root, 'stacks'));
    writeFileSync(join(root, 'stacks', 'Pulumi.a.yaml'), 'encryptionsalt: x\n');
    expect(() => readStackFile('a', root)).toThrow('stacks/Pulumi.a.yaml: config: is required');
  });
});
