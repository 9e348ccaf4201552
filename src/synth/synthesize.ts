import { UserError } from '../errors';
import { HardwareProfile } from '../hw';
import { Comparison } from '../recipes/comparison';
import { buildComparison, FitError, missingStorageClass } from './build';
import { ManifestFile, renderComparison } from './render';

/** Which (recipe, profile) pairs to synthesize. */
export interface SynthSelection {
  /**
   * Comparison names.
   * @default - all
   */
  readonly recipes?: readonly string[];
  /**
   * Hardware profile names.
   * @default - every profile each comparison targets
   */
  readonly hardware?: readonly string[];
  /**
   * Try every profile, not only the ones a comparison targets (pairs that do not fit are skipped).
   * @default false
   */
  readonly allProfiles?: boolean;
}

/** A pair that was not synthesized, and why. */
export interface SkippedPair {
  readonly recipe: string;
  readonly hardware: string;
  /** One line per reason. */
  readonly reasons: readonly string[];
}

/** The result of {@link synthesize}. */
export interface SynthResult {
  /** Files to write, relative to the output folder. */
  readonly files: readonly ManifestFile[];
  /** `<hw>/<recipe>` of every pair synthesized. */
  readonly synthesized: readonly string[];
  /** Pairs skipped because they do not fit. */
  readonly skipped: readonly SkippedPair[];
}

function pick<T extends { readonly name: string }>(all: readonly T[], wanted: readonly string[] | undefined, what: string): readonly T[] {
  if (!wanted || wanted.length === 0) return all;
  const names = all.map((x) => x.name);
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length > 0) {
    throw new UserError(`unknown ${what} ${unknown.map((u) => `"${u}"`).join(', ')}; allowed: ${names.join(', ')}`);
  }
  return all.filter((x) => wanted.includes(x.name));
}

/**
 * Builds and renders every selected (comparison, profile) pair in memory. A pair that does not fit its hardware
 * is skipped with its reasons, unless both the recipe and the hardware were asked for by name: then the
 * fit problems are the error.
 * @throws UserError for unknown names, missing site values, or an explicitly requested pair that does not fit
 */
export function synthesize(comparisons: readonly Comparison[], profiles: readonly HardwareProfile[], selection: SynthSelection = {}): SynthResult {
  const recipes = pick(comparisons, selection.recipes, 'recipe');
  const hardware = pick(profiles, selection.hardware, 'hardware profile');
  const explicit = (selection.recipes?.length ?? 0) > 0 && (selection.hardware?.length ?? 0) > 0;
  const files: ManifestFile[] = [];
  const synthesized: string[] = [];
  const skipped: SkippedPair[] = [];
  const errors: UserError[] = [];
  for (const hw of hardware) {
    const wanted = recipes.filter((r) => selection.allProfiles || explicit || r.targets.includes(hw.name));
    if (wanted.length > 0 && !hw.storageClass) {
      // One line per profile, however many comparisons need it.
      errors.push(missingStorageClass(hw, wanted.map((r) => r.name)));
      continue;
    }
    for (const recipe of wanted) {
      try {
        files.push(...renderComparison(buildComparison(recipe, hw)));
        synthesized.push(`${hw.name}/${recipe.name}`);
      } catch (e) {
        if (e instanceof FitError && !explicit) skipped.push({ recipe: recipe.name, hardware: hw.name, reasons: e.problems });
        else if (e instanceof UserError) errors.push(e);
        else throw e;
      }
    }
  }
  if (errors.length > 0) throw UserError.combine(errors);
  return { files, synthesized, skipped };
}
