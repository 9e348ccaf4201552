/** Safety defaults of everything synth writes: no secret values, bounded Jobs, requests on every pod, pinned images. */
import { loadProfiles } from '../src/hw';
import { COMPARISONS } from '../src/recipes';
import { ManifestObject } from '../src/synth/render';
import { synthesize } from '../src/synth/synthesize';
import { toYaml } from '../src/synth/write';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const CANARY = 'hf_canary_0123456789abcdefSECRET';
const before = process.env.HF_TOKEN;
process.env.HF_TOKEN = CANARY;
const result = synthesize(COMPARISONS, loadProfiles('hw-profiles'));
process.env.HF_TOKEN = before;
const objects: Obj[] = result.files.flatMap((f) => f.objects as ManifestObject[]);

/** Every container spec of an object (pod templates and DGD main containers). */
function containers(o: Obj): Obj[] {
  if (o.kind === 'DynamoGraphDeployment') return Object.values(o.spec.services as Record<string, Obj>).map((s) => s.extraPodSpec?.mainContainer ?? {});
  return o.spec?.template?.spec?.containers ?? [];
}

describe('safety defaults', () => {
  it('never writes a secret value: tokens come from existing Secrets by reference', () => {
    const yaml = result.files.map(toYaml).join('\n');
    expect(yaml).not.toContain(CANARY);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const c of objects.flatMap(containers)) {
      for (const e of c.env ?? []) {
        if (/TOKEN|SECRET|PASSWORD|KEY$/.test(e.name)) expect(e.value).toBeUndefined();
      }
    }
    const secretRefs = objects.flatMap(containers).flatMap((c) => (c.envFrom ?? []).map((r: Obj) => r.secretRef?.name));
    expect(new Set(secretRefs)).toEqual(new Set(['hf-token-secret']));
  });

  it('bounds every Job: retries, a deadline, and no TTL so completion stays observable', () => {
    const jobs = objects.filter((o) => o.kind === 'Job');
    expect(jobs.length).toBeGreaterThan(0);
    for (const j of jobs) {
      expect(typeof j.spec.backoffLimit).toBe('number');
      expect(j.spec.activeDeadlineSeconds).toBeGreaterThan(0);
      expect(j.spec.ttlSecondsAfterFinished).toBeUndefined();
      expect(j.spec.template.spec.restartPolicy).toBe('Never');
    }
  });

  it('gives every pod resource requests and GPU requests equal to limits', () => {
    for (const o of objects.filter((x) => x.kind === 'Job' || x.kind === 'Deployment')) {
      for (const c of containers(o)) {
        expect(Object.keys(c.resources?.requests ?? {})).not.toHaveLength(0);
        expect(c.resources.requests['nvidia.com/gpu']).toBe(c.resources.limits?.['nvidia.com/gpu']);
      }
    }
    for (const o of objects.filter((x) => x.kind === 'DynamoGraphDeployment')) {
      for (const s of Object.values(o.spec.services as Record<string, Obj>)) expect(s.resources.requests.gpu).toBe(s.resources.limits?.gpu);
    }
  });

  it('pins every image to a tag (never latest)', () => {
    for (const c of objects.flatMap(containers)) expect(c.image).toMatch(/^[^:@\s]+(:(?!latest$)[\w.-]+|@sha256:[a-f0-9]{64})$/);
  });

  it('keeps the caches in the prep file only, so deleting a configuration never deletes them', () => {
    for (const f of result.files) {
      const pvcs = f.objects.filter((o) => o.kind === 'PersistentVolumeClaim');
      if (!f.path.endsWith('/prep.k8s.yaml')) expect(pvcs).toEqual([]);
      else expect(pvcs.length).toBeGreaterThan(0);
    }
  });
});
