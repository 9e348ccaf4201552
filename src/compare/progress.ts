import type { EngineEvent } from '@pulumi/pulumi/automation';

/** Milliseconds since some fixed point; injectable for tests. */
export interface Clock {
  /** The current time in ms. */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** `HH:MM:SS` of a duration (hours may pass 24). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** Prints progress lines `[<elapsed since start>] <subject>: <step>`. */
export class ProgressLog {
  private readonly start: number;

  /**
   * @param write receives each line, without newline
   * @param clock time source
   */
  public constructor(private readonly write: (line: string) => void, private readonly clock: Clock) {
    this.start = clock.now();
  }

  /** Prints one line. */
  public line(subject: string, step: string): void {
    this.write(`[${formatElapsed(this.clock.now() - this.start)}] ${subject}: ${step}`);
  }

  /** The time now, for {@link since}. */
  public now(): number {
    return this.clock.now();
  }

  /** `HH:MM:SS` since `from` (a {@link now} value). */
  public since(from: number): string {
    return formatElapsed(this.clock.now() - from);
  }
}

/** The logical name (`<kind>/<name>`) and kind of a resource URN `urn:pulumi:<stack>::<project>::<type>::<name>`. */
function resourceOf(urn: string, type: string): { name: string; kind: string } | undefined {
  if (type.startsWith('pulumi:')) return undefined;
  const name = urn.split('::').slice(3).join('::');
  return { name, kind: type.split(':').pop() ?? type };
}

/**
 * One progress line for an engine event of `pulumi up`, or nothing for the events not worth a line (unchanged
 * resources, the stack itself, stdout). What Pulumi waits for is named: a Job's completion, a
 * DynamoGraphDeployment's `successful` state, a Deployment's rollout.
 */
export function describeEngineEvent(event: EngineEvent): string | undefined {
  const pre = event.resourcePreEvent?.metadata;
  if (pre && !event.resourcePreEvent?.planning) {
    const r = resourceOf(pre.urn, pre.type);
    if (!r || pre.op === 'same' || pre.op === 'read' || pre.op === 'refresh') return undefined;
    if (pre.op === 'delete' || pre.op === 'delete-replaced' || pre.op === 'discard' || pre.op === 'discard-replaced') return `deleting ${r.name}`;
    if (r.kind === 'Job') return `${pre.op === 'create' ? 'creating' : `${pre.op} of`} ${r.name}; waiting for it to complete`;
    if (r.kind === 'DynamoGraphDeployment') return `${pre.op === 'create' ? 'creating' : `${pre.op} of`} ${r.name}; waiting for status.state successful`;
    if (r.kind === 'Deployment') return `${pre.op === 'create' ? 'creating' : `${pre.op} of`} ${r.name}; waiting for the rollout`;
    return `${pre.op === 'create' ? 'creating' : `${pre.op} of`} ${r.name}`;
  }
  const done = event.resOutputsEvent?.metadata;
  if (done && !event.resOutputsEvent?.planning) {
    const r = resourceOf(done.urn, done.type);
    if (!r || done.op === 'same' || done.op === 'read' || done.op === 'refresh') return undefined;
    if (done.op === 'delete' || done.op === 'delete-replaced') return `deleted ${r.name}`;
    if (r.kind === 'Job') return `${r.name} complete`;
    if (r.kind === 'DynamoGraphDeployment' || r.kind === 'Deployment') return `${r.name} ready`;
    return undefined;
  }
  const failed = event.resOpFailedEvent?.metadata;
  if (failed) {
    const r = resourceOf(failed.urn, failed.type);
    return r ? `${r.name}: ${failed.op} failed` : undefined;
  }
  const diagnostic = event.diagnosticEvent;
  if (diagnostic && diagnostic.severity === 'error' && !diagnostic.ephemeral) {
    const first = diagnostic.message.split('\n').map((l) => l.trim()).find((l) => l !== '');
    return first ? `error: ${first}` : undefined;
  }
  return undefined;
}
