import { pulumiErrorSummary } from './pulumi-workspace';

describe('pulumiErrorSummary', () => {
  it('names a missing CLI', () => {
    expect(pulumiErrorSummary('code: -2\n stdout: \n stderr: \n err?: Error: Command failed with ENOENT: pulumi version\n')).toMatch(/^the Pulumi CLI is not installed/);
  });

  it('takes the last error line', () => {
    const message = 'code: 255\n stdout: Updating (x)\n  error: update failed\n stderr: error: kubernetes:batch/v1:Job (Job/qwen36-dynamo-fd-perf): Job has failed\n';
    expect(pulumiErrorSummary(message)).toBe('error: kubernetes:batch/v1:Job (Job/qwen36-dynamo-fd-perf): Job has failed');
  });
});
