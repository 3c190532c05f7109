// The window's state and actions, with window.tidecast faked and the import worker in-process:
// running a finished run again on its data with its settings.
import { describe, expect, it } from 'vitest';
import type { RunSettings } from '../../electron/contract';
import { AppState } from '../../renderer/app-state.svelte';
import { TrainingRun } from '../../renderer/train/runs.svelte';
import { fakeApi } from './fake-api';
import { fakeWorker } from './import/in-process-worker';
import { trainedOutcome } from './results/fixtures';

const LOAD = 'day,load,temp,rain\n2024-01-01,1,5,0\n2024-01-02,2,6,1\n2024-01-03,3,7,0\n2024-01-04,4,8,2\n';
const SETTINGS = { target: 'load', covariates: ['rain'], horizon: 2, seed: 7 } as RunSettings;

async function withData() {
  const fake = fakeApi();
  const app = new AppState(fake.api, fakeWorker());
  expect(await app.importer.open({ kind: 'text', name: 'load.csv', text: LOAD, encoding: 'utf-8', bytes: LOAD.length }, 'dialog')).toBe(true);
  return { app, ...fake };
}

function finishedRun(generation: number): TrainingRun {
  return TrainingRun.restored(
    { request: { kind: 'train', label: 'LSTM · load', source: 'load.csv', generation, settings: SETTINGS }, state: 'done', outcome: trainedOutcome(), error: null, curves: [], startedAt: 1, finishedAt: 2 },
    generation,
  );
}

describe('AppState.rerun', () => {
  it('trains a run again with its settings and seed, on the columns it used', async () => {
    const { app, calls } = await withData();
    const old = finishedRun(app.importer.generation);
    old.release();
    app.runs.restore([old]);
    await app.rerun(old);
    expect(calls['forecastStart']).toHaveBeenCalledOnce();
    const request = calls['forecastStart']!.mock.calls[0]![0] as { label: string; settings: RunSettings; dataset: { columns: { name: string }[] } };
    expect(request.label).toBe('LSTM · load');
    expect(request.settings).toBe(SETTINGS);
    expect(request.dataset.columns.map((c) => c.name)).toEqual(['load', 'rain']);
    expect(app.runs.runs).toHaveLength(2);
    expect(app.tab).toBe('train');
  });

  it('asks for the run’s data when another file is open', async () => {
    const { app, calls } = await withData();
    const old = finishedRun(app.importer.generation + 1);
    await app.rerun(old);
    expect(calls['forecastStart']).not.toHaveBeenCalled();
    expect(app.notice).toBe('Open load.csv (the data "LSTM · load" was trained on) to run it again.');
  });

  it('will not save the model of a released run, and says how to get it back', async () => {
    const { app, calls } = await withData();
    const old = finishedRun(app.importer.generation);
    old.release();
    expect(await app.exportModel(old)).toBeNull();
    expect(calls['fileSave']).not.toHaveBeenCalled();
    expect(app.notice).toContain('Run it again (same settings and seed, same model)');
  });
});
