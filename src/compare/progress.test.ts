import type { EngineEvent } from '@pulumi/pulumi/automation';
import { describeEngineEvent, formatElapsed } from './progress';

describe('progress', () => {
  it('formatElapsed', () => {
    expect([formatElapsed(0), formatElapsed(59_999), formatElapsed(3_723_000), formatElapsed(90_000_000)]).toEqual(['00:00:00', '00:00:59', '01:02:03', '25:00:00']);
  });

  const meta = (op: string, type: string, name: string) => ({ op, type, urn: `urn:pulumi:s::dynamo-recipes-iac::${type}::${name}` });
  const event = (e: Partial<EngineEvent>): EngineEvent => ({ sequence: 1, timestamp: 1, ...e }) as EngineEvent;

  it('says what Pulumi waits for', () => {
    expect(describeEngineEvent(event({ resourcePreEvent: { metadata: meta('create', 'kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment', 'DynamoGraphDeployment/qwen36-dynamo-fd') } as never })))
      .toBe('creating DynamoGraphDeployment/qwen36-dynamo-fd; waiting for status.state successful');
    expect(describeEngineEvent(event({ resourcePreEvent: { metadata: meta('create', 'kubernetes:batch/v1:Job', 'Job/qwen36-dynamo-fd-perf') } as never })))
      .toBe('creating Job/qwen36-dynamo-fd-perf; waiting for it to complete');
    expect(describeEngineEvent(event({ resOutputsEvent: { metadata: meta('create', 'kubernetes:batch/v1:Job', 'Job/qwen36-dynamo-fd-perf') } as never })))
      .toBe('Job/qwen36-dynamo-fd-perf complete');
    expect(describeEngineEvent(event({ resOutputsEvent: { metadata: meta('create', 'kubernetes:apps/v1:Deployment', 'Deployment/qwen36-vllm-serve') } as never })))
      .toBe('Deployment/qwen36-vllm-serve ready');
    expect(describeEngineEvent(event({ resourcePreEvent: { metadata: meta('delete', 'kubernetes:core/v1:Service', 'Service/qwen36-vllm-serve') } as never })))
      .toBe('deleting Service/qwen36-vllm-serve');
    expect(describeEngineEvent(event({ diagnosticEvent: { severity: 'error', message: '\n  Job failed: BackoffLimitExceeded\nmore', color: 'never' } })))
      .toBe('error: Job failed: BackoffLimitExceeded');
  });

  it('stays quiet about unchanged resources, the stack and previews', () => {
    expect(describeEngineEvent(event({ resourcePreEvent: { metadata: meta('same', 'kubernetes:core/v1:PersistentVolumeClaim', 'PersistentVolumeClaim/x') } as never }))).toBeUndefined();
    expect(describeEngineEvent(event({ resourcePreEvent: { metadata: meta('create', 'pulumi:pulumi:Stack', 'p-s') } as never }))).toBeUndefined();
    expect(describeEngineEvent(event({ resourcePreEvent: { metadata: meta('create', 'kubernetes:batch/v1:Job', 'Job/x'), planning: true } as never }))).toBeUndefined();
    expect(describeEngineEvent(event({ stdoutEvent: { message: 'hi', color: 'never' } }))).toBeUndefined();
  });
});
