// The model card in Chromium. The exported HTML, opened from disk with the network off: KaTeX's
// math typeset with its embedded fonts, no error span, no request, no script. The Model panel in
// the app under its Content-Security-Policy: the equations drawn as MathML (Chromium's native
// math layout, no inline style), the parameters of every layer and direction, no CSP violation,
// and the card exported through the save dialog.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunBridge } from '../../electron/runs';
import { readDataset } from '../../engine/data';
import { runForecast } from '../../engine/forecast/pipeline';
import { createForecastPool, createInlineForecastSubmitter } from '../../engine/forecast/pool';
import type { ForecastJobKinds } from '../../engine/forecast/worker-handlers';
import type { JobPool } from '../../engine/jobs/pool';
import { modelCard } from '../../engine/report/card';
import { modelCardHtml } from '../../engine/report/html';
import { launchApp, launchChromium, RESULTS_DIR, ROOT } from './harness';

let browser: Browser;
let pool: JobPool<ForecastJobKinds>;

beforeAll(async () => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  browser = await launchChromium();
  pool = createForecastPool({ workerUrl: join(ROOT, 'out/main/worker.js'), size: 2 });
});

afterAll(async () => {
  await browser?.close();
  await pool?.destroy();
});

const WAIT = { timeout: 15_000 };

interface Typeset {
  displays: number;
  errors: number;
  scripts: number;
  /** Widths of KaTeX's HTML boxes (drawn, not collapsed). */
  widths: number[];
  /** Font families the page loaded, and whether KaTeX's main faces are ready. */
  loaded: string[];
  ready: boolean;
  requests: string[];
  violations: string[];
}

/** Opens an exported card as a user would (a file, no network) and reads what Chromium drew. */
async function openOffline(path: string, screenshot: string): Promise<Typeset> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
  try {
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(globalThis, '__violations', { value: seen });
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
    });
    await page.goto(`file://${path}`);
    await page.evaluate(() => document.fonts.ready);
    const drawn = await page.evaluate(() => ({
      displays: document.querySelectorAll('.katex-display').length,
      errors: document.querySelectorAll('.katex-error').length,
      scripts: document.scripts.length,
      widths: [...document.querySelectorAll('.katex-html')].map((e) => e.getBoundingClientRect().width),
      loaded: [...new Set([...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))].sort(),
      ready: document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math'),
      violations: [...(globalThis as unknown as { __violations: string[] }).__violations],
    }));
    await page.screenshot({ path: join(RESULTS_DIR, `${screenshot}.png`), fullPage: true });
    return { ...drawn, requests: requests.filter((u) => !u.startsWith('data:')) };
  } finally {
    await context.close();
  }
}

