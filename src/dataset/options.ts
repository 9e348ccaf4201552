// Namespace import: lets esbuild tree-shake zod (its locales) out of the in-cluster bundle.
import * as z from 'zod';
import { UserError } from '../errors';
import { formatIssues } from '../util/zod-issues';

/** What kind of dataset to produce. */
export enum DatasetMode {
  /** Multi-turn sessions whose turns slide a window of images (AIPerf `single_turn` with `session_id`). */
  SLIDING_WINDOW = 'sliding-window',
  /** Independent requests whose images are drawn from a fixed pool (AIPerf `single_turn`). */
  IMAGE_POOL = 'image-pool',
  /** A Mooncake-format trace copied from a file or URL after validation (AIPerf `mooncake_trace`). */
  TRACE = 'trace',
}

/** How images are encoded into their `data:` URLs. */
export enum ImageFormat {
  /** `data:image/png;base64,...`, encoded with pngjs (RGB, 8 bits per channel). What the upstream generator writes. */
  PNG = 'png',
  /** `data:image/jpeg;base64,...`, encoded with jpeg-js at quality 90. */
  JPEG = 'jpeg',
}

/** What the pixels of a generated image look like. */
export enum ImageContent {
  /**
   * Uniform random RGB noise, like the upstream generator (`numpy` random `uint8` pixels saved as PNG):
   * incompressible, so a 2400x1080 PNG weighs ~7.8 MB (~10.4 MB as base64). Faithful transfer and
   * decode costs, large files.
   */
  NOISE = 'noise',
  /**
   * Banded colour gradients with stripes and an index bar code: compresses well (~0.4 MB for a 2400x1080 PNG,
   * a twentieth of noise). Same resolution, so the same vision-encoder cost, but much cheaper transfer and
   * decoding than upstream: for tests and quick runs.
   */
  PATTERN = 'pattern',
}

/** Largest accepted image side in pixels. */
export const MAX_IMAGE_SIDE = 8192;
/** Largest accepted seed (seeds are 32-bit unsigned integers). */
export const MAX_SEED = 0xffff_ffff;

const NAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const JSONL_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.jsonl$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Options of a sliding-window multimodal dataset (seed 000: `30u_8t_5w_8000word_base64.jsonl`).
 *
 * `users` sessions (`session_id = user_<n>`, n from 0) of `turns` requests each. Turn `t` of a user carries
 * that user's images `t .. t+window-1`, so consecutive turns share `window - 1` images; a user sees
 * `window + turns - 1` distinct images and no image is shared between users. Rows of a user are written in
 * turn order, users one after the other.
 */
export interface SlidingWindowOptions {
  /** Selects this mode. */
  readonly mode: DatasetMode.SLIDING_WINDOW;
  /**
   * Number of users (sessions).
   * @default 30
   */
  readonly users?: number;
  /**
   * Turns (requests) per user.
   * @default 8
   */
  readonly turns?: number;
  /**
   * Images per request; consecutive turns of a user share `window - 1` of them.
   * @default 5
   */
  readonly window?: number;
  /**
   * Words of filler text per request (about as many tokens).
   * @default 8000
   */
  readonly words?: number;
  /**
   * Image width in pixels.
   * @default 2400
   */
  readonly width?: number;
  /**
   * Image height in pixels.
   * @default 1080
   */
  readonly height?: number;
  /**
   * Image encoding.
   * @default ImageFormat.PNG
   */
  readonly imageFormat?: ImageFormat;
  /**
   * Image pixels.
   * @default ImageContent.NOISE
   */
  readonly imageContent?: ImageContent;
  /**
   * All turns of a user carry the same text (a shareable text prefix), instead of fresh text per turn.
   * @default false
   */
  readonly sharedText?: boolean;
  /**
   * Add AIPerf's `image_uuids` (one stable UUID per distinct image), for `aiperf --uuid-and-strip`.
   * @default false
   */
  readonly imageUuids?: boolean;
  /**
   * Seed of every random choice; equal options give byte-identical files.
   * @default 42
   */
  readonly seed?: number;
  /**
   * Prepended to the file name (`<prefix>_30u_...jsonl`).
   * @default - no prefix
   */
  readonly namePrefix?: string;
}

/**
 * Options of an image-pool dataset (seed 001: `qwen3_vl_1000req_1img_pool200.jsonl` with `namePrefix: 'qwen3_vl'`).
 *
 * `requests` independent requests of `imagesPerRequest` images each, drawn from `pool` distinct images:
 * the first `pool` image slots hold each pool image once (with one image per request: requests `0..pool-1`
 * are all unique), every later slot reuses a pool image chosen uniformly at random (never twice in one
 * request). The reuse ratio is therefore exactly `(requests*imagesPerRequest - pool) / (requests*imagesPerRequest)`:
 * 0.8 for 1,000 requests over a pool of 200.
 */
