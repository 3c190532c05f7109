// The command line on a file with future rows: a daily sales file whose last 7 rows hold next
// week's promotion plan and no sales. The forecast starts after the last sales value, uses the
// plan (and holidays when asked), saves a model that forecasts from a file's plan again, and
// refuses a plan with a hole or an unknown holiday region in one line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess, cliProcess } from './run-cli';
import { parseModelFile } from '../../engine/forecast/modelFile';
import { datasetCsv, promotionDataset } from '../engine/forecast/promotion';

const dir = mkdtempSync(join(tmpdir(), 'tidecast-cli-known-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TINY = ['--model', 'gru', '--hidden', '4', '--epochs', '3', '--lookback', '14', '--seed', '1', '--time-budget', '0'];

const plan = join(dir, 'plan.csv');
const csvText = datasetCsv(promotionDataset({ days: 200, futureDays: 7, seed: 5 }));
writeFileSync(plan, csvText);
const csvLines = csvText.trim().split('\n');

describe('tidecast on a file whose last rows are the promotion plan', () => {
  const model = join(dir, 'model.json');
  let forecastLines: string[] = [];

  it('forecasts the 7 planned days right after the last sales value, with the plan known in advance (real process)', async () => {
    const r = await cliProcess(['--input', plan, ...TINY, '--backtest', '--save-model', model]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/The last 7 row\(s\) have no "sales" value: they are the future, so the forecast starts at 2021-07-23; known in advance over the 7 forecast step\(s\): "promo"/);
    forecastLines = r.stdout.trim().split('\n');
    expect(forecastLines).toHaveLength(1 + 7);
    expect(forecastLines.slice(1).map((l) => l.split(',')[0])).toEqual(csvLines.slice(201).map((l) => l.split(',')[0]));
    const saved = parseModelFile(readFileSync(model, 'utf8'), 'model.json');
    expect(saved.data.known).toEqual(['promo']);
    expect(saved.data.holidays).toBeNull();
  });

  it('forecasts the same from the saved model, and follows an edited plan in the file', async () => {
    const again = await cliInProcess(['--input', plan, '--load-model', model]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual(forecastLines);
    const edited = join(dir, 'edited.csv');
    const flipped = csvLines.map((line, i) => (i > 200 ? line.replace(/,(\d)$/, (_, p) => `,${1 - Number(p)}`) : line));
    writeFileSync(edited, flipped.join('\n') + '\n');
    const moved = await cliInProcess(['--input', edited, '--load-model', model]);
    expect(moved.code).toBe(0);
    expect(moved.stdout.trim().split('\n')).not.toEqual(forecastLines);
  });

  it('exits 2 naming the known column and the first day without a planned value', async () => {
    const holed = join(dir, 'holed.csv');
    writeFileSync(holed, csvLines.map((line, i) => (i === 204 ? line.replace(/,\d$/, ',') : line)).join('\n') + '\n');
    const r = await cliInProcess(['--input', holed, ...TINY]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'tidecast: Column "promo" is known in advance but has no value at 2021-07-26: fill in its planned values through 2021-07-29, or use it as a past-only covariate.',
    );
  });

  it('takes holidays and --future-covariates none, and refuses an unknown holiday region saying where codes come from', async () => {
    const r = await cliInProcess(['--input', plan, ...TINY, '--epochs', '1', '--future-covariates', 'none', '--holidays', 'us']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/known in advance over the 7 forecast step\(s\): "holidays US"/);
    const bad = await cliInProcess(['--input', plan, ...TINY, '--holidays', 'Narnia']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tidecast: --holidays: "Narnia" is not a country or region with holiday tables\. Codes are ISO 3166 country codes/);
    const clash = await cliInProcess(['--input', plan, '--load-model', model, '--holidays', 'US']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--holidays cannot be combined with --load-model/);
  });
});
