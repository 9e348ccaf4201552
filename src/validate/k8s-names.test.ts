import { checkLabelKey, checkLabelValue, checkName, NameSyntax } from './k8s-names';

describe('checkName', () => {
  it('accepts valid names', () => {
    expect(checkName('qwen36-vllm-serve', NameSyntax.DNS1035_LABEL)).toBeUndefined();
    expect(checkName('a.b-c.d', NameSyntax.DNS1123_SUBDOMAIN)).toBeUndefined();
    expect(checkName('1abc', NameSyntax.DNS1123_LABEL)).toBeUndefined();
  });

  it('rejects bad characters and says which syntax', () => {
    expect(checkName('My_App', NameSyntax.DNS1123_SUBDOMAIN)).toMatch(/^"My_App" is not a valid DNS-1123 subdomain/);
    expect(checkName('1abc', NameSyntax.DNS1035_LABEL)).toMatch(/not a valid DNS-1035 label .*starting with a letter/);
    expect(checkName('a.b', NameSyntax.DNS1123_LABEL)).toMatch(/not a valid DNS-1123 label/);
    expect(checkName('', NameSyntax.DNS1123_LABEL)).toBe('must not be empty');
  });

  it('enforces 63 for labels, 253 for subdomains, and tighter limits when given', () => {
    expect(checkName('a'.repeat(63), NameSyntax.DNS1123_LABEL)).toBeUndefined();
    expect(checkName('a'.repeat(64), NameSyntax.DNS1123_LABEL)).toBe(`"${'a'.repeat(64)}" is 64 characters; must be at most 63 (DNS-1123 label)`);
    expect(checkName('a'.repeat(253), NameSyntax.DNS1123_SUBDOMAIN)).toBeUndefined();
    expect(checkName('a'.repeat(254), NameSyntax.DNS1123_SUBDOMAIN)).toMatch(/254 characters; must be at most 253/);
    expect(checkName('a'.repeat(53), NameSyntax.DNS1123_SUBDOMAIN, 52)).toMatch(/53 characters; must be at most 52/);
  });
});

describe('labels', () => {
  it('accepts prefixed keys and empty values', () => {
    expect(checkLabelKey('app.kubernetes.io/name')).toBeUndefined();
    expect(checkLabelValue('')).toBeUndefined();
    expect(checkLabelValue('qwen3.6-35b')).toBeUndefined();
  });

  it('rejects values over 63 characters and bad characters', () => {
    expect(checkLabelValue('v'.repeat(64))).toMatch(/is 64 characters; must be at most 63/);
    expect(checkLabelValue('<FILL-IN-H100-HOSTNAME>')).toMatch(/label value "<FILL-IN-H100-HOSTNAME>" is invalid/);
    expect(checkLabelKey('Bad_Prefix/x')).toMatch(/prefix .* not a valid DNS-1123 subdomain/);
    expect(checkLabelKey(`a/${'n'.repeat(64)}`)).toMatch(/name part is 64 characters/);
  });
});
