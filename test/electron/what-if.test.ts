// What-if forecasts through main's IPC choke point, as the page asks for them: a model trained
// with a promotion plan known in advance, one value of the plan edited, and the re-forecast
// compared with a fresh forecast of a file holding the edited plan (`forecast:apply` on the
// worker pool, the path a saved model takes); sessions are per window and bounded; holiday places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads, Result, WhatIfForecast, WhatIfSession } from '../../electron/contract';
import { createHandlers } from '../../electron/handlers';
import { registerHandlers, type SenderContents } from '../../electron/ipc';
import { APP_ORIGIN } from '../../electron/protocol';
import { createRunBridge, type RunEventChannel } from '../../electron/runs';
import { createWhatIfService, type WhatIfService } from '../../electron/what-if';
import type { Dataset } from '../../engine/data/types';
import { serializeModel } from '../../engine/forecast/modelFile';
import { runForecast } from '../../engine/forecast/pipeline';
import { createForecastPool, createInlineForecastSubmitter } from '../../engine/forecast/pool';
import type { ForecastJobKinds } from '../../engine/forecast/worker-handlers';
import type { JobPool } from '../../engine/jobs/pool';
import { datasetPayload } from '../../renderer/shared/dataset-payload';
import { promotionDataset } from '../engine/forecast/promotion';
import { eventFrom, FakeRegistry, scriptedDialogs } from './fakes';

const H = 7;
const WINDOW_A: SenderContents = { id: 1, mainFrame: { frameTreeNodeId: 10 } };
const WINDOW_B: SenderContents = { id: 2, mainFrame: { frameTreeNodeId: 20 } };

let pool: JobPool<ForecastJobKinds>;
const sent: { channel: RunEventChannel; payload: EventPayloads[RunEventChannel] }[] = [];
let whatIf: WhatIfService;
let invoke: <T>(channel: string, request: unknown, sender?: SenderContents) => Promise<Result<T>>;

const ds = promotionDataset({ days: 220, futureDays: H, seed: 3 });
let modelText: string;

beforeAll(async () => {
  pool = createForecastPool({ workerUrl: new URL('../../engine/forecast/worker.ts', import.meta.url), size: 1 });
  const runs = createRunBridge({ pool, send: (_to, channel, payload) => sent.push({ channel, payload }) });
  whatIf = createWhatIfService(2);
  const registry = new FakeRegistry();
  registerHandlers(registry, {
    appOrigin: APP_ORIGIN,
    isAppContents: () => true,
    handlers: createHandlers({ appInfo: {} as never, samplesDir: '/none', dialogs: scriptedDialogs({}), defaultSaveDir: '/tmp', runs: runs.handlers, whatIf: whatIf.handlers }),
  });
  invoke = (channel, request, sender = WINDOW_A) =>
    registry.invoke(channel, eventFrom('app://tidecast/index.html', { sender }), request) as Promise<Result<never>>;
  const run = await runForecast(ds, { model: 'gru', hidden: 4, epochs: 3, lookback: 14, timeBudgetSec: 0, futureCovariates: ['promo'] }, createInlineForecastSubmitter());
  modelText = serializeModel(run.modelFile);
});

afterAll(async () => {
  await pool?.destroy();
});

function withPlan(plan: number[]): Dataset {
  const promo = Float64Array.from(ds.columns[1]!.values);
  promo.set(plan, 220);
  return { ...ds, columns: [ds.columns[0]!, { ...ds.columns[1]!, values: promo }] };
}

