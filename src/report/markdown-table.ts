/** Alignment of a Markdown table column. */
export type ColumnAlignment = 'left' | 'right' | 'center';

/** Escapes what would break a Markdown table cell (`|` and line breaks). */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown inline-code span of `text` (names of configurations, files, hashes). */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function pad(text: string, width: number, align: ColumnAlignment): string {
  const room = width - [...text].length;
  if (room <= 0) {
    return text;
  }
  if (align === 'right') {
    return ' '.repeat(room) + text;
  }
  if (align === 'center') {
    const left = Math.floor(room / 2);
    return ' '.repeat(left) + text + ' '.repeat(room - left);
  }
  return text + ' '.repeat(room);
}

function separator(width: number, align: ColumnAlignment): string {
  if (align === 'right') {
    return `${'-'.repeat(Math.max(width - 1, 2))}:`;
  }
  if (align === 'center') {
    return `:${'-'.repeat(Math.max(width - 2, 1))}:`;
  }
  return '-'.repeat(Math.max(width, 3));
}

function checkShape(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ColumnAlignment[]) {
  if (align.length !== header.length || rows.some((r) => r.length !== header.length)) {
    throw new Error(`markdown table: every row and the alignment need ${header.length} cells`);
  }
}

/**
 * A Markdown table whose cells are padded to the column width, as the comparison pages print them:
 *
 * ```
 * | Config         |   RPS |
 * | -------------- | ----: |
 * | `vllm-serve`   | 0.719 |
 * ```
 */
export function renderPaddedTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ColumnAlignment[],
): string {
  checkShape(header, rows, align);
  const cells = [header, ...rows].map((row) => row.map(escapeCell));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => [...(row[i] as string)].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((c, i) => pad(c, widths[i] as number, align[i] as ColumnAlignment)).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => separator(w, align[i] as ColumnAlignment)).join(' | ')} |`;
  return [line(cells[0] as string[]), sep, ...cells.slice(1).map(line)].join('\n');
}

/**
 * A Markdown table without padding, as the sweep pages print them:
 *
 * ```
 * | Concurrency | Request Throughput (req/s) |
 * |:-----------:|:--------------------------:|
 * | 1 | 0.27 |
 * ```
 */
export function renderCompactTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ColumnAlignment[],
): string {
  checkShape(header, rows, align);
  const head = header.map(escapeCell);
  const sep = head.map((h, i) => separator([...h].length + 2, align[i] as ColumnAlignment));
  return [
    `| ${head.join(' | ')} |`,
    `|${sep.join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}
