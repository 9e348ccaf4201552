import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';

/** Receives the bytes of a file being written; `write` resolves once the chunk is buffered (backpressure). */
export interface FileSink {
  /** Appends a chunk. */
  write(chunk: string | Uint8Array): Promise<void>;
}

/**
 * The temporary file a dataset is written to before it is renamed into place: `.<name>.partial`, beside it
 * (same file system, so the rename is atomic). One per target, so a writer killed without cleanup
 * (SIGKILL) leaves at most one stale partial file, overwritten by the next run. Two writers must not
 * produce the same file in the same directory at the same time.
 */
export function partialPath(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.partial`);
}

/** Thrown when a write is cancelled through its AbortSignal. */
export class WriteAbortedError extends Error {
  public constructor(path: string) {
    super(`writing ${path} was cancelled`);
    this.name = 'WriteAbortedError';
  }
}

/**
 * Writes a file all or nothing: `produce` streams into the partial file, which is flushed and renamed to
 * `finalPath` only if `produce` resolves; on any failure or abort the partial file is removed and
 * `finalPath` is left as it was. Creates the directory if needed.
 * @returns bytes written
 */
export async function writeFileAtomically(
  finalPath: string,
  produce: (sink: FileSink) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  await mkdir(dirname(finalPath), { recursive: true });
  const temp = partialPath(finalPath);
  const stream = createWriteStream(temp, { flags: 'w', flush: true });
  let failure: Error | undefined;
  stream.on('error', (e) => {
    failure ??= e;
  });
  const sink: FileSink = {
    async write(chunk) {
      if (failure) throw failure;
      if (signal?.aborted) throw new WriteAbortedError(finalPath);
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = (): void => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (e: Error): void => {
            stream.off('drain', onDrain);
            reject(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
        if (failure) throw failure;
      }
    },
  };
  try {
    await produce(sink);
    if (signal?.aborted) throw new WriteAbortedError(finalPath);
    stream.end();
    await finished(stream);
    if (failure) throw failure;
    await rename(temp, finalPath);
    return stream.bytesWritten;
  } catch (e) {
    stream.destroy();
    await finished(stream).catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  }
}
