// The app shell in Debian's Chromium, talking to the real main-process handlers: empty state,
// About with main's versions, samples, open and save through dialogs, menu events, drops, and
// the CSP holding against injected code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { E2E_APP_INFO, launchApp, launchChromium, type AppHarness } from './harness';

const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0x00, 0x80];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the Tidecast window', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await launchApp({ browser });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the empty state with the bundled samples main listed', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Drop a CSV here, or open the bundled sample');
    await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open CSV…' }).isEnabled()).toBe(true);
    const samples = page.getByRole('heading', { name: 'Bundled samples' }).locator('xpath=..').getByRole('listitem');
    expect(await samples.count()).toBe(2);
    expect(await samples.first().textContent()).toContain('au_wine_sales.csv');
    await app.screenshot('e2e-empty-state');
    expect(await app.violations()).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows in About the versions that came from the main side', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'About' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tidecast' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('about-version').textContent()).toBe(`Version ${E2E_APP_INFO.version}`);
    const versions = await dialog.getByRole('definition').allTextContents();
    expect(versions).toEqual([E2E_APP_INFO.electron, E2E_APP_INFO.chrome, E2E_APP_INFO.node, E2E_APP_INFO.v8, `${E2E_APP_INFO.platform} (${E2E_APP_INFO.arch})`]);
    await app.screenshot('e2e-about');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('opens About when main sends the Help > About menu command, also right after it was closed', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Tidecast' });
    for (let round = 0; round < 3; round++) {
      await app.emit('menu:command', { command: 'about' });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }
    // Closed with the button and asked for again in the same moment: it opens again.
    await app.emit('menu:command', { command: 'about' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await app.emit('menu:command', { command: 'about' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('opens the bundled sample through the bridge', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
    const preview = page.getByRole('table', { name: 'First rows of the file' });
    await preview.waitFor();
    // 176 monthly values (shared/data/manifest.json) plus the header line.
    expect(await page.getByRole('heading', { name: /First 20 of 176 rows/i }).count()).toBe(1);
    expect(await preview.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['1980-01-01', '15136']);
    await app.screenshot('e2e-sample-opened');
    await page.getByRole('button', { name: 'Close file' }).click();
    await page.getByRole('button', { name: 'Open CSV…' }).waitFor();
  });

  it('opens a CSV chosen in main’s dialog, decoding Windows-1252', async () => {
    const { page } = app;
    const path = join(app.tempDir, 'ventes.csv');
    // "date;chiffre;note" with a euro sign and accents, as Excel on Windows writes it.
    const latin = (text: string) => [...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0)));
    writeFileSync(path, Buffer.from(latin('date;chiffre;note\n2024-01-01;12,5;café €\n2024-01-02;13,5;thé\n2024-01-03;14;crème\n')));
    app.dialogs.open = path;
    await page.getByRole('button', { name: 'Open CSV…' }).click();
    const preview = page.getByRole('table', { name: 'First rows of the file' });
    await preview.waitFor();
    expect(await preview.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['2024-01-01', '12,5', 'café €']);
    expect(await page.getByText('WINDOWS-1252').count()).toBe(1);
    await page.getByRole('button', { name: 'Close file' }).click();
  });

  it('stays on the empty state, without an error, when the dialog is cancelled', async () => {
    const { page } = app;
    app.dialogs.open = null;
    const asked = app.dialogLog.opened.length;
    await page.getByRole('button', { name: 'Open CSV…' }).click();
    // Main showed its dialog, the answer came back and the page is idle again.
    await expect.poll(() => app.dialogLog.opened.length).toBe(asked + 1);
    await page.locator('.window[aria-busy="false"]').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Drop a CSV here, or open the bundled sample');
  });

  it('reads a CSV dropped on the window, and explains a file that is not one', async () => {
    const { page } = app;
    const drop = async (name: string, text: string) => {
      const dataTransfer = await page.evaluateHandle(([n, t]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], n, { type: 'text/csv' }));
        return dt;
      }, [name, text] as const);
      await page.dispatchEvent('main', 'drop', { dataTransfer });
    };
    await drop('report.pdf', '%PDF-1.7');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('"report.pdf" is not a CSV file. Drop a .csv, .tsv or .txt file with a header row.');
    await drop('dropped.csv', 'time,load\n2024-01-01T00:00,1\n2024-01-01T01:00,2\n2024-01-01T02:00,4\n');
    await page.getByRole('table', { name: 'First rows of the file' }).waitFor();
    expect(await page.locator('.file-name').textContent()).toBe('dropped.csv');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('heading', { name: /First 3 of 3 rows/i }).count()).toBe(1);
    await page.getByRole('button', { name: 'Close file' }).click();
  });

  it('saves bytes and text through main’s save dialog; typed arrays survive the bridge', async () => {
    const { page } = app;
    app.dialogs.save = join(app.tempDir, 'chart');
    const png = await page.evaluate((bytes) => window.tidecast.fileSave({ kind: 'png', suggestedName: 'Wine forecast', content: new Uint8Array(bytes) }), PNG_BYTES);
    expect(png).toEqual({ ok: true, value: { canceled: false, name: 'chart.png', path: join(app.tempDir, 'chart.png'), bytes: PNG_BYTES.length } });
    expect([...readFileSync(join(app.tempDir, 'chart.png'))]).toEqual(PNG_BYTES);

    app.dialogs.save = join(app.tempDir, 'forecast.csv');
    const csv = await page.evaluate(() => window.tidecast.fileSave({ kind: 'csv', suggestedName: 'forecast', content: 'date,forecast\n1994-09-01,25000\n' }));
    expect(csv).toMatchObject({ ok: true, value: { name: 'forecast.csv' } });
    expect(readFileSync(join(app.tempDir, 'forecast.csv'), 'utf8')).toBe('date,forecast\n1994-09-01,25000\n');
  });

  it('answers a malformed request from the page with an error naming the field', async () => {
    const reply = await app.page.evaluate(() => (window.tidecast.fileSave as (r: unknown) => Promise<unknown>)({ kind: 'exe', suggestedName: 'x', content: 'y' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('field "kind"') } });
  });

  it('delivers main → page events with only the payload, typed arrays intact', async () => {
    const received = await app.page.evaluate(async () => {
      const seen: unknown[][] = [];
      const off = window.tidecast.onMenuCommand((...args: unknown[]) => seen.push(args));
      (globalThis as unknown as { __unsubscribe: () => void }).__unsubscribe = off;
      (globalThis as unknown as { __seen: unknown[][] }).__seen = seen;
      return seen.length;
    });
    expect(received).toBe(0);
    await app.emit('menu:command', { command: 'export' });
    await app.page.evaluate(() => (globalThis as unknown as { __unsubscribe: () => void }).__unsubscribe());
    await app.emit('menu:command', { command: 'export' });
    const seen = await app.page.evaluate(() => (globalThis as unknown as { __seen: unknown[][] }).__seen);
    expect(seen).toEqual([[{ command: 'export' }]]);
    // The app itself also handled the command: nothing to export yet.
    await expect.poll(() => app.page.getByRole('status').textContent()).toContain('Nothing to export yet');
    // Playwright carries typed arrays both ways (the bridge relies on it for job results).
    const back = await app.page.evaluate((a) => [a.constructor.name, Array.from(a)], new Float64Array([1.5, Number.NaN, -0]));
    expect(back).toEqual(['Float64Array', [1.5, Number.NaN, -0]]);
  });

  it('exposes no Node to the page', async () => {
    const kinds = await app.page.evaluate(() => [typeof (globalThis as Record<string, unknown>)['require'], typeof (globalThis as Record<string, unknown>)['process'], typeof (globalThis as Record<string, unknown>)['module'], typeof (globalThis as Record<string, unknown>)['Buffer']]);
    expect(kinds).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('blocks injected inline script, eval, new Function, inline style and remote fetches (CSP)', async () => {
    const { page } = app;
    const before = (await app.violations()).length;
    const outcome = await page.evaluate(async () => {
      const g = globalThis as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'globalThis.__injected = true;';
      document.body.append(script);
      // DevTools lets code it evaluates synchronously use eval; a timer callback runs as the
      // page's own code, under its CSP.
      const later = <T>(f: () => T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(f()), 0));
      const evalResult = await later(() => {
        try {
          eval('1 + 1');
          return 'ran';
        } catch (error) {
          return (error as Error).name;
        }
      });
      const functionResult = await later(() => {
        try {
          new Function('return 1')();
          return 'ran';
        } catch (error) {
          return (error as Error).name;
        }
      });
      let fetchResult = 'ran';
      try {
        await fetch('https://example.com/');
      } catch (error) {
        fetchResult = (error as Error).name;
      }
      const styled = document.createElement('div');
      styled.setAttribute('style', 'color: red');
      document.body.append(styled);
      const colour = getComputedStyle(styled).color;
      styled.remove();
      return { injected: g['__injected'] === true, evalResult, functionResult, fetchResult, colour };
    });
    expect(outcome).toEqual({ injected: false, evalResult: 'EvalError', functionResult: 'EvalError', fetchResult: 'TypeError', colour: expect.not.stringMatching(/^rgb\(255, 0, 0\)$/) });
    // Violation reports are events dispatched after the fact: wait for all ten to arrive.
    await expect.poll(async () => (await app.violations()).length - before).toBe(10);
    const violations = (await app.violations()).slice(before);
    const directives = violations.map((v) => v.directive).sort();
    // Each attempt is reported twice: the page carries the policy twice (response header and
    // meta tag), and each copy blocks it on its own.
    const once = ['connect-src', 'script-src', 'script-src', 'script-src-elem', 'style-src-attr'];
    expect(directives).toEqual(once.flatMap((d) => [d, d]));
    expect(violations.find((v) => v.directive === 'connect-src')?.blockedURI).toBe('https://example.com/');
  });
});

