// The end-to-end harness: the built renderer (out/renderer) served over HTTP on 127.0.0.1 with
// the app's CSP header, opened in Debian's Chromium, with `window.tidecast` bridged to the real
// registerHandlers + createHandlers running in this process. Only what Electron alone provides
// is doubled: the dialogs (they answer with paths the test picks) and the window identity.
//
//   const app = await launchApp();            // or launchApp({ browser }) to share one Chromium
//   app.dialogs.open = join(app.tempDir, 'sales.csv');
//   await app.page.getByRole('button', { name: 'Open CSV…' }).click();
//   await app.emit('menu:command', { command: 'export' });
//   expect(await app.violations()).toEqual([]);
//   await app.close();
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { build } from 'vite';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { AppInfo, EventChannel, EventPayloads } from '../../electron/contract';
import { createHandlers, type HandlerDeps } from '../../electron/handlers';
import { registerHandlers, type Handlers, type SenderContents, type SenderEvent } from '../../electron/ipc';
import { createAppRequestHandler } from '../../electron/protocol';
import { FakeRegistry, scriptedDialogs, type DialogScript } from '../electron/fakes';

export const ROOT = join(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';

/** Versions the e2e main side reports; About must show these, proving the round trip. */
export const E2E_APP_INFO: AppInfo = {
  name: 'Tidecast',
  version: '0.1.0-e2e',
  electron: '45.5.0',
  chrome: 'e2e-chromium',
  node: process.versions.node,
  v8: process.versions.v8,
  platform: process.platform,
  arch: process.arch,
  logFile: '/home/e2e/.config/Tidecast/logs/main.log',
};

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
}

export interface LaunchOptions {
  /** Replace individual channel handlers (e.g. a stub job pool); the rest are the real ones. */
  handlers?: Partial<Handlers>;
  /** Extra dependencies for createHandlers (samplesDir, appInfo…). */
  deps?: Partial<HandlerDeps>;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** A browser from launchChromium() to share between apps (it stays open on close). */
  browser?: Browser;
}

export interface AppHarness {
  page: Page;
  /** The origin the page is served from; the sender check accepts only it. */
  origin: string;
  /** What the next open/save dialog answers: a path (in `tempDir`, say) or null for Cancel. */
  dialogs: DialogScript;
  /** The dialogs main has shown so far, with their options (to wait until one was asked). */
  dialogLog: { opened: OpenDialogOptions[]; saved: SaveDialogOptions[]; overwriteAsked: string[] };
  /** A fresh folder for files the test opens or saves. */
  tempDir: string;
  /** Uncaught page errors and console errors, for tests to assert on. */
  pageErrors: string[];
  /** Pushes a main → page event, as webContents.send would. */
  emit<C extends EventChannel>(channel: C, payload: EventPayloads[C]): Promise<void>;
  /** securitypolicyviolation events seen by the page since it loaded. */
  violations(): Promise<CspViolation[]>;
  /** Saves a PNG of the page under test-results/ and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Serves another origin (for refused-sender tests); returns its URL. */
  foreignOrigin(): Promise<string>;
  close(): Promise<void>;
}

let bridgeScript: Promise<string> | null = null;

/** page-bridge.ts bundled to one classic script (once per test process). */
function bundleBridge(): Promise<string> {
  bridgeScript ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'page-bridge.ts'), formats: ['iife'], name: 'tidecastBridge' },
    },
  }).then((output) => {
    const results = Array.isArray(output) ? output : [output];
    for (const result of results) {
      if ('output' in result) {
        const chunk = result.output.find((o) => o.type === 'chunk');
        if (chunk && chunk.type === 'chunk') return chunk.code;
      }
    }
    throw new Error('Bundling test/e2e/page-bridge.ts produced no script.');
  });
  return bridgeScript;
}

