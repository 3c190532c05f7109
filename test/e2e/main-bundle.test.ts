// The built Electron main bundle (out/main/main.js), run for real in a child Node process with a
// stand-in for the `electron` module only (test/e2e/fake-electron): the wiring of main.ts, its
// import-time code, the paths relative to the bundle (preload, renderer, worker, samples), the
// real worker threads and files. Startup order, window, protocol, menu, navigation, IPC through
// the registered handlers, a forecast on out/main/worker.js and its saved model reopened, cancel
// on close, quit without a hang; then a packaged relaunch that restores the window, a second
// instance, quitting while the page loads, the dev server, and the macOS and Windows branches.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, cpSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  invokeChannels,
  type DatasetPayload,
  type RunProgressEvent,
  type RunResultEvent,
  type RunStateEvent,
  type RunSettings,
  type TrainedRun,
} from '../../electron/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { datasetFrom } from '../../electron/runs';
import { readDataset } from '../../engine/data';
import { runForecast } from '../../engine/forecast/pipeline';
import { createForecastPool } from '../../engine/forecast/pool';
import { BundleProcess, electronVersion, prepareAppFolder, ROOT, type CallRecord, type LaunchOptions } from './fake-electron/launch';
import type { FetchReply } from './fake-electron/protocol';

const APP_URL = 'app://tidecast/index.html';
const WINDOW = { $ref: 'BrowserWindow', id: 1 };

// ---------------------------------------------------------------------------------------------
// electron.d.ts: the event names and menu roles Electron 45 declares (TypeScript accepts any
// string as an event name through EventEmitter's catch-all, so a typo would type-check).

const DTS = readFileSync(join(ROOT, 'node_modules/electron/electron.d.ts'), 'utf8');

function declarationBlock(header: string): string {
  const start = DTS.indexOf(`\n  ${header}`);
  if (start < 0) throw new Error(`electron.d.ts has no "${header}"`);
  return DTS.slice(start, DTS.indexOf('\n  }\n', start));
}

function declaredEvents(...headers: string[]): Set<string> {
  const names = new Set<string>();
  for (const header of headers) for (const [, name] of declarationBlock(header).matchAll(/\bon\(event: '([^']+)'/g)) names.add(name!);
  return names;
}

/** Listener-registering stand-in API prefix → the Electron declarations whose events apply. */
const EVENT_SOURCES: Record<string, string[]> = {
  'app.': ['interface App extends'],
  'BrowserWindow#': ['class BrowserWindow extends', 'class BaseWindow extends'],
  'WebContents#': ['class WebContents extends'],
  'Session#': ['class Session extends'],
  'screen.': ['interface Screen extends'],
  'nativeTheme.': ['interface NativeTheme extends'],
};

const MENU_ROLES = new Set(
  [...(/role\?: \(([^)]*)\)/.exec(declarationBlock('interface MenuItemConstructorOptions {'))?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!),
);

// ---------------------------------------------------------------------------------------------
// Helpers over what the stand-in recorded.

interface Sent {
  seq: number;
  contents: number;
  channel: string;
  payload: unknown;
}

function sends(app: BundleProcess): Sent[] {
  return app.callsTo('WebContents#send').map((c) => ({
    seq: c.seq,
    contents: (c.args[0] as { id: number }).id,
    channel: c.args[1] as string,
    payload: c.args[2],
  }));
}

const runStates = (app: BundleProcess, runId: number): string[] =>
  sends(app)
    .filter((s) => s.channel === 'run:state' && (s.payload as RunStateEvent).runId === runId)
    .map((s) => (s.payload as RunStateEvent).state);

function only(app: BundleProcess, api: string): CallRecord {
  const calls = app.callsTo(api);
  expect(calls.map((c) => c.api), `${api} called exactly once`).toEqual([api]);
  return calls[0]!;
}

const firstSeq = (app: BundleProcess, api: string): number => app.callsTo(api)[0]?.seq ?? Number.NaN;
const lifecycleSeq = (app: BundleProcess, event: string): number => app.lifecycle.find((l) => l.event === event)?.seq ?? Number.NaN;
const text = (reply: FetchReply): string => Buffer.from(reply.body).toString('utf8');

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  click?: unknown;
  submenu?: MenuItem[];
}

function menuOf(app: BundleProcess): MenuItem[] {
  return (only(app, 'Menu.setApplicationMenu').args[0] as { items: MenuItem[] }).items;
}

