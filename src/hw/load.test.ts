import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { loadProfile, loadProfiles } from './load';
import { podNodeSelector, totalGpus } from './profile';

const H100 = readFileSync('hw-profiles/h100.yaml', 'utf8');

/** Writes `text` as `<name>.yaml` in a fresh folder and returns its path. */
function profileFile(text: string, name = 'test-hw'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hw-'));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** The problems loading `text` reports. */
function problemsOf(text: string, name?: string): { file: string; problems: readonly string[] } {
  const file = profileFile(text, name);
  try {
    loadProfile(file);
  } catch (e) {
    if (e instanceof UserError) return { file, problems: e.problems };
    throw e;
  }
  throw new Error('profile loaded without error');
}

describe('shipped hardware profiles', () => {
  const profiles = loadProfiles('hw-profiles');

  it('loads all five, named after their files', () => {
    expect(profiles.map((p) => p.name)).toEqual(['b200', 'gb200', 'h100', 'h20', 'h200']);
  });

  it('describes GB200 as arm64 with the arch taint tolerated and 4 GPUs per tray', () => {
    const gb200 = profiles.find((p) => p.name === 'gb200')!;
    expect(gb200.cpuArch).toBe('arm64');
    expect(gb200.gpu.count).toBe(4);
    expect(gb200.tolerations).toEqual([{ key: 'kubernetes.io/arch', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }]);
  });

  it('gives H200 its InfiniBand resource and 16 GPUs over 2 nodes', () => {
    const h200 = profiles.find((p) => p.name === 'h200')!;
    expect(h200.rdma).toEqual({ resource: 'rdma/ib', count: 2 });
    expect(totalGpus(h200)).toBe(16);
  });

  it('pins every image to a tag and sets a storage class', () => {
    for (const p of profiles) {
      expect(p.image).toMatch(/^nvcr\.io\/nvidia\/ai-dynamo\/vllm-runtime:\d+\.\d+\.\d+$/);
      expect(p.storageClass).toBeTruthy();
    }
  });
});

describe('podNodeSelector', () => {
  it('adds the hostname pin to the profile labels when set', () => {
    const p = loadProfile(profileFile(`${H100}\nhostname: node-7\n`));
    expect(podNodeSelector(p)).toEqual({ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'kubernetes.io/hostname': 'node-7' });
  });
});

describe('invalid profiles: one line naming file, field and what is allowed', () => {
  it('missing GPU count', () => {
    const { file, problems } = problemsOf(H100.replace(/^ {2}count: 8.*$/m, ''));
    expect(problems).toEqual([`${file}: gpu.count: is required (expected number)`]);
  });

  it('unknown CPU architecture', () => {
    const { file, problems } = problemsOf(H100.replace('cpuArch: amd64', 'cpuArch: x86'));
    expect(problems).toEqual([`${file}: cpuArch: must be one of "amd64", "arm64" (got "x86")`]);
  });

  it('negative GPU memory', () => {
    const { file, problems } = problemsOf(H100.replace('memoryGiB: 80', 'memoryGiB: -80'));
    expect(problems).toEqual([`${file}: gpu.memoryGiB: must be > 0 (got -80)`]);
  });

  it('fractional GPU count', () => {
    const { file, problems } = problemsOf(H100.replace(/^ {2}count: 8/m, '  count: 2.5'));
    expect(problems).toEqual([`${file}: gpu.count: must be a whole number (got 2.5)`]);
  });

  it('a GPU count given as a string', () => {
    const { file, problems } = problemsOf(H100.replace(/^ {2}count: 8/m, '  count: "eight"'));
    expect(problems).toEqual([`${file}: gpu.count: must be a number (got "eight")`]);
  });

  it('an unknown field, listing the allowed ones', () => {
    const { file, problems } = problemsOf(`${H100}\ngpus: 8\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file}: gpus: unknown field; allowed: description, gpu, nodes, nodeMemoryGiB, cpuArch, `));
  });

  it('an unknown nested field names its full path', () => {
    const { file, problems } = problemsOf(H100.replace('  memoryGiB: 80', '  memoryGiB: 80\n  memoryGB: 80'));
    expect(problems).toEqual([`${file}: gpu.memoryGB: unknown field; allowed: product, architecture, count, memoryGiB`]);
  });

  it('an unpinned image', () => {
    const { file, problems } = problemsOf(H100.replace(/^image: .*$/m, 'image: nvcr.io/nvidia/ai-dynamo/vllm-runtime'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file}: image: must be an image pinned to a tag or digest`);
  });

  it('a bad toleration effect names the list index', () => {
    const { file, problems } = problemsOf(H100.replace('tolerations: []', 'tolerations:\n  - key: a\n    effect: Sometimes'));
    expect(problems).toEqual([`${file}: tolerations[0].effect: must be one of "NoSchedule", "PreferNoSchedule", "NoExecute" (got "Sometimes")`]);
  });

  it('a YAML syntax error gives line and column', () => {
    const { file, problems } = problemsOf('gpu:\n  count: [8\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: YAML syntax error: `));
  });

  it('an empty file', () => {
    const { file, problems } = problemsOf('# nothing yet\n');
    expect(problems).toEqual([`${file}: file is empty; expected a hardware profile mapping (gpu, cpuArch, image, ...)`]);
  });

  it('a file name that cannot name a profile', () => {
    const { problems } = problemsOf(H100, 'H100_SXM');
    expect(problems[0]).toMatch(/file name "H100_SXM" cannot name a profile/);
  });

  it('reports every problem of every file of a folder at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-'));
    writeFileSync(join(dir, 'a.yaml'), H100.replace('cpuArch: amd64', 'cpuArch: sparc'));
    writeFileSync(join(dir, 'b.yaml'), H100.replace('memoryGiB: 80', 'memoryGiB: 0'));
    writeFileSync(join(dir, 'c.yaml'), H100);
    expect(() => loadProfiles(dir)).toThrow(UserError);
    try {
      loadProfiles(dir);
    } catch (e) {
      expect((e as UserError).problems).toEqual([
        `${join(dir, 'a.yaml')}: cpuArch: must be one of "amd64", "arm64" (got "sparc")`,
        `${join(dir, 'b.yaml')}: gpu.memoryGiB: must be > 0 (got 0)`,
      ]);
    }
  });
});
