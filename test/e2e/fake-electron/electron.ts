// A stand-in for the `electron` module, for running the built main bundle (out/main/main.js)
// under plain Node: the part of Electron's API main.ts uses, with the rules a wrong start order
// would break (what must happen before or after 'ready', one handler per channel, destroyed
// windows, the quit sequence). It records every call for the test and takes its commands.
//
// Self-contained: main-bundle.test.ts transpiles this one file into node_modules/electron of a
// temporary app folder, so only type imports may leave it.
import { EventEmitter } from 'node:events';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, Rectangle } from 'electron';
import type { ChildMessage, Command, CommandMessage, Described, FetchReply, Phase, StandInConfig } from './protocol';

if (typeof process.send !== 'function') throw new Error('The electron stand-in reports over an IPC channel: spawn the bundle with stdio [..., "ipc"].');
const config = JSON.parse(process.env['TIDECAST_STANDIN'] ?? 'null') as StandInConfig | null;
if (config === null) throw new Error('The electron stand-in needs its configuration in TIDECAST_STANDIN (JSON).');

Object.defineProperty(process.versions, 'electron', { value: config.electronVersion, enumerable: true });
Object.defineProperty(process.versions, 'chrome', { value: 'stand-in', enumerable: true });
Object.defineProperty(process, 'resourcesPath', { value: config.resourcesPath, enumerable: true });
// A packaged app's argv has no app folder: [executable, ...arguments].
if (config.packaged) process.argv.splice(1, 1);

// ---------------------------------------------------------------------------------------------
// Reporting

let phase: Phase = 'before-ready';
let seq = 0;
let terminated = false;

function report(message: ChildMessage, then?: () => void): void {
  if (process.connected) process.send!(message, undefined, undefined, then);
}

function record(api: string, args: unknown[]): void {
  report({ kind: 'call', seq: seq++, phase, api, args: args.map((a) => describe(a)) });
}

function lifecycle(event: 'ready' | 'loaded' | 'quit' | 'exit', then?: () => void): void {
  report({ kind: 'lifecycle', seq: seq++, event }, then);
}

/** A structured-clone-safe picture: functions and stand-in objects become markers. */
function describe(value: unknown, seen: object[] = []): Described {
  if (typeof value === 'function') return { $fn: value.name || 'anonymous' };
  if (value === null || typeof value !== 'object') return typeof value === 'symbol' || typeof value === 'bigint' ? String(value) : value;
  if (value instanceof FakeBrowserWindow) return { $ref: 'BrowserWindow', id: value.id };
  if (value instanceof FakeWebContents) return { $ref: 'WebContents', id: value.id };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (value instanceof Error) return { $error: value.message };
  if (seen.includes(value)) return { $cycle: true };
  if (Array.isArray(value)) return value.map((v) => describe(v, [...seen, value]));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v, [...seen, value])]));
}

