// The real Electron binary, for those who have it (the rest of the suite never needs it): the app
// starts, its page talks to main, opens the bundled sample, trains a small run on the worker
// threads, opens a file named on the command line, and --cli runs the command-line tool.
//
// Which binary: TIDECAST_PACKAGED_APP = an installed or unpacked app's executable (e.g.
// release/linux-unpacked/tidecast after `npm run dist`), else TIDECAST_ELECTRON = an Electron
// executable, else the one `npm start` downloads into node_modules/electron/dist. Without any,
// each test is skipped with that message. The `electron` module itself is never loaded here.
// It runs as the user: the app's own user-data folder gets its window state, log and recent files.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, chromium, type Page } from 'playwright-core';
import { describe, expect, it, type TestContext } from 'vitest';
import { ROOT } from './harness';

interface Binary {
  executable: string;
  /** A packaged app loads itself; the bare Electron binary is given the project folder. */
  packaged: boolean;
}

function findBinary(): Binary | string {
  const packaged = process.env['TIDECAST_PACKAGED_APP'];
  if (packaged) return existsSync(packaged) ? { executable: packaged, packaged: true } : `TIDECAST_PACKAGED_APP=${packaged} does not exist`;
  const named = process.env['TIDECAST_ELECTRON'];
  if (named) return existsSync(named) ? { executable: named, packaged: false } : `TIDECAST_ELECTRON=${named} does not exist`;
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  const downloaded = existsSync(pathFile) ? join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (downloaded !== null && existsSync(downloaded)) return { executable: downloaded, packaged: false };
  return 'no Electron binary here (run `npm start` once to download it, or set TIDECAST_ELECTRON or TIDECAST_PACKAGED_APP)';
}

const binary = findBinary();
const SKIPPED = typeof binary === 'string' ? `Electron smoke test skipped: ${binary}.` : null;

function need(context: TestContext): Binary {
  if (typeof binary === 'string') {
    context.skip(SKIPPED!);
    throw new Error(SKIPPED!);
  }
  return binary;
}

/**
 * Starts the app and returns its window's page. The development build goes through Playwright's
 * Electron driver; a packaged app has the Node inspector fused off, so its page is reached over
 * Chromium's DevTools port instead.
 */
async function start(app: Binary, args: string[]): Promise<{ page: Page; close(): Promise<number | null> }> {
  if (!app.packaged) {
    const electronApp = await _electron.launch({ executablePath: app.executable, args: [ROOT, ...args], cwd: ROOT });
    const page = await electronApp.firstWindow();
    return {
      page,
      close: async () => {
        const exited = new Promise<number | null>((resolve) => electronApp.process().once('exit', (code) => resolve(code)));
        await electronApp.evaluate(({ app: electron }) => electron.quit());
        return exited;
      },
    };
  }
  const child = spawn(app.executable, ['--remote-debugging-port=0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      seen += text;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The app exited (${code}) before it opened its DevTools port.\n${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  // The window appears once main is ready: look for it until it does (a minute at most).
  const appPage = (): Page | undefined => browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith('app://'));
  await expect.poll(() => appPage() !== undefined, { timeout: 60_000 }).toBe(true);
  const page = appPage()!;
  return {
    page,
    close: async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await page.evaluate(() => window.tidecast.windowClose());
      await browser.close().catch(() => {});
      return exited;
    },
  };
}

describe('the app in the real Electron', () => {
  it('starts, shows main’s versions and log file, opens the sample and trains a small run on the workers', { timeout: 300_000 }, async (context) => {
    const app = need(context);
    {
      const { page, close } = await start(app, []);
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).waitFor({ timeout: 60_000 });
      const info = await page.evaluate(() => window.tidecast.appInfo());
      expect(info).toMatchObject({ ok: true, value: { name: 'Tidecast', electron: expect.stringMatching(/^\d+\./) } });
      if (info.ok) expect(info.value.logFile).toContain('main.log');

      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      await page.getByRole('table', { name: 'First rows of the file' }).waitFor();
      expect(await page.title()).toBe('au_wine_sales.csv — Tidecast');

      await page.getByRole('tab', { name: /^Train/ }).click();
      await page.getByRole('radio', { name: 'Choose the network' }).check();
      await page.getByRole('radio', { name: 'GRU' }).check();
      for (const [label, value] of [['Hidden units', '8'], ['Epochs', '3'], ['Time budget (s)', '0']]) await page.getByLabel(label!, { exact: true }).fill(value!);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      const state = page.getByRole('list', { name: 'Runs' }).getByTestId('run-state').first();
      await expect.poll(() => state.textContent(), { timeout: 240_000 }).toMatch(/^(Done|Failed|Cancelled)$/);
      expect(await state.textContent()).toBe('Done');

      // Closing the file leaves nothing unsaved, so the app quits without asking.
      await page.getByRole('button', { name: 'Close file' }).click();
      expect(await close()).toBe(0);
      if (info.ok) expect(readFileSync(info.value.logFile, 'utf8')).toMatch(/Tidecast \S+ starting/);
    }
  });

  it('opens a CSV named on the command line', { timeout: 120_000 }, async (context) => {
    const app = need(context);
    const folder = mkdtempSync(join(tmpdir(), 'tidecast-smoke-'));
    try {
      const csv = join(folder, 'from-argv.csv');
      writeFileSync(csv, 'day,load\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n');
      const { page, close } = await start(app, [csv]);
      await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 60_000 }).toBe('from-argv.csv');
      await page.getByRole('button', { name: 'Close file' }).click();
      expect(await close()).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs the command-line tool with --cli and exits with its code', { timeout: 120_000 }, (context) => {
    const app = need(context);
    const args = [...(app.packaged ? [] : [ROOT]), '--cli', '--'];
    const help = spawnSync(app.executable, [...args, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--input');
    const missing = spawnSync(app.executable, [...args, '--input', join(tmpdir(), 'tidecast-no-such-file.csv')], { encoding: 'utf8', timeout: 60_000 });
    expect(missing.status).toBe(2);
  });
});
