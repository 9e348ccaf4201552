import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The project's root folder (where its package.json is), found by walking up from this module, so that
 * data files (`crds/`, `hw-profiles/`) resolve the same from source (`src/`), tests and a bundle (`lib/`).
 */
export function projectRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dynamo-recipes-iac') {
      cached = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the dynamo-recipes-iac package root above ${__dirname}`);
  }
}
