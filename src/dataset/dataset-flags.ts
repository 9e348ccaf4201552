import {
  DatasetMode,
  DatasetOptions,
  IMAGE_POOL_DEFAULTS,
  ImageContent,
  ImageFormat,
  ResolvedDatasetOptions,
  SLIDING_WINDOW_DEFAULTS,
  resolveDatasetOptions,
} from './options';

/** How a flag's value is read. */
export enum FlagKind {
  /** `--flag <n>`: a whole number. */
  INT = 'int',
  /** `--flag <value>`: a string (possibly one of `choices`). */
  STRING = 'string',
  /** `--flag`: a switch, true when present. */
  SWITCH = 'switch',
}

/** One command-line flag of a dataset mode, bound to one option field. */
export interface DatasetFlag {
  /** The option field (`imagesPerRequest`). */
  readonly key: string;
  /** The flag (`--images-per-request`): the field in kebab case. */
  readonly flag: string;
  /** How the value is read. */
  readonly kind: FlagKind;
  /** One-line help. */
  readonly description: string;
  /**
   * Allowed values, for help and checking.
   * @default - any value
   */
  readonly choices?: readonly string[];
  /**
   * Default shown in help (the schema applies it).
   * @default - none shown
   */
  readonly defaultValue?: string | number | boolean;
  /**
   * The flag must be given.
   * @default false
   */
  readonly required?: boolean;
}

function flag(key: string, kind: FlagKind, description: string, extra: Partial<DatasetFlag> = {}): DatasetFlag {
  return { key, flag: `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, kind, description, ...extra };
}

function imageFlags(defaults: typeof SLIDING_WINDOW_DEFAULTS | typeof IMAGE_POOL_DEFAULTS): DatasetFlag[] {
  return [
    flag('width', FlagKind.INT, 'image width in pixels', { defaultValue: defaults.width }),
    flag('height', FlagKind.INT, 'image height in pixels', { defaultValue: defaults.height }),
    flag('imageFormat', FlagKind.STRING, 'image encoding', { choices: Object.values(ImageFormat), defaultValue: defaults.imageFormat }),
    flag('imageContent', FlagKind.STRING, 'image pixels: random noise like upstream (large) or compressible pattern (small)', {
      choices: Object.values(ImageContent),
      defaultValue: defaults.imageContent,
    }),
  ];
}

/** The flags of every mode, in the order they are documented and emitted. */
export const DATASET_FLAGS: { readonly [M in DatasetMode]: readonly DatasetFlag[] } = {
  [DatasetMode.SLIDING_WINDOW]: [
    flag('users', FlagKind.INT, 'number of users (sessions user_0, user_1, ...)', { defaultValue: SLIDING_WINDOW_DEFAULTS.users }),
    flag('turns', FlagKind.INT, 'turns (requests) per user', { defaultValue: SLIDING_WINDOW_DEFAULTS.turns }),
    flag('window', FlagKind.INT, 'images per request; consecutive turns share window-1', { defaultValue: SLIDING_WINDOW_DEFAULTS.window }),
    flag('words', FlagKind.INT, 'words of text per request (about as many tokens)', { defaultValue: SLIDING_WINDOW_DEFAULTS.words }),
    ...imageFlags(SLIDING_WINDOW_DEFAULTS),
    flag('sharedText', FlagKind.SWITCH, 'all turns of a user carry the same text'),
    flag('imageUuids', FlagKind.SWITCH, 'add image_uuids (for aiperf --uuid-and-strip)'),
    flag('seed', FlagKind.INT, 'random seed', { defaultValue: SLIDING_WINDOW_DEFAULTS.seed }),
    flag('namePrefix', FlagKind.STRING, 'prefix of the file name'),
  ],
  [DatasetMode.IMAGE_POOL]: [
    flag('requests', FlagKind.INT, 'number of requests', { defaultValue: IMAGE_POOL_DEFAULTS.requests }),
    flag('pool', FlagKind.INT, 'number of distinct images', { defaultValue: IMAGE_POOL_DEFAULTS.pool }),
    flag('imagesPerRequest', FlagKind.INT, 'images per request', { defaultValue: IMAGE_POOL_DEFAULTS.imagesPerRequest }),
    flag('words', FlagKind.INT, 'words of text per request (about as many tokens)', { defaultValue: IMAGE_POOL_DEFAULTS.words }),
    ...imageFlags(IMAGE_POOL_DEFAULTS),
    flag('imageUuids', FlagKind.SWITCH, 'add image_uuids (for aiperf --uuid-and-strip)'),
    flag('seed', FlagKind.INT, 'random seed', { defaultValue: IMAGE_POOL_DEFAULTS.seed }),
    flag('namePrefix', FlagKind.STRING, 'prefix of the file name (e.g. qwen3_vl)'),
  ],
  [DatasetMode.TRACE]: [
    flag('source', FlagKind.STRING, 'Mooncake trace: a local path or an http(s) URL (downloaded now)', { required: true }),
    flag('fileName', FlagKind.STRING, 'name of the copy (default: the source file name)'),
    flag('expectedRows', FlagKind.INT, 'required number of rows'),
    flag('sha256', FlagKind.STRING, 'required SHA-256 of the source (hex)'),
  ],
};

/** The flag bound to an option field of a mode, if any. */
export function flagOf(mode: DatasetMode, key: string): DatasetFlag | undefined {
  return DATASET_FLAGS[mode].find((f) => f.key === key);
}

/**
 * Turns parsed flag values (strings, or `true` for switches, keyed by option field) into options.
 * Whole numbers are converted; anything else is passed through for the schema to reject with a message.
 */
export function optionsFromFlags(mode: DatasetMode, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const options: Record<string, unknown> = { mode };
  for (const f of DATASET_FLAGS[mode]) {
    const value = values[f.key];
    if (value === undefined) continue;
    options[f.key] = f.kind === FlagKind.INT && typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  }
  return options;
}

/**
 * The generator's command line for some options: `[mode, --flag, value, ...]` with every resolved value
 * (so the in-cluster command reads in full), switches only when on. `--out` and `--skip-existing` are the
 * caller's to add.
 * @throws UserError if the options are invalid
 */
export function datasetCliArgs(options: DatasetOptions | ResolvedDatasetOptions): string[] {
  const o = resolveDatasetOptions(options) as unknown as Readonly<Record<string, unknown>> & { mode: DatasetMode };
  const args: string[] = [o.mode];
  for (const f of DATASET_FLAGS[o.mode]) {
    const value = o[f.key];
    if (value === undefined || value === false) continue;
    if (f.kind === FlagKind.SWITCH) args.push(f.flag);
    else args.push(f.flag, String(value));
  }
  return args;
}
