// The whole journey in Chromium, as a user: open the sample, check the preview and the health
// panel, train an LSTM and watch its curves move, read the forecast and metrics, export the
// forecast CSV (checked against the sample file itself and, byte for byte, against the CLI with
// the same model file), the chart, the model, and the model as ONNX and JavaScript (run in ONNX
// Runtime and imported, against the app's forecast); forecast with the saved model; cancel a run mid-training; queue runs; a broken CSV; a second file
// dropped on the window; a model that does not fit; a project saved and reopened.
// `window.tidecast` reaches the real handlers and the job bridge on real worker threads.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-web';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunBridge, type RunBridge } from '../../electron/runs';
import { runCli } from '../../engine/cli/main';
import { readDataset } from '../../engine/data';
import { serializeModel } from '../../engine/forecast/modelFile';
import { runForecast } from '../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../engine/forecast/pool';
import { createForecastPool } from '../../engine/forecast/pool';
import type { ForecastJobKinds } from '../../engine/forecast/worker-handlers';
import type { JobPool } from '../../engine/jobs/pool';
import { launchApp, launchChromium, ROOT, type AppHarness, type LaunchOptions } from './harness';

let browser: Browser;
let pool: JobPool<ForecastJobKinds>;

beforeAll(async () => {
  browser = await launchChromium();
  pool = createForecastPool({ workerUrl: join(ROOT, 'out/main/worker.js'), size: 2 });
});

afterAll(async () => {
  await browser?.close();
  await pool?.destroy();
});

/** The app with its job channels on the real bridge; events reach the page like webContents.send. */
async function launch(options: LaunchOptions = {}): Promise<{ app: AppHarness; runs: RunBridge; close(): Promise<void> }> {
  let app: AppHarness | null = null;
  const runs = createRunBridge({
    pool,
    send: (_contents, channel, payload) => {
      void app?.emit(channel, payload).catch(() => {});
    },
  });
  app = await launchApp({ browser, ...options, deps: { ...options.deps, runs: runs.handlers } });
  const opened = app;
  return {
    app: opened,
    runs,
    close: async () => {
      runs.closeWindow(1);
      await runs.dispose();
      await opened.close();
    },
  };
}

const SAMPLE = readFileSync(join(ROOT, 'samples/au_wine_sales.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [date, value] = line.split(',');
    return { date: date!, value: Number(value) };
  });

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

/** Sets the Train form for a quick manual LSTM run. */
async function configure(page: Page, values: Record<string, string>): Promise<void> {
  await page.getByRole('tab', { name: /^Train/ }).click();
  await page.getByRole('radio', { name: 'Choose the network' }).check();
  await page.getByRole('radio', { name: 'LSTM' }).check();
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
}