describe('the sender check, end to end', () => {
  it('refuses requests once the window shows another origin', async () => {
    const app = await launchApp({ browser });
    try {
      expect(await app.page.evaluate(() => window.tidecast.appInfo())).toMatchObject({ ok: true });
      const elsewhere = await app.foreignOrigin();
      await app.page.goto(elsewhere);
      // The bridge is injected there too, but the binding reports the real frame URL.
      const reply = await app.page.evaluate(() => window.tidecast.appInfo());
      expect(reply).toEqual({ ok: false, error: { code: 'forbidden-sender', message: 'This request did not come from the Tidecast window, so it was refused.', where: 'app:info' } });
      app.dialogs.save = join(app.tempDir, 'pwned.csv');
      const save = await app.page.evaluate(() => window.tidecast.fileSave({ kind: 'csv', suggestedName: 'x', content: 'pwned' }));
      expect(save).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(() => readFileSync(join(app.tempDir, 'pwned.csv'))).toThrow();
    } finally {
      await app.close();
    }
  });
});

describe('dark mode', () => {
  it('follows the system colour scheme', async () => {
    const app = await launchApp({ browser, colorScheme: 'dark' });
    try {
      await app.page.getByRole('button', { name: 'Open sample: Australian wine sales' }).waitFor();
      const background = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(21, 23, 28)');
      await app.screenshot('e2e-empty-state-dark');
      expect(await app.violations()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('desktop conventions', () => {
  it('names the file in the title, marks unsaved changes with *, and tells main (for the question on closing)', async () => {
    const edits: [boolean, string][] = [];
    const app = await launchApp({ browser, deps: { shell: { setEdited: (_sender, edited, document) => void edits.push([edited, document]) } } });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      await expect.poll(() => page.title()).toBe('au_wine_sales.csv — Tidecast');
      await page.getByRole('tab', { name: /^Train/ }).click();
      await page.getByLabel('Epochs', { exact: true }).fill('7');
      await expect.poll(() => page.title()).toBe('*au_wine_sales.csv — Tidecast');
      await expect.poll(() => edits.at(-1)).toEqual([true, 'au_wine_sales.csv']);
      app.dialogs.save = join(app.tempDir, 'wine');
      await app.emit('menu:command', { command: 'save-project' });
      await expect.poll(() => page.title()).toBe('wine.tidecast — Tidecast');
      await expect.poll(() => edits.at(-1)).toEqual([false, 'wine.tidecast']);
      expect(JSON.parse(readFileSync(join(app.tempDir, 'wine.tidecast'), 'utf8'))).toMatchObject({ format: 'tidecast-project', form: { epochs: '7' } });
    } finally {
      await app.close();
    }
  });

  it('opens what main pushes from outside the page (a file manager, a second launch, Open Recent)', async () => {
    const app = await launchApp({ browser });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).waitFor();
      const text = 'time,load\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n';
      await app.emit('file:open-request', { ok: true, value: { kind: 'data', name: 'pushed.csv', text, bytes: text.length, encoding: 'utf-8' } });
      await expect.poll(() => page.locator('.file-name').textContent()).toBe('pushed.csv');
      await app.emit('file:open-request', { ok: false, error: { code: 'not-found', message: 'Could not open "gone.csv": the file or folder does not exist. It may have been moved or deleted.', where: '/data/gone.csv' } });
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Could not open "gone.csv"');
      expect(await page.locator('.file-name').textContent()).toBe('pushed.csv');
    } finally {
      await app.close();
    }
  });

  it('File > Open (Ctrl+O in the menu) opens a project as well as data', async () => {
    const app = await launchApp({ browser });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      await page.locator('.file-name').waitFor();
      app.dialogs.save = join(app.tempDir, 'study.tidecast');
      await page.getByRole('button', { name: 'Save project', exact: true }).click();
      await expect.poll(() => page.title()).toBe('study.tidecast — Tidecast');
      await page.getByRole('button', { name: 'Close file' }).click();
      await expect.poll(() => page.title()).toBe('Tidecast');
      app.dialogs.open = join(app.tempDir, 'study.tidecast');
      await app.emit('menu:command', { command: 'open' });
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Opened project study.tidecast.');
      expect(await page.title()).toBe('study.tidecast — Tidecast');
      expect(app.dialogLog.opened.at(-1)!.filters![0]!.extensions).toEqual(['csv', 'tsv', 'txt', 'tidecast']);
    } finally {
      await app.close();
    }
  });

  it('an unexpected error names the log file to attach to a report, and can show it', async () => {
    let shown = 0;
    const app = await launchApp({
      browser,
      handlers: {
        'samples:open': () => {
          throw new Error('disk controller on fire');
        },
      },
      deps: { shell: { showLogs: async () => void shown++ } },
    });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain('disk controller on fire');
      expect(await page.getByTestId('report-hint').textContent()).toContain(`attach the log file ${E2E_APP_INFO.logFile}`);
      await page.getByRole('button', { name: 'Show logs' }).click();
      await expect.poll(() => shown).toBe(1);
    } finally {
      await app.close();
    }
  });
});
