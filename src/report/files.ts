import { readdir, readFile, stat } from 'node:fs/promises';
import { UserError } from '../errors';

function readProblem(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new UserError(`${file}: not found`);
  }
  if (code === 'EISDIR') {
    return new UserError(`${file}: is a directory, expected a file`);
  }
  return new UserError(`${file}: cannot be read (${code ?? (e as Error).message})`);
}

/**
 * Reads a UTF-8 text file.
 *
 * @throws UserError one line naming the file when it is missing or unreadable.
 */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw readProblem(file, e);
  }
}

/**
 * Reads a UTF-8 text file, or returns `undefined` when it does not exist.
 *
 * @throws UserError one line naming the file when it exists but cannot be read.
 */
export async function readOptionalTextFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw readProblem(file, e);
  }
}

/** True when `path` exists and is a regular file. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** True when `path` exists and is a directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Names of the sub-directories of `dir` (hidden ones excluded), sorted by code point. */
export async function listSubdirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
