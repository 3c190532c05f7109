// A stand-in for the `electron` module, for running the built main bundle (out/main/main.js)
// under plain Node: the API surface main.ts uses, with Electron's rules where they bite (what may
// only happen before or after 'ready', one handler per channel, destroyed objects, structured
// clone of IPC payloads, quit sequence). It records every call and reports it to the test over
// the child's IPC channel, and takes the test's commands (invoke, fetch, clicks, closing…).
//
// Self-contained on purpose: main-bundle.test.ts transpiles this one file into
// node_modules/electron/index.js of a temporary app folder, so only type imports may leave it.
import { EventEmitter } from 'node:events';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  Rectangle,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import type { ChildMessage, Command, CommandMessage, Described, FetchReply, Phase, SenderSpec, StandInConfig } from './protocol';

type Listener = (...args: never[]) => unknown;

// ---------------------------------------------------------------------------------------------
// Reporting.

if (typeof process.send !== 'function') {
  throw new Error('The electron stand-in reports over an IPC channel: spawn the bundle with stdio [..., "ipc"] and serialization "advanced".');
}

const config = JSON.parse(process.env['TIDECAST_STANDIN'] ?? 'null') as StandInConfig | null;
if (config === null) throw new Error('The electron stand-in needs its configuration in TIDECAST_STANDIN (JSON).');

// Electron adds these; main reports them in About.
Object.defineProperty(process.versions, 'electron', { value: config.electronVersion, enumerable: true });
Object.defineProperty(process.versions, 'chrome', { value: config.chromeVersion, enumerable: true });
// Where a packaged app's extraResources are (electron-builder copies samples/ there).
Object.defineProperty(process, 'resourcesPath', { value: config.resourcesPath, enumerable: true });
if (config.platform !== undefined) Object.defineProperty(process, 'platform', { value: config.platform, enumerable: true });

let phase: Phase = 'before-ready';
let seq = 0;
let terminated = false;

function report(message: ChildMessage, then?: () => void): void {
  if (!process.connected) return;
  process.send!(message, undefined, undefined, then);
}

function record(api: string, args: unknown[]): void {
  report({ kind: 'call', seq: seq++, phase, api, args: args.map((a) => describe(a)) });
}

function lifecycle(event: 'ready' | 'loaded' | 'quit' | 'exit', detail?: unknown, then?: () => void): void {
  report({ kind: 'lifecycle', seq: seq++, event, detail: describe(detail) }, then);
}

/** A structured-clone-safe picture: functions and stand-in objects become markers. */
function describe(value: unknown, path: object[] = []): Described {
  if (typeof value === 'function') return { $fn: value.name || 'anonymous' };
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof FakeBrowserWindow) return { $ref: 'BrowserWindow', id: value.id };
  if (value instanceof FakeWebContents) return { $ref: 'WebContents', id: value.id };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (value instanceof Error) return { $error: value.message };
  if (path.includes(value)) return { $cycle: true };
  const inner = [...path, value];
  if (Array.isArray(value)) return value.map((v) => describe(v, inner));
  const out: Record<string, Described> = {};
  for (const [key, v] of Object.entries(value)) out[key] = describe(v, inner);
  return out;
}

/** Records listener registrations (the test checks each event name against electron.d.ts). */
function recordListeners(emitter: EventEmitter, label: string, self?: () => unknown): void {
  let depth = 0; // once() calls on() inside: record the outer call only
  for (const method of ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'] as const) {
    const original = emitter[method].bind(emitter);
    emitter[method] = (event: string | symbol, listener: (...args: unknown[]) => void) => {
      if (depth === 0) record(`${label}${method}`, [...(self ? [self()] : []), event, listener]);
      depth++;
      try {
        return original(event, listener);
      } finally {
        depth--;
      }
    };
  }
}

interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

function makeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  const event: FakeEvent = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

function requireReady(what: string, message?: string): void {
  if (phase !== 'ready') throw new Error(message ?? `${what} cannot be used before the app is ready (stand-in rule).`);
}

