import { relative, sep } from 'node:path';
import type { ConfigurationResults } from './discover';
import { NOT_AVAILABLE } from './format';
import { ColumnAlignment, code, renderPaddedTable } from './markdown-table';
import { configurationModel } from './summary';

/** Characters of the manifest hash shown in report.md (the full hash is in summary.json). */
const SHORT_HASH = 12;

/** One section of report.md. */
export interface ReportSection {
  /** Heading (level 2). */
  readonly heading: string;
  /** Markdown body. */
  readonly body: string;
}

/** Everything report.md is made of. */
export interface ReportDocument {
  /** Title (level 1 heading). */
  readonly title: string;
  /** Lines under the title (model, recipe, hardware, baseline). */
  readonly intro: readonly string[];
  /** Sections in order. */
  readonly sections: readonly ReportSection[];
}

/** Assembles report.md from its parts. */
export function renderReportDocument(doc: ReportDocument): string {
  const blocks = [`# ${doc.title}`, ...(doc.intro.length > 0 ? [doc.intro.join('\n')] : [])];
  for (const section of doc.sections) {
    blocks.push(`## ${section.heading}`, section.body);
  }
  return `${blocks.join('\n\n')}\n`;
}

function portableRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/**
 * The provenance table: per configuration, the recipe, hardware profile, model, manifest hash (shortened; full in
 * summary.json), start time and the AIPerf artifacts the numbers come from.
 */
export function renderProvenance(resultsDir: string, configurations: readonly ConfigurationResults[]): string {
  const header = ['Config', 'Recipe', 'Hardware', 'Model', 'Manifests (SHA-256)', 'Started', 'AIPerf export'];
  const rows = configurations.map((c) => {
    const m = c.metadata;
    const value = (v: string | null | undefined) => (v === undefined || v === null ? NOT_AVAILABLE : code(v));
    const model = configurationModel(c);
    let source: string;
    if (c.runFile !== undefined) {
      source = code(portableRelative(resultsDir, c.runFile));
    } else if (c.sweep.length > 0) {
      source = `${c.sweep.length} sweep points under ${code(`${c.name}/`)}`;
    } else {
      source = NOT_AVAILABLE;
    }
    return [
      code(c.name),
      value(m?.recipe),
      value(m?.hardware),
      value(model),
      m === undefined ? NOT_AVAILABLE : `${code(m.manifestSha256.slice(0, SHORT_HASH))}…`,
      m?.startedAt ?? NOT_AVAILABLE,
      source,
    ];
  });
  return renderPaddedTable(header, rows, header.map((): ColumnAlignment => 'left'));
}

/** A bulleted list of lines (problems, warnings). */
export function renderList(lines: readonly string[]): string {
  return lines.map((l) => `- ${l.replace(/\r?\n/g, ' ')}`).join('\n');
}
