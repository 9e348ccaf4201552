/**
 * Field-by-field comparison of our qwen36 output with upstream recipes/qwen3.6-35b, after filling upstream's
 * placeholders with our hardware profile's values (as its `envsubst` of hw/<hw>.env would).
 *
 * Compared: names, images, pull policy, working dir, the command each server really runs (as an
 * order-insensitive option map, after shell parsing and env expansion), env, resources, mounts, volumes,
 * capabilities, node selector, tolerations, component types, replicas, probes, strategy.
 * Not compared, on purpose: labels (ours name the project and comparison, not the upstream recipe folder).
 */
import { qwen36 } from '../src/recipes/qwen36';
import { envMap } from './support/shell';
import { K8sObject, objectOf, profile, synthYaml } from './support/synth';
import { commandFacts, hardwareVars, loadUpstream, programOf, serviceFacts } from './support/upstream';

/** `null`, `[]` and absence mean the same in these fields. */
const orEmpty = <T>(v: T[] | null | undefined): T[] => v ?? [];

describe.each(['h100', 'gb200'])('qwen36 on %s matches upstream recipes/qwen3.6-35b', (hwName) => {
  const hw = profile(hwName);
  const ours = synthYaml(qwen36, hw);
  const vars = hardwareVars(hw);
  const file = (name: string) => ours.get(`${hwName}/qwen36/${name}`)!.objects;

  describe.each([
    ['dynamo-fd-ec', 'deploy/dynamo-fd-ec.yaml'],
    ['dynamo-fd', 'deploy/dynamo-fd.yaml'],
  ])('%s DynamoGraphDeployment', (config, upstreamFile) => {
    const upstream = objectOf(loadUpstream(`qwen3.6-35b/${upstreamFile}`, vars), 'DynamoGraphDeployment');
    const dgd = objectOf(file(`${config}.k8s.yaml`), 'DynamoGraphDeployment');

    it('has the same name, API version and PVC list', () => {
      expect(dgd.apiVersion).toBe(upstream.apiVersion);
      expect(dgd.metadata.name).toBe(upstream.metadata.name);
      expect(dgd.spec.pvcs).toEqual(upstream.spec.pvcs);
      expect(Object.keys(dgd.spec.services).sort()).toEqual(Object.keys(upstream.spec.services).sort());
    });

    it.each(['Frontend', 'VllmWorker'])('service %s: same images, command, env, resources, mounts, placement', (service) => {
      const program = programOf(upstream.spec.services[service]);
      expect(serviceFacts(dgd.spec.services[service], program)).toEqual(serviceFacts(upstream.spec.services[service], program));
    });
  });

  describe('vllm-serve Deployment and Service', () => {
    const upstream = loadUpstream('qwen3.6-35b/deploy/vllm-serve.yaml', vars);
    const objects = file('vllm-serve.k8s.yaml');
    const [up, ourDeploy] = [objectOf(upstream, 'Deployment'), objectOf(objects, 'Deployment')];

    it('has the same names, replicas, strategy and rollout deadline', () => {
      expect(ourDeploy.metadata.name).toBe(up.metadata.name);
      expect(objectOf(objects, 'Service').metadata.name).toBe(objectOf(upstream, 'Service').metadata.name);
      for (const field of ['replicas', 'strategy', 'progressDeadlineSeconds'] as const) {
        expect(ourDeploy.spec[field]).toEqual(up.spec[field]);
      }
    });

    it('has the same pod: placement, security context, volumes', () => {
      const [a, b] = [ourDeploy.spec.template.spec, up.spec.template.spec];
      expect(a.nodeSelector ?? {}).toEqual(b.nodeSelector ?? {});
      expect(orEmpty(a.tolerations)).toEqual(orEmpty(b.tolerations));
      expect(a.securityContext).toEqual(b.securityContext);
      expect(a.restartPolicy).toEqual(b.restartPolicy);
      expect(a.volumes).toEqual(b.volumes);
    });

    it('has the same container: image, command, env, ports, probe, resources, capabilities, mounts', () => {
      const facts = (c: K8sObject) => {
        const env = envMap(c.env);
        return {
          name: c.name,
          image: c.image,
          imagePullPolicy: c.imagePullPolicy,
          workingDir: c.workingDir,
          command: commandFacts(c, 'vllm serve', env),
          env,
          ports: c.ports,
          readinessProbe: c.readinessProbe,
          resources: c.resources,
          securityContext: c.securityContext,
          volumeMounts: c.volumeMounts.map(({ name, mountPath, subPath }: K8sObject) => ({ name, mountPath, subPath })),
        };
      };
      expect(facts(ourDeploy.spec.template.spec.containers[0])).toEqual(facts(up.spec.template.spec.containers[0]));
    });

    it('has a Service on the same port whose selector picks the Deployment\'s pods', () => {
      const [svc, upSvc] = [objectOf(objects, 'Service'), objectOf(upstream, 'Service')];
      expect(svc.spec.type).toBe(upSvc.spec.type);
      expect(svc.spec.ports).toEqual(upSvc.spec.ports);
      const podLabels = ourDeploy.spec.template.metadata.labels;
      for (const [k, v] of Object.entries(svc.spec.selector)) expect(podLabels[k]).toBe(v);
    });
  });

  describe('model download Job', () => {
    const up = objectOf(loadUpstream('qwen3.6-35b/model-cache/model-download.yaml'), 'Job');
    const job = objectOf(file('prep.k8s.yaml'), 'Job', 'qwen36-model-download');

    it('has the same name, retries, image, env, resources, security context and mount', () => {
      expect(job.metadata.name).toBe(up.metadata.name);
      for (const field of ['backoffLimit', 'completions', 'parallelism'] as const) expect(job.spec[field]).toBe(up.spec[field]);
      const [c, u] = [job.spec.template.spec.containers[0], up.spec.template.spec.containers[0]];
      for (const field of ['name', 'image', 'command', 'args', 'resources', 'securityContext', 'volumeMounts'] as const) {
        expect(c[field]).toEqual(u[field]);
      }
      expect(envMap(c.env)).toEqual(envMap(u.env));
      expect(job.spec.template.spec.volumes).toEqual(up.spec.template.spec.volumes);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
    });
  });
});
