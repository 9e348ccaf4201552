import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Labels and placement of a Job's pod; shared by the prep and benchmark Jobs. */
export interface JobPodOptions {
  /**
   * Labels of the Job and its pod.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Node selector of the pod (e.g. the profile's hostname pin, to run next to the server under test).
   * @default - any node
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Tolerations of the pod (e.g. GB200's arm64 taint).
   * @default []
   */
  readonly tolerations?: readonly k8s.Toleration[];
}

/** The pod spec fields of {@link JobPodOptions}; empty ones are left out. */
export function jobPodPlacement(options: JobPodOptions): { nodeSelector?: Record<string, string>; tolerations?: k8s.Toleration[] } {
  return {
    ...(options.nodeSelector ? { nodeSelector: { ...options.nodeSelector } } : {}),
    ...(options.tolerations && options.tolerations.length > 0 ? { tolerations: [...options.tolerations] } : {}),
  };
}

/** Container security context of the Jobs that need no privileges: no escalation, no capabilities, default seccomp. */
export const UNPRIVILEGED_CONTAINER: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** What differs between the run-once Jobs of this project. */
export interface RunOnceJobProps extends JobPodOptions {
  /** Job name. */
  readonly name: string;
  /** Retries before the Job is marked failed. */
  readonly backoffLimit: number;
  /** Wall-clock limit of the Job in seconds. */
  readonly activeDeadlineSeconds: number;
  /**
   * Seconds after which a finished Job is deleted.
   * @default - not set: the Job stays, so `kubectl wait` and Pulumi can observe its completion
   */
  readonly ttlSecondsAfterFinished?: number;
  /** The pod: containers, volumes and any other field but restart policy and placement. */
  readonly pod: Omit<k8s.PodSpec, 'restartPolicy' | 'nodeSelector' | 'tolerations'>;
}

/**
 * A Job that runs its pod once to completion (one completion, no parallelism, `restartPolicy: Never`),
 * labelled and placed as `props` say.
 */
export function runOnceJob(scope: Construct, id: string, props: RunOnceJobProps): k8s.KubeJob {
  const labels = { ...props.labels };
  return new k8s.KubeJob(scope, id, {
    metadata: { name: props.name, labels },
    spec: {
      backoffLimit: props.backoffLimit,
      activeDeadlineSeconds: props.activeDeadlineSeconds,
      ttlSecondsAfterFinished: props.ttlSecondsAfterFinished,
      completions: 1,
      parallelism: 1,
      template: {
        metadata: { labels },
        spec: { restartPolicy: 'Never', ...jobPodPlacement(props), ...props.pod },
      },
    },
  });
}
