// What-if scenarios as the page keeps them, against main's real what-if service: the file's
// values first, an edit re-forecast at once (equal to the service's forecast of those values),
// named scenarios saved with their inputs and forecasts, names checked, an older answer never
// replacing a newer one, the session let go on close; and each scenario's CSV and chart data.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownColumn, Result, WhatIfForecast } from '../../../electron/contract';
import type { SenderContents } from '../../../electron/ipc';
import { createWhatIfService, type WhatIfService } from '../../../electron/what-if';
import { serializeModel } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { scenarioCsv } from '../../../renderer/results/scenario-csv';
import { scenarioFrame } from '../../../renderer/results/scenario-frame';
import { FILE_SCENARIO, WhatIfState, type WhatIfApi } from '../../../renderer/results/what-if.svelte';
import { datasetPayload } from '../../../renderer/shared/dataset-payload';
import { promotionDataset } from '../../engine/forecast/promotion';

const H = 7;
const ds = promotionDataset({ days: 220, futureDays: H, seed: 3 });
const sender: SenderContents = { id: 1, mainFrame: { frameTreeNodeId: 1 } };
let modelText: string;

beforeAll(async () => {
  const run = await runForecast(ds, { model: 'gru', hidden: 4, epochs: 3, lookback: 14, timeBudgetSec: 0, futureCovariates: ['promo'] }, createInlineForecastSubmitter());
  modelText = serializeModel(run.modelFile);
});

/** window.tidecast's what-if methods over main's service, answering after `delay` (ms) if given. */
function apiOver(service: WhatIfService, delay: (request: unknown) => number = () => 0): WhatIfApi & { closed: number[] } {
  const call = async <T>(work: () => T | Promise<T>, request: unknown): Promise<Result<T>> => {
    await new Promise((r) => setTimeout(r, delay(request)));
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const e = error as { code?: string; message: string };
      return { ok: false, error: { code: (e.code ?? 'internal') as 'internal', message: e.message, where: 'test' } };
    }
  };
  const closed: number[] = [];
  return {
    closed,
    whatifOpen: (r) => call(() => service.handlers['whatif:open'](r, { sender }), r),
    whatifForecast: (r) => call(() => service.handlers['whatif:forecast'](r, { sender }), r),
    whatifClose: (r) => (closed.push(r.sessionId), call(() => service.handlers['whatif:close'](r, { sender }), r)),
  };
}

const request = () => ({ dataset: datasetPayload(ds), modelName: 'promo.json', modelText });
const plan = () => Array.from(ds.columns[1]!.values.subarray(220));

describe('what-if scenarios', () => {
  it('starts from the file’s values and re-forecasts an edit as main does for those values', async () => {
    const service = createWhatIfService();
    const state = new WhatIfState(apiOver(service));
    await state.open(5, request());
    expect(state.status).toBe('ready');
    expect(state.runKey).toBe(5);
    expect(state.scenarios.map((s) => s.name)).toEqual([FILE_SCENARIO]);
    expect(Array.from(state.draft[0]!.values)).toEqual(plan());
    expect(state.edited).toBe(false);
    const base = state.forecast!;

    const flipped = 1 - plan()[2]!;
    await state.setValue('promo', 2, flipped);
    expect(state.edited).toBe(true);
    const values = plan();
    values[2] = flipped;
    const direct = service.handlers['whatif:forecast']({ sessionId: 1, known: [{ name: 'promo', values: Float64Array.from(values) }] }, { sender }) as WhatIfForecast;
    expect(Array.from(state.forecast!.mean)).toEqual(Array.from(direct.mean));
    expect(Array.from(state.forecast!.mean)).not.toEqual(Array.from(base.mean));
    // The file's scenario keeps its own values and forecast.
    expect(Array.from(state.scenarios[0]!.known[0]!.values)).toEqual(plan());
    expect(state.scenarios[0]!.forecast).toBe(base);
    await expect(state.setValue('price', 0, 1)).rejects.toThrow('There is no step 1 of a known covariate "price" in this what-if.');
  });

  it('saves named scenarios with their inputs, refuses empty and repeated names, and goes back to the file’s values', async () => {
    const state = new WhatIfState(apiOver(createWhatIfService()));
    await state.open(1, request());
    await state.setValue('promo', 0, 1);
    await state.setValue('promo', 1, 1);
    expect(state.save('  ')).toBe('Name the scenario first, e.g. “Promotion in week 2”.');
    expect(state.draftScenario).toBeNull();
    expect(state.save('Early promo')).toBeNull();
    expect(state.draftScenario).toBe('Early promo');
    expect(state.save('early PROMO')).toBe('There is a scenario named “early PROMO” already; choose another name.');
    const saved = state.scenarios[1]!;
    expect(saved.name).toBe('Early promo');
    expect(Array.from(saved.known[0]!.values.subarray(0, 2))).toEqual([1, 1]);
    expect(saved.forecast).toBe(state.forecast);
    // Edits after saving leave the saved scenario as it was.
    await state.setValue('promo', 0, 0);
    expect(saved.known[0]!.values[0]).toBe(1);

    await state.load(FILE_SCENARIO);
    expect(state.edited).toBe(false);
    expect(state.draftScenario).toBe(FILE_SCENARIO);
    expect(state.forecast).toBe(state.scenarios[0]!.forecast);
    state.remove(FILE_SCENARIO);
    state.remove('Early promo');
    expect(state.scenarios.map((s) => s.name)).toEqual([FILE_SCENARIO]);
  });

  it('keeps the newest edit’s forecast when an older answer comes back later', async () => {
    const service = createWhatIfService();
    // The first edit's answer is slow, the second's quick.
    let calls = 0;
    const state = new WhatIfState(apiOver(service, (r) => ((r as { known?: unknown }).known && ++calls === 1 ? 60 : 0)));
    await state.open(1, request());
    const slow = state.setValue('promo', 0, 5);
    const quick = state.setValue('promo', 0, -5);
    await Promise.all([slow, quick]);
    const expected = plan();
    expected[0] = -5;
    const direct = service.handlers['whatif:forecast']({ sessionId: 1, known: [{ name: 'promo', values: Float64Array.from(expected) }] }, { sender }) as WhatIfForecast;
    expect(Array.from(state.forecast!.mean)).toEqual(Array.from(direct.mean));
    expect(state.pending).toBe(false);
  });

  it('lets main free the session when closed or when another run opens, and shows a refusal', async () => {
    const service = createWhatIfService();
    const api = apiOver(service);
    const state = new WhatIfState(api);
    await state.open(1, request());
    await state.open(2, request());
    expect(api.closed).toEqual([1]);
    expect(service.size()).toBe(1);
    await state.close();
    expect(service.size()).toBe(0);
    expect(state.status).toBe('closed');
    await state.open(3, { ...request(), modelText: '{"format":"nope"}' });
    expect(state.status).toBe('failed');
    expect(state.error?.message).toMatch(/promo\.json/);
  });
});