/** A real model file for the wine sample, trained in this process (1 epoch: only its shape matters). */
async function wineModel(): Promise<string> {
  const { dataset } = readDataset(readFileSync(join(ROOT, 'samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' });
  const run = await runForecast(dataset, { model: 'gru', epochs: 1, hidden: 4, timeBudgetSec: 0 }, createInlineForecastSubmitter());
  return serializeModel(run.modelFile);
}

/** How long a poll waits for the page (saves, reads and event deliveries take a moment). */
const WAIT = { timeout: 15_000 };

const runState = (page: Page, index = 0) => page.getByRole('list', { name: 'Runs' }).getByTestId('run-state').nth(index);

describe('the journey from a CSV to an exported forecast', () => {
  let app: AppHarness;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await launch());
  });
  afterAll(async () => {
    await close?.();
  });

  it('opens the sample and shows the preview, the detected format, the roles and the health panel', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
    await page.getByRole('tab', { name: /^Data/, selected: true }).waitFor();
    const table = page.getByRole('table', { name: 'First rows of the file' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['date Time', 'wine_sales_litres Target']);
    expect(await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['1980-01-01', '15136']);
    const format = page.getByRole('region', { name: /detected format/i });
    const facts = Object.fromEntries(
      await format.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()])),
    );
    expect(facts).toMatchObject({ Delimiter: 'Comma ( , )', 'Date format': 'YYYY-MM-DD', Rows: '176', Frequency: 'monthly', Season: '12 steps' });
    expect(await page.getByLabel('Time column').inputValue()).toBe('date');
    expect(await page.getByRole('radiogroup', { name: 'Role of wine_sales_litres' }).getByRole('radio', { name: 'Target' }).isChecked()).toBe(true);
    expect(await page.getByTestId('health-summary').textContent()).toBe('No problems found: every row was read as is.');
    await app.screenshot('journey-1-preview');
  });

  it('draws the series with a readout of the time and value under the pointer, and zooms', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /^Explore/ }).click();
    const plot = page.getByRole('application', { name: 'wine_sales_litres over time' });
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    // en-GB months, UTC wall clock: the pointer sits somewhere in the 1980s.
    await expect.poll(() => page.getByTestId('chart-readout').textContent(), WAIT).toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 19[89]\d\s*wine_sales_litres: [\d,]+/);
    await app.screenshot('journey-2-explore');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await page.getByRole('button', { name: 'Reset zoom' }).isEnabled()).toBe(true);
    await plot.focus();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    expect(await page.getByRole('button', { name: 'Reset zoom' }).isDisabled()).toBe(true);
  });

  it('explains an invalid setting next to its field and refuses to train', async () => {
    const { page } = app;
    await configure(page, { Horizon: '60', Layers: '9' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    expect(await page.getByLabel('Horizon', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#config-horizon-error').textContent()).toBe('Too long for 176 usable rows with a backtest: at most 37 here.');
    expect(await page.locator('#config-layers-error').textContent()).toBe('Layers must be a whole number from 1 to 4; got 9.');
    expect(await page.getByRole('alert').filter({ hasText: 'Fix the' }).textContent()).toContain('Fix the 2 values marked above to train.');
    expect(await page.getByRole('list', { name: 'Runs' }).count()).toBe(0);
  });

  it('trains an LSTM for a few epochs with live curves, then shows the forecast and the metrics', async () => {
    const { page } = app;
    await configure(page, { Horizon: '18', Layers: '1', 'Hidden units': '32', Epochs: '25', 'Time budget (s)': '0' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // The curves move: the loss chart gains epochs while the run trains.
    const chart = page.getByTestId('loss-chart');
    const epochsShown = async () => Number(await chart.getAttribute('data-epochs'));
    await expect.poll(epochsShown, { timeout: 60_000 }).toBeGreaterThan(0);
    const first = await epochsShown();
    await app.screenshot('journey-3-training');
    await expect.poll(epochsShown, { timeout: 60_000 }).not.toBe(first);
    expect(await page.getByTestId('epoch').textContent()).toMatch(/^\d+ \/ 25$/);
    await expect.poll(() => runState(page).textContent(), { timeout: 90_000 }).toBe('Done');
    await page.getByRole('button', { name: 'View results' }).click();

    await page.getByRole('tab', { name: /^Results/, selected: true }).waitFor();
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^On the backtest .*(seasonal naive|baseline)/);
    const metrics = page.getByRole('table', { name: 'Forecast accuracy, model and baselines' });
    expect(await metrics.getByRole('rowheader').allTextContents()).toEqual([
      expect.stringMatching(/^Model/),
      expect.stringMatching(/^Naive \(last value\)/),
      expect.stringMatching(/^Seasonal naive/),
      expect.stringMatching(/^Drift/),
      expect.stringMatching(/^ETS/),
      expect.stringMatching(/^Theta/),
    ]);
    for (const row of await metrics.getByRole('row').all()) {
      const cells = await row.getByRole('cell').allTextContents();
      if (cells.length > 0) expect(cells[0]).toMatch(/^[\d,]+(\.\d+)?$/);
    }
    expect(await page.getByRole('application', { name: 'Forecast of wine_sales_litres' }).isVisible()).toBe(true);
    await app.screenshot('journey-4-results');
    expect(app.pageErrors).toEqual([]);
  });

  it('exports the forecast CSV in the command line’s layout; with history and backtest, the sample’s own values first', async () => {
    const { page } = app;
    app.dialogs.save = join(app.tempDir, 'forecast.csv');
    await page.getByRole('button', { name: 'Export forecast CSV…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved forecast.csv.');
    const lines = readFileSync(join(app.tempDir, 'forecast.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,forecast,lower_80,upper_80,lower_95,upper_95');
    const rows = lines.slice(1).map((l) => l.split(','));
    // The 18 months after Aug 1994, with ordered intervals.
    const months = Array.from({ length: 18 }, (_, k) => new Date(Date.UTC(1994, 8 + k, 1)).toISOString().slice(0, 10));
    expect(rows.map((r) => r[0])).toEqual(months);
    for (const r of rows) {
      const [mean, lo80, hi80, lo95, hi95] = r.slice(1).map(Number) as [number, number, number, number, number];
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(lo80).toBeLessThanOrEqual(mean);
      expect(mean).toBeLessThanOrEqual(hi80);
      expect(hi80).toBeLessThanOrEqual(hi95);
      expect(mean).toBeGreaterThan(5_000);
      expect(mean).toBeLessThan(60_000);
    }

    const option = page.getByRole('checkbox', { name: 'with history and backtest' });
    await option.check();
    app.dialogs.save = join(app.tempDir, 'forecast-history.csv');
    await page.getByRole('button', { name: 'Export forecast CSV…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved forecast-history.csv.');
    await option.uncheck();
    const full = readFileSync(join(app.tempDir, 'forecast-history.csv'), 'utf8').trim().split('\n');
    expect(full[0]).toBe('timestamp,actual,forecast,lower_80,upper_80,lower_95,upper_95');
    const fullRows = full.slice(1).map((l) => l.split(','));
    expect(fullRows).toHaveLength(176 + 18);
    // History: the sample file's rows before the backtest, each once, with nothing forecast.
    expect(fullRows.slice(0, 158)).toEqual(SAMPLE.slice(0, 158).map((s) => [s.date, String(s.value), '', '', '', '', '']));
    // Backtest: the last 18 months of the sample, with their actual values and what was forecast for them.
    expect(fullRows.slice(158, 176).map((r) => [r[0], Number(r[1])])).toEqual(SAMPLE.slice(-18).map((s) => [s.date, s.value]));
    for (const r of fullRows.slice(158, 176)) expect(Number(r[2])).toBeGreaterThan(5_000);
    // Then the same forecast rows as without the option, with an empty actual.
    expect(fullRows.slice(176)).toEqual(rows.map((r) => [r[0], '', ...r.slice(1)]));
  });

  it('exports the chart as a PNG and saves the model file', async () => {
    const { page } = app;
    app.dialogs.save = join(app.tempDir, 'chart.png');
    await page.getByRole('button', { name: 'Export chart PNG…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved chart.png.');
    const png = readFileSync(join(app.tempDir, 'chart.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(600); // width from the IHDR chunk

    app.dialogs.save = join(app.tempDir, 'wine-model.json');
    await page.getByRole('button', { name: 'Save model…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved wine-model.json.');
    const model = JSON.parse(readFileSync(join(app.tempDir, 'wine-model.json'), 'utf8')) as { format: string; data: { target: string }; horizon: number };
    expect(model).toMatchObject({ format: 'tidecast-model', data: { target: 'wine_sales_litres' }, horizon: 18 });
  });

  it('exports the model as ONNX and as JavaScript: both forecast what the app shows', async () => {
    const { page } = app;
    app.dialogs.save = join(app.tempDir, 'wine onnx');
    await page.getByRole('button', { name: 'Export ONNX…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toMatch(/Saved wine onnx \(\d+ files\)\./);
    app.dialogs.save = join(app.tempDir, 'wine');
    await app.emit('menu:command', { command: 'export-javascript' });
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved wine.mjs.');

    // What the app shows: the exported forecast CSV (10 significant digits).
    const shown = readFileSync(join(app.tempDir, 'forecast.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(1).map(Number));
    const [mean, lower80, upper80, lower95, upper95] = [0, 1, 2, 3, 4].map((j) => shown.map((r) => r[j]!));
    const close = (got: ArrayLike<number>, want: number[], what: string) => {
      expect(got.length, what).toBe(want.length);
      want.forEach((w, k) => expect(Math.abs(got[k]! - w) / Math.abs(w), `${what}[${k}]`).toBeLessThan(1e-4));
    };
    const values = SAMPLE.map((s) => s.value);
    const times = SAMPLE.map((s) => Date.parse(s.date));

    // The JavaScript module, imported as any program would.
    const predictor = (await import(pathToFileURL(join(app.tempDir, 'wine.mjs')).href)) as {
      forecast(input: { values: number[]; times: number[] }): Record<'mean' | 'lower80' | 'upper80' | 'lower95' | 'upper95', number[]>;
      calendarFeatures(times: number[]): Float32Array;
    };
    const js = predictor.forecast({ values, times });
    for (const [what, want] of Object.entries({ mean, lower80, upper80, lower95, upper95 })) close(js[what as keyof typeof js], want, `JavaScript ${what}`);

    // The ONNX graphs in ONNX Runtime, combined as model.json says: the mean within each group, the median across groups.
    const sidecar = JSON.parse(readFileSync(join(app.tempDir, 'wine onnx', 'model.json'), 'utf8')) as {
      combine: { rule: string };
      intervals: { space: string; q80: number[]; q95: number[] };
      members: { file: string; group: number; lookback: number; inputs: { name: string }[] }[];
    };
    expect(sidecar.combine.rule).toBe('median-of-group-means');
    ort.env.wasm.numThreads = 1;
    const groups = new Map<number, Float32Array[]>();
    for (const member of sidecar.members) {
      const L = member.lookback;
      const feeds: Record<string, ort.Tensor> = { target: new ort.Tensor('float32', Float32Array.from(values.slice(-L)), [1, L]) };
      const calendar = predictor.calendarFeatures(times.slice(-L));
      if (member.inputs.some((i) => i.name === 'calendar')) feeds['calendar'] = new ort.Tensor('float32', calendar, [1, L, calendar.length / L]);
      expect(member.inputs.map((i) => i.name)).toEqual(Object.keys(feeds));
      const session = await ort.InferenceSession.create(readFileSync(join(app.tempDir, 'wine onnx', member.file)));
      const out = (await session.run(feeds))['forecast']!.data as Float32Array;
      await session.release();
      groups.set(member.group, [...(groups.get(member.group) ?? []), out]);
    }
    const groupMeans = [...groups.values()].map((list) => mean.map((_, k) => list.reduce((sum, f) => sum + f[k]!, 0) / list.length));
    const median = mean.map((_, k) => {
      const sorted = groupMeans.map((g) => g[k]!).sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    });
    close(median, mean, 'ONNX mean');
    // The interval half-widths apply around the mean, in log space when the sidecar says so.
    expect(['identity', 'log']).toContain(sidecar.intervals.space);
    const log = sidecar.intervals.space === 'log';
    const bound = (q: number[], sign: number) => median.map((m, k) => (log ? Math.exp(Math.log(m) + sign * q[k]!) : m + sign * q[k]!));
    close(bound(sidecar.intervals.q80, -1), lower80, 'ONNX lower80');
    close(bound(sidecar.intervals.q80, 1), upper80, 'ONNX upper80');
    close(bound(sidecar.intervals.q95, -1), lower95, 'ONNX lower95');
    close(bound(sidecar.intervals.q95, 1), upper95, 'ONNX upper95');
    expect(app.pageErrors).toEqual([]);
  });

  it('forecasts with the saved model: the same forecast, listed beside the trained run, and the CLI’s byte for byte', async () => {
    const { page } = app;
    const exported = readFileSync(join(app.tempDir, 'forecast.csv'), 'utf8').trim().split('\n').slice(1);
    app.dialogs.open = join(app.tempDir, 'wine-model.json');
    await page.getByRole('tab', { name: /^Train/ }).click();
    await page.getByRole('button', { name: 'Forecast with a saved model…' }).click();
    await expect.poll(() => runState(page).textContent(), { timeout: 30_000 }).toBe('Done');
    await page.getByRole('button', { name: 'View results' }).click();
    const runs = page.getByRole('table', { name: 'Runs compared' });
    await expect.poll(() => runs.getByRole('row').count(), WAIT).toBe(3);
    expect(await page.getByTestId('verdict').textContent()).toContain('Forecast with the saved model wine-model.json');
    app.dialogs.save = join(app.tempDir, 'from-model.csv');
    await page.getByRole('button', { name: 'Export forecast CSV…' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved from-model.csv.');
    const fromModel = readFileSync(join(app.tempDir, 'from-model.csv'), 'utf8').trim().split('\n').slice(1);
    expect(fromModel).toEqual(exported);

    // The command line with the same model file on the same data writes the same file.
    const cliCsv = join(app.tempDir, 'cli.csv');
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (d) => (said += d));
    const code = await runCli(['--input', join(ROOT, 'samples/au_wine_sales.csv'), '--load-model', join(app.tempDir, 'wine-model.json'), '--out', cliCsv, '--quiet'], {
      stdout: new PassThrough(),
      stderr,
      createSubmitter: () => ({ submitter: createInlineForecastSubmitter(), close: async () => {} }),
    });
    expect(said).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(join(app.tempDir, 'from-model.csv'))).toEqual(readFileSync(cliCsv));
    expect(readFileSync(join(app.tempDir, 'forecast.csv'))).toEqual(readFileSync(cliCsv));
  });

  it('saves the session as a project and reopens it in a fresh window, runs and all', async () => {
    const { page } = app;
    const project = join(app.tempDir, 'wine.tidecast');
    app.dialogs.save = project;
    await page.getByRole('button', { name: 'Save project', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), WAIT).toContain('Saved wine.tidecast.');

    const fresh = await launch();
    try {
      const p = fresh.app.page;
      fresh.app.dialogs.open = project;
      await p.getByRole('button', { name: 'Open project…' }).click();
      await p.getByRole('tab', { name: /^Results/, selected: true }).waitFor();
      expect(await p.getByRole('table', { name: 'Runs compared' }).getByRole('row').count()).toBe(3);
      expect(await p.getByTestId('verdict').textContent()).toContain('wine-model.json');
      await p.getByRole('tab', { name: /^Train/ }).click();
      expect(await p.getByLabel('Epochs', { exact: true }).inputValue()).toBe('25');
      expect(fresh.app.pageErrors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('runs that are queued and cancelled', () => {
  it('queues a second run behind the first and cancels a run mid-training', async () => {
    const { app, close } = await launch();
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      await configure(page, { Epochs: '100000', 'Time budget (s)': '0', 'Hidden units': '64' });
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(() => runState(page, 0).textContent(), WAIT).toBe('Queued · next');
      await expect.poll(() => runState(page, 1).textContent(), WAIT).toMatch(/^Running/);
      await app.screenshot('journey-5-queue');

      // Back to the first run; wait for training to be under way, then cancel it.
      await page.getByRole('list', { name: 'Runs' }).getByRole('button').nth(1).click();
      const chart = page.getByTestId('loss-chart');
      await expect.poll(async () => Number(await chart.getAttribute('data-epochs')), { timeout: 30_000 }).toBeGreaterThan(0);
      const asked = Date.now();
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await expect.poll(() => runState(page, 1).textContent(), WAIT).toBe('Cancelled');
      expect(Date.now() - asked).toBeLessThan(3000);
      expect(await page.getByTestId('run-phase').textContent()).toContain('Cancelled');
      // The queued run starts at once; cancel it too.
      await expect.poll(() => runState(page, 0).textContent(), WAIT).toMatch(/^Running/);
      await page.getByRole('list', { name: 'Runs' }).getByRole('button').nth(0).click();
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await expect.poll(() => runState(page, 0).textContent(), WAIT).toBe('Cancelled');
      expect(await page.getByRole('tab', { name: /^Results/ }).locator('.count').count()).toBe(0);
      await app.screenshot('journey-6-cancelled');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('files that go wrong, and a second file', () => {
  it('explains a broken CSV, keeps the open data, then reads a second file dropped on the window', async () => {
    const { app, close } = await launch({ viewport: { width: 1024, height: 700 } });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open sample: Australian wine sales' }).click();
      await page.getByRole('table', { name: 'First rows of the file' }).waitFor();

      await dropFile(page, 'broken.csv', 'date,value,note\n2024-01-01,5,"fine"\n2024-01-02,6,"never closed\n2024-01-03,7,x\n');
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent(), WAIT).toContain('Could not open “broken.csv”');
      expect(await alert.textContent()).toContain('a quoted field starting on line 3 is never closed');
      expect(await alert.textContent()).toContain('broken.csv · line 3 — au_wine_sales.csv is still open.');
      expect(await page.getByRole('table', { name: 'First rows of the file' }).getByRole('row').nth(1).textContent()).toContain('15136');
      await app.screenshot('journey-7-broken-csv');

      await dropFile(page, 'no-numbers.csv', 'date,city\n2024-01-01,Paris\n2024-01-02,Lyon\n2024-01-03,Nice\n');
      await expect.poll(() => alert.textContent(), WAIT).toContain('has no column of numbers to forecast');

      // A second, real file: daily, with a covariate, a gap and a repeated day.
      const lines = ['day,load_kw,temp_c'];
      for (let d = 0; d < 120; d++) {
        if (d === 40) continue; // a missing day
        const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
        lines.push(`${date},${(50 + 10 * Math.sin((2 * Math.PI * d) / 7) + d * 0.1).toFixed(2)},${(5 + d * 0.05).toFixed(1)}`);
        if (d === 70) lines.push(`${date},${(55).toFixed(2)},9.9`);
      }
      await dropFile(page, 'load.csv', lines.join('\n') + '\n');
      await expect.poll(() => page.locator('.file-name').textContent(), WAIT).toBe('load.csv');
      expect(await page.getByRole('alert').count()).toBe(0);
      const problems = page.getByRole('list', { name: 'Problems found' });
      expect(await problems.textContent()).toContain('Line 42');
      expect(await problems.textContent()).toContain('inserted as empty values');
      expect(await problems.textContent()).toMatch(/Line 7[23]/);
      expect(await page.getByRole('tab', { name: /^Data/ }).locator('.count').textContent()).toBe('2');
      await page.getByRole('radiogroup', { name: 'Role of temp_c' }).getByRole('radio', { name: 'Past only' }).check();
      await app.screenshot('journey-8-second-file');

      await page.getByRole('tab', { name: /^Explore/ }).click();
      expect(await page.getByRole('list', { name: 'Legend' }).textContent()).toContain('temp_c (right axis)');

      // A model trained on the wine sample does not fit this file: said plainly, nothing lost.
      const model = join(app.tempDir, 'wine.json');
      writeFileSync(model, await wineModel());
      app.dialogs.open = model;
      await page.getByRole('tab', { name: /^Train/ }).click();
      await page.getByRole('button', { name: 'Forecast with a saved model…' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent(), WAIT).toContain('load.csv: the model in wine.json needs column(s) "wine_sales_litres"');
      await app.screenshot('journey-9-unfit-model');
      // A file that is not a model at all.
      writeFileSync(model, JSON.stringify({ format: 'tidecast-model', formatVersion: 1, appVersion: '0.1.0' }));
      await page.getByRole('button', { name: 'Forecast with a saved model…' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent(), WAIT).toContain('wine.json: damaged model file');
      expect(await page.locator('.file-name').textContent()).toBe('load.csv');
      expect(await page.getByRole('list', { name: 'Runs' }).getByTestId('run-state').allTextContents()).toEqual(['Failed', 'Failed']);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('keyboard, dark mode and a small window', () => {
  it('opens the sample and reaches the results by keyboard alone, legible in dark mode at 1024×700', async () => {
    const { app, close } = await launch({ viewport: { width: 1024, height: 700 }, colorScheme: 'dark' });
    try {
      const { page } = app;
      const sample = page.getByRole('button', { name: 'Open sample: Australian wine sales' });
      await sample.waitFor();
      for (let i = 0; i < 12 && !(await sample.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      expect(await sample.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      const dataTab = page.getByRole('tab', { name: /^Data/, selected: true });
      await dataTab.waitFor();
      // Arrow keys move between tabs; the focused tab shows a visible focus ring.
      await dataTab.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const trainTab = page.getByRole('tab', { name: /^Train/, selected: true });
      await trainTab.waitFor();
      expect(await trainTab.evaluate((el) => el === document.activeElement && getComputedStyle(el).outlineStyle !== 'none')).toBe(true);

      // Fill the form with the keyboard: the field after Epochs in tab order is Learning rate.
      await page.getByLabel('Epochs', { exact: true }).focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('3');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('config-learningRate');
      await page.getByRole('button', { name: 'Train', exact: true }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => runState(page).textContent(), { timeout: 120_000 }).toBe('Done');
      await page.getByRole('button', { name: 'View results' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('tab', { name: /^Results/, selected: true }).waitFor();
      await page.getByRole('application', { name: 'Forecast of wine_sales_litres' }).waitFor();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 23, 28)');
      // Nothing spills sideways at 1024 px: the page itself never scrolls horizontally.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      await app.screenshot('journey-10-results-dark-1024');
      expect(await app.violations()).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
