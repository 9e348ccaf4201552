import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../src/main';

/** Runs the synth CLI in-process and captures its output. */
function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const [out, err] = [new PassThrough(), new PassThrough()];
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const code = main(args, out, err);
  return { code, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}

/** A copy of hw-profiles/ to break. */
function profilesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  cpSync('hw-profiles', dir, { recursive: true });
  return dir;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'synth-'));

describe('synth CLI', () => {
  it('writes <hw>/<recipe>/{prep,<config>}.k8s.yaml for every targeted pair', () => {
    const out = join(tmp(), 'dist');
    const { code, stdout } = run(['--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`synthesized ${out}/h100/qwen36/`);
    expect(readdirSync(join(out, 'h100', 'qwen36')).sort()).toEqual(['dynamo-fd-ec.k8s.yaml', 'dynamo-fd.k8s.yaml', 'prep.k8s.yaml', 'vllm-serve.k8s.yaml']);
    expect(readdirSync(join(out, 'gb200', 'qwen36'))).toHaveLength(4);
  });

  it('narrows to --recipe and --hw', () => {
    const out = join(tmp(), 'dist');
    expect(run(['--out', out, '--recipe', 'qwen36', '--hw', 'gb200', '--no-validate']).code).toBe(0);
    expect(readdirSync(out)).toEqual(['gb200']);
  });

  it('replaces an earlier output folder whole', () => {
    const out = join(tmp(), 'dist');
    run(['--out', out, '--hw', 'h100', '--no-validate']);
    writeFileSync(join(out, 'stale.yaml'), 'x: 1\n');
    expect(run(['--out', out, '--hw', 'h100', '--no-validate']).code).toBe(0);
    expect(readdirSync(out)).toEqual(['h100']);
  });

  describe('an invalid profile: one line naming file and field, exit 1, no output', () => {
    it.each([
      ['missing GPU count', (t: string) => t.replace(/^ {2}count: 8.*$/m, ''), 'gpu.count: is required (expected number)'],
      ['unknown arch', (t: string) => t.replace('cpuArch: amd64', 'cpuArch: x86_64'), 'cpuArch: must be one of "amd64", "arm64" (got "x86_64")'],
      ['negative memory', (t: string) => t.replace('memoryGiB: 80', 'memoryGiB: -1'), 'gpu.memoryGiB: must be > 0 (got -1)'],
    ])('%s', (_case, corrupt, message) => {
      const profiles = profilesCopy();
      const file = join(profiles, 'h100.yaml');
      writeFileSync(file, corrupt(readFileSync(file, 'utf8')));
      const out = join(tmp(), 'dist');
      const { code, stderr } = run(['--out', out, '--profiles', profiles]);
      expect(code).toBe(1);
      expect(stderr).toBe(`error: ${file}: ${message}\n`);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
    });
  });

  it('a profile without a storage class names the field to set', () => {
    const profiles = profilesCopy();
    const file = join(profiles, 'gb200.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^storageClass: .*$/m, ''));
    const out = join(tmp(), 'dist');
    const { code, stderr } = run(['--out', out, '--profiles', profiles]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: ${file}: storageClass: not set; set it to a ReadWriteMany StorageClass of your cluster (kubectl get storageclass): qwen36, qwen3vl, deepseek-v32, kimi-k25 create their caches with it\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown recipe or profile lists the allowed names', () => {
    expect(run(['--out', join(tmp(), 'd'), '--recipe', 'qwen99']).stderr).toBe('error: unknown recipe "qwen99"; allowed: qwen36, qwen3vl, qwen3-32b, qwen3-32b-h20, llama-70b, deepseek-v32, kimi-k25\n');
    expect(run(['--out', join(tmp(), 'd'), '--hw', 'a100']).stderr).toBe('error: unknown hardware profile "a100"; allowed: b200, gb200, h100, h20, h200\n');
  });

  it('validates the output: a violation fails the run and writes nothing; --no-validate skips it', () => {
    const profiles = profilesCopy();
    const file = join(profiles, 'h100.yaml');
    // A label value with a space: the profile schema lets it through, Kubernetes would not.
    writeFileSync(file, readFileSync(file, 'utf8').replace('nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3', 'nvidia.com/gpu.product: NVIDIA H100'));
    const out = join(tmp(), 'dist');
    const failed = run(['--out', out, '--profiles', profiles, '--hw', 'h100']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^${out}/h100/qwen36/vllm-serve\\.k8s\\.yaml Deployment/qwen36-vllm-serve \\.spec\\.template\\.spec\\.nodeSelector`, 'm'));
    expect(failed.stderr).toMatch(/\nerror: \d+ validation error\(s\); nothing written \(--no-validate skips validation\)\n$/);
    expect(existsSync(out)).toBe(false);
    expect(run(['--out', out, '--profiles', profiles, '--hw', 'h100', '--no-validate']).code).toBe(0);
    expect(existsSync(join(out, 'h100', 'qwen36', 'prep.k8s.yaml'))).toBe(true);
  });

  it('an unknown flag is a usage error (exit 2)', () => {
    const { code, stderr } = run(['--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--frobnicate'");
  });

  it('prints no stack trace for user errors when run as a process', () => {
    const profiles = profilesCopy();
    writeFileSync(join(profiles, 'h100.yaml'), 'gpu: [\n');
    const out = join(tmp(), 'dist');
    const proc = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts', '--out', out, '--profiles', profiles], { encoding: 'utf8' });
    expect(proc.status).toBe(1);
    expect(proc.stderr).toMatch(/^error: .*h100\.yaml:\d+:\d+: YAML syntax error: /);
    expect(proc.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
