import { isMap, parseDocument } from 'yaml';
import { PULUMI_PROJECT } from '../pulumi/stack-config';

/**
 * The text of a stack file with `<project>:configurations` set to `configurations`, everything else kept as it
 * is (comments, encrypted secrets, the encryption salt), for `pulumi up --config-file`: the runner deploys one
 * configuration at a time without editing the user's stack file.
 * @throws Error when the text has no `config:` mapping (the stack file was validated before)
 */
export function withConfigurations(stackFileText: string, configurations: readonly string[]): string {
  const doc = parseDocument(stackFileText);
  const config = doc.get('config');
  if (!isMap(config)) throw new Error('withConfigurations: the stack file has no config: mapping');
  const key = `${PULUMI_PROJECT}:configurations`;
  // A bare key is the same key to Pulumi: keep one.
  config.delete('configurations');
  const list = doc.createNode([...configurations]);
  list.flow = configurations.length === 0;
  config.set(key, list);
  return doc.toString();
}
