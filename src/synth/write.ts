import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Yaml } from 'cdk8s';
import { ManifestFile } from './render';

/** Serializes a file's objects as a multi-document YAML stream. */
export function toYaml(file: ManifestFile): string {
  return Yaml.stringify(...file.objects);
}

/** A file as it will be written: its path relative to the output folder and its YAML text. */
export interface YamlFile {
  readonly path: string;
  readonly yaml: string;
}

/** Serializes every file once; validation and writing then share the text. */
export function serialize(files: readonly ManifestFile[]): YamlFile[] {
  return files.map((f) => ({ path: f.path, yaml: toYaml(f) }));
}

/**
 * Writes `files` under `outdir` atomically: everything goes to a sibling temporary folder first, which then
 * replaces `outdir` in one rename. On any error nothing of the new output is left behind.
 */
export function writeOutput(outdir: string, files: readonly YamlFile[]): void {
  const target = resolve(outdir);
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.yaml);
    }
    mkdirSync(staging, { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
