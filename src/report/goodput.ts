import { AiperfExport, metricValue } from './aiperf-export';
import { NOT_AVAILABLE, NUMBER_FORMATS, formatDelta, formatNumber, relativeChange } from './format';
import { ColumnAlignment, code, renderPaddedTable } from './markdown-table';
import { AiperfMetric } from './metrics';

/** One configuration's goodput inputs. */
export interface GoodputEntry {
  /** Configuration name. */
  readonly configuration: string;
  /**
   * The SLOs the run declared (metric tag to threshold), from run.json or AIPerf's `input_config`.
   * @default - None declared.
   */
  readonly slos?: Readonly<Record<string, number>>;
  /** Its single-run export; `undefined` when missing or malformed. */
  readonly data: AiperfExport | undefined;
}

/** How an SLO metric is named and compared in headings. */
interface SloLabel {
  readonly name: string;
  readonly unit: string;
  readonly relation: '≤' | '≥';
}

const SLO_LABELS: Readonly<Record<string, SloLabel>> = {
  [AiperfMetric.TIME_TO_FIRST_TOKEN]: { name: 'TTFT', unit: 'ms', relation: '≤' },
  [AiperfMetric.TIME_TO_SECOND_TOKEN]: { name: 'TTST', unit: 'ms', relation: '≤' },
  [AiperfMetric.INTER_TOKEN_LATENCY]: { name: 'ITL', unit: 'ms', relation: '≤' },
  [AiperfMetric.REQUEST_LATENCY]: { name: 'request latency', unit: 'ms', relation: '≤' },
  [AiperfMetric.OUTPUT_TOKEN_THROUGHPUT_PER_USER]: { name: 'output TPS per user', unit: 'tok/s', relation: '≥' },
};

/** The SLOs in words: `TTFT ≤ 2,000 ms / ITL ≤ 25 ms` (in the order declared). */
export function describeSlos(slos: Readonly<Record<string, number>>): string {
  return Object.entries(slos)
    .map(([tag, threshold]) => {
      const label = SLO_LABELS[tag];
      const value = formatNumber(threshold, NUMBER_FORMATS.threshold);
      return label === undefined ? `${tag} ${value}` : `${label.name} ${label.relation} ${value} ${label.unit}`;
    })
    .join(' / ');
}

/** True when a configuration declared SLOs or its export carries goodput numbers. */
export function hasGoodput(entry: GoodputEntry): boolean {
  return (
    (entry.slos !== undefined && Object.keys(entry.slos).length > 0) ||
    metricValue(entry.data, AiperfMetric.GOODPUT, 'avg') !== undefined
  );
}

/**
 * Renders the goodput section body: which SLOs, then per configuration goodput (req/s), good requests, requests,
 * the good share, and the goodput change vs the baseline (`+` = more good requests per second).
 * Returns `undefined` when no configuration declared SLOs or reported goodput.
 */
export function renderGoodput(entries: readonly GoodputEntry[], baseline?: string): string | undefined {
  if (!entries.some(hasGoodput)) {
    return undefined;
  }
  const descriptions = entries.map((e) => (e.slos === undefined ? NOT_AVAILABLE : describeSlos(e.slos)));
  const shared = descriptions.every((d) => d === descriptions[0]) ? descriptions[0] : undefined;
  const base = entries.find((e) => e.configuration === baseline);
  const baseGoodput = metricValue(base?.data, AiperfMetric.GOODPUT, 'avg');

  const header = [
    'Config',
    ...(shared === undefined ? ['SLOs'] : []),
    'Goodput (req/s)',
    'Good requests',
    'Requests',
    'Good share',
    ...(base !== undefined ? [`Δ goodput vs ${code(base.configuration)}`] : []),
  ];
  const rows = entries.map((e, i) => {
    const goodput = metricValue(e.data, AiperfMetric.GOODPUT, 'avg');
    const good = metricValue(e.data, AiperfMetric.GOOD_REQUEST_COUNT, 'avg');
    const requests = metricValue(e.data, AiperfMetric.REQUEST_COUNT, 'avg');
    const share = good !== undefined && requests !== undefined && requests > 0 ? (good / requests) * 100 : undefined;
    const shareText = share === undefined ? NOT_AVAILABLE : `${formatNumber(share, NUMBER_FORMATS.percent)}%`;
    return [
      code(e.configuration),
      ...(shared === undefined ? [descriptions[i] as string] : []),
      formatNumber(goodput, NUMBER_FORMATS.goodput),
      formatNumber(good, NUMBER_FORMATS.count),
      formatNumber(requests, NUMBER_FORMATS.count),
      shareText,
      ...(base !== undefined ? [e === base ? '' : formatDelta(relativeChange(goodput, baseGoodput))] : []),
    ];
  });
  const align: ColumnAlignment[] = header.map((_, i) => (i === 0 || (shared === undefined && i === 1) ? 'left' : 'right'));
  const intro =
    shared !== undefined && shared !== NOT_AVAILABLE
      ? `Goodput at ${shared}: requests per second that met every SLO.`
      : 'Goodput: requests per second that met every SLO the run declared.';
  return `${intro}\n\n${renderPaddedTable(header, rows, align)}`;
}
