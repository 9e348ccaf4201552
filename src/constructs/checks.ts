import { UserError } from '../errors';

/**
 * Checks of construct props, collected so a construct reports every problem of its props at once:
 * `<construct> <name>: <field>: must be ... (got ...)`.
 */
export class PropChecks {
  private readonly problems: string[] = [];

  /** @param where the construct and its name, e.g. `DynamoGraph agg-8xtp2` */
  public constructor(private readonly where: string) {}

  /** A whole number in `[min, max]`. */
  public integer(field: string, value: number | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${this.where}: ${field}: must be a whole number from ${min} to ${max} (got ${String(value)})`);
    }
    return this;
  }

  /** A finite number in `(min, max]` (`min` excluded when `exclusiveMin`). */
  public number(field: string, value: number | undefined, min: number, max: number, exclusiveMin = false): this {
    if (value === undefined) return this;
    const low = exclusiveMin ? value > min : value >= min;
    if (!Number.isFinite(value) || !low || value > max) {
      this.problems.push(`${this.where}: ${field}: must be a number ${exclusiveMin ? '>' : '≥'} ${min} and ≤ ${max} (got ${String(value)})`);
    }
    return this;
  }

  /** One of the allowed values. */
  public oneOf<T>(field: string, value: T | undefined, allowed: readonly T[]): this {
    if (value !== undefined && !allowed.includes(value)) {
      this.problems.push(`${this.where}: ${field}: must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)})`);
    }
    return this;
  }

  /** A DNS-1123 label of at most `max` characters. */
  public dnsLabel(field: string, value: string, max = 63): this {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) || value.length > max) {
      this.problems.push(`${this.where}: ${field}: must be a DNS-1123 label (lower-case letters, digits, '-') of at most ${max} characters (got ${JSON.stringify(value)})`);
    }
    return this;
  }

  /** A free-form condition. */
  public require(condition: boolean, field: string, message: string): this {
    if (!condition) this.problems.push(`${this.where}: ${field}: ${message}`);
    return this;
  }

  /** Throws one {@link UserError} carrying every problem found, if any. */
  public throwIfAny(): void {
    if (this.problems.length > 0) throw new UserError(this.problems.join('\n'), this.problems);
  }
}

/** KV cache block sizes vLLM accepts. */
export const VLLM_BLOCK_SIZES = [1, 8, 16, 32, 64, 128, 256] as const;
