import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { datasetFileName, expectedRowCount } from './file-name';
import { imagePoolRows } from './image-pool';
import { countJsonlRows } from './jsonl-rows';
import { DatasetMode, DatasetOptions, ResolvedDatasetOptions, resolveDatasetOptions } from './options';
import { SingleTurnRow } from './rows';
import { slidingWindowRows } from './sliding-window';
import { checkExistingTrace, copyTrace } from './trace';

/** Progress of a dataset being written. */
export interface WriteProgress {
  /** Rows written so far. */
  readonly rows: number;
  /** Rows the dataset will have. */
  readonly totalRows: number;
}

/** How {@link writeDataset} writes. */
export interface WriteDatasetOptions {
  /**
   * Leave an existing file alone when it is complete: the expected number of rows for a generated dataset,
   * a valid trace (and `expectedRows` / `sha256` when given) for a trace. Anything else is rewritten.
   * @default false (always rewrite)
   */
  readonly skipExisting?: boolean;
  /**
   * Cancels the write; the partial file is removed and the target left as it was.
   * @default - not cancellable
   */
  readonly signal?: AbortSignal;
  /**
   * Called after every row of a generated dataset.
   * @default - no progress reports
   */
  readonly onProgress?: (progress: WriteProgress) => void;
  /**
   * Memory budget of the encoded-image cache in bytes (does not change the output).
   * @default DEFAULT_IMAGE_CACHE_BYTES (256 MiB)
   */
  readonly imageCacheBytes?: number;
}

/** What {@link writeDataset} did. */
export interface WriteDatasetResult {
  /** Absolute path of the dataset. */
  readonly path: string;
  /** Rows of the dataset (as found, when skipped). */
  readonly rows: number;
  /** Size of the file in bytes. */
  readonly bytes: number;
  /** True when an existing complete file was kept. */
  readonly skipped: boolean;
  /**
   * Why an existing file was kept or rewritten.
   * @default - none: there was no file, or skipExisting was off
   */
  readonly note?: string;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the file at `path` is the complete dataset, and why. */
async function existingIsComplete(o: ResolvedDatasetOptions, path: string): Promise<{ complete: boolean; rows: number; note: string }> {
  if (o.mode === DatasetMode.TRACE) {
    const check = await checkExistingTrace(o, path);
    return check.ok
      ? { complete: true, rows: check.rows, note: `exists and is a valid trace of ${check.rows} rows` }
      : { complete: false, rows: 0, note: `exists but ${check.reason}: rewriting` };
  }
  const expected = expectedRowCount(o) as number;
  const { rows, terminated } = await countJsonlRows(path);
  if (rows === expected && terminated) return { complete: true, rows, note: `exists with the expected ${expected} rows` };
  const what = terminated ? `${rows} rows` : `${rows} rows, the last one unterminated`;
  return { complete: false, rows, note: `exists with ${what}, expected ${expected}: rewriting` };
}

/** The rows of a generated (non-trace) dataset. */
function generatedRows(o: ResolvedDatasetOptions, imageCacheBytes: number | undefined): Iterable<SingleTurnRow> {
  switch (o.mode) {
    case DatasetMode.SLIDING_WINDOW:
      return slidingWindowRows(o, { imageCacheBytes });
    case DatasetMode.IMAGE_POOL:
      return imagePoolRows(o, { imageCacheBytes });
    case DatasetMode.TRACE:
      throw new Error('a trace is copied, not generated');
  }
}

/**
 * Writes a dataset as `<outDir>/<datasetFileName(options)>`: generated rows are streamed as JSONL (one
 * `JSON.stringify` line per row), a trace is validated and copied. All or nothing: the data goes to a
 * partial file renamed into place at the end, so the target never holds a partial dataset.
 * @throws UserError if the options are invalid or a trace has problems
 */
export async function writeDataset(options: DatasetOptions | ResolvedDatasetOptions, outDir: string, opts: WriteDatasetOptions = {}): Promise<WriteDatasetResult> {
  const o = resolveDatasetOptions(options);
  const path = resolve(join(outDir, datasetFileName(o)));
  let note: string | undefined;
  if (opts.skipExisting && (await sizeOf(path)) !== undefined) {
    const existing = await existingIsComplete(o, path);
    if (existing.complete) {
      return { path, rows: existing.rows, bytes: (await sizeOf(path)) ?? 0, skipped: true, note: existing.note };
    }
    note = existing.note;
  }
  if (o.mode === DatasetMode.TRACE) {
    const { rows, bytes } = await copyTrace(o, path, opts.signal);
    return { path, rows, bytes, skipped: false, note };
  }
  const totalRows = expectedRowCount(o) as number;
  let rows = 0;
  const bytes = await writeFileAtomically(
    path,
    async (sink) => {
      for (const row of generatedRows(o, opts.imageCacheBytes)) {
        await sink.write(`${JSON.stringify(row)}\n`);
        rows++;
        opts.onProgress?.({ rows, totalRows });
      }
      if (rows !== totalRows) throw new Error(`internal error: generated ${rows} rows, expected ${totalRows}`);
    },
    opts.signal,
  );
  return { path, rows, bytes, skipped: false, note };
}
