/**
 * The upstream hand-written manifests (ai-dynamo/dynamo recipes, envsubst placeholders filled) validate without
 * errors, and corrupting one field at a time yields exactly the expected violation.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseManifestText } from './load-manifests';
import type { ManifestDoc } from './manifest-doc';
import { validateObjects } from './validate-objects';
import { validatePaths } from './validate-paths';
import { formatViolation } from './violation';

const UPSTREAM = path.join(__dirname, '__fixtures__', 'upstream');

/** Parses fixture files (paths relative to the upstream fixture dir, used as display names). */
function load(...files: string[]): ManifestDoc[] {
  return files.flatMap((f) => parseManifestText(f, fs.readFileSync(path.join(UPSTREAM, f), 'utf8')).docs);
}

/** A deep copy of the docs where `mutate` changed the first object of `kind`. */
function corrupt(docs: readonly ManifestDoc[], kind: string, mutate: (doc: Record<string, any>) => void): ManifestDoc[] {
  let done = false;
  return docs.map((m) => {
    if (done || m.doc.kind !== kind) return m;
    done = true;
    const doc = structuredClone(m.doc) as Record<string, any>;
    mutate(doc);
    return { ...m, doc };
  });
}

/** The formatted errors (warnings left out). */
function errors(docs: readonly ManifestDoc[]): string[] {
  return validateObjects(docs)
    .filter((v) => v.severity === 'error')
    .map(formatViolation);
}

const QWEN36 = ['qwen3.6-35b/deploy/vllm-serve.yaml', 'qwen3.6-35b/deploy/dynamo-fd.yaml', 'qwen3.6-35b/deploy/dynamo-fd-ec.yaml'];

