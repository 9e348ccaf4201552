import { spawnSync } from 'node:child_process';
import { Testing } from 'cdk8s';
import { optionMap, shellWords } from '../../test/support/shell';
import { PerfJob, PerfJobProps, perfPoints } from './perf-job';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const base: PerfJobProps = {
  name: 'p',
  model: 'Qwen/Qwen3-32B',
  url: 'http://agg-8xtp2-frontend:8000',
  input: { kind: 'mooncake-trace', path: '/perf-cache/traces/conversation_trace.jsonl' },
  load: { kind: 'replay' },
  perfCache: { claimName: 'perf-cache' },
  artifactDir: 'artifacts/r/h200/agg',
  metadata: { recipe: 'r', hardware: 'h200', configuration: 'agg', baseline: 'agg', manifestSha256: 'a'.repeat(64), model: 'Qwen/Qwen3-32B', goodput: null, sweep: null },
};

function synth(props: Partial<PerfJobProps> = {}): { job: Obj; construct: PerfJob } {
  const chart = Testing.chart();
  const construct = new PerfJob(chart, 'P', { ...base, ...props });
  return { job: Testing.synth(chart)[0], construct };
}

/** Every `aiperf profile` command of the script, as option maps (shell-parsed). */
function aiperfCommands(script: string): Record<string, string | true>[] {
  return script.replace(/\\\n/g, ' ').split('\n').filter((l) => l.startsWith('aiperf profile'))
    .map((l) => optionMap(shellWords(l, { RUN_DIR: '/run' }), 2));
}

describe('PerfJob', () => {
  it('is a Job that runs once, with a deadline, on the perf cache', () => {
    const { job } = synth();
    expect(job.kind).toBe('Job');
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 43200, completions: 1 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'perf-cache', mountPath: '/perf-cache' }]);
    expect(job.spec.template.spec.containers[0].image).toBe('python:3.11');
  });

  it('pins AIPerf, waits (bounded) for the model, then profiles', () => {
    const { job, construct } = synth({ readyTimeoutSeconds: 900 });
    const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: Obj) => [e.name, e.value]));
    expect(env).toMatchObject({ AIPERF_VERSION: '0.12.0', MODEL_NAME: 'Qwen/Qwen3-32B', FRONTEND_URL: 'http://agg-8xtp2-frontend:8000', READY_TIMEOUT_SECONDS: '900' });
    const s = construct.script;
    expect(s).toContain('pip install --no-cache-dir --quiet "aiperf==$AIPERF_VERSION"');
    expect(s.indexOf('/v1/models')).toBeLessThan(s.indexOf('aiperf profile'));
    expect(s).toContain('sys.exit(1)');
  });

  it('trace replay: the seed 003 flags, fixed schedule and goodput', () => {
    const { construct } = synth({ goodput: { timeToFirstTokenMs: 2000, interTokenLatencyMs: 25 } });
    expect(aiperfCommands(construct.script)).toEqual([{
      '--artifact-dir': '/run',
      '--model': 'Qwen/Qwen3-32B',
      '--input-file': '/perf-cache/traces/conversation_trace.jsonl',
      '--custom-dataset-type': 'mooncake_trace',
      '--fixed-schedule': true,
      '--endpoint-type': 'chat',
      '--url': 'http://agg-8xtp2-frontend:8000',
      '--streaming': true,
      '--ui-type': 'none',
      '--goodput': 'time_to_first_token:2000 inter_token_latency:25',
    }]);
  });

  it('single run over a dataset: the seed 000 flags', () => {
    const { construct } = synth({
      input: { kind: 'single-turn', path: '/perf-cache/datasets/d.jsonl' },
      load: { kind: 'single', requestCount: 240, concurrency: 30, warmupRequestCount: 2, output: { tokens: 1024 } },
    });
    const [cmd] = aiperfCommands(construct.script);
    expect(cmd).toMatchObject({
      '--input-file': '/perf-cache/datasets/d.jsonl', '--custom-dataset-type': 'single_turn', '--streaming': true,
      '--request-count': '240', '--concurrency': '30', '--warmup-request-count': '2',
    });
    // Repeated --extra-inputs collapse in a map: check them on the raw script.
    expect(construct.script).toMatch(/--extra-inputs max_tokens:1024 \\\n {2}--extra-inputs min_tokens:1024 \\\n {2}--extra-inputs ignore_eos:true/);
  });

  describe('sweep', () => {
    const load = { kind: 'sweep' as const, concurrency: [1, 8, 32], islOsl: [[3000, 150], [1000, 1000]] as const };

    it('expands to concurrency × ISL:OSL points, ISL:OSL-major, each in its own directory', () => {
      expect(perfPoints(load).map((p) => [p.subdirectory, p.requestCount])).toEqual([
        ['isl3000-osl150/c1', 100], ['isl3000-osl150/c8', 100], ['isl3000-osl150/c32', 320],
        ['isl1000-osl1000/c1', 100], ['isl1000-osl1000/c8', 100], ['isl1000-osl1000/c32', 320],
      ]);
    });

    it('is one Job that runs the points in order with synthetic lengths', () => {
      const { construct } = synth({ input: { kind: 'synthetic' }, load });
      const cmds = aiperfCommands(construct.script);
      expect(cmds.map((c) => c['--artifact-dir'])).toEqual(perfPoints(load).map((p) => `/run/${p.subdirectory}`));
      expect(cmds[2]).toMatchObject({
        '--synthetic-input-tokens-mean': '3000', '--synthetic-input-tokens-stddev': '0',
        '--output-tokens-mean': '150', '--output-tokens-stddev': '0', '--concurrency': '32', '--request-count': '320',
      });
      expect(cmds[0]['--input-file']).toBeUndefined();
    });

    it('synthesizes the same Job as last reviewed', () => {
      expect(synth({ input: { kind: 'synthetic' }, load }).job).toMatchSnapshot();
    });

    it('rejects a sweep over a fixed dataset', () => {
      expect(() => synth({ input: { kind: 'single-turn', path: '/x' }, load })).toThrow('a synthetic input goes with a sweep load');
    });
  });

  it('deletes inputs.json unless asked to keep it', () => {
    expect(synth().construct.script).toContain('rm -f "$RUN_DIR"/inputs.json');
    expect(synth({ keepInputsJson: true }).construct.script).not.toContain('inputs.json');
  });

  it('writes run.json with the metadata and marks the run as latest', () => {
    const { job, construct } = synth();
    const meta = JSON.parse(job.spec.template.spec.containers[0].env.find((e: Obj) => e.name === 'RUN_METADATA').value);
    expect(meta).toEqual({ ...base.metadata, startedAt: null });
    expect(construct.script).toContain('"$RUN_DIR/run.json"');
    expect(construct.script).toContain('ln -sfn "$RUN_ID" "$ARTIFACT_BASE/latest"');
    expect(construct.artifactPath).toBe('/perf-cache/artifacts/r/h200/agg');
  });

  it('writes a script bash accepts', () => {
    for (const props of [{}, { input: { kind: 'synthetic' as const }, load: { kind: 'sweep' as const, concurrency: [1, 2], islOsl: [[10, 10] as const] } }]) {
      const check = spawnSync('bash', ['-n'], { input: synth(props).construct.script, encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });
});
