// Covariates known in advance and what-if forecasts in Chromium, as a planner meets them: a daily
// sales file whose last 14 rows hold the promotion plan (two days of it left empty) is dropped on
// the window; the promotion column is offered as known in advance; the Train tab names the first
// missing day and the two are filled in; a small GRU trains on the real worker threads; in the
// What if panel a planned value is edited and the forecast moves, the values are saved as a named
// scenario, and the scenario's CSV (forecast columns plus its inputs) is exported and read back.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunBridge } from '../../electron/runs';
import { createForecastPool } from '../../engine/forecast/pool';
import type { ForecastJobKinds } from '../../engine/forecast/worker-handlers';
import type { JobPool } from '../../engine/jobs/pool';
import { datasetCsv, promotionDataset } from '../engine/forecast/promotion';
import { launchApp, launchChromium, ROOT, type AppHarness } from './harness';

const WAIT = { timeout: 15_000 };
const DAYS = 200;
const FUTURE = 14;

let browser: Browser;
let pool: JobPool<ForecastJobKinds>;
let app: AppHarness;
let closeRuns: () => Promise<void>;

/** The plan: 200 days of sales, then 14 days with the promotion plan and no sales; days 13 and 14 of the plan are empty. */
function plannedCsv(): { text: string; plan: number[]; dates: string[] } {
  const ds = promotionDataset({ days: DAYS, futureDays: FUTURE, seed: 11 });
  const promo = ds.columns[1]!.values;
  promo[DAYS + 12] = Number.NaN;
  promo[DAYS + 13] = Number.NaN;
  const dates = Array.from(ds.time.subarray(DAYS), (t) => new Date(t).toISOString().slice(0, 10));
  return { text: datasetCsv(ds), plan: Array.from(promo.subarray(DAYS)), dates };
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

beforeAll(async () => {
  browser = await launchChromium();
  pool = createForecastPool({ workerUrl: join(ROOT, 'out/main/worker.js'), size: 2 });
  let harness: AppHarness | null = null;
  const runs = createRunBridge({ pool, send: (_contents, channel, payload) => void harness?.emit(channel, payload).catch(() => {}) });
  harness = await launchApp({ browser, deps: { runs: runs.handlers } });
  app = harness;
  closeRuns = async () => {
    runs.closeWindow(1);
    await runs.dispose();
  };
});

afterAll(async () => {
  await closeRuns?.();
  await app?.close();
  await pool?.destroy();
  await browser?.close();
});

describe('a promotion plan known in advance, and what-if scenarios', () => {
  const { text, plan, dates } = plannedCsv();

  it('offers the plan’s column as known in advance and forecasts the 14 future rows by default', async () => {
    const { page } = app;
    await dropFile(page, 'sales_with_plan.csv', text);
    await expect.poll(() => page.locator('.file-name').textContent(), WAIT).toBe('sales_with_plan.csv');
    const promoRole = page.getByRole('radiogroup', { name: 'Role of promo' });
    expect(await promoRole.getByRole('radio', { name: 'Known in advance' }).isChecked()).toBe(true);
    expect(await page.getByRole('region', { name: 'Columns' }).textContent()).toContain('values in 12 of 14 future rows');
    expect(await page.getByTestId('future-rows').textContent()).toBe('14 after the last “sales” value: the forecast starts there');
    // The user's own choice: past only, then known in advance again.
    await promoRole.getByRole('radio', { name: 'Past only' }).check();
    await promoRole.getByRole('radio', { name: 'Known in advance' }).check();
    await app.screenshot('what-if-1-roles');

    await page.getByRole('tab', { name: /^Train/ }).click();
    expect(await page.getByLabel('Horizon', { exact: true }).inputValue()).toBe(String(FUTURE));
    expect(await page.getByTestId('known-columns').textContent()).toContain('“promo”');
  });

  it('names the first day the plan leaves empty, and trains once the two days are filled in', async () => {
    const { page } = app;
    const message = `Column "promo" is known in advance but has no value at ${dates[12]} (and 1 more of the 14 forecast steps): fill in its planned values through ${dates[13]}, or use it as a past-only covariate.`;
    expect(await page.getByTestId('known-missing').textContent()).toBe(message);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    expect(await train.isDisabled()).toBe(true);
    const table = page.getByRole('table', { name: 'Planned values of promo' });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([dates[12], dates[13]]);
    await app.screenshot('what-if-2-missing');
    await page.getByLabel(`promo at ${dates[12]}`).fill('1');
    await page.getByLabel(`promo at ${dates[13]}`).fill('0');
    await expect.poll(() => page.getByTestId('known-missing').count(), WAIT).toBe(0);

    await page.getByRole('radio', { name: 'Choose the network' }).check();
    await page.getByRole('radio', { name: 'GRU' }).check();
    for (const [label, value] of Object.entries({ 'Hidden units': '4', Epochs: '3', Lookback: '14', 'Time budget (s)': '0' })) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('checkbox', { name: 'Backtest against simple forecasts' }).uncheck();
    // Public holidays of California, from main's offline tables, as a second known input.
    await page.getByLabel('Public holidays').selectOption({ label: 'United States of America' });
    await page.getByLabel('Region').selectOption({ label: 'California' });
    await app.screenshot('what-if-3-filled');
    expect(await train.isEnabled()).toBe(true);
    await train.click();
    await expect.poll(() => page.getByRole('list', { name: 'Runs' }).getByTestId('run-state').first().textContent(), { timeout: 120_000 }).toBe('Done');
    await page.getByRole('button', { name: 'View results' }).click();
    await page.getByRole('tab', { name: /^Results/, selected: true }).waitFor();
  });

  it('edits a planned value and sees the forecast move at once, then saves it as a scenario', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'What if' });
    const table = panel.getByRole('table', { name: 'Planned values and forecast' });
    await table.waitFor(WAIT);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(dates);
    // The file's plan, with the two typed values.
    const filled = [...plan.slice(0, 12), 1, 0];
    for (let k = 0; k < FUTURE; k++) expect(await panel.getByLabel(`promo at ${dates[k]}`).inputValue()).toBe(String(filled[k]));
    const first = panel.getByTestId('what-if-forecast').first();
    const before = await first.textContent();
    const edited = filled[0] === 1 ? 0 : 1;
    await panel.getByLabel(`promo at ${dates[0]}`).fill(String(edited));
    await expect.poll(() => first.textContent(), WAIT).not.toBe(before);
    expect(await panel.getByRole('list', { name: 'Legend' }).textContent()).toContain('Editing');

    await panel.getByLabel('Scenario name').fill('Promo on day one');
    await panel.getByRole('button', { name: 'Save scenario' }).click();
    await expect.poll(() => panel.getByRole('list', { name: 'Scenarios' }).getByRole('listitem').allTextContents(), WAIT).toEqual([
      expect.stringContaining('As in the file'),
      expect.stringContaining('Promo on day one'),
    ]);
    expect(await panel.getByRole('list', { name: 'Legend' }).textContent()).toContain('Promo on day one');
    await app.screenshot('what-if-4-scenario');
  });

  it('exports the scenario’s forecast with its inputs', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'What if' });
    const shown = await panel.getByTestId('what-if-forecast').allTextContents();
    const path = join(app.tempDir, 'promo-day-one.csv');
    app.dialogs.save = path;
    await panel.getByRole('button', { name: 'Export Promo on day one as CSV' }).click();
    await expect.poll(() => existsSync(path), WAIT).toBe(true);
    expect(app.dialogLog.saved.at(-1)?.defaultPath).toMatch(/sales_with_plan scenario Promo on day one GRU 1×4\.csv$/);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,forecast,lower_80,upper_80,lower_95,upper_95,promo,holidays US-CA');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(dates);
    const filled = [...plan.slice(0, 12), 1, 0];
    filled[0] = filled[0] === 1 ? 0 : 1;
    expect(rows.map((r) => Number(r[6]))).toEqual(filled);
    // No public holiday in California from 23 July to 5 August 2021.
    expect(rows.map((r) => r[7])).toEqual(dates.map(() => '0'));
    for (const [k, r] of rows.entries()) {
      const [mean, lo80, hi80, lo95, hi95] = r.slice(1, 6).map(Number) as [number, number, number, number, number];
      expect(lo95 <= lo80 && lo80 <= mean && mean <= hi80 && hi80 <= hi95).toBe(true);
      // The table shows 5 significant digits of the same number.
      expect(Number(shown[k]!.replace(/[^\d.-]/g, ''))).toBeCloseTo(mean, 5 - Math.ceil(Math.log10(Math.abs(mean) + 1)) - 1);
    }
  });

  it('drags a planned value on the chart, or moves it with the arrow keys, and the forecast follows', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'What if' });
    const second = panel.getByRole('slider', { name: `${dates[1]}: promo` });
    const input = panel.getByLabel(`promo at ${dates[1]}`);
    const forecast = panel.getByTestId('what-if-forecast').nth(1);
    const before = { value: await input.inputValue(), forecast: await forecast.textContent() };
    await panel.getByRole('group', { name: 'Planned promo: drag a point up or down' }).scrollIntoViewIfNeeded();
    const box = (await second.boundingBox())!;
    const chart = (await panel.getByRole('group', { name: 'Planned promo: drag a point up or down' }).boundingBox())!;
    // A 0/1 column snaps to whole numbers: dragged to the top it is 1, to the bottom 0.
    const to = before.value === '1' ? chart.y + chart.height - 2 : chart.y + 2;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, to, { steps: 5 });
    await page.mouse.up();
    const dragged = before.value === '1' ? '0' : '1';
    await expect.poll(() => input.inputValue(), WAIT).toBe(dragged);
    expect(await second.getAttribute('aria-valuenow')).toBe(dragged);
    await expect.poll(() => forecast.textContent(), WAIT).not.toBe(before.forecast);

    // The keyboard: the third point up by one step.
    const third = panel.getByRole('slider', { name: `${dates[2]}: promo` });
    const start = Number(await third.getAttribute('aria-valuenow'));
    await third.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => panel.getByLabel(`promo at ${dates[2]}`).inputValue(), WAIT).toBe(String(start + 1));
    await app.screenshot('what-if-5-dragged');
    expect(await app.violations()).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
