// Electron's main entry: thin wiring of the tested modules. Started with --cli it runs the
// command-line tool headless and exits with its code; otherwise it is the desktop app (window,
// protocol, navigation, IPC, menu, files opened from outside, unsaved-changes prompt, log).
// With preload.ts, the only file that loads `electron` at runtime.
import { homedir } from 'node:os';
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
import { runHeadlessCli } from './cli-mode';
import { guardClose } from './close-guard';
import type { DocumentKind } from './contract';
import { createHandlers } from './handlers';
import { APP_ID, APP_NAME } from './identity';
import { emit, registerHandlers, type SenderContents } from './ipc';
import { createRunBridge } from './runs';
import { createWhatIfService } from './what-if';
import { cliArguments, filesToOpen } from './launch-args';
import { openAppLog, reportHint } from './log';
import { buildMenuTemplate } from './menu';
import { decidePermission, hardenWebContents } from './navigation';
import { PendingOpens, readOpenRequest } from './open-requests';
import { closeChoice, overwritePrompt, replaces, unsavedChangesPrompt } from './prompts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppRequestHandler, pageLocation } from './protocol';
import { holdQuitUntil } from './quit-gate';
import { RecentFiles } from './recent-files';
import { windowOptions } from './window';
import { loadWindowState, restoreWindow, trackWindowState } from './window-state';
import { WORKER_RESOURCE_LIMITS, withMemoryAdvice } from './worker-limits';

// Before any path is asked for: the user-data folder is named after the app.
app.setName(APP_NAME);
const paths = appPaths({
  bundleDir: import.meta.dirname,
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  userData: app.getPath('userData'),
});

const cli = cliArguments(process.argv);
if (cli !== null) runHeadless(cli);
else startDesktop();

/** `--cli`: no window, no single-instance lock (it may run beside the open app), no GPU. */
function runHeadless(args: string[]): void {
  app.disableHardwareAcceleration();
  app.dock?.hide();
  void runHeadlessCli(args, { workerUrl: paths.workerUrl, stdout: process.stdout, stderr: process.stderr }).then((code) => app.exit(code));
}

