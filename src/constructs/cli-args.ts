/** One command-line option: a flag and, unless it is a switch, its value. */
export type CliArg = readonly [flag: string, value?: string];

const ENV_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * A value that reads an environment variable of the container at start-up.
 * Rendered as `"${NAME}"` in a shell script and as `$(NAME)` (Kubernetes expansion) in an exec-form command.
 */
export function envRef(name: string): string {
  return `\${${name}}`;
}

/** The variable an {@link envRef} value names, if it is one. */
export function envRefName(value: string): string | undefined {
  return ENV_REF.exec(value)?.[1];
}

/** Flattens options to argv for an exec-form command; env references become Kubernetes `$(NAME)` expansions. */
export function toArgv(args: readonly CliArg[]): string[] {
  return args.flatMap(([flag, value]) => {
    if (value === undefined) return [flag];
    const ref = envRefName(value);
    return [flag, ref ? `$(${ref})` : value];
  });
}

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a word for bash: bare when safe, `"${NAME}"` for an env reference, single-quoted otherwise. */
export function shellQuote(value: string): string {
  if (envRefName(value)) return `"${value}"`;
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Renders a program and its options as one shell command, one option per continued line. */
export function toShellCommand(program: readonly string[], args: readonly CliArg[]): string {
  const head = program.map(shellQuote).join(' ');
  const lines = args.map(([flag, value]) => `  ${flag}${value === undefined ? '' : ` ${shellQuote(value)}`}`);
  return [head, ...lines].join(' \\\n');
}

/** Formats a number as vLLM recipes write fractions: two decimals (`0.90`, `0.85`). */
export function fraction(value: number): string {
  return value.toFixed(2);
}
