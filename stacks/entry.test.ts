/**
 * The program entry as Pulumi runs it: Pulumi.yaml names the entry, the stack folder and the node arguments that
 * load TypeScript; a child `node` started with those arguments loads the entry under mocks, with the stack's
 * config in the environment variables the Pulumi language host sets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PULUMI_PROJECT, STACK_CONFIG_DIR, readStackFile } from '../src/pulumi';
import { projectRoot } from '../src/util/project-root';

interface ProjectFile {
  readonly name: string;
  readonly main: string;
  readonly stackConfigDir: string;
  readonly runtime: { readonly name: string; readonly options: { readonly typescript: boolean; readonly nodeargs: string } };
}

const root = projectRoot();
const project = parse(readFileSync(join(root, 'Pulumi.yaml'), 'utf8')) as ProjectFile;

it('Pulumi.yaml: nodejs project of our name, stack files in stacks/, an entry that exists', () => {
  expect(project.name).toBe(PULUMI_PROJECT);
  expect(project.runtime.name).toBe('nodejs');
  expect(project.stackConfigDir).toBe(STACK_CONFIG_DIR);
  expect(existsSync(join(root, project.main))).toBe(true);
});

it('node with the Pulumi.yaml arguments loads the entry, which registers the stack and exports its outputs', () => {
  const raw = readStackFile('gb200-qwen36');
  const config = Object.fromEntries(Object.entries(raw.values).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const dir = mkdtempSync(join(tmpdir(), 'pulumi-entry-'));
  const script = join(dir, 'run.cjs');
  writeFileSync(script, `
const pulumi = require(${JSON.stringify(require.resolve('@pulumi/pulumi', { paths: [root] }))});
const types = [];
pulumi.runtime.setMocks({
  newResource: (a) => { types.push(a.type + ' ' + a.name); return { id: a.name, state: a.inputs }; },
  call: (a) => a.inputs,
}, ${JSON.stringify(PULUMI_PROJECT)}, 'gb200-qwen36');
const entry = require(${JSON.stringify(join(root, project.main))});
pulumi.output(entry).apply(async (outputs) => {
  await pulumi.runtime.disconnect();
  process.stdout.write(JSON.stringify({ outputs, types }));
});
`);
  const args = project.runtime.options.nodeargs.split(/\s+/).filter(Boolean);
  const child = spawnSync(process.execPath, [...args, script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: '[]' },
    timeout: 60_000,
  });
  rmSync(dir, { recursive: true, force: true });
  expect(child.stderr).toBe('');
  const { outputs, types } = JSON.parse(child.stdout) as { outputs: Record<string, unknown>; types: string[] };
  expect(outputs.recipe).toBe('qwen36');
  expect(outputs.namespace).toBe('bench-gb200-qwen36');
  expect(outputs.frontendUrls).toEqual({ 'vllm-serve': 'http://qwen36-vllm-serve.bench-gb200-qwen36.svc.cluster.local:8000' });
  expect(types).toEqual(expect.arrayContaining([
    'kubernetes:core/v1:PersistentVolumeClaim PersistentVolumeClaim/shared-model-cache',
    'kubernetes:apps/v1:Deployment Deployment/qwen36-vllm-serve',
    'kubernetes:batch/v1:Job Job/qwen36-vllm-serve-perf',
  ]));
});
