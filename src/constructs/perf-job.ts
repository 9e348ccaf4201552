import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { RunMetadata } from '../report/run-metadata';
import { CacheVolume, MountPaths, podVolumes } from './cache-volume';
import { PropChecks } from './checks';
import { CliArg, shellQuote } from './cli-args';
import { JobPodOptions, runOnceJob } from './job-pod';

/** AIPerf endpoint type (`--endpoint-type`). */
export enum EndpointType {
  /** OpenAI chat completions. */
  CHAT = 'chat',
  /** OpenAI completions. */
  COMPLETIONS = 'completions',
}

/** Goodput SLOs (`--goodput`): a request is good when every metric is within its threshold. */
export interface GoodputSlo {
  /** Time to first token threshold in ms. */
  readonly timeToFirstTokenMs: number;
  /** Inter-token latency threshold in ms. */
  readonly interTokenLatencyMs: number;
}

/** What requests AIPerf sends. */
export type PerfInput =
  /** A JSONL file of requests, one request per row, `session_id` rows in causal order (`--custom-dataset-type single_turn`). */
  | { readonly kind: 'single-turn'; readonly path: string }
  /** A Mooncake trace replayed on its own timestamps (`--custom-dataset-type mooncake_trace --fixed-schedule`). */
  | { readonly kind: 'mooncake-trace'; readonly path: string }
  /** Synthetic prompts of a fixed input length; the length comes from the load's ISL:OSL. */
  | { readonly kind: 'synthetic' };

/** Forced output length (`--extra-inputs max_tokens/min_tokens/ignore_eos`). */
export interface OutputTokens {
  /** Tokens every response must have: sets `max_tokens` and `min_tokens`. */
  readonly tokens: number;
  /**
   * Keep generating past end-of-sequence (`ignore_eos:true`), so every response has exactly `tokens` tokens.
   * @default true
   */
  readonly ignoreEos?: boolean;
}

/** One AIPerf run of a load. */
export interface PerfPoint {
  /** Concurrent requests (`--concurrency`); absent for a fixed-schedule replay, whose timestamps set the load. */
  readonly concurrency?: number;
  /** Requests measured (`--request-count`); absent for a trace replay (the whole trace). */
  readonly requestCount?: number;
  /** Warm-up requests not measured (`--warmup-request-count`). */
  readonly warmupRequestCount?: number;
  /** Synthetic input length mean in tokens. */
  readonly isl?: number;
  /** Forced output length. */
  readonly output?: OutputTokens;
  /** Sub-directory of the run's artifact directory; `''` for a single run. */
  readonly subdirectory: string;
}

/** A concurrency × ISL:OSL sweep, run as sequential points of one Job. */
export interface SweepLoad {
  readonly kind: 'sweep';
  /**
   * Concurrency levels, in run order. A comparison may give `concurrencyPerGpu` instead, to normalize the load by
   * each configuration's GPU count; the comparison builder turns it into `concurrency`.
   */
  readonly concurrency: readonly number[];
  /**
   * Concurrency per GPU of the configuration, in run order (e.g. `[16]`: 64 for a 4-GPU configuration, 256 for 16).
   * @default - `concurrency` as given
   */
  readonly concurrencyPerGpu?: readonly number[];
  /**
   * Warm-up requests per point, as a multiple of its concurrency.
   * @default 0
   */
  readonly warmupPerConcurrency?: number;
  /** Input:output lengths in tokens, in run order; each runs every concurrency. */
  readonly islOsl: readonly (readonly [isl: number, osl: number])[];
  /**
   * Requests measured per point: `requestsPerConcurrency × concurrency`, at least `minRequestCount`.
   * @default 10
   */
  readonly requestsPerConcurrency?: number;
  /**
   * Fewest requests measured per point.
   * @default 100
   */
  readonly minRequestCount?: number;
}

/** One run at a fixed concurrency. */
export interface SingleLoad {
  readonly kind: 'single';
  /** Concurrent requests. */
  readonly concurrency: number;
  /** Requests measured. */
  readonly requestCount: number;
  /**
   * Warm-up requests.
   * @default 0
   */
  readonly warmupRequestCount?: number;
  /**
   * Forced output length.
   * @default - the model decides
   */
  readonly output?: OutputTokens;
}

/** A replay of a trace on its own schedule. */
export interface ReplayLoad {
  readonly kind: 'replay';
}

/** How much load, how shaped. */
export type PerfLoad = SingleLoad | SweepLoad | ReplayLoad;

