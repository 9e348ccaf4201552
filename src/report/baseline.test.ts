import { UserError } from '../errors';
import { orderConfigurations, resolveBaseline } from './baseline';
import type { ConfigurationResults } from './discover';
import type { RunMetadata } from './run-metadata';

function config(name: string, baseline?: string | null, single = true): ConfigurationResults {
  const metadata: RunMetadata | undefined =
    baseline === undefined
      ? undefined
      : {
          recipe: 'r',
          hardware: 'h',
          configuration: name,
          baseline,
          manifestSha256: '0'.repeat(64),
          model: 'm',
          goodput: null,
          sweep: null,
          startedAt: null,
        };
  return {
    name,
    dir: `results/${name}`,
    metadata,
    runFile: single ? `results/${name}/profile_export_aiperf.json` : undefined,
    sweep: [],
    problems: [],
    warnings: [],
  };
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('resolveBaseline', () => {
  const found = [config('b', 'a'), config('a', 'a'), config('c')];

  it('takes the explicit baseline first', () => {
    expect(resolveBaseline('results', found, 'c')).toBe('c');
  });

  it('else takes the one run.json names', () => {
    expect(resolveBaseline('results', found, undefined)).toBe('a');
  });

  it('rejects an explicit baseline that is not a configuration, listing those found', () => {
    expect(messageOf(() => resolveBaseline('results', found, 'x'))).toBe(
      "baseline 'x' is not a configuration under results; configurations found: b, a, c",
    );
  });

  it('rejects run metadata that disagrees, naming the files', () => {
    expect(messageOf(() => resolveBaseline('results', [config('a', 'a'), config('b', 'b')], undefined))).toBe(
      "run metadata disagrees on the baseline: 'a' (results/a/run.json) vs 'b' (results/b/run.json); pass --baseline <config>; configurations found: a, b",
    );
  });

  it('rejects a baseline named in run.json that was not found', () => {
    expect(messageOf(() => resolveBaseline('results', [config('a', 'z'), config('b')], undefined))).toBe(
      "baseline 'z' named in results/a/run.json is not a configuration under results; configurations found: a, b; pass --baseline <config>",
    );
  });

  it('requires a baseline for two or more single runs, listing the configurations found', () => {
    expect(messageOf(() => resolveBaseline('results', [config('a'), config('b', null)], undefined))).toBe(
      'no baseline: pass --baseline <config> or set "baseline" in run.json; configurations found: a, b',
    );
  });

  it('needs none for one single run or sweeps only', () => {
    expect(resolveBaseline('results', [config('a')], undefined)).toBeUndefined();
    expect(resolveBaseline('results', [config('a', null, false), config('b', null, false)], undefined)).toBeUndefined();
  });
});

describe('orderConfigurations', () => {
  const found = [config('c'), config('a'), config('b')];

  it('puts the baseline first, then sorts by name', () => {
    expect(orderConfigurations(found, 'c', undefined).map((c) => c.name)).toEqual(['c', 'a', 'b']);
    expect(orderConfigurations(found, undefined, undefined).map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('follows the comparison definition when given', () => {
    expect(orderConfigurations(found, 'a', ['b', 'a']).map((c) => c.name)).toEqual(['b', 'a']);
  });
});
