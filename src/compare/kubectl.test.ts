import { loadProfiles } from '../hw';
import { findComparison } from '../recipes';
import { buildComparison } from '../synth/build';
import { renderComparison } from '../synth/render';
import { fetchPodManifest, kubectlArgs } from './kubectl';

describe('fetchPodManifest', () => {
  it('mounts what the perf Job mounts, read-only, where it runs, from its image', () => {
    const gb200 = loadProfiles('hw-profiles').find((p) => p.name === 'gb200')!;
    const build = buildComparison(findComparison('qwen36')!, { ...gb200, hostname: 'tray-3' }, { configurations: ['dynamo-fd'] });
    const job = renderComparison(build).flatMap((f) => f.objects).find((o) => (o.metadata as { name: string }).name === 'qwen36-dynamo-fd-perf')!;
    expect(fetchPodManifest(job)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'qwen36-dynamo-fd-perf-fetch',
        labels: { 'app.kubernetes.io/name': 'qwen36', 'app.kubernetes.io/component': 'artifact-fetch', 'app.kubernetes.io/managed-by': 'dynamo-recipes-iac' },
      },
      spec: {
        restartPolicy: 'Never',
        activeDeadlineSeconds: 3600,
        terminationGracePeriodSeconds: 1,
        nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-GB200', 'kubernetes.io/hostname': 'tray-3' },
        tolerations: [{ key: 'kubernetes.io/arch', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }],
        volumes: [{ name: 'shared-model-cache', persistentVolumeClaim: { claimName: 'shared-model-cache' } }],
        containers: [{
          name: 'fetch',
          image: 'python:3.11',
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', '3600'],
          volumeMounts: [{ name: 'shared-model-cache', mountPath: '/perf-cache', subPath: 'qwen36-bench/perf-cache', readOnly: true }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
        }],
      },
    });
  });
});

describe('kubectlArgs', () => {
  it('namespace always, context when the stack names one', () => {
    expect(kubectlArgs({ namespace: 'bench' }, ['get', 'pods'])).toEqual(['--namespace', 'bench', 'get', 'pods']);
    expect(kubectlArgs({ namespace: 'bench', context: 'lab' }, ['get', 'pods'])).toEqual(['--context', 'lab', '--namespace', 'bench', 'get', 'pods']);
  });
});
