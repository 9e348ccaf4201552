import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const script = cachedBundle();
  cached = { script, bytes: Buffer.byteLength(script, 'utf8'), sha256: createHash('sha256').update(script).digest('hex') };
  return cached;
}

/**
 * The bundle, from a content-addressed cache under `node_modules/.cache/` keyed by the generator's sources and
 * the esbuild and zod versions (bundling costs ~120 ms of every synth; reading the cache ~1 ms).
 */
function cachedBundle(): string {
  const root = projectRoot();
  const hash = createHash('sha256');
  for (const pkg of ['esbuild', 'zod', 'pngjs', 'jpeg-js', 'commander']) {
    hash.update(readFileSync(join(root, 'node_modules', pkg, 'package.json')));
  }
  for (const dir of [join(root, 'src', 'dataset'), join(root, 'src', 'util')]) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort()) {
      hash.update(f).update(readFileSync(join(dir, f)));
    }
  }
  hash.update(readFileSync(join(root, 'src', 'errors.ts')));
  const dir = join(root, 'node_modules', '.cache', 'dynamo-recipes-iac');
  const file = join(dir, `dataset-generator-${hash.digest('hex').slice(0, 32)}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not cached yet: bundle.
  }
  const script = bundle();
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, script);
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // A read-only checkout: bundle again next time.
  }
  return script;
}

function bundle(): string {
  // Loaded only on a cache miss: esbuild is a build tool, not needed to read the cache.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require('esbuild') as typeof import('esbuild');
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
  return file.text;
}
