// The control channel between main-bundle.test.ts and the `electron` stand-in running inside the
// child process: what the stand-in reports (calls, replies, worker threads, lifecycle) and the
// commands the test sends. Types only: the stand-in is transpiled alone, so nothing here may run.

/** Where a call or event happened relative to Electron's 'ready'. */
export type Phase = 'before-ready' | 'ready';

/** A structured-clone-safe picture of a value: functions and stand-in objects become markers. */
export type Described = unknown;

/** Configuration passed to the stand-in in the TIDECAST_STANDIN environment variable (JSON). */
export interface StandInConfig {
  /** app.getAppPath(): the project root, as under `electron .` in development. */
  appPath: string;
  userData: string;
  documents: string;
  /** app.getVersion(): the version in the project's package.json. */
  version: string;
  /** process.versions.electron / .chrome as Electron would set them. */
  electronVersion: string;
  chromeVersion: string;
  /** false: another instance holds the lock (requestSingleInstanceLock returns false). */
  singleInstanceLock: boolean;
  /** app.isPackaged; when true, process.resourcesPath is `resourcesPath` (extraResources live there). */
  packaged: boolean;
  resourcesPath: string;
  /** The page load stays pending until the test sends 'finish-load' (to act while it loads). */
  holdLoad?: boolean;
  /** macOS: the dock icon is clicked while the app starts ('activate' right after 'ready'). */
  activateDuringStartup?: boolean;
  /** process.platform as the app sees it (its macOS and Windows branches). */
  platform?: NodeJS.Platform;
}

export type ChildMessage =
  /** An Electron API call (or listener registration) made by the bundle, in order. */
  | { kind: 'call'; seq: number; phase: Phase; api: string; args: Described[] }
  | { kind: 'reply'; id: number; ok: true; value: Described }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'lifecycle'; seq: number; event: 'ready' | 'loaded' | 'quit' | 'exit'; detail?: Described }
  | WorkerReport;

export type WorkerReport =
  | { kind: 'worker'; event: 'online'; thread: number; filename: string; at: number }
  | { kind: 'worker'; event: 'exit'; thread: number; code: number; at: number }
  | { kind: 'worker'; event: 'message'; thread: number; type: string; jobId: number; code?: string; at: number };

/** Who an invoke claims to come from. */
export type SenderSpec =
  /** The main frame of the app's window at the URL it loaded. */
  | { kind: 'window' }
  /** The window's main frame, but showing another URL (navigated elsewhere, or forged). */
  | { kind: 'window-at'; url: string }
  /** A sub-frame of the window (an iframe at the app's URL). */
  | { kind: 'subframe' }
  /** Web contents the app did not create (e.g. a devtools or foreign view) at the app's URL. */
  | { kind: 'foreign-contents' }
  /** The frame was destroyed before the message was handled. */
  | { kind: 'no-frame' };

export type NavigationEventName = 'will-navigate' | 'will-frame-navigate' | 'will-redirect';

export type Command =
  | { cmd: 'invoke'; channel: string; args: unknown[]; sender: SenderSpec }
  /** Calls the handler registered with protocol.handle, as Chromium would for a request. */
  | { cmd: 'fetch'; url: string; method?: string; plainRequest?: boolean }
  | { cmd: 'permission-request'; permission: string }
  | { cmd: 'permission-check'; permission: string }
  | { cmd: 'device-permission' }
  /** Clicks the application-menu item at this label path ('&' accelerators ignored). */
  | { cmd: 'menu-click'; labels: string[] }
  | { cmd: 'navigate'; event: NavigationEventName; url: string }
  | { cmd: 'window-open'; url: string }
  | { cmd: 'attach-webview' }
  /** What the next open/save dialogs answer, in order; null = the user pressed Cancel. */
  | { cmd: 'dialog-answers'; open?: (string | null)[]; save?: (string | null)[] }
  /** The user moves/resizes the window (emits 'move' and 'resize'). */
  | { cmd: 'set-bounds'; bounds: { x: number; y: number; width: number; height: number } }
  | { cmd: 'minimize' }
  /** Another instance started: Electron emits 'second-instance' in this one. */
  | { cmd: 'second-instance' }
  /** The user closes the window: 'close', then 'closed' (no 'window-all-closed' yet). */
  | { cmd: 'close-window' }
  /** What Electron does once the last window has closed. */
  | { cmd: 'window-all-closed' }
  /** Cmd+Q / File > Quit: app.quit(). */
  | { cmd: 'quit' }
  /** Lets a load held by `holdLoad` finish. */
  | { cmd: 'finish-load' }
  /** macOS: the dock icon is clicked. */
  | { cmd: 'activate' };

export type CommandMessage = Command & { id: number };

export interface FetchReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}