const plain = (label: string | undefined): string => (label ?? '').replace(/&/g, '');

function submenu(items: MenuItem[], label: string): MenuItem[] {
  const item = items.find((i) => plain(i.label) === label);
  expect(item, `menu "${label}"`).toBeDefined();
  return item!.submenu ?? [];
}

function everyRole(items: MenuItem[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...everyRole(i.submenu ?? [])]);
}

function webPreferencesOf(app: BundleProcess): Record<string, unknown> {
  return (only(app, 'new BrowserWindow').args[0] as { webPreferences: Record<string, unknown> }).webPreferences;
}

/** The sample's columns as the renderer sends them (engine/data read, typed arrays). */
function payloadOf(text: string, source: string): DatasetPayload {
  const { dataset } = readDataset(text, { source });
  return {
    source: dataset.source,
    timeColumn: dataset.timeColumn,
    timeStyle: dataset.timeStyle,
    frequency: dataset.frequency,
    season: dataset.season,
    time: dataset.time,
    columns: dataset.columns.map((c) => ({ name: c.name, values: c.values, missing: c.missing })),
  };
}

const SMALL_RUN: RunSettings = {
  target: 'wine_sales_litres',
  covariates: [],
  horizon: null,
  season: null,
  model: 'gru',
  bidirectional: false,
  layers: 1,
  hidden: 8,
  lookback: null,
  epochs: 4,
  seed: 7,
  // No time budget: the result must not depend on how busy the machine is.
  timeBudgetSec: 0,
  backtest: false,
  backtestOrigins: 1,
  learningRate: 3e-3,
  batchSize: 32,
};

/** Long enough that it is still training when the window closes (seconds per job, many jobs). */
const LONG_RUN: RunSettings = { ...SMALL_RUN, model: 'lstm', hidden: 128, epochs: 1000 };

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

// Shared by the launches: the first run's window state is restored by the second.
let appDir: string;
let userData: string;
const launched: BundleProcess[] = [];
function launch(options: Omit<LaunchOptions, 'userData'> & { userData?: string }): BundleProcess {
  const app = new BundleProcess(appDir, { userData, ...options });
  launched.push(app);
  return app;
}

beforeAll(() => {
  appDir = prepareAppFolder();
  tempDirs.push(appDir);
  userData = tempDir('tidecast-userdata-');
});

