// Covariates known in advance through the whole run, on the inline submitter with tiny
// networks: their planned values reach the forecast, the hidden target never does, a saved
// model forecasts from them again, and a what-if re-forecast equals a fresh forecast with the
// edited values.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../engine/data/types';
import { forecastWithModel } from '../../../engine/forecast/fromModel';
import { parseModelFile, serializeModel } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { prepareWhatIf } from '../../../engine/forecast/whatIf';
import { promotionDataset } from './promotion';

const submitter = createInlineForecastSubmitter();
const H = 7;
const TINY = { model: 'gru' as const, hidden: 4, epochs: 3, lookback: 14, timeBudgetSec: 0, futureCovariates: ['promo'] };

/** `ds` with column `name`'s values replaced from row `from` on. */
function withValues(ds: Dataset, name: string, from: number, values: ArrayLike<number>): Dataset {
  return {
    ...ds,
    columns: ds.columns.map((c) => {
      if (c.name !== name) return c;
      const v = Float64Array.from(c.values);
      for (let i = 0; i < values.length; i++) v[from + i] = values[i];
      return { ...c, values: v };
    }),
  };
}

describe('a forecast with covariates known in advance', () => {
  const ds = promotionDataset({ days: 220, futureDays: H, seed: 3 });

  it('starts after the last sales value and takes its horizon and known columns from the future rows', async () => {
    const run = await runForecast(ds, { model: 'gru', hidden: 4, epochs: 2, lookback: 14, timeBudgetSec: 0 }, submitter);
    expect(run.settings.horizon).toBe(H);
    expect(run.settings.futureCovariates).toEqual(['promo']);
    expect(run.forecast.time[0]).toBe(ds.time[220]);
    expect(run.warnings.join(' ')).toMatch(/The last 7 row\(s\) have no "sales" value: they are the future, so the forecast starts at 2021-08-12; known in advance over the 7 forecast step\(s\): "promo"/);
    expect(run.modelFile.data.known).toEqual(['promo']);
  });

  it('never lets the hidden backtest target shape the backtest forecast, while the known plan there does', async () => {
    const hiddenFrom = 220 - H;
    const a = await runForecast(ds, { ...TINY, backtest: true }, submitter);
    const changedTarget = withValues(ds, 'sales', hiddenFrom, Array.from({ length: H }, (_, k) => 1000 + 50 * k));
    const b = await runForecast(changedTarget, { ...TINY, backtest: true }, submitter);
    const fa = a.backtest!.origins[0].forecast;
    const fb = b.backtest!.origins[0].forecast;
    expect(Array.from(fb.mean)).toEqual(Array.from(fa.mean));
    expect(Array.from(fb.upper95)).toEqual(Array.from(fa.upper95));
    // The promotion plan over the hidden days is known in advance: it moves the backtest forecast.
    const plan = Array.from(ds.columns[1].values.subarray(hiddenFrom, 220), (v) => 1 - v);
    const c = await runForecast(withValues(ds, 'promo', hiddenFrom, plan), { ...TINY, backtest: true }, submitter);
    expect(Array.from(c.backtest!.origins[0].forecast.mean)).not.toEqual(Array.from(fa.mean));
  });

  it('re-forecasts with edited future values (what-if) exactly as a fresh forecast of a file holding them', async () => {
    const run = await runForecast(ds, TINY, submitter);
    const model = parseModelFile(serializeModel(run.modelFile), 'promo-model.json');
    const whatIf = await prepareWhatIf(ds, model, 'promo-model.json');
    expect(Array.from(whatIf.known.promo)).toEqual(Array.from(ds.columns[1].values.subarray(220)));
    // Unedited: the trained run's own forecast.
    const same = whatIf.forecast();
    for (let k = 0; k < H; k++) expect(same.mean[k]).toBeCloseTo(run.forecast.mean[k], 9);

    const edited = [1, 1, 0, 0, 1, 0, 1];
    const scenario = whatIf.forecast({ promo: edited });
    const fresh = await forecastWithModel(withValues(ds, 'promo', 220, edited), model, 'promo-model.json', submitter);
    const given = await forecastWithModel(ds, model, 'promo-model.json', submitter, { promo: edited });
    for (const f of [fresh.forecast, given.forecast]) {
      expect(Array.from(scenario.mean)).toEqual(Array.from(f.mean));
      expect(Array.from(scenario.lower80)).toEqual(Array.from(f.lower80));
      expect(Array.from(scenario.upper95)).toEqual(Array.from(f.upper95));
      expect(Array.from(scenario.time)).toEqual(Array.from(f.time));
    }
    expect(Array.from(scenario.mean)).not.toEqual(Array.from(same.mean));
    expect(() => whatIf.forecast({ price: edited })).toThrow(/"price" is not a covariate known in advance of this model; it has "promo"/);
    expect(() => whatIf.forecast({ promo: [1, 0] })).toThrow(/2 future value\(s\) given; the model forecasts 7 steps/);
  });

  it('refuses a saved model on a file whose plan does not reach the horizon, naming the column and time', async () => {
    const run = await runForecast(ds, TINY, submitter);
    const short = withValues(ds, 'promo', 224, [NaN, NaN, NaN]);
    await expect(forecastWithModel(short, run.modelFile, 'm.json', submitter)).rejects.toThrow(
      /Column "promo" is known in advance but has no value at 2021-08-16 \(and 2 more of the 7 forecast steps\)/,
    );
  });
});

describe('model files from before covariates known in advance (format 2)', () => {
  it('read as having none and forecast as before', async () => {
    const ds = promotionDataset({ days: 200, seed: 4 });
    const run = await runForecast(ds, { ...TINY, futureCovariates: [], horizon: H }, submitter);
    const json = JSON.parse(serializeModel(run.modelFile));
    json.formatVersion = 2;
    delete json.data.known;
    delete json.data.holidays;
    for (const m of json.members) delete m.state.schema.known;
    const model = parseModelFile(JSON.stringify(json), 'old.json');
    expect(model.data.known).toEqual([]);
    expect(model.data.holidays).toBeNull();
    const again = await forecastWithModel(ds, model, 'old.json', submitter);
    expect(Array.from(again.forecast.mean)).toEqual(Array.from(run.forecast.mean));
  });
});
