// Model files: saving and loading gives the same forecast to the last bit; files from another
// format version, damaged files and data with other columns or frequency are refused clearly.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ForecastInputError } from '../../../engine/models/errors';
import { forecastWithModel } from '../../../engine/forecast/fromModel';
import { MODEL_FORMAT_VERSION, fingerprint, parseModelFile, serializeModel } from '../../../engine/forecast/modelFile';
import { runForecast, type ForecastRun } from '../../../engine/forecast/pipeline';
import { SEEDS_PER_CANDIDATE } from '../../../engine/models/recurrent/config';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { APP_VERSION } from '../../../engine/forecast/version';
import { TINY, monthlyDataset } from './synthetic';

const submitter = createInlineForecastSubmitter();
const ds = monthlyDataset();
let run: ForecastRun;
let text: string;
let combination: ForecastRun;

beforeAll(async () => {
  run = await runForecast(ds, { ...TINY, covariates: ['promo'], backtest: true }, submitter);
  text = serializeModel(run.modelFile);
  // Auto mode on a series too short for local networks (and for a guard: 6 validation windows):
  // the pretrained network, ETS and Theta.
  combination = await runForecast(monthlyDataset(18), { ...TINY, model: 'auto', backtest: true }, submitter);
});

describe('model file', () => {
  it('records what is needed to forecast again and to tell where the model came from', () => {
    const m = JSON.parse(text);
    expect(m.format).toBe('tidecast-model');
    expect(m.formatVersion).toBe(MODEL_FORMAT_VERSION);
    expect(m.appVersion).toBe(APP_VERSION);
    expect(m.data).toMatchObject({ target: 'sales', covariates: ['promo'], season: 12, rows: 120, frequency: { unit: 'month' } });
    expect(m.data.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(m.seed).toBe(42);
    expect(m.members[0].kind).toBe('recurrent');
    expect(m.members[0].state.config.training).toMatchObject({ epochs: 3, patience: 10, loss: 'huber' });
    // one network chosen by hand: the mean of its seeds' networks, in one group
    expect(m.combine).toBe('median-of-group-means');
    expect(m.members.length).toBe(SEEDS_PER_CANDIDATE);
    expect(m.members.map((x: { group: number }) => x.group)).toEqual(Array(SEEDS_PER_CANDIDATE).fill(0));
    expect(m.members[0].state.schema.covariateScalers.length).toBe(1);
    expect(m.members[0].state.schema.calendar).toEqual(['season_sin', 'season_cos']);
    expect(m.metrics.backtest.mase).toBeCloseTo(run.backtest!.metrics.mase, 12);
    expect(m.intervals.q95.length).toBe(6);
  });

  it('saves auto mode\'s combination: its three members, their mean, and the network\'s intervals (lower and upper apart)', async () => {
    const m = JSON.parse(serializeModel(combination.modelFile));
    expect(m.members.map((x: { kind: string; group: number }) => [x.kind, x.group])).toEqual([['pretrained', 0], ['ets', 1], ['theta', 2]]);
    expect(m.combine).toBe('mean-of-group-means');
    expect(m.intervals.method).toBe('model');
    expect(m.intervals.lower95).toHaveLength(6);
    const again = await forecastWithModel(monthlyDataset(18), parseModelFile(serializeModel(combination.modelFile), 'c.json'), 'c.json', submitter);
    for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
      expect(Array.from(again.forecast[key])).toEqual(Array.from(combination.forecast[key]));
    }
  });

  it('loads and forecasts the same file to the same numbers, bit for bit', async () => {
    const model = parseModelFile(text, 'model.json');
    const again = await forecastWithModel(ds, model, 'model.json', submitter);
    for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95', 'time'] as const) {
      expect(Array.from(again.forecast[key])).toEqual(Array.from(run.forecast[key]));
    }
  });

  it('refuses another format version, saying which versions and what to do', () => {
    const newer = JSON.parse(text);
    newer.formatVersion = MODEL_FORMAT_VERSION + 1;
    newer.appVersion = '9.0.0';
    expect(() => parseModelFile(JSON.stringify(newer), 'm.json')).toThrow(
      new RegExp(`m.json: model format version ${MODEL_FORMAT_VERSION + 1} \\(written by Tidecast 9.0.0\\).*update Tidecast`),
    );
  });

  it('refuses files that are not model files or are damaged, naming the field', () => {
    expect(() => parseModelFile('{"a":', 'x.json')).toThrow(/x.json: not a Tidecast model file \(not JSON/);
    expect(() => parseModelFile('{"format":"other"}', 'x.json')).toThrow(/not a Tidecast model file/);
    const damaged = JSON.parse(text);
    damaged.members[0].state.schema.transform.std = 'wide';
    expect(() => parseModelFile(JSON.stringify(damaged), 'x.json')).toThrow(/damaged model file: field members\.0\.state\.schema\.transform\.std/);
  });

  it('refuses data without the columns the model needs, or of another frequency', async () => {
    const model = parseModelFile(text, 'model.json');
    const renamed = { ...ds, columns: [ds.columns[0], { ...ds.columns[1], name: 'advertising' }] };
    await expect(forecastWithModel(renamed, model, 'model.json', submitter)).rejects.toThrow(
      /needs column\(s\) "promo".*Use a file with the same columns as synthetic.csv/,
    );
    const weekly = { ...ds, frequency: { unit: 'week' as const, step: 1, label: 'weekly' } };
    await expect(forecastWithModel(weekly, model, 'model.json', submitter)).rejects.toThrow(ForecastInputError);
    await expect(forecastWithModel(weekly, model, 'model.json', submitter)).rejects.toThrow(/weekly but the model.*monthly/);
  });

  it('fingerprints data by content', () => {
    const series = { time: ds.time, target: ds.columns[0].values, covariates: [], covariateNames: [], frequency: ds.frequency, season: 12 };
    const same = { ...series, target: Float64Array.from(series.target) };
    const other = { ...series, target: Float64Array.from(series.target, (v, i) => (i === 5 ? v + 1e-9 : v)) };
    expect(fingerprint(same)).toBe(fingerprint(series));
    expect(fingerprint(other)).not.toBe(fingerprint(series));
  });

  it('keeps APP_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8'));
    expect(APP_VERSION).toBe(pkg.version);
  });
});

