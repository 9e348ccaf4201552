import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSingleRun, orderConfigurations, resolveBaseline } from './baseline';
import { COMPARISON_CHART_FILE, comparisonChartSvg, sweepChartFile, sweepChartSvg } from './charts';
import { Comparison, ThroughputMetric, buildComparison, renderBuiltComparison } from './comparison';
import { ConfigurationResults, discoverResults } from './discover';
import { GoodputEntry, renderGoodput } from './goodput';
import { code } from './markdown-table';
import { ReportSection, renderList, renderProvenance, renderReportDocument } from './report-document';
import { SUMMARY_FILE, ReportSummary, buildSummary, configurationModel, sharedValue } from './summary';
import { SweepEntry, SweepShape, renderSweep, sweepShapes } from './sweep';

/** File name of the Markdown report. */
export const REPORT_FILE = 'report.md';

/** A comparison defined by the caller instead of discovered (e.g. from a recipe). */
export interface ComparisonDefinition {
  /** Configuration names (directory names under the results directory), in table order. */
  readonly configurations: readonly string[];
  /**
   * The configuration the others are measured against.
   * @default - The baseline named in run.json.
   */
  readonly baseline?: string;
  /**
   * Report title.
   * @default - Derived from the recipe and hardware in run.json.
   */
  readonly title?: string;
  /**
   * The throughput heading the comparison table.
   * @default ThroughputMetric.REQUESTS
   */
  readonly throughput?: ThroughputMetric;
}

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /**
   * Directory to write report.md, summary.json and the SVG charts into (created if needed).
   * @default - The results directory.
   */
  readonly out?: string;
  /**
   * Baseline configuration; overrides the comparison definition and run.json.
   * @default - The comparison definition's, else the one named in run.json.
   */
  readonly baseline?: string;
  /**
   * Configurations to report, in order, instead of discovering them.
   * @default - Every configuration found under the results directory.
   */
  readonly comparison?: ComparisonDefinition;
  /**
   * Report title; overrides the comparison definition's.
   * @default - Derived from the recipe and hardware in run.json.
   */
  readonly title?: string;
  /**
   * The throughput heading the comparison table; overrides the comparison definition's.
   * @default ThroughputMetric.REQUESTS
   */
  readonly throughput?: ThroughputMetric;
}

/** What {@link writeReport} wrote and found. */
export interface ReportResult {
  /** Directory the files were written to. */
  readonly outDir: string;
  /** Paths of the files written. */
  readonly files: readonly string[];
  /** The content of report.md. */
  readonly markdown: string;
  /** The content of summary.json. */
  readonly summary: ReportSummary;
  /** Warnings, one line each (absent metadata, CSV fallback, mixed hardware, ...). */
  readonly warnings: readonly string[];
  /** Problems, one line each (missing or malformed files); the report covers everything else. */
  readonly problems: readonly string[];
}

function goodputSlos(c: ConfigurationResults): Readonly<Record<string, number>> | undefined {
  return c.metadata?.goodput ?? c.run?.inputConfig?.goodput ?? undefined;
}

function mixedWarnings(configurations: readonly ConfigurationResults[]): string[] {
  const warnings: string[] = [];
  const fields: readonly ['recipe' | 'hardware', string][] = [
    ['hardware', 'hardware profiles'],
    ['recipe', 'recipes'],
  ];
  for (const [field, what] of fields) {
    const values = new Map<string, string[]>();
    for (const c of configurations) {
      const v = c.metadata?.[field];
      if (v !== undefined) {
        values.set(v, [...(values.get(v) ?? []), c.name]);
      }
    }
    if (values.size > 1) {
      const list = [...values.entries()].map(([v, names]) => `${v} (${names.join(', ')})`).join(', ');
      warnings.push(`configurations ran with different ${what}: ${list}`);
    }
  }
  return warnings;
}

function deriveTitle(configurations: readonly ConfigurationResults[]): string {
  const recipe = sharedValue(configurations.map((c) => c.metadata?.recipe));
  const hardware = sharedValue(configurations.map((c) => c.metadata?.hardware));
  if (recipe !== null && hardware !== null) {
    return `Benchmark results: ${code(recipe)} on ${code(hardware)}`;
  }
  return recipe !== null ? `Benchmark results: ${code(recipe)}` : 'Benchmark results';
}

function intro(configurations: readonly ConfigurationResults[], comparison: Comparison | undefined): string[] {
  const facts: string[] = [];
  const model = sharedValue(configurations.map(configurationModel));
  const recipe = sharedValue(configurations.map((c) => c.metadata?.recipe));
  const hardware = sharedValue(configurations.map((c) => c.metadata?.hardware));
  if (model !== null) facts.push(`Model ${code(model)}`);
  if (recipe !== null) facts.push(`recipe ${code(recipe)}`);
  if (hardware !== null) facts.push(`hardware ${code(hardware)}`);
  const lines = facts.length > 0 ? [`${facts.join(' · ')}.`] : [];
  if (comparison?.baseline !== undefined) {
    lines.push(
      `Deltas are relative changes vs the baseline ${code(comparison.baseline)}: ` +
        '`+` is more (better for throughput), `−` is lower (better for latency).',
    );
  }
  return lines;
}

