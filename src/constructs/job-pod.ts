import { k8s } from 'cdk8s-plus-28';

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
