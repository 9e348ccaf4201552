/**
 * An error caused by user input (a hardware profile, a stack config, a CLI flag, recipe options).
 *
 * CLIs print `problems` one per line, without a stack trace, and exit non-zero.
 * Each problem names what is wrong and where (file, field) and what is allowed.
 */
export class UserError extends Error {
  /** One line per problem, each self-contained. */
  public readonly problems: readonly string[];

  public constructor(message: string, problems?: readonly string[]) {
    super(message);
    this.name = 'UserError';
    this.problems = problems && problems.length > 0 ? problems : [message];
  }

  /** Joins several user errors into one that carries all their problems. */
  public static combine(errors: readonly UserError[]): UserError {
    const problems = errors.flatMap((e) => e.problems);
    return new UserError(problems.join('\n'), problems);
  }
}

/** True for errors that are the user's to fix (printed without a stack trace). */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