// ---------------------------------------------------------------------------------------------
// Worker threads: observed, not replaced. The pool's `new Worker(...)` gets a subclass that
// reports when a thread starts, what job messages it posts and when it exits, so the test can
// see jobs run on out/main/worker.js and see them cancelled.

const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
const OriginalWorker = threads.Worker;
let nextThread = 1;
class ObservedWorker extends OriginalWorker {
  constructor(filename: string | URL, options?: import('node:worker_threads').WorkerOptions) {
    super(filename, options);
    const thread = nextThread++;
    report({ kind: 'worker', event: 'online', thread, filename: String(filename), at: performance.now() });
    this.on('message', (message: { type?: unknown; jobId?: unknown; error?: { code?: unknown } }) => {
      report({
        kind: 'worker',
        event: 'message',
        thread,
        type: String(message?.type),
        jobId: Number(message?.jobId),
        ...(typeof message?.error?.code === 'string' ? { code: message.error.code } : {}),
        at: performance.now(),
      });
    });
    this.on('exit', (code: number) => report({ kind: 'worker', event: 'exit', thread, code, at: performance.now() }));
  }
}
(threads as { Worker: typeof OriginalWorker }).Worker = ObservedWorker;
syncBuiltinESMExports();

// ---------------------------------------------------------------------------------------------
// app

const readyWaiters: (() => void)[] = [];
const openWindows: FakeBrowserWindow[] = [];
let quitting = false;

class FakeApp extends EventEmitter {
  readonly isPackaged = config!.packaged;
  #name = 'Electron';

  get name(): string {
    return this.#name;
  }

  setName(name: string): void {
    record('app.setName', [name]);
    this.#name = name;
  }

  getName(): string {
    return this.#name;
  }

  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', [id]);
  }

  enableSandbox(): void {
    record('app.enableSandbox', []);
    if (phase === 'ready') throw new Error('app.enableSandbox() can only be called before app is ready');
  }

  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock', []);
    return config!.singleInstanceLock;
  }

  isReady(): boolean {
    return phase === 'ready';
  }

  whenReady(): Promise<void> {
    record('app.whenReady', []);
    return phase === 'ready' ? Promise.resolve() : new Promise((resolve) => readyWaiters.push(resolve));
  }

  getVersion(): string {
    record('app.getVersion', []);
    return config!.version;
  }

  getAppPath(): string {
    record('app.getAppPath', []);
    return config!.appPath;
  }

  getPath(name: string): string {
    record('app.getPath', [name]);
    const paths: Record<string, string> = {
      userData: config!.userData,
      documents: config!.documents,
      home: homedir(),
      temp: tmpdir(),
      appData: config!.userData,
    };
    const path = paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  quit(): void {
    record('app.quit', []);
    quitApp();
  }

  exit(code = 0): void {
    record('app.exit', [code]);
    // Electron ends at once, without any quit events.
    terminated = true;
    lifecycle('exit', { code }, () => process.exit(code));
  }
}

export const app = new FakeApp();
recordListeners(app, 'app.');

/** Electron's quit: before-quit, close every window, will-quit, quit; each of the first three can stop it. */
function quitApp(): void {
  if (terminated || quitting) return;
  quitting = true;
  try {
    const before = makeEvent();
    app.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const win of [...openWindows]) if (!closeWindow(win)) return;
    const willQuit = makeEvent();
    app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    app.emit('quit', makeEvent(), 0);
    terminate(0);
  } finally {
    quitting = false;
  }
}

/**
 * Electron would now end the process whatever still runs. The stand-in only lets go of its
 * control channel, so the process exits by itself only if the app freed everything it started
 * (worker threads, timers): the test's "no hang" check.
 */
function terminate(code: number): void {
  terminated = true;
  process.exitCode = code;
  lifecycle('quit', { code }, () => process.disconnect());
}

// 'ready' comes once the main script has been evaluated (a later macrotask), unless it quit.
setImmediate(() => {
  if (terminated) return;
  phase = 'ready';
  lifecycle('ready');
  app.emit('ready', makeEvent(), {});
  for (const resolve of readyWaiters.splice(0)) resolve();
  if (config!.activateDuringStartup) app.emit('activate', makeEvent(), false);
});

