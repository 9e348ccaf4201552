import { join } from 'node:path';
import { parseAiperfExport, readAiperfExport } from './aiperf-export';
import { GoodputEntry, describeSlos, hasGoodput, renderGoodput } from './goodput';
import { readRunMetadata } from './run-metadata';

const SEED_003 = join(__dirname, '__fixtures__', 'seed003-goodput');

async function seed003(): Promise<GoodputEntry[]> {
  return Promise.all(
    ['agg-round-robin', 'disagg-kv-router'].map(async (configuration) => ({
      configuration,
      slos: (await readRunMetadata(join(SEED_003, configuration, 'run.json')))?.goodput ?? undefined,
      data: await readAiperfExport(join(SEED_003, configuration, 'profile_export_aiperf.json')),
    })),
  );
}

describe('goodput', () => {
  it('describes the SLOs of seed 003 (TTFT 2 s / ITL 25 ms)', () => {
    expect(describeSlos({ time_to_first_token: 2000, inter_token_latency: 25 })).toBe('TTFT ≤ 2,000 ms / ITL ≤ 25 ms');
    expect(describeSlos({ output_token_throughput_per_user: 600, request_latency: 300.5, custom_metric: 1 })).toBe(
      'output TPS per user ≥ 600 tok/s / request latency ≤ 300.5 ms / custom_metric 1',
    );
  });

  it('prints goodput, good requests, share and the change vs the baseline', async () => {
    expect(renderGoodput(await seed003(), 'agg-round-robin')).toBe(
      `Goodput at TTFT ≤ 2,000 ms / ITL ≤ 25 ms: requests per second that met every SLO.

| Config             | Goodput (req/s) | Good requests | Requests | Good share | Δ goodput vs \`agg-round-robin\` |
| ------------------ | --------------: | ------------: | -------: | ---------: | -----------------------------: |
| \`agg-round-robin\`  |           1.974 |         7,024 |   12,031 |      58.4% |                                |
| \`disagg-kv-router\` |           2.944 |        10,477 |   12,031 |      87.1% |                         +49.2% |`,
    );
  });

  it('adds an SLO column when configurations declared different SLOs, and drops the delta without baseline', async () => {
    const [a, b] = await seed003();
    const entries = [a as GoodputEntry, { ...(b as GoodputEntry), slos: { time_to_first_token: 1000 } }];
    const lines = (renderGoodput(entries) ?? '').split('\n');
    expect(lines[0]).toBe('Goodput: requests per second that met every SLO the run declared.');
    expect(lines[2]).toBe(
      '| Config             | SLOs                          | Goodput (req/s) | Good requests | Requests | Good share |',
    );
    expect(lines[5]).toContain('| TTFT ≤ 1,000 ms               |');
  });

  it('is absent when no run declared SLOs or reported goodput', () => {
    const data = parseAiperfExport('{"goodput": null, "good_request_count": null}', 'x.json');
    const entry = { configuration: 'a', data };
    expect(hasGoodput(entry)).toBe(false);
    expect(renderGoodput([entry])).toBeUndefined();
  });

  it('shows n/a for a run that declared SLOs but has no goodput numbers', () => {
    const entry = { configuration: 'a', slos: { inter_token_latency: 25 }, data: undefined };
    expect(renderGoodput([entry])).toContain('| `a`    |             n/a |           n/a |      n/a |        n/a |');
  });
});
