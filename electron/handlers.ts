// What each invoke channel does once ipc.ts has checked the sender and the payload. Dialogs and
// paths come in as dependencies, so tests and the e2e harness run this very code under Node.
import { basename, dirname, join } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { holidayCountries, holidayStates } from '../engine/forecast/holidays';
import { MAX_MODEL_CHARS, MAX_OPEN_BYTES, type AppInfo, type DocumentKind, type RunChannel, type OpenResult, type SaveKind, type WhatIfChannel } from './contract';
import { atomicWrite, fileErrorReason, fileExists, FileTooLargeError, readTextFile, safeFileName, safeFolderName, withExtension } from './files';
import { IpcFailure, type Handlers, type SenderContents } from './ipc';
import { documentKind } from './launch-args';
import { buildModelExport, exportBytes, isWriteRefusal, MODEL_EXPORT_SPECS, ModelExportError, writeModelExport, type BuiltExport } from './model-export';
import { listSamples, openSample, SampleNotFoundError } from './samples';
import { createWhatIfService } from './what-if';

/** Main's dialogs, parented to the window that asked (main.ts maps the sender to its window). */
export interface Dialogs {
  showOpenDialog(sender: SenderContents, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(sender: SenderContents, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /**
   * Asks whether to replace the existing file at `path`: for a name the save dialog could not
   * check, because the extension was added after it closed (GTK dialogs do not add one).
   */
  confirmOverwrite(sender: SenderContents, path: string): Promise<boolean>;
}

export interface HandlerDeps {
  appInfo: AppInfo;
  samplesDir: string;
  dialogs: Dialogs;
  /** Where the first save dialog opens (the user's Documents folder). */
  defaultSaveDir: string;
  /** The atomic write; tests substitute one that fails. */
  writeFile?: typeof atomicWrite;
  /** The job channels (electron/jobs.ts's bridge over the worker pool). */
  runs?: Pick<Handlers, RunChannel>;
  /** The what-if channels (electron/what-if.ts); a service of its own when left out. */
  whatIf?: Pick<Handlers, WhatIfChannel>;
  /** The window and app around the page; each part may be left out (tests, the e2e harness). */
  shell?: Partial<ShellDeps>;
}

/** What main keeps for each window, and the app's own services. */
export interface ShellDeps {
  /** The user opened or saved this file as a document: Open Recent, and the window's project file. */
  documentOpened(sender: SenderContents, path: string, kind: DocumentKind): void;
  /** The project file this window last opened or saved (Save Project writes there). */
  projectPath(sender: SenderContents): string | null;
  setEdited(sender: SenderContents, edited: boolean, document: string): void;
  closeWindow(sender: SenderContents): void;
  showLogs(): Promise<void>;
}

interface SaveKindSpec {
  extension: string;
  filter: { name: string; extensions: string[] };
  /** Text or bytes; anything else is refused before the dialog opens. */
  content: 'text' | 'bytes';
}

export const SAVE_KIND_SPECS: Readonly<Record<SaveKind, SaveKindSpec>> = {
  csv: { extension: 'csv', filter: { name: 'CSV', extensions: ['csv'] }, content: 'text' },
  png: { extension: 'png', filter: { name: 'PNG image', extensions: ['png'] }, content: 'bytes' },
  json: { extension: 'json', filter: { name: 'JSON', extensions: ['json'] }, content: 'text' },
  project: { extension: 'tidecast', filter: { name: 'Tidecast project', extensions: ['tidecast'] }, content: 'text' },
  html: { extension: 'html', filter: { name: 'Web page (HTML)', extensions: ['html', 'htm'] }, content: 'text' },
};

export const OPEN_CSV_FILTERS = [
  { name: 'CSV and text files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export const OPEN_MODEL_FILTERS = [
  { name: 'Tidecast model', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** File > Open: data and projects alike, the app's own kinds first. */
export const OPEN_DOCUMENT_FILTERS = [
  { name: 'Data and projects', extensions: ['csv', 'tsv', 'txt', 'tidecast'] },
  { name: 'CSV and text files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'Tidecast project', extensions: ['tidecast'] },
  { name: 'All files', extensions: ['*'] },
];

export const OPEN_PROJECT_FILTERS = [
  { name: 'Tidecast project', extensions: ['tidecast'] },
  { name: 'All files', extensions: ['*'] },
];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Run channels for a process without a worker pool: each answers that training is unavailable. */
function noRuns(): Pick<Handlers, RunChannel> {
  const unavailable = (channel: RunChannel) => (): never => {
    throw new IpcFailure('internal', 'Forecasting is not available in this window (no job pool was started).', channel);
  };
  return {
    'forecast:start': unavailable('forecast:start'),
    'forecast:apply': unavailable('forecast:apply'),
    'forecast:cancel': unavailable('forecast:cancel'),
    'forecast:pause': unavailable('forecast:pause'),
    'forecast:resume': unavailable('forecast:resume'),
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const write = deps.writeFile ?? atomicWrite;
  const shell = deps.shell ?? {};
  // The next save dialog opens where the user last saved (for this session).
  let lastSaveDir = deps.defaultSaveDir;

  /**
   * The path the user chose in the save dialog, with the kind's extension (none for a folder);
   * null when cancelled.
   */
  const chooseSavePath = async (
    sender: SenderContents,
    defaultPath: string,
    spec: { title?: string; filters: SaveKindSpec['filter'][]; extension: string | null },
  ): Promise<string | null> => {
    const choice = await deps.dialogs.showSaveDialog(sender, {
      title: spec.title ?? 'Save',
      defaultPath,
      filters: spec.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return null;
    if (spec.extension === null) return choice.filePath;
    const path = withExtension(choice.filePath, spec.extension);
    // The dialog asked about the name as typed; the name with the extension may exist as well.
    if (path !== choice.filePath && (await fileExists(path)) && !(await deps.dialogs.confirmOverwrite(sender, path))) return null;
    return path;
  };

  const writeOrExplain = async (path: string, content: string | Uint8Array): Promise<void> => {
    try {
      await write(path, content);
    } catch (error) {
      throw new IpcFailure(
        'io-failed',
        `Could not save "${basename(path)}" in ${dirname(path)}: ${fileErrorReason(error)}. Nothing was written; choose another folder or free some space.`,
        path,
      );
    }
  };

  return {
    ...(deps.runs ?? noRuns()),
    ...(deps.whatIf ?? createWhatIfService().handlers),

    'holidays:places': ({ country }) => {
      const places = country === null ? holidayCountries() : holidayStates(country);
      return Object.entries(places)
        .map(([code, name]) => ({ code: country === null ? code : `${country.toUpperCase()}-${code}`, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    },

    'app:info': () => deps.appInfo,

    'samples:list': () => listSamples(deps.samplesDir),

    'samples:open': async ({ name }) => {
      try {
        return await openSample(deps.samplesDir, name);
      } catch (error) {
        if (error instanceof SampleNotFoundError) throw new IpcFailure('not-found', error.message, 'samples:open');
        throw error;
      }
    },

    'file:open-csv': async (_request, { sender }) => {
      const choice = await deps.dialogs.showOpenDialog(sender, {
        title: 'Open CSV',
        properties: ['openFile'],
        filters: OPEN_CSV_FILTERS,
      });
      const file = await openChosen(choice, MAX_OPEN_BYTES, 'Split it, or remove columns you do not need.');
      if (!file.canceled) shell.documentOpened?.(sender, choice.filePaths[0]!, 'data');
      return file;
    },

    'file:open-model': async (_request, { sender }) => {
      const choice = await deps.dialogs.showOpenDialog(sender, {
        title: 'Open model',
        properties: ['openFile'],
        filters: OPEN_MODEL_FILTERS,
      });
      return openChosen(choice, MAX_MODEL_CHARS, 'Model files are far smaller: is this the right file?');
    },

    'file:open-project': async (_request, { sender }) => {
      const choice = await deps.dialogs.showOpenDialog(sender, {
        title: 'Open project',
        properties: ['openFile'],
        filters: OPEN_PROJECT_FILTERS,
      });
      const file = await openChosen(choice, MAX_OPEN_BYTES, 'Is this the right file?');
      if (!file.canceled) shell.documentOpened?.(sender, choice.filePaths[0]!, 'project');
      return file;
    },

    'file:open': async (_request, { sender }) => {
      const choice = await deps.dialogs.showOpenDialog(sender, {
        title: 'Open',
        properties: ['openFile'],
        filters: OPEN_DOCUMENT_FILTERS,
      });
      const file = await openChosen(choice, MAX_OPEN_BYTES, 'Split it, or remove columns you do not need.');
      if (file.canceled) return file;
      const path = choice.filePaths[0]!;
      const kind = documentKind(path);
      shell.documentOpened?.(sender, path, kind);
      return { ...file, kind };
    },

    'file:save-project': async ({ suggestedName, content, target }, { sender }) => {
      const spec = SAVE_KIND_SPECS.project;
      const current = target === 'current' ? (shell.projectPath?.(sender) ?? null) : null;
      const path = current ?? (await chooseSavePath(sender, join(lastSaveDir, safeFileName(suggestedName, spec.extension)), { filters: [spec.filter], extension: spec.extension }));
      if (path === null) return { canceled: true };
      await writeOrExplain(path, content);
      if (current === null) lastSaveDir = dirname(path);
      shell.documentOpened?.(sender, path, 'project');
      return { canceled: false, name: basename(path), path, bytes: Buffer.byteLength(content, 'utf8') };
    },

    'window:set-edited': ({ edited, document }, { sender }) => {
      shell.setEdited?.(sender, edited, document);
      return null;
    },

    'window:close': (_request, { sender }) => {
      shell.closeWindow?.(sender);
      return null;
    },

    'app:show-logs': async () => {
      await shell.showLogs?.();
      return null;
    },

    'file:save': async ({ kind, suggestedName, content }, { sender }) => {
      const spec = SAVE_KIND_SPECS[kind];
      const isBytes = content instanceof Uint8Array;
      if (spec.content === 'bytes' && !isBytes) {
        throw new IpcFailure('invalid-payload', `A ${kind} export must be sent as bytes (Uint8Array), not text.`, 'file:save › content');
      }
      if (spec.content === 'text' && isBytes) {
        throw new IpcFailure('invalid-payload', `A ${kind} export must be sent as text, not bytes.`, 'file:save › content');
      }
      if (kind === 'png' && !PNG_SIGNATURE.every((b, i) => (content as Uint8Array)[i] === b)) {
        throw new IpcFailure('invalid-payload', 'The image to save is not a PNG (its signature is missing).', 'file:save › content');
      }

      const name = safeFileName(suggestedName, spec.extension);
      const path = await chooseSavePath(sender, join(lastSaveDir, name), { filters: [spec.filter], extension: spec.extension });
      if (path === null) return { canceled: true };
      await writeOrExplain(path, content);
      lastSaveDir = dirname(path);
      if (kind === 'project') shell.documentOpened?.(sender, path, 'project');
      const bytes = isBytes ? content.byteLength : Buffer.byteLength(content, 'utf8');
      return { canceled: false, name: basename(path), path, bytes };
    },

    'file:export-model': async ({ kind, suggestedName, modelName, modelText }, { sender }) => {
      const spec = MODEL_EXPORT_SPECS[kind];
      // Built first: a model that cannot be exported is told so before the user picks a place.
      let built: BuiltExport;
      try {
        built = buildModelExport(kind, modelText, modelName);
      } catch (error) {
        if (error instanceof ModelExportError) throw new IpcFailure('invalid-input', error.message, `file:export-model › ${modelName}`);
        throw error;
      }
      const name = spec.extension === null ? safeFolderName(suggestedName) : safeFileName(suggestedName, spec.extension);
      const path = await chooseSavePath(sender, join(lastSaveDir, name), { title: spec.title, filters: spec.filters, extension: spec.extension });
      if (path === null) return { canceled: true };
      try {
        writeModelExport(path, built, kind);
      } catch (error) {
        const why = isWriteRefusal(error) ? error.message : `Could not write ${spec.what} at ${path}: ${fileErrorReason(error)}.`;
        throw new IpcFailure('io-failed', `${why} Nothing was written.`, path);
      }
      lastSaveDir = dirname(path);
      return { canceled: false, name: basename(path), path, bytes: exportBytes(built), files: built.target === 'folder' ? built.files.length : 1 };
    },
  };
}

/** Reads the file an open dialog returned (decoded like a CSV), or reports the cancel. */
async function openChosen(choice: OpenDialogReturnValue, maxBytes: number, tooLargeHint: string): Promise<OpenResult> {
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return { canceled: true };
  try {
    const file = await readTextFile(path, maxBytes);
    return { canceled: false, name: basename(path), ...file };
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new IpcFailure('too-large', `${error.message} ${tooLargeHint}`, path);
    throw new IpcFailure('io-failed', `Could not read "${basename(path)}": ${fileErrorReason(error)}. Check that the file exists and you may read it.`, path);
  }
}
