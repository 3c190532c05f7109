// The command line on files of many series, in process on the inline submitter: the long
// output (id columns first, one block per series), --json per series plus the aggregate,
// shards whose outputs merge into the whole, wide files, and a one-series file's output as
// the one-series run gives it.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './run-cli';
import { readDataset } from '../../engine/data';
import { forecastCsv } from '../../engine/forecast/forecast-csv';
import { runForecast } from '../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../engine/forecast/pool';
import { THREE, panelCsv, wideCsv } from '../engine/forecast/panelData';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tidecast-panel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FAST = ['--horizon', '6', '--epochs', '2', '--seed', '3', '--panel', 'global', '--quiet'];

const shops = join(dir, 'shops.csv');
writeFileSync(shops, panelCsv());
const ID = ['--id', 'store,product'];

describe('tidecast on a file of three series', () => {
  it('writes every series in long format, id columns first, and the metrics per series plus the aggregate', async () => {
    const json = join(dir, 'metrics.json');
    const r = await cliInProcess(['--input', shops, ...ID, ...FAST, '--json', json]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('store,product,timestamp,forecast,lower_80,upper_80,lower_95,upper_95');
    expect(lines).toHaveLength(1 + 3 * 6);
    const keys = lines.slice(1).map((l) => l.split(',').slice(0, 2).join('/'));
    expect(keys).toEqual([...Array(6).fill('north/tea'), ...Array(6).fill('north/coffee'), ...Array(6).fill('south/tea')]);
    expect(lines[1].split(',')[2]).toBe('2020-01-01');
    expect(lines[7].split(',')[2]).toBe('2020-07-01');
    for (const line of lines.slice(1)) {
      const [, , , f, lo80, hi80, lo95, hi95] = line.split(',').map(Number);
      expect(Number.isFinite(f)).toBe(true);
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(hi80).toBeLessThanOrEqual(hi95);
    }
    const metrics = JSON.parse(readFileSync(json, 'utf8'));
    expect(metrics.series.map((s: { id: string[] }) => s.id)).toEqual(THREE.map((s) => [s.store, s.product]));
    expect(metrics.series[0].backtest.mase).toBeGreaterThan(0);
    expect(Object.keys(metrics.series[0].baselines)).toEqual(['naive', 'snaive', 'drift', 'ets', 'theta']);
    expect(metrics.aggregate.series).toBe(3);
    expect(metrics.aggregate.smape).toBeCloseTo(metrics.series.reduce((s: number, x: { backtest: { smape: number } }) => s + x.backtest.smape, 0) / 3, 10);
    expect(metrics.verdict).toMatch(/3 series/);
  });

  it('splits the series over shards whose outputs merge (header once) into every series exactly once', async () => {
    const whole = await cliInProcess(['--input', shops, ...ID, ...FAST]);
    const parts = [];
    for (const k of [1, 2, 3]) parts.push(await cliInProcess(['--input', shops, ...ID, ...FAST, '--shard', `${k}/3`]));
    for (const p of parts) expect(p.code).toBe(0);
    const header = whole.stdout.split('\n')[0];
    for (const p of parts) expect(p.stdout.split('\n')[0]).toBe(header);
    // The README's merge: the first file whole, the others without their first line.
    const merged = parts.map((p, i) => (i === 0 ? p.stdout : p.stdout.split('\n').slice(1).join('\n'))).join('');
    const ids = (text: string) => text.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join('/'));
    expect(new Set(ids(merged))).toEqual(new Set(ids(whole.stdout)));
    expect(ids(merged)).toHaveLength(ids(whole.stdout).length);
  });

  it('refuses a malformed shard and outputs a panel cannot give yet, with exit code 2', async () => {
    for (const bad of ['0/3', '4/3', '2', 'a/b']) {
      const r = await cliInProcess(['--input', shops, '--shard', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--shard takes K\/N/);
    }
    const r = await cliInProcess(['--input', shops, ...ID, ...FAST, '--export-js', join(dir, 'p.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--export-js .*one series/);
  });

  it('refuses a one-series model for a file of many series', async () => {
    const model = join(dir, 'one-model.json');
    const one = await cliInProcess(['--input', join(root, 'samples/au_wine_sales.csv'), '--model', 'gru', '--hidden', '4', '--epochs', '2', '--horizon', '6', '--quiet', '--save-model', model]);
    expect(one.code).toBe(0);
    const r = await cliInProcess(['--input', shops, ...ID, '--load-model', model, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds the model of one series; shops.csv holds 3 series/);
  });
});

describe('a saved panel model', () => {
  it('forecasts the same series again exactly as the run did, and refuses a file missing one of them by name', async () => {
    const model = join(dir, 'panel-model.json');
    const trained = await cliInProcess(['--input', shops, ...ID, ...FAST, '--save-model', model]);
    expect(trained.code).toBe(0);
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(saved.panel.series.map((s: { label: string }) => s.label)).toEqual(['north / tea', 'north / coffee', 'south / tea']);
    // The model file names its id columns: no --id needed.
    const again = await cliInProcess(['--input', shops, '--load-model', model, '--quiet']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(trained.stdout);
    const two = join(dir, 'two.csv');
    writeFileSync(two, panelCsv(THREE.slice(0, 2)));
    const refused = await cliInProcess(['--input', two, '--load-model', model, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1 of them are not in this file \("south \/ tea"\)/);
  });
});

describe('tidecast on a wide file with --series', () => {
  it('forecasts each named column, the column name in a "series" column', async () => {
    const wide = join(dir, 'wide.csv');
    writeFileSync(wide, wideCsv());
    const r = await cliInProcess(['--input', wide, ...FAST, '--series', 'coffee,cocoa']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('series,timestamp,forecast,lower_80,upper_80,lower_95,upper_95');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...Array(6).fill('coffee'), ...Array(6).fill('cocoa')]);
  });
});

describe('tidecast on a one-series file', () => {
  it('writes exactly what the one-series run forecasts, with no id column', async () => {
    const args = ['--model', 'gru', '--hidden', '4', '--epochs', '3', '--seed', '1', '--horizon', '6', '--time-budget', '0', '--quiet'];
    const sample = join(root, 'samples/au_wine_sales.csv');
    const r = await cliInProcess(['--input', sample, ...args]);
    expect(r.code).toBe(0);
    const dataset = readDataset(readFileSync(sample, 'utf8'), { source: 'au_wine_sales.csv' }).dataset;
    const run = await runForecast(dataset, { model: 'gru', hidden: 4, epochs: 3, seed: 1, horizon: 6, timeBudgetSec: 0 }, createInlineForecastSubmitter());
    const expected = forecastCsv([{ ids: [], forecast: run.forecast }], { format: { delimiter: ',', decimal: '.', timeStyle: dataset.timeStyle } });
    expect(r.stdout).toBe(expected);
    expect(r.stdout.split('\n')[0]).toBe('timestamp,forecast,lower_80,upper_80,lower_95,upper_95');
  });
});
