import {
  DatasetMode,
  DatasetOptions,
  IMAGE_POOL_DEFAULTS,
  ResolvedDatasetOptions,
  SLIDING_WINDOW_DEFAULTS,
  resolveDatasetOptions,
  sourceBaseName,
} from './options';

/** Suffixes for the options that change a generated file's content without being part of the upstream name. */
function variantSuffixes(
  o: { width: number; height: number; imageFormat: string; imageContent: string; seed: number },
  defaults: { width: number; height: number; imageFormat: string; imageContent: string; seed: number },
): string[] {
  const parts: string[] = [];
  if (o.width !== defaults.width || o.height !== defaults.height) parts.push(`${o.width}x${o.height}`);
  if (o.imageFormat !== defaults.imageFormat) parts.push(o.imageFormat);
  if (o.imageContent !== defaults.imageContent) parts.push(o.imageContent);
  if (o.seed !== defaults.seed) parts.push(`seed${o.seed}`);
  return parts;
}

/**
 * The file name of a dataset: the single source of truth shared by the generator (which writes it) and the
 * benchmark Job (which reads it), so the two cannot disagree.
 *
 * Generated datasets are named after every option that changes their content. The defaults reproduce the
 * upstream names (`30u_8t_5w_8000word_base64.jsonl`; with `sharedText` and `imageUuids`,
 * `30u_8t_5w_8000word_sharedtext_base64_uuid.jsonl`; `1000req_1img_pool200.jsonl`); a non-default
 * resolution, format, content or seed appends `_<W>x<H>`, `_jpeg`, `_pattern`, `_seed<N>`.
 * A trace keeps its `fileName` (default: the source's last path segment).
 * @throws UserError if the options are invalid
 */
export function datasetFileName(options: DatasetOptions | ResolvedDatasetOptions): string {
  const o = resolveDatasetOptions(options);
  const prefixed = (name: string, prefix: string | undefined): string => (prefix ? `${prefix}_${name}` : name);
  switch (o.mode) {
    case DatasetMode.SLIDING_WINDOW: {
      const parts = [`${o.users}u`, `${o.turns}t`, `${o.window}w`, `${o.words}word`];
      if (o.sharedText) parts.push('sharedtext');
      parts.push('base64');
      if (o.imageUuids) parts.push('uuid');
      parts.push(...variantSuffixes(o, SLIDING_WINDOW_DEFAULTS));
      return `${prefixed(parts.join('_'), o.namePrefix)}.jsonl`;
    }
    case DatasetMode.IMAGE_POOL: {
      const parts = [`${o.requests}req`, `${o.imagesPerRequest}img`, `pool${o.pool}`];
      if (o.words !== IMAGE_POOL_DEFAULTS.words) parts.push(`${o.words}word`);
      if (o.imageUuids) parts.push('uuid');
      parts.push(...variantSuffixes(o, IMAGE_POOL_DEFAULTS));
      return `${prefixed(parts.join('_'), o.namePrefix)}.jsonl`;
    }
    case DatasetMode.TRACE:
      return o.fileName ?? sourceBaseName(o.source);
  }
}

/**
 * The number of rows (requests) the dataset has: `users × turns`, `requests`, or a trace's `expectedRows`
 * (undefined when not given: a trace's length is known once read).
 * @throws UserError if the options are invalid
 */
export function expectedRowCount(options: DatasetOptions | ResolvedDatasetOptions): number | undefined {
  const o = resolveDatasetOptions(options);
  switch (o.mode) {
    case DatasetMode.SLIDING_WINDOW:
      return o.users * o.turns;
    case DatasetMode.IMAGE_POOL:
      return o.requests;
    case DatasetMode.TRACE:
      return o.expectedRows;
  }
}
