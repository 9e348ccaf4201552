import fc from 'fast-check';
import { MINUS_SIGN, NOT_AVAILABLE, NUMBER_FORMATS, formatDelta, formatNumber, relativeChange } from './format';

describe('formatNumber', () => {
  it('prints the comparison columns as seed 000 does', () => {
    expect(formatNumber(0.719, NUMBER_FORMATS.requestThroughput)).toBe('0.719');
    expect(formatNumber(0.94, NUMBER_FORMATS.requestThroughput)).toBe('0.940');
    expect(formatNumber(21.28, NUMBER_FORMATS.interTokenLatency)).toBe('21.28');
    expect(formatNumber(18173, NUMBER_FORMATS.timeToFirstToken)).toBe('18,173');
    expect(formatNumber(2369.4, NUMBER_FORMATS.timeToFirstToken)).toBe('2,369');
    expect(formatNumber(999.5, NUMBER_FORMATS.timeToFirstToken)).toBe('1,000');
  });

  it('prints output throughput and request latency as seed 001 does', () => {
    expect(formatNumber(3575.6, NUMBER_FORMATS.outputTokenThroughput)).toBe('3,575.6');
    expect(formatNumber(1234567.89, NUMBER_FORMATS.outputTokenThroughput)).toBe('1,234,567.9');
    expect(formatNumber(2630, NUMBER_FORMATS.requestLatency)).toBe('2,630');
  });

  it('prints sweep cells as seed 004 does: 2 decimals, trailing zeros dropped, no separators', () => {
    expect(formatNumber(0.9, NUMBER_FORMATS.sweep)).toBe('0.9');
    expect(formatNumber(23, NUMBER_FORMATS.sweep)).toBe('23');
    expect(formatNumber(2868, NUMBER_FORMATS.sweep)).toBe('2868');
    expect(formatNumber(20.26, NUMBER_FORMATS.sweep)).toBe('20.26');
    expect(formatNumber(17243.634, NUMBER_FORMATS.sweep)).toBe('17243.63');
    expect(formatNumber(0.004, NUMBER_FORMATS.sweep)).toBe('0');
  });

  it('prints missing and non-finite values as n/a', () => {
    expect(formatNumber(undefined, NUMBER_FORMATS.sweep)).toBe(NOT_AVAILABLE);
    expect(formatNumber(null, NUMBER_FORMATS.sweep)).toBe('n/a');
    expect(formatNumber(Number.NaN, NUMBER_FORMATS.sweep)).toBe('n/a');
    expect(formatNumber(Number.POSITIVE_INFINITY, NUMBER_FORMATS.count)).toBe('n/a');
  });

  it('uses the Unicode minus for negative numbers, and no sign on a value that rounds to zero', () => {
    expect(formatNumber(-1234.5, NUMBER_FORMATS.outputTokenThroughput)).toBe(`${MINUS_SIGN}1,234.5`);
    expect(formatNumber(-0.0001, NUMBER_FORMATS.requestThroughput)).toBe('0.000');
  });
});

describe('relativeChange', () => {
  it('is (value - base) / base', () => {
    expect(relativeChange(0.811, 0.719)).toBeCloseTo(0.127955, 5);
    expect(relativeChange(7193, 18173)).toBeCloseTo(-0.60419, 5);
  });

  it('is undefined when either side is missing or the base is zero', () => {
    expect(relativeChange(undefined, 1)).toBeUndefined();
    expect(relativeChange(1, undefined)).toBeUndefined();
    expect(relativeChange(1, 0)).toBeUndefined();
  });
});

describe('formatDelta', () => {
  it("prints seed 000's deltas exactly", () => {
    expect(formatDelta(relativeChange(0.811, 0.719))).toBe('+12.8%');
    expect(formatDelta(relativeChange(0.933, 0.719))).toBe('+29.8%');
    expect(formatDelta(relativeChange(7193, 18173))).toBe('−60.4%');
    expect(formatDelta(relativeChange(6101, 18173))).toBe('−66.4%');
    expect(formatDelta(relativeChange(2369, 18830))).toBe('−87.4%');
  });

  it('uses U+2212 for the minus sign', () => {
    expect(formatDelta(-0.5).codePointAt(0)).toBe(0x2212);
  });

  it('prints a change that rounds to zero without sign, and n/a for a missing one', () => {
    expect(formatDelta(0.0004)).toBe('0.0%');
    expect(formatDelta(-0.0004)).toBe('0.0%');
    expect(formatDelta(undefined)).toBe('n/a');
  });

  it('carries the sign of the change', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (change) => {
        const text = formatDelta(change);
        if (Math.abs(change) >= 0.0005) {
          expect(text.startsWith(change > 0 ? '+' : MINUS_SIGN)).toBe(true);
        }
        expect(text).toMatch(/^(\+|\u2212)?\d+\.\d%$/);
      }),
    );
  });
});