export interface ImagePoolOptions {
  /** Selects this mode. */
  readonly mode: DatasetMode.IMAGE_POOL;
  /**
   * Number of requests.
   * @default 1000
   */
  readonly requests?: number;
  /**
   * Number of distinct images; must be ≥ `imagesPerRequest` and ≤ `requests * imagesPerRequest`.
   * @default 200
   */
  readonly pool?: number;
  /**
   * Images per request.
   * @default 1
   */
  readonly imagesPerRequest?: number;
  /**
   * Words of filler text per request (about as many tokens).
   * @default 400
   */
  readonly words?: number;
  /**
   * Image width in pixels. The upstream recipe served COCO photos (about 640x480) by URL; we inline images
   * of that size as base64.
   * @default 640
   */
  readonly width?: number;
  /**
   * Image height in pixels.
   * @default 480
   */
  readonly height?: number;
  /**
   * Image encoding.
   * @default ImageFormat.PNG
   */
  readonly imageFormat?: ImageFormat;
  /**
   * Image pixels.
   * @default ImageContent.NOISE
   */
  readonly imageContent?: ImageContent;
  /**
   * Add AIPerf's `image_uuids` (one stable UUID per distinct image), for `aiperf --uuid-and-strip`.
   * @default false
   */
  readonly imageUuids?: boolean;
  /**
   * Seed of every random choice; equal options give byte-identical files.
   * @default 42
   */
  readonly seed?: number;
  /**
   * Prepended to the file name (`qwen3_vl` gives `qwen3_vl_1000req_1img_pool200.jsonl`).
   * @default - no prefix
   */
  readonly namePrefix?: string;
}

/**
 * Options of a fixed-schedule trace (seed 003): a Mooncake-format JSONL (`timestamp`, `input_length`,
 * `output_length`, `hash_ids` per row) read from a file or downloaded from a URL at generation time,
 * validated row by row, and copied byte for byte.
 * @see https://github.com/kvcache-ai/Mooncake
 */
export interface TraceOptions {
  /** Selects this mode. */
  readonly mode: DatasetMode.TRACE;
  /** A local path (in the pod, for the in-cluster Job) or an `http(s)://` URL. */
  readonly source: string;
  /**
   * Name of the copy in the output directory (must end in `.jsonl`).
   * @default - the last path segment of `source`
   */
  readonly fileName?: string;
  /**
   * Required number of rows (non-blank lines); a different count is an error.
   * @default - any number ≥ 1
   */
  readonly expectedRows?: number;
  /**
   * Required SHA-256 of the source bytes (lower-case hex), to pin a downloaded trace.
   * @default - not checked
   */
  readonly sha256?: string;
}

/** The options of any dataset mode. */
export type DatasetOptions = SlidingWindowOptions | ImagePoolOptions | TraceOptions;

/** Defaults of {@link SlidingWindowOptions}: the seed 000 dataset. */
export const SLIDING_WINDOW_DEFAULTS = {
  users: 30,
  turns: 8,
  window: 5,
  words: 8000,
  width: 2400,
  height: 1080,
  imageFormat: ImageFormat.PNG,
  imageContent: ImageContent.NOISE,
  sharedText: false,
  imageUuids: false,
  seed: 42,
} as const;

/** Defaults of {@link ImagePoolOptions}: the seed 001 dataset. */
export const IMAGE_POOL_DEFAULTS = {
  requests: 1000,
  pool: 200,
  imagesPerRequest: 1,
  words: 400,
  width: 640,
  height: 480,
  imageFormat: ImageFormat.PNG,
  imageContent: ImageContent.NOISE,
  imageUuids: false,
  seed: 42,
} as const;

const count = (max: number) => z.int().min(1).max(max);
const side = () => z.int().min(1).max(MAX_IMAGE_SIDE);
const seed = () => z.int().min(0).max(MAX_SEED);
const namePrefix = () => z.string().regex(NAME_PREFIX, 'must start with a letter or digit and use only letters, digits, ".", "_", "-"').max(100);

/** Schema of {@link SlidingWindowOptions} (strict: unknown fields are errors). */
export const slidingWindowOptionsSchema = z.strictObject({
  mode: z.literal(DatasetMode.SLIDING_WINDOW),
  users: count(100_000).default(SLIDING_WINDOW_DEFAULTS.users),
  turns: count(10_000).default(SLIDING_WINDOW_DEFAULTS.turns),
  window: count(1_000).default(SLIDING_WINDOW_DEFAULTS.window),
  words: count(1_000_000).default(SLIDING_WINDOW_DEFAULTS.words),
  width: side().default(SLIDING_WINDOW_DEFAULTS.width),
  height: side().default(SLIDING_WINDOW_DEFAULTS.height),
  imageFormat: z.enum(ImageFormat).default(SLIDING_WINDOW_DEFAULTS.imageFormat),
  imageContent: z.enum(ImageContent).default(SLIDING_WINDOW_DEFAULTS.imageContent),
  sharedText: z.boolean().default(SLIDING_WINDOW_DEFAULTS.sharedText),
  imageUuids: z.boolean().default(SLIDING_WINDOW_DEFAULTS.imageUuids),
  seed: seed().default(SLIDING_WINDOW_DEFAULTS.seed),
  namePrefix: namePrefix().optional(),
});

