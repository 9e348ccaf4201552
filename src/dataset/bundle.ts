import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { projectRoot } from '../util/project-root';

/** The dataset CLI bundled into one self-contained script for `node` (no node_modules needed). */
export interface DatasetCliBundle {
  /** The script (CommonJS, minified, Node 20). */
  readonly script: string;
  /** Its size in bytes (UTF-8). */
  readonly bytes: number;
  /** SHA-256 of the script, hex. */
  readonly sha256: string;
}

let cached: DatasetCliBundle | undefined;

/**
 * Bundles `src/dataset/cli.ts` and its dependencies with esbuild (once per process; later calls return the
 * same bundle). Runs at synth time, so the in-cluster Job runs exactly the generator of this checkout.
 * About 210 KB: the dataset modules import zod as a namespace (`import * as z`), which lets esbuild drop
 * the ~260 KB of zod locales that `import { z }` would pull in.
 */
export function bundleDatasetCli(): DatasetCliBundle {
  if (cached) return cached;
  const result = buildSync({
    entryPoints: [join(projectRoot(), 'src', 'dataset', 'cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    minify: true,
    legalComments: 'eof',
    banner: { js: '// dynamo-recipes-iac dataset generator: src/dataset/cli.ts bundled with esbuild. Usage: node generate.js --help' },
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no output for src/dataset/cli.ts');
  const script = file.text;
  cached = { script, bytes: Buffer.byteLength(script, 'utf8'), sha256: createHash('sha256').update(script).digest('hex') };
  return cached;
}
