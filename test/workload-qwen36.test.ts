/**
 * The qwen36 benchmark as seed 000 publishes it: every configuration's perf Job carries the seed's AIPerf
 * flags, and its URL points at the Service that configuration really creates.
 */
import { qwen36 } from '../src/recipes/qwen36';
import { optionMap, shellWords } from './support/shell';
import { K8sObject, objectOf, profile, synthYaml } from './support/synth';

/** The command of seed 000 (`shared/reference/seeds/000_e6ac697d7db0953b.txt`), `<frontend>` left open. */
const SEED_000 = `aiperf profile --model Qwen/Qwen3.6-35B-A3B-FP8 \\
  --input-file /perf-cache/datasets/30u_8t_5w_8000word_base64.jsonl \\
  --custom-dataset-type single_turn \\
  --url http://<frontend>:8000 --streaming \\
  --request-count 240 --concurrency 30 --warmup-request-count 2 \\
  --extra-inputs max_tokens:1024 --extra-inputs min_tokens:1024 \\
  --extra-inputs ignore_eos:true`;

/** `--flag value` pairs of a command line, repeated flags kept (`--extra-inputs` appears three times). */
function pairs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 2; i < words.length; i++) {
    if (words[i + 1] !== undefined && !words[i + 1].startsWith('--')) out.push(`${words[i]} ${words[++i]}`);
    else out.push(words[i]);
  }
  return out.sort();
}

function aiperfLine(job: K8sObject): string[] {
  const script: string = job.spec.template.spec.containers[0].command[2];
  const line = script.replace(/\\\n/g, ' ').split('\n').find((l) => l.startsWith('aiperf profile'))!;
  return shellWords(line, { RUN_DIR: '/perf-cache/artifacts/run' });
}

/** The URL's host must be a Service of the configuration: a Service object, or the `<dgd>-frontend` the operator creates. */
function resolveService(objects: readonly K8sObject[], url: string): { name: string; port: number } | undefined {
  const { hostname, port } = new URL(url);
  for (const o of objects) {
    if (o.kind === 'Service' && o.metadata.name === hostname) {
      const p = o.spec.ports.find((x: K8sObject) => x.port === Number(port));
      if (p) return { name: hostname, port: p.port };
    }
    if (o.kind === 'DynamoGraphDeployment' && `${o.metadata.name}-frontend` === hostname && Number(port) === 8000
      && Object.values(o.spec.services).some((s) => (s as K8sObject).componentType === 'frontend')) {
      return { name: hostname, port: 8000 };
    }
  }
  return undefined;
}

describe.each(['h100', 'gb200'])('qwen36 workload on %s', (hwName) => {
  const files = synthYaml(qwen36, profile(hwName));

  describe.each(qwen36.configurations.map((c) => c.name))('%s', (config) => {
    const objects = files.get(`${hwName}/qwen36/${config}.k8s.yaml`)!.objects;
    const job = objectOf(objects, 'Job');
    const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: K8sObject) => [e.name, e.value]));

    it('runs exactly the seed 000 AIPerf flags (plus artifact dir, endpoint type and headless UI)', () => {
      const words = aiperfLine(job);
      const seed = shellWords(SEED_000.replace(/\\\n/g, ' ').replace('<frontend>', new URL(env.FRONTEND_URL).hostname), {});
      expect(pairs(words)).toEqual(pairs([...seed, '--artifact-dir', '/perf-cache/artifacts/run', '--endpoint-type', 'chat', '--ui-type', 'none']));
      expect(optionMap(words, 2)['--url']).toBe(env.FRONTEND_URL);
    });

    it('points at the Service this configuration creates', () => {
      expect(resolveService(objects, env.FRONTEND_URL)).toEqual({ name: new URL(env.FRONTEND_URL).hostname, port: 8000 });
    });

    it('writes its artefacts under artifacts/qwen36/<hw>/<config>', () => {
      expect(env.ARTIFACT_BASE).toBe(`/perf-cache/artifacts/qwen36/${hwName}/${config}`);
      expect(JSON.parse(env.RUN_METADATA)).toMatchObject({ recipe: 'qwen36', hardware: hwName, configuration: config, baseline: 'vllm-serve' });
    });
  });

  it('the configurations do not share an endpoint', () => {
    const urls = qwen36.configurations.map((c) => {
      const job = objectOf(files.get(`${hwName}/qwen36/${c.name}.k8s.yaml`)!.objects, 'Job');
      return job.spec.template.spec.containers[0].env.find((e: K8sObject) => e.name === 'FRONTEND_URL').value;
    });
    expect(new Set(urls).size).toBe(urls.length);
  });
});
