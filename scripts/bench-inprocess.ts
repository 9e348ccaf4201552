/**
 * Child process of `npm run bench`: times the in-process synth API (no CLI) on `scale` copies of the real
 * (comparison, profile, configuration) set and prints one JSON line: {triples, firstMs, medianMs, validateMs, maxRssMiB}.
 * Usage: tsx scripts/bench-inprocess.ts <scale> <runs> [--validate]
 */
import { loadProfiles } from '../src/hw';
import { COMPARISONS, Comparison, defineComparison } from '../src/recipes';
import { synthesize } from '../src/synth/synthesize';
import { validateRendered } from '../src/synth/validate-output';

const scale = Number(process.argv[2] ?? '1');
const runs = Number(process.argv[3] ?? '5');
const validate = process.argv.includes('--validate');

/** `scale` copies of every comparison, renamed so their outputs do not collide (`<name>-v<i>`). */
function variants(): Comparison[] {
  if (scale === 1) return [...COMPARISONS];
  return Array.from({ length: scale }, (_, i) => COMPARISONS.map((c) => defineComparison({ ...c, name: `${c.name}-v${i}`, prefix: `${c.prefix}-v${i}` }))).flat();
}

const profiles = loadProfiles('hw-profiles');
const comparisons = variants();
const triples = comparisons.reduce((n, c) => n + c.targets.length * c.configurations.length, 0);
const times: number[] = [];
let validateMs: number | null = null;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const result = synthesize(comparisons, profiles);
  times.push(performance.now() - t);
  if (validate && i === 0) {
    const v = performance.now();
    const errors = validateRendered('dist', result.files).filter((x) => x.severity === 'error');
    validateMs = performance.now() - v;
    if (errors.length > 0) throw new Error(`validation errors: ${errors.length}`);
  }
}
const warm = times.slice(1).sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({
  triples,
  firstMs: times[0],
  medianMs: warm.length > 0 ? warm[Math.floor(warm.length / 2)] : times[0],
  validateMs,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
})}\n`);
