import { join } from 'node:path';
import { discoverResults } from './discover';
import type { SweepPoint } from './discover';
import { SweepEntry, renderSweep, renderSweepTable, sweepShapes } from './sweep';

async function seed004(): Promise<SweepEntry[]> {
  const results = await discoverResults(join(__dirname, '__fixtures__', 'seed004-h20'));
  return results.configurations.map((c) => ({ configuration: c.name, points: c.sweep }));
}

function at(entries: readonly SweepEntry[], configuration: string, isl: number, osl: number): SweepPoint[] {
  return (entries.find((e) => e.configuration === configuration)?.points ?? []).filter(
    (p) => p.isl === isl && p.osl === osl,
  );
}

describe('sweep tables (seed 004)', () => {
  it('prints one row per concurrency with the seed\'s columns and numbers', async () => {
    const table = renderSweepTable(at(await seed004(), 'dynamo-3p1d', 3000, 150)).split('\n');
    expect(table[0]).toBe(
      '| Concurrency | Request Throughput (req/s) | Output Token Throughput (tok/s) | Mean E2E Latency (ms) | P99 E2E Latency (ms) | Mean TTFT (ms) | P99 TTFT (ms) | Mean TPOT (ms) | P99 TPOT (ms) |',
    );
    expect(table[1]).toMatch(/^\|:-+:\|:-+:\|/);
    // Rows as seed 004 prints them under "Dynamo 3P(TP4) 1D(TP4)", "ISL:OSL=3000:150".
    expect(table.slice(2)).toEqual([
      '| 1 | 0.27 | 40.27 | 3723.57 | 4628.26 | 714.26 | 1613.88 | 20.2 | 20.26 |',
      '| 2 | 0.52 | 78.11 | 3836.67 | 3925.48 | 534.28 | 620.35 | 22.16 | 22.19 |',
      '| 4 | 0.9 | 135.61 | 4392.84 | 10816.23 | 1015.82 | 7449.2 | 22.66 | 23 |',
      '| 8 | 1.77 | 264.82 | 4426.34 | 5827.97 | 831.91 | 2257.41 | 24.12 | 24.38 |',
      '| 16 | 3.21 | 480.88 | 4802.68 | 6852.26 | 832.8 | 2868 | 26.64 | 27.07 |',
      '| 32 | 5.35 | 802.5 | 5765.96 | 9954.64 | 1063.08 | 5209.09 | 31.56 | 34.18 |',
      '| 64 | 6.01 | 900.77 | 10243.72 | 14533.1 | 5415.51 | 9670.41 | 32.42 | 36.46 |',
      '| 128 | 6.13 | 919.14 | 19940.79 | 23774.58 | 15112.21 | 18926.17 | 32.41 | 35.53 |',
    ]);
  });

  it('sorts rows by concurrency and prints a point without data as n/a', () => {
    const table = renderSweepTable([
      { isl: 1, osl: 1, concurrency: 16, file: 'x' },
      { isl: 1, osl: 1, concurrency: 2, file: 'y' },
    ]).split('\n');
    expect(table.slice(2)).toEqual([
      '| 2 | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |',
      '| 16 | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |',
    ]);
  });

  it('orders ISL:OSL sections as requested, then the rest sorted', async () => {
    const entries = await seed004();
    expect(sweepShapes(entries)).toEqual([
      { isl: 1000, osl: 1000 },
      { isl: 3000, osl: 150 },
    ]);
    expect(sweepShapes(entries, [{ isl: 3000, osl: 150 }, { isl: 42, osl: 42 }])).toEqual([
      { isl: 3000, osl: 150 },
      { isl: 1000, osl: 1000 },
    ]);
  });

  it('renders a section per ISL:OSL with its chart and a table per configuration', async () => {
    const markdown = renderSweep(await seed004(), {
      shapeOrder: [{ isl: 3000, osl: 150 }],
      chartFile: (s) => `chart-${s.isl}-${s.osl}.svg`,
    });
    const headings = markdown.split('\n').filter((l) => l.startsWith('#') || l.startsWith('!'));
    expect(headings).toEqual([
      '### Benchmark Result (ISL:OSL=3000:150)',
      '![Output token throughput vs concurrency, ISL:OSL=3000:150](chart-3000-150.svg)',
      '#### `dynamo-3p1d`',
      '#### `vllm-v1`',
      '### Benchmark Result (ISL:OSL=1000:1000)',
      '![Output token throughput vs concurrency, ISL:OSL=1000:1000](chart-1000-1000.svg)',
      '#### `dynamo-3p1d`',
      '#### `vllm-v1`',
    ]);
    // vLLM V1 at ISL:OSL=1000:1000, concurrency 128, as seed 004 prints it.
    expect(markdown).toContain('| 128 | 5.3 | 5297.4 | 22153.41 | 41383.67 | 452.13 | 3468.03 | 21.72 | 41.09 |');
  });
});
