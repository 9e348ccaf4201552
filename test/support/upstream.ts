import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { HardwareProfile, podNodeSelector } from '../../src/hw';
import { K8sObject } from './synth';

/**
 * Reads an upstream manifest from `test/upstream/`, substituting only the named `${VAR}`s as upstream's
 * `envsubst '$VAR ...'` does (so inline scripts keep their own `${...}`).
 */
export function loadUpstream(path: string, vars: Readonly<Record<string, string>> = {}): K8sObject[] {
  let text = readFileSync(join(__dirname, '..', 'upstream', path), 'utf8');
  for (const [name, value] of Object.entries(vars)) text = text.split(`\${${name}}`).join(value);
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject).filter((o) => o !== null);
}

/** The values upstream's `hw/<hw>.env` would provide, taken from our hardware profile. */
export function hardwareVars(hw: HardwareProfile): Record<string, string> {
  return {
    VLLM_IMAGE: hw.image,
    HW_NODE_SELECTOR: JSON.stringify(podNodeSelector(hw)),
    HW_TOLERATIONS: JSON.stringify(hw.tolerations),
  };
}
