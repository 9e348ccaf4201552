/**
 * Every synthesized manifest, as YAML: a manifest change shows up as a snapshot diff in review.
 * Update on purpose with `npx jest -u test/synth.snapshot.test.ts` and review the diff.
 */
import { loadProfiles } from '../src/hw';
import { COMPARISONS } from '../src/recipes';
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

  it.each(result.files.map((f) => [f.path, f] as const))('%s', (_path, file) => {
    expect(toYaml(file)).toMatchSnapshot();
  });
});
