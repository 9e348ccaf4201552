import { clone, dgd, md } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { dgdDerivedNamesRule } from './dgd-derived-names';

const lines = (docs: Record<string, unknown>[]): string[] => dgdDerivedNamesRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('dgd-derived-name rule', () => {
  it('accepts a graph whose derived names fit', () => {
    expect(lines([dgd('qwen36-dynamo-fd-ec')])).toEqual([]);
  });

  it('reports the <dgd>-frontend Service and <dgd>-<component> names over 63 characters', () => {
    const name = 'q'.repeat(70);
    expect(lines([dgd(name)])).toEqual([
      `set/manifests.yaml DynamoGraphDeployment/${name} .metadata.name: derived frontend Service name (<dgd>-frontend): "${name}-frontend" is 79 characters; must be at most 63 (DNS-1035 label)`,
      `set/manifests.yaml DynamoGraphDeployment/${name} .spec.services.VllmWorker: derived name of component VllmWorker (<dgd>-<component lowercased>): "${name}-vllmworker" is 81 characters; must be at most 63 (DNS-1123 label)`,
    ]);
  });

  it('catches a name that fits alone but not with the longest component', () => {
    const name = 'n'.repeat(53); // 53 + "-frontend" = 62, 53 + "-vllmworker" = 64
    expect(lines([dgd(name)])).toEqual([expect.stringContaining(`"${name}-vllmworker" is 64 characters`)]);
  });

  it('rejects component names that do not lowercase into a DNS label', () => {
    const g = clone(dgd()) as { spec: { services: Record<string, unknown> } };
    g.spec.services.Vllm_Worker = g.spec.services.VllmWorker;
    delete g.spec.services.VllmWorker;
    expect(lines([g as unknown as Record<string, unknown>])).toEqual([
      expect.stringContaining('.spec.services.Vllm_Worker: derived name of component Vllm_Worker (<dgd>-<component lowercased>): "agg-vllm_worker" is not a valid DNS-1123 label'),
    ]);
  });
});
