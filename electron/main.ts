// Electron's main entry: thin wiring of the tested modules (window, protocol, navigation, ipc,
// handlers, menu, window state). With preload.ts, the only file that loads `electron` at runtime.
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
import { appPaths } from './app-paths';
import { createHandlers } from './handlers';
import { APP_ID, APP_NAME } from './identity';
import { emit, registerHandlers, type SenderContents } from './ipc';
import { createRunBridge } from './runs';
import { buildMenuTemplate } from './menu';
import { decidePermission, hardenWebContents } from './navigation';
import { overwritePrompt, replaces } from './prompts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppRequestHandler, pageLocation } from './protocol';
import { holdQuitUntil } from './quit-gate';
import { windowOptions } from './window';
import { WORKER_RESOURCE_LIMITS, withMemoryAdvice } from './worker-limits';
import { loadWindowState, restoreWindow, trackWindowState } from './window-state';

// Before any path is asked for: the user-data folder is named after the app.
app.setName(APP_NAME);
const paths = appPaths({
  bundleDir: import.meta.dirname,
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  userData: app.getPath('userData'),
});

// electron-vite names its dev server for `npm run dev`; a packaged app never uses one.
const page = pageLocation(app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']);

/** Web contents ids of the windows we created: the sender check accepts only these. */
const appContents = new Set<number>();
const windowTrackers: { flush(): Promise<void> }[] = [];
let mainWindow: BrowserWindow | null = null;

// Training runs on worker threads (out/main/worker.js, beside this file), each under a heap cap;
// workers start on demand.
const pool = withMemoryAdvice(createForecastPool({ workerUrl: paths.workerUrl, resourceLimits: WORKER_RESOURCE_LIMITS }), WORKER_RESOURCE_LIMITS);
const runs = createRunBridge({
  pool,
  send: (contentsId, channel, payload) => {
    const contents = webContents.fromId(contentsId);
    if (contents !== undefined && !contents.isDestroyed() && appContents.has(contentsId)) emit(contents, channel, payload);
  },
  log: (message) => console.warn(message),
});

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
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page.origin, shell));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // The last window-state write reaches the disk and the workers stop before the process exits.
  app.on(
    'will-quit',
    holdQuitUntil(() => Promise.allSettled([...windowTrackers.map((t) => t.flush()), runs.dispose().then(() => pool.destroy())]), () => app.quit()),
  );
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  protocol.handle(APP_SCHEME, createAppRequestHandler(paths.rendererDir));

  registerHandlers(ipcMain, {
    appOrigin: page.origin,
    isAppContents: (sender) => appContents.has(sender.id),
    handlers: createHandlers({
      appInfo: {
        name: APP_NAME,
        version: app.getVersion(),
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
        v8: process.versions.v8,
        platform: process.platform,
        arch: process.arch,
      },
      samplesDir: paths.samplesDir,
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
        confirmOverwrite: async (sender, path) => {
          const owner = windowOf(sender);
          const options = overwritePrompt(path);
          return replaces((owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options)).response);
        },
      },
    }),
    log: (message) => console.warn(message),
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: APP_NAME,
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
  const stateFile = paths.windowStateFile;
  const restored = restoreWindow(
    await loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options = windowOptions({
    preload: paths.preload,
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
    await win.loadURL(page.url);
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