/** Schema of {@link ImagePoolOptions} (strict: unknown fields are errors). */
export const imagePoolOptionsSchema = z
  .strictObject({
    mode: z.literal(DatasetMode.IMAGE_POOL),
    requests: count(10_000_000).default(IMAGE_POOL_DEFAULTS.requests),
    pool: count(10_000_000).default(IMAGE_POOL_DEFAULTS.pool),
    imagesPerRequest: count(1_000).default(IMAGE_POOL_DEFAULTS.imagesPerRequest),
    words: count(1_000_000).default(IMAGE_POOL_DEFAULTS.words),
    width: side().default(IMAGE_POOL_DEFAULTS.width),
    height: side().default(IMAGE_POOL_DEFAULTS.height),
    imageFormat: z.enum(ImageFormat).default(IMAGE_POOL_DEFAULTS.imageFormat),
    imageContent: z.enum(ImageContent).default(IMAGE_POOL_DEFAULTS.imageContent),
    imageUuids: z.boolean().default(IMAGE_POOL_DEFAULTS.imageUuids),
    seed: seed().default(IMAGE_POOL_DEFAULTS.seed),
    namePrefix: namePrefix().optional(),
  })
  .superRefine((o, ctx) => {
    if (o.pool < o.imagesPerRequest) {
      ctx.addIssue({
        code: 'custom',
        path: ['pool'],
        input: o.pool,
        message: `must be ≥ the images per request (${o.imagesPerRequest}): a request never repeats an image`,
      });
    }
    const slots = o.requests * o.imagesPerRequest;
    if (o.pool > slots) {
      ctx.addIssue({
        code: 'custom',
        path: ['pool'],
        input: o.pool,
        message: `must be ≤ requests × images per request (${slots}): every pool image is used at least once`,
      });
    }
  });

/** The last path segment of a path or URL (query and fragment removed). */
export function sourceBaseName(source: string): string {
  let path = source;
  if (/^https?:\/\//i.test(source)) {
    try {
      path = decodeURIComponent(new URL(source).pathname);
    } catch {
      path = source;
    }
  }
  const segments = path.split(/[\\/]/).filter((s) => s !== '');
  return segments[segments.length - 1] ?? '';
}

/** Schema of {@link TraceOptions} (strict: unknown fields are errors). */
export const traceOptionsSchema = z
  .strictObject({
    mode: z.literal(DatasetMode.TRACE),
    source: z.string().min(1),
    fileName: z.string().regex(JSONL_FILE_NAME, 'must be a plain file name ending in ".jsonl" (letters, digits, ".", "_", "-")').optional(),
    expectedRows: count(100_000_000).optional(),
    sha256: z.string().regex(SHA256, 'must be 64 lower-case hex digits').optional(),
  })
  .superRefine((o, ctx) => {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(o.source)?.[1];
    if (scheme !== undefined && !/^https?$/i.test(scheme)) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        input: o.source,
        message: `must be a local path or an http:// or https:// URL (scheme "${scheme}" is not supported)`,
      });
    }
    if (o.fileName === undefined && !JSONL_FILE_NAME.test(sourceBaseName(o.source))) {
      ctx.addIssue({
        code: 'custom',
        path: ['fileName'],
        input: undefined,
        message: `is required: the source's name ${JSON.stringify(sourceBaseName(o.source))} is not a plain "<name>.jsonl" file name`,
      });
    }
  });

/** Schema of {@link DatasetOptions}, discriminated by `mode`. */
export const datasetOptionsSchema = z.discriminatedUnion('mode', [
  slidingWindowOptionsSchema,
  imagePoolOptionsSchema,
  traceOptionsSchema,
]);

/** Sliding-window options with every default applied. */
export type ResolvedSlidingWindowOptions = Readonly<z.output<typeof slidingWindowOptionsSchema>>;
/** Image-pool options with every default applied. */
export type ResolvedImagePoolOptions = Readonly<z.output<typeof imagePoolOptionsSchema>>;
/** Trace options, validated. */
export type ResolvedTraceOptions = Readonly<z.output<typeof traceOptionsSchema>>;
/** Any dataset's options with every default applied. */
export type ResolvedDatasetOptions = ResolvedSlidingWindowOptions | ResolvedImagePoolOptions | ResolvedTraceOptions;

/**
 * Validates dataset options and applies the defaults.
 * @param where names the input in error messages (a file, a construct path, `--flags`)
 * @throws UserError one problem per invalid field: `<where>: <field>: <what is wrong>`
 */
export function resolveDatasetOptions(options: DatasetOptions | ResolvedDatasetOptions, where = 'dataset'): ResolvedDatasetOptions {
  const parsed = datasetOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = formatIssues(where, parsed.error, options);
    throw new UserError(problems.join('\n'), problems);
  }
  return parsed.data;
}
