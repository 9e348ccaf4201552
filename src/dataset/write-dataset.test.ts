import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteAbortedError, partialPath, writeFileAtomically } from './atomic-file';
import { datasetFileName } from './file-name';
import { countJsonlRows } from './jsonl-rows';
import { DatasetMode, ImageContent, SlidingWindowOptions } from './options';
import { SingleTurnRow } from './rows';
import { slidingWindowRows } from './sliding-window';
import { writeDataset } from './write-dataset';

const SMALL: SlidingWindowOptions = {
  mode: DatasetMode.SLIDING_WINDOW,
  users: 3,
  turns: 4,
  window: 3,
  words: 10,
  width: 16,
  height: 8,
  imageContent: ImageContent.PATTERN,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'write-dataset-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeDataset', () => {
  test('writes one JSON row per line, in generator order, under datasetFileName', async () => {
    const result = await writeDataset(SMALL, dir);
    expect(result.path).toBe(join(dir, datasetFileName(SMALL)));
    expect(result).toMatchObject({ rows: 12, skipped: false });
    const text = readFileSync(result.path, 'utf8');
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as SingleTurnRow);
    expect(lines).toEqual([...slidingWindowRows(SMALL)]);
    expect(readdirSync(dir)).toEqual([datasetFileName(SMALL)]);
  });

  test('same seed, same bytes; another seed, other bytes', async () => {
    const a = await writeDataset(SMALL, join(dir, 'a'));
    const b = await writeDataset(SMALL, join(dir, 'b'));
    const c = await writeDataset({ ...SMALL, seed: 1 }, join(dir, 'c'));
    expect(readFileSync(a.path)).toEqual(readFileSync(b.path));
    expect(readFileSync(c.path).equals(readFileSync(a.path))).toBe(false);
  });

  test('skip-existing keeps a complete file and rewrites an incomplete one', async () => {
    const first = await writeDataset(SMALL, dir);
    const original = readFileSync(first.path, 'utf8');
    const kept = await writeDataset(SMALL, dir, { skipExisting: true });
    expect(kept).toMatchObject({ skipped: true, rows: 12, note: 'exists with the expected 12 rows', bytes: first.bytes });

    writeFileSync(first.path, original.split('\n').slice(0, 5).join('\n') + '\n');
    const shortFile = await writeDataset(SMALL, dir, { skipExisting: true });
    expect(shortFile).toMatchObject({ skipped: false, note: 'exists with 5 rows, expected 12: rewriting' });
    expect(readFileSync(first.path, 'utf8')).toBe(original);

    writeFileSync(first.path, original.slice(0, original.length - 10)); // last row cut short
    const truncated = await writeDataset(SMALL, dir, { skipExisting: true });
    expect(truncated.note).toBe('exists with 12 rows, the last one unterminated, expected 12: rewriting');
    expect(readFileSync(first.path, 'utf8')).toBe(original);
  });

  test('without skip-existing an existing file is rewritten', async () => {
    const first = await writeDataset(SMALL, dir);
    writeFileSync(first.path, 'garbage\n');
    const again = await writeDataset(SMALL, dir);
    expect(again.skipped).toBe(false);
    expect(readFileSync(first.path, 'utf8').split('\n')).toHaveLength(13);
  });

  test('a cancelled write leaves neither the target nor a partial file', async () => {
    const controller = new AbortController();
    const error = await writeDataset(SMALL, dir, {
      signal: controller.signal,
      onProgress: ({ rows }) => rows === 3 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteAbortedError);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('reports progress after every row', async () => {
    const seen: number[] = [];
    await writeDataset(SMALL, dir, { onProgress: ({ rows, totalRows }) => seen.push(rows / totalRows) });
    expect(seen).toHaveLength(12);
    expect(seen[11]).toBe(1);
  });
});

describe('writeFileAtomically', () => {
  test('a failing producer leaves the previous file untouched and no partial file', async () => {
    const target = join(dir, 'x.jsonl');
    writeFileSync(target, 'previous\n');
    await expect(
      writeFileAtomically(target, async (sink) => {
        await sink.write('new row\n');
        expect(readFileSync(target, 'utf8')).toBe('previous\n');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir)).toEqual(['x.jsonl']);
  });

  test('the partial file sits beside the target, hidden', () => {
    expect(partialPath('/a/b/x.jsonl')).toBe('/a/b/.x.jsonl.partial');
  });

  test('creates the directory and handles backpressure on large chunks', async () => {
    const target = join(dir, 'deep', 'er', 'big.bin');
    const chunk = Buffer.alloc(3 * 1024 * 1024, 7);
    const bytes = await writeFileAtomically(target, async (sink) => {
      for (let i = 0; i < 12; i++) await sink.write(chunk);
    });
    expect(bytes).toBe(36 * 1024 * 1024);
    expect(readFileSync(target).length).toBe(bytes);
  });
});

describe('countJsonlRows', () => {
  test.each([
    ['', 0, true],
    ['{"a":1}\n', 1, true],
    ['{"a":1}\n\n  \n{"b":2}\n', 2, true],
    ['{"a":1}\n{"b":2}', 2, false],
    ['\r\n{"a":1}\r\n', 1, true],
  ])('%j has %d rows (terminated: %s)', async (text, rows, terminated) => {
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, text);
    expect(await countJsonlRows(path)).toEqual({ rows, terminated });
  });

  test('counts rows longer than a read chunk', async () => {
    const path = join(dir, 'long.jsonl');
    const long = `{"x":"${'y'.repeat(3 * 1024 * 1024)}"}`;
    writeFileSync(path, `${long}\n${long}\n`);
    expect(await countJsonlRows(path)).toEqual({ rows: 2, terminated: true });
  });
});