/** Props of {@link PerfJob}. */
export interface PerfJobProps extends JobPodOptions {
  /** Job name. */
  readonly name: string;
  /** Model id the endpoint serves (`--model`), also what the readiness wait looks for in `/v1/models`. */
  readonly model: string;
  /** Base URL of the OpenAI-compatible endpoint, e.g. `http://qwen36-dynamo-fd-frontend:8000`. */
  readonly url: string;
  /** Requests. */
  readonly input: PerfInput;
  /** Load. */
  readonly load: PerfLoad;
  /** Benchmark cache: datasets are read from it, artefacts written to it. Mounted at `/perf-cache`. */
  readonly perfCache: CacheVolume;
  /** Artefact directory relative to the cache root: `artifacts/<recipe>/<hw>/<config>`; each run adds `/<run-id>`. */
  readonly artifactDir: string;
  /** Run metadata written as `run.json` beside the artefacts (`startedAt` is filled in at run time). */
  readonly metadata: Omit<RunMetadata, 'startedAt'>;
  /**
   * Goodput SLOs.
   * @default - none
   */
  readonly goodput?: GoodputSlo;
  /**
   * Endpoint type.
   * @default EndpointType.CHAT
   */
  readonly endpointType?: EndpointType;
  /**
   * Stream responses (needed for TTFT and ITL).
   * @default true
   */
  readonly streaming?: boolean;
  /**
   * Keep AIPerf's `inputs.json` (every prompt and base64 image sent: several GB for multimodal datasets).
   * @default false
   */
  readonly keepInputsJson?: boolean;
  /**
   * AIPerf version pip installs.
   * @default '0.12.0'
   */
  readonly aiperfVersion?: string;
  /**
   * Image. `python:3.11` is multi-arch and ships a compiler, which AIPerf's `crick` dependency needs on arm64 (no wheel).
   * @default 'python:3.11'
   */
  readonly image?: string;
  /**
   * How long to wait for the endpoint to list the model before failing.
   * @default 3600
   */
  readonly readyTimeoutSeconds?: number;
  /**
   * Wall-clock limit of the Job (readiness wait + every point).
   * @default 43200 (12 hours)
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Environment variables of the AIPerf process (e.g. its dataset timeouts).
   * @default {}
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** Mount point of the benchmark cache in the perf pod. */
const PERF_ROOT = MountPaths.PERF_CACHE;

/** A load with `concurrencyPerGpu` turned into concrete concurrency levels for a configuration of `gpus` GPUs. */
export function loadForGpus(load: PerfLoad, gpus: number): PerfLoad {
  if (load.kind !== 'sweep' || !load.concurrencyPerGpu) return load;
  return { ...load, concurrency: load.concurrencyPerGpu.map((c) => c * gpus) };
}

/** The points a load expands to, in run order. */
export function perfPoints(load: PerfLoad): PerfPoint[] {
  switch (load.kind) {
    case 'single':
      return [{ concurrency: load.concurrency, requestCount: load.requestCount, warmupRequestCount: load.warmupRequestCount, output: load.output, subdirectory: '' }];
    case 'replay':
      return [{ subdirectory: '' }];
    case 'sweep': {
      const per = load.requestsPerConcurrency ?? 10;
      const min = load.minRequestCount ?? 100;
      return load.islOsl.flatMap(([isl, osl]) => load.concurrency.map((c) => ({
        concurrency: c,
        requestCount: Math.max(per * c, min),
        warmupRequestCount: (load.warmupPerConcurrency ?? 0) * c,
        isl,
        output: { tokens: osl },
        subdirectory: `isl${isl}-osl${osl}/c${c}`,
      })));
    }
  }
}

/** The `aiperf profile` options of one point (without `--artifact-dir`, which depends on the run id). */
export function aiperfArgs(props: PerfJobProps, point: PerfPoint): CliArg[] {
  const args: CliArg[] = [['--model', props.model]];
  const input = props.input;
  if (input.kind === 'single-turn') args.push(['--input-file', input.path], ['--custom-dataset-type', 'single_turn']);
  if (input.kind === 'mooncake-trace') args.push(['--input-file', input.path], ['--custom-dataset-type', 'mooncake_trace'], ['--fixed-schedule']);
  args.push(['--endpoint-type', props.endpointType ?? EndpointType.CHAT], ['--url', props.url]);
  if (props.streaming ?? true) args.push(['--streaming']);
  args.push(['--ui-type', 'none']);
  if (point.isl !== undefined) {
    args.push(['--synthetic-input-tokens-mean', String(point.isl)], ['--synthetic-input-tokens-stddev', '0']);
  }
  if (point.output && input.kind === 'synthetic') {
    args.push(['--output-tokens-mean', String(point.output.tokens)], ['--output-tokens-stddev', '0']);
  }
  if (point.requestCount !== undefined) args.push(['--request-count', String(point.requestCount)]);
  if (point.concurrency !== undefined) args.push(['--concurrency', String(point.concurrency)]);
  if (point.warmupRequestCount) args.push(['--warmup-request-count', String(point.warmupRequestCount)]);
  if (point.output) {
    args.push(['--extra-inputs', `max_tokens:${point.output.tokens}`], ['--extra-inputs', `min_tokens:${point.output.tokens}`]);
    if (point.output.ignoreEos ?? true) args.push(['--extra-inputs', 'ignore_eos:true']);
  }
  if (props.goodput) {
    args.push(['--goodput', `time_to_first_token:${props.goodput.timeToFirstTokenMs} inter_token_latency:${props.goodput.interTokenLatencyMs}`]);
  }
  return args;
}

/** Waits until the endpoint lists the model, or fails after READY_TIMEOUT_SECONDS (Python: no curl/jq needed). */
const WAIT_FOR_MODEL = `python3 - <<'PY'
import json, os, sys, time, urllib.request
url, model = os.environ["FRONTEND_URL"] + "/v1/models", os.environ["MODEL_NAME"]
deadline = time.time() + int(os.environ["READY_TIMEOUT_SECONDS"])
last = "no answer yet"
while True:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            ids = [m.get("id") for m in json.load(r).get("data", [])]
        if model in ids:
            print(f"model {model} is listed at {url}", flush=True)
            break
        last = f"listed: {ids}"
    except Exception as e:
        last = str(e)
    if time.time() > deadline:
        print(f"error: {url} did not list {model} within {os.environ['READY_TIMEOUT_SECONDS']} s (last: {last})", file=sys.stderr)
        sys.exit(1)
    print(f"[{time.strftime('%H:%M:%S')}] waiting for {model} at {url} ({last})", flush=True)
    time.sleep(10)
PY`;

/** Writes run.json with startedAt filled in. */
const WRITE_RUN_METADATA = `python3 - "$RUN_DIR/run.json" <<'PY'
import datetime, json, os, sys
meta = json.loads(os.environ["RUN_METADATA"])
meta["startedAt"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
with open(sys.argv[1], "w") as f:
    json.dump(meta, f, indent=2)
PY`;

/**
 * A Kubernetes Job that benchmarks one endpoint with AIPerf: it waits (bounded) until the endpoint lists the
 * model, then runs every point of the load in order, each into its own artefact directory under
 * `/perf-cache/<artifactDir>/<run-id>/`, writes `run.json`, deletes the multi-GB `inputs.json` unless asked to
 * keep it, and points `<artifactDir>/latest` at the run. A sweep is one Job, so no two points ever share the GPUs.
 * `backoffLimit: 0`: a benchmark that failed half-way is reported, not silently re-run on a warm server.
 */
export class PerfJob extends Construct {
  /** The Job's name. */
  public readonly jobName: string;
  /** The points, in run order. */
  public readonly points: readonly PerfPoint[];
  /** Absolute artefact directory of every run in the pod (`/perf-cache/<artifactDir>`). */
  public readonly artifactPath: string;
  /** The script the container runs. */
  public readonly script: string;

