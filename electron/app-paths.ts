// Where the main process finds its files and keeps its state: beside the bundle (preload,
// renderer, worker), in the resources folder (bundled samples), in the user-data folder (window
// state, recent files, log). Pure, so tests check a development run and a packaged app.asar alike.
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppLocation {
  /** The folder of the running main bundle: out/main (inside app.asar when packaged). */
  bundleDir: string;
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** app.getAppPath(): the project root in development. */
  appPath: string;
  /** app.getPath('userData'). */
  userData: string;
}

export interface AppPaths {
  preload: string;
  rendererDir: string;
  /** The job worker's entry, outside the asar archive (see outsideAsar). */
  workerUrl: URL;
  samplesDir: string;
  windowStateFile: string;
  recentFilesFile: string;
  logFile: string;
}

export function appPaths(at: AppLocation): AppPaths {
  return {
    preload: join(at.bundleDir, '../preload/preload.cjs'),
    rendererDir: join(at.bundleDir, '../renderer'),
    workerUrl: pathToFileURL(outsideAsar(join(at.bundleDir, 'worker.js'))),
    samplesDir: at.isPackaged ? join(at.resourcesPath, 'samples') : join(at.appPath, 'samples'),
    windowStateFile: join(at.userData, 'window-state.json'),
    recentFilesFile: join(at.userData, 'recent-files.json'),
    logFile: join(at.userData, 'logs', 'main.log'),
  };
}

const ASAR = `${sep}app.asar${sep}`;

/**
 * The same path in app.asar.unpacked, where electron-builder puts the files `asarUnpack` names.
 * Worker threads are started by Node's own loader, which cannot read inside an asar archive, so
 * the worker and the chunks it imports are shipped unpacked and loaded from there.
 */
export function outsideAsar(path: string): string {
  const at = path.lastIndexOf(ASAR);
  return at < 0 ? path : `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + ASAR.length)}`;
}
