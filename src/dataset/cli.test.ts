import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleDatasetCli } from './bundle';
import { CliOutput, ExitCode, main } from './cli';
import { DATASET_FLAGS, datasetCliArgs } from './dataset-flags';
import { datasetFileName } from './file-name';
import { DatasetMode, DatasetOptions, ImageContent, ImageFormat, imagePoolOptionsSchema, slidingWindowOptionsSchema, traceOptionsSchema } from './options';
import { writeDataset } from './write-dataset';

function capture(): CliOutput & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { out: (t) => (out += t), err: (t) => (err += t), stdout: () => out, stderr: () => err };
}

const SMALL_ARGS = ['sliding-window', '--users', '3', '--turns', '4', '--window', '3', '--words', '10', '--width', '16', '--height', '8'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dataset-cli-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dataset CLI', () => {
  test('writes a sliding-window dataset and reports it on stdout', async () => {
    const io = capture();
    expect(await main([...SMALL_ARGS, '--seed', '3', '--out', dir, '--quiet'], io)).toBe(ExitCode.OK);
    const name = '3u_4t_3w_10word_base64_16x8_seed3.jsonl';
    expect(readdirSync(dir)).toEqual([name]);
    expect(io.stdout()).toMatch(new RegExp(`^wrote ${join(dir, name).replace(/[.]/g, '\\.')} \\(12 rows, [0-9.]+ KiB\\) in [0-9.]+ s\\n$`));
    expect(io.stderr()).toBe('');
    const rows = readFileSync(join(dir, name), 'utf8').trimEnd().split('\n');
    expect(rows.map((r) => (JSON.parse(r) as { session_id: string }).session_id)).toEqual(
      ['user_0', 'user_1', 'user_2'].flatMap((u) => [u, u, u, u]),
    );
  });

  test('progress goes to stderr unless --quiet', async () => {
    const io = capture();
    expect(await main([...SMALL_ARGS, '--out', dir], io)).toBe(ExitCode.OK);
    expect(io.stderr()).toContain('[dataset] 12/12 rows (100%)');
  });

  test('--skip-existing keeps a complete file', async () => {
    await main([...SMALL_ARGS, '--out', dir, '--quiet'], capture());
    const io = capture();
    expect(await main([...SMALL_ARGS, '--out', dir, '--skip-existing'], io)).toBe(ExitCode.OK);
    expect(io.stdout()).toBe(`skipped ${join(dir, '3u_4t_3w_10word_base64_16x8.jsonl')}: exists with the expected 12 rows\n`);
  });

  test('datasetCliArgs round-trips through the CLI for every mode', async () => {
    const trace = join(dir, 'in.jsonl');
    writeFileSync(trace, '{"timestamp":1,"input_length":2,"output_length":3,"hash_ids":[4]}\n');
    const cases: DatasetOptions[] = [
      {
        mode: DatasetMode.SLIDING_WINDOW,
        users: 2,
        turns: 2,
        window: 2,
        words: 3,
        width: 8,
        height: 4,
        imageFormat: ImageFormat.JPEG,
        imageContent: ImageContent.PATTERN,
        sharedText: true,
        imageUuids: true,
        seed: 9,
        namePrefix: 'x',
      },
      { mode: DatasetMode.IMAGE_POOL, requests: 6, pool: 4, imagesPerRequest: 2, words: 3, width: 8, height: 4, imageUuids: true, namePrefix: 'p' },
      { mode: DatasetMode.TRACE, source: trace, fileName: 'copy.jsonl', expectedRows: 1 },
    ];
    for (const options of cases) {
      const out = join(dir, options.mode);
      expect(await main([...datasetCliArgs(options), '--out', out, '--quiet'], capture())).toBe(ExitCode.OK);
      expect(readdirSync(out)).toEqual([datasetFileName(options)]);
      const direct = await writeDataset(options, join(dir, `${options.mode}-direct`));
      expect(readFileSync(join(out, datasetFileName(options)))).toEqual(readFileSync(direct.path));
    }
  });

  test('every option field has a flag', () => {
    const keys = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape).filter((k) => k !== 'mode').sort();
    expect(DATASET_FLAGS[DatasetMode.SLIDING_WINDOW].map((f) => f.key).sort()).toEqual(keys(slidingWindowOptionsSchema));
    expect(DATASET_FLAGS[DatasetMode.IMAGE_POOL].map((f) => f.key).sort()).toEqual(keys(imagePoolOptionsSchema));
    expect(DATASET_FLAGS[DatasetMode.TRACE].map((f) => f.key).sort()).toEqual(keys(traceOptionsSchema));
  });

  test('invalid values exit 2, name the flags, and write nothing', async () => {
    const io = capture();
    expect(await main(['image-pool', '--requests', '10', '--pool', '0', '--words', 'many', '--out', dir], io)).toBe(ExitCode.USAGE);
    expect(io.stderr().split('\n')).toEqual([
      'dataset image-pool: --pool: must be ≥ 1 (got 0)',
      'dataset image-pool: --words: must be a number (got "many")',
      '',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('cross-field problems name the flag', async () => {
    const io = capture();
    expect(await main(['image-pool', '--requests', '10', '--pool', '11', '--out', dir], io)).toBe(ExitCode.USAGE);
    expect(io.stderr()).toBe(
      'dataset image-pool: --pool: must be ≤ requests × images per request (10): every pool image is used at least once (got 11)\n',
    );
  });

  test.each([
    [['sliding-window', '--bogus', '1', '--out', 'x'], "error: unknown option '--bogus'"],
    [['sliding-window', '--users', '3'], "error: required option '--out <dir>' not specified"],
    [['sliding-window', '--image-format', 'gif', '--out', 'x'], 'Allowed choices are png, jpeg.'],
    [['nope'], "error: unknown command 'nope'"],
    [['trace', '--out', 'x'], "error: required option '--source <value>' not specified"],
  ])('usage error %j exits 2', async (argv, message) => {
    const io = capture();
    expect(await main(argv, io)).toBe(ExitCode.USAGE);
    expect(io.stderr()).toContain(message);
  });

  test('no arguments prints the help and exits 2; --help exits 0', async () => {
    const none = capture();
    expect(await main([], none)).toBe(ExitCode.USAGE);
    expect(none.stderr()).toContain('Usage: dataset [options] [command]');
    const help = capture();
    expect(await main(['sliding-window', '--help'], help)).toBe(ExitCode.OK);
    expect(help.stdout()).toContain('--window <n>');
    expect(help.stdout()).toContain('(default: 5)');
  });

  test('an invalid trace exits 1 with file:line problems and no stack trace', async () => {
    const source = join(dir, 'bad.jsonl');
    writeFileSync(source, '{"timestamp":1,"input_length":0,"output_length":3,"hash_ids":[4]}\n');
    const io = capture();
    expect(await main(['trace', '--source', source, '--out', join(dir, 'out')], io)).toBe(ExitCode.FAILURE);
    expect(io.stderr()).toBe(`${source}:1: input_length: must be ≥ 1 (got 0)\n`);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });
});

describe('bundled generator (what the in-cluster Job runs)', () => {
  const bundle = bundleDatasetCli();

  test('is self-contained and well under the 1 MiB ConfigMap limit', () => {
    expect(bundle.bytes).toBeLessThan(512 * 1024);
    expect(bundle.script).not.toMatch(/require\("(zod|commander|pngjs|jpeg-js)"\)/);
    expect(bundleDatasetCli()).toBe(bundle);
  });

  test('runs with plain node and writes the same bytes as the library', async () => {
    const script = join(dir, 'generate.js');
    writeFileSync(script, bundle.script);
    const out = join(dir, 'out');
    const run = spawnSync(process.execPath, [script, ...SMALL_ARGS, '--out', out, '--skip-existing'], { encoding: 'utf8', cwd: dir });
    expect(run.stderr).toContain('[dataset] 12/12 rows (100%)');
    expect(run.status).toBe(0);
    const name = '3u_4t_3w_10word_base64_16x8.jsonl';
    expect(run.stdout).toMatch(/^wrote .* \(12 rows, /);
    const direct = await writeDataset({ mode: DatasetMode.SLIDING_WINDOW, users: 3, turns: 4, window: 3, words: 10, width: 16, height: 8 }, join(dir, 'direct'));
    expect(readFileSync(join(out, name))).toEqual(readFileSync(direct.path));
    const again = spawnSync(process.execPath, [script, ...SMALL_ARGS, '--out', out, '--skip-existing'], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`skipped ${join(out, name)}: exists with the expected 12 rows\n`);
    const bad = spawnSync(process.execPath, [script, 'sliding-window', '--users', '0', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(ExitCode.USAGE);
    expect(bad.stderr).toBe('dataset sliding-window: --users: must be ≥ 1 (got 0)\n');
  });

  test('SIGTERM (Job deadline, pod deletion) cancels cleanly: exit 130, no partial file', async () => {
    const script = join(dir, 'generate.js');
    writeFileSync(script, bundle.script);
    const out = join(dir, 'out');
    const args = ['sliding-window', '--users', '1', '--turns', '200', '--window', '1', '--width', '256', '--height', '256', '--words', '5'];
    const child = spawn(process.execPath, [script, ...args, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && stderr.includes('rows (10%)')) killed = child.kill('SIGTERM');
    });
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).toContain('[dataset] cancelled; the partial file was removed');
    expect(code).toBe(ExitCode.CANCELLED);
    expect(readdirSync(out)).toEqual([]);
  });
});
