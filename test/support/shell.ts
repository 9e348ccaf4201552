/**
 * Just enough of bash's word splitting to read the server command lines of container scripts in tests:
 * line continuations, single and double quotes, and `${NAME}` / `$NAME` expansion from the container env.
 */
export function shellWords(line: string, env: Readonly<Record<string, string>>): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  const expand = (s: string): string => s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a: string, b: string) => {
    const name = a ?? b;
    if (!(name in env)) throw new Error(`unset variable ${name} in: ${line}`);
    return env[name];
  });
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      const end = line.indexOf('"', i + 1);
      cur += expand(line.slice(i + 1, end));
      i = end;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      let j = i;
      while (j < line.length && !/[\s'"]/.test(line[j])) j++;
      cur += expand(line.slice(i, j));
      i = j - 1;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/**
 * The command a container really runs: for `bash -lc <script>`, the script's line that starts `program`
 * (after an optional `exec`), with continuations joined and words expanded; otherwise command + args.
 */
export function effectiveCommand(
  container: { command?: string[]; args?: string[] },
  program: string,
  env: Readonly<Record<string, string>>,
): string[] {
  const all = [...(container.command ?? []), ...(container.args ?? [])];
  if (all[0] === '/bin/bash' && all[1] === '-lc') {
    const script = all.slice(2).join('\n').replace(/\\\n/g, ' ');
    const line = script.split('\n').map((l) => l.trim().replace(/^exec\s+/, '')).find((l) => l.startsWith(program));
    if (!line) throw new Error(`no "${program}" line in script:\n${script}`);
    return shellWords(line, env);
  }
  // Exec form: Kubernetes expands $(NAME) from the container env.
  return all.map((w) => w.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (_, n: string) => env[n] ?? `$(${n})`));
}

/**
 * Parses `--flag value` / `--switch` options into a map (value `true` for switches), after `skip` leading words.
 * Order-insensitive comparison of two command lines is then a map comparison.
 */
export function optionMap(words: readonly string[], skip: number): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = skip; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('--')) throw new Error(`expected an option, got "${w}" in ${words.join(' ')}`);
    const next = words[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[w] = next;
      i++;
    } else {
      out[w] = true;
    }
  }
  return out;
}

/** `[{name, value}]` → `{name: value}`. */
export function envMap(env: readonly { name: string; value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((env ?? []).map((e) => [e.name, e.value ?? '']));
}
