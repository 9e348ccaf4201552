import { parseManifestText } from './load-manifests';
import { formatViolation } from './violation';

describe('parseManifestText', () => {
  it('reads multi-document files, skipping empty documents and expanding Lists', () => {
    const text = [
      '# comment only',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: a}',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}',
    ].join('\n');
    const parsed = parseManifestText('m.yaml', text);
    expect(parsed.violations).toEqual([]);
    expect(parsed.docs.map((d) => [d.index, (d.doc.metadata as { name: string }).name])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [1, 'c'],
    ]);
  });

  it('reports the first YAML syntax error of a document as file:line:col, and keeps the other documents', () => {
    const text = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '---', 'kind: ConfigMap', 'metadata: {name: [b}', ''].join('\n');
    const parsed = parseManifestText('dist/x.yaml', text);
    expect(parsed.docs).toHaveLength(1);
    expect(parsed.violations.map(formatViolation)).toEqual([
      'dist/x.yaml:7:20: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(parsed.violations[0]?.rule).toBe('yaml-syntax');
  });

  it('reports duplicate keys', () => {
    const parsed = parseManifestText('d.yaml', 'kind: Service\nkind: ConfigMap\n');
    expect(parsed.violations.map(formatViolation)).toEqual(['d.yaml:2:1: YAML syntax error: Map keys must be unique']);
  });

  it('decodes YAML 1.1 like kubectl: unquoted on/yes are booleans, 0755 is octal, dates and 1:20 stay strings', () => {
    const parsed = parseManifestText('b.yaml', 'a: on\nb: yes\nc: "on"\nd: 2024-01-01\ne: 0755\nf: 1:20\n');
    expect(parsed.docs[0]?.doc).toEqual({ a: true, b: true, c: 'on', d: '2024-01-01', e: 493, f: '1:20' });
  });

  it('rejects documents that are not objects', () => {
    const parsed = parseManifestText('l.yaml', '- a\n- b\n');
    expect(parsed.violations.map(formatViolation)).toEqual(['l.yaml:1:1: document 1 is a list, not a Kubernetes object']);
  });
});
