// Many series in one file, as a user meets them in Chromium: a long-format file of three stores
// dropped on the window reads as three series (not one averaged one), the id column shown and
// changeable, the series list searched, sorted and browsed with each series' health; one network
// trained across them on real worker threads; the per-series results and the aggregate; every
// forecast exported in one file, long and wide, checked line by line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainedPanelRun } from '../../electron/contract';
import { createRunBridge, type RunBridge } from '../../electron/runs';
import { createForecastPool } from '../../engine/forecast/pool';
import type { ForecastJobKinds } from '../../engine/forecast/worker-handlers';
import type { JobPool } from '../../engine/jobs/pool';
import { launchApp, launchChromium, ROOT, type AppHarness } from './harness';

let browser: Browser;
let pool: JobPool<ForecastJobKinds>;
let app: AppHarness;
let runs: RunBridge;
/** The panel run as main sent it to the page, to check the exports against. */
let result: TrainedPanelRun | null = null;

const WAIT = { timeout: 15_000 };
/** Months forecast (the form allows at most 5 with a backtest for the longest store's 48 months). */
const H = 4;

/** Monthly sales of three stores of different spans: north 2020-01…2023-12, south 2021-01…2023-12, east 2020-06…2023-09. */
const STORES = [
  { store: 'north', from: 0, months: 48, base: 100 },
  { store: 'south', from: 12, months: 36, base: 40 },
  { store: 'east', from: 5, months: 40, base: 220 },
] as const;
const ym = (k: number) => `${2020 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;

function storesCsv(): string {
  const lines = ['store,month,sales'];
  for (const s of STORES) {
    for (let i = 0; i < s.months; i++) {
      const k = s.from + i;
      lines.push(`${s.store},${ym(k)},${(s.base * (1 + 0.2 * Math.sin((2 * Math.PI * k) / 12)) + 0.5 * k).toFixed(1)}`);
    }
  }
  return lines.join('\n') + '\n';
}

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'text/csv' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

const rowsOf = (page: Page, list: string) => page.getByRole('listbox', { name: list }).getByRole('option');
const namesOf = async (page: Page, list: string) => (await rowsOf(page, list).locator('.name').allTextContents()).map((t) => t.trim());

beforeAll(async () => {
  browser = await launchChromium();
  pool = createForecastPool({ workerUrl: join(ROOT, 'out/main/worker.js'), size: 2 });
  let opened: AppHarness | null = null;
  runs = createRunBridge({
    pool,
    send: (_c, channel, payload) => {
      if (channel === 'run:result') {
        const outcome = (payload as { outcome: { kind: string; run: TrainedPanelRun } }).outcome;
        if (outcome.kind === 'panel') result = outcome.run;
      }
      void opened?.emit(channel, payload).catch(() => {});
    },
  });
  app = opened = await launchApp({ browser, deps: { runs: runs.handlers } });
});

afterAll(async () => {
  runs?.closeWindow(1);
  await runs?.dispose();
  await app?.close();
  await browser?.close();
  await pool?.destroy();
});

describe('a long-format file of three stores', () => {
  it('reads as three series by the detected id column, listed with their health', async () => {
    const { page } = app;
    await dropFile(page, 'stores.csv', storesCsv());
    await page.getByRole('tab', { name: /^Data/, selected: true }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'one per “store”' }).isChecked()).toBe(true);
    expect(await page.getByTestId('series-count').textContent()).toBe('3 series');
    expect(await namesOf(page, 'Series in the file')).toEqual(['east', 'north', 'south']);
    // Each row: its points and its span, from the file.
    const north = rowsOf(page, 'Series in the file').filter({ hasText: 'north' });
    expect(await north.locator('.c-len').textContent()).toBe('48');
    expect(await north.locator('.c-health').textContent()).toContain('complete');
    expect(await north.locator('polyline').getAttribute('points')).toMatch(/^[\d.]+,[\d.]+( [\d.]+,[\d.]+){20,}$/);
    await app.screenshot('many-series-1-list');
  });

  it('searches, sorts by length and shows the chosen series’ health', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search series' }).fill('SO');
    await expect.poll(() => namesOf(page, 'Series in the file'), WAIT).toEqual(['south']);
    expect(await page.getByTestId('series-count').textContent()).toBe('1 of 3 series');
    await page.getByRole('searchbox', { name: 'Search series' }).fill('');
    await page.getByRole('button', { name: 'Sort by length' }).click();
    await expect.poll(() => namesOf(page, 'Series in the file'), WAIT).toEqual(['north', 'east', 'south']);
    await page.getByRole('button', { name: 'Sort by length' }).click();
    await expect.poll(() => namesOf(page, 'Series in the file'), WAIT).toEqual(['south', 'east', 'north']);

    await rowsOf(page, 'Series in the file').filter({ hasText: 'east' }).click();
    const health = page.getByRole('region', { name: 'Health of east' });
    const facts = Object.fromEntries(await health.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()])));
    expect(facts).toMatchObject({ Points: '40', Gaps: '0', Duplicates: '0' });
    expect(facts['Start']).toMatch(/2020/);
    expect(facts['End']).toMatch(/2023/);
    expect(await page.getByRole('application', { name: 'east over time' }).isVisible()).toBe(true);
    // Ctrl+click adds a second series to the chart.
    await rowsOf(page, 'Series in the file').filter({ hasText: 'north' }).click({ modifiers: ['Control'] });
    await page.getByRole('application', { name: '2 series over time' }).waitFor(WAIT);
  });

  it('reads one averaged series when the id column is unticked, three again when ticked', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'one per “store”' }).uncheck();
    await expect.poll(() => page.getByText('none ticked: one series').count(), WAIT).toBe(1);
    expect(await page.getByRole('listbox', { name: 'Series in the file' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'one per “store”' }).check();
    await expect.poll(() => page.getByTestId('series-count').textContent(), WAIT).toBe('3 series');
  });

  it('trains one network across the series and shows each one’s error and verdict, and the aggregate', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /^Train/ }).click();
    for (const [label, value] of [['Horizon', String(H)], ['Time budget (s)', '0']] as const) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const state = page.getByRole('list', { name: 'Runs' }).getByTestId('run-state').first();
    await expect.poll(async () => /^(Done|Failed|Cancelled)/.test((await state.textContent()) ?? ''), { timeout: 150_000 }).toBe(true);
    const alerts = await page.getByRole('alert').allTextContents();
    expect({ state: await state.textContent(), alerts }).toEqual({ state: 'Done', alerts: [] });
    await page.getByRole('button', { name: 'View results' }).click();
    await page.getByRole('tab', { name: /^Results/, selected: true }).waitFor();

    expect(await page.getByTestId('verdict').textContent()).toMatch(/3 series/);
    const list = 'Series forecast';
    expect((await namesOf(page, list)).sort()).toEqual(['east', 'north', 'south']);
    const errors = await rowsOf(page, list).locator('.c-err').allTextContents();
    for (const e of errors) expect(e).toMatch(/^[\d.,]+ %$/);
    // Sorted by error, the list follows the numbers shown.
    await page.getByRole('button', { name: 'Sort by error' }).click();
    const sorted = (await rowsOf(page, list).locator('.c-err').allTextContents()).map((t) => Number(t.replace(/[^\d.]/g, '')));
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));

    const aggregate = page.getByRole('table', { name: 'Accuracy over all series, model and baselines' });
    expect(await aggregate.locator('caption').textContent()).toContain('3 series with a backtest');
    expect(await aggregate.getByTestId('beaten-naive').textContent()).toMatch(/^[0-3] of 3 series$/);

    await rowsOf(page, list).filter({ hasText: 'south' }).click();
    const south = page.getByRole('region', { name: 'Results of south' });
    expect(await south.getByTestId('series-verdict').textContent()).toMatch(/backtest/i);
    expect(await south.getByRole('table').getByRole('rowheader').first().textContent()).toBe('Model');
    await page.getByRole('application', { name: 'Forecast of south' }).waitFor(WAIT);
    await app.screenshot('many-series-2-results');
    expect(app.pageErrors).toEqual([]);
  });

  it('exports every forecast in one long CSV, the id column first, and as a wide one', async () => {
    const { page } = app;
    app.dialogs.save = join(app.tempDir, 'all.csv');
    await page.getByRole('button', { name: 'Export all forecasts…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved all.csv.');
    const lines = readFileSync(join(app.tempDir, 'all.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('store,timestamp,forecast,lower_80,upper_80,lower_95,upper_95');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(3 * H);
    // Each store's months after its own last month, in the file's order and date style.
    const expected = STORES.flatMap((s) => Array.from({ length: H }, (_, k) => [s.store, ym(s.from + s.months + k)]));
    expect(rows.map((r) => [r[0], r[1]])).toEqual(expected);
    // The numbers are the run's, to the 10 significant digits written.
    const run = result!;
    expect(run.series.map((s) => s.label)).toEqual(STORES.map((s) => s.store));
    rows.forEach((r, i) => {
      const f = run.series[Math.floor(i / H)]!.forecast;
      const k = i % H;
      expect(r.slice(2).map(Number)).toEqual([f.mean[k], f.lower80[k], f.upper80[k], f.lower95[k], f.upper95[k]].map((x) => Number(x!.toPrecision(10))));
      const [, lo80, hi80, lo95, hi95] = r.slice(2).map(Number) as [number, number, number, number, number];
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(lo80).toBeLessThan(hi80);
      expect(hi80).toBeLessThanOrEqual(hi95);
    });
    // Each store's forecast is on its own level (40, 100, 220 with ±20 % seasons).
    const meanOf = (store: string) => rows.filter((r) => r[0] === store).reduce((m, r) => m + Number(r[2]), 0) / H;
    expect(meanOf('south')).toBeGreaterThan(20);
    expect(meanOf('south')).toBeLessThan(90);
    expect(meanOf('east')).toBeGreaterThan(150);
    expect(meanOf('east')).toBeLessThan(320);

    await page.getByLabel('Layout of the export').first().selectOption('wide');
    app.dialogs.save = join(app.tempDir, 'wide.csv');
    await page.getByRole('button', { name: 'Export all forecasts…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved wide.csv.');
    const wide = readFileSync(join(app.tempDir, 'wide.csv'), 'utf8').trim().split('\n');
    expect(wide[0]).toBe('timestamp,north,south,east');
    // East ends three months earlier: its months start in 2023-10, the others' in 2024-01.
    expect(wide.map((l) => l.split(',')[0])).toEqual(['timestamp', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04']);
    expect(wide[1]!.split(',').map((c) => c !== '')).toEqual([true, false, false, true]);
    const north = rows.filter((r) => r[0] === 'north').map((r) => r[2]);
    expect(wide.slice(4).map((l) => l.split(',')[1])).toEqual(north);
  });
});
