import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalWorkspace, Stack } from '@pulumi/pulumi/automation';
import { ManifestObject } from '../synth/render';
import { withConfigurations } from './config-file';
import { fetchPodManifest, fetchPodName, KubeTarget, kubectlArgs, pipeCommands, runCommand } from './kubectl';
import { describeEngineEvent } from './progress';
import { ComparisonWorkspace, ConfigurationTarget, CopiedArtifacts, ProgressListener } from './workspace';

/**
 * One line out of an Automation API error (`code: ...\n stdout: ...\n stderr: ...\n err?: ...`): the Pulumi CLI
 * missing, else the last line that reports an error.
 */
export function pulumiErrorSummary(message: string): string {
  if (/ENOENT[^\n]*pulumi|pulumi[^\n]*ENOENT/.test(message)) {
    return 'the Pulumi CLI is not installed (no pulumi on PATH; see https://www.pulumi.com/docs/iac/download-install/)';
  }
  const lines = message.split('\n').map((l) => l.trim().replace(/^(err\?|stderr|stdout):\s*/, '').trim()).filter((l) => l !== '');
  return [...lines].reverse().find((l) => /error/i.test(l)) ?? lines[0] ?? 'unknown error';
}

/** Options of {@link PulumiComparisonWorkspace}. */
export interface PulumiWorkspaceOptions {
  /** Stack name. */
  readonly stack: string;
  /** Project root (where Pulumi.yaml is). */
  readonly root: string;
  /** The stack file's text; each `up` runs with a copy of it whose only change is the configurations. */
  readonly stackFileText: string;
  /** Namespace and kube context of the comparison. */
  readonly kube: KubeTarget;
  /** Each configuration's perf Job, as rendered (the fetch pod copies its mounts and placement). */
  readonly perfJobs: ReadonlyMap<string, ManifestObject>;
  /** Folder for the temporary config file and `pulumi.log` (Pulumi's full output). */
  readonly workDir: string;
  /**
   * Aborts the running operation (Ctrl-C).
   * @default - never
   */
  readonly signal?: AbortSignal;
}

/**
 * The real {@link ComparisonWorkspace}: Pulumi's Automation API on the project's own program (Pulumi.yaml,
 * `stacks/index.ts`) for `up`, and kubectl for Jobs and artefacts. Needs the Pulumi CLI, kubectl, tar and a
 * cluster; the test suite does not exercise it (see docs/pulumi.md).
 */
export class PulumiComparisonWorkspace implements ComparisonWorkspace {
  private stackHandle: Promise<Stack> | undefined;

  public constructor(private readonly options: PulumiWorkspaceOptions) {}

  private stack(): Promise<Stack> {
    this.stackHandle ??= LocalWorkspace.createOrSelectStack({ stackName: this.options.stack, workDir: this.options.root });
    return this.stackHandle;
  }

  private kubectl(args: readonly string[], input?: string): Promise<string> {
    return runCommand('kubectl', kubectlArgs(this.options.kube, args), { input, signal: this.options.signal });
  }

  public async up(configurations: readonly string[], onProgress: ProgressListener): Promise<void> {
    const o = this.options;
    mkdirSync(o.workDir, { recursive: true });
    const configFile = join(o.workDir, `.Pulumi.${o.stack}.compare.yaml`);
    const log = join(o.workDir, 'pulumi.log');
    writeFileSync(configFile, withConfigurations(o.stackFileText, configurations));
    appendFileSync(log, `\n=== pulumi up --stack ${o.stack} (configurations: ${configurations.join(', ') || 'none'}) at ${new Date().toISOString()}\n`);
    try {
      const stack = await this.stack();
      await stack.up({
        configFile,
        color: 'never',
        signal: o.signal,
        onOutput: (text) => appendFileSync(log, text),
        onEvent: (event) => {
          const line = describeEngineEvent(event);
          if (line) onProgress(line);
        },
      });
    } catch (e) {
      throw new Error(`pulumi up failed: ${pulumiErrorSummary((e as Error).message)} (full output in ${log})`);
    } finally {
      rmSync(configFile, { force: true });
    }
  }

  public async waitForJob(jobName: string, onProgress: ProgressListener): Promise<void> {
    const conditions = await this.kubectl(['get', `job/${jobName}`, '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status}{"\\n"}{end}']);
    if (/^Failed=True$/m.test(conditions)) throw new Error(`Job ${jobName} failed (kubectl -n ${this.options.kube.namespace} logs job/${jobName})`);
    if (!/^Complete=True$/m.test(conditions)) {
      onProgress(`Job ${jobName} not complete yet; waiting`);
      await this.kubectl(['wait', '--for=condition=complete', `job/${jobName}`, '--timeout=30m']);
    }
  }

  public async copyArtifacts(target: ConfigurationTarget, destination: string, onProgress: ProgressListener): Promise<CopiedArtifacts> {
    const job = this.options.perfJobs.get(target.name);
    if (!job) throw new Error(`no perf Job for configuration ${target.name}`);
    const pod = fetchPodManifest(job);
    const podName = fetchPodName(target.perfJob);
    onProgress(`starting pod ${podName} to read the benchmark cache`);
    await this.kubectl(['delete', 'pod', podName, '--ignore-not-found', '--wait=true']);
    await this.kubectl(['apply', '-f', '-'], JSON.stringify(pod));
    try {
      await this.kubectl(['wait', '--for=condition=Ready', `pod/${podName}`, '--timeout=10m']);
      const runId = (await this.kubectl(['exec', podName, '--', 'readlink', `${target.artifactPath}/latest`])).trim();
      if (!runId) throw new Error(`${target.artifactPath}/latest does not point at a run`);
      onProgress(`copying run ${runId}`);
      mkdirSync(destination, { recursive: true });
      await pipeCommands(
        ['kubectl', kubectlArgs(this.options.kube, ['exec', podName, '--', 'tar', '-C', `${target.artifactPath}/latest/`, '-cf', '-', '.'])],
        ['tar', ['-xf', '-', '-C', destination]],
        this.options.signal,
      );
      return { runId: runId.split('/').pop() ?? runId };
    } finally {
      await this.kubectl(['delete', 'pod', podName, '--ignore-not-found', '--wait=false']).catch(() => undefined);
    }
  }

  public async destroyConfiguration(_configuration: string, onProgress: ProgressListener): Promise<void> {
    // One configuration is deployed at a time: deploying none removes it and keeps the prep and its caches.
    await this.up([], onProgress);
  }
}
