import { clone, deployment, md, service } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { labelSyntaxRule } from './label-syntax';

const lines = (docs: Record<string, unknown>[]): string[] => labelSyntaxRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('label-syntax rule', () => {
  it('accepts valid labels', () => {
    expect(lines([deployment(), service()])).toEqual([]);
  });

  it('rejects label values over 63 characters, in metadata and pod templates', () => {
    const d = clone(deployment()) as { metadata: { labels: Record<string, string> } };
    d.metadata.labels['app.kubernetes.io/version'] = 'v'.repeat(64);
    expect(lines([d as unknown as Record<string, unknown>])).toEqual([
      `set/manifests.yaml Deployment/vllm-serve .metadata.labels["app.kubernetes.io/version"]: label value "${'v'.repeat(64)}" is 64 characters; must be at most 63`,
    ]);
  });

  it('checks node selectors (an unfilled hostname placeholder) and Service selectors', () => {
    const d = clone(deployment()) as { spec: { template: { spec: Record<string, unknown> } } };
    d.spec.template.spec.nodeSelector = { 'kubernetes.io/hostname': '<FILL-IN-H100-HOSTNAME>' };
    const s = clone(service()) as { spec: { selector: Record<string, string> } };
    s.spec.selector.app = 'bad value';
    expect(lines([d as unknown as Record<string, unknown>, s as unknown as Record<string, unknown>])).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.nodeSelector["kubernetes.io/hostname"]: label value "<FILL-IN-H100-HOSTNAME>" is invalid: alphanumerics, \'-\', \'_\' or \'.\', starting and ending with an alphanumeric',
      'set/manifests.yaml Service/vllm-serve .spec.selector.app: label value "bad value" is invalid: alphanumerics, \'-\', \'_\' or \'.\', starting and ending with an alphanumeric',
    ]);
  });

  it('ignores annotations', () => {
    const d = clone(deployment()) as { metadata: Record<string, unknown> };
    d.metadata.annotations = { note: 'anything goes here, even spaces' };
    expect(lines([d as unknown as Record<string, unknown>])).toEqual([]);
  });
});
