// The window's state and actions, with window.tidecast faked and the import worker in-process:
// running a finished run again on its data with its settings; what the exports send to main.
import { describe, expect, it, vi } from 'vitest';
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
  await app.openRequested({ ok: true, value: { kind: 'data', name: 'load.csv', text: LOAD, encoding: 'utf-8', bytes: LOAD.length } });
  expect(app.importer.data?.name).toBe('load.csv');
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

describe('AppState exports', () => {
  it('exports the forecast in the CLI layout, and with the option the open file’s history and the backtest before it', async () => {
    const { app, calls } = await withData();
    const run = finishedRun(app.importer.generation);
    app.runs.restore([run]);
    await app.exportForecastCsv(run);
    expect(calls['fileSave']!.mock.calls[0]![0]).toEqual({
      kind: 'csv',
      suggestedName: 'load forecast LSTM',
      content: 'timestamp,forecast,lower_80,upper_80,lower_95,upper_95\n2024-01-04,10,9,11,8,12\n2024-01-05,11,9.5,12.5,8.5,13.5\n',
    });
    app.exportWithHistory = true;
    await app.runMenuCommand('export');
    expect((calls['fileSave']!.mock.calls[1]![0] as { content: string }).content.split('\n')).toEqual([
      'timestamp,actual,forecast,lower_80,upper_80,lower_95,upper_95',
      '2024-01-01,1,,,,,',
      '2024-01-02,7,7.5,7,8,6,9',
      '2024-01-03,9,8.25,7.5,9,6.5,10',
      '2024-01-04,,10,9,11,8,12',
      '2024-01-05,,11,9.5,12.5,8.5,13.5',
      '',
    ]);
  });

  it('sends the run’s model file to main for Export ONNX… and Export as JavaScript… (buttons and File menu)', async () => {
    const { app, calls } = await withData();
    const run = finishedRun(app.importer.generation);
    app.runs.restore([run]);
    app.focusRun(run);
    calls['fileExportModel']!.mockResolvedValue({ ok: true, value: { canceled: false, name: 'load ONNX LSTM', path: '/p/load ONNX LSTM', bytes: 900, files: 4 } });
    await app.exportModelAs('onnx', run);
    expect(calls['fileExportModel']!.mock.calls[0]![0]).toEqual({ kind: 'onnx', suggestedName: 'load ONNX LSTM', modelName: 'LSTM · load', modelText: '{}' });
    expect(app.notice).toBe('Saved load ONNX LSTM (4 files).');
    await app.runMenuCommand('export-javascript');
    expect(calls['fileExportModel']!.mock.calls[1]![0]).toMatchObject({ kind: 'javascript', suggestedName: 'load predictor LSTM' });
  });

  it('shows main’s refusal of a model that cannot be exported', async () => {
    const { app, calls } = await withData();
    const run = finishedRun(app.importer.generation);
    const error = { code: 'invalid-input', message: 'Member "ETS" is a ets model: only recurrent networks can be exported as ONNX or JavaScript.', where: 'file:export-model' };
    calls['fileExportModel']!.mockResolvedValue({ ok: false, error });
    expect(await app.exportModelAs('javascript', run)).toBeNull();
    expect(app.error).toEqual(error);
  });

  it('will not export a released run’s model, and says how to get it back', async () => {
    const { app, calls } = await withData();
    const run = finishedRun(app.importer.generation);
    run.release();
    expect(await app.exportModelAs('onnx', run)).toBeNull();
    expect(calls['fileExportModel']).not.toHaveBeenCalled();
    expect(app.notice).toContain('Run it again (same settings and seed, same model), then export it.');
  });
});

