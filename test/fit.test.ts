/** Fit checks on the real recipes: configurations that do not fit their hardware are refused or skipped with the numbers. */
import { Comparison, defineComparison } from '../src/recipes';
import { disaggregated, qwen3_32bH20 } from '../src/recipes/qwen3-32b-h20';
import { buildComparison, FitError } from '../src/synth/build';
import { synthesize } from '../src/synth/synthesize';
import { profile } from './support/synth';

/** The H20 comparison with other configurations. */
function variant(...configurations: Comparison['configurations']): Comparison {
  return defineComparison({ ...qwen3_32bH20, configurations, baseline: configurations[0].name });
}

function fitProblems(comparison: Comparison, hw: string): readonly string[] {
  try {
    buildComparison(comparison, profile(hw));
  } catch (e) {
    if (e instanceof FitError) return e.problems;
    throw e;
  }
  return [];
}

describe('fit checks', () => {
  it('the seed topologies fit the H20 pair', () => {
    expect(fitProblems(qwen3_32bH20, 'h20')).toEqual([]);
  });

  it('12P(TP4)/1D(TP4) on the 16-GPU H20 pair needs 52 GPUs', () => {
    expect(fitProblems(variant(disaggregated(12, 4)), 'h20')).toEqual([
      'recipe qwen3-32b-h20, configuration disagg-12p-tp4-1d-tp4: needs 52 GPUs (12 prefill × TP4 + 1 decode × TP4) but h20 offers 16 (8 per node × 2 nodes)',
    ]);
  });

  it('TP8 on GB200 (4 GPUs per node) is refused although Qwen3-32B fits in 4 GPUs', () => {
    expect(fitProblems(variant(disaggregated(1, 8)), 'gb200')).toEqual([
      'recipe qwen3-32b-h20, configuration disagg-1p-tp8-1d-tp4, role prefill: tensor parallel 8 exceeds the 4 GPUs of one gb200 node (workers do not span nodes unless `nodes` is set)',
    ]);
  });

  it('two TP8 prefill workers and a TP4 decoder overflow the 16 GPUs of an H100 pair', () => {
    expect(fitProblems(variant(disaggregated(2, 8)), 'h100')).toEqual([
      'recipe qwen3-32b-h20, configuration disagg-2p-tp8-1d-tp4: needs 20 GPUs (2 prefill × TP8 + 1 decode × TP4) but h100 offers 16 (8 per node × 2 nodes)',
    ]);
  });

  it('names every failing configuration of a comparison at once', () => {
    expect(fitProblems(variant(disaggregated(12, 4), disaggregated(3, 4), disaggregated(1, 8)), 'gb200')).toEqual([
      'recipe qwen3-32b-h20, configuration disagg-12p-tp4-1d-tp4: needs 52 GPUs (12 prefill × TP4 + 1 decode × TP4) but gb200 offers 32 (4 per node × 8 nodes)',
      'recipe qwen3-32b-h20, configuration disagg-1p-tp8-1d-tp4, role prefill: tensor parallel 8 exceeds the 4 GPUs of one gb200 node (workers do not span nodes unless `nodes` is set)',
    ]);
    expect(fitProblems(variant(disaggregated(12, 4), disaggregated(3, 4), disaggregated(9, 4)), 'h20')).toEqual([
      expect.stringContaining('configuration disagg-12p-tp4-1d-tp4: needs 52 GPUs'),
      expect.stringContaining('configuration disagg-9p-tp4-1d-tp4: needs 40 GPUs'),
    ]);
  });

  it('synth skips a targeted pair that does not fit and says why; asked for by name, it is an error', () => {
    const tooBig = variant(disaggregated(12, 4));
    const result = synthesize([tooBig], [profile('h20')]);
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{
      recipe: 'qwen3-32b-h20',
      hardware: 'h20',
      reasons: ['recipe qwen3-32b-h20, configuration disagg-12p-tp4-1d-tp4: needs 52 GPUs (12 prefill × TP4 + 1 decode × TP4) but h20 offers 16 (8 per node × 2 nodes)'],
    }]);
    expect(() => synthesize([tooBig], [profile('h20')], { recipes: ['qwen3-32b-h20'], hardware: ['h20'] })).toThrow(/needs 52 GPUs/);
  });

  it('--all-profiles tries every profile and skips only what does not fit', () => {
    const result = synthesize([variant(disaggregated(3, 8))], ['b200', 'gb200', 'h100', 'h20', 'h200'].map(profile), { allProfiles: true });
    expect(result.synthesized).toEqual([]);
    expect(result.skipped.map((s) => s.hardware)).toEqual(['b200', 'gb200', 'h100', 'h20', 'h200']);
  });
});
