import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';
import { RunMetadata, RunMetadataSchema, parseRunMetadata, readRunMetadata } from './run-metadata';

/** The example of the agreed run.json layout. */
const EXAMPLE: RunMetadata = {
  recipe: 'qwen36',
  hardware: 'h100',
  configuration: 'dynamo-fd-ec',
  baseline: 'vllm-serve',
  manifestSha256: 'a'.repeat(64),
  model: 'Qwen/Qwen3.6-35B-A3B-FP8',
  goodput: { time_to_first_token: 2000, inter_token_latency: 25 },
  sweep: {
    concurrency: [1, 2, 4],
    islOsl: [
      [3000, 150],
      [1000, 1000],
    ],
  },
  startedAt: '2026-05-11T09:00:00Z',
};

function problemsOf(text: string): readonly string[] {
  try {
    parseRunMetadata(text, 'cfg/run.json');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).problems;
  }
  throw new Error('expected a UserError');
}

describe('RunMetadataSchema', () => {
  it('accepts the agreed layout, and null for goodput, sweep, startedAt and baseline', () => {
    expect(parseRunMetadata(JSON.stringify(EXAMPLE), 'run.json')).toEqual(EXAMPLE);
    const minimal = { ...EXAMPLE, baseline: null, goodput: null, sweep: null, startedAt: null };
    expect(RunMetadataSchema.parse(minimal)).toEqual(minimal);
  });

  it("accepts a start time with a UTC offset, as the perf Job's Python isoformat() writes it", () => {
    for (const startedAt of ['2026-05-11T11:00:00+02:00', '2026-11-22T22:46:17+00:00', '2026-11-22T22:46:17.123456+00:00']) {
      expect(RunMetadataSchema.parse({ ...EXAMPLE, startedAt }).startedAt).toBe(startedAt);
    }
    expect(RunMetadataSchema.safeParse({ ...EXAMPLE, startedAt: 'yesterday' }).success).toBe(false);
  });

  it('names the file and every invalid field, one line each', () => {
    const problems = problemsOf(
      JSON.stringify({ ...EXAMPLE, manifestSha256: 'ABC', sweep: { concurrency: [0], islOsl: [[3000]] } }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^cfg\/run\.json: manifestSha256: .*64 lowercase hex digits/),
      expect.stringMatching(/^cfg\/run\.json: sweep\.concurrency\[0\]: must be > 0/),
      expect.stringMatching(/^cfg\/run\.json: sweep\.islOsl\[0\]/),
    ]);
  });

  it('rejects unknown fields (typos) and names the allowed ones', () => {
    const { manifestSha256, ...rest } = EXAMPLE;
    const problems = problemsOf(JSON.stringify({ ...rest, manifestSHA256: manifestSha256 }));
    expect(problems).toContainEqual(expect.stringMatching(/^cfg\/run\.json: manifestSha256: is required/));
    expect(problems).toContainEqual(
      expect.stringMatching(/^cfg\/run\.json: manifestSHA256: unknown field; allowed: recipe, hardware, configuration/),
    );
  });

  it('rejects invalid JSON with one line', () => {
    expect(problemsOf('{"recipe":')).toEqual([expect.stringMatching(/^cfg\/run\.json: not valid JSON \(/)]);
  });
});

describe('readRunMetadata', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-run-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns undefined for a missing file and the metadata for a present one', async () => {
    const file = join(dir, 'run.json');
    await expect(readRunMetadata(file)).resolves.toBeUndefined();
    writeFileSync(file, JSON.stringify(EXAMPLE));
    await expect(readRunMetadata(file)).resolves.toEqual(EXAMPLE);
  });
});
