import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetMode } from './options';
import { MAX_REPORTED_TRACE_PROBLEMS, validateMooncakeTrace } from './trace';
import { writeDataset } from './write-dataset';
import { UserError } from '../errors';

const GOOD = [
  '{"timestamp": 0, "input_length": 6755, "output_length": 500, "hash_ids": [46, 47, 48]}',
  '{"timestamp": 0, "input_length": 7319, "output_length": 490, "hash_ids": [0, 1, 2]}',
  '',
  '{"timestamp": 3052, "input_length": 165, "output_length": 2, "hash_ids": [], "session_id": "s1"}',
].join('\n');

describe('validateMooncakeTrace', () => {
  test('accepts a valid trace (blank lines skipped, extra AIPerf fields allowed)', () => {
    expect(validateMooncakeTrace(GOOD, 't.jsonl')).toEqual({ rows: 3, problems: [] });
  });

  test('reports each problem as file:line: field: problem', () => {
    const bad = [
      '{"timestamp": 100, "input_length": 10, "output_length": 4, "hash_ids": [1]}',
      '{"timestamp": 50, "input_length": 10, "output_length": 4, "hash_ids": [1]}',
      '{"timestamp": 60.5, "input_length": 0, "output_length": 4, "hash_ids": [1, "x"]}',
      '{"timestamp": 70, "input_length": 10, "hash_ids": [1]}',
      '{"timestamp": 80, "input_length": 10, "output_length": -3, "hash_ids": 7}',
      'not json',
      '[1, 2]',
    ].join('\n');
    expect(validateMooncakeTrace(bad, 'trace.jsonl').problems).toEqual([
      "trace.jsonl:2: timestamp: must be ≥ the previous row's timestamp 100 (got 50)",
      'trace.jsonl:3: timestamp: must be a whole number (got 60.5)',
      'trace.jsonl:3: input_length: must be ≥ 1 (got 0)',
      'trace.jsonl:3: hash_ids[1]: must be a number (got "x")',
      'trace.jsonl:4: output_length: is required (expected number)',
      'trace.jsonl:5: output_length: must be ≥ 1 (got -3)',
      'trace.jsonl:5: hash_ids: must be a list (got 7)',
      expect.stringMatching(/^trace\.jsonl:6: not valid JSON \(/),
      'trace.jsonl:7: (top level): must be a mapping (got [1,2])',
    ]);
  });

  test('caps the reported problems and counts the rest', () => {
    const lines = Array.from({ length: MAX_REPORTED_TRACE_PROBLEMS + 7 }, () => '{}');
    const { rows, problems } = validateMooncakeTrace(lines.join('\n'), 't');
    expect(rows).toBe(MAX_REPORTED_TRACE_PROBLEMS + 7);
    expect(problems).toHaveLength(MAX_REPORTED_TRACE_PROBLEMS + 1);
    expect(problems[problems.length - 1]).toBe(`t: … and ${4 * (MAX_REPORTED_TRACE_PROBLEMS + 7) - MAX_REPORTED_TRACE_PROBLEMS} more problems`);
  });
});

describe('trace mode', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trace-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('copies a valid local trace byte for byte under its name', async () => {
    const source = join(dir, 'mooncake_trace.jsonl');
    writeFileSync(source, GOOD);
    const out = join(dir, 'out');
    const result = await writeDataset({ mode: DatasetMode.TRACE, source, expectedRows: 3 }, out);
    expect(result).toMatchObject({ path: join(out, 'mooncake_trace.jsonl'), rows: 3, skipped: false, bytes: Buffer.byteLength(GOOD) });
    expect(readFileSync(result.path, 'utf8')).toBe(GOOD);
  });

  test('an invalid trace writes nothing and lists every problem', async () => {
    const source = join(dir, 'bad.jsonl');
    writeFileSync(source, '{"timestamp": 5, "input_length": 1, "output_length": 1, "hash_ids": []}\n{"timestamp": 1}\n');
    const out = join(dir, 'out');
    const error = await writeDataset({ mode: DatasetMode.TRACE, source }, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      `${source}:2: input_length: is required (expected number)`,
      `${source}:2: output_length: is required (expected number)`,
      `${source}:2: hash_ids: is required (expected array)`,
    ]);
    expect(readdirSync(out)).toEqual([]);
  });

  test('checks the expected row count and the checksum', async () => {
    const source = join(dir, 't.jsonl');
    writeFileSync(source, GOOD);
    await expect(writeDataset({ mode: DatasetMode.TRACE, source, expectedRows: 4 }, dir, {})).rejects.toThrow(
      `${source}: has 3 rows, expectedRows is 4`,
    );
    const sha = 'a'.repeat(64);
    await expect(writeDataset({ mode: DatasetMode.TRACE, source, fileName: 'copy.jsonl', sha256: sha }, dir)).rejects.toThrow(
      `expected ${sha}`,
    );
    expect(existsSync(join(dir, 'copy.jsonl'))).toBe(false);
    const { createHash } = await import('node:crypto');
    const good = createHash('sha256').update(GOOD).digest('hex');
    await expect(writeDataset({ mode: DatasetMode.TRACE, source, fileName: 'copy.jsonl', sha256: good }, dir)).resolves.toMatchObject({ rows: 3 });
  });

  test('an empty trace is an error', async () => {
    const source = join(dir, 'empty.jsonl');
    writeFileSync(source, '\n\n');
    await expect(writeDataset({ mode: DatasetMode.TRACE, source }, join(dir, 'out'))).rejects.toThrow(`${source}: has no rows`);
  });

  test('skip-existing keeps a valid copy and replaces an invalid one', async () => {
    const source = join(dir, 't.jsonl');
    writeFileSync(source, GOOD);
    const out = join(dir, 'out');
    await writeDataset({ mode: DatasetMode.TRACE, source }, out);
    const kept = await writeDataset({ mode: DatasetMode.TRACE, source }, out, { skipExisting: true });
    expect(kept).toMatchObject({ skipped: true, rows: 3, note: 'exists and is a valid trace of 3 rows' });
    writeFileSync(join(out, 't.jsonl'), '{"timestamp": 1}\n');
    const redone = await writeDataset({ mode: DatasetMode.TRACE, source }, out, { skipExisting: true });
    expect(redone.skipped).toBe(false);
    expect(redone.note).toMatch(/^exists but .*t\.jsonl:1: input_length: is required .*: rewriting$/);
    expect(readFileSync(join(out, 't.jsonl'), 'utf8')).toBe(GOOD);
  });

  test('a missing source is a UserError', async () => {
    await expect(writeDataset({ mode: DatasetMode.TRACE, source: join(dir, 'nope.jsonl') }, dir)).rejects.toThrow(
      `${join(dir, 'nope.jsonl')}: cannot read the trace (no such file)`,
    );
  });
});

describe('trace mode from a URL (loopback server)', () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.split('?')[0] === '/traces/mooncake_trace.jsonl') {
        res.writeHead(200, { 'content-type': 'application/jsonl' });
        // Two writes: lines cross chunk boundaries.
        res.write(GOOD.slice(0, 30));
        res.end(GOOD.slice(30));
      } else {
        res.writeHead(404, 'Not Found');
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trace-url-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('downloads, validates and copies the trace under the URL path name', async () => {
    const result = await writeDataset({ mode: DatasetMode.TRACE, source: `${base}/traces/mooncake_trace.jsonl?download=1`, expectedRows: 3 }, dir);
    expect(result).toMatchObject({ path: join(dir, 'mooncake_trace.jsonl'), rows: 3 });
    expect(readFileSync(result.path, 'utf8')).toBe(GOOD);
  });

  test('an HTTP error is a UserError and writes nothing', async () => {
    const source = `${base}/missing.jsonl`;
    await expect(writeDataset({ mode: DatasetMode.TRACE, source }, dir)).rejects.toThrow(new UserError(`${source}: download failed: HTTP 404 Not Found`));
    expect(readdirSync(dir)).toEqual([]);
  });
});
