import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { findManifestFiles, readManifestFile, type ParsedManifestFile } from './load-manifests';
import { validateObjects, type ValidateOptions } from './validate-objects';
import type { Violation } from './violation';

/** Options of {@link validatePaths} and {@link validateDirectory}. */
export interface ValidatePathsOptions extends ValidateOptions {
  /**
   * Maps a file path (as found on disk) to the name shown in reports, e.g. to show `dist/...` for files validated in a
   * temporary directory before they are moved into place.
   * @default - The path as found (directory argument joined with the file's relative path).
   */
  readonly displayName?: (file: string) => string;
}

/** The outcome of validating files on disk. */
export interface ValidationReport {
  /** Every violation: YAML syntax errors, schema errors, rule findings. */
  readonly violations: readonly Violation[];
  /** The files read (display names), sorted. */
  readonly files: readonly string[];
  /** Number of violations with severity `error`. */
  readonly errorCount: number;
  /** Number of violations with severity `warning`. */
  readonly warningCount: number;
}

/**
 * Validates YAML files and directories. Directories are searched recursively for `*.yaml` / `*.yml`.
 * Files are grouped by the directory that holds them: each directory is one manifest set (one comparison, deployed
 * into one namespace), so cross-object checks (references, duplicates) look only inside it.
 *
 * @throws UserError when a path does not exist, or when no YAML file is found
 */
export function validatePaths(paths: readonly string[], options: ValidatePathsOptions = {}): ValidationReport {
  const files = new Set<string>();
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UserError(`${p}: no such file or directory`);
    }
    if (stat.isDirectory()) findManifestFiles(p).forEach((f) => files.add(f));
    else files.add(p);
  }
  if (files.size === 0) throw new UserError(`no *.yaml or *.yml file found in ${paths.join(', ')}`);

  const display = options.displayName ?? ((f: string) => f);
  const byDirectory = new Map<string, ParsedManifestFile[]>();
  for (const file of [...files].sort()) {
    const dir = path.dirname(path.resolve(file));
    const parsed = readManifestFile(file, display(file));
    const group = byDirectory.get(dir);
    if (group === undefined) byDirectory.set(dir, [parsed]);
    else group.push(parsed);
  }

  const violations: Violation[] = [];
  for (const group of byDirectory.values()) {
    for (const parsed of group) violations.push(...parsed.violations);
    violations.push(...validateObjects(group.flatMap((p) => p.docs), options));
  }
  const ordered = orderByFile(violations);
  return {
    violations: ordered,
    files: [...files].sort().map(display),
    errorCount: ordered.filter((v) => v.severity === 'error').length,
    warningCount: ordered.filter((v) => v.severity === 'warning').length,
  };
}

/** Validates every YAML file under a directory (see {@link validatePaths}). */
export function validateDirectory(dir: string, options: ValidatePathsOptions = {}): Violation[] {
  return [...validatePaths([dir], options).violations];
}

/** Stable sort by file name; syntax errors (which have lines) first within a file, by line. */
function orderByFile(violations: readonly Violation[]): Violation[] {
  return violations
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (a.v.file < b.v.file ? -1 : a.v.file > b.v.file ? 1 : 0) || (a.v.line ?? Number.MAX_SAFE_INTEGER) - (b.v.line ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map((x) => x.v);
}
