import { spawn } from 'node:child_process';
import { ManifestObject } from '../synth/render';

/** Where kubectl points. */
export interface KubeTarget {
  /** Namespace of the comparison. */
  readonly namespace: string;
  /**
   * kubeconfig context (the stack's `kubernetes:context`).
   * @default - the current context
   */
  readonly context?: string;
}

/** `kubectl` arguments for `target`, then `args`. */
export function kubectlArgs(target: KubeTarget, args: readonly string[]): string[] {
  return [...(target.context ? ['--context', target.context] : []), '--namespace', target.namespace, ...args];
}

interface PodSpecLike {
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: unknown[];
  readonly volumes?: unknown[];
  readonly containers?: { readonly image?: string; readonly volumeMounts?: Record<string, unknown>[] }[];
}

/** Name of the pod that serves a perf Job's artefacts for copying. */
export function fetchPodName(perfJob: string): string {
  return `${perfJob}-fetch`.slice(0, 63).replace(/-+$/, '');
}

/**
 * A short-lived pod that mounts what a perf Job mounts (the benchmark cache, same sub-path), read-only, where
 * the perf Job runs (node selector, tolerations) and from its image (already on the node), so the runner can
 * `kubectl exec` tar out of it after the Job's own pod has finished. It sleeps at most an hour.
 */
export function fetchPodManifest(perfJob: ManifestObject): ManifestObject {
  const metadata = perfJob.metadata as { name: string; labels?: Record<string, string> };
  const template = (perfJob.spec as { template: { spec: PodSpecLike } }).template.spec;
  const container = template.containers?.[0];
  if (!container?.image) throw new Error(`fetchPodManifest: Job ${metadata.name} has no container image`);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: fetchPodName(metadata.name),
      labels: { ...metadata.labels, 'app.kubernetes.io/component': 'artifact-fetch' },
    },
    spec: {
      restartPolicy: 'Never',
      activeDeadlineSeconds: 3600,
      terminationGracePeriodSeconds: 1,
      ...(template.nodeSelector ? { nodeSelector: template.nodeSelector } : {}),
      ...(template.tolerations ? { tolerations: template.tolerations } : {}),
      volumes: template.volumes ?? [],
      containers: [{
        name: 'fetch',
        image: container.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['sleep', '3600'],
        volumeMounts: (container.volumeMounts ?? []).map((m) => ({ ...m, readOnly: true })),
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
      }],
    },
  };
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /**
   * Text written to the command's standard input.
   * @default - none
   */
  readonly input?: string;
  /**
   * Aborts the command.
   * @default - never
   */
  readonly signal?: AbortSignal;
}

/**
 * Runs a command and resolves with its standard output.
 * @throws Error with the command and the last line of its standard error when it exits non-zero
 */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('error', (e) => reject(new Error(`${command}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')}: exit ${String(code)}: ${lastLine(err)}`));
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Pipes `source`'s standard output into `sink`'s standard input (`kubectl exec ... tar -c | tar -x`).
 * @throws Error naming whichever side failed
 */
export function pipeCommands(source: readonly [string, readonly string[]], sink: readonly [string, readonly string[]], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const a = spawn(source[0], [...source[1]], { stdio: ['ignore', 'pipe', 'pipe'], signal });
    const b = spawn(sink[0], [...sink[1]], { stdio: ['pipe', 'ignore', 'pipe'], signal });
    a.stdout.pipe(b.stdin);
    let errA = '';
    let errB = '';
    a.stderr.on('data', (d: Buffer) => { errA += d.toString('utf8'); });
    b.stderr.on('data', (d: Buffer) => { errB += d.toString('utf8'); });
    let pending = 2;
    let failure: Error | undefined;
    const finish = (): void => {
      pending -= 1;
      if (pending === 0) {
        if (failure) reject(failure);
        else resolve();
      }
    };
    a.on('error', (e) => { failure ??= new Error(`${source[0]}: ${e.message}`); });
    b.on('error', (e) => { failure ??= new Error(`${sink[0]}: ${e.message}`); });
    a.on('close', (code) => {
      if (code !== 0) failure ??= new Error(`${source[0]} ${source[1].join(' ')}: exit ${String(code)}: ${lastLine(errA)}`);
      finish();
    });
    b.on('close', (code) => {
      if (code !== 0) failure ??= new Error(`${sink[0]} ${sink[1].join(' ')}: exit ${String(code)}: ${lastLine(errB)}`);
      finish();
    });
  });
}

function lastLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '').pop() ?? '(no message)';
}
