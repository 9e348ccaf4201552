import { join } from 'node:path';
import { parseAiperfExport, readAiperfExport } from './aiperf-export';
import { comparisonChartSvg, normaliseSvg, sweepChartFile, sweepChartSvg } from './charts';
import { buildComparison } from './comparison';
import { discoverResults } from './discover';

const FIXTURES = join(__dirname, '__fixtures__');

async function seed000Comparison() {
  const entries = await Promise.all(
    ['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec'].map(async (configuration) => ({
      configuration,
      data: await readAiperfExport(join(FIXTURES, 'seed000-h100', configuration, 'profile_export_aiperf.json')),
    })),
  );
  return buildComparison(entries, { baseline: 'vllm-serve' });
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
}

describe('comparison chart', () => {
  it('is a standalone SVG with the throughput bars labelled as the table prints them', async () => {
    const svg = comparisonChartSvg(await seed000Comparison());
    expect(svg.startsWith('<svg width="960" height="420" xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(['RPS', 'TTFT (ms)', '0.719', '0.811', '0.933']));
    expect(labels).toEqual(expect.arrayContaining(['vllm-serve', 'dynamo-fd', 'dynamo-fd-ec']));
    expect(labels).toEqual(expect.arrayContaining(['TTFT avg', 'TTFT p50', 'TTFT p90', 'TTFT p99']));
  });

  it('draws one bar per configuration for throughput and each TTFT statistic', async () => {
    const svg = comparisonChartSvg(await seed000Comparison());
    const bars = svg.match(/ecmeta_ssr_type="chart"/g) ?? [];
    expect(bars).toHaveLength(3 * 5);
  });

  it('is reproducible: the same input gives the same bytes', async () => {
    const comparison = await seed000Comparison();
    const first = comparisonChartSvg(comparison);
    const second = comparisonChartSvg(comparison);
    expect(second).toBe(first);
    expect(first).not.toMatch(/\bzr\d+-/);
  });

  it('escapes configuration names', () => {
    const data = parseAiperfExport('{"request_throughput": {"unit": "requests/sec", "avg": 1}}', 'x.json');
    const svg = comparisonChartSvg(buildComparison([{ configuration: 'a<b&c', data }]));
    expect(svg).toContain('a&lt;b&amp;c');
    expect(svg).not.toContain('a<b&c');
  });
});

describe('sweep chart', () => {
  it('plots output token throughput vs concurrency, one line per configuration', async () => {
    const results = await discoverResults(join(FIXTURES, 'seed004-h20'));
    const entries = results.configurations.map((c) => ({ configuration: c.name, points: c.sweep }));
    const svg = sweepChartSvg(entries, { isl: 3000, osl: 150 });
    const labels = texts(svg);
    expect(labels).toEqual(
      expect.arrayContaining(['Output token throughput vs concurrency (ISL:OSL=3000:150)', 'dynamo-3p1d', 'vllm-v1']),
    );
    expect(labels).toEqual(expect.arrayContaining(['1', '2', '4', '8', '16', '32', '64', '128', 'concurrency', 'tok/s']));
    expect(sweepChartSvg(entries, { isl: 3000, osl: 150 })).toBe(svg);
    expect(sweepChartFile({ isl: 3000, osl: 150 })).toBe('sweep-isl3000-osl150.svg');
  });
});

describe('normaliseSvg', () => {
  it('renumbers ECharts ids per document, by kind, in order of appearance', () => {
    const svg = '<g class="zr7-cls-3"/><g class="zr7-cls-1" clip-path="url(#zr7-c4)"/><g class="zr7-cls-3"/>';
    expect(normaliseSvg(svg)).toBe(
      '<g class="chart-cls-0"/><g class="chart-cls-1" clip-path="url(#chart-c0)"/><g class="chart-cls-0"/>\n',
    );
  });
});
