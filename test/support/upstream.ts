import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { HardwareProfile, podNodeSelector } from '../../src/hw';
import { effectiveCommand, envMap, optionMap } from './shell';
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

/** Fields of a DGD service that {@link serviceFacts} can leave out (images and placement come from the profile). */
export type ServiceFact = 'image' | 'placement';

/** A command line as `{program, positional, options}`; JSON option values compare as JSON, `python` as `python3`. */
export function commandFacts(container: K8sObject, program: string, env: Record<string, string>) {
  const words = effectiveCommand(container, program, env).map((w, i) => (i === 0 && w === 'python' ? 'python3' : w));
  const programWords = program.split(' ').length;
  let first = programWords;
  while (first < words.length && !words[first].startsWith('--')) first++;
  const options = Object.fromEntries(Object.entries(optionMap(words, first)).map(([k, v]) => {
    if (typeof v === 'string' && /^[[{]/.test(v)) return [k, JSON.parse(v) as unknown];
    return [k, v];
  }));
  return { program: words.slice(0, programWords).join(' '), positional: words.slice(programWords, first), options };
}

/**
 * The parts of a DGD service both sides must agree on: component types, replicas, resources, env (service and
 * container), secrets, command (option map), security context, pod metadata, mounts; and, unless ignored,
 * image and placement.
 */
export function serviceFacts(svc: K8sObject, program: string, ignore: readonly ServiceFact[] = []) {
  const main = svc.extraPodSpec?.mainContainer ?? {};
  const env = envMap(main.env);
  return {
    componentType: svc.componentType,
    subComponentType: svc.subComponentType ?? null,
    replicas: svc.replicas,
    resources: svc.resources,
    envs: envMap(svc.envs),
    env,
    envFromSecret: svc.envFromSecret ?? null,
    extraPodMetadata: svc.extraPodMetadata ?? null,
    workingDir: main.workingDir,
    securityContext: main.securityContext ?? null,
    volumeMounts: svc.volumeMounts ?? [],
    command: main.command || main.args ? commandFacts(main, program, env) : null,
    ...(ignore.includes('image') ? {} : { image: main.image, imagePullPolicy: main.imagePullPolicy ?? 'IfNotPresent' }),
    ...(ignore.includes('placement') ? {} : { nodeSelector: svc.extraPodSpec?.nodeSelector ?? {}, tolerations: svc.extraPodSpec?.tolerations ?? [] }),
  };
}

/** The program a DGD service runs, by component type. */
export function programOf(svc: K8sObject): string {
  return svc.componentType === 'frontend' ? 'python3 -m dynamo.frontend' : 'python3 -m dynamo.vllm';
}
