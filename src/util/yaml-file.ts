import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors';

/**
 * Reads one YAML document from `file`.
 *
 * @param expected what the file should hold, for the empty-file message (e.g. "a hardware profile mapping")
 * @throws UserError on a missing file, a YAML syntax error (`file:line:col: ...`) or an empty file.
 */
export function readYamlFile(file: string, expected: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: cannot read file (${code ?? String(e)})`);
  }
  return parseYamlText(text, file, expected);
}

/** Parses YAML text as {@link readYamlFile} does; `where` names the input in messages. */
export function parseYamlText(text: string, where: string, expected: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((err) => {
      const pos = lineCounter.linePos(err.pos[0]);
      const at = `:${pos.line}:${pos.col}`;
      return `${where}${at}: YAML syntax error: ${err.message.split('\n')[0]}`;
    });
    throw new UserError(problems.join('\n'), problems);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) {
    throw new UserError(`${where}: file is empty; expected ${expected}`);
  }
  return value;
}
