import { join, resolve } from 'node:path';
import { UserError } from '../errors';
import { AIPERF_CSV_EXPORT, AIPERF_JSON_EXPORT, AiperfExport, metricValue, readAiperfExport } from './aiperf-export';
import { NUMBER_FORMATS, formatNumber } from './format';
import { AiperfMetric } from './metrics';
import { isDirectory, isFile, listSubdirectories } from './files';
import { RUN_METADATA_FILE, RunMetadata, readRunMetadata } from './run-metadata';

/** One point of a sweep: `<config>/isl<ISL>-osl<OSL>/c<CONCURRENCY>/profile_export_aiperf.json`. */
export interface SweepPoint {
  /** Input sequence length (tokens). */
  readonly isl: number;
  /** Output sequence length (tokens). */
  readonly osl: number;
  /** Concurrency. */
  readonly concurrency: number;
  /** The export file that was (or should have been) read. */
  readonly file: string;
  /**
   * The export; absent when the file is missing or malformed (see the configuration's problems).
   * @default - Not set.
   */
  readonly data?: AiperfExport;
}

/** What was found for one configuration under the results directory. */
export interface ConfigurationResults {
  /** Configuration name (the directory name). */
  readonly name: string;
  /** Directory of the configuration. */
  readonly dir: string;
  /**
   * `run.json`, when present and valid.
   * @default - Not set.
   */
  readonly metadata?: RunMetadata;
  /**
   * The single-run export (`<config>/profile_export_aiperf.json`, or the CSV when only that exists).
   * @default - Not set.
   */
  readonly run?: AiperfExport;
  /**
   * The export file of the single run, when one was expected or found.
   * @default - Not set.
   */
  readonly runFile?: string;
  /** Sweep points, sorted by ISL, OSL, concurrency; empty for a single run. */
  readonly sweep: readonly SweepPoint[];
  /** One line per missing or malformed file of this configuration. */
  readonly problems: readonly string[];
  /** One line per thing the user should know (absent metadata, CSV fallback, name mismatch). */
  readonly warnings: readonly string[];
}

/** Everything found under a results directory. */
export interface DiscoveredResults {
  /** The results directory, as given. */
  readonly dir: string;
  /** Configurations, in the requested order, else sorted by name. */
  readonly configurations: readonly ConfigurationResults[];
  /** Warnings not tied to one configuration (skipped directories). */
  readonly warnings: readonly string[];
}

/** Options of {@link discoverResults}. */
export interface DiscoverOptions {
  /**
   * The configurations to read, in order (e.g. from a comparison definition). Each must be a directory.
   * @default - Every sub-directory holding AIPerf artifacts or a run.json.
   */
  readonly configurations?: readonly string[];
  /**
   * Directories to skip while discovering (e.g. the report's own output directory).
   * @default - None.
   */
  readonly exclude?: readonly string[];
}

const SWEEP_SHAPE_DIR = /^isl(\d+)-osl(\d+)$/;
const CONCURRENCY_DIR = /^c(\d+)$/;

/** Directory name of the sweep points at one ISL:OSL. */
export function sweepShapeDirName(isl: number, osl: number): string {
  return `isl${isl}-osl${osl}`;
}

/** Directory name of one sweep point's concurrency. */
export function concurrencyDirName(concurrency: number): string {
  return `c${concurrency}`;
}

interface ExportRead {
  readonly data?: AiperfExport;
  readonly file: string;
  readonly problem?: string;
  readonly warnings?: readonly string[];
}

/** What the user should know about an export that was read: CSV fallback, failed requests, a cancelled run. */
export function exportWarnings(data: AiperfExport): string[] {
  const warnings: string[] = [];
  if (data.format === 'csv') {
    warnings.push(
      `${data.file}: read from the CSV export (${AIPERF_JSON_EXPORT} not found); AIPerf rounds its values to 2 decimals`,
    );
  }
  const errors = metricValue(data, AiperfMetric.ERROR_REQUEST_COUNT, 'avg');
  if (errors !== undefined && errors > 0) {
    const total = metricValue(data, AiperfMetric.REQUEST_COUNT, 'avg');
    const of = total === undefined ? '' : ` (besides ${formatNumber(total, NUMBER_FORMATS.count)} successful)`;
    warnings.push(
      `${data.file}: ${formatNumber(errors, NUMBER_FORMATS.count)} requests failed${of}; the metrics cover successful requests only`,
    );
  }
  if (data.wasCancelled === true) {
    warnings.push(`${data.file}: the AIPerf run was cancelled; its numbers cover only the requests that completed`);
  }
  return warnings;
}

/** Reads the JSON export in `dir`, else the CSV one; `undefined` when neither exists. */
async function readExportIn(dir: string): Promise<ExportRead | undefined> {
  const jsonFile = join(dir, AIPERF_JSON_EXPORT);
  const csvFile = join(dir, AIPERF_CSV_EXPORT);
  const hasJson = await isFile(jsonFile);
  const hasCsv = !hasJson && (await isFile(csvFile));
  if (!hasJson && !hasCsv) {
    return undefined;
  }
  const file = hasJson ? jsonFile : csvFile;
  try {
    const data = await readAiperfExport(file);
    return { data, file, warnings: exportWarnings(data) };
  } catch (e) {
    if (e instanceof UserError) {
      return { file, problem: e.problems.join('; ') };
    }
    throw e;
  }
}

function compareNumbers(a: number, b: number): number {
  return a - b;
}