describe('upstream manifests', () => {
  it('validate with zero errors; only the expected warnings', () => {
    const report = validatePaths([UPSTREAM], { displayName: (f) => path.relative(UPSTREAM, f) });
    expect(report.files).toHaveLength(11);
    expect(report.errorCount).toBe(0);
    expect(report.violations.filter((v) => v.rule === 'schema' || v.rule === 'unknown-field')).toEqual([]);
    // PVCs live in a sibling model-cache/ directory or are pre-provisioned; the download Jobs set no requests.
    expect([...new Set(report.violations.map((v) => v.rule))].sort()).toEqual(['pvc-exists', 'resource-requests']);
    expect(report.warningCount).toBe(12);
  });

  it('replicas: "two" on a Deployment', () => {
    const docs = corrupt(load(...QWEN36), 'Deployment', (d) => {
      d.spec.replicas = 'two';
    });
    expect(errors(docs)).toEqual(['qwen3.6-35b/deploy/vllm-serve.yaml Deployment/qwen36-vllm-serve .spec.replicas: must be integer']);
  });

  it('an unknown DynamoGraphDeployment field', () => {
    const docs = corrupt(load(...QWEN36), 'DynamoGraphDeployment', (d) => {
      d.spec.services.Frontend.replicaz = 2;
    });
    expect(errors(docs)).toEqual([
      'qwen3.6-35b/deploy/dynamo-fd.yaml DynamoGraphDeployment/qwen36-dynamo-fd .spec.services.Frontend.replicaz: unknown field "replicaz" (not in the nvidia.com/v1alpha1 DynamoGraphDeployment schema: the API server would silently drop it); did you mean "replicas"?',
    ]);
  });

  it('a 70-character DynamoGraphDeployment name (derived -frontend Service name too long)', () => {
    const name = `qwen36-dynamo-fd-${'x'.repeat(53)}`;
    expect(name).toHaveLength(70);
    const docs = corrupt(load(...QWEN36), 'DynamoGraphDeployment', (d) => {
      d.metadata.name = name;
    });
    expect(errors(docs)).toEqual([
      `qwen3.6-35b/deploy/dynamo-fd.yaml DynamoGraphDeployment/${name} .metadata.name: derived frontend Service name (<dgd>-frontend): "${name}-frontend" is 79 characters; must be at most 63 (DNS-1035 label)`,
      `qwen3.6-35b/deploy/dynamo-fd.yaml DynamoGraphDeployment/${name} .spec.services.VllmWorker: derived name of component VllmWorker (<dgd>-<component lowercased>): "${name}-vllmworker" is 81 characters; must be at most 63 (DNS-1123 label)`,
    ]);
  });

  it('a volumeMount naming an undeclared PVC', () => {
    const docs = corrupt(load(...QWEN36), 'DynamoGraphDeployment', (d) => {
      d.spec.services.VllmWorker.volumeMounts[0].name = 'model-cache';
    });
    expect(errors(docs)).toEqual([
      'qwen3.6-35b/deploy/dynamo-fd.yaml DynamoGraphDeployment/qwen36-dynamo-fd .spec.services.VllmWorker.volumeMounts[0].name: volumeMount "model-cache" names no PVC of the graph (spec.pvcs: shared-model-cache)',
    ]);
  });

  it('a Service selector matching nothing', () => {
    const docs = corrupt(load(...QWEN36), 'Service', (d) => {
      d.spec.selector['app.kubernetes.io/component'] = 'vllm-srv';
    });
    expect(errors(docs)).toEqual([
      'qwen3.6-35b/deploy/vllm-serve.yaml Service/qwen36-vllm-serve .spec.selector: selector app.kubernetes.io/name=qwen3.6-35b,app.kubernetes.io/component=vllm-srv matches no pod template in this manifest set: the Service would have no endpoints',
    ]);
  });

  it('GPU request != limit, on a container and on a Dynamo component', () => {
    let docs = corrupt(load(...QWEN36), 'Deployment', (d) => {
      d.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu'] = '2';
    });
    docs = corrupt(docs, 'DynamoGraphDeployment', (d) => {
      d.spec.services.VllmWorker.resources.requests.gpu = '2';
    });
    expect(errors(docs)).toEqual([
      'qwen3.6-35b/deploy/vllm-serve.yaml Deployment/qwen36-vllm-serve .spec.template.spec.containers[0].resources.requests["nvidia.com/gpu"]: nvidia.com/gpu request "1" differs from limit "2": GPU requests must equal limits',
      'qwen3.6-35b/deploy/dynamo-fd.yaml DynamoGraphDeployment/qwen36-dynamo-fd .spec.services.VllmWorker.resources.requests.gpu: gpu request "2" differs from limit "1": GPU requests must equal limits',
    ]);
  });

  it('an image with :latest (warning)', () => {
    const docs = corrupt(load('qwen3.6-35b/model-cache/model-download.yaml'), 'Job', (d) => {
      d.spec.template.spec.containers[0].image = 'python:latest';
    });
    const found = validateObjects(docs).filter((v) => v.rule === 'image-pinned');
    expect(found.map(formatViolation)).toEqual([
      'qwen3.6-35b/model-cache/model-download.yaml Job/qwen36-model-download .spec.template.spec.containers[0].image: image "python:latest" uses the mutable tag "latest": pin a version tag or a digest (warning)',
    ]);
  });

  it('a YAML syntax error', () => {
    const file = 'qwen3.6-35b/deploy/vllm-serve.yaml';
    const lines = fs.readFileSync(path.join(UPSTREAM, file), 'utf8').split('\n');
    const at = lines.indexOf('  progressDeadlineSeconds: 1800');
    expect(at).toBeGreaterThan(0);
    lines[at] = '  progressDeadlineSeconds: [1800';
    const parsed = parseManifestText(file, lines.join('\n'));
    expect(parsed.violations.map(formatViolation)).toEqual([
      `${file}:${at + 2}:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
    expect(parsed.docs.map((d) => d.doc.kind)).toEqual(['Service']); // the other document still validates
  });
});

describe('manifest sets are directories', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reports objects of the same kind/name in two files of one directory', () => {
    fs.copyFileSync(path.join(UPSTREAM, 'qwen3-32b/model-cache/model-download.yaml'), path.join(tmp, 'qwen3-32b-download.yaml'));
    fs.copyFileSync(path.join(UPSTREAM, 'qwen3-vl-30b/model-cache/model-download.yaml'), path.join(tmp, 'qwen3-vl-download.yaml'));
    const report = validatePaths([tmp], { displayName: (f) => path.join('dist', path.relative(tmp, f)) });
    expect(report.violations.filter((v) => v.severity === 'error').map(formatViolation)).toEqual([
      'dist/qwen3-vl-download.yaml Job/model-download .metadata.name: duplicate object: Job "model-download" is also defined in dist/qwen3-32b-download.yaml (document 1); both would be applied to the same namespace, the last one wins',
    ]);
  });

  it('resolves references inside a directory only', () => {
    fs.mkdirSync(path.join(tmp, 'prep'));
    fs.mkdirSync(path.join(tmp, 'run'));
    fs.copyFileSync(path.join(UPSTREAM, 'qwen3-32b/model-cache/cache.yaml'), path.join(tmp, 'prep', 'cache.yaml'));
    fs.copyFileSync(path.join(UPSTREAM, 'qwen3-32b/model-cache/model-download.yaml'), path.join(tmp, 'prep', 'download.yaml'));
    fs.copyFileSync(path.join(UPSTREAM, 'qwen3-32b/model-cache/model-download.yaml'), path.join(tmp, 'run', 'download.yaml'));
    const pvcWarnings = validatePaths([tmp]).violations.filter((v) => v.rule === 'pvc-exists');
    expect(pvcWarnings.map((v) => path.relative(tmp, v.file))).toEqual([path.join('run', 'download.yaml')]);
  });
});
