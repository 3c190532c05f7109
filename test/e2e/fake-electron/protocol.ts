// The control channel between main-bundle.test.ts and the `electron` stand-in inside the child
// process: what the stand-in reports (calls, replies, worker threads, lifecycle) and the commands
// the test sends. Types only: the stand-in is transpiled alone, so nothing here may run.

/** Where a call happened relative to Electron's 'ready'. */
export type Phase = 'before-ready' | 'ready';

/** A structured-clone-safe picture of a value: functions and stand-in objects become markers. */
export type Described = unknown;

/** The stand-in's configuration, in the TIDECAST_STANDIN environment variable (JSON). */
export interface StandInConfig {
  /** app.getAppPath(): the project root under `electron .`, the app folder when packaged. */
  appPath: string;
  userData: string;
  documents: string;
  /** app.getVersion() and process.versions.electron as Electron would report them. */
  version: string;
  electronVersion: string;
  /** false: another instance holds the lock. */
  singleInstanceLock: boolean;
  /** app.isPackaged; process.resourcesPath is `resourcesPath` (extraResources live there). */
  packaged: boolean;
  resourcesPath: string;
  /** The page load stays pending (to quit while it loads). */
  holdLoad?: boolean;
}

export type ChildMessage =
  /** An Electron API call (or listener registration) made by the bundle, in order. */
  | { kind: 'call'; seq: number; phase: Phase; api: string; args: Described[] }
  | { kind: 'reply'; id: number; ok: true; value: Described }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'lifecycle'; seq: number; event: 'ready' | 'loaded' | 'quit' | 'exit' }
  | WorkerReport;

export type WorkerReport =
  | { kind: 'worker'; event: 'online'; thread: number; filename: string; resourceLimits: unknown }
  | { kind: 'worker'; event: 'exit'; thread: number }
  | { kind: 'worker'; event: 'message'; thread: number; type: string };

export type Command =
  /** An invoke from the main frame of the app's window, through the handler main registered. */
  | { cmd: 'invoke'; channel: string; args: unknown[] }
  /** A request to the handler registered with protocol.handle, as Chromium would make it. */
  | { cmd: 'fetch'; url: string; method?: string }
  /** The user moves or resizes the window. */
  | { cmd: 'set-bounds'; bounds: { x: number; y: number; width: number; height: number } }
  /** The user closes the window: 'close' (cancellable), then 'closed'. */
  | { cmd: 'close-window' }
  /** What Electron does once the last window has closed. */
  | { cmd: 'window-all-closed' }
  /** Cmd+Q / File > Quit: app.quit(). */
  | { cmd: 'quit' };

export type CommandMessage = Command & { id: number };

export interface FetchReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}
