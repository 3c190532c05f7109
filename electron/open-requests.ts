// Files to open that reach the app from outside its page — a file manager, the macOS open-file
// event, a second launch, Open Recent. The user named them through the operating system, so
// main reads them; each goes to the window as a 'file:open-request' once its page listens.
import { basename } from 'node:path';
import { MAX_OPEN_BYTES, type OpenRequest } from './contract';
import { fileErrorReason, FileTooLargeError, readTextFile } from './files';
import { documentKind } from './launch-args';

/** The file at `path` as the page opens it, or what went wrong (the page shows it). */
export async function readOpenRequest(path: string, maxBytes: number = MAX_OPEN_BYTES): Promise<OpenRequest> {
  const kind = documentKind(path);
  try {
    const file = await readTextFile(path, maxBytes);
    return { ok: true, value: { kind, name: basename(path), ...file } };
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      return { ok: false, error: { code: 'too-large', message: `${error.message} Split it, or remove columns you do not need.`, where: path } };
    }
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      error: {
        code: missing ? 'not-found' : 'io-failed',
        message: `Could not open "${basename(path)}": ${fileErrorReason(error)}.${missing ? ' It may have been moved or deleted.' : ' Check that you may read it.'}`,
        where: path,
      },
    };
  }
}

/**
 * Holds paths until the window's page can take them (a file double-clicked to start the app
 * arrives before the page has loaded), then passes them on in order; later ones go straight on.
 */
export class PendingOpens {
  #ready = false;
  #queue: string[] = [];

  constructor(private readonly deliver: (path: string) => void) {}

  request(paths: readonly string[]): void {
    if (this.#ready) for (const path of paths) this.deliver(path);
    else this.#queue.push(...paths);
  }

  /** The page listens now (it loaded): what waited goes, in order. */
  ready(): void {
    this.#ready = true;
    for (const path of this.#queue.splice(0)) this.deliver(path);
  }

  /** The page is gone or reloading: hold again until it is back. */
  hold(): void {
    this.#ready = false;
  }
}
