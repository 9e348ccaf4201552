import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCatalog } from '../pulumi';
import { CompareExitCode, main, WorkspaceSetup } from './cli';
import { FakeFailure, FakeWorkspace, steppingClock } from './fake-workspace';

const catalog = defaultCatalog();

async function cli(argv: readonly string[], failures: readonly FakeFailure[] = []) {
  let out = '';
  let err = '';
  let setup: WorkspaceSetup | undefined;
  const workspace = new FakeWorkspace(failures);
  const code = await main(argv, {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
    catalog,
    clock: steppingClock(1000),
    workspace: (s) => { setup = s; return workspace; },
  });
  return { code, out, err, setup, workspace };
}

describe('npm run compare', () => {
  it('runs every configuration of the stack\'s comparison (not only the stack file\'s list) and exits 0', async () => {
    const results = mkdtempSync(join(tmpdir(), 'compare-cli-'));
    const { code, out, err, setup, workspace } = await cli(['--stack', 'gb200-qwen36', '--results', results]);
    expect({ code, err }).toEqual({ code: CompareExitCode.OK, err: '' });
    expect(workspace.calls.filter((c) => c.startsWith('up:'))).toEqual(['up:', 'up:vllm-serve', 'up:dynamo-fd', 'up:dynamo-fd-ec']);
    expect(readdirSync(join(results, 'gb200-qwen36')).sort()).toEqual(['dynamo-fd', 'dynamo-fd-ec', 'state.json', 'vllm-serve']);
    expect(out.split('\n')[0]).toBe(`[00:00:01] compare: qwen36 on gb200 (stack gb200-qwen36, namespace bench-gb200-qwen36): vllm-serve, dynamo-fd, dynamo-fd-ec; results in ${join(results, 'gb200-qwen36')}/`);
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\] dynamo-fd-ec: deploying \(pulumi up: ready, then the benchmark\)$/m);
    expect(out.trim().split('\n').pop()).toMatch(/compare: 3 completed, 0 skipped \(done earlier\), 0 failed$/);
    // The workspace gets the namespace and each configuration's rendered perf Job (for the fetch pod).
    expect(setup?.kube).toEqual({ namespace: 'bench-gb200-qwen36' });
    expect([...setup!.perfJobs.keys()]).toEqual(['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec']);
    expect((setup!.perfJobs.get('dynamo-fd')!.metadata as { name: string }).name).toBe('qwen36-dynamo-fd-perf');
    expect(setup?.stackFileText).toContain('dynamo-recipes-iac:recipe: qwen36');
  });

  it('--configurations picks some, in the comparison\'s order', async () => {
    const results = mkdtempSync(join(tmpdir(), 'compare-cli-'));
    const { code, workspace } = await cli(['--stack', 'h20-qwen3-32b', '--results', results, '--configurations', 'disagg-12p-tp1-1d-tp4,vllm-4xtp4']);
    expect(code).toBe(CompareExitCode.OK);
    expect(workspace.calls.filter((c) => c.startsWith('up:'))).toEqual(['up:', 'up:vllm-4xtp4', 'up:disagg-12p-tp1-1d-tp4']);
  });

  it('a failed configuration: exit 1 with one error line, the others still run', async () => {
    const results = mkdtempSync(join(tmpdir(), 'compare-cli-'));
    const { code, err, workspace } = await cli(['--stack', 'gb200-qwen3vl', '--results', results], [{ call: 'wait:qwen3-vl-agg-cache-off-perf', message: 'Job qwen3-vl-agg-cache-off-perf failed' }]);
    expect(code).toBe(CompareExitCode.FAILED);
    expect(err).toBe('error: cache-off: Job qwen3-vl-agg-cache-off-perf failed; run the same command again to retry it\n');
    expect(workspace.calls).toContain('copy:cache-on');
  });

  it('an unknown stack: one line naming the file and the known stacks, exit 1', async () => {
    const { code, err, workspace } = await cli(['--stack', 'a100-qwen36']);
    expect(code).toBe(CompareExitCode.FAILED);
    expect(err).toBe('error: stacks/Pulumi.a100-qwen36.yaml: cannot read the stack file (ENOENT); stacks: gb200-qwen36, gb200-qwen3vl, h100-llama-70b, h100-qwen36, h20-qwen3-32b, h200-qwen3-32b\n');
    expect(workspace.calls).toEqual([]);
  });

  it('an unknown configuration: one line with the allowed ones, exit 1', async () => {
    const { code, err } = await cli(['--stack', 'gb200-qwen36', '--configurations', 'dynamo-fd,dynamo-ec']);
    expect(code).toBe(CompareExitCode.FAILED);
    expect(err).toBe('error: --configurations: unknown configuration "dynamo-ec" of comparison qwen36; allowed: vllm-serve, dynamo-fd, dynamo-fd-ec\n');
  });

  it('a malformed command line exits 2', async () => {
    expect((await cli([])).code).toBe(CompareExitCode.USAGE);
    expect((await cli([])).err).toContain("required option '-s, --stack <name>' not specified");
    expect((await cli(['--stack', 'gb200-qwen36', '--bogus'])).code).toBe(CompareExitCode.USAGE);
    expect((await cli(['--help'])).code).toBe(CompareExitCode.OK);
  });
});