afterAll(() => {
  for (const app of launched) app.kill();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

describe('the built main bundle, started as `electron .` would (development)', () => {
  let app: BundleProcess;
  let documents: string;

  beforeAll(async () => {
    documents = tempDir('tidecast-documents-');
    app = launch({ documents });
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
  });

  it('starts in the order Electron requires', () => {
    const ready = lifecycleSeq(app, 'ready');
    const beforeReady = app.calls.filter((c) => c.phase === 'before-ready').map((c) => c.api);
    // Only possible before 'ready' in Electron (the stand-in throws otherwise, like Electron).
    expect(beforeReady).toEqual(expect.arrayContaining(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']));
    const schemes = only(app, 'protocol.registerSchemesAsPrivileged').args[0];
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    // Every web contents gets hardened, so the listener must exist before the first window.
    expect(app.callsTo('app.on').some((c) => c.args[0] === 'web-contents-created' && c.seq < ready)).toBe(true);

    // After 'ready': permissions, the app protocol, every IPC handler, then the window's page.
    for (const api of ['Session#setPermissionRequestHandler', 'Session#setPermissionCheckHandler', 'protocol.handle', 'Menu.setApplicationMenu', 'new BrowserWindow']) {
      expect(only(app, api).phase, api).toBe('ready');
    }
    expect(only(app, 'protocol.handle').args[0]).toBe('app');
    const channels = app.callsTo('ipcMain.handle').map((c) => c.args[0] as string);
    expect([...channels].sort()).toEqual([...invokeChannels].sort());
    const load = only(app, 'BrowserWindow#loadURL');
    expect(load.args).toEqual([WINDOW, APP_URL]);
    // The page may call any channel as soon as it runs: all handlers exist before it loads.
    expect(Math.max(firstSeq(app, 'protocol.handle'), ...app.callsTo('ipcMain.handle').map((c) => c.seq))).toBeLessThan(load.seq);
    expect(firstSeq(app, 'Session#setPermissionRequestHandler')).toBeLessThan(load.seq);
    // Shown once painted, not before.
    expect(firstSeq(app, 'BrowserWindow#show')).toBeGreaterThan(lifecycleSeq(app, 'loaded'));
    expect(app.stderr).toBe('');
  });

  it('listens only to events electron.d.ts declares, and builds the menu from declared roles', () => {
    const registrations = app.calls.filter((c) => /[.#](on|once|addListener|prependListener|prependOnceListener)$/.test(c.api));
    expect(registrations.length).toBeGreaterThan(10);
    for (const call of registrations) {
      const prefix = Object.keys(EVENT_SOURCES).find((p) => call.api.startsWith(p));
      expect(prefix, `a listener on ${call.api}`).toBeDefined();
      const name = (call.api.includes('#') ? call.args[1] : call.args[0]) as string;
      expect(declaredEvents(...EVENT_SOURCES[prefix!]!).has(name), `${call.api}('${name}') is an event Electron declares`).toBe(true);
    }
    const roles = everyRole(menuOf(app));
    expect(roles.length).toBeGreaterThan(10);
    for (const role of roles) expect(MENU_ROLES.has(role), `menu role "${role}"`).toBe(true);
  });

  it('opens one window with the secure webPreferences and the preload beside the bundle', () => {
    const preferences = webPreferencesOf(app);
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true, // development build
    });
    expect(preferences['preload']).toBe(join(appDir, 'out/preload/preload.cjs'));
    expect(existsSync(preferences['preload'] as string)).toBe(true);
    expect(only(app, 'new BrowserWindow').args[0]).toMatchObject({ show: false, minWidth: 1024, minHeight: 700 });
  });

  it('carries no path of the machine it was built on (it runs from a copy of out/)', () => {
    for (const folder of ['main', 'preload']) {
      const dir = join(appDir, 'out', folder);
      for (const file of readdirSync(dir, { recursive: true }) as string[]) {
        if (file.endsWith('.js') || file.endsWith('.cjs')) expect(readFileSync(join(dir, file), 'utf8'), `out/${folder}/${file}`).not.toContain(ROOT);
      }
    }
  });

  it('denies every permission request and check', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'midi']) {
      expect(await app.command({ cmd: 'permission-request', permission }), permission).toBe(false);
      expect(await app.command({ cmd: 'permission-check', permission }), permission).toBe(false);
    }
    expect(await app.command({ cmd: 'device-permission' })).toBe(false);
  });

  it('serves the built page and its assets over app:// with the CSP, and refuses to leave out/renderer', async () => {
    const renderer = join(appDir, 'out/renderer');
    const fetch = (url: string, extra: { method?: string; plainRequest?: boolean } = {}) => app.command<FetchReply>({ cmd: 'fetch', url, ...extra });

    const page = await fetch(APP_URL);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(page.body).equals(readFileSync(join(renderer, 'index.html')))).toBe(true);
    expect(text(await fetch('app://tidecast/'))).toBe(text(page));

    // What the page links to resolves, and every built file is served with its type.
    const linked = [...text(page).matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, APP_URL).pathname.slice(1));
    const built = (readdirSync(renderer, { recursive: true }) as string[]).filter((f) => statSync(join(renderer, f)).isFile());
    expect(linked.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
    expect(built).toEqual(expect.arrayContaining(linked));
    const types: Record<string, RegExp> = { '.html': /^text\/html/, '.js': /^text\/javascript/, '.css': /^text\/css/, '.svg': /^image\/svg\+xml/ };
    for (const file of built) {
      const reply = await fetch(`app://tidecast/${file}`);
      expect(reply.status, file).toBe(200);
      expect(reply.headers['content-type'], file).toMatch(types[file.slice(file.lastIndexOf('.'))] ?? /^(?!application\/octet-stream)/);
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(Buffer.from(reply.body).equals(readFileSync(join(renderer, file))), file).toBe(true);
    }
    expect((await fetch('app://tidecast/assets/missing.js')).status).toBe(404);
    expect((await fetch(APP_URL, { method: 'POST' })).status).toBe(405);
    expect((await fetch('app://evil/index.html')).status).toBe(403);

    // Chromium normalises dot segments before the handler sees them (so does Request); the
    // handler must hold on its own too, for the URLs as written.
    const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').slice(0, 20) : 'root:';
    const escapes: [string, boolean][] = [
      ['app://tidecast/../../etc/passwd', false],
      ['app://tidecast/%2e%2e/%2e%2e/%2e%2e/etc/passwd', false],
      ['app://tidecast/assets/..%2f..%2f..%2fpackage.json', false],
      ['app://tidecast/..%5c..%5cpackage.json', false],
      ['app://tidecast/../../etc/passwd', true],
      ['app://tidecast/../main/main.js', true],
      ['app://tidecast/assets/%2e%2e/%2e%2e/main/main.js', true],
    ];
    for (const [url, plainRequest] of escapes) {
      const reply = await fetch(url, { plainRequest });
      expect([400, 403, 404], `${url}${plainRequest ? ' (as written)' : ''}`).toContain(reply.status);
      expect(text(reply)).not.toContain(passwd);
      expect(text(reply)).not.toContain('import');
    }
    // As written, the handler itself refuses (403), not merely misses the file.
    expect((await fetch('app://tidecast/../main/main.js', { plainRequest: true })).status).toBe(403);
  });

  it('has File (Open CSV…, Export…, Quit), Edit, View and Help menus, whose commands reach the page', async () => {
    const menu = menuOf(app);
    expect(menu.map((m) => plain(m.label))).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = submenu(menu, 'File');
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Open CSV…', 'Open Sample', 'separator', 'Export…', 'separator', 'Quit']);
    expect(file.find((i) => i.label === 'Quit')?.role).toBe('quit');
    expect(file.find((i) => i.label === 'Open CSV…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(everyRole(submenu(menu, 'Edit'))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(everyRole(submenu(menu, 'View'))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'resetZoom', 'togglefullscreen']));

    const before = sends(app).length;
    await app.command({ cmd: 'menu-click', labels: ['File', 'Open CSV…'] });
    await app.command({ cmd: 'menu-click', labels: ['File', 'Export…'] });
    await app.command({ cmd: 'menu-click', labels: ['Help', 'About Tidecast'] });
    expect(sends(app).slice(before)).toEqual([
      expect.objectContaining({ contents: 1, channel: 'menu:command', payload: { command: 'open-csv' } }),
      expect.objectContaining({ contents: 1, channel: 'menu:command', payload: { command: 'export' } }),
      expect.objectContaining({ contents: 1, channel: 'menu:command', payload: { command: 'about' } }),
    ]);
  });

  it('keeps the window on the app origin and opens only allowed links outside', async () => {
    const navigate = (event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string) =>
      app.command<{ prevented: boolean }>({ cmd: 'navigate', event, url }).then((r) => r.prevented);
    expect(await navigate('will-navigate', 'app://tidecast/index.html#results')).toBe(false);
    expect(await navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(await navigate('will-navigate', 'https://github.com/tidecast')).toBe(true);
    expect(await navigate('will-frame-navigate', 'app://tidecast.evil/')).toBe(true);
    expect(await navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(await app.command({ cmd: 'window-open', url: 'https://svelte.dev/docs' })).toEqual({ action: 'deny' });
    expect(await app.command({ cmd: 'window-open', url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(await app.command({ cmd: 'attach-webview' })).toEqual({ prevented: true });
    // Only the allowlisted https links went to the system browser.
    expect(app.callsTo('shell.openExternal').map((c) => c.args[0])).toEqual(['https://github.com/tidecast', 'https://svelte.dev/docs']);
  });

  it('answers IPC through the registered handlers, and refuses senders that are not the app window', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await app.invoke('app:info')).toEqual({
      ok: true,
      value: {
        name: 'Tidecast',
        version: manifest.version,
        electron: electronVersion(),
        chrome: 'stand-in',
        node: process.versions.node,
        v8: process.versions.v8,
        platform: process.platform,
        arch: process.arch,
      },
    });

    const samples = readdirSync(join(ROOT, 'samples')).filter((n) => n.endsWith('.csv'));
    const listed = await app.invoke('samples:list');
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value.map((s) => s.name).sort()).toEqual(samples.sort());
    for (const sample of listed.value) expect(sample.bytes, sample.name).toBe(statSync(join(ROOT, 'samples', sample.name)).size);
    const opened = await app.invoke('samples:open', { name: 'au_wine_sales.csv' });
    expect(opened).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'au_wine_sales.csv', text: readFileSync(join(ROOT, 'samples/au_wine_sales.csv'), 'utf8') }),
    });
    expect(await app.invoke('samples:open', { name: '../package.json' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await app.invoke('samples:open', { name: 42 } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', where: 'samples:open › name' },
    });

    for (const sender of [
      { kind: 'window-at', url: 'https://evil.example/index.html' },
      { kind: 'window-at', url: 'app://tidecast.evil/index.html' },
      { kind: 'subframe' },
      { kind: 'foreign-contents' },
      { kind: 'no-frame' },
    ] as const) {
      expect(await app.invoke('app:info', undefined, sender), JSON.stringify(sender)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(app.stderr).toContain('IPC app:info refused');
  });

  it('opens and saves files through dialogs parented to the window', async () => {
    const folder = tempDir('tidecast-files-');
    const csv = join(folder, 'load.csv');
    const content = 'time,load\n2024-01-01,1.5\n2024-01-02,2.5\n';
    writeFileSync(csv, content);
    await app.command({ cmd: 'dialog-answers', open: [csv, null], save: [join(folder, 'forecast')] });

    expect(await app.invoke('file:open-csv')).toEqual({
      ok: true,
      value: { canceled: false, name: 'load.csv', text: content, bytes: content.length, encoding: 'utf-8' },
    });
    expect(await app.invoke('file:open-csv')).toEqual({ ok: true, value: { canceled: true } });
    const opens = app.callsTo('dialog.showOpenDialog');
    expect(opens.map((c) => c.args[0])).toEqual([WINDOW, WINDOW]);

    const saved = await app.invoke('file:save', { kind: 'csv', suggestedName: '../../forecast', content: 'time,mean\n' });
    const path = join(folder, 'forecast.csv');
    expect(saved).toEqual({ ok: true, value: { canceled: false, name: 'forecast.csv', path, bytes: 10 } });
    expect(readFileSync(path, 'utf8')).toBe('time,mean\n');
    const save = only(app, 'dialog.showSaveDialog');
    expect(save.args[0]).toEqual(WINDOW);
    // The first save dialog opens in app.getPath('documents'), with the name stripped of its path.
    expect((save.args[1] as { defaultPath: string }).defaultPath).toBe(join(documents, 'forecast.csv'));
  });

  let payload: DatasetPayload;
  let trained: TrainedRun;

  it('trains a forecast on the built worker and streams state, progress and result to the window', async () => {
    const sample = await app.invoke('samples:open', { name: 'au_wine_sales.csv' });
    if (!sample.ok) throw new Error(sample.error.message);
    payload = payloadOf(sample.value.text, sample.value.name);

    const started = await app.invoke('forecast:start', { label: 'smoke', dataset: payload, settings: SMALL_RUN });
    expect(started).toMatchObject({ ok: true, value: { runId: expect.any(Number) } });
    if (!started.ok) return;
    const firstRun = started.value.runId;
    await app.until('the run to finish', () => ['done', 'failed', 'cancelled'].find((s) => runStates(app, firstRun).includes(s)), 60_000);
    expect(runStates(app, firstRun)).toEqual(['running', 'done']);

    // Real threads, started from the worker beside the bundle.
    const online = app.workers.filter((w) => w.event === 'online');
    expect(online.length).toBeGreaterThan(0);
    for (const w of online) expect(w.event === 'online' && w.filename).toBe(`file://${join(appDir, 'out/main/worker.js')}`);

    const events = sends(app).filter((s) => s.channel.startsWith('run:') && (s.payload as { runId: number }).runId === firstRun);
    expect(events.every((e) => e.contents === 1)).toBe(true);
    const progress = events.filter((e) => e.channel === 'run:progress').map((e) => e.payload as RunProgressEvent);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(progress.flatMap((p) => p.points).length).toBeGreaterThan(0);
    // The result comes just before 'done'.
    const resultIndex = events.findIndex((e) => e.channel === 'run:result');
    expect(events[resultIndex + 1]).toMatchObject({ channel: 'run:state', payload: { state: 'done' } });
    const outcome = (events[resultIndex]!.payload as RunResultEvent).outcome;
    expect(outcome.kind).toBe('trained');
    if (outcome.kind !== 'trained') return;
    trained = outcome.run;
    const { forecast, settings } = outcome.run;
    expect(settings.horizon).toBe(18); // monthly data
    expect(forecast.mean).toHaveLength(18);
    expect(forecast.time[0]).toBe(Date.UTC(1994, 8, 1)); // the month after the last (Aug 1994)
    for (let i = 0; i < 18; i++) {
      expect(forecast.lower95[i]!).toBeLessThanOrEqual(forecast.lower80[i]!);
      expect(forecast.lower80[i]!).toBeLessThanOrEqual(forecast.mean[i]!);
      expect(forecast.mean[i]!).toBeLessThanOrEqual(forecast.upper80[i]!);
      expect(forecast.upper80[i]!).toBeLessThanOrEqual(forecast.upper95[i]!);
    }
    expect(outcome.run.modelText.length).toBeGreaterThan(100);

    // The same run from the source tree in this process: the bundle computes the same numbers
    // (same data, settings and seed give bit-identical forecasts).
    const pool = createForecastPool({ workerUrl: new URL('../../engine/forecast/worker.ts', import.meta.url) });
    try {
      const reference = await runForecast(datasetFrom(payload), SMALL_RUN, pool);
      expect(outcome.run.model).toBe(reference.model);
      expect(Array.from(forecast.mean)).toEqual(Array.from(reference.forecast.mean));
      expect(Array.from(forecast.upper95)).toEqual(Array.from(reference.forecast.upper95));
    } finally {
      await pool.destroy();
    }
  });

  it('saves the model to a file, reopens it and forecasts the same numbers with it', async () => {
    const folder = tempDir('tidecast-model-');
    const file = join(folder, 'wine.json');
    await app.command({ cmd: 'dialog-answers', save: [file], open: [file] });
    expect(await app.invoke('file:save', { kind: 'json', suggestedName: 'wine', content: trained.modelText })).toMatchObject({ ok: true, value: { path: file } });
    const reopened = await app.invoke('file:open-model');
    if (!reopened.ok || reopened.value.canceled) throw new Error(`the model did not reopen: ${JSON.stringify(reopened)}`);
    expect(reopened.value.text).toBe(trained.modelText);

    const applied = await app.invoke('forecast:apply', { label: 'saved', dataset: payload, modelName: reopened.value.name, modelText: reopened.value.text });
    if (!applied.ok) throw new Error(applied.error.message);
    const runId = applied.value.runId;
    await app.until('the saved model to forecast', () => ['done', 'failed', 'cancelled'].find((s) => runStates(app, runId).includes(s)), 30_000);
    expect(runStates(app, runId)).toEqual(['running', 'done']);
    const result = sends(app).find((s) => s.channel === 'run:result' && (s.payload as RunResultEvent).runId === runId)!.payload as RunResultEvent;
    expect(result.outcome.kind).toBe('applied');
    if (result.outcome.kind !== 'applied') return;
    expect(result.outcome.modelName).toBe('wine.json');
    expect(Array.from(result.outcome.forecast.forecast.mean)).toEqual(Array.from(trained.forecast.mean));
    expect(Array.from(result.outcome.forecast.forecast.time)).toEqual(Array.from(trained.forecast.time));
  });

  it('cancels a running job when its window closes, then quits without a hang', async () => {
    await app.command({ cmd: 'set-bounds', bounds: { x: 40, y: 60, width: 1100, height: 760 } });
    const workersBefore = app.workers.length;
    const started = await app.invoke('forecast:start', { label: 'long', dataset: payload, settings: LONG_RUN });
    if (!started.ok) throw new Error(started.error.message);
    const runId = started.value.runId;
    await app.until('the long run to train on a worker', () => app.workers.slice(workersBefore).some((w) => w.event === 'message' && w.type === 'progress'), 20_000);
    expect(runStates(app, runId)).toEqual(['running']);

    const workersAtClose = app.workers.length;
    const closedAt = performance.now();
    const close = await app.command<{ closed: boolean; from: number }>({ cmd: 'close-window' });
    expect(close.closed).toBe(true);
    // Every job of the run ends without a result: cancelled at its next checkpoint, or its
    // worker terminated when it does not reach one within the grace time.
    const jobEnds = (): (string | null)[] => {
      const exited = new Set(app.workers.filter((w) => w.event === 'exit').map((w) => w.thread));
      const jobs = new Map<number, { thread: number; end: string | null }>();
      for (const w of app.workers.slice(workersBefore)) {
        if (w.event !== 'message') continue;
        const final = w.type === 'result' || w.type === 'error' ? `${w.type}:${w.code ?? ''}` : null;
        jobs.set(w.jobId, { thread: w.thread, end: final ?? jobs.get(w.jobId)?.end ?? null });
      }
      return [...jobs.values()].map((j) => j.end ?? (exited.has(j.thread) ? 'terminated' : null));
    };
    await app.until('every job of the long run to end', () => jobEnds().every((end) => end !== null), 10_000);
    const stopMs = performance.now() - closedAt;
    expect(jobEnds().some((end) => end === 'error:cancelled' || end === 'terminated')).toBe(true);
    expect(app.workers.slice(workersAtClose).filter((w) => w.event === 'message' && w.type === 'result')).toEqual([]);
    // Closing the window is what stopped it: the app is still running, nothing more was sent
    // to the destroyed window.
    expect(app.exit).toBeNull();
    expect(app.calls.filter((c) => c.api === 'WebContents#send' && c.seq >= close.from)).toEqual([]);
    console.info(`main-bundle: the long run stopped ${stopMs.toFixed(0)} ms after its window closed`);

    // What Electron does next: no windows left, so main quits (will-quit waits for the window
    // state and the pool), and the process ends on its own.
    await app.command({ cmd: 'window-all-closed' });
    const exit = await app.exited(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(app.lifecycle.map((l) => l.event)).toEqual(['ready', 'loaded', 'quit']);
    expect(app.callsTo('app.quit')).toHaveLength(2); // will-quit postponed once, for the flushes
    const online = app.workers.filter((w) => w.event === 'online').map((w) => w.thread);
    const exited = app.workers.filter((w) => w.event === 'exit').map((w) => w.thread);
    expect(exited.sort()).toEqual(online.sort());
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 40, y: 60, width: 1100, height: 760 },
      maximized: false,
    });
    expect(app.stderr).not.toMatch(/Could not send|Could not save|failed/);
  });
});

describe('a packaged relaunch', () => {
  let app: BundleProcess;

  beforeAll(async () => {
    // electron-builder's extraResources: samples/*.csv into <resources>/samples.
    const resourcesPath = tempDir('tidecast-resources-');
    cpSync(join(ROOT, 'samples'), join(resourcesPath, 'samples'), { recursive: true, filter: (src) => !/\.[^/]+$/.test(src) || src.endsWith('.csv') });
    app = launch({
      documents: tempDir('tidecast-documents-'),
      packaged: { resourcesPath },
      // A packaged app never loads a dev server, whatever the environment says.
      env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' },
    });
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
  });

  it('restores the saved window, without developer tools, from app:// and the bundled resources', async () => {
    expect(only(app, 'new BrowserWindow').args[0]).toMatchObject({ x: 40, y: 60, width: 1100, height: 760 });
    expect(webPreferencesOf(app)['devTools']).toBe(false);
    expect(everyRole(menuOf(app))).not.toContain('toggleDevTools');
    expect(only(app, 'BrowserWindow#loadURL').args[1]).toBe(APP_URL);
    const listed = await app.invoke('samples:list');
    expect(listed.ok && listed.value.map((s) => s.name).sort()).toEqual(['au_wine_sales.csv', 'nyc_air_quality.csv']);
  });

  it('brings the window back when a second instance starts, and quits cleanly on Quit', async () => {
    await app.command({ cmd: 'minimize' });
    const before = app.calls.length;
    await app.command({ cmd: 'second-instance' });
    expect(app.calls.slice(before).map((c) => c.api)).toEqual(['BrowserWindow#restore', 'BrowserWindow#focus']);

    await app.command({ cmd: 'quit' });
    expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
    expect(app.stderr).toBe('');
  });
});

describe('while another instance runs', () => {
  it('quits before ready without opening a window or registering anything', async () => {
    const app = launch({ documents: tempDir('tidecast-documents-'), singleInstanceLock: false });
    expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
    const apis = app.calls.map((c) => c.api);
    expect(apis.slice(apis.indexOf('app.requestSingleInstanceLock'))).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    for (const api of ['app.whenReady', 'app.on', 'protocol.handle', 'ipcMain.handle', 'new BrowserWindow']) expect(apis).not.toContain(api);
    expect(app.lifecycle.map((l) => l.event)).toEqual(['quit']);
    expect(app.stderr).toBe('');
  });
});

describe('quitting while the page is still loading (Cmd+Q at launch)', () => {
  it('quits cleanly, without a "could not start" error', async () => {
    const app = launch({ userData: tempDir('tidecast-userdata-'), documents: tempDir('tidecast-documents-'), standIn: { holdLoad: true } });
    await app.until('the page load to start', () => app.callsTo('BrowserWindow#loadURL').length > 0);
    // Electron rejects the pending loadURL (ERR_FAILED) as the window goes.
    await Promise.allSettled([app.command({ cmd: 'quit' })]);
    expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
    expect(app.callsTo('dialog.showErrorBox')).toEqual([]);
    expect(app.lifecycle.map((l) => l.event)).toEqual(['ready', 'quit']);
    expect(app.stderr).toBe('');
  });
});

describe('a dock click while the app starts (macOS activate)', () => {
  it('still opens a single window', async () => {
    const app = launch({ userData: tempDir('tidecast-userdata-'), documents: tempDir('tidecast-documents-'), standIn: { activateDuringStartup: true } });
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
    expect(app.callsTo('new BrowserWindow')).toHaveLength(1);
    await app.command({ cmd: 'quit' });
    expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
    expect(app.stderr).toBe('');
  });
});

describe('npm run dev: the page from the Vite dev server', () => {
  it('loads ELECTRON_RENDERER_URL and takes IPC from that origin only', async () => {
    const server = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>dev</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const app = launch({ userData: tempDir('tidecast-userdata-'), documents: tempDir('tidecast-documents-'), env: { ELECTRON_RENDERER_URL: `${origin}/` } });
      await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
      expect(only(app, 'BrowserWindow#loadURL').args[1]).toBe(`${origin}/`);
      expect(await app.invoke('app:info')).toMatchObject({ ok: true });
      expect(await app.invoke('app:info', undefined, { kind: 'window-at', url: APP_URL })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(await app.command({ cmd: 'navigate', event: 'will-navigate', url: `${origin}/#results` })).toEqual({ prevented: false });
      expect(await app.command({ cmd: 'navigate', event: 'will-navigate', url: APP_URL })).toEqual({ prevented: true });
      await app.command({ cmd: 'quit' });
      expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
    } finally {
      server.close();
    }
  });
});

describe('on macOS', () => {
  it('has the app menu, keeps running without a window and reopens one from the dock', async () => {
    const app = launch({ userData: tempDir('tidecast-userdata-'), documents: tempDir('tidecast-documents-'), standIn: { platform: 'darwin' } });
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
    const menu = menuOf(app);
    expect(menu.map((m) => plain(m.label) || m.role)).toEqual(['Tidecast', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(submenu(menu, 'Tidecast').map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'About Tidecast', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit',
    ]);
    expect(everyRole(submenu(menu, 'File'))).toEqual(['close']);
    for (const role of everyRole(menu)) expect(MENU_ROLES.has(role), `menu role "${role}"`).toBe(true);

    // The last window closed: a Mac app stays open…
    await app.command({ cmd: 'close-window' });
    await app.command({ cmd: 'window-all-closed' });
    expect(app.callsTo('app.quit')).toEqual([]);
    expect(app.exit).toBeNull();
    // …and the dock icon brings a new window, which IPC and the menu then talk to.
    await app.command({ cmd: 'activate' });
    await app.until('a second window to be shown', () => app.callsTo('BrowserWindow#show').length === 2);
    expect(app.callsTo('new BrowserWindow')).toHaveLength(2);
    expect(await app.invoke('app:info')).toMatchObject({ ok: true });
    await app.command({ cmd: 'menu-click', labels: ['File', 'Open CSV…'] });
    expect(sends(app).at(-1)).toMatchObject({ contents: 2, channel: 'menu:command', payload: { command: 'open-csv' } });

    await app.command({ cmd: 'quit' });
    expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
    expect(app.stderr).toBe('');
  });
});

describe('on Windows', () => {
  it('names itself with the installer appId before ready (taskbar grouping and notifications need them equal)', async () => {
    const app = launch({ userData: tempDir('tidecast-userdata-'), documents: tempDir('tidecast-documents-'), standIn: { platform: 'win32' } });
    await app.until('the window to be shown', () => app.callsTo('BrowserWindow#show').length > 0);
    const builder = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { appId: string };
    const named = only(app, 'app.setAppUserModelId');
    expect(named.args).toEqual([builder.appId]);
    expect(named.phase).toBe('before-ready');
    await app.command({ cmd: 'quit' });
    expect(await app.exited(10_000)).toEqual({ code: 0, signal: null });
  });
});
