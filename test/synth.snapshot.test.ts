/**
 * Every synthesized manifest, as YAML: a manifest change shows up as a snapshot diff in review.
 * Update on purpose with `npx jest -u test/synth.snapshot.test.ts` and review the diff.
 */
import { loadProfiles } from '../src/hw';
import { COMPARISONS } from '../src/recipes';
import { createHash } from 'node:crypto';
import { ManifestFile, ManifestObject } from '../src/synth/render';
import { synthesize } from '../src/synth/synthesize';
import { toYaml } from '../src/synth/write';

const result = synthesize(COMPARISONS, loadProfiles('hw-profiles'));

describe('synthesized manifests', () => {
  it('cover every comparison on every profile it targets', () => {
    const expected = COMPARISONS.flatMap((c) => c.targets.map((t) => `${t}/${c.name}`)).sort();
    expect([...result.synthesized].sort()).toEqual(expected);
  });

  it('write a prep file and one file per configuration for each pair', () => {
    for (const pair of result.synthesized) {
      const comparison = COMPARISONS.find((c) => pair.endsWith(`/${c.name}`))!;
      const files = result.files.filter((f) => f.path.startsWith(`${pair}/`)).map((f) => f.path.slice(pair.length + 1));
      expect(files.sort()).toEqual(['prep.k8s.yaml', ...comparison.configurations.map((c) => `${c.name}.k8s.yaml`)].sort());
    }
  });

  /**
   * The bundled dataset generator (~210 KB of minified JavaScript in a ConfigMap) is shown by size and SHA-256:
   * a change still shows in review, without a wall of minified code. Its content is tested in src/dataset/.
   */
  const reviewable = (file: ManifestFile): ManifestFile => ({
    ...file,
    objects: file.objects.map((o): ManifestObject => {
      const data = o.data as Record<string, string> | undefined;
      const name = (o.metadata as { name?: string } | undefined)?.name ?? '';
      if (o.kind !== 'ConfigMap' || !name.startsWith('dataset-generator-') || !data) return o;
      return { ...o, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, `<${Buffer.byteLength(v)} bytes, sha256 ${createHash('sha256').update(v).digest('hex')}>`])) };
    }),
  });

  it.each(result.files.map((f) => [f.path, f] as const))('%s', (_path, file) => {
    expect(toYaml(reviewable(file))).toMatchSnapshot();
  });
});
