// The job bridge under plain Node with a real worker pool: a run reports progress with loss
// points and then its result; runs queue; cancel stops a run mid-training; pause holds it; a
// closed window cancels its runs; a saved model forecasts the data it was trained on exactly
// as the run did; bad settings and unfit models are refused with the field or column named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetPayload, EventPayloads, RunSettings } from '../../electron/contract';
import { registerHandlers, IpcFailure, type SenderContents } from '../../electron/ipc';
import { createRunBridge, type RunBridge, type RunEventChannel } from '../../electron/runs';
import { createHandlers } from '../../electron/handlers';
import { parseModelFile } from '../../engine/forecast/modelFile';
import { createForecastPool } from '../../engine/forecast/pool';
import type { JobPool } from '../../engine/jobs/pool';
import type { ForecastJobKinds } from '../../engine/forecast/worker-handlers';
import { APP_ORIGIN } from '../../electron/protocol';
import { eventFrom, FakeRegistry, scriptedDialogs } from './fakes';

type Sent = { [C in RunEventChannel]: { to: number; channel: C; payload: EventPayloads[C] } }[RunEventChannel];

const WINDOW_A: SenderContents = { id: 1, mainFrame: { frameTreeNodeId: 10 } };
const WINDOW_B: SenderContents = { id: 2, mainFrame: { frameTreeNodeId: 20 } };

/** 10 years of a monthly series with a yearly cycle and a trend. */
function monthly(n = 120, column = 'sales'): DatasetPayload {
  const time = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2010, i, 1);
    values[i] = 100 + 10 * Math.sin((2 * Math.PI * i) / 12) + 0.5 * i;
  }
  return {
    source: 'shop.csv',
    timeColumn: 'month',
    timeStyle: { kind: 'iso-date' },
    frequency: { unit: 'month', step: 1, label: 'monthly', anchorDay: 1 },
    season: 12,
    time,
    columns: [{ name: column, values, missing: 0 }],
  };
}

const settings = (overrides: Partial<RunSettings> = {}): RunSettings => ({
  target: 'sales',
  covariates: [],
  horizon: 6,
  season: null,
  model: 'lstm',
  bidirectional: false,
  layers: 1,
  hidden: 8,
  lookback: null,
  epochs: 3,
  seed: 7,
  timeBudgetSec: 0,
  backtest: true,
  backtestOrigins: 1,
  learningRate: 0.003,
  batchSize: 32,
  ...overrides,
});

let pool: JobPool<ForecastJobKinds>;
beforeAll(() => {
  pool = createForecastPool({ workerUrl: new URL('../../engine/forecast/worker.ts', import.meta.url), size: 2 });
});
afterAll(async () => {
  await pool.destroy();
});