const forecast = (mean: number[], time: number[]): WhatIfForecast => ({
  mean: Float64Array.from(mean),
  lower80: Float64Array.from(mean, (m) => m - 1),
  upper80: Float64Array.from(mean, (m) => m + 1),
  lower95: Float64Array.from(mean, (m) => m - 2.5),
  upper95: Float64Array.from(mean, (m) => m + 2.5),
  time: Float64Array.from(time),
});

describe('a scenario’s CSV and chart data', () => {
  const t = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)];
  const known: KnownColumn[] = [
    { name: 'promo', values: Float64Array.from([1, 0]) },
    { name: 'price; EUR', values: Float64Array.from([9.5, 10.25]) },
  ];

  it('writes the forecast columns of every export, then the scenario’s inputs', () => {
    const csv = scenarioCsv({ name: 'A', known, forecast: forecast([100.5, 90], t) }, { delimiter: ',', decimal: '.', timeStyle: { kind: 'iso-date' } });
    expect(csv).toBe(
      'timestamp,forecast,lower_80,upper_80,lower_95,upper_95,promo,price; EUR\n' +
        '2024-01-01,100.5,99.5,101.5,98,103,1,9.5\n' +
        '2024-01-02,90,89,91,87.5,92.5,0,10.25\n',
    );
    // A decimal comma: semicolons between cells, a name holding one quoted.
    const comma = scenarioCsv({ name: 'A', known, forecast: forecast([100.5, 90], t) }, { delimiter: ',', decimal: ',', timeStyle: { kind: 'iso-date' } });
    expect(comma.split('\n').slice(0, 2)).toEqual(['timestamp;forecast;lower_80;upper_80;lower_95;upper_95;promo;"price; EUR"', '2024-01-01;100,5;99,5;101,5;98;103;1;9,5']);
  });

  it('draws the recent history then each scenario with its two bands on one axis', () => {
    const history = { time: Float64Array.from([t[0]! - 2 * 86_400_000, t[0]! - 86_400_000, ...t]), values: Float64Array.from([3, 4, NaN, NaN]), name: 'sales' };
    const view = scenarioFrame(history, [
      { name: 'As in the file', forecast: forecast([10, 11], t) },
      { name: 'B', forecast: forecast([20, 21], t) },
    ]);
    expect(Array.from(view.frame.x)).toEqual([...Array.from(history.time.subarray(0, 2)), ...t]);
    expect(view.series.filter((s) => !s.edge).map((s) => s.label)).toEqual(['sales', 'As in the file', 'B']);
    // Each mean joins the last actual value, then runs over the forecast.
    expect(Array.from(view.frame.series[1]!)).toEqual([NaN, 4, 10, 11]);
    expect(Array.from(view.frame.series[6]!)).toEqual([NaN, 4, 20, 21]);
    expect(view.bands.map((b) => [b.lower, b.upper])).toEqual([[2, 3], [4, 5], [7, 8], [9, 10]]);
    expect(Array.from(view.frame.series[view.bands[3]!.upper]!).slice(2)).toEqual([21, 22]);
  });
});
