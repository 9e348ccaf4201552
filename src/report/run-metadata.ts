import { z } from 'zod';
import { UserError } from '../errors';
import { formatIssues } from '../util/zod-issues';
import { readOptionalTextFile } from './files';

/** File name of the run metadata the perf Job writes beside the AIPerf artifacts of each configuration. */
export const RUN_METADATA_FILE = 'run.json';

/** A sweep: every concurrency is run at every ISL:OSL pair. */
export interface RunSweep {
  /** Concurrency levels, e.g. `[1, 2, 4, 8]`. */
  readonly concurrency: readonly number[];
  /** Input/output sequence lengths in tokens, e.g. `[[3000, 150], [1000, 1000]]`. */
  readonly islOsl: readonly (readonly [number, number])[];
}

/**
 * `run.json`: what produced the AIPerf artifacts of one configuration. Written by the perf Job; read by the report
 * so that every number can be traced to the recipe, hardware profile and exact manifests.
 */
export interface RunMetadata {
  /** Recipe (comparison) name, e.g. `qwen36`. */
  readonly recipe: string;
  /** Hardware profile name, e.g. `h100`. */
  readonly hardware: string;
  /** Configuration name, e.g. `dynamo-fd-ec`; the directory holding the artifacts has the same name. */
  readonly configuration: string;
  /** Configuration the comparison measures against, e.g. `vllm-serve`; `null` when the run has none (a sweep). */
  readonly baseline: string | null;
  /** SHA-256 (64 lowercase hex digits) of the exact manifests that were deployed. */
  readonly manifestSha256: string;
  /** Served model, e.g. `Qwen/Qwen3.6-35B-A3B-FP8`. */
  readonly model: string;
  /**
   * Goodput SLOs passed to `aiperf --goodput`: AIPerf metric tag to threshold in the metric's display unit
   * (ms for latencies), e.g. `{ "time_to_first_token": 2000, "inter_token_latency": 25 }`; `null` without SLOs.
   */
  readonly goodput: Readonly<Record<string, number>> | null;
  /** The sweep the run covered; `null` for a single run. */
  readonly sweep: RunSweep | null;
  /** When the perf workload started (ISO-8601 with offset); `null` when unknown. */
  readonly startedAt: string | null;
}

const name = z.string().min(1, 'must be a non-empty string');
const positiveInt = z.number().int().positive();

/** Zod schema of {@link RunMetadata} (`run.json`); unknown fields are rejected so typos surface. */
export const RunMetadataSchema = z.strictObject({
  recipe: name,
  hardware: name,
  configuration: name,
  baseline: name.nullable(),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (SHA-256)'),
  model: name,
  goodput: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an AIPerf metric tag'), z.number().positive())
    .nullable(),
  sweep: z
    .strictObject({
      concurrency: z.array(positiveInt).min(1),
      islOsl: z.array(z.tuple([positiveInt, positiveInt])).min(1),
    })
    .nullable(),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
});

// Compile-time check: what the schema accepts is a RunMetadata.
const schemaMatchesInterface: (v: z.infer<typeof RunMetadataSchema>) => RunMetadata = (v) => v;
void schemaMatchesInterface;

/**
 * Parses the text of a `run.json`.
 *
 * @throws UserError one problem per invalid field, each naming the file and the field.
 */
export function parseRunMetadata(text: string, file: string): RunMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = RunMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const problems = formatIssues(file, parsed.error, json, RunMetadataSchema);
    throw new UserError(problems.join('\n'), problems);
  }
  return parsed.data;
}

/**
 * Reads a `run.json`, or returns `undefined` when the file does not exist.
 *
 * @throws UserError one line naming the file when it is unreadable or invalid.
 */
export async function readRunMetadata(file: string): Promise<RunMetadata | undefined> {
  const text = await readOptionalTextFile(file);
  return text === undefined ? undefined : parseRunMetadata(text, file);
}
