import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === NEWLINE;
}

/** Rows of a JSONL file. */
export interface JsonlRowCount {
  /** Lines with a non-blank character, the last one included even without a final newline. */
  readonly rows: number;
  /** False when the last row has no final newline: possibly a truncated file. */
  readonly terminated: boolean;
}

/**
 * Counts the rows (lines with a non-blank character) of a JSONL file without reading lines into memory:
 * a 12 GB dataset of 50 MB lines costs one sequential read. Blank lines are not rows (AIPerf skips them).
 */
export async function countJsonlRows(path: string): Promise<JsonlRowCount> {
  let rows = 0;
  let lineHasContent = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let pos = 0;
    while (pos < chunk.length) {
      if (!lineHasContent) {
        // Scan the start of the line for its first non-blank byte.
        for (; pos < chunk.length; pos++) {
          const byte = chunk[pos] as number;
          if (byte === NEWLINE) continue;
          if (!isBlank(byte)) {
            lineHasContent = true;
            break;
          }
        }
        continue;
      }
      const end = chunk.indexOf(NEWLINE, pos);
      if (end < 0) break;
      rows++;
      lineHasContent = false;
      pos = end + 1;
    }
  }
  return lineHasContent ? { rows: rows + 1, terminated: false } : { rows, terminated: true };
}
