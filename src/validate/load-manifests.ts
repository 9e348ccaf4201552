import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { UserError } from '../errors';
import { isRecord, type ManifestDoc } from './manifest-doc';
import type { Violation } from './violation';

/** The documents of one manifest file, and its syntax problems. */
export interface ParsedManifestFile {
  /** The file name as it appears in reports. */
  readonly file: string;
  /** The Kubernetes objects, in file order (`kind: List` items are expanded; empty documents are skipped). */
  readonly docs: readonly ManifestDoc[];
  /** YAML syntax errors (with line and column) and documents that are not objects. */
  readonly violations: readonly Violation[];
}

/**
 * YAML 1.1 parse options, because `kubectl` decodes YAML 1.1 (`sigs.k8s.io/yaml`): `on`, `yes`, `y` are booleans
 * there, so an unquoted `value: on` in an env var is a type error for the API server and must be one here too.
 * Timestamps and `1:20` stay strings (as they do when go-yaml decodes into JSON), duplicate keys are errors.
 */
function parseOptions(lineCounter: YAML.LineCounter): YAML.ParseOptions & YAML.DocumentOptions & YAML.SchemaOptions {
  return {
    lineCounter,
    prettyErrors: false,
    version: '1.1',
    uniqueKeys: true,
    // go-yaml (what kubectl uses) resolves neither timestamps nor sexagesimal numbers (`1:20`) into a JSON value.
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
  };
}

/** Parses a (multi-document) manifest text. Never throws: syntax errors are returned as violations. */
export function parseManifestText(file: string, text: string): ParsedManifestFile {
  const lineCounter = new YAML.LineCounter();
  const docs: ManifestDoc[] = [];
  const violations: Violation[] = [];
  const textViolation = (offset: number, message: string, rule: string): Violation => {
    const pos = lineCounter.linePos(offset);
    return { severity: 'error', file, kind: '', name: '', path: '', message, rule, line: pos.line, column: pos.col };
  };
  YAML.parseAllDocuments(text, parseOptions(lineCounter)).forEach((document, index) => {
    const firstError = document.errors[0];
    if (firstError !== undefined) {
      // Only the first: the ones after it are usually consequences of it.
      violations.push(textViolation(firstError.pos[0], `YAML syntax error: ${firstError.message}`, 'yaml-syntax'));
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      violations.push(textViolation(document.range[0], `YAML error: ${(e as Error).message}`, 'yaml-syntax'));
      return;
    }
    if (value === null || value === undefined) return;
    if (!isRecord(value)) {
      const got = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
      violations.push(textViolation(document.range[0], `document ${index + 1} is ${got}, not a Kubernetes object`, 'not-an-object'));
      return;
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isRecord(item)) docs.push({ file, doc: item, index });
        else violations.push(textViolation(document.range[0], `document ${index + 1}: List item ${i} is not a Kubernetes object`, 'not-an-object'));
      });
      return;
    }
    docs.push({ file, doc: value, index });
  });
  return { file, docs, violations };
}

/** Reads and parses one manifest file; `displayName` is the name used in reports (default: `file`). */
export function readManifestFile(file: string, displayName: string = file): ParsedManifestFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`${displayName}: cannot read manifest file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseManifestText(displayName, text);
}

const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * Every `*.yaml` / `*.yml` file under a directory, recursively, sorted; skips `node_modules` and dot-directories.
 * @throws UserError when `dir` is not a readable directory.
 */
export function findManifestFiles(dir: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UserError(`${dir}: no such file or directory`);
  }
  if (!stat.isDirectory()) throw new UserError(`${dir}: not a directory`);
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out;
}
