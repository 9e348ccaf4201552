/**
 * Test support: a {@link ComparisonWorkspace} without a cluster. It records every call, "deploys" by tracking which
 * configurations are up, writes fake artefacts on copy, and fails or interrupts where a test tells it to.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComparisonWorkspace, ConfigurationTarget, CopiedArtifacts, ProgressListener } from './workspace';

/** A call a test can make fail: `up:a,b` (`up:` for none), `wait:<job>`, `copy:<config>`, `destroy:<config>`. */
export type FakeCall = string;

/** A scripted failure. */
export interface FakeFailure {
  /** The call that fails. */
  readonly call: FakeCall;
  /** Its error message. */
  readonly message: string;
  /**
   * Abort this controller first (as Ctrl-C does), so the runner sees an interruption.
   * @default - a plain failure
   */
  readonly abort?: AbortController;
  /**
   * Fail only the first time.
   * @default true
   */
  readonly once?: boolean;
}

/** The fake workspace. */
export class FakeWorkspace implements ComparisonWorkspace {
  /** Every call, in order. */
  public readonly calls: FakeCall[] = [];
  /** Configurations currently deployed. */
  public deployed: readonly string[] = [];
  /** The most configurations ever deployed at once. */
  public maxDeployedAtOnce = 0;
  private readonly failures: FakeFailure[];
  private runs = 0;

  public constructor(failures: readonly FakeFailure[] = []) {
    this.failures = [...failures];
  }

  private call(call: FakeCall, onProgress: ProgressListener): void {
    this.calls.push(call);
    onProgress(`fake ${call}`);
    const i = this.failures.findIndex((f) => f.call === call);
    if (i < 0) return;
    const failure = this.failures[i]!;
    if (failure.once ?? true) this.failures.splice(i, 1);
    failure.abort?.abort();
    throw new Error(failure.message);
  }

  public async up(configurations: readonly string[], onProgress: ProgressListener): Promise<void> {
    this.call(`up:${configurations.join(',')}`, onProgress);
    this.deployed = [...configurations];
    this.maxDeployedAtOnce = Math.max(this.maxDeployedAtOnce, this.deployed.length);
  }

  public async waitForJob(jobName: string, onProgress: ProgressListener): Promise<void> {
    this.call(`wait:${jobName}`, onProgress);
  }

  public async copyArtifacts(target: ConfigurationTarget, destination: string, onProgress: ProgressListener): Promise<CopiedArtifacts> {
    this.runs += 1;
    const runId = `20260101T00000${this.runs}Z`;
    // Half the files first: a failure after this must not leave them in the results.
    writeFileSync(join(destination, 'run.json'), JSON.stringify({ configuration: target.name, runId }));
    this.call(`copy:${target.name}`, onProgress);
    writeFileSync(join(destination, 'profile_export_aiperf.json'), JSON.stringify({ configuration: target.name }));
    return { runId };
  }

  public async destroyConfiguration(configuration: string, onProgress: ProgressListener): Promise<void> {
    this.call(`destroy:${configuration}`, onProgress);
    this.deployed = this.deployed.filter((c) => c !== configuration);
  }
}

/** A clock that advances `stepMs` every time it is read. */
export function steppingClock(stepMs: number): { now(): number } {
  let t = 0;
  return { now: () => (t += stepMs) - stepMs };
}
