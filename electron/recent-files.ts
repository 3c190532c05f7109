// The files the user opened or saved lately, newest first: File > Open Recent. Kept in
// userData/recent-files.json, written atomically, one write at a time; a missing or damaged
// file is an empty list, never an error.
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import * as v from 'valibot';
import type { DocumentKind } from './contract';
import { atomicWrite } from './files';

export const MAX_RECENT = 10;

export interface RecentFile {
  path: string;
  kind: DocumentKind;
}

const RecentSchema = v.object({
  files: v.array(v.object({ path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096), v.check(isAbsolute)), kind: v.picklist(['data', 'project']) })),
});

/** The list a file holds (at most MAX_RECENT, each path once), or [] when it is not ours. */
export function parseRecentFiles(text: string): RecentFile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = v.safeParse(RecentSchema, json);
  if (!parsed.success) return [];
  return parsed.output.files.reduce<RecentFile[]>((list, file) => (list.some((f) => f.path === file.path) ? list : [...list, file]), []).slice(0, MAX_RECENT);
}

/** `file` first, without its older entry, the list cut to MAX_RECENT. */
export function withRecent(list: readonly RecentFile[], file: RecentFile): RecentFile[] {
  return [file, ...list.filter((f) => f.path !== file.path)].slice(0, MAX_RECENT);
}

export interface RecentFilesOptions {
  write?: typeof atomicWrite;
  /** After every change (main rebuilds the menu). */
  onChange?(files: readonly RecentFile[]): void;
  onError?(error: unknown): void;
}

export class RecentFiles {
  #files: RecentFile[] = [];
  #chain: Promise<void> = Promise.resolve();
  readonly #write: typeof atomicWrite;

  constructor(
    readonly file: string,
    private readonly options: RecentFilesOptions = {},
  ) {
    this.#write = options.write ?? atomicWrite;
  }

  get files(): readonly RecentFile[] {
    return this.#files;
  }

  async load(): Promise<void> {
    try {
      this.#files = parseRecentFiles(await readFile(this.file, 'utf8'));
    } catch {
      this.#files = [];
    }
    this.options.onChange?.(this.#files);
  }

  add(path: string, kind: DocumentKind): void {
    this.#set(withRecent(this.#files, { path, kind }));
  }

  remove(path: string): void {
    this.#set(this.#files.filter((f) => f.path !== path));
  }

  clear(): void {
    this.#set([]);
  }

  /** Resolves once every change so far is on disk. */
  flush(): Promise<void> {
    return this.#chain;
  }

  #set(files: RecentFile[]): void {
    this.#files = files;
    this.options.onChange?.(files);
    const text = `${JSON.stringify({ files }, null, 2)}\n`;
    this.#chain = this.#chain.then(() => this.#write(this.file, text)).catch((error: unknown) => this.options.onError?.(error));
  }
}
