/**
 * Results and reporting: AIPerf exports in, comparison/goodput/sweep tables, SVG charts and summary.json out.
 * See docs/report.md.
 */
export * from './aiperf-export';
export { parseAiperfCsv, splitCsvLine } from './aiperf-csv';
export * from './metrics';
export * from './format';
export * from './run-metadata';
export * from './discover';
export * from './baseline';
export * from './comparison';
export * from './goodput';
export * from './sweep';
export * from './charts';
export * from './summary';
export { code, escapeCell, renderCompactTable, renderPaddedTable } from './markdown-table';
export type { ColumnAlignment } from './markdown-table';
export { REPORT_FILE, writeReport } from './write-report';
export type { ComparisonDefinition, ReportResult, WriteReportOptions } from './write-report';
export { ReportExitCode, main } from './cli';
export type { ReportCliIo } from './cli';
