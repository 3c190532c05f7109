// Runs as the page follows them: events that arrive before the job id is known are kept and
// applied, states move on and stop at a final one, loss curves are kept per training job, a
// refused start becomes a failed run with main's message, controls ask main for the job.
import { describe, expect, it, vi } from 'vitest';
import type { DatasetPayload, EventPayloads, RunProgressEvent, RunSettings } from '../../../electron/contract';
import { RUN_LIMITS, RunsState, runStateText, TrainingRun } from '../../../renderer/train/runs.svelte';
import { trainedOutcome } from '../results/fixtures';

type Listener<C extends keyof EventPayloads> = (payload: EventPayloads[C]) => void;

function fakeApi() {
  const listeners = { state: [] as Listener<'run:state'>[], progress: [] as Listener<'run:progress'>[], result: [] as Listener<'run:result'>[] };
  let nextJob = 1;
  const api = {
    onRunState: (cb: Listener<'run:state'>) => (listeners.state.push(cb), () => {}),
    onRunProgress: (cb: Listener<'run:progress'>) => (listeners.progress.push(cb), () => {}),
    onRunResult: (cb: Listener<'run:result'>) => (listeners.result.push(cb), () => {}),
    forecastStart: vi.fn(async () => ({ ok: true as const, value: { runId: nextJob++ } })),
    forecastApply: vi.fn(async () => ({ ok: false as const, error: { code: 'invalid-input' as const, message: 'm.json: damaged model file.', where: 'forecast:apply' } })),
    forecastPause: vi.fn(async ({ runId }: { runId: number }) => ({ ok: true as const, value: { runId, state: 'paused' as const } })),
    forecastResume: vi.fn(async ({ runId }: { runId: number }) => ({ ok: true as const, value: { runId, state: 'running' as const } })),
    forecastCancel: vi.fn(async ({ runId }: { runId: number }) => ({ ok: true as const, value: { runId, state: 'running' as const } })),
  };
  const emit = {
    state: (p: EventPayloads['run:state']) => listeners.state.forEach((cb) => cb(p)),
    progress: (p: EventPayloads['run:progress']) => listeners.progress.forEach((cb) => cb(p)),
    result: (p: EventPayloads['run:result']) => listeners.result.forEach((cb) => cb(p)),
  };
  return { api: api as unknown as Window['tidecast'], raw: api, emit };
}

const dataset = {} as DatasetPayload;
const settings = {} as RunSettings;
const request = { label: 'LSTM · load', source: 'load.csv', generation: 1 };

const progress = (runId: number, points: RunProgressEvent['points'], current: RunProgressEvent['current'] = null): RunProgressEvent => ({
  runId, phase: 'model search', fraction: 0.5, elapsedMs: 1000, etaMs: 1000, samplesPerSecond: 100, current, modelsDone: 0, modelsStarted: 2, points,
});

describe('RunsState', () => {
  it('applies events that came before the reply with the job id', async () => {
    const { api, emit } = fakeApi();
    const runs = new RunsState(api);
    emit.state({ runId: 1, state: 'running' });
    emit.progress(progress(1, [{ job: 1, label: 'a', epoch: 1, trainLoss: 2, validationLoss: 3 }]));
    const run = await runs.start(request, dataset, settings);
    expect(run.runId).toBe(1);
    expect(run.state).toBe('running');
    expect(run.curve).toEqual({ job: 1, label: 'a', epochs: [1], train: [2], validation: [3] });
    expect(runStateText(run)).toBe('Running · 50%');
  });

  it('keeps one loss curve per training job and shows the one that reported last', async () => {
    const { api, emit } = fakeApi();
    const runs = new RunsState(api);
    const run = await runs.start(request, dataset, settings);
    emit.progress(
      progress(1, [
        { job: 1, label: 'a', epoch: 1, trainLoss: 5, validationLoss: 6 },
        { job: 2, label: 'b', epoch: 1, trainLoss: 7, validationLoss: Number.NaN },
        { job: 1, label: 'a', epoch: 2, trainLoss: 4, validationLoss: 5 },
      ], { job: 1, label: 'a', epoch: 2, epochs: 10 }),
    );
    expect(run.curve).toMatchObject({ job: 1, epochs: [1, 2], train: [5, 4], validation: [6, 5] });
    emit.progress(progress(1, [{ job: 2, label: 'b', epoch: 2, trainLoss: 6, validationLoss: 1 }], { job: 2, label: 'b', epoch: 2, epochs: 10 }));
    expect(run.curve).toMatchObject({ job: 2, epochs: [1, 2], train: [7, 6] });
    expect(run.curves.map((c) => c.job)).toEqual([1, 2]);
  });

  it('ends at the first final state and keeps the result', async () => {
    const { api, emit } = fakeApi();
    const runs = new RunsState(api);
    const run = await runs.start(request, dataset, settings);
    emit.state({ runId: 1, state: 'queued', ahead: 2 });
    expect(runStateText(run)).toBe('Queued · 2 ahead');
    emit.state({ runId: 1, state: 'running' });
    emit.result({ runId: 1, outcome: { kind: 'applied', modelName: 'x', forecast: {} as never } });
    emit.state({ runId: 1, state: 'done' });
    emit.state({ runId: 1, state: 'running' });
    expect(run.state).toBe('done');
    expect(run.finished).toBe(true);
    expect(run.outcome?.kind).toBe('applied');
    expect(runs.active).toEqual([]);
  });

  it('turns a refused request into a failed run with main’s message', async () => {
    const { api } = fakeApi();
    const runs = new RunsState(api);
    const run = await runs.apply({ ...request, modelName: 'm.json' }, dataset, '{}');
    expect(run.state).toBe('failed');
    expect(run.error?.message).toBe('m.json: damaged model file.');
  });

  it('pauses, resumes and cancels through main, by job id', async () => {
    const { api, raw, emit } = fakeApi();
    const runs = new RunsState(api);
    await runs.start(request, dataset, settings);
    const run = await runs.start({ ...request, label: 'two' }, dataset, settings);
    emit.state({ runId: 2, state: 'running' });
    await runs.pause(run);
    expect(raw.forecastPause).toHaveBeenCalledWith({ runId: 2 });
    expect(run.state).toBe('paused');
    await runs.resume(run);
    expect(run.state).toBe('running');
    await runs.cancel(run);
    expect(raw.forecastCancel).toHaveBeenCalledWith({ runId: 2 });
    emit.state({ runId: 2, state: 'cancelled' });
    expect(run.state).toBe('cancelled');
    // Finished runs are not controlled any more.
    await runs.pause(run);
    expect(raw.forecastPause).toHaveBeenCalledTimes(1);
  });
});