describe('AppState as a document', () => {
  const savedAs = (name: string) => ({ ok: true, value: { canceled: false, name, path: `/p/${name}`, bytes: 10 } });

  it('has no unsaved changes after opening data, has some after a change, and none once saved', async () => {
    const { app, calls } = await withData();
    expect(app.edited).toBe(false);
    expect(app.documentName).toBe('load.csv');
    app.config.form = { ...app.config.form, epochs: '12' };
    expect(app.edited).toBe(true);
    calls['fileSaveProject']!.mockResolvedValueOnce(savedAs('load.tidecast'));
    await app.saveProject();
    expect(calls['fileSaveProject']!.mock.calls[0]![0]).toMatchObject({ suggestedName: 'load project', target: 'new' });
    expect(app.edited).toBe(false);
    expect(app.projectName).toBe('load.tidecast');
    expect(app.documentName).toBe('load.tidecast');
    // Save Project now writes to that file; Save Project As still asks.
    app.config.form = { ...app.config.form, epochs: '13' };
    calls['fileSaveProject']!.mockResolvedValueOnce(savedAs('load.tidecast'));
    await app.runMenuCommand('save-project');
    expect(calls['fileSaveProject']!.mock.calls[1]![0]).toMatchObject({ suggestedName: 'load', target: 'current' });
    calls['fileSaveProject']!.mockResolvedValueOnce({ ok: true, value: { canceled: true } });
    await app.runMenuCommand('save-project-as');
    expect(calls['fileSaveProject']!.mock.calls[2]![0]).toMatchObject({ target: 'new' });
    expect(app.projectName).toBe('load.tidecast');
  });

  it('opens a project or data that main read from outside the page, and shows why one could not be', async () => {
    const { app, calls } = await withData();
    app.config.form = { ...app.config.form, epochs: '12' };
    calls['fileSaveProject']!.mockResolvedValueOnce(savedAs('study.tidecast'));
    await app.saveProject('new');
    const text = calls['fileSaveProject']!.mock.calls[0]![0].content as string;

    const other = new AppState(fakeApi().api, fakeWorker());
    await other.openRequested({ ok: true, value: { kind: 'project', name: 'study.tidecast', text, bytes: text.length, encoding: 'utf-8' } });
    expect(other.projectName).toBe('study.tidecast');
    expect(other.importer.data?.name).toBe('load.csv');
    expect(other.config.form.epochs).toBe('12');
    expect(other.edited).toBe(false);

    await other.openRequested({ ok: true, value: { kind: 'project', name: 'broken.tidecast', text: '{"format":"tidecast-project","version":1}', bytes: 40, encoding: 'utf-8' } });
    expect(other.error?.message).toMatch(/^"broken\.tidecast" is damaged/);
    expect(other.projectName).toBeNull();

    await other.openRequested({ ok: true, value: { kind: 'data', name: 'new.csv', text: LOAD, bytes: LOAD.length, encoding: 'utf-8' } });
    expect(other.importer.data?.name).toBe('new.csv');

    await other.openRequested({ ok: false, error: { code: 'not-found', message: 'Could not open "gone.csv": the file or folder does not exist.', where: '/d/gone.csv' } });
    expect(other.error?.where).toBe('/d/gone.csv');
  });

  it('takes files main pushes through window.tidecast from the start', async () => {
    const { api, emit } = fakeApi();
    const app = new AppState(api, fakeWorker());
    emit('file:open-request', { ok: true, value: { kind: 'data', name: 'pushed.csv', text: LOAD, bytes: LOAD.length, encoding: 'utf-8' } });
    await vi.waitFor(() => expect(app.importer.data?.name).toBe('pushed.csv'), { timeout: 10_000 });
  });

  it('File > Open reads data or a project, whichever the user picked', async () => {
    const { api, calls } = fakeApi({ fileOpen: { ok: true, value: { canceled: false, kind: 'data', name: 'picked.csv', text: LOAD, bytes: LOAD.length, encoding: 'utf-8' } } });
    const app = new AppState(api, fakeWorker());
    await app.runMenuCommand('open');
    expect(calls['fileOpen']).toHaveBeenCalledOnce();
    expect(app.importer.data?.name).toBe('picked.csv');
  });

  it('Save on closing saves, then tells main nothing is unsaved and closes; a cancelled save keeps the window', async () => {
    const { app, calls } = await withData();
    app.config.form = { ...app.config.form, epochs: '12' };
    calls['fileSaveProject']!.mockResolvedValueOnce({ ok: true, value: { canceled: true } });
    await app.runMenuCommand('save-and-close');
    expect(calls['windowClose']).not.toHaveBeenCalled();
    calls['fileSaveProject']!.mockResolvedValueOnce(savedAs('load.tidecast'));
    await app.runMenuCommand('save-and-close');
    expect(calls['windowSetEdited']).toHaveBeenLastCalledWith({ edited: false, document: 'load.tidecast' });
    expect(calls['windowClose']).toHaveBeenCalledOnce();
  });
});

describe('AppState.train with a plan known in advance', () => {
  // 60 days of sales, then 3 days of plan; the plan's last day (3 March 2024) is empty.
  const rows = Array.from({ length: 63 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const promo = i % 5 === 0 ? 1 : 0;
    return i < 60 ? `${day},${100 + 10 * promo + (i % 7)},${promo}` : `${day},,${i === 62 ? '' : promo}`;
  });
  const PLAN = ['day,sales,promo', ...rows].join('\n') + '\n';

  it('marks the plan known in advance, holds the run until the empty day is filled in, then sends it as a row', async () => {
    const fake = fakeApi();
    const app = new AppState(fake.api, fakeWorker());
    await app.openRequested({ ok: true, value: { kind: 'data', name: 'plan.csv', text: PLAN, encoding: 'utf-8', bytes: PLAN.length } });
    expect(app.importer.roles).toEqual({ sales: 'target', promo: 'known' });
    expect(app.config.form.horizon).toBe('3');
    app.config.form = { ...app.config.form, backtest: false };
    expect(app.knownBlocked).toBe(
      'Column "promo" is known in advance but has no value at 2024-03-03: fill in its planned values through 2024-03-03, or use it as a past-only covariate.',
    );
    await app.train();
    expect(fake.calls['forecastStart']).not.toHaveBeenCalled();

    app.importer.setFill('promo', Date.UTC(2024, 2, 3), 1);
    expect(app.knownBlocked).toBeNull();
    await app.train();
    expect(fake.calls['forecastStart']).toHaveBeenCalledOnce();
    const request = fake.calls['forecastStart']!.mock.calls[0]![0] as { settings: RunSettings; dataset: { columns: { name: string; values: Float64Array }[] } };
    expect(request.settings).toMatchObject({ target: 'sales', covariates: [], futureCovariates: ['promo'], holidays: null, horizon: 3 });
    const promo = request.dataset.columns.find((c) => c.name === 'promo')!;
    // Days 61 and 62 of the file (i = 60, 61: 60 is a multiple of 5), then the filled-in day.
    expect(Array.from(promo.values.subarray(60))).toEqual([1, 0, 1]);
  });
});
