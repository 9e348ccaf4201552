import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import * as z from 'zod';
import { FileSink, writeFileAtomically } from './atomic-file';
import { ResolvedTraceOptions } from './options';
import { MooncakeTraceRow } from './rows';
import { UserError } from '../errors';
import { formatIssues } from '../util/zod-issues';

/**
 * Schema of one Mooncake trace row as a fixed-schedule replay needs it. Other fields AIPerf knows
 * (`session_id`, `delay`, ...) are allowed and copied untouched.
 */
export const mooncakeTraceRowSchema = z.looseObject({
  timestamp: z.int().min(0),
  input_length: z.int().min(1),
  output_length: z.int().min(1),
  hash_ids: z.array(z.int().min(0)),
});

/** Most problems reported one by one; the rest are counted. */
export const MAX_REPORTED_TRACE_PROBLEMS = 50;

/** Outcome of validating a trace. */
export interface TraceValidation {
  /** Rows (non-blank lines). */
  readonly rows: number;
  /** One line per problem, `<source>:<line>: <field>: <what is wrong>`; a final line counts unreported ones. */
  readonly problems: readonly string[];
}

/**
 * Validates a Mooncake trace line by line: each non-blank line is a JSON object with integer `timestamp ≥ 0`
 * (non-decreasing along the file), `input_length ≥ 1`, `output_length ≥ 1` and `hash_ids`, a list of
 * integers ≥ 0.
 */
export class MooncakeTraceValidator {
  private rows = 0;
  private previousTimestamp: number | undefined;
  private readonly problems: string[] = [];
  private unreported = 0;

  /** @param where names the trace in messages (its path or URL) */
  public constructor(private readonly where: string) {}

  /** Checks physical line `lineNumber` (from 1); blank lines are skipped. */
  public addLine(line: string, lineNumber: number): void {
    if (line.trim() === '') return;
    this.rows++;
    const at = `${this.where}:${lineNumber}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      this.report(`${at}: not valid JSON (${(e as Error).message})`);
      return;
    }
    const parsed = mooncakeTraceRowSchema.safeParse(value);
    if (!parsed.success) {
      for (const problem of formatIssues(at, parsed.error, value)) this.report(problem);
      return;
    }
    const row: MooncakeTraceRow = parsed.data;
    const { timestamp } = row;
    if (this.previousTimestamp !== undefined && timestamp < this.previousTimestamp) {
      this.report(`${at}: timestamp: must be ≥ the previous row's timestamp ${this.previousTimestamp} (got ${timestamp})`);
    }
    this.previousTimestamp = timestamp;
  }

  /** The rows seen and the problems found so far. */
  public result(): TraceValidation {
    const problems = [...this.problems];
    if (this.unreported > 0) problems.push(`${this.where}: … and ${this.unreported} more problems`);
    return { rows: this.rows, problems };
  }

  private report(problem: string): void {
    if (this.problems.length < MAX_REPORTED_TRACE_PROBLEMS) this.problems.push(problem);
    else this.unreported++;
  }
}

/** Validates a whole trace held in memory (tests, small files). */
export function validateMooncakeTrace(text: string, where: string): TraceValidation {
  const validator = new MooncakeTraceValidator(where);
  text.split('\n').forEach((line, i) => validator.addLine(line, i + 1));
  return validator.result();
}

/** Splits a byte stream into lines (without `\n`), numbering them from 1. */
class LineSplitter {
  private pending: Buffer[] = [];
  private lineNumber = 0;

  public constructor(private readonly onLine: (line: string, lineNumber: number) => void) {}

  public push(chunk: Uint8Array): void {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      this.pending.push(buf.subarray(start, nl));
      this.emit();
      start = nl + 1;
    }
    if (start < buf.length) this.pending.push(Buffer.from(buf.subarray(start)));
  }

  public end(): void {
    if (this.pending.length > 0) this.emit();
  }

  private emit(): void {
    const line = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.onLine(line, ++this.lineNumber);
  }
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * The bytes of a trace source: a local file, or an `http(s)://` URL downloaded now (only when a trace is
 * generated, never at synth time).
 * @throws UserError if the file cannot be opened or the download fails
 */
export async function* readTraceSource(source: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (isUrl(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal, redirect: 'follow' });
    } catch (e) {
      if (signal?.aborted) throw e;
      const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
      throw new UserError(`${source}: download failed: ${cause}`);
    }
    if (!response.ok || response.body === null) {
      throw new UserError(`${source}: download failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    for await (const chunk of response.body) yield chunk;
    return;
  }
  let handle;
  try {
    handle = await open(source, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${source}: cannot read the trace (${code === 'ENOENT' ? 'no such file' : (e as Error).message})`);
  }
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false }) as AsyncIterable<Buffer>) {
      yield chunk;
    }
  } finally {
    await handle.close();
  }
}

/** What a pass over a trace found. */
interface TraceScan {
  readonly validation: TraceValidation;
  readonly sha256: string;
}

/** Reads a trace once, validating and hashing it, and hands every chunk to `sink` if given. */
async function scanTrace(source: string, where: string, sink?: FileSink, signal?: AbortSignal): Promise<TraceScan> {
  const validator = new MooncakeTraceValidator(where);
  const splitter = new LineSplitter((line, n) => validator.addLine(line, n));
  const hash = createHash('sha256');
  for await (const chunk of readTraceSource(source, signal)) {
    hash.update(chunk);
    splitter.push(chunk);
    if (sink) await sink.write(chunk);
  }
  splitter.end();
  return { validation: validator.result(), sha256: hash.digest('hex') };
}

/** The problems of a scanned trace against its options (validation, row count, checksum). */
function traceProblems(o: ResolvedTraceOptions, where: string, scan: TraceScan): string[] {
  const problems = [...scan.validation.problems];
  const { rows } = scan.validation;
  if (rows === 0) problems.push(`${where}: has no rows`);
  if (o.expectedRows !== undefined && rows !== o.expectedRows) {
    problems.push(`${where}: has ${rows} rows, expectedRows is ${o.expectedRows}`);
  }
  if (o.sha256 !== undefined && scan.sha256 !== o.sha256) {
    problems.push(`${where}: sha256 is ${scan.sha256}, expected ${o.sha256}`);
  }
  return problems;
}

/**
 * Copies a trace byte for byte to `finalPath` (atomically) after validating every row.
 * @throws UserError listing every problem (`<source>:<line>: <field>: <problem>`); nothing is written then
 */
export async function copyTrace(o: ResolvedTraceOptions, finalPath: string, signal?: AbortSignal): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  const bytes = await writeFileAtomically(
    finalPath,
    async (sink) => {
      const scan = await scanTrace(o.source, o.source, sink, signal);
      const problems = traceProblems(o, o.source, scan);
      if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
      rows = scan.validation.rows;
    },
    signal,
  );
  return { rows, bytes };
}

/**
 * Checks a trace already at `path` against the options (valid rows, `expectedRows`, `sha256`).
 * @returns its row count if it passes, else the first problem
 */
export async function checkExistingTrace(o: ResolvedTraceOptions, path: string): Promise<{ ok: true; rows: number } | { ok: false; reason: string }> {
  const scan = await scanTrace(path, path);
  const problems = traceProblems(o, path, scan);
  return problems.length === 0 ? { ok: true, rows: scan.validation.rows } : { ok: false, reason: problems[0] as string };
}