  public constructor(scope: Construct, id: string, props: PerfJobProps) {
    super(scope, id);
    checkPerfProps(props);
    this.jobName = props.name;
    this.points = perfPoints(props.load);
    this.artifactPath = `${PERF_ROOT}/${props.artifactDir}`;
    const keep = props.keepInputsJson ?? false;
    const runs = this.points.map((point, i) => {
      const dir = point.subdirectory ? `"$RUN_DIR"/${point.subdirectory}` : '"$RUN_DIR"';
      const command = [['--artifact-dir', '__DIR__'] as CliArg, ...aiperfArgs(props, point)]
        .map(([flag, value]) => `  ${flag}${value === undefined ? '' : ` ${value === '__DIR__' ? dir : shellQuote(value)}`}`);
      return [
        `echo "[$(date -u +%H:%M:%S)] point ${i + 1}/${this.points.length}${point.subdirectory ? `: ${point.subdirectory}` : ''}"`,
        ...(point.subdirectory ? [`mkdir -p ${dir}`] : []),
        ['aiperf profile', ...command].join(' \\\n'),
        ...(keep ? [] : [`rm -f ${dir}/inputs.json`]),
      ].join('\n');
    });
    this.script = [
      'set -euo pipefail',
      'ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"',
      `pip install --no-cache-dir --quiet "aiperf==$AIPERF_VERSION"`,
      WAIT_FOR_MODEL,
      'RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"',
      'RUN_DIR="$ARTIFACT_BASE/$RUN_ID"',
      'mkdir -p "$RUN_DIR"',
      WRITE_RUN_METADATA,
      ...runs,
      'ln -sfn "$RUN_ID" "$ARTIFACT_BASE/latest"',
      'echo "run complete: $RUN_DIR"',
    ].join('\n') + '\n';

    const labels = { ...props.labels };
    const { volumes, volumeMounts } = podVolumes([{ volume: props.perfCache, mountPath: PERF_ROOT }]);
    const env: k8s.EnvVar[] = [
      { name: 'AIPERF_VERSION', value: props.aiperfVersion ?? '0.12.0' },
      { name: 'MODEL_NAME', value: props.model },
      { name: 'FRONTEND_URL', value: props.url },
      { name: 'READY_TIMEOUT_SECONDS', value: String(props.readyTimeoutSeconds ?? 3600) },
      { name: 'ARTIFACT_BASE', value: this.artifactPath },
      { name: 'RUN_METADATA', value: JSON.stringify({ ...props.metadata, startedAt: null }) },
      ...Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value })),
    ];
    runOnceJob(this, 'Resource', {
      ...props,
      labels,
      backoffLimit: 0,
      activeDeadlineSeconds: props.activeDeadlineSeconds ?? 43200,
      pod: {
        containers: [{
          name: 'aiperf',
          image: props.image ?? 'python:3.11',
          imagePullPolicy: 'IfNotPresent',
          command: ['/bin/bash', '-c', this.script],
          env,
          resources: {
            requests: { cpu: k8s.Quantity.fromString('8'), memory: k8s.Quantity.fromString('16Gi') },
            limits: { cpu: k8s.Quantity.fromString('16'), memory: k8s.Quantity.fromString('32Gi') },
          },
          volumeMounts,
        }],
        volumes,
      },
    });
  }
}