describe('the exported model card', () => {
  it('opens offline from one file: every formula typeset by KaTeX in its own fonts, nothing fetched, no script', async () => {
    const { dataset } = readDataset(readFileSync(join(ROOT, 'samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' });
    const run = await runForecast(dataset, { model: 'gru', bidirectional: true, layers: 2, hidden: 8, epochs: 1, timeBudgetSec: 0, backtest: true }, createInlineForecastSubmitter());
    const card = modelCard(run.modelFile);
    const path = join(RESULTS_DIR, 'model-card-gru.html');
    writeFileSync(path, modelCardHtml(card));
    const drawn = await openOffline(path, 'model-card-gru');
    const formulas = card.equations.reduce((n, b) => n + b.latex.length, 0);
    expect(drawn.displays).toBe(formulas);
    expect(drawn.errors).toBe(0);
    expect(drawn.scripts).toBe(0);
    expect(drawn.widths).toHaveLength(formulas);
    for (const w of drawn.widths) expect(w).toBeGreaterThan(40);
    expect(drawn.ready).toBe(true);
    expect(drawn.loaded).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    expect(drawn.requests).toEqual([]);
    expect(drawn.violations).toEqual([]);
  });
});

describe('the Model panel', () => {
  it('shows the card of the trained run under the app\'s CSP, its math drawn as MathML, and exports it', async () => {
    let send: (channel: string, payload: unknown) => void = () => {};
    const runs = createRunBridge({ pool, send: (_contents, channel, payload) => send(channel, payload) });
    const app = await launchApp({ browser, deps: { runs: runs.handlers } });
    send = (channel, payload) => void app.emit(channel as never, payload as never).catch(() => {});
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      await page.getByRole('tab', { name: /^Train/ }).click();
      await page.getByRole('radio', { name: 'Choose the network' }).check();
      await page.getByRole('radio', { name: 'LSTM' }).check();
      await page.getByRole('radio', { name: 'Bidirectional' }).check();
      for (const [label, value] of Object.entries({ Layers: '2', 'Hidden units': '8', Epochs: '2', 'Time budget (s)': '0' })) {
        await page.getByLabel(label, { exact: true }).fill(value);
      }
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      const state = page.getByRole('list', { name: 'Runs' }).getByTestId('run-state').first();
      await expect.poll(() => state.textContent(), { timeout: 120_000 }).toBe('Done');
      await page.getByRole('button', { name: 'View results' }).click();

      const panel = page.getByRole('region', { name: 'Model' });
      await panel.waitFor();
      // D = 3 inputs (target, season sine and cosine), H = 8, K = 18 months; layer 2 reads 2H = 16.
      const layer1 = 4 * 8 * 3 + 4 * 8 * 8 + 2 * 4 * 8;
      const layer2 = 4 * 8 * 16 + 4 * 8 * 8 + 2 * 4 * 8;
      const head = 18 * 16 + 18;
      const table = panel.getByRole('table', { name: /^Parameters of lstm bi 2×8/ });
      const rows = await table.getByRole('row').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
      expect(rows.map((r) => [r[0], r[2]])).toEqual([
        ['layer 1, forward', String(layer1)],
        ['layer 1, backward', String(layer1)],
        ['layer 2, forward', String(layer2)],
        ['layer 2, backward', String(layer2)],
        ['dense head', String(head)],
        ['Total', (2 * layer1 + 2 * layer2 + head).toLocaleString('en-GB')],
      ]);

      // Chromium lays the MathML out as math (display: block math), the TeX source stays hidden.
      const maths = await panel.locator('math').evaluateAll((nodes) =>
        nodes.map((m) => ({
          display: getComputedStyle(m).display,
          height: m.getBoundingClientRect().height,
          annotation: m.querySelector('annotation')!.getBoundingClientRect().height,
          styled: m.querySelectorAll('[style]').length,
        })),
      );
      expect(maths).toHaveLength(7); // inputs, LSTM cell (2), bidirectional, stacking, head (2)
      for (const m of maths) {
        expect(m.display).toBe('block math');
        expect(m.height).toBeGreaterThan(12);
        expect(m.annotation).toBe(0);
        expect(m.styled).toBe(0);
      }
      // In the bundled math font; ℝ as the letter itself (MathML Core draws no double-struck variant);
      // the two columns of the LSTM's aligned equations meet at the "=" signs.
      const mathFont = await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Tidecast Math').map((f) => f.status));
      expect(mathFont).toEqual(['loaded']);
      expect(await panel.locator('mi[mathvariant="double-struck"]').count()).toBe(0);
      expect(await panel.locator('math').nth(2).textContent()).toContain('ℝ4H×Dk');
      const equals = await panel.locator('math').nth(1).locator('mtr').evaluateAll((rows) =>
        rows.map((row) => row.querySelector('mtd:nth-child(2) mo')!.getBoundingClientRect().left),
      );
      expect(equals).toHaveLength(6);
      for (const left of equals) expect(Math.abs(left - equals[0]!)).toBeLessThan(1);
      expect(await panel.getByLabel('Command that reproduces this run').textContent()).toMatch(
        /^tidecast --input au_wine_sales\.csv --time date --target wine_sales_litres --future-covariates none --horizon 18 --season 12 --model lstm --bidirectional --layers 2 --hidden 8 --epochs 2 /,
      );
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: join(RESULTS_DIR, 'model-panel.png') });
      expect(await app.violations()).toEqual([]);
      expect(app.pageErrors).toEqual([]);

      app.dialogs.save = join(app.tempDir, 'wine card.html');
      await panel.getByRole('button', { name: 'Export model card…' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved wine card.html.');
      const drawn = await openOffline(join(app.tempDir, 'wine card.html'), 'model-card-exported');
      expect(drawn.displays).toBe(7);
      expect(drawn.errors).toBe(0);
      expect(drawn.ready).toBe(true);
      expect(drawn.requests).toEqual([]);
      expect(await app.violations()).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      runs.closeWindow(1);
      await runs.dispose();
      await app.close();
    }
  });
});
