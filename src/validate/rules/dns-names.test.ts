import { clone, deployment, job, md, service } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { dnsNamesRule } from './dns-names';

const lines = (docs: Record<string, unknown>[]): string[] => dnsNamesRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('dns-name rule', () => {
  it('accepts valid names', () => {
    expect(lines([deployment(), service(), job()])).toEqual([]);
  });

  it('allows 253 characters for most kinds but 63 for Services', () => {
    const long = `a${'-b'.repeat(40)}`; // 81 characters
    expect(lines([deployment(long)])).toEqual([]);
    expect(lines([service(long)])).toEqual([
      `set/manifests.yaml Service/${long} .metadata.name: "${long}" is 81 characters; must be at most 63 (DNS-1035 label): Service names are DNS labels`,
    ]);
  });

  it('limits Job names to 63 characters (job-name label)', () => {
    const name = 'j'.repeat(64);
    expect(lines([job(name)])).toEqual([
      `set/manifests.yaml Job/${name} .metadata.name: "${name}" is 64 characters; must be at most 63 (DNS-1123 subdomain): the Job name is copied into the job-name label of its pods`,
    ]);
  });

  it('rejects uppercase and underscores, and a missing name', () => {
    const bad = clone(deployment());
    (bad.metadata as Record<string, unknown>).name = 'Qwen_Serve';
    const unnamed = clone(service());
    delete (unnamed.metadata as Record<string, unknown>).name;
    expect(lines([bad, unnamed])).toEqual([
      expect.stringContaining('Deployment/Qwen_Serve .metadata.name: "Qwen_Serve" is not a valid DNS-1123 subdomain'),
      'set/manifests.yaml Service/<unnamed> .metadata.name: required field is missing (kubectl apply needs a name)',
    ]);
  });

  it('checks metadata.namespace as a DNS-1123 label', () => {
    const d = clone(deployment());
    (d.metadata as Record<string, unknown>).namespace = 'Bench';
    expect(lines([d])).toEqual([expect.stringContaining('.metadata.namespace: "Bench" is not a valid DNS-1123 label')]);
  });
});