async function applied(dataset: Dataset): Promise<WhatIfForecast> {
  const started = await invoke<{ runId: number }>('forecast:apply', { label: 'fresh', dataset: datasetPayload(dataset), modelName: 'promo.json', modelText });
  if (!started.ok) throw new Error(started.error.message);
  const end = Date.now() + 30_000;
  for (;;) {
    const result = sent.find((s) => s.channel === 'run:result' && (s.payload as EventPayloads['run:result']).runId === started.value.runId);
    if (result) {
      const outcome = (result.payload as EventPayloads['run:result']).outcome;
      if (outcome.kind !== 'applied') throw new Error('expected an applied forecast');
      return outcome.forecast.forecast;
    }
    if (Date.now() > end) throw new Error('the fresh forecast did not arrive');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const open = (sender = WINDOW_A) => invoke<WhatIfSession>('whatif:open', { dataset: datasetPayload(ds), modelName: 'promo.json', modelText }, sender);

describe('what-if forecasts in main', () => {
  it('re-forecasts an edited plan exactly as a fresh forecast of a file holding it, without training', async () => {
    const session = await open();
    if (!session.ok) throw new Error(session.error.message);
    const { known, forecast: base, baseline } = session.value;
    expect(baseline).toBeNull();
    expect(known.map((k) => k.name)).toEqual(['promo']);
    expect(Array.from(known[0]!.values)).toEqual(Array.from(ds.columns[1]!.values.subarray(220)));
    expect(Array.from(base.time)).toEqual(Array.from(ds.time.subarray(220)));

    const plan = Array.from(known[0]!.values, (v) => 1 - v);
    const edited = await invoke<WhatIfForecast>('whatif:forecast', { sessionId: session.value.sessionId, known: [{ name: 'promo', values: Float64Array.from(plan) }] });
    if (!edited.ok) throw new Error(edited.error.message);
    const fresh = await applied(withPlan(plan));
    for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95', 'time'] as const) {
      expect(Array.from(edited.value[key]), key).toEqual(Array.from(fresh[key]));
    }
    // The file's own plan gives the forecast a saved model gives on the file as it is.
    const asIs = await applied(ds);
    expect(Array.from(base.mean)).toEqual(Array.from(asIs.mean));
    expect(Array.from(edited.value.mean)).not.toEqual(Array.from(base.mean));
  });

  it('names the covariate and the step count when the values do not fit the model', async () => {
    const session = await open();
    if (!session.ok) throw new Error(session.error.message);
    const id = session.value.sessionId;
    expect(await invoke('whatif:forecast', { sessionId: id, known: [{ name: 'price', values: new Float64Array(H) }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/"price" is not a covariate known in advance of this model; it has "promo"/), where: 'whatif:forecast › column "price"' },
    });
    expect(await invoke('whatif:forecast', { sessionId: id, known: [{ name: 'promo', values: new Float64Array(2) }] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/2 future value\(s\) given; the model forecasts 7 steps/) },
    });
    expect(await invoke('whatif:forecast', { sessionId: id, known: [{ name: 'promo', values: [1, 0] }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });

  it('keeps sessions per window, a few at a time, and drops a closed window’s', async () => {
    const first = await open();
    const second = await open();
    const third = await open();
    if (!first.ok || !second.ok || !third.ok) throw new Error('a session did not open');
    // Two per window here: the oldest went when the third opened.
    const forecastOf = (sessionId: number, sender = WINDOW_A) => invoke('whatif:forecast', { sessionId, known: [] }, sender);
    expect(await forecastOf(first.value.sessionId)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await forecastOf(third.value.sessionId)).toMatchObject({ ok: true });
    expect(await forecastOf(third.value.sessionId, WINDOW_B)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const other = await open(WINDOW_B);
    expect(other.ok).toBe(true);
    whatIf.closeWindow(WINDOW_A.id);
    expect(await forecastOf(third.value.sessionId)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(whatIf.size()).toBe(1);
    expect(await invoke('whatif:close', { sessionId: other.ok ? other.value.sessionId : 0 }, WINDOW_B)).toMatchObject({ ok: true });
    expect(whatIf.size()).toBe(0);
  });

  it('says when the run kept a baseline’s forecast, which no edit moves', async () => {
    const file = JSON.parse(modelText) as { baseline: unknown };
    file.baseline = { kind: 'snaive', state: {} };
    const session = await invoke<WhatIfSession>('whatif:open', { dataset: datasetPayload(ds), modelName: 'guarded.json', modelText: JSON.stringify(file) });
    if (!session.ok) throw new Error(session.error.message);
    expect(session.value.baseline).toBe('seasonal naive');
    const plan = Array.from(session.value.known[0]!.values, (v) => 1 - v);
    const edited = await invoke<WhatIfForecast>('whatif:forecast', { sessionId: session.value.sessionId, known: [{ name: 'promo', values: Float64Array.from(plan) }] });
    if (!edited.ok) throw new Error(edited.error.message);
    // Seasonal naive, season 7: the last week of sales again.
    expect(Array.from(edited.value.mean)).toEqual(Array.from(ds.columns[0]!.values.subarray(220 - 7, 220)));
    expect(Array.from(edited.value.mean)).toEqual(Array.from(session.value.forecast.mean));
  });

  it('refuses a model without covariates known in advance, saying how to get one', async () => {
    const plain = await runForecast(ds, { model: 'gru', hidden: 4, epochs: 1, lookback: 14, timeBudgetSec: 0, futureCovariates: [] }, createInlineForecastSubmitter());
    const result = await invoke('whatif:open', { dataset: datasetPayload(ds), modelName: 'plain.json', modelText: serializeModel(plain.modelFile) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/plain.json uses no covariate known in advance.*Known in advance/) } });
  });
});

describe('holiday places', () => {
  it('lists countries, and the states of one with codes to record', async () => {
    const countries = await invoke<{ code: string; name: string }[]>('holidays:places', { country: null });
    if (!countries.ok) throw new Error(countries.error.message);
    expect(countries.value).toContainEqual({ code: 'US', name: 'United States of America' });
    expect(countries.value).toContainEqual({ code: 'DE', name: 'Germany' });
    const states = await invoke<{ code: string; name: string }[]>('holidays:places', { country: 'de' });
    if (!states.ok) throw new Error(states.error.message);
    expect(states.value).toContainEqual({ code: 'DE-BY', name: 'Bayern' });
    expect(await invoke('holidays:places', { country: '../x' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });
});
