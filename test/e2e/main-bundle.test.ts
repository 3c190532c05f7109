// The built main bundle (out/main/main.js) run in a child Node process with a stand-in for the
// `electron` module only (test/e2e/fake-electron): what only the bundle itself can show — the
// start order Electron requires, the paths it finds relative to itself (preload, page, worker,
// packaged resources, log), the app:// protocol over the built page, a file from the command
// line reaching the page once it loads, the headless --cli start, and quitting without a hang.
// The logic behind it is unit-tested module by module in test/electron.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannels, type RunStateEvent, type RunSettings } from '../../electron/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { WORKER_RESOURCE_LIMITS } from '../../electron/worker-limits';
import { readDataset } from '../../engine/data';
import { datasetPayload } from '../../renderer/shared/dataset-payload';
import { BundleProcess, prepareAppFolder, ROOT, type LaunchOptions } from './fake-electron/launch';
import type { FetchReply } from './fake-electron/protocol';

const APP_URL = 'app://tidecast/index.html';

// electron.d.ts: the events Electron 45 declares (TypeScript accepts any string as an event name
// through EventEmitter's catch-all, so a misspelt event would type-check and never fire).
const DTS = readFileSync(join(ROOT, 'node_modules/electron/electron.d.ts'), 'utf8');
function declaredEvents(...headers: string[]): Set<string> {
  const names = new Set<string>();
  for (const header of headers) {
    const start = DTS.indexOf(`\n  ${header}`);
    if (start < 0) throw new Error(`electron.d.ts has no "${header}"`);
    for (const [, name] of DTS.slice(start, DTS.indexOf('\n  }\n', start)).matchAll(/\bon\(event: '([^']+)'/g)) names.add(name!);
  }
  return names;
}
const EVENT_SOURCES: Record<string, string[]> = {
  'app.': ['interface App extends'],
  'BrowserWindow#': ['class BrowserWindow extends', 'class BaseWindow extends'],
  'WebContents#': ['class WebContents extends'],
  'Session#': ['class Session extends'],
  'screen.': ['interface Screen extends'],
  'nativeTheme.': ['interface NativeTheme extends'],
};

const SMALL_RUN: RunSettings = {
  target: 'wine_sales_litres', covariates: [], horizon: null, season: null, model: 'gru', bidirectional: false, layers: 1, hidden: 8,
  lookback: null, epochs: 4, seed: 7, timeBudgetSec: 0, backtest: false, backtestOrigins: 1, learningRate: 3e-3, batchSize: 32,
};
/** Still training when the app quits (many jobs of seconds each). */
const LONG_RUN: RunSettings = { ...SMALL_RUN, model: 'lstm', hidden: 128, epochs: 1000 };

const payload = datasetPayload(readDataset(readFileSync(join(ROOT, 'samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' }).dataset);
const text = (reply: FetchReply): string => Buffer.from(reply.body).toString('utf8');

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

let appDir: string;
let userData: string;
const launched: BundleProcess[] = [];
function launch(options: Partial<LaunchOptions> = {}): BundleProcess {
  const app = new BundleProcess(appDir, { userData, documents: tempDir('tidecast-documents-'), ...options });
  launched.push(app);
  return app;
}

function only(app: BundleProcess, api: string) {
  const calls = app.callsTo(api);
  expect(calls.map((c) => c.api), `${api} called exactly once`).toEqual([api]);
  return calls[0]!;
}

const runStates = (app: BundleProcess, runId: number): string[] =>
  app
    .callsTo('WebContents#send')
    .filter((c) => c.args[1] === 'run:state' && (c.args[2] as RunStateEvent).runId === runId)
    .map((c) => (c.args[2] as RunStateEvent).state);

beforeAll(() => {
  appDir = prepareAppFolder();
  tempDirs.push(appDir);
  userData = tempDir('tidecast-userdata-');
});

afterAll(() => {
  for (const app of launched) app.kill();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the built main bundle, started as `electron .` would (development)', () => {
  let app: BundleProcess;

  beforeAll(async () => {
    app = launch();
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
  });

  it('starts in the order Electron requires, with one window though the dock was clicked meanwhile', () => {
    const ready = app.lifecycle.find((l) => l.event === 'ready')!.seq;
    const beforeReady = app.calls.filter((c) => c.phase === 'before-ready').map((c) => c.api);
    // Only possible before 'ready' (the stand-in throws otherwise, as Electron does).
    expect(beforeReady).toEqual(expect.arrayContaining(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']));
    expect(only(app, 'protocol.registerSchemesAsPrivileged').args[0]).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    // Every web contents gets hardened, so that listener exists before the first window.
    expect(app.callsTo('app.on').some((c) => c.args[0] === 'web-contents-created' && c.seq < ready)).toBe(true);

    // Permissions, the protocol and every IPC handler exist before the page loads.
    const load = only(app, 'BrowserWindow#loadURL');
    expect(load.args[1]).toBe(APP_URL);
    expect([...app.callsTo('ipcMain.handle').map((c) => c.args[0] as string)].sort()).toEqual([...invokeChannels].sort());
    for (const api of ['Session#setPermissionRequestHandler', 'Session#setPermissionCheckHandler', 'protocol.handle', 'Menu.setApplicationMenu', ...app.callsTo('ipcMain.handle').map(() => 'ipcMain.handle')]) {
      expect(app.callsTo(api).every((c) => c.phase === 'ready' && c.seq < load.seq), api).toBe(true);
    }
    // Shown once painted; the 'activate' right after 'ready' did not open a second window.
    expect(app.callsTo('BrowserWindow#show')[0]!.seq).toBeGreaterThan(app.lifecycle.find((l) => l.event === 'loaded')!.seq);
    expect(app.callsTo('new BrowserWindow')).toHaveLength(1);
    expect(app.stderr).toBe('');
  });

  it('listens only to events electron.d.ts declares', () => {
    const registrations = app.calls.filter((c) => /[.#](on|once|addListener|prependListener)$/.test(c.api));
    expect(registrations.length).toBeGreaterThan(8);
    for (const call of registrations) {
      const prefix = Object.keys(EVENT_SOURCES).find((p) => call.api.startsWith(p));
      expect(prefix, `a listener on ${call.api}`).toBeDefined();
      const name = (call.api.includes('#') ? call.args[1] : call.args[0]) as string;
      expect(declaredEvents(...EVENT_SOURCES[prefix!]!).has(name), `${call.api}('${name}') is an event Electron declares`).toBe(true);
    }
  });

  it('finds the preload beside the bundle and serves out/renderer over app:// with the CSP, nothing outside it', async () => {
    const preferences = (only(app, 'new BrowserWindow').args[0] as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(preferences['preload']).toBe(join(appDir, 'out/preload/preload.cjs'));
    expect(existsSync(preferences['preload'] as string)).toBe(true);
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true });

    const renderer = join(appDir, 'out/renderer');
    const built = (readdirSync(renderer, { recursive: true }) as string[]).filter((f) => statSync(join(renderer, f)).isFile());
    expect(built).toContain('index.html');
    for (const file of built) {
      const reply = await app.command<FetchReply>({ cmd: 'fetch', url: `app://tidecast/${file}` });
      expect(reply.status, file).toBe(200);
      expect(reply.headers['content-security-policy'], file).toBe(CONTENT_SECURITY_POLICY);
      expect(Buffer.from(reply.body).equals(readFileSync(join(renderer, file))), file).toBe(true);
    }
    for (const url of ['app://tidecast/../main/main.js', 'app://tidecast/%2e%2e/preload/preload.cjs', 'app://evil/index.html']) {
      const reply = await app.command<FetchReply>({ cmd: 'fetch', url });
      expect([403, 404], url).toContain(reply.status);
      expect(text(reply), url).not.toContain('import');
    }
  });

  it('trains on the worker beside the bundle (out/main/worker.js), under the app’s heap cap', async () => {
    const started = await app.invoke('forecast:start', { label: 'smoke', dataset: payload, settings: SMALL_RUN });
    if (!started.ok) throw new Error(started.error.message);
    const runId = started.value.runId;
    await app.until('the run to finish', () => ['done', 'failed', 'cancelled'].find((s) => runStates(app, runId).includes(s)), 60_000);
    expect(runStates(app, runId)).toEqual(['running', 'done']);
    const online = app.workers.filter((w) => w.event === 'online');
    expect(online.length).toBeGreaterThan(0);
    for (const w of online) {
      expect(w.event === 'online' && w.filename).toBe(pathToFileURL(join(appDir, 'out/main/worker.js')).href);
      expect(w.event === 'online' && w.resourceLimits).toEqual(WORKER_RESOURCE_LIMITS);
    }
  });

  it('quits while a run trains without a hang: the run stops, every worker ends, the window state is on disk', async () => {
    await app.command({ cmd: 'set-bounds', bounds: { x: 40, y: 60, width: 1100, height: 760 } });
    const workersBefore = app.workers.length;
    const started = await app.invoke('forecast:start', { label: 'long', dataset: payload, settings: LONG_RUN });
    if (!started.ok) throw new Error(started.error.message);
    await app.until('the long run to train', () => app.workers.slice(workersBefore).some((w) => w.event === 'message' && w.type === 'progress'), 30_000);

    await app.command({ cmd: 'quit' });
    expect(await app.exited(15_000)).toEqual({ code: 0, signal: null });
    expect(app.lifecycle.map((l) => l.event)).toEqual(['ready', 'loaded', 'quit']);
    const threads = (event: string) => app.workers.filter((w) => w.event === event).map((w) => w.thread).sort();
    expect(threads('exit')).toEqual(threads('online'));
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 40, y: 60, width: 1100, height: 760 }, maximized: false });
    expect(app.stderr).not.toMatch(/Could not send|Could not save|failed/);
  });
});

describe('a packaged launch', () => {
  it('restores the window without developer tools, loads app:// (never a dev server) and lists the samples from resources', async () => {
    const resourcesPath = tempDir('tidecast-resources-');
    cpSync(join(ROOT, 'samples'), join(resourcesPath, 'samples'), { recursive: true });
    const app = launch({ packaged: { resourcesPath }, env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' } });
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
    const options = only(app, 'new BrowserWindow').args[0] as { webPreferences: Record<string, unknown> };
    expect(options).toMatchObject({ x: 40, y: 60, width: 1100, height: 760 });
    expect(options.webPreferences['devTools']).toBe(false);
    expect(only(app, 'BrowserWindow#loadURL').args[1]).toBe(APP_URL);
    const listed = await app.invoke('samples:list');
    expect(listed.ok && listed.value.map((s) => s.name).sort()).toEqual(readdirSync(join(ROOT, 'samples')).filter((n) => n.endsWith('.csv')).sort());
    await app.command({ cmd: 'quit' });
    expect(await app.exited()).toEqual({ code: 0, signal: null });
    expect(app.stderr).toBe('');
  });
});

describe('started with a file to open (a file manager, `tidecast sales.csv`)', () => {
  it('hands the file to the page once it has loaded, and remembers it in Open Recent and the log', async () => {
    const data = tempDir('tidecast-open-');
    const csv = join(data, 'sales.csv');
    writeFileSync(csv, 'day,sales\n2024-01-01,1\n2024-01-02,2\n');
    const ownData = tempDir('tidecast-userdata-');
    const app = launch({ userData: ownData, args: [csv] });
    const sent = await app.until('the file to reach the page', () => app.callsTo('WebContents#send').find((c) => c.args[1] === 'file:open-request'));
    expect(sent.args[2]).toEqual({ ok: true, value: { kind: 'data', name: 'sales.csv', text: 'day,sales\n2024-01-01,1\n2024-01-02,2\n', bytes: 36, encoding: 'utf-8' } });
    expect(sent.seq).toBeGreaterThan(app.lifecycle.find((l) => l.event === 'loaded')!.seq);
    expect(app.callsTo('app.addRecentDocument').map((c) => c.args[0])).toEqual([csv]);
    await app.command({ cmd: 'quit' });
    expect(await app.exited()).toEqual({ code: 0, signal: null });
    expect(JSON.parse(readFileSync(join(ownData, 'recent-files.json'), 'utf8'))).toEqual({ files: [{ path: csv, kind: 'data' }] });
    expect(readFileSync(join(ownData, 'logs/main.log'), 'utf8')).toMatch(/\[info\]\s+Tidecast \d+\.\d+\.\d+ starting/);
  });
});

describe('started with --cli (the packaged `tidecast` command)', () => {
  it('runs the command-line tool headless and exits with its code: no window, no instance lock', async () => {
    const help = launch({ userData: tempDir('tidecast-userdata-'), args: ['--cli', '--', '--help'] });
    expect(await help.exited(30_000)).toEqual({ code: 0, signal: null });
    expect(help.stdout).toContain('--input');
    const apis = help.calls.map((c) => c.api);
    for (const api of ['app.requestSingleInstanceLock', 'new BrowserWindow', 'protocol.registerSchemesAsPrivileged', 'ipcMain.handle']) expect(apis).not.toContain(api);
    expect(apis).toContain('app.disableHardwareAcceleration');
    expect(help.callsTo('app.exit').map((c) => c.args[0])).toEqual([0]);

    const missing = launch({ userData: tempDir('tidecast-userdata-'), args: ['--cli', '--', '--input', join(tempDir('tidecast-none-'), 'missing.csv')] });
    expect(await missing.exited(30_000)).toEqual({ code: 2, signal: null });
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('while another instance runs', () => {
  it('quits before ready without opening a window or registering anything', async () => {
    const app = launch({ singleInstanceLock: false });
    expect(await app.exited()).toEqual({ code: 0, signal: null });
    const apis = app.calls.map((c) => c.api);
    expect(apis.slice(apis.indexOf('app.requestSingleInstanceLock'))).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    for (const api of ['app.whenReady', 'protocol.handle', 'ipcMain.handle', 'new BrowserWindow']) expect(apis).not.toContain(api);
    expect(app.stderr).toBe('');
  });
});

describe('quitting while the page is still loading (Cmd+Q at launch)', () => {
  it('quits cleanly, without a "could not start" error', async () => {
    const app = launch({ userData: tempDir('tidecast-userdata-'), holdLoad: true });
    await app.until('the page load to start', () => app.callsTo('BrowserWindow#loadURL').length > 0);
    await app.command({ cmd: 'quit' });
    expect(await app.exited()).toEqual({ code: 0, signal: null });
    expect(app.callsTo('dialog.showErrorBox')).toEqual([]);
    expect(app.lifecycle.map((l) => l.event)).toEqual(['ready', 'quit']);
    expect(app.stderr).toBe('');
  });
});