function bridge(maxQueuedRuns?: number): { runs: RunBridge; sent: Sent[]; until(predicate: (s: Sent[]) => boolean, ms?: number): Promise<void> } {
  const sent: Sent[] = [];
  const runs = createRunBridge({ pool, send: (to, channel, payload) => sent.push({ to, channel, payload } as Sent), ...(maxQueuedRuns ? { maxQueuedRuns } : {}) });
  const until = async (predicate: (s: Sent[]) => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!predicate(sent)) {
      if (Date.now() > end) throw new Error(`timed out; events so far: ${sent.map((s) => s.channel + ':' + ('state' in s.payload ? s.payload.state : '')).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { runs, sent, until };
}

const statesOf = (sent: Sent[], runId: number) =>
  sent.flatMap((s) => (s.channel === 'run:state' && s.payload.runId === runId ? [s.payload.state] : []));
const finished = (runId: number) => (sent: Sent[]) => statesOf(sent, runId).some((s) => s === 'done' || s === 'failed' || s === 'cancelled');

describe('a forecast run through the bridge', () => {
  it('reports running, progress with per-job loss points, then the result before done', async () => {
    const { runs, sent, until } = bridge();
    const { runId } = await runs.handlers['forecast:start']({ label: 'LSTM', dataset: monthly(), settings: settings() }, { sender: WINDOW_A });
    await until(finished(runId));
    expect(statesOf(sent, runId)).toEqual(['running', 'done']);
    expect(sent.every((s) => s.to === WINDOW_A.id)).toBe(true);

    const progress = sent.flatMap((s) => (s.channel === 'run:progress' ? [s.payload] : []));
    expect(progress.length).toBeGreaterThan(0);
    const points = progress.flatMap((p) => p.points);
    // Every training job ends epochs 1..3 in order (3 epochs asked; early stopping cannot cut 3).
    const byJob = new Map<number, typeof points>();
    for (const p of points) byJob.set(p.job, [...(byJob.get(p.job) ?? []), p]);
    expect(byJob.size).toBeGreaterThan(1);
    for (const list of byJob.values()) {
      expect(list.map((p) => p.epoch)).toEqual([1, 2, 3]);
      for (const p of list) expect(p.trainLoss).toBeGreaterThan(0);
    }
    const fractions = progress.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);

    const order = sent.filter((s) => s.channel !== 'run:progress').map((s) => s.channel);
    expect(order.slice(-2)).toEqual(['run:result', 'run:state']);
    const result = sent.find((s) => s.channel === 'run:result')!.payload as EventPayloads['run:result'];
    expect(result.outcome.kind).toBe('trained');
    if (result.outcome.kind !== 'trained') return;
    const run = result.outcome.run;
    expect(run.forecast.mean).toHaveLength(6);
    expect(run.forecast.time[0]).toBe(Date.UTC(2020, 0, 1));
    expect(run.backtest?.origins[0]?.actual).toHaveLength(6);
    expect(parseModelFile(run.modelText, 'model.json').data.target).toBe('sales');
    expect(runs.active()).toEqual([]);
  });

  it('trains with the learning rate and batch size asked for (the model file records them)', async () => {
    const { runs, sent, until } = bridge();
    const { runId } = await runs.handlers['forecast:start']({ label: 'lr', dataset: monthly(), settings: settings({ epochs: 1, learningRate: 0.01, batchSize: 16 }) }, { sender: WINDOW_A });
    await until(finished(runId));
    const result = sent.find((s) => s.channel === 'run:result')!.payload as EventPayloads['run:result'];
    if (result.outcome.kind !== 'trained') throw new Error('expected a trained run');
    expect((parseModelFile(result.outcome.run.modelText, 'm.json').members[0].state as { config: { training: object } }).config.training).toMatchObject({
      learningRate: 0.01,
      batchSize: 16,
    });
  });

  it('forecasts with the saved model exactly what the run forecast, on the same data', async () => {
    const { runs, sent, until } = bridge();
    const dataset = monthly();
    const { runId } = await runs.handlers['forecast:start']({ label: 'GRU', dataset, settings: settings({ model: 'gru' }) }, { sender: WINDOW_A });
    await until(finished(runId));
    const trained = sent.find((s) => s.channel === 'run:result')!.payload as EventPayloads['run:result'];
    if (trained.outcome.kind !== 'trained') throw new Error('expected a trained run');
    const { run } = trained.outcome;

    const applied = await runs.handlers['forecast:apply'](
      { label: 'saved', dataset: monthly(), modelName: 'gru.json', modelText: run.modelText },
      { sender: WINDOW_A },
    );
    await until(finished(applied.runId));
    const result = sent.find((s) => s.channel === 'run:result' && s.payload.runId === applied.runId)!.payload as EventPayloads['run:result'];
    if (result.outcome.kind !== 'applied') throw new Error('expected an applied forecast');
    expect(Array.from(result.outcome.forecast.forecast.mean)).toEqual(Array.from(run.forecast.mean));
    expect(Array.from(result.outcome.forecast.forecast.upper95)).toEqual(Array.from(run.forecast.upper95));
    expect(Array.from(result.outcome.forecast.forecast.time)).toEqual(Array.from(run.forecast.time));
  });

  it('queues a second run behind the first and starts it when the first ends', async () => {
    const { runs, sent, until } = bridge();
    const first = await runs.handlers['forecast:start']({ label: 'one', dataset: monthly(), settings: settings() }, { sender: WINDOW_A });
    const second = await runs.handlers['forecast:start']({ label: 'two', dataset: monthly(), settings: settings({ model: 'rnn' }) }, { sender: WINDOW_A });
    await until(finished(second.runId));
    expect(statesOf(sent, first.runId)).toEqual(['running', 'done']);
    expect(statesOf(sent, second.runId)[0]).toBe('queued');
    expect(statesOf(sent, second.runId).slice(-2)).toEqual(['running', 'done']);
    const queued = sent.find((s) => s.channel === 'run:state' && s.payload.runId === second.runId)!.payload as EventPayloads['run:state'];
    expect(queued.ahead).toBe(0);
    // The second run started only after the first was done.
    const index = (runId: number, state: string) => sent.findIndex((s) => s.channel === 'run:state' && s.payload.runId === runId && s.payload.state === state);
    expect(index(second.runId, 'running')).toBeGreaterThan(index(first.runId, 'done'));
  });

  it('refuses a run past the queue bound, saying why, and takes one again once a place is free', async () => {
    const { runs, until } = bridge(2);
    const long = { dataset: monthly(400), settings: settings({ epochs: 100_000, backtest: false }) };
    const running = await runs.handlers['forecast:start']({ label: 'running', ...long }, { sender: WINDOW_A });
    await until(() => runs.active().some((r) => r.runId === running.runId && r.state === 'running'));
    const waiting = await runs.handlers['forecast:start']({ label: 'waiting 1', ...long }, { sender: WINDOW_A });
    await runs.handlers['forecast:start']({ label: 'waiting 2', ...long }, { sender: WINDOW_A });
    await expect((async () => runs.handlers['forecast:start']({ label: 'one too many', ...long }, { sender: WINDOW_A }))()).rejects.toMatchObject({
      code: 'queue-full',
      message: '2 runs are already waiting; wait for one to finish or cancel one, then start "one too many" again.',
    });
    await runs.handlers['forecast:cancel']({ runId: waiting.runId }, { sender: WINDOW_A });
    await runs.handlers['forecast:start']({ label: 'now there is room', ...long }, { sender: WINDOW_A });
    expect(runs.active().map((r) => r.state)).toEqual(['running', 'queued', 'queued']);
    await runs.dispose();
  });

  it('cancels a run mid-training within a second, with no result', async () => {
    const { runs, sent, until } = bridge();
    const { runId } = await runs.handlers['forecast:start'](
      { label: 'long', dataset: monthly(400), settings: settings({ epochs: 100_000, hidden: 32, backtest: false }) },
      { sender: WINDOW_A },
    );
    await until((s) => s.some((e) => e.channel === 'run:progress' && e.payload.points.length > 0));
    const asked = performance.now();
    const reply = await runs.handlers['forecast:cancel']({ runId }, { sender: WINDOW_A });
    expect(reply.runId).toBe(runId);
    await until(finished(runId));
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(statesOf(sent, runId)).toEqual(['running', 'cancelled']);
    expect(sent.some((s) => s.channel === 'run:result')).toBe(false);
    expect(runs.active()).toEqual([]);
  });

  it('pauses a run (no epoch ends while paused) and resumes it to the end', async () => {
    const { runs, sent, until } = bridge();
    const { runId } = await runs.handlers['forecast:start']({ label: 'p', dataset: monthly(300), settings: settings({ epochs: 40 }) }, { sender: WINDOW_A });
    await until((s) => s.some((e) => e.channel === 'run:progress' && e.payload.points.length > 0));
    expect((await runs.handlers['forecast:pause']({ runId }, { sender: WINDOW_A })).state).toBe('paused');
    // Jobs stop at their next checkpoint (between batches): allow that, then count epoch ends.
    await new Promise((r) => setTimeout(r, 300));
    const before = sent.length;
    await new Promise((r) => setTimeout(r, 500));
    const whilePaused = sent.slice(before).flatMap((s) => (s.channel === 'run:progress' ? s.payload.points : []));
    expect(whilePaused).toEqual([]);
    expect((await runs.handlers['forecast:resume']({ runId }, { sender: WINDOW_A })).state).toBe('running');
    await until(finished(runId));
    expect(statesOf(sent, runId)).toEqual(['running', 'paused', 'running', 'done']);
  });

  it('runs the pipeline on a clock that stops while paused (its elapsed time, ETA and time budget)', async () => {
    const { runs, sent, until } = bridge();
    const started = performance.now();
    const { runId } = await runs.handlers['forecast:start']({ label: 'clock', dataset: monthly(300), settings: settings({ epochs: 40 }) }, { sender: WINDOW_A });
    await until((s) => s.some((e) => e.channel === 'run:progress' && e.payload.points.length > 0));
    await runs.handlers['forecast:pause']({ runId }, { sender: WINDOW_A });
    await new Promise((r) => setTimeout(r, 1500));
    await runs.handlers['forecast:resume']({ runId }, { sender: WINDOW_A });
    await until(finished(runId));
    const wall = performance.now() - started;
    const elapsed = Math.max(...sent.flatMap((s) => (s.channel === 'run:progress' ? [s.payload.elapsedMs] : [])));
    // The 1.5 s pause is left out (less the time runs took to reach their next checkpoint).
    expect(wall - elapsed).toBeGreaterThan(1200);
  });

  it('cancels the runs of a closed window, and only those', async () => {
    const { runs, sent, until } = bridge();
    const mine = await runs.handlers['forecast:start']({ label: 'a', dataset: monthly(400), settings: settings({ epochs: 100_000, backtest: false }) }, { sender: WINDOW_A });
    const queued = await runs.handlers['forecast:start']({ label: 'a2', dataset: monthly(), settings: settings() }, { sender: WINDOW_A });
    const theirs = await runs.handlers['forecast:start']({ label: 'b', dataset: monthly(), settings: settings() }, { sender: WINDOW_B });
    await until((s) => s.some((e) => e.channel === 'run:progress' && e.payload.runId === mine.runId));
    const sentToA = sent.filter((s) => s.to === WINDOW_A.id).length;
    runs.closeWindow(WINDOW_A.id);
    await until(finished(theirs.runId), 60_000);
    expect(statesOf(sent, theirs.runId).slice(-1)).toEqual(['done']);
    // Window A's page is gone: nothing more was sent to it, and none of its runs is left.
    expect(sent.filter((s) => s.to === WINDOW_A.id).length).toBe(sentToA);
    expect(runs.active().filter((r) => r.owner === WINDOW_A.id)).toEqual([]);
    expect(statesOf(sent, queued.runId)).not.toContain('running');
  });

  it('lets only the window that started a run control it', async () => {
    const { runs, until } = bridge();
    const { runId } = await runs.handlers['forecast:start']({ label: 'x', dataset: monthly(), settings: settings() }, { sender: WINDOW_A });
    await expect(async () => runs.handlers['forecast:cancel']({ runId }, { sender: WINDOW_B })).rejects.toMatchObject({ code: 'unknown-run' });
    await until(() => runs.active().length === 0);
    await expect(async () => runs.handlers['forecast:pause']({ runId }, { sender: WINDOW_A })).rejects.toBeInstanceOf(IpcFailure);
  });
});

describe('refusals', () => {
  const setup = () => {
    const { runs } = bridge();
    const registry = new FakeRegistry();
    registerHandlers(registry, {
      appOrigin: APP_ORIGIN,
      isAppContents: () => true,
      handlers: createHandlers({ appInfo: {} as never, samplesDir: '/none', dialogs: scriptedDialogs({}), defaultSaveDir: '/tmp', runs: runs.handlers }),
    });
    const ok = eventFrom('app://tidecast/index.html');
    return (channel: string, request: unknown) => registry.invoke(channel, ok, request);
  };

  it('names the setting the engine refuses', async () => {
    const invoke = setup();
    expect(await invoke('forecast:start', { label: 'x', dataset: monthly(), settings: settings({ learningRate: 5 }) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', where: 'forecast:start › settings.learningRate' },
    });
    expect(await invoke('forecast:start', { label: 'x', dataset: monthly(), settings: settings({ layers: 9 }) })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('from 1 to 4; got 9'), where: 'forecast:start › settings.layers' },
    });
    expect(await invoke('forecast:start', { label: 'x', dataset: monthly(), settings: settings({ target: 'profit' }) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', where: 'forecast:start › column "profit"' },
    });
  });

  it('refuses a dataset whose columns do not match its time index, or whose times go backwards', async () => {
    const invoke = setup();
    const short = monthly();
    short.columns[0]!.values = short.columns[0]!.values.subarray(0, 50);
    expect(await invoke('forecast:start', { label: 'x', dataset: short, settings: settings() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining('column "sales" has 50 values for 120 times') },
    });
    const backwards = monthly();
    backwards.time[30] = backwards.time[10]!;
    expect(await invoke('forecast:start', { label: 'x', dataset: backwards, settings: settings() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining('not strictly increasing at row 31') },
    });
    expect(await invoke('forecast:start', { label: 'x', dataset: { ...monthly(), time: Array.from(monthly().time) }, settings: settings() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', where: 'forecast:start › dataset.time' },
    });
  });

  it('explains a model file that does not fit the data, and one that is not a model', async () => {
    const invoke = setup();
    const { runs, until, sent } = bridge();
    const { runId } = await runs.handlers['forecast:start']({ label: 'm', dataset: monthly(), settings: settings({ epochs: 1 }) }, { sender: WINDOW_A });
    await until(finished(runId));
    const result = sent.find((s) => s.channel === 'run:result')!.payload as EventPayloads['run:result'];
    if (result.outcome.kind !== 'trained') throw new Error('expected a trained run');
    const other = monthly(120, 'visitors');
    expect(await invoke('forecast:apply', { label: 'x', dataset: other, modelName: 'shop.json', modelText: result.outcome.run.modelText })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('needs column(s) "sales"'), where: 'forecast:apply › column "sales"' },
    });
    expect(await invoke('forecast:apply', { label: 'x', dataset: monthly(), modelName: 'notes.json', modelText: '{"hello": 1}' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('notes.json: not a Tidecast model file') },
    });
  });
});
