/**
 * Every stack file in stacks/, run under Pulumi mocks (no CLI, no cluster): what the program registers (kinds,
 * names, namespace, dependency edges, waits, retention) and that its objects are the very objects `cdk8s synth`
 * writes for the same inputs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as pulumi from '@pulumi/pulumi';
import {
  DGD_WAIT_FOR_ANNOTATION, DeployRole, DeployedStack, PULUMI_PROJECT, StackCatalog, defaultCatalog,
  deployStack, listStacks, loadStack, objectKey, readStackFile, runStackProgram,
} from '../src/pulumi';
import { MockRegistration, runUnderMocks } from '../src/pulumi/mock-run';
import { RawStackConfig } from '../src/pulumi/stack-config';
import { synthesize } from '../src/synth/synthesize';
import { serialize, writeOutput } from '../src/synth/write';
import { ManifestObject } from '../src/synth/render';

const STACKS = listStacks();
const catalog: StackCatalog = defaultCatalog();
const DUMMY_TOKEN = 'hf_dummy_token_for_mocks';

/** The stack file's values as the CLI hands them to the program: strings, lists as JSON, secrets decrypted. */
function cliConfig(raw: RawStackConfig, override: Readonly<Record<string, unknown>> = {}): { config: Record<string, string>; secretKeys: string[] } {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries({ ...raw.values, ...override })) {
    if (value !== null && typeof value === 'object' && 'secure' in value) {
      config[key] = DUMMY_TOKEN;
      secretKeys.push(key);
    } else {
      config[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return { config, secretKeys };
}

/** Runs the program entry's function for a stack, with optional config overrides. */
async function runStack(stack: string, override: Readonly<Record<string, unknown>> = {}): Promise<{ outputs: Record<string, unknown>; registrations: readonly MockRegistration[] }> {
  return runUnderMocks({ stack, ...cliConfig(readStackFile(stack), override) }, () => runStackProgram(() => catalog));
}

/** Same, keeping the DeployedStack (plan, layout, files). */
async function deployUnderMocks(raw: RawStackConfig): Promise<{ deployed: DeployedStack; registrations: readonly MockRegistration[]; outputs: Record<string, unknown> }> {
  const stack = loadStack(raw, catalog);
  const run = await runUnderMocks({ stack: raw.stack, ...cliConfig(raw) }, () => deployStack(stack, {
    hfToken: stack.config.hfToken.kind === 'pulumi-secret' ? pulumi.secret(DUMMY_TOKEN) : undefined,
  }), (d) => d.outputs as unknown as Record<string, unknown>);
  return { deployed: run.result, registrations: run.registrations, outputs: run.outputs };
}

/** What `cdk8s synth` writes for a stack's inputs, read back from disk: objects by `<kind>/<name>`, and the keys of each file. */
interface SynthesizedStack {
  readonly objects: ReadonlyMap<string, ManifestObject>;
  readonly files: ReadonlyMap<string, readonly string[]>;
}

/**
 * Synthesizes a stack's comparison for its profile with the stack's site values, through the synth path
 * (`synthesize` + `writeOutput`, what `npm run synth` / `cdk8s synth` run), and reads the YAML back.
 */
function synthesizeStack(raw: RawStackConfig): SynthesizedStack {
  const stack = loadStack(raw, catalog);
  const result = synthesize([stack.comparison], [stack.hardware], { recipes: [stack.comparison.name], hardware: [stack.hardware.name] });
  const out = mkdtempSync(join(tmpdir(), 'pulumi-synth-'));
  try {
    writeOutput(out, serialize(result.files));
    const objects = new Map<string, ManifestObject>();
    const files = new Map<string, string[]>();
    for (const file of result.files) {
      const keys: string[] = [];
      for (const doc of parseAllDocuments(readFileSync(join(out, file.path), 'utf8'))) {
        const object = doc.toJS() as ManifestObject;
        objects.set(objectKey(object), object);
        keys.push(objectKey(object));
      }
      files.set(file.path, keys);
    }
    return { objects, files };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * The one documented difference between a Pulumi object and the synthesized one: `metadata.namespace`
 * (synth output carries none; `kubectl -n` picks it).
 */
function expectedPulumiObject(synthesized: ManifestObject, namespace: string): ManifestObject {
  return { ...synthesized, metadata: { ...(synthesized.metadata as Record<string, unknown>), namespace } };
}

const KUBERNETES_TYPES: Readonly<Record<string, string>> = {
  PersistentVolumeClaim: 'kubernetes:core/v1:PersistentVolumeClaim',
  ConfigMap: 'kubernetes:core/v1:ConfigMap',
  Secret: 'kubernetes:core/v1:Secret',
  Service: 'kubernetes:core/v1:Service',
  Job: 'kubernetes:batch/v1:Job',
  Deployment: 'kubernetes:apps/v1:Deployment',
  DynamoGraphDeployment: 'kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment',
};

it('ships a stack file for every seed comparison and hardware', () => {
  expect(STACKS).toEqual(expect.arrayContaining(['h100-qwen36', 'gb200-qwen36', 'gb200-qwen3vl', 'h200-qwen3-32b', 'h20-qwen3-32b']));
});

describe.each(STACKS)('stack %s', (stackName) => {
  const raw = readStackFile(stackName);
  const stack = loadStack(raw, catalog);
  const comparison = stack.comparison;
  const synthesized = synthesizeStack(raw);
  const all = comparison.configurations.map((c) => c.name);

  it('registers the stack file\'s configurations and nothing else, each object as its own typed resource in the namespace', async () => {
    const { registrations, outputs } = await runStack(stackName);
    const groups = outputs.resourceNames as Record<string, string[]>;
    expect(Object.keys(groups)).toEqual(['prep', ...stack.configurations]);
    expect(registrations.map((r) => r.name).sort()).toEqual(Object.values(groups).flat().sort());
    for (const r of registrations) {
      const kind = r.name.split('/')[0];
      expect(r.type).toBe(KUBERNETES_TYPES[kind]);
      expect((r.inputs.metadata as { namespace?: string }).namespace).toBe(stack.config.namespace);
      expect(`${String(r.inputs.kind)}/${String((r.inputs.metadata as { name: string }).name)}`).toBe(r.name);
    }
    expect(outputs.namespace).toBe(stack.config.namespace);
    expect(outputs.configurations).toEqual(stack.configurations);
  });

  // One configuration per run (as `npm run compare` deploys them): together they cover every object synth writes.
  it.each(all)('configuration %s: the objects equal what cdk8s synth writes, but for namespace and the await annotation', async (configuration) => {
    const { registrations } = await runStack(stackName, { [`${PULUMI_PROJECT}:configurations`]: [configuration] });
    const dir = `${stack.hardware.name}/${comparison.name}`;
    const wanted = [...synthesized.files.get(`${dir}/prep.k8s.yaml`)!, ...synthesized.files.get(`${dir}/${configuration}.k8s.yaml`)!];
    // Every object of prep.k8s.yaml and <configuration>.k8s.yaml is registered, and nothing else (no HF Secret is created here).
    expect(registrations.map((r) => r.name).sort()).toEqual([...wanted].sort());
    for (const r of registrations) {
      expect({ key: r.name, object: r.inputs }).toEqual({ key: r.name, object: expectedPulumiObject(synthesized.objects.get(r.name)!, stack.config.namespace) });
    }
  });

  it('orders PVCs → model download → dataset → serving ready → perf Job with dependsOn, and the plan says the same', async () => {
    const { deployed, registrations } = await deployUnderMocks(raw);
    const byName = new Map(registrations.map((r) => [r.name, r]));
    // What the engine receives equals the plan.
    for (const step of deployed.plan) expect({ key: step.key, dependsOn: byName.get(step.key)?.dependsOn }).toEqual({ key: step.key, dependsOn: step.dependsOn });
    const keys = (role: DeployRole, group?: string): string[] =>
      deployed.plan.filter((s) => s.role === role && (group === undefined || s.group === group)).map((s) => s.key);
    const pvcs = keys(DeployRole.CACHE);
    const [download] = keys(DeployRole.MODEL_DOWNLOAD);
    const dataset = keys(DeployRole.DATASET);
    expect(pvcs.length).toBeGreaterThan(0);
    expect(byName.get(download)!.dependsOn).toEqual(expect.arrayContaining(pvcs));
    for (const d of dataset) expect(byName.get(d)!.dependsOn).toEqual(expect.arrayContaining([download, ...pvcs]));
    for (const configuration of stack.configurations) {
      const serving = [...keys(DeployRole.SERVING, configuration), ...keys(DeployRole.SERVICE, configuration)];
      expect(serving.length).toBeGreaterThan(0);
      for (const s of serving) expect(byName.get(s)!.dependsOn).toEqual(dataset.length > 0 ? dataset : [download]);
      const [perf] = keys(DeployRole.PERF, configuration);
      expect([...byName.get(perf)!.dependsOn].sort()).toEqual([...serving].sort());
      expect(byName.get(perf)!.options.customTimeouts).toEqual({ create: '12h10m', update: '12h10m' });
    }
    expect(byName.get(download)!.options.customTimeouts).toEqual({ create: '6h10m', update: '6h10m' });
  });

  it('waits for the DynamoGraphDeployment to report successful, or the Deployment to roll out, within the ready timeout', async () => {
    const { registrations } = await deployUnderMocks(raw);
    const serving = registrations.filter((r) => r.type === KUBERNETES_TYPES.DynamoGraphDeployment || r.type === KUBERNETES_TYPES.Deployment);
    expect(serving.length).toBe(stack.configurations.length);
    for (const r of serving) {
      expect(r.options.customTimeouts).toEqual({ create: '2h', update: '2h' });
      const annotations = (r.inputs.metadata as { annotations?: Record<string, string> }).annotations ?? {};
      if (r.type === KUBERNETES_TYPES.DynamoGraphDeployment) expect(annotations[DGD_WAIT_FOR_ANNOTATION]).toBe('jsonpath={.status.state}=successful');
      else expect(annotations[DGD_WAIT_FOR_ANNOTATION]).toBeUndefined();
    }
  });

  it('retains every cache claim and protects the ones holding weights or results; nothing else is retained', async () => {
    const { deployed, registrations } = await deployUnderMocks(raw);
    const { model, perf } = deployed.layout.caches;
    for (const r of registrations) {
      const claim = r.type === KUBERNETES_TYPES.PersistentVolumeClaim ? r.name.split('/')[1] : undefined;
      const precious = claim !== undefined && (claim === model.claimName || claim === perf.claimName);
      expect({ name: r.name, retainOnDelete: r.options.retainOnDelete ?? false, protect: r.options.protect ?? false })
        .toEqual({ name: r.name, retainOnDelete: claim !== undefined, protect: precious });
    }
    expect(registrations.some((r) => r.name === `PersistentVolumeClaim/${model.claimName}` && r.options.protect === true)).toBe(true);
  });

  it('outputs the frontend URL, artifact path and perf Job of each configuration', async () => {
    const { outputs, deployed } = await deployUnderMocks(raw);
    for (const c of deployed.layout.configurations) {
      expect((outputs.frontendUrls as Record<string, string>)[c.name]).toMatch(new RegExp(`^http://[a-z0-9-]+\\.${stack.config.namespace}\\.svc\\.cluster\\.local:\\d+$`));
      expect((outputs.artifactPaths as Record<string, string>)[c.name]).toBe(`/perf-cache/artifacts/${comparison.name}/${stack.hardware.name}/${c.name}`);
      expect((outputs.perfJobs as Record<string, string>)[c.name]).toBe(c.perfJob);
    }
  });
});

describe('HF token from a Pulumi secret', () => {
  it('creates the Secret from the secret value, references it from the workloads, and never outputs it', async () => {
    const raw = readStackFile('gb200-qwen3vl');
    const values = { ...raw.values, [`${PULUMI_PROJECT}:hfToken`]: { secure: 'v1:AAAA' } } as Record<string, unknown>;
    delete values[`${PULUMI_PROJECT}:hfTokenSecret`];
    const { registrations, outputs } = await runUnderMocks({ stack: 'gb200-qwen3vl', ...cliConfig({ stack: 'gb200-qwen3vl', values }) }, () => runStackProgram(() => catalog));
    const secret = registrations.find((r) => r.type === KUBERNETES_TYPES.Secret)!;
    expect(secret.name).toBe('Secret/qwen3-vl-agg-hf-token');
    // The value reaches the engine only inside Pulumi's secret wrapper.
    const stringData = secret.inputs.stringData as Record<string, unknown>;
    expect(stringData[pulumi.runtime.specialSigKey]).toBe(pulumi.runtime.specialSecretSig);
    expect(stringData.value).toEqual({ HF_TOKEN: DUMMY_TOKEN });
    const download = registrations.find((r) => r.name === 'Job/qwen3-vl-agg-model-download')!;
    expect(download.dependsOn).toContain('Secret/qwen3-vl-agg-hf-token');
    expect(JSON.stringify(download.inputs)).toContain('"secretRef":{"name":"qwen3-vl-agg-hf-token"}');
    expect(JSON.stringify(outputs)).not.toContain(DUMMY_TOKEN);
    expect(JSON.stringify(registrations.filter((r) => r !== secret).map((r) => r.inputs))).not.toContain(DUMMY_TOKEN);
  });
});

describe('stack config errors reach the user as one line naming the stack file and key', () => {
  async function failureOf(stack: string, override: Readonly<Record<string, unknown>>, remove: readonly string[] = []): Promise<Error> {
    const raw = readStackFile(stack);
    const values = { ...raw.values, ...override } as Record<string, unknown>;
    for (const k of remove) delete values[`${PULUMI_PROJECT}:${k}`];
    try {
      await runUnderMocks({ stack, ...cliConfig({ stack, values }) }, () => runStackProgram(() => catalog));
    } catch (e) {
      return e as Error;
    }
    throw new Error('the program ran without error');
  }

  it('a missing storage class', async () => {
    const e = await failureOf('gb200-qwen36', {}, ['storageClass']);
    expect(e).toBeInstanceOf(pulumi.RunError);
    expect(e.message).toBe('stacks/Pulumi.gb200-qwen36.yaml: dynamo-recipes-iac:storageClass: is required (expected string); set it to a ReadWriteMany StorageClass of your cluster (kubectl get storageclass)');
  });

  it('an unknown configuration name', async () => {
    const e = await failureOf('gb200-qwen36', { [`${PULUMI_PROJECT}:configurations`]: ['dynamo-fd', 'dynamo-fdec'] });
    expect(e).toBeInstanceOf(pulumi.RunError);
    expect(e.message).toBe('stacks/Pulumi.gb200-qwen36.yaml: dynamo-recipes-iac:configurations[1]: unknown configuration "dynamo-fdec" of comparison qwen36; allowed: vllm-serve, dynamo-fd, dynamo-fd-ec');
  });

  it('a comparison that does not exist (yet), listing the known ones', async () => {
    const e = await failureOf('gb200-qwen3vl', { [`${PULUMI_PROJECT}:recipe`]: 'qwen3-vl-30b' });
    expect(e.message).toBe(`stacks/Pulumi.gb200-qwen3vl.yaml: dynamo-recipes-iac:recipe: unknown comparison "qwen3-vl-30b"; allowed: ${catalog.comparisons.map((c) => c.name).join(', ')}`);
  });

  it('configurations that do not fit the hardware together', async () => {
    const e = await failureOf('h200-qwen3-32b', { [`${PULUMI_PROJECT}:configurations`]: ['agg-round-robin', 'disagg-kv-router'] });
    expect(e.message).toBe('stacks/Pulumi.h200-qwen3-32b.yaml: dynamo-recipes-iac:configurations: agg-round-robin (16 GPUs) + disagg-kv-router (16 GPUs) deployed together need 32 GPUs but h200 offers 16; list one configuration at a time (npm run compare runs them in turn)');
  });
});
