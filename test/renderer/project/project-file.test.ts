// Project files: typed arrays and non-finite numbers come back exactly; a file that is not a
// project, from a newer version, or damaged is refused with what to do.
import { describe, expect, it } from 'vitest';
import { parseProject, PROJECT_FORMAT, PROJECT_VERSION, serializeProject, type ProjectFile } from '../../../renderer/project/project-file';
import { defaultForm } from '../../../renderer/train/config';
import { trainedOutcome } from '../results/fixtures';

const project = (): ProjectFile => ({
  format: PROJECT_FORMAT,
  version: PROJECT_VERSION,
  savedAt: '2024-05-01T10:00:00.000Z',
  data: { name: 'load.csv', text: 'day,load\n2024-01-01,1\n', encoding: 'utf-8', bytes: 24, origin: 'drop', options: { timeColumn: 'day' }, roles: { load: 'target' } },
  form: defaultForm(null),
  runs: [
    {
      request: { kind: 'train', label: 'LSTM', source: 'load.csv', generation: 3, settings: null },
      state: 'done',
      outcome: trainedOutcome(),
      error: null,
      curves: [{ job: 1, label: 'a', epochs: [1, 2], train: [0.5, 0.4], validation: [Number.NaN, 0.3] }],
      startedAt: 1,
      finishedAt: 2,
    },
  ],
});

describe('project file', () => {
  it('round-trips typed arrays, NaN and infinities exactly', () => {
    const original = project();
    const run = original.runs[0]!.outcome!;
    if (run.kind !== 'trained') throw new Error();
    run.run.forecast.mean[1] = Number.NaN;
    run.run.backtest!.metrics.mase = Number.POSITIVE_INFINITY;
    const back = parseProject(serializeProject(original), 'p.tidecast');
    expect(back).toEqual(original);
    const outcome = back.runs[0]!.outcome!;
    if (outcome.kind !== 'trained') throw new Error();
    expect(outcome.run.forecast.mean).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(outcome.run.forecast.mean[1]!)).toBe(true);
    expect(outcome.run.backtest!.metrics.mase).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(back.runs[0]!.curves[0]!.validation[0]!)).toBe(true);
  });

  it('refuses what is not a project, with what to do', () => {
    expect(() => parseProject('not json', 'notes.txt')).toThrow('"notes.txt" is not a Tidecast project (it is not JSON');
    expect(() => parseProject('{"format":"tidecast-model"}', 'model.json')).toThrow('"model.json" is not a Tidecast project file. Open a .tidecast file saved with Save project.');
    expect(() => parseProject(JSON.stringify({ ...project(), version: 9 }), 'new.tidecast')).toThrow('is a version 9 project; this Tidecast reads version 1. Update Tidecast to open it.');
  });

  it('refuses a damaged project, naming the part', () => {
    const broken = JSON.parse(serializeProject(project())) as Record<string, unknown>;
    (broken['runs'] as Record<string, unknown>[])[0]!['outcome'] = { kind: 'mystery' };
    expect(() => parseProject(JSON.stringify(broken), 'p.tidecast')).toThrow('"p.tidecast" is damaged: run 1 has no readable result.');
    expect(() => parseProject(JSON.stringify({ ...project(), data: { name: 'x' } }), 'p.tidecast')).toThrow('its data section is incomplete');
  });
});
