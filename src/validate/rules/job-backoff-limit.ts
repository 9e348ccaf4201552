import { getPath, isKind } from '../manifest-doc';
import { defineRule } from './rule';

/** Jobs set `backoffLimit`: the default (6 retries, with exponential back-off) hides a broken Job for a long time. */
export const jobBackoffLimitRule = defineRule({
  id: 'job-backoff-limit',
  severity: 'warning',
  description: 'Jobs set backoffLimit explicitly (the default retries a failing pod 6 times).',
  find(docs, report) {
    for (const m of docs) {
      if (isKind(m, 'batch', 'Job') && getPath(m.doc, ['spec', 'backoffLimit']) === undefined) {
        report(m, ['spec', 'backoffLimit'], 'backoffLimit is not set: a failing pod is retried 6 times (the Kubernetes default); set it explicitly');
      } else if (isKind(m, 'batch', 'CronJob') && getPath(m.doc, ['spec', 'jobTemplate', 'spec', 'backoffLimit']) === undefined) {
        report(m, ['spec', 'jobTemplate', 'spec', 'backoffLimit'], 'backoffLimit is not set: a failing pod is retried 6 times (the Kubernetes default); set it explicitly');
      }
    }
  },
});
