/**
 * Small manifest builders for the validator's unit tests: valid objects that one test at a time corrupts.
 */
import type { ManifestDoc } from '../manifest-doc';

/** Wraps an object as a document of a file. */
export function md(doc: Record<string, unknown>, file = 'set/manifests.yaml', index = 0): ManifestDoc {
  return { file, doc, index };
}

/** A valid GPU Deployment `name` with pod labels `app: <name>`, serving on 8000. */
export function deployment(name = 'vllm-serve'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'vllm',
              image: 'vllm/vllm-openai:v0.11.0',
              ports: [{ containerPort: 8000 }],
              resources: { requests: { cpu: '8', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } },
              volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
            },
          ],
          volumes: [{ name: 'cache', persistentVolumeClaim: { claimName: 'model-cache' } }],
        },
      },
    },
  };
}

/** A ClusterIP Service `name` selecting `app: <selectorApp>` on port 8000. */
export function service(name = 'vllm-serve', selectorApp = name): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: selectorApp }, ports: [{ name: 'http', port: 8000, targetPort: 8000 }] },
  };
}

/** A PVC `name`. */
export function pvc(name = 'model-cache'): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '100Gi' } } },
  };
}

/** A Job `name` whose container gets `env TARGET_URL=<url>`. */
export function job(name = 'perf', url = 'http://vllm-serve:8000'): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'aiperf',
              image: 'python:3.11',
              env: [{ name: 'TARGET_URL', value: url }],
              args: ['aiperf profile --url "$TARGET_URL"'],
              resources: { requests: { cpu: '4' } },
            },
          ],
        },
      },
    },
  };
}

/** A valid v1alpha1 DynamoGraphDeployment `name`: a Frontend and a 1-GPU VllmWorker mounting PVC `model-cache`. */
export function dgd(name = 'agg'): Record<string, unknown> {
  return {
    apiVersion: 'nvidia.com/v1alpha1',
    kind: 'DynamoGraphDeployment',
    metadata: { name },
    spec: {
      pvcs: [{ name: 'model-cache', create: false }],
      services: {
        Frontend: {
          componentType: 'frontend',
          replicas: 1,
          resources: { requests: { cpu: '4' }, limits: { cpu: '8' } },
          extraPodSpec: { mainContainer: { image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0' } },
        },
        VllmWorker: {
          componentType: 'worker',
          replicas: 1,
          resources: { requests: { gpu: '1' }, limits: { gpu: '1' } },
          volumeMounts: [{ name: 'model-cache', mountPoint: '/home/dynamo/.cache/huggingface' }],
          extraPodSpec: {
            mainContainer: { image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.0', command: ['python3', '-m', 'dynamo.vllm'] },
          },
        },
      },
    },
  };
}

/** A deep copy, to corrupt one field of a builder's output. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