async function readSweep(
  configDir: string,
  metadata: RunMetadata | undefined,
  problems: string[],
  warnings: string[],
): Promise<SweepPoint[]> {
  const found = new Map<string, SweepPoint>();
  const key = (isl: number, osl: number, c: number) => `${isl}:${osl}:${c}`;
  for (const shapeDir of await listSubdirectories(configDir)) {
    const shape = SWEEP_SHAPE_DIR.exec(shapeDir);
    if (!shape) {
      continue;
    }
    const isl = Number(shape[1]);
    const osl = Number(shape[2]);
    for (const cDir of await listSubdirectories(join(configDir, shapeDir))) {
      const c = CONCURRENCY_DIR.exec(cDir);
      if (!c) {
        warnings.push(`${join(configDir, shapeDir, cDir)}: skipped, not a c<CONCURRENCY> directory`);
        continue;
      }
      const concurrency = Number(c[1]);
      const pointDir = join(configDir, shapeDir, cDir);
      const read = await readExportIn(pointDir);
      const file = read?.file ?? join(pointDir, AIPERF_JSON_EXPORT);
      if (read === undefined) {
        problems.push(`${file}: not found`);
      } else if (read.problem !== undefined) {
        problems.push(read.problem);
      }
      warnings.push(...(read?.warnings ?? []));
      found.set(key(isl, osl, concurrency), { isl, osl, concurrency, file, data: read?.data });
    }
  }
  for (const [isl, osl] of metadata?.sweep?.islOsl ?? []) {
    for (const concurrency of metadata?.sweep?.concurrency ?? []) {
      if (!found.has(key(isl, osl, concurrency))) {
        const file = join(configDir, sweepShapeDirName(isl, osl), concurrencyDirName(concurrency), AIPERF_JSON_EXPORT);
        problems.push(`${file}: not found (the sweep in ${RUN_METADATA_FILE} declares this point)`);
        found.set(key(isl, osl, concurrency), { isl, osl, concurrency, file });
      }
    }
  }
  return [...found.values()].sort(
    (a, b) => compareNumbers(a.isl, b.isl) || compareNumbers(a.osl, b.osl) || compareNumbers(a.concurrency, b.concurrency),
  );
}

/**
 * Reads one configuration directory: `run.json`, the single-run export and the sweep points.
 * Missing or malformed files become `problems` (one line each); nothing is thrown for them.
 */
export async function readConfiguration(resultsDir: string, name: string): Promise<ConfigurationResults> {
  const dir = join(resultsDir, name);
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!(await isDirectory(dir))) {
    return { name, dir, sweep: [], problems: [`${dir}: configuration directory not found`], warnings };
  }

  const metadataFile = join(dir, RUN_METADATA_FILE);
  let metadata: RunMetadata | undefined;
  try {
    metadata = await readRunMetadata(metadataFile);
    if (metadata === undefined) {
      warnings.push(`${metadataFile}: not found; recipe, hardware, model and manifest hash are null in summary.json`);
    } else if (metadata.configuration !== name) {
      warnings.push(
        `${metadataFile}: configuration is '${metadata.configuration}' but the directory is '${name}'; the report uses '${name}'`,
      );
    }
  } catch (e) {
    if (!(e instanceof UserError)) {
      throw e;
    }
    problems.push(...e.problems);
  }

  const sweep = await readSweep(dir, metadata, problems, warnings);
  const single = await readExportIn(dir);
  let run: AiperfExport | undefined;
  let runFile: string | undefined;
  if (single !== undefined) {
    run = single.data;
    runFile = single.file;
    if (single.problem !== undefined) {
      problems.push(single.problem);
    }
    warnings.push(...(single.warnings ?? []));
  } else if (sweep.length === 0 && !(metadata?.sweep)) {
    runFile = join(dir, AIPERF_JSON_EXPORT);
    problems.push(`${runFile}: not found`);
  }
  return { name, dir, metadata, run, runFile, sweep, problems, warnings };
}

async function hasArtifacts(dir: string): Promise<boolean> {
  for (const file of [RUN_METADATA_FILE, AIPERF_JSON_EXPORT, AIPERF_CSV_EXPORT]) {
    if (await isFile(join(dir, file))) {
      return true;
    }
  }
  return (await listSubdirectories(dir)).some((d) => SWEEP_SHAPE_DIR.test(d));
}

/**
 * Finds the configurations under a results directory (one sub-directory each, see docs/report.md for the layout)
 * and reads their run metadata and AIPerf exports.
 *
 * @throws UserError when the directory does not exist or holds no configuration. Missing or malformed files of
 *   one configuration do not throw: they are listed in that configuration's `problems`.
 */
export async function discoverResults(dir: string, options: DiscoverOptions = {}): Promise<DiscoveredResults> {
  if (!(await isDirectory(dir))) {
    throw new UserError(`${dir}: results directory not found`);
  }
  const warnings: string[] = [];
  let names: readonly string[];
  if (options.configurations !== undefined) {
    names = options.configurations;
  } else {
    const excluded = new Set((options.exclude ?? []).map((e) => resolve(e)));
    const candidates: string[] = [];
    for (const name of await listSubdirectories(dir)) {
      const sub = join(dir, name);
      if (excluded.has(resolve(sub))) {
        continue;
      }
      if (await hasArtifacts(sub)) {
        candidates.push(name);
      } else {
        warnings.push(
          `${sub}: skipped, holds no ${RUN_METADATA_FILE}, ${AIPERF_JSON_EXPORT} or isl<ISL>-osl<OSL>/c<N>/ sweep points`,
        );
      }
    }
    names = candidates;
  }
  if (names.length === 0) {
    throw new UserError(
      `${dir}: no configurations found (expected <config>/${AIPERF_JSON_EXPORT} or <config>/isl<ISL>-osl<OSL>/c<N>/${AIPERF_JSON_EXPORT})`,
    );
  }
  const configurations: ConfigurationResults[] = [];
  for (const name of names) {
    configurations.push(await readConfiguration(dir, name));
  }
  return { dir, configurations, warnings };
}
