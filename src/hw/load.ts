import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../errors';
import { formatIssues } from '../util/zod-issues';
import { readYamlFile } from '../util/yaml-file';
import { HardwareProfile, HardwareProfileSchema, isValidProfileName } from './profile';

/** Default folder of the hardware profiles, relative to the working directory. */
export const DEFAULT_PROFILE_DIR = 'hw-profiles';

/**
 * Loads and validates one profile file.
 * @throws UserError naming the file, the field and what is allowed.
 */
export function loadProfile(file: string): HardwareProfile {
  const name = basename(file).replace(/\.ya?ml$/, '');
  if (!isValidProfileName(name)) {
    throw new UserError(`${file}: file name "${name}" cannot name a profile: use lower-case letters, digits and '-', at most 20 characters (e.g. h100.yaml)`);
  }
  const raw = readYamlFile(file, 'a hardware profile mapping (gpu, cpuArch, image, ...)');
  const parsed = HardwareProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = formatIssues(file, parsed.error, raw, HardwareProfileSchema);
    throw new UserError(problems.join('\n'), problems);
  }
  return { ...parsed.data, name, source: file };
}

/**
 * Loads every `*.yaml` profile of `dir`, sorted by name. Reports the problems of all files at once.
 * @throws UserError listing every problem of every invalid file.
 */
export function loadProfiles(dir: string = DEFAULT_PROFILE_DIR): HardwareProfile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (e) {
    throw new UserError(`${dir}: cannot read the hardware profile folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (entries.length === 0) throw new UserError(`${dir}: no hardware profiles (*.yaml) found`);
  const profiles: HardwareProfile[] = [];
  const errors: UserError[] = [];
  for (const entry of entries) {
    try {
      profiles.push(loadProfile(join(dir, entry)));
    } catch (e) {
      if (e instanceof UserError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw UserError.combine(errors);
  return profiles;
}