/** Records listener registrations (the test checks each event name against electron.d.ts). */
function recordListeners(emitter: EventEmitter, label: string, self?: () => unknown): void {
  let depth = 0; // once() calls on() inside: record the outer call only
  for (const method of ['on', 'once', 'addListener', 'prependListener'] as const) {
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

const cancellable = (): { defaultPrevented: boolean; preventDefault(): void } => {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
};

function requireReady(what: string): void {
  if (phase !== 'ready') throw new Error(`${what} cannot be used before the app is ready`);
}

// Worker threads are observed, not replaced: the test sees which file each thread runs and
// that every thread has exited when the process ends.
const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
let nextThread = 1;
class ObservedWorker extends threads.Worker {
  constructor(filename: string | URL, options?: import('node:worker_threads').WorkerOptions) {
    super(filename, options);
    const thread = nextThread++;
    report({ kind: 'worker', event: 'online', thread, filename: String(filename), resourceLimits: options?.resourceLimits ?? null });
    this.on('message', (message: { type?: unknown }) => report({ kind: 'worker', event: 'message', thread, type: String(message?.type) }));
    this.on('exit', () => report({ kind: 'worker', event: 'exit', thread }));
  }
}
(threads as { Worker: typeof threads.Worker }).Worker = ObservedWorker;
syncBuiltinESMExports();

// ---------------------------------------------------------------------------------------------
// app and the quit sequence

const windows: FakeBrowserWindow[] = [];
const readyWaiters: (() => void)[] = [];

class FakeApp extends EventEmitter {
  readonly isPackaged = config!.packaged;
  name = 'Electron';
  setName(name: string): void {
    record('app.setName', [name]);
    this.name = name;
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
  disableHardwareAcceleration(): void {
    record('app.disableHardwareAcceleration', []);
    if (phase === 'ready') throw new Error('app.disableHardwareAcceleration() can only be called before app is ready');
  }
  whenReady(): Promise<void> {
    record('app.whenReady', []);
    return phase === 'ready' ? Promise.resolve() : new Promise((resolve) => readyWaiters.push(resolve));
  }
  getVersion(): string {
    return config!.version;
  }
  getAppPath(): string {
    return config!.appPath;
  }
  getPath(name: string): string {
    record('app.getPath', [name]);
    const paths: Record<string, string> = { userData: config!.userData, documents: config!.documents, home: homedir(), temp: tmpdir() };
    if (paths[name] === undefined) throw new Error(`Failed to get '${name}' path`);
    return paths[name]!;
  }
  addRecentDocument(path: string): void {
    record('app.addRecentDocument', [path]);
  }
  clearRecentDocuments(): void {
    record('app.clearRecentDocuments', []);
  }
  quit(): void {
    record('app.quit', []);
    quitApp();
  }
  exit(code = 0): void {
    record('app.exit', [code]);
    terminated = true;
    lifecycle('exit', () => process.exit(code));
  }
}

export const app = new FakeApp();
recordListeners(app, 'app.');

let quitting = false;
/** Electron's quit: before-quit, close every window, will-quit, quit; the first three can stop it. */
function quitApp(): void {
  if (terminated || quitting) return;
  quitting = true;
  try {
    const before = cancellable();
    app.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const win of [...windows]) if (!win.close()) return;
    const willQuit = cancellable();
    app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    app.emit('quit', cancellable(), 0);
    // Electron would end the process now. The stand-in only lets go of its control channel, so
    // the process ends by itself only if the app stopped everything it started: no hang.
    terminated = true;
    lifecycle('quit', () => process.disconnect());
  } finally {
    quitting = false;
  }
}

// 'ready' comes once the main script has run (a later macrotask); a dock click (macOS
// 'activate') may come right after it, while the first window is still being made.
setImmediate(() => {
  if (terminated) return;
  phase = 'ready';
  lifecycle('ready');
  app.emit('ready', cancellable(), {});
  for (const resolve of readyWaiters.splice(0)) resolve();
  app.emit('activate', cancellable(), false);
});

// ---------------------------------------------------------------------------------------------
// Windows and web contents

let nextContentsId = 1;
const liveContents = new Map<number, FakeWebContents>();

class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = { url: '', parent: null, frameTreeNodeId: 100 + this.id };
  destroyed = false;
  constructor() {
    super();
    liveContents.set(this.id, this);
    recordListeners(this, 'WebContents#', () => this);
    app.emit('web-contents-created', cancellable(), this);
  }
  /** IPC to the page is a structured clone in Electron; a payload that cannot be cloned throws. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    record('WebContents#send', [this, channel, ...structuredClone(args)]);
  }
  setWindowOpenHandler(handler: unknown): void {
    record('WebContents#setWindowOpenHandler', [this, handler]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    liveContents.delete(this.id);
    this.emit('destroyed');
  }
}

let nextWindowId = 1;
let focused: FakeBrowserWindow | null = null;

class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return [...windows];
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return focused;
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return windows.find((w) => w.contents === contents) ?? null;
  }

  readonly id = nextWindowId++;
  readonly contents: FakeWebContents;
  #bounds: Rectangle;
  #destroyed = false;

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    record('new BrowserWindow', [options]);
    requireReady('BrowserWindow');
    this.#bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    recordListeners(this, 'BrowserWindow#', () => this);
    windows.push(this);
    this.contents = new FakeWebContents();
  }

  get webContents(): FakeWebContents {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
    return this.contents;
  }

  /** Loads through the registered protocol handler; rejects with ERR_FAILED if the window goes first. */
  loadURL(url: string): Promise<void> {
    record('BrowserWindow#loadURL', [this, url]);
    const contents = this.contents;
    return new Promise<void>((resolve, reject) => {
      contents.once('destroyed', () => reject(Object.assign(new Error(`ERR_FAILED (-2) loading '${url}'`), { code: 'ERR_FAILED' })));
      void handleRequest(url).then((response) => {
        if (response.status !== 200) return reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`));
        if (config!.holdLoad || contents.destroyed) return;
        contents.mainFrame.url = url;
        contents.emit('did-finish-load');
        lifecycle('loaded');
        resolve();
        this.emit('ready-to-show');
      }, reject);
    });
  }

  /** The user or app closes the window: false when a 'close' listener prevented it. */
  close(): boolean {
    if (this.#destroyed) return true;
    record('BrowserWindow#close', [this]);
    const event = cancellable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.#destroyed = true;
    windows.splice(windows.indexOf(this), 1);
    if (focused === this) focused = null;
    this.contents.destroy();
    this.emit('closed');
    return true;
  }

  show(): void {
    record('BrowserWindow#show', [this]);
    focused = this;
  }
  focus(): void {
    record('BrowserWindow#focus', [this]);
    focused = this;
  }
  restore(): void {
    record('BrowserWindow#restore', [this]);
  }
  maximize(): void {
    record('BrowserWindow#maximize', [this]);
  }
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  getNormalBounds(): Rectangle {
    return { ...this.#bounds };
  }
  setDocumentEdited(edited: boolean): void {
    record('BrowserWindow#setDocumentEdited', [this, edited]);
  }
  userSetBounds(bounds: Rectangle): void {
    this.#bounds = { ...bounds };
    this.emit('move');
    this.emit('resize');
  }
}

export const BrowserWindow = FakeBrowserWindow;

export const webContents = {
  fromId: (id: number): FakeWebContents | undefined => liveContents.get(id),
};

// ---------------------------------------------------------------------------------------------
// protocol, session, ipcMain

type RequestHandler = (request: Request) => Promise<Response> | Response;
const schemes = new Map<string, RequestHandler>();

async function handleRequest(url: string, method = 'GET'): Promise<Response> {
  const handler = schemes.get(new URL(url).protocol.slice(0, -1));
  if (handler === undefined) return new Response(null, { status: 404 });
  return handler(new Request(url, { method }));
}

export const protocol = {
  registerSchemesAsPrivileged(list: unknown): void {
    record('protocol.registerSchemesAsPrivileged', [list]);
    if (phase === 'ready') throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
  },
  handle(scheme: string, handler: RequestHandler): void {
    record('protocol.handle', [scheme, handler]);
    requireReady('protocol.handle');
    schemes.set(scheme, handler);
  },
};

class FakeSession extends EventEmitter {
  setPermissionRequestHandler(handler: unknown): void {
    record('Session#setPermissionRequestHandler', [handler]);
  }
  setPermissionCheckHandler(handler: unknown): void {
    record('Session#setPermissionCheckHandler', [handler]);
  }
  setDevicePermissionHandler(handler: unknown): void {
    record('Session#setDevicePermissionHandler', [handler]);
  }
}

let defaultSession: FakeSession | null = null;
export const session = {
  get defaultSession(): FakeSession {
    requireReady('session.defaultSession');
    if (defaultSession === null) {
      defaultSession = new FakeSession();
      recordListeners(defaultSession, 'Session#');
    }
    return defaultSession;
  },
};

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeListener>();

export const ipcMain = {
  handle(channel: string, listener: InvokeListener): void {
    record('ipcMain.handle', [channel, listener]);
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    invokeHandlers.delete(channel);
  },
};

// ---------------------------------------------------------------------------------------------
// Menu, dialog, shell, screen, nativeTheme

export class Menu {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    record('Menu.setApplicationMenu', [menu?.items ?? null]);
  }
  constructor(readonly items: MenuItemConstructorOptions[]) {}
}

/** Dialogs answer Cancel: the bundle test opens and saves nothing through them. */
export const dialog = {
  showOpenDialog: async (...args: unknown[]) => (record('dialog.showOpenDialog', args), { canceled: true, filePaths: [] }),
  showSaveDialog: async (...args: unknown[]) => (record('dialog.showSaveDialog', args), { canceled: true, filePath: '' }),
  showMessageBox: async (...args: unknown[]) => (record('dialog.showMessageBox', args), { response: 0, checkboxChecked: false }),
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', [title, content]);
    console.error(`[stand-in error box] ${title}\n${content}`);
  },
};

export const shell = {
  openExternal: async (url: string) => record('shell.openExternal', [url]),
  showItemInFolder: (path: string) => record('shell.showItemInFolder', [path]),
};

const screenEmitter = new EventEmitter();
export const screen = Object.assign(screenEmitter, {
  getAllDisplays() {
    requireReady("The 'screen' module");
    return [{ id: 1, workArea: { x: 0, y: 32, width: 1920, height: 1048 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }];
  },
});
recordListeners(screen, 'screen.');

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });
recordListeners(nativeTheme, 'nativeTheme.');

// ---------------------------------------------------------------------------------------------
// Commands from the test

function appWindow(): FakeBrowserWindow {
  const win = windows[0];
  if (win === undefined) throw new Error('There is no open window.');
  return win;
}

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'invoke': {
      const listener = invokeHandlers.get(command.channel);
      if (listener === undefined) throw new Error(`No handler registered for '${command.channel}'`);
      const contents = appWindow().contents;
      const result = await listener({ sender: contents, senderFrame: contents.mainFrame }, ...command.args);
      return structuredClone(result);
    }
    case 'fetch': {
      const response = await handleRequest(command.url, command.method);
      const reply: FetchReply = { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
      return reply;
    }
    case 'set-bounds':
      appWindow().userSetBounds(command.bounds);
      return null;
    case 'close-window':
      return { closed: appWindow().close() };
    case 'window-all-closed':
      if (windows.length > 0) throw new Error('Windows are still open.');
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else quitApp();
      return null;
    case 'quit':
      quitApp();
      return null;
  }
}

process.on('message', (message: CommandMessage) => {
  run(message).then(
    (value) => report({ kind: 'reply', id: message.id, ok: true, value: describe(value) }),
    (error: unknown) => report({ kind: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
