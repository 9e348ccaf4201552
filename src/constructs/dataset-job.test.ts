import { Testing } from 'cdk8s';
import { DATASET_GENERATOR_FILE, DatasetJob, DatasetJobProps, MAX_GENERATOR_SCRIPT_BYTES } from './dataset-job';
import { bundleDatasetCli } from '../dataset/bundle';
import { DatasetMode } from '../dataset/options';
import { UserError } from '../errors';

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    backoffLimit: number;
    activeDeadlineSeconds: number;
    ttlSecondsAfterFinished?: number;
    template: {
      spec: {
        restartPolicy: string;
        nodeSelector?: Record<string, string>;
        tolerations?: unknown[];
        containers: {
          image: string;
          command: string[];
          resources: unknown;
          securityContext: unknown;
          volumeMounts: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
        }[];
        volumes: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string; defaultMode: number } }[];
      };
    };
  };
}

function synth(props: Partial<DatasetJobProps> = {}): { job: DatasetJob; manifests: Manifest[] } {
  const chart = Testing.chart();
  const job = new DatasetJob(chart, 'Dataset', {
    dataset: { mode: DatasetMode.SLIDING_WINDOW },
    perfCache: { claimName: 'perf-cache' },
    ...props,
  });
  return { job, manifests: Testing.synth(chart) as Manifest[] };
}

function jobOf(manifests: Manifest[]): Manifest {
  return manifests.find((m) => m.kind === 'Job') as Manifest;
}

/** The manifests with the (large, frequently changing) generator script replaced by its size. */
function withoutScript(manifests: Manifest[]): unknown[] {
  return manifests.map((m) =>
    m.kind === 'ConfigMap' ? { ...m, data: { [DATASET_GENERATOR_FILE]: '<bundled src/dataset/cli.ts>' } } : m,
  );
}