function sweepShapeOrder(configurations: readonly ConfigurationResults[]): SweepShape[] {
  return configurations.flatMap((c) => (c.metadata?.sweep?.islOsl ?? []).map(([isl, osl]) => ({ isl, osl })));
}

/** Writes `files` (name → content) into `outDir` all-or-nothing per file: temp directory first, then renames. */
async function writeFilesAtomically(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const tmp = await mkdtemp(join(outDir, '.report-'));
  try {
    for (const [name, content] of files) {
      await writeFile(join(tmp, name), content, 'utf8');
    }
    const written: string[] = [];
    for (const name of files.keys()) {
      await rename(join(tmp, name), join(outDir, name));
      written.push(join(outDir, name));
    }
    return written;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Reads the AIPerf results under `dir` and writes the report: report.md (comparison table, delta table and headline,
 * goodput, sweep tables, provenance), summary.json and one SVG chart per comparison and per sweep ISL:OSL.
 *
 * Missing or malformed files of a configuration do not stop the report: they are listed in `problems` (and in
 * report.md), and the other configurations are still rendered.
 *
 * @throws UserError when nothing can be reported: no results directory, no configuration, or no baseline for a
 *   comparison of two or more configurations (the message lists the configurations found). Nothing is written then.
 */
export async function writeReport(dir: string, options: WriteReportOptions = {}): Promise<ReportResult> {
  const outDir = options.out ?? dir;
  const definition = options.comparison;
  const discovered = await discoverResults(dir, {
    configurations: definition?.configurations,
    exclude: resolve(outDir) === resolve(dir) ? [] : [outDir],
  });
  const baseline = resolveBaseline(dir, discovered.configurations, options.baseline ?? definition?.baseline);
  const configurations = orderConfigurations(discovered.configurations, baseline, definition?.configurations);
  const throughput = options.throughput ?? definition?.throughput ?? ThroughputMetric.REQUESTS;

  const files = new Map<string, string>();
  const sections: ReportSection[] = [];

  const singles = configurations.filter(isSingleRun);
  let comparison: Comparison | undefined;
  if (singles.length > 0) {
    const entries = singles.map((c) => ({ configuration: c.name, data: c.run }));
    comparison = buildComparison(entries, {
      baseline: singles.some((c) => c.name === baseline) ? baseline : undefined,
      throughput,
    });
    files.set(COMPARISON_CHART_FILE, comparisonChartSvg(comparison));
    const chartAlt = `${comparison.columns[0]?.label ?? 'Throughput'} and TTFT per configuration`;
    sections.push({
      heading: 'Comparison',
      body: `${renderBuiltComparison(comparison)}\n\n![${chartAlt}](${COMPARISON_CHART_FILE})`,
    });
  }

  const slos = new Map<string, Readonly<Record<string, number>>>();
  for (const c of configurations) {
    const s = goodputSlos(c);
    if (s !== undefined) {
      slos.set(c.name, s);
    }
  }
  const goodputEntries: GoodputEntry[] = singles.map((c) => ({ configuration: c.name, slos: slos.get(c.name), data: c.run }));
  const goodput = renderGoodput(goodputEntries, comparison?.baseline);
  if (goodput !== undefined) {
    sections.push({ heading: 'Goodput', body: goodput });
  }

  const sweepEntries: SweepEntry[] = configurations
    .filter((c) => c.sweep.length > 0)
    .map((c) => ({ configuration: c.name, points: c.sweep }));
  if (sweepEntries.length > 0) {
    const shapeOrder = sweepShapeOrder(configurations);
    for (const shape of sweepShapes(sweepEntries, shapeOrder)) {
      files.set(sweepChartFile(shape), sweepChartSvg(sweepEntries, shape));
    }
    sections.push({
      heading: 'Sweep',
      body: [
        'TPOT is AIPerf\'s inter-token latency; E2E latency is its request latency.',
        renderSweep(sweepEntries, { shapeOrder, chartFile: sweepChartFile }),
      ].join('\n\n'),
    });
  }

  sections.push({
    heading: 'Provenance',
    body: `${renderProvenance(dir, configurations)}\n\nEvery number, unrounded, with the full manifest hashes: [${SUMMARY_FILE}](${SUMMARY_FILE}).`,
  });

  const problems = configurations.flatMap((c) => c.problems);
  const warnings = [
    ...discovered.warnings,
    ...configurations.flatMap((c) => c.warnings),
    ...mixedWarnings(configurations),
  ];
  if (problems.length > 0) {
    sections.push({
      heading: 'Problems',
      body: `These files were missing or malformed; their numbers show as n/a.\n\n${renderList(problems)}`,
    });
  }

  const title = options.title ?? definition?.title ?? deriveTitle(configurations);
  const markdown = renderReportDocument({ title, intro: intro(configurations, comparison), sections });
  files.set(REPORT_FILE, markdown);
  const summary = buildSummary({
    title,
    dir,
    outDir,
    configurations,
    comparison,
    goodputSlos: slos,
    files: [REPORT_FILE, SUMMARY_FILE, ...[...files.keys()].filter((f) => f !== REPORT_FILE)],
    warnings,
    problems,
  });
  files.set(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);

  const written = await writeFilesAtomically(outDir, files);
  return { outDir, files: written, markdown, summary, warnings, problems };
}
