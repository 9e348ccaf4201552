import { CliArg, toArgv, toShellCommand } from './cli-args';

/** How a container starts its server process. */
export enum LaunchStyle {
  /** Exec form: `command` is the program, `args` its options. No shell. */
  EXEC = 'exec',
  /**
   * A `bash -lc` script (`set -euo pipefail`, optional `ulimit -l unlimited`, then `exec` of the server),
   * so that options can read environment variables at start-up (`"${DYN_MULTIMODAL_EMBEDDING_CACHE_GB}"`).
   */
  SHELL = 'shell',
}

/** How a server container is launched. */
export interface LaunchOptions {
  /**
   * Exec form or a bash script.
   * @default LaunchStyle.EXEC
   */
  readonly style?: LaunchStyle;
  /**
   * Lift the locked-memory limit for RDMA / NIXL pinned buffers: adds the `IPC_LOCK` and `SYS_RESOURCE`
   * capabilities and, in a shell launch, `ulimit -l unlimited`.
   * @default false
   */
  readonly lockMemory?: boolean;
  /**
   * Pass the model id through the `MODEL_NAME` environment variable (`--model "${MODEL_NAME}"`)
   * instead of literally, so the id is written once in the pod spec.
   * @default false
   */
  readonly modelFromEnv?: boolean;
}

/** A rendered container start-up: where the script goes depends on the caller (DGD `args`, Deployment `command`). */
export interface RenderedLaunch {
  /** Program and leading words. */
  readonly command: string[];
  /** Arguments (exec form) or the one script (shell form). */
  readonly args: string[];
}

/** Capabilities a locked-memory launch needs. */
export const LOCK_MEMORY_CAPABILITIES = ['IPC_LOCK', 'SYS_RESOURCE'] as const;

/** Renders `program args...` in the requested launch style. */
export function renderLaunch(program: readonly string[], args: readonly CliArg[], options: LaunchOptions = {}): RenderedLaunch {
  if ((options.style ?? LaunchStyle.EXEC) === LaunchStyle.EXEC) {
    return { command: [...program], args: toArgv(args) };
  }
  const script = [
    'set -euo pipefail',
    ...(options.lockMemory ? ['ulimit -l unlimited'] : []),
    `exec ${toShellCommand(program, args)}`,
  ].join('\n');
  return { command: ['/bin/bash', '-lc'], args: [`${script}\n`] };
}