describe('DatasetJob', () => {
  test('seed 000: snapshot', () => {
    const { manifests, job } = synth({
      labels: { 'app.kubernetes.io/name': 'qwen36', 'app.kubernetes.io/component': 'dataset' },
      nodeSelector: { 'kubernetes.io/hostname': 'gb200-node-1' },
      tolerations: [{ key: 'kubernetes.io/arch', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }],
    });
    const names = manifests.map((m) => m.metadata.name);
    const stable = JSON.parse(
      JSON.stringify(withoutScript(manifests))
        .split(bundleDatasetCli().sha256).join('<sha256>')
        .split(job.generatorConfigMapName).join('dataset-generator-<hash>'),
    ) as unknown;
    expect(names).toEqual([job.generatorConfigMapName, job.jobName]);
    expect(stable).toMatchSnapshot();
  });

  test('runs the bundled generator with the dataset flags, writing to the PVC idempotently', () => {
    const { job, manifests } = synth();
    expect(job.fileName).toBe('30u_8t_5w_8000word_base64.jsonl');
    expect(job.datasetPath).toBe('/perf-cache/datasets/30u_8t_5w_8000word_base64.jsonl');
    expect(job.jobName).toBe('dataset-30u-8t-5w-8000word-base64');
    expect(job.expectedRows).toBe(240);
    const container = jobOf(manifests).spec?.template.spec.containers[0];
    expect(container?.image).toBe('node:20-slim');
    expect(container?.command).toEqual([
      'node', '/opt/dataset/generate.js', 'sliding-window',
      '--users', '30', '--turns', '8', '--window', '5', '--words', '8000',
      '--width', '2400', '--height', '1080', '--image-format', 'png', '--image-content', 'noise', '--seed', '42',
      '--out', '/perf-cache/datasets', '--skip-existing',
    ]);
  });

  test('mounts the PVC and the generator ConfigMap, read-only', () => {
    const { job, manifests } = synth({ perfCache: { claimName: 'shared-model-cache', subPath: 'qwen36-bench/perf-cache' } });
    const spec = jobOf(manifests).spec?.template.spec;
    expect(spec?.containers[0]?.volumeMounts).toEqual([
      { name: 'shared-model-cache', mountPath: '/perf-cache', subPath: 'qwen36-bench/perf-cache' },
      { name: 'dataset-generator', mountPath: '/opt/dataset', readOnly: true },
    ]);
    expect(spec?.volumes).toEqual([
      { name: 'shared-model-cache', persistentVolumeClaim: { claimName: 'shared-model-cache' } },
      { name: 'dataset-generator', configMap: { name: job.generatorConfigMapName, defaultMode: 0o444 } },
    ]);
    const configMap = manifests.find((m) => m.kind === 'ConfigMap');
    expect(configMap?.data?.[DATASET_GENERATOR_FILE]).toBe(bundleDatasetCli().script);
  });

  test('the generator ConfigMap stays well under the 1 MiB limit', () => {
    const { job, manifests } = synth();
    const configMap = manifests.find((m) => m.kind === 'ConfigMap') as Manifest;
    const bytes = Buffer.byteLength(JSON.stringify(configMap));
    expect(bytes).toBeLessThan(512 * 1024);
    expect(job.generatorBytes).toBeLessThan(MAX_GENERATOR_SCRIPT_BYTES);
  });

  test('defaults: backoff 2, one-hour deadline, no TTL, conservative security context, measured resources', () => {
    const { manifests } = synth();
    const job = jobOf(manifests);
    expect(job.spec?.backoffLimit).toBe(2);
    expect(job.spec?.activeDeadlineSeconds).toBe(3600);
    expect(job.spec && 'ttlSecondsAfterFinished' in job.spec).toBe(false);
    const spec = job.spec?.template.spec;
    expect(spec?.restartPolicy).toBe('Never');
    expect(spec?.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec?.containers[0]?.resources).toEqual({ requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '4Gi' } });
    expect(spec?.nodeSelector).toBeUndefined();
    expect(spec?.tolerations).toBeUndefined();
  });

  test('a custom mount path, name, TTL and image-pool dataset', () => {
    const { job, manifests } = synth({
      name: 'qwen3-vl-dataset',
      ttlSecondsAfterFinished: 600,
      perfCache: { claimName: 'perf-cache', mountPath: '/data' },
      dataset: { mode: DatasetMode.IMAGE_POOL, namePrefix: 'qwen3_vl' },
    });
    expect(job.datasetPath).toBe('/data/datasets/qwen3_vl_1000req_1img_pool200.jsonl');
    const spec = jobOf(manifests).spec;
    expect(spec?.ttlSecondsAfterFinished).toBe(600);
    expect(jobOf(manifests).metadata.name).toBe('qwen3-vl-dataset');
    expect(spec?.template.spec.containers[0]?.command.slice(2, 5)).toEqual(['image-pool', '--requests', '1000']);
    expect(spec?.template.spec.containers[0]?.command.slice(-5)).toEqual(['--name-prefix', 'qwen3_vl', '--out', '/data/datasets', '--skip-existing']);
  });

  test('a trace URL is passed to the pod, not fetched at synth time', () => {
    const url = 'https://raw.githubusercontent.com/kvcache-ai/Mooncake/d21da178bae8db9651cf18a76824c084145fc725/mooncake_trace.jsonl';
    const { job, manifests } = synth({ dataset: { mode: DatasetMode.TRACE, source: url, expectedRows: 23608 } });
    expect(job.datasetPath).toBe('/perf-cache/datasets/mooncake_trace.jsonl');
    expect(job.jobName).toBe('dataset-mooncake-trace');
    expect(jobOf(manifests).spec?.template.spec.containers[0]?.command.slice(2)).toEqual([
      'trace', '--source', url, '--expected-rows', '23608', '--out', '/perf-cache/datasets', '--skip-existing',
    ]);
  });

  test('several DatasetJobs of a chart share one generator ConfigMap', () => {
    const chart = Testing.chart();
    const a = new DatasetJob(chart, 'A', { dataset: { mode: DatasetMode.SLIDING_WINDOW }, perfCache: { claimName: 'c' } });
    const b = new DatasetJob(chart, 'B', { dataset: { mode: DatasetMode.IMAGE_POOL }, perfCache: { claimName: 'c' } });
    const manifests = Testing.synth(chart) as Manifest[];
    expect(manifests.filter((m) => m.kind === 'ConfigMap')).toHaveLength(1);
    expect(manifests.filter((m) => m.kind === 'Job').map((m) => m.metadata.name)).toEqual([a.jobName, b.jobName]);
    expect(a.generatorConfigMapName).toBe(b.generatorConfigMapName);
  });

  test('long dataset names give a hashed DNS-label job name', () => {
    const { job } = synth({ dataset: { mode: DatasetMode.SLIDING_WINDOW, namePrefix: 'a-very-long-prefix-for-a-recipe-that-has-a-lot-to-say', seed: 7 } });
    expect(job.jobName.length).toBeLessThanOrEqual(63);
    expect(job.jobName).toMatch(/^dataset-a-very-long-prefix-.*-[0-9a-f]{8}$/);
  });

  test('invalid props are UserErrors naming the construct and field', () => {
    expect(() => synth({ dataset: { mode: DatasetMode.SLIDING_WINDOW, window: 0 } })).toThrow(
      new UserError('DatasetJob test/Dataset: dataset: window: must be ≥ 1 (got 0)'),
    );
    expect(() => synth({ name: 'Not_A_Label' })).toThrow('DatasetJob test/Dataset: name: must be a DNS label');
    expect(() => synth({ perfCache: { claimName: 'c', mountPath: 'relative' } })).toThrow('perfCache.mountPath: must be an absolute path');
  });
});
