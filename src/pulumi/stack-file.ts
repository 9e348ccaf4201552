import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors';
import { parseYamlText } from '../util/yaml-file';
import { projectRoot } from '../util/project-root';
import { RawStackConfig, STACK_CONFIG_DIR, stackFilePath } from './stack-config';

const STACK_FILE = /^Pulumi\.([a-z0-9][-a-z0-9_.]*)\.yaml$/;

/** Names of the stacks that have a stack file in `stacks/`, sorted. */
export function listStacks(root: string = projectRoot()): string[] {
  return readdirSync(join(root, STACK_CONFIG_DIR))
    .map((f) => STACK_FILE.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/**
 * Reads `stacks/Pulumi.<stack>.yaml` as Pulumi would hand it to the program: its `config:` values by full key.
 * Encrypted values stay `{ secure: ... }` (they count as secrets; the file cannot be decrypted without the CLI).
 * @throws UserError when the file is missing, is not YAML, or has no `config:` mapping
 */
export function readStackFile(stack: string, root: string = projectRoot()): RawStackConfig {
  const where = stackFilePath(stack);
  let text: string;
  try {
    text = readFileSync(join(root, where), 'utf8');
  } catch (e) {
    const known = listStacks(root);
    throw new UserError(`${where}: cannot read the stack file (${(e as NodeJS.ErrnoException).code ?? String(e)}); stacks: ${known.join(', ') || 'none'}`);
  }
  const doc = parseYamlText(text, where, 'a Pulumi stack file with a config: mapping');
  const config = (doc as { config?: unknown }).config;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new UserError(`${where}: config: is required (a mapping of ${'<project>:<key>'} to values)`);
  }
  return { stack, values: config as Record<string, unknown> };
}