/** Checks every prop of a perf Job and throws one UserError listing all problems. */
function checkPerfProps(props: PerfJobProps): void {
  const checks = new PropChecks(`PerfJob ${props.name}`).dnsLabel('name', props.name);
  const { input, load } = props;
  checks.require((input.kind === 'synthetic') === (load.kind === 'sweep'), 'load',
    `a synthetic input goes with a sweep load, and a sweep needs a synthetic input (input ${input.kind}, load ${load.kind})`);
  checks.require((input.kind === 'mooncake-trace') === (load.kind === 'replay'), 'load',
    `a trace replay needs a mooncake-trace input and a replay load (input ${input.kind}, load ${load.kind})`);
  if (load.kind === 'single') {
    checks.integer('load.concurrency', load.concurrency, 1, 100_000).integer('load.requestCount', load.requestCount, 1, 10_000_000)
      .integer('load.warmupRequestCount', load.warmupRequestCount, 0, 1_000_000).integer('load.output.tokens', load.output?.tokens, 1, 1_000_000);
  }
  if (load.kind === 'sweep') {
    checks.require(load.concurrency.length > 0, 'load.concurrency', 'must list at least one concurrency');
    checks.require(load.islOsl.length > 0, 'load.islOsl', 'must list at least one ISL:OSL pair');
    load.concurrency.forEach((c, i) => checks.integer(`load.concurrency[${i}]`, c, 1, 100_000));
    load.islOsl.forEach(([isl, osl], i) => checks.integer(`load.islOsl[${i}][0]`, isl, 1, 10_000_000).integer(`load.islOsl[${i}][1]`, osl, 1, 1_000_000));
    checks.integer('load.requestsPerConcurrency', load.requestsPerConcurrency, 1, 100_000).integer('load.minRequestCount', load.minRequestCount, 1, 10_000_000)
      .integer('load.warmupPerConcurrency', load.warmupPerConcurrency, 0, 1000);
  }
  if (props.goodput) {
    checks.number('goodput.timeToFirstTokenMs', props.goodput.timeToFirstTokenMs, 0, 3_600_000, true)
      .number('goodput.interTokenLatencyMs', props.goodput.interTokenLatencyMs, 0, 3_600_000, true);
  }
  checks.integer('readyTimeoutSeconds', props.readyTimeoutSeconds, 1, 604_800).integer('activeDeadlineSeconds', props.activeDeadlineSeconds, 60, 604_800);
  checks.throwIfAny();
}