describe('hostile model files', () => {
  it('refuses a network claiming 16 layers × 4,096 hidden units before building it, naming the field', () => {
    const huge = JSON.parse(text);
    const net = huge.members[0].state.network;
    net.spec = { ...net.spec, layers: 16, hiddenSize: 4096 };
    huge.members[0].state.config = { ...huge.members[0].state.config, layers: 16, hidden: 4096 };
    const before = process.memoryUsage().rss;
    expect(() => parseModelFile(JSON.stringify(huge), 'huge.json')).toThrow(/huge.json: damaged model file: field members\.0\.state\.config\.layers/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses infinite interval widths (1e999 in the file) and a network that forecasts fewer steps than the horizon', () => {
    const infinite = text.replace(/"q95":\[([^,\]]+)/, '"q95":[1e999');
    expect(() => parseModelFile(infinite, 'inf.json')).toThrow(/inf.json: damaged model file: field intervals\.q95\.0/);
    const short = JSON.parse(text);
    short.members[0].state.network.spec.outputSize = 3;
    expect(() => parseModelFile(JSON.stringify(short), 'short.json')).toThrow(/short.json: damaged model file: .*it forecasts 3 steps, the model's horizon is 6/);
    // The file's horizon changed instead (its widths along with it): the members forecast fewer steps.
    const longer = JSON.parse(text);
    longer.horizon = 9;
    longer.intervals = { ...longer.intervals, q80: Array(9).fill(1), q95: Array(9).fill(2) };
    expect(() => parseModelFile(JSON.stringify(longer), 'longer.json')).toThrow(/longer.json: damaged model file: field members\.0\.state forecasts 6 steps, the model's horizon is 9/);
  });

  it('saves and reads back a model from any short series and settings, every number finite (a property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ length: fc.integer({ min: 3, max: 40 }), horizon: fc.integer({ min: 1, max: 8 }), seed: fc.nat(1000), auto: fc.boolean(), noise: fc.double({ min: 0, max: 5, noNaN: true }) }),
        async ({ length, horizon, seed, auto, noise }) => {
          const data = monthlyDataset(length, seed + 1, noise);
          const settings = auto ? { ...TINY, model: 'auto', horizon, lookback: null } : { ...TINY, horizon, lookback: null };
          let run: ForecastRun;
          try {
            run = await runForecast(data, settings, submitter);
          } catch (error) {
            // A network chosen by hand may not fit a tiny series; that refusal is a clear message.
            if (!auto && error instanceof ForecastInputError) return;
            throw error;
          }
          const saved = serializeModel(run.modelFile);
          // Measures that do not exist (no validation window on 3 points) are null; widths never are.
          expect(saved).not.toMatch(/Infinity|NaN/);
          const { intervals } = JSON.parse(saved);
          for (const widths of [intervals.q80, intervals.q95, intervals.lower80 ?? [], intervals.lower95 ?? []]) {
            expect(widths.every((w: unknown) => typeof w === 'number' && Number.isFinite(w))).toBe(true);
          }
          const again = await forecastWithModel(data, parseModelFile(saved, 'p.json'), 'p.json', submitter);
          expect(Array.from(again.forecast.mean)).toEqual(Array.from(run.forecast.mean));
          expect([...again.forecast.lower95, ...again.forecast.upper95].every(Number.isFinite)).toBe(true);
        },
      ),
      { numRuns: 12, seed: 7 },
    );
  }, 600_000);
});
