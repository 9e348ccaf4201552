/** Receives one human-readable line about what an operation is doing (`waiting for ... to be ready`). */
export type ProgressListener = (step: string) => void;

/** A configuration as the runner drives it. */
export interface ConfigurationTarget {
  /** Configuration name. */
  readonly name: string;
  /** Its perf Job. */
  readonly perfJob: string;
  /** Its artefact directory in the perf pod (`/perf-cache/artifacts/<recipe>/<hw>/<config>`); `latest/` is the newest run. */
  readonly artifactPath: string;
}

/** What a copy brought back. */
export interface CopiedArtifacts {
  /** The run id `latest` pointed at. */
  readonly runId: string;
}

/**
 * The cluster-facing operations of a comparison run, behind an interface so the sequencing can be tested with a
 * fake. The real one drives Pulumi's Automation API and kubectl ({@link PulumiComparisonWorkspace}).
 */
export interface ComparisonWorkspace {
  /**
   * Deploys the shared prep and exactly `configurations` (`pulumi up`; others are removed, the caches are kept).
   * Resolves once Pulumi's waits are done: the prep Jobs and each configuration's perf Job complete.
   */
  up(configurations: readonly string[], onProgress: ProgressListener): Promise<void>;
  /** Resolves when the Job has completed; rejects when it failed or is not there. */
  waitForJob(jobName: string, onProgress: ProgressListener): Promise<void>;
  /** Copies the contents of `<artifactPath>/latest/` into `destination`, a new empty directory. */
  copyArtifacts(target: ConfigurationTarget, destination: string, onProgress: ProgressListener): Promise<CopiedArtifacts>;
  /** Removes a configuration's objects, keeping the shared prep and the caches. */
  destroyConfiguration(configuration: string, onProgress: ProgressListener): Promise<void>;
}