// ---------------------------------------------------------------------------------------------
// Windows and web contents

let nextContentsId = 1;
let nextFrameNode = 100;
const liveContents = new Map<number, FakeWebContents>();
let focusedWindow: FakeBrowserWindow | null = null;

class FakeFrame {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null,
    readonly frameTreeNodeId: number = nextFrameNode++,
  ) {}
  readonly processId = 1;
  readonly routingId = 1;
}

type WindowOpenHandler = (details: Record<string, unknown>) => unknown;

class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('', null);
  windowOpenHandler: WindowOpenHandler | null = null;
  #destroyed = false;
  /** The stand-in's own 'destroyed' listeners, kept apart from the recorded ones. */
  readonly #onDestroyed: (() => void)[] = [];

  constructor() {
    super();
    liveContents.set(this.id, this);
    recordListeners(this, 'WebContents#', () => this);
  }

  #alive(): void {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
  }

  /** IPC to the page: Electron serializes with the structured clone algorithm, so do we. */
  send(channel: string, ...args: unknown[]): void {
    this.#alive();
    const cloned = structuredClone(args);
    record('WebContents#send', [this, channel, ...cloned]);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.#alive();
    record('WebContents#setWindowOpenHandler', [this, handler]);
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    this.#alive();
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  whenDestroyed(listener: () => void): void {
    this.#onDestroyed.push(listener);
  }

  destroyNow(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    liveContents.delete(this.id);
    this.emit('destroyed');
    for (const listener of this.#onDestroyed.splice(0)) listener();
  }
}

/** Electron emits this for every web contents it creates, a window's included. */
function createContents(): FakeWebContents {
  const contents = new FakeWebContents();
  app.emit('web-contents-created', makeEvent(), contents);
  return contents;
}

let nextWindowId = 1;
const DISPLAY: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 };
const WORK_AREA: Rectangle = { x: 0, y: 32, width: 1920, height: 1048 };

