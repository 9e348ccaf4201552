import { formatSelector, matchesSelector } from './label-selector';

describe('matchesSelector', () => {
  const labels = { app: 'vllm', tier: 'gpu' };

  it('matches Service-style maps by subset', () => {
    expect(matchesSelector({ app: 'vllm' }, labels, 'map')).toBe(true);
    expect(matchesSelector({ app: 'vllm', tier: 'cpu' }, labels, 'map')).toBe(false);
  });

  it('evaluates matchLabels and matchExpressions', () => {
    expect(matchesSelector({ matchLabels: { app: 'vllm' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['gpu'] }] }, labels, 'labelSelector')).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['gpu'] }] }, labels, 'labelSelector')).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels, 'labelSelector')).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels, 'labelSelector')).toBe(true);
  });

  it('formats selectors as k=v lists', () => {
    expect(formatSelector({ app: 'vllm', tier: 'gpu' }, 'map')).toBe('app=vllm,tier=gpu');
  });
});