describe('RunsState within its bounds', () => {
  /** A finished trained run as a project brings it back, with a model text and a loss curve. */
  const finished = (label: string): TrainingRun => {
    const outcome = trainedOutcome({ modelText: `{"model":"${label}"}` });
    if (outcome.kind === 'trained') outcome.run.candidates = [{ label, history: { trainLoss: Float64Array.of(3, 2), validationLoss: Float64Array.of(4, 3) } } as never];
    return TrainingRun.restored(
      { request: { kind: 'train', label, source: 'load.csv', generation: 1, settings: null }, state: 'done', outcome, error: null, curves: [{ job: 1, label, epochs: [1, 2], train: [3, 2], validation: [4, 3] }], startedAt: 1, finishedAt: 2 },
      1,
    );
  };

  it('keeps the large parts of the newest finished runs only; older ones keep forecast and metrics', () => {
    const runs = new RunsState(undefined);
    const list = Array.from({ length: RUN_LIMITS.withFullResults + 3 }, (_, i) => finished(`run ${i + 1}`));
    runs.restore(list);
    const released = list.filter((r) => r.released).map((r) => r.request.label);
    expect(released).toEqual(['run 1', 'run 2', 'run 3']);
    const old = list[0]!;
    expect(old.outcome?.kind === 'trained' && old.outcome.run.modelText).toBe('');
    expect(old.outcome?.kind === 'trained' && old.outcome.run.candidates[0]!.history.trainLoss.length).toBe(0);
    expect(old.curves).toEqual([]);
    expect(old.curve).toBeNull();
    expect(old.outcome?.kind === 'trained' && Array.from(old.outcome.run.forecast.mean)).toEqual([10, 11]);
    const newest = list.at(-1)!;
    expect(newest.outcome?.kind === 'trained' && newest.outcome.run.modelText).toBe('{"model":"run 13"}');
    expect(newest.curves).toHaveLength(1);
  });

  it('releases the oldest full run when a new one finishes', async () => {
    const { api, emit } = fakeApi();
    const runs = new RunsState(api);
    const list = Array.from({ length: RUN_LIMITS.withFullResults }, (_, i) => finished(`run ${i + 1}`));
    runs.restore(list);
    expect(list.some((r) => r.released)).toBe(false);
    const run = await runs.start(request, dataset, settings);
    emit.result({ runId: 1, outcome: trainedOutcome() });
    expect(list[0]!.released).toBe(false);
    emit.state({ runId: 1, state: 'done' });
    expect(list.filter((r) => r.released)).toEqual([list[0]]);
    expect(run.released).toBe(false);
  });

  it('holds at most RUN_LIMITS.listed runs: the oldest finished ones make room', async () => {
    const { api } = fakeApi();
    const runs = new RunsState(api);
    runs.restore(Array.from({ length: RUN_LIMITS.listed }, (_, i) => finished(`run ${i + 1}`)));
    expect(runs.runs).toHaveLength(RUN_LIMITS.listed);
    const run = await runs.start(request, dataset, settings);
    expect(runs.runs).toHaveLength(RUN_LIMITS.listed);
    expect(runs.runs[0]!.request.label).toBe('run 2');
    expect(runs.runs.at(-1)).toBe(run);
  });

  it('refuses a new run, without asking main, when the list is full of unfinished runs', async () => {
    const { api, raw } = fakeApi();
    const runs = new RunsState(api);
    for (let i = 0; i < RUN_LIMITS.listed; i++) await runs.start(request, dataset, settings);
    expect(raw.forecastStart).toHaveBeenCalledTimes(RUN_LIMITS.listed);
    const refused = await runs.start(request, dataset, settings);
    expect(refused.state).toBe('failed');
    expect(refused.error?.message).toBe('500 runs are waiting or training already. Cancel some, or wait for them to finish, then start this one.');
    expect(raw.forecastStart).toHaveBeenCalledTimes(RUN_LIMITS.listed);
    expect(runs.runs).not.toContain(refused);
  });
});
