import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseStackConfig } from '../pulumi/stack-config';
import { withConfigurations } from './config-file';

describe('withConfigurations', () => {
  const text = `# my stack
encryptionsalt: v1:abc
config:
  # which
  dynamo-recipes-iac:recipe: qwen36
  dynamo-recipes-iac:hardware: gb200
  dynamo-recipes-iac:namespace: bench
  dynamo-recipes-iac:storageClass: rwx
  dynamo-recipes-iac:hfToken:
    secure: v1:ENCRYPTED
  dynamo-recipes-iac:configurations:
    - vllm-serve
`;

  it('replaces only the configurations, keeping comments, the salt and encrypted values', () => {
    const out = withConfigurations(text, ['dynamo-fd']);
    expect(out).toContain('# my stack');
    expect(out).toContain('  # which');
    expect(out).toContain('encryptionsalt: v1:abc');
    const parsed = parse(out) as { config: Record<string, unknown> };
    expect(parsed.config['dynamo-recipes-iac:configurations']).toEqual(['dynamo-fd']);
    expect(parsed.config['dynamo-recipes-iac:hfToken']).toEqual({ secure: 'v1:ENCRYPTED' });
    expect(parseStackConfig({ stack: 's', values: parsed.config }).configurations).toEqual(['dynamo-fd']);
  });

  it('none: the prep only', () => {
    const parsed = parse(withConfigurations(text, [])) as { config: Record<string, unknown> };
    expect(parsed.config['dynamo-recipes-iac:configurations']).toEqual([]);
  });

  it('adds the key to a stack file without it', () => {
    const parsed = parse(withConfigurations('config:\n  dynamo-recipes-iac:recipe: qwen36\n', ['a', 'b'])) as { config: Record<string, unknown> };
    expect(parsed.config).toEqual({ 'dynamo-recipes-iac:recipe': 'qwen36', 'dynamo-recipes-iac:configurations': ['a', 'b'] });
  });

  it('works on every shipped stack file', () => {
    for (const stack of ['gb200-qwen36', 'h200-qwen3-32b']) {
      const parsed = parse(withConfigurations(readFileSync(`stacks/Pulumi.${stack}.yaml`, 'utf8'), [])) as { config: Record<string, unknown> };
      expect(parseStackConfig({ stack, values: parsed.config }).configurations).toEqual([]);
    }
  });
});
