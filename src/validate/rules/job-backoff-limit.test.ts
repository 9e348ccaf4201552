import { clone, job, md } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { jobBackoffLimitRule } from './job-backoff-limit';

describe('job-backoff-limit rule', () => {
  it('accepts a Job with backoffLimit (0 included)', () => {
    expect(jobBackoffLimitRule.check([md(job())])).toEqual([]);
  });

  it('warns when backoffLimit is missing', () => {
    const j = clone(job()) as { spec: Record<string, unknown> };
    delete j.spec.backoffLimit;
    expect(jobBackoffLimitRule.check([md(j as unknown as Record<string, unknown>)]).map(formatViolation)).toEqual([
      'set/manifests.yaml Job/perf .spec.backoffLimit: backoffLimit is not set: a failing pod is retried 6 times (the Kubernetes default); set it explicitly (warning)',
    ]);
  });
});
