import { formatJsonPath, pointerToPath } from './json-path';

describe('formatJsonPath', () => {
  it('uses dots for identifiers, brackets for indices and other keys', () => {
    expect(formatJsonPath(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'nvidia.com/gpu'])).toBe(
      '.spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]',
    );
    expect(formatJsonPath(['spec', 'services', 'Frontend', 'replicaz'])).toBe('.spec.services.Frontend.replicaz');
    expect(formatJsonPath([])).toBe('.');
  });
});

describe('pointerToPath', () => {
  it('decodes ~1 and ~0 and tells array indices from numeric map keys', () => {
    const root = { a: [{ 'x/y': 1 }], m: { '0': { '~k': 1 } } };
    expect(pointerToPath('/a/0/x~1y', root)).toEqual(['a', 0, 'x/y']);
    expect(pointerToPath('/m/0/~0k', root)).toEqual(['m', '0', '~k']);
    expect(pointerToPath('', root)).toEqual([]);
  });
});