class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    record('BrowserWindow.getAllWindows', []);
    return [...openWindows];
  }

  static getFocusedWindow(): FakeBrowserWindow | null {
    record('BrowserWindow.getFocusedWindow', []);
    return focusedWindow;
  }

  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    record('BrowserWindow.fromWebContents', [contents]);
    return openWindows.find((w) => w.contents === contents) ?? null;
  }

  static fromId(id: number): FakeBrowserWindow | null {
    record('BrowserWindow.fromId', [id]);
    return openWindows.find((w) => w.id === id) ?? null;
  }

  readonly id: number;
  readonly contents: FakeWebContents;
  #destroyed = false;
  #bounds: Rectangle;
  #visible: boolean;
  #minimized = false;
  #maximized = false;
  #title: string;

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    record('new BrowserWindow', [options]);
    if (phase !== 'ready') throw new Error('Cannot create BrowserWindow before app is ready');
    this.id = nextWindowId++;
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    // The window manager centres a window that names no position.
    this.#bounds = {
      x: options.x ?? Math.round(WORK_AREA.x + (WORK_AREA.width - width) / 2),
      y: options.y ?? Math.round(WORK_AREA.y + (WORK_AREA.height - height) / 2),
      width,
      height,
    };
    this.#visible = options.show !== false;
    this.#title = options.title ?? 'Electron';
    recordListeners(this, 'BrowserWindow#', () => this);
    openWindows.push(this);
    this.contents = createContents();
    app.emit('browser-window-created', makeEvent(), this);
  }

  get webContents(): FakeWebContents {
    this.#alive();
    return this.contents;
  }

  #alive(): void {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
  }

  /**
   * Loads the page through the registered protocol handler (or a dev server over http), as
   * Chromium would. Like Electron's, the promise rejects with ERR_FAILED when the web contents
   * are destroyed before the load finishes (the window closed, or the app quit, meanwhile).
   */
  loadURL(url: string): Promise<void> {
    this.#alive();
    record('BrowserWindow#loadURL', [this, url]);
    const contents = this.contents;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      contents.whenDestroyed(() => fail(Object.assign(new Error(`ERR_FAILED (-2) loading '${url}'`), { errno: -2, code: 'ERR_FAILED', url })));
      fetchPage(url)
        .then(async () => {
          if (config!.holdLoad) await new Promise<void>((release) => heldLoads.push(release));
          if (settled || contents.isDestroyed()) return;
          settled = true;
          contents.mainFrame.url = url;
          contents.emit('did-finish-load', makeEvent());
          lifecycle('loaded', { url });
          resolve();
          this.emit('ready-to-show');
        })
        .catch(fail);
    });
  }

  show(): void {
    this.#alive();
    record('BrowserWindow#show', [this]);
    this.#visible = true;
    focusedWindow = this;
    this.emit('show');
  }

  focus(): void {
    this.#alive();
    record('BrowserWindow#focus', [this]);
    focusedWindow = this;
    this.emit('focus');
  }

  isVisible(): boolean {
    this.#alive();
    return this.#visible;
  }

  isMinimized(): boolean {
    this.#alive();
    return this.#minimized;
  }

  minimize(): void {
    this.#alive();
    record('BrowserWindow#minimize', [this]);
    this.userMinimize();
  }

  userMinimize(): void {
    this.#minimized = true;
    if (focusedWindow === this) focusedWindow = null;
    this.emit('minimize');
  }

  restore(): void {
    this.#alive();
    record('BrowserWindow#restore', [this]);
    this.#minimized = false;
    this.emit('restore');
  }

  maximize(): void {
    this.#alive();
    record('BrowserWindow#maximize', [this]);
    this.#maximized = true;
    this.emit('maximize');
  }

  unmaximize(): void {
    this.#alive();
    record('BrowserWindow#unmaximize', [this]);
    this.#maximized = false;
    this.emit('unmaximize');
  }

  isMaximized(): boolean {
    this.#alive();
    return this.#maximized;
  }

  getBounds(): Rectangle {
    this.#alive();
    return { ...this.#bounds };
  }

  getNormalBounds(): Rectangle {
    this.#alive();
    return { ...this.#bounds };
  }

  setBounds(bounds: Partial<Rectangle>): void {
    this.#alive();
    record('BrowserWindow#setBounds', [this, bounds]);
    this.userSetBounds(bounds);
  }

  userSetBounds(bounds: Partial<Rectangle>): void {
    this.#bounds = { ...this.#bounds, ...bounds };
    this.emit('move');
    this.emit('resize');
  }

  setTitle(title: string): void {
    this.#alive();
    record('BrowserWindow#setTitle', [this, title]);
    this.#title = title;
  }

  getTitle(): string {
    this.#alive();
    return this.#title;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  close(): void {
    if (this.#destroyed) return;
    record('BrowserWindow#close', [this]);
    closeWindow(this);
  }

  destroy(): void {
    record('BrowserWindow#destroy', [this]);
    this.destroyNow();
  }

  destroyNow(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    openWindows.splice(openWindows.indexOf(this), 1);
    if (focusedWindow === this) focusedWindow = null;
    this.contents.destroyNow();
    this.emit('closed');
  }
}

const heldLoads: (() => void)[] = [];

/** The page's document, from the app's protocol handler or over http (a dev server). */
async function fetchPage(url: string): Promise<void> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = protocolHandlers.get(scheme);
  let response: unknown;
  if (handler !== undefined) response = await handler(new Request(url));
  else if (scheme === 'http' || scheme === 'https') response = await fetch(url);
  else throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
  if (!(response instanceof Response)) throw new Error(`ERR_FAILED (-2) loading '${url}': the protocol handler did not return a Response`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE (-379) loading '${url}' (status ${response.status})`);
}

/** 'close' (cancellable), then the window and its contents are destroyed and 'closed' fires. */
function closeWindow(win: FakeBrowserWindow): boolean {
  const event = makeEvent();
  win.emit('close', event);
  if (event.defaultPrevented) return false;
  win.destroyNow();
  return true;
}

export const BrowserWindow = FakeBrowserWindow;

export const webContents = {
  fromId(id: number): FakeWebContents | undefined {
    record('webContents.fromId', [id]);
    return liveContents.get(id);
  },
  getAllWebContents(): FakeWebContents[] {
    record('webContents.getAllWebContents', []);
    return [...liveContents.values()];
  },
  getFocusedWebContents(): FakeWebContents | null {
    record('webContents.getFocusedWebContents', []);
    return focusedWindow?.contents ?? null;
  },
};

// ---------------------------------------------------------------------------------------------
// protocol, session

type ProtocolHandler = (request: Request) => Promise<Response> | Response;
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    record('protocol.registerSchemesAsPrivileged', [schemes]);
    if (phase === 'ready') throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol.handle', [scheme, handler]);
    requireReady('protocol.handle');
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    record('protocol.unhandle', [scheme]);
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    record('protocol.isProtocolHandled', [scheme]);
    return protocolHandlers.has(scheme);
  },
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;

class FakeSession extends EventEmitter {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: PermissionCheckHandler | null = null;
  devicePermission: DevicePermissionHandler | null = null;

  constructor() {
    super();
    recordListeners(this, 'Session#');
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    record('Session#setPermissionRequestHandler', [handler]);
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    record('Session#setPermissionCheckHandler', [handler]);
    this.permissionCheck = handler;
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    record('Session#setDevicePermissionHandler', [handler]);
    this.devicePermission = handler;
  }
}

let defaultSession: FakeSession | null = null;
export const session = {
  get defaultSession(): FakeSession {
    record('session.defaultSession', []);
    requireReady('session.defaultSession', 'Session can only be received when app is ready');
    return (defaultSession ??= new FakeSession());
  },
};

// ---------------------------------------------------------------------------------------------
// ipcMain

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeListener>();

class FakeIpcMain extends EventEmitter {
  handle(channel: string, listener: InvokeListener): void {
    record('ipcMain.handle', [channel, listener]);
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, listener);
  }

  handleOnce(channel: string, listener: InvokeListener): void {
    record('ipcMain.handleOnce', [channel, listener]);
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, (event, ...args) => {
      invokeHandlers.delete(channel);
      return listener(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', [channel]);
    invokeHandlers.delete(channel);
  }
}

export const ipcMain = new FakeIpcMain();
recordListeners(ipcMain, 'ipcMain.');

// ---------------------------------------------------------------------------------------------
// Menu, dialog, shell, screen, nativeTheme

let applicationMenu: FakeMenu | null = null;

function checkTemplate(template: readonly MenuItemConstructorOptions[], where: string): void {
  template.forEach((item, i) => {
    // Electron's own rule (lib/browser/api/menu.ts).
    if (typeof item !== 'object' || item === null || !(item.label || item.role || item.type)) {
      throw new TypeError(`Invalid template for MenuItem: must have at least one of label, role or type (${where}[${i}])`);
    }
    if (Array.isArray(item.submenu)) checkTemplate(item.submenu, `${where}[${i}].submenu`);
  });
}

class FakeMenu {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    record('Menu.buildFromTemplate', [template]);
    checkTemplate(template, 'template');
    return new FakeMenu(template);
  }

  static setApplicationMenu(menu: FakeMenu | null): void {
    record('Menu.setApplicationMenu', [menu === null ? null : { items: menu.items }]);
    applicationMenu = menu;
  }

  static getApplicationMenu(): FakeMenu | null {
    record('Menu.getApplicationMenu', []);
    return applicationMenu;
  }

  constructor(readonly items: MenuItemConstructorOptions[]) {}
}

export const Menu = FakeMenu;

const dialogAnswers: { open: (string | null)[]; save: (string | null)[] } = { open: [], save: [] };

function splitDialogArgs<O>(first: unknown, second: O | undefined): [FakeBrowserWindow | null, O] {
  return first instanceof FakeBrowserWindow ? [first, second as O] : [null, first as O];
}

export const dialog = {
  async showOpenDialog(first: FakeBrowserWindow | OpenDialogOptions, second?: OpenDialogOptions): Promise<OpenDialogReturnValue> {
    const [owner, options] = splitDialogArgs(first, second);
    record('dialog.showOpenDialog', [owner, options]);
    requireReady('dialog.showOpenDialog');
    const path = dialogAnswers.open.shift() ?? null;
    return path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] };
  },
  async showSaveDialog(first: FakeBrowserWindow | SaveDialogOptions, second?: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    const [owner, options] = splitDialogArgs(first, second);
    record('dialog.showSaveDialog', [owner, options]);
    requireReady('dialog.showSaveDialog');
    const path = dialogAnswers.save.shift() ?? null;
    return path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path };
  },
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', [title, content]);
    console.error(`[stand-in error box] ${title}\n${content}`);
  },
};

export const shell = {
  async openExternal(url: string, options?: unknown): Promise<void> {
    record('shell.openExternal', [url, options]);
  },
  async openPath(path: string): Promise<string> {
    record('shell.openPath', [path]);
    return '';
  },
  showItemInFolder(path: string): void {
    record('shell.showItemInFolder', [path]);
  },
};

const SCREEN_ERROR = "The 'screen' module can't be used before the app 'ready' event";
const display = { id: 1, bounds: DISPLAY, workArea: WORK_AREA, size: { width: DISPLAY.width, height: DISPLAY.height }, scaleFactor: 1, rotation: 0, internal: false };

class FakeScreen extends EventEmitter {
  getAllDisplays(): (typeof display)[] {
    record('screen.getAllDisplays', []);
    requireReady('screen', SCREEN_ERROR);
    return [display];
  }

  getPrimaryDisplay(): typeof display {
    record('screen.getPrimaryDisplay', []);
    requireReady('screen', SCREEN_ERROR);
    return display;
  }
}

export const screen = new FakeScreen();
recordListeners(screen, 'screen.');

class FakeNativeTheme extends EventEmitter {
  themeSource: 'system' | 'light' | 'dark' = 'system';
  get shouldUseDarkColors(): boolean {
    record('nativeTheme.shouldUseDarkColors', []);
    return this.themeSource === 'dark';
  }
}

export const nativeTheme = new FakeNativeTheme();
recordListeners(nativeTheme, 'nativeTheme.');

// ---------------------------------------------------------------------------------------------
// Commands from the test.

function appWindow(): FakeBrowserWindow {
  const win = openWindows[0];
  if (win === undefined) throw new Error('There is no open window.');
  return win;
}

function senderEvent(spec: SenderSpec): Record<string, unknown> {
  let contents = appWindow().contents;
  let frame: FakeFrame | null = contents.mainFrame;
  switch (spec.kind) {
    case 'window':
      break;
    case 'window-at':
      frame = new FakeFrame(spec.url, null, contents.mainFrame.frameTreeNodeId);
      break;
    case 'subframe':
      frame = new FakeFrame(contents.mainFrame.url, contents.mainFrame);
      break;
    case 'foreign-contents': {
      const url = contents.mainFrame.url;
      contents = createContents();
      contents.mainFrame.url = url;
      frame = contents.mainFrame;
      break;
    }
    case 'no-frame':
      frame = null;
      break;
  }
  // Electron's IpcMainInvokeEvent.
  return { type: 'frame', sender: contents, senderFrame: frame, frameId: 1, processId: 1 };
}

function findMenuItem(labels: readonly string[]): MenuItemConstructorOptions {
  if (applicationMenu === null) throw new Error('No application menu was set.');
  let items: readonly MenuItemConstructorOptions[] = applicationMenu.items;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = items.find((i) => (i.label ?? '').replace(/&/g, '') === label);
    if (found === undefined) throw new Error(`No menu item "${label}" in ${labels.join(' > ')}.`);
    items = Array.isArray(found.submenu) ? found.submenu : [];
  }
  return found!;
}

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'invoke': {
      const listener = invokeHandlers.get(command.channel);
      if (listener === undefined) throw new Error(`No handler registered for '${command.channel}'`);
      const result = await listener(senderEvent(command.sender), ...command.args);
      // The reply crosses to the renderer by structured clone, as in Electron.
      return structuredClone(result);
    }
    case 'fetch': {
      const scheme = new URL(command.url).protocol.slice(0, -1);
      const handler = protocolHandlers.get(scheme);
      if (handler === undefined) throw new Error(`No protocol handler for ${scheme}:`);
      const method = command.method ?? 'GET';
      // A plain object lets the test pass a URL the WHATWG parser would have normalised.
      const request = command.plainRequest ? ({ url: command.url, method } as Request) : new Request(command.url, { method });
      const response = await handler(request);
      if (!(response instanceof Response)) throw new Error('The protocol handler did not return a Response.');
      const reply: FetchReply = {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: new Uint8Array(await response.arrayBuffer()),
      };
      return reply;
    }
    case 'permission-request': {
      const handler = defaultSession?.permissionRequest;
      if (!handler) throw new Error('No permission request handler was set.');
      const contents = appWindow().contents;
      return new Promise<boolean>((resolve) =>
        handler(contents, command.permission, resolve, { requestingUrl: contents.mainFrame.url, isMainFrame: true }),
      );
    }
    case 'permission-check': {
      const handler = defaultSession?.permissionCheck;
      if (!handler) throw new Error('No permission check handler was set.');
      const contents = appWindow().contents;
      return handler(contents, command.permission, new URL(contents.mainFrame.url).origin, { isMainFrame: true, requestingUrl: contents.mainFrame.url });
    }
    case 'device-permission': {
      const handler = defaultSession?.devicePermission;
      if (!handler) throw new Error('No device permission handler was set.');
      return handler({ deviceType: 'usb', origin: appWindow().contents.mainFrame.url, device: {} });
    }
    case 'menu-click': {
      const item = findMenuItem(command.labels);
      if (typeof item.click !== 'function') return { role: item.role ?? null };
      (item.click as (...args: unknown[]) => void)(item, focusedWindow ?? undefined, { triggeredByAccelerator: false });
      return { clicked: true };
    }
    case 'navigate': {
      const contents = appWindow().contents;
      const event = makeEvent({ url: command.url, isMainFrame: true, isSameDocument: false, frame: contents.mainFrame });
      contents.emit(command.event, event, command.url, false, true);
      return { prevented: event.defaultPrevented };
    }
    case 'window-open': {
      const handler = appWindow().contents.windowOpenHandler;
      if (handler === null) throw new Error('No window open handler was set.');
      return handler({ url: command.url, frameName: '', features: '', disposition: 'foreground-tab', referrer: { url: '', policy: 'default' } });
    }
    case 'attach-webview': {
      const event = makeEvent();
      appWindow().contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
      return { prevented: event.defaultPrevented };
    }
    case 'dialog-answers':
      dialogAnswers.open.push(...(command.open ?? []));
      dialogAnswers.save.push(...(command.save ?? []));
      return null;
    case 'set-bounds':
      appWindow().userSetBounds(command.bounds);
      return null;
    case 'minimize':
      appWindow().userMinimize();
      return null;
    case 'second-instance':
      app.emit('second-instance', makeEvent(), [process.execPath, '.'], process.cwd(), {});
      return null;
    case 'close-window': {
      // Calls recorded from here on happened after the user closed the window.
      const from = seq;
      return { closed: closeWindow(appWindow()), from };
    }
    case 'window-all-closed':
      if (openWindows.length > 0) throw new Error('Windows are still open.');
      // Without a listener Electron quits by itself.
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else quitApp();
      return null;
    case 'quit':
      quitApp();
      return null;
    case 'activate':
      app.emit('activate', makeEvent(), openWindows.some((w) => w.isVisible()));
      return null;
    case 'finish-load':
      for (const release of heldLoads.splice(0)) release();
      return null;
  }
}

process.on('message', (message: CommandMessage) => {
  run(message).then(
    (value) => report({ kind: 'reply', id: message.id, ok: true, value: describe(value) }),
    (error: unknown) => report({ kind: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