// Installed before any page script: records CSP violations the way a test can read them.
const recordViolations = `
  (() => {
    const seen = [];
    Object.defineProperty(globalThis, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample });
    }, true);
  })();
`;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Serves `handle` (a fetch-style handler) over node:http. */
function serve(handle: (request: Request) => Promise<Response>, originRef: { origin: string }): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', originRef.origin);
    handle(new Request(url, { method: req.method ?? 'GET' }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
}

function closeServers(servers: Server[]): Promise<void[]> {
  return Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}

/** Debian's Chromium, headless, as the e2e tests run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function launchApp(options: LaunchOptions = {}): Promise<AppHarness> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run the e2e tests with `npm run test:e2e` (it builds first).');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or run .ci/run.`);
  }

  const tempDir = mkdtempSync(join(tmpdir(), 'tidecast-e2e-'));
  const servers: Server[] = [];
  const ownsBrowser = options.browser === undefined;
  let browser: Browser | null = options.browser ?? null;
  let context: BrowserContext | null = null;

  try {
    // The app's own server: the protocol handler main registers for app://, over HTTP.
    const appRef = { origin: '' };
    const appServer = serve((request) => createAppRequestHandler(RENDERER_DIR, { origin: appRef.origin })(request), appRef);
    servers.push(appServer);
    appRef.origin = await listen(appServer);
    const origin = appRef.origin;

    const dialogs: DialogScript = {};
    const dialogLog = scriptedDialogs(dialogs);
    const registry = new FakeRegistry();
    const handlers: Handlers = {
      ...createHandlers({
        appInfo: E2E_APP_INFO,
        samplesDir: join(ROOT, 'samples'),
        dialogs: dialogLog,
        defaultSaveDir: tempDir,
        ...options.deps,
      }),
      ...options.handlers,
    };

    // Window identity: our page is web contents 1; its main frame has a fixed id.
    const frameIds = new WeakMap<Frame, number>();
    let nextFrameId = 100;
    const frameId = (frame: Frame): number => {
      let id = frameIds.get(frame);
      if (id === undefined) frameIds.set(frame, (id = nextFrameId++));
      return id;
    };

    browser ??= await launchChromium();
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 820 },
      colorScheme: options.colorScheme ?? 'light',
      locale: 'en-GB',
      // Never in a real test: CSP must apply exactly as in the app.
      bypassCSP: false,
    });
    const page = await context.newPage();
    const appContents: SenderContents = { id: 1, get mainFrame() { return { frameTreeNodeId: frameId(page.mainFrame()) }; } };

    registerHandlers(registry, {
      appOrigin: origin,
      isAppContents: (sender) => sender.id === appContents.id,
      handlers,
      log: () => {},
    });

    await page.exposeBinding('__tidecastInvoke', async (source, channel: string, args: unknown[]) => {
      const frame = source.frame;
      const event: SenderEvent = {
        sender: source.page === page ? appContents : { id: 2, mainFrame: { frameTreeNodeId: frameId(source.page.mainFrame()) } },
        senderFrame: { url: frame.url(), parent: frame.parentFrame(), frameTreeNodeId: frameId(frame) },
      };
      return registry.invoke(channel, event, ...(Array.isArray(args) ? args : []));
    });
    await page.addInitScript({ content: recordViolations });
    await page.addInitScript({ content: await bundleBridge() });

    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });

    await page.goto(`${origin}/index.html`);

    const harness: AppHarness = {
      page,
      origin,
      dialogs,
      dialogLog,
      tempDir,
      pageErrors,
      emit: async (channel, payload) => {
        await page.evaluate(([c, p]) => (globalThis as unknown as { __tidecastEmit(c: string, p: unknown): void }).__tidecastEmit(c, p), [channel, payload] as const);
      },
      violations: () => page.evaluate(() => [...(globalThis as unknown as { __cspViolations: CspViolation[] }).__cspViolations]),
      screenshot: async (name) => {
        mkdirSync(RESULTS_DIR, { recursive: true });
        const path = join(RESULTS_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: false });
        return path;
      },
      foreignOrigin: async () => {
        const ref = { origin: '' };
        const server = serve(async () => new Response('<!doctype html><title>elsewhere</title><p>another site</p>', { headers: { 'Content-Type': 'text/html' } }), ref);
        servers.push(server);
        ref.origin = await listen(server);
        return `${ref.origin}/`;
      },
      close: async () => {
        await context?.close();
        if (ownsBrowser) await browser?.close();
        await closeServers(servers);
        rmSync(tempDir, { recursive: true, force: true });
      },
    };
    return harness;
  } catch (error) {
    await context?.close();
    if (ownsBrowser) await browser?.close();
    await closeServers(servers);
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}
