// "Export as JavaScript": the generated module, imported from disk, forecasts what the app
// forecasts with the same saved model (forecastWithModel), intervals included, for every cell
// and direction trained by the real pipeline, every anchor and transform, ensembles of groups,
// baseline models and log-space intervals; it computes the app's calendar features for every
// frequency; it needs nothing but itself; and bad input gets a message saying what to pass.
import type { RecurrentState } from '../../../engine/models/recurrent/config';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeSeries } from '../../../engine/data/types';
import type { Dataset, Frequency } from '../../../engine/data/types';
import { exportableModel, javascriptOfModel, javascriptPredictor, type ExportableModel } from '../../../engine/export';
import { calendarFeatures, type CalendarFeature } from '../../../engine/models/recurrent/calendar-features';
import { forecastWithModel } from '../../../engine/forecast/fromModel';
import { parseModelFile, serializeModel, type ModelFile, type ModelMember } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import type { CellKind } from '../../../engine/nn';
import { HORIZON, SEASON, hourlySeries, randomMember, type MemberShape } from './networks';

const dir = mkdtempSync(join(tmpdir(), 'tidecast-js-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runner = createInlineForecastSubmitter();

interface Predictor {
  forecast(input: unknown): { mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
  calendarFeatures(times: ArrayLike<number | Date>): Float32Array;
  info: { lookback: number; horizon: number; needsTimes: boolean; covariates: string[]; members: number };
}

let modules = 0;
/** Write the module's text to a temp file and import it, as a user would. */
async function load(source: string): Promise<Predictor> {
  const file = join(dir, `model-${++modules}.mjs`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as Predictor;
}

const series = hourlySeries();
const dataset: Dataset = {
  source: 'load.csv',
  timeColumn: 'time',
  timeStyle: { kind: 'iso-datetime', zone: 'none', seconds: false, millis: false },
  time: series.time,
  columns: [
    { name: 'load', values: series.target, missing: 0 },
    { name: 'temperature', values: series.covariates[0], missing: 0 },
    { name: 'price', values: series.covariates[1], missing: 0 },
  ],
  frequency: series.frequency,
  season: SEASON,
  problems: [],
  idColumns: [],
  series: [wholeSeries(series.time.length)],
};
const input = {
  values: Array.from(series.target),
  times: Array.from(series.time),
  covariates: { temperature: Array.from(series.covariates[0]), price: Array.from(series.covariates[1]) },
};
const settings = { covariates: ['temperature', 'price'], horizon: HORIZON, season: SEASON, hidden: 4, epochs: 2, lookback: 14, timeBudgetSec: 0 };

/** Largest relative difference between the module's forecast and the app's, over every column. */
async function compare(model: ModelFile, name: string): Promise<number> {
  const saved = parseModelFile(serializeModel(model), `${name}.json`);
  const app = (await forecastWithModel(dataset, saved, `${name}.json`, runner)).forecast;
  const got = (await load(javascriptOfModel(saved))).forecast(input);
  let worst = 0;
  for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
    expect(got[key].length).toBe(model.horizon);
    got[key].forEach((v, k) => {
      expect(Number.isFinite(v), `${key}[${k}]`).toBe(true);
      worst = Math.max(worst, Math.abs(v - app[key][k]) / Math.abs(app[key][k]));
    });
  }
  return worst;
}

let trained: ModelFile;
beforeAll(async () => {
  trained = (await runForecast(dataset, { ...settings, model: 'gru' }, runner)).modelFile;
});

describe('standalone JavaScript predictor', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as CellKind[]) {
    for (const bidirectional of [false, true]) {
      it(`forecasts as the app does with a trained ${cell} ${bidirectional ? 'bi' : 'uni'} model, intervals included`, async () => {
        const run = await runForecast(dataset, { ...settings, model: cell, bidirectional }, runner);
        expect(run.modelFile.members.every((m) => { const c = (m.state as RecurrentState).config; return c.cell === cell && c.bidirectional === bidirectional; })).toBe(true);
        expect(await compare(run.modelFile, `${cell}-${bidirectional}`)).toBeLessThan(1e-4);
      });
    }
  }

  it('combines an ensemble as the median of its group means, for every anchor, transform and depth', async () => {
    const shapes: MemberShape[] = [];
    const anchors = ['none', 'last', 'mean', 'season'] as const;
    anchors.forEach((normalisation, i) => {
      for (const log of [false, true]) {
        shapes.push({ cell: (['rnn', 'lstm', 'gru'] as const)[i % 3], bidirectional: log, layers: 1 + (i % 2), normalisation, log, lookback: 8 + 4 * i, seed: shapes.length + 1 });
      }
    });
    // Groups of 1, 2, 2 and 3 networks: a mean within each, the median across the four.
    const groups = [0, 1, 1, 2, 2, 3, 3, 3];
    const members: ModelMember[] = shapes.map((shape, i) => ({ label: `member ${i}`, group: groups[i], kind: 'recurrent', state: randomMember(series, shape) }));
    const model: ModelFile = { ...trained, members };
    expect(await compare(model, 'ensemble')).toBeLessThan(1e-4);
    expect((await load(javascriptOfModel(model))).info.lookback).toBe(20);
  });

  it('forecasts a baseline model (naive, seasonal naive, drift) from the values given, networks aside', async () => {
    for (const baseline of ['naive', 'snaive', 'drift'] as const) {
      expect(await compare({ ...trained, baseline: { kind: baseline, state: {} } }, baseline), baseline).toBeLessThan(1e-12);
    }
    const predictor = await load(javascriptOfModel({ ...trained, baseline: { kind: 'snaive', state: {} } }));
    expect(predictor.info).toMatchObject({ lookback: 1, needsTimes: false, covariates: [] });
    // Seasonal naive by hand: the last season (6 values) repeated over the 9 steps.
    const f = predictor.forecast({ values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(f.mean).toEqual([5, 6, 7, 8, 9, 10, 5, 6, 7]);
  });

  it('applies log-space interval widths as the app reads them from older model files', async () => {
    const q = trained.intervals;
    const model: ModelFile = { ...trained, intervals: { ...q, space: 'log', q80: q.q80.map(() => 0.05), q95: q.q95.map(() => 0.1) } };
    expect(await compare(model, 'log-intervals')).toBeLessThan(1e-4);
  });

  it('needs nothing but itself: no imports, and it runs in a plain Node process', async () => {
    const source = javascriptOfModel(trained);
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\brequire\(/);
    const file = join(dir, 'standalone.mjs');
    writeFileSync(file, source);
    const script = `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => console.log(JSON.stringify(m.forecast(${JSON.stringify(input)}).mean)))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const inVitest = (await load(source)).forecast(input).mean;
    expect(JSON.parse(stdout)).toEqual(inVitest);
  });

  it('says what to pass when the input is short, missing or not a number', async () => {
    const predictor = await load(javascriptOfModel(trained));
    const L = predictor.info.lookback;
    expect(predictor.info).toMatchObject({ needsTimes: true, covariates: ['temperature', 'price'], horizon: HORIZON });
    expect(() => predictor.forecast({ ...input, values: input.values.slice(0, L - 1) })).toThrow(
      `Tidecast model for "load": needs at least ${L} past values (the lookback); got ${L - 1}.`,
    );
    expect(() => predictor.forecast({ ...input, values: [...input.values.slice(0, -1), NaN] })).toThrow(/values\[199\] is NaN; fill missing values/);
    expect(() => predictor.forecast({ values: input.values, covariates: input.covariates })).toThrow(/needs times \(one per value\)/);
    expect(() => predictor.forecast({ ...input, covariates: { price: input.covariates.price } })).toThrow(/needs covariates\["temperature"\]/);
    expect(() => predictor.forecast({ ...input, times: input.times.slice(1) })).toThrow(/times has 199 entries; values has 200/);
    expect(() => predictor.forecast(input.values)).toThrow(/call forecast\(\{ values: \[\.\.\.\] \}\)/);
    const logModel: ModelFile = { ...trained, members: [{ label: 'log', group: 0, kind: 'recurrent', state: randomMember(series, { cell: 'gru', bidirectional: false, layers: 1, normalisation: 'last', log: true }) }] };
    const logPredictor = await load(javascriptOfModel(logModel));
    expect(() => logPredictor.forecast({ ...input, values: [...input.values.slice(0, -1), 0] })).toThrow(/values\[199\] is 0; this model forecasts the log of "load", so values must be > 0/);
  });
});

describe('calendar features in the standalone predictor', () => {
  const ALL: CalendarFeature[] = ['season_sin', 'season_cos', 'day_sin', 'day_cos', 'week_sin', 'week_cos', 'weekend'];
  const cases: [Frequency, number][] = [
    [{ unit: 'second', step: 30, label: '30-second' }, 120],
    [{ unit: 'minute', step: 15, label: '15-minute' }, 96],
    [{ unit: 'hour', step: 2, label: '2-hourly' }, 12],
    [{ unit: 'day', step: 1, label: 'daily' }, 7],
    [{ unit: 'week', step: 1, label: 'weekly' }, 52],
    [{ unit: 'business-day', step: 1, label: 'business daily' }, 5],
    [{ unit: 'month', step: 1, label: 'monthly' }, 12],
    [{ unit: 'month', step: 3, label: '3-monthly' }, 4],
    [{ unit: 'quarter', step: 1, label: 'quarterly' }, 4],
    [{ unit: 'year', step: 1, label: 'yearly' }, 5],
  ];
  // Times before and after 1970, a leap day, weekends, and odd milliseconds.
  const times = [
    Date.UTC(1969, 11, 31, 23, 59, 30), Date.UTC(1970, 0, 5), Date.UTC(2000, 1, 29, 12), Date.UTC(2024, 2, 2, 7, 45),
    Date.UTC(2024, 2, 3, 18), Date.UTC(2024, 11, 31, 23, 59, 59, 999), Date.UTC(1900, 0, 1), Date.UTC(2031, 6, 14, 3, 30, 15),
  ];

  for (const [frequency, season] of cases) {
    it(`match the app's for ${frequency.label} data, season ${season}`, async () => {
      const model: ExportableModel = { ...exportableModel(trained), frequency, season, calendar: ALL, baseline: 'naive', members: [] };
      const predictor = await load(javascriptPredictor(model, 'test'));
      const expected = calendarFeatures(times, frequency, season, ALL);
      expect(Array.from(predictor.calendarFeatures(times))).toEqual(Array.from(expected));
      expect(Array.from(predictor.calendarFeatures(times.map((t) => new Date(t))))).toEqual(Array.from(expected));
    });
  }
});
