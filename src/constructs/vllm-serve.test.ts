import { Testing } from 'cdk8s';
import { testProfile } from '../../test/support/profiles';
import { QWEN3_32B } from '../models';
import { VllmServe, VllmServeProps } from './vllm-serve';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

function synth(props: Partial<VllmServeProps> = {}): { deploy: Obj; service: Obj } {
  const chart = Testing.chart();
  new VllmServe(chart, 'S', {
    name: 'baseline', model: QWEN3_32B, hardware: testProfile(), caches: { model: { claimName: 'model-cache' } },
    labels: { app: 'x' }, ...props,
  });
  const objects = Testing.synth(chart);
  return { deploy: objects.find((o) => o.kind === 'Deployment'), service: objects.find((o) => o.kind === 'Service') };
}

describe('VllmServe', () => {
  it('is a Recreate Deployment with GPU requests equal to limits and a /v1/models readiness probe', () => {
    const { deploy } = synth({ tensorParallel: 4, replicas: 4 });
    expect(deploy.spec.replicas).toBe(4);
    expect(deploy.spec.strategy).toEqual({ type: 'Recreate' });
    const c = deploy.spec.template.spec.containers[0];
    expect(c.resources.requests['nvidia.com/gpu']).toBe('4');
    expect(c.resources.limits['nvidia.com/gpu']).toBe('4');
    expect(c.readinessProbe.httpGet).toEqual({ path: '/v1/models', port: 8000 });
    expect(c.command).toEqual(['vllm', 'serve', 'Qwen/Qwen3-32B', '--host', '0.0.0.0', '--port', '8000', '--tensor-parallel-size', '4']);
  });

  it('avoids the cdk8s-plus defaults that break GPU pods', () => {
    const { deploy } = synth();
    const pod = deploy.spec.template.spec;
    const c = pod.containers[0];
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.startupProbe).toBeUndefined();
    expect(c.securityContext).toBeUndefined();
    expect(pod.securityContext).toEqual({ runAsUser: 0 });
    expect(pod.securityContext.fsGroupChangePolicy).toBeUndefined();
  });

  it('mounts an in-memory /dev/shm of the requested size', () => {
    const { deploy } = synth();
    expect(deploy.spec.template.spec.volumes).toContainEqual({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '40Gi' } });
    expect(deploy.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
  });

  it('serves on a ClusterIP Service on 8000 whose selector picks its pods', () => {
    const { deploy, service } = synth();
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8000, protocol: 'TCP' }]);
    expect(service.spec.selector).toEqual(deploy.spec.template.metadata.labels);
  });

  it('requests the RDMA resource of the profile', () => {
    const { deploy } = synth({ hardware: testProfile({ rdma: { resource: 'rdma/ib', count: 2 } }) });
    expect(deploy.spec.template.spec.containers[0].resources.limits['rdma/ib']).toBe('2');
  });
});
