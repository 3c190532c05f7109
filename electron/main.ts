// Electron's main entry: thin wiring of the tested modules (window, protocol, navigation, ipc,
// handlers, menu, window state). With preload.ts, the only file that loads `electron` at runtime.
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  webContents,
} from 'electron';
import { createForecastPool } from '../engine/forecast/pool';
import { createHandlers } from './handlers';
import { emit, registerHandlers, type SenderContents } from './ipc';
import { createRunBridge } from './runs';
import { buildMenuTemplate } from './menu';
import { decidePermission, hardenWebContents, originOf } from './navigation';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppRequestHandler } from './protocol';
import { windowOptions } from './window';
import { loadWindowState, restoreWindow, trackWindowState } from './window-state';

const APP_ID = 'org.tidecast.app';
const here = import.meta.dirname;
const preloadPath = join(here, '../preload/preload.cjs');
const rendererDir = join(here, '../renderer');

// electron-vite sets this for `npm run dev`; a packaged app never uses a dev server.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const appOrigin = (devServerUrl !== undefined ? originOf(devServerUrl) : null) ?? APP_ORIGIN;

/** Web contents ids of the windows we created: the sender check accepts only these. */
const appContents = new Set<number>();
const windowTrackers: { flush(): Promise<void> }[] = [];
let mainWindow: BrowserWindow | null = null;

// Training runs on worker threads (out/main/worker.js, beside this file); workers start on demand.
const pool = createForecastPool({ workerUrl: new URL('./worker.js', import.meta.url) });
const runs = createRunBridge({
  pool,
  send: (contentsId, channel, payload) => {
    const contents = webContents.fromId(contentsId);
    if (contents !== undefined && !contents.isDestroyed() && appContents.has(contentsId)) emit(contents, channel, payload);
  },
  log: (message) => console.warn(message),
});

app.setName('Tidecast');
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
// Sandbox every renderer, including any the app did not configure itself.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Navigation, new windows and <webview>, for every web contents the app ever creates.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin, shell));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let stateFlushed = false;
  app.on('will-quit', (event) => {
    // Let the last window-state write reach the disk before the process exits.
    if (stateFlushed) return;
    event.preventDefault();
    stateFlushed = true;
    void Promise.allSettled([...windowTrackers.map((t) => t.flush()), runs.dispose().then(() => pool.destroy())]).then(() => app.quit());
  });
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));

  registerHandlers(ipcMain, {
    appOrigin,
    isAppContents: (sender) => appContents.has(sender.id),
    handlers: createHandlers({
      appInfo: {
        name: 'Tidecast',
        version: app.getVersion(),
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
        v8: process.versions.v8,
        platform: process.platform,
        arch: process.arch,
      },
      samplesDir: app.isPackaged ? join(process.resourcesPath, 'samples') : join(app.getAppPath(), 'samples'),
      defaultSaveDir: app.getPath('documents'),
      runs: runs.handlers,
      dialogs: {
        showOpenDialog: (sender, options) => {
          const owner = windowOf(sender);
          return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
        },
        showSaveDialog: (sender, options) => {
          const owner = windowOf(sender);
          return owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options);
        },
      },
    }),
    log: (message) => console.warn(message),
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: 'Tidecast',
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        command: (command) => {
          const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
          if (target !== null && appContents.has(target.webContents.id)) emit(target.webContents, 'menu:command', { command });
        },
      }),
    ),
  );

  await createWindow();
  // macOS: the dock icon reopens a window once none is left. Listened to only now, as Electron's
  // docs advise: an 'activate' while the first window is being made would open a second one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length > 0) return;
    createWindow().catch((error: unknown) => console.error('Could not open a window:', error));
  });
}

async function createWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const restored = restoreWindow(
    await loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options = windowOptions({
    preload: preloadPath,
    bounds: restored.bounds,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#f4f6f8', // = --bg in renderer/app.css
    devTools: !app.isPackaged,
  });
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      // Repeated as literals at the call site so reviewers and Electronegativity see them here.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contentsId = win.webContents.id;
  appContents.add(contentsId);
  mainWindow = win;
  windowTrackers.push(trackWindowState(win, stateFile, { onError: (error) => console.warn('Could not save the window state:', error) }));
  if (restored.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    // Nobody is left to see these runs: stop them and free the workers.
    runs.closeWindow(contentsId);
    appContents.delete(contentsId);
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`The window's renderer stopped (${details.reason}, exit code ${details.exitCode}).`);
  });
  // Closing the window or quitting while the page loads rejects loadURL (ERR_FAILED): that is no
  // failure to start. Listening before loadURL does puts this flag ahead of Electron's rejection.
  let closedWhileLoading = false;
  win.webContents.once('destroyed', () => (closedWhileLoading = true));
  try {
    await win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  } catch (error) {
    if (!closedWhileLoading) throw error;
  }
}

function windowOf(sender: SenderContents): BrowserWindow | null {
  const contents = webContents.fromId(sender.id);
  return contents ? BrowserWindow.fromWebContents(contents) : null;
}

function fatal(error: unknown): void {
  dialog.showErrorBox('Tidecast could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
  app.exit(1);
}