function startDesktop(): void {
  const log = openAppLog(paths.logFile);
  log.info(`${APP_NAME} ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform} ${process.arch}${app.isPackaged ? '' : ', development'})`);

  // electron-vite names its dev server for `npm run dev`; a packaged app never uses one.
  const page = pageLocation(app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']);

  /** What main keeps for each window it created, by web contents id (the sender check accepts only these). */
  interface WindowRecord {
    edited: boolean;
    document: string;
    projectPath: string | null;
  }
  const windows = new Map<number, WindowRecord>();
  const windowTrackers: { flush(): Promise<void> }[] = [];
  let mainWindow: BrowserWindow | null = null;
  let quitting = false;

  // Training runs on worker threads (out/main/worker.js, beside this file), each under a heap cap;
  // workers start on demand.
  const pool = withMemoryAdvice(createForecastPool({ workerUrl: paths.workerUrl, resourceLimits: WORKER_RESOURCE_LIMITS }), WORKER_RESOURCE_LIMITS);
  const runs = createRunBridge({
    pool,
    send: (contentsId, channel, payload) => {
      const contents = webContents.fromId(contentsId);
      if (contents !== undefined && !contents.isDestroyed() && windows.has(contentsId)) emit(contents, channel, payload);
    },
    log: (message) => log.warn(message),
  });
  const whatIf = createWhatIfService();

  const recent = new RecentFiles(paths.recentFilesFile, { onChange: () => refreshMenu(), onError: (error) => log.warn('Could not save the recent files:', error) });

  const documentOpened = (path: string, kind: DocumentKind, contentsId: number | null): void => {
    recent.add(path, kind);
    app.addRecentDocument(path);
    const record = contentsId === null ? undefined : windows.get(contentsId);
    if (record !== undefined && kind === 'project') record.projectPath = path;
  };

  // Files from outside the page wait for it to load, then go to the main window one by one.
  const pending = new PendingOpens((path) => {
    void readOpenRequest(path).then((request) => {
      const target = mainWindow;
      if (target === null || target.isDestroyed()) return;
      if (request.ok) documentOpened(path, request.value.kind, target.webContents.id);
      else if (request.error.code === 'not-found') recent.remove(path);
      if (!request.ok) log.warn(`Could not open ${path}: ${request.error.message}`);
      emit(target.webContents, 'file:open-request', request);
    });
  });
  const openFiles = (paths: readonly string[]): void => {
    if (paths.length === 0) return;
    pending.request(paths);
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow().catch(windowFailed);
  };

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Sandbox every renderer, including any the app did not configure itself.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // macOS hands files opened in Finder (or dropped on the Dock icon) over as events, from launch on.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFiles([path]);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow !== null) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    openFiles(filesToOpen(argv, { isPackaged: app.isPackaged, cwd: workingDirectory }));
  });
  // Navigation, new windows and <webview>, for every web contents the app ever creates.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page.origin, shell));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => (quitting = true));
  // The last window-state and recent-files writes reach the disk and the workers stop before the process exits.
  app.on(
    'will-quit',
    holdQuitUntil(() => Promise.allSettled([...windowTrackers.map((t) => t.flush()), recent.flush(), runs.dispose().then(() => pool.destroy())]), () => app.quit()),
  );
  openFiles(filesToOpen(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() }));
  app.whenReady().then(start).catch(fatal);

  async function start(): Promise<void> {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
    ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
    ses.setDevicePermissionHandler(() => false);
    protocol.handle(APP_SCHEME, createAppRequestHandler(paths.rendererDir));

    registerHandlers(ipcMain, {
      appOrigin: page.origin,
      isAppContents: (sender) => windows.has(sender.id),
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
          logFile: log.file,
        },
        samplesDir: paths.samplesDir,
        defaultSaveDir: app.getPath('documents'),
        runs: runs.handlers,
        whatIf: whatIf.handlers,
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
        shell: {
          documentOpened: (sender, path, kind) => documentOpened(path, kind, sender.id),
          projectPath: (sender) => windows.get(sender.id)?.projectPath ?? null,
          setEdited: (sender, edited, document) => {
            const record = windows.get(sender.id);
            if (record === undefined) return;
            record.edited = edited;
            record.document = document;
            if (process.platform === 'darwin') windowOf(sender)?.setDocumentEdited(edited);
          },
          closeWindow: (sender) => windowOf(sender)?.close(),
          showLogs: async () => shell.showItemInFolder(log.file),
        },
      }),
      log: (message) => log.warn(message),
    });

    await recent.load();
    await createWindow();
    // macOS: the dock icon reopens a window once none is left. Listened to only now, as Electron's
    // docs advise: an 'activate' while the first window is being made would open a second one.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length > 0) return;
      createWindow().catch(windowFailed);
    });
  }

  function refreshMenu(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          appName: APP_NAME,
          isMac: process.platform === 'darwin',
          isDev: !app.isPackaged,
          command: (command) => {
            const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
            if (target !== null && windows.has(target.webContents.id)) emit(target.webContents, 'menu:command', { command });
          },
          recent: recent.files,
          home: homedir(),
          openRecent: (file) => openFiles([file.path]),
          clearRecent: () => {
            recent.clear();
            app.clearRecentDocuments();
          },
          showLogs: () => shell.showItemInFolder(log.file),
        }),
      ),
    );
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
    const record: WindowRecord = { edited: false, document: '', projectPath: null };
    windows.set(contentsId, record);
    mainWindow = win;
    // Unsaved changes: ask before the window goes (and before the app quits with it).
    win.on(
      'close',
      guardClose({
        isEdited: () => record.edited,
        ask: async () => closeChoice((await dialog.showMessageBox(win, unsavedChangesPrompt(record.document))).response),
        saveThenClose: () => emit(win.webContents, 'menu:command', { command: 'save-and-close' }),
        close: () => win.close(),
        kept: () => (quitting = false),
      }),
    );
    windowTrackers.push(trackWindowState(win, stateFile, { onError: (error) => log.warn('Could not save the window state:', error) }));
    if (restored.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-finish-load', () => pending.ready());
    win.on('closed', () => {
      // Nobody is left to see these runs: stop them and free the workers.
      runs.closeWindow(contentsId);
      whatIf.closeWindow(contentsId);
      windows.delete(contentsId);
      if (mainWindow === win) {
        mainWindow = null;
        pending.hold();
      }
      // macOS keeps the app open without windows, unless the user was quitting it.
      if (quitting && BrowserWindow.getAllWindows().length === 0) app.quit();
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      log.error(`The window's renderer stopped (${details.reason}, exit code ${details.exitCode}).`);
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

  function windowFailed(error: unknown): void {
    log.error('Could not open a window:', error);
  }

  function fatal(error: unknown): void {
    log.error('Tidecast could not start:', error);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    dialog.showErrorBox('Tidecast could not start', `${detail}\n\n${reportHint(log.file)}`);
    app.exit(1);
  }
}
