#!/usr/bin/env node
// Compiles the synth CLI (src/main.ts and what it imports) into one CommonJS file, lib/main.js, with esbuild:
// no type-checking (`npm test` runs tsc once), dependencies left in node_modules. Skips the work when
// lib/main.js is newer than every source file, like make. `--force` rebuilds.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'lib', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate() {
  try {
    const built = statSync(out).mtimeMs;
    const inputs = [newestSource(join(root, 'src')), newestSource(join(root, 'imports')), statSync(join(root, 'package-lock.json')).mtimeMs];
    return inputs.every((t) => t < built);
  } catch {
    return false;
  }
}

if (process.argv.includes('--force') || !upToDate()) {
  await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
