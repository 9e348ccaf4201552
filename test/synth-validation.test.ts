/** Synth validates its output: every seed comparison is clean, and a corrupted field is reported exactly. */
import { loadProfiles } from '../src/hw';
import { COMPARISONS } from '../src/recipes';
import { ManifestFile, ManifestObject } from '../src/synth/render';
import { synthesize } from '../src/synth/synthesize';
import { validateRendered, validateYaml } from '../src/synth/validate-output';
import { serialize } from '../src/synth/write';
import { formatViolation } from '../src/validate';

const result = synthesize(COMPARISONS, loadProfiles('hw-profiles'));

/** The files with one object of `path` changed by `edit` (a deep copy; the rest untouched). */
function corrupt(path: string, kind: string, edit: (o: ManifestObject) => void): ManifestFile[] {
  return result.files.map((f) => {
    if (f.path !== path) return f;
    const objects = structuredClone(f.objects) as ManifestObject[];
    edit(objects.find((o) => o.kind === kind)!);
    return { path: f.path, objects };
  });
}

const errorsOf = (files: readonly ManifestFile[]) => validateRendered('dist', files).filter((v) => v.severity === 'error').map(formatViolation);

describe('synth output validation', () => {
  it('finds zero violations (errors or warnings) in every seed comparison', () => {
    expect(validateRendered('dist', result.files).map(formatViolation)).toEqual([]);
  });

  it('reports replicas: "two" on the vllm-serve Deployment', () => {
    const files = corrupt('h100/qwen36/vllm-serve.k8s.yaml', 'Deployment', (o) => {
      (o.spec as Record<string, unknown>).replicas = 'two';
    });
    expect(errorsOf(files)).toEqual([expect.stringMatching(/^dist\/h100\/qwen36\/vllm-serve\.k8s\.yaml Deployment\/qwen36-vllm-serve \.spec\.replicas: .*integer/)]);
  });

  it('reports an unknown DGD field', () => {
    const files = corrupt('h200/qwen3-32b/agg-round-robin.k8s.yaml', 'DynamoGraphDeployment', (o) => {
      ((o.spec as Record<string, Record<string, Record<string, unknown>>>).services.Frontend).replicaz = 1;
    });
    expect(errorsOf(files)).toEqual([expect.stringMatching(/^dist\/h200\/qwen3-32b\/agg-round-robin\.k8s\.yaml DynamoGraphDeployment\/agg-8xtp2 \.spec\.services\.Frontend(\.replicaz)?: .*replicaz/)]);
  });

  it('reports a 70-character DGD name, whose derived frontend Service cannot exist', () => {
    const name = `g${'x'.repeat(69)}`;
    const files = corrupt('gb200/qwen3vl/cache-on.k8s.yaml', 'DynamoGraphDeployment', (o) => {
      (o.metadata as Record<string, unknown>).name = name;
    });
    const at = `dist/gb200/qwen3vl/cache-on.k8s.yaml DynamoGraphDeployment/${name}`;
    expect(errorsOf(files).slice(0, 2)).toEqual([
      `${at} .metadata.name: derived frontend Service name (<dgd>-frontend): "${name}-frontend" is 79 characters; must be at most 63 (DNS-1035 label)`,
      `${at} .spec.services.VllmWorker: derived name of component VllmWorker (<dgd>-<component lowercased>): "${name}-vllmworker" is 81 characters; must be at most 63 (DNS-1123 label)`,
    ]);
  });

  it('reuses a verdict only for the very same files: a changed file is validated again', () => {
    const outdir = `dist-cache-test-${process.pid}`;
    const clean = serialize(result.files.filter((f) => f.path.startsWith('h100/qwen36/')));
    expect(validateYaml(outdir, clean, { cache: true })).toEqual([]);
    expect(validateYaml(outdir, clean, { cache: true })).toEqual([]);
    const broken = serialize(corrupt('h100/qwen36/vllm-serve.k8s.yaml', 'Deployment', (o) => {
      (o.spec as Record<string, unknown>).replicas = 'two';
    }).filter((f) => f.path.startsWith('h100/qwen36/')));
    const fresh = validateYaml(outdir, broken).map(formatViolation);
    expect(fresh).toEqual([expect.stringContaining('.spec.replicas')]);
    expect(validateYaml(outdir, broken, { cache: true }).map(formatViolation)).toEqual(fresh);
    expect(validateYaml(outdir, broken, { cache: true }).map(formatViolation)).toEqual(fresh);
  });
});
