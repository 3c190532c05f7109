// Runs as the page follows them: events that arrive before the job id is known are kept and
// applied, states move on and stop at a final one, loss curves are kept per training job, a
// refused start becomes a failed run with main's message, controls ask main for the job.
import { describe, expect, it, vi } from 'vitest';
import type { DatasetPayload, EventPayloads, RunProgressEvent, RunSettings } from '../../../electron/contract';
import { RunsState, runStateText } from '../../../renderer/train/runs.svelte';

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
