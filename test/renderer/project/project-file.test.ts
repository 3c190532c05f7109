// Project files: typed arrays and non-finite numbers come back exactly; a file that is not a
// project, from a newer version, or damaged is refused with what to do.
import { describe, expect, it } from 'vitest';
import { parseProject, ProjectError, PROJECT_FORMAT, PROJECT_VERSION, serializeProject, type ProjectFile } from '../../../renderer/project/project-file';
import { PROJECT_LIMITS, tagProblem } from '../../../renderer/project/project-schema';
import { defaultForm } from '../../../renderer/train/config';
import { panelOutcome, trainedOutcome } from '../results/fixtures';

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
  it('keeps a many-series run, the id columns chosen and the wide-file layout', () => {
    const original = project();
    original.data = { ...original.data!, options: { timeColumn: 'day', idColumns: ['store'] }, layout: 'wide' };
    original.runs.push({ ...original.runs[0]!, outcome: panelOutcome(), curves: [] });
    const back = parseProject(serializeProject(original), 'stores.tidecast');
    expect(back.data!.options.idColumns).toEqual(['store']);
    expect(back.data!.layout).toBe('wide');
    expect(back.runs[1]!.outcome).toEqual(panelOutcome());
  });

  it('refuses a many-series run whose forecast of a series is not the horizon long', () => {
    const original = project();
    const outcome = panelOutcome();
    const three = Float64Array.from([1, 2, 3]);
    outcome.run.series[1]!.forecast = { time: three, mean: three, lower80: three, upper80: three, lower95: three, upper95: three };
    original.runs.push({ ...original.runs[0]!, outcome, curves: [] });
    expect(() => parseProject(serializeProject(original), 'p.tidecast')).toThrow(/as many times as the horizon/);
  });

  it('round-trips typed arrays, NaN and infinities exactly', () => {
    const original = project();
    const run = original.runs[0]!.outcome!;
    if (run.kind !== 'trained') throw new Error();
    run.run.forecast.mean[1] = Number.NaN;
    run.run.forecast.upper95[0] = Number.POSITIVE_INFINITY;
    run.run.forecast.lower95[1] = Number.NEGATIVE_INFINITY;
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

  it('keeps a column known in advance, its filled-in values and the holiday place, and opens a project saved before either existed', () => {
    const original = project();
    original.data!.roles = { load: 'target', promo: 'known' };
    original.data!.fills = { promo: { [Date.UTC(2024, 0, 2)]: 1, [Date.UTC(2024, 0, 3)]: 0.5 } };
    original.form = { ...original.form, holidays: 'DE-BY' };
    expect(parseProject(serializeProject(original), 'p.tidecast')).toEqual(original);
    const badFill = JSON.parse(serializeProject(original)) as { data: { fills: Record<string, Record<string, unknown>> } };
    badFill.data.fills.promo = { tomorrow: 1 };
    expect(() => parseProject(JSON.stringify(badFill), 'p.tidecast')).toThrow(/data › fills › promo/);
    const older = JSON.parse(serializeProject(project())) as { form: Record<string, unknown> };
    delete older.form.holidays;
    expect(parseProject(JSON.stringify(older), 'p.tidecast').form.holidays).toBe('');
  });

  it('reads a negative zero back as zero (JSON has no −0; nothing in the app tells them apart)', () => {
    const original = project();
    const outcome = original.runs[0]!.outcome!;
    if (outcome.kind !== 'trained') throw new Error();
    outcome.run.forecast.mean[0] = -0;
    const back = parseProject(serializeProject(original), 'p.tidecast').runs[0]!.outcome!;
    if (back.kind !== 'trained') throw new Error();
    expect(Object.is(back.run.forecast.mean[0], 0)).toBe(true);
  });

  it('opens a project saved with a byte-order mark in front (an editor may add one)', () => {
    expect(parseProject(`\ufeff${serializeProject(project())}`, 'p.tidecast')).toEqual(project());
  });

  it('refuses what is not a project, with what to do', () => {
    expect(() => parseProject('not json', 'notes.txt')).toThrow('"notes.txt" is not a Tidecast project (it is not JSON');
    expect(() => parseProject('{"format":"tidecast-model"}', 'model.json')).toThrow('"model.json" is not a Tidecast project file. Open a .tidecast file saved with Save project.');
    expect(() => parseProject(JSON.stringify({ ...project(), version: 9 }), 'new.tidecast')).toThrow('is a version 9 project; this Tidecast reads version 1. Update Tidecast to open it.');
  });

  it('refuses a damaged project, naming the part', () => {
    const broken = JSON.parse(serializeProject(project())) as Record<string, unknown>;
    (broken['runs'] as Record<string, unknown>[])[0]!['outcome'] = { kind: 'mystery' };
    expect(() => parseProject(JSON.stringify(broken), 'p.tidecast')).toThrow(/^"p\.tidecast" is damaged: runs › 1 › outcome › kind: .*"mystery"\. Save the project again from the app that made it\.$/);
    expect(() => parseProject(JSON.stringify({ ...project(), data: { name: 'x' } }), 'p.tidecast')).toThrow('"p.tidecast" is damaged: data › text: ');
  });
});

describe('a hostile or damaged project file', () => {
  /** The file as written, to edit freely. */
  const tagged = (): any => JSON.parse(serializeProject(project()));
  const refusal = (json: unknown): string => {
    try {
      parseProject(typeof json === 'string' ? json : JSON.stringify(json), 'p.tidecast');
    } catch (error) {
      expect(error).toBeInstanceOf(ProjectError);
      return (error as Error).message;
    }
    throw new Error('the project was accepted');
  };

  it('refuses a forecast with fewer values than times, naming where', () => {
    const json = tagged();
    json.runs[0].outcome.run.forecast.upper95.$f64.pop();
    expect(refusal(json)).toBe('"p.tidecast" is damaged: runs › 1 › outcome › run › forecast: a forecast must have one value per time in each series. Save the project again from the app that made it.');
  });

  it('refuses a forecast longer than the run’s horizon, and times that go back', () => {
    const longer = tagged();
    longer.runs[0].outcome.run.settings.horizon = 3;
    expect(refusal(longer)).toContain('runs › 1 › outcome › run: the forecast must have as many times as the horizon');
    const back = tagged();
    back.runs[0].outcome.run.forecast.time.$f64.reverse();
    expect(refusal(back)).toContain('runs › 1 › outcome › run › forecast › time: times must be present, finite and increasing');
  });

  it('refuses a loss curve whose losses do not match its epochs', () => {
    const json = tagged();
    json.runs[0].curves[0].train.push(0.1);
    expect(refusal(json)).toContain('runs › 1 › curves › 1: a loss curve must have a training and a validation loss per epoch');
  });

  it('refuses malformed tags before building any array from them', () => {
    const text = tagged();
    text.runs[0].outcome.run.forecast.mean = { $f64: [1, 'two'] };
    expect(refusal(text)).toContain('runs › 1 › outcome › run › forecast › mean: value 2 of an array of numbers is "two"');
    const huge = tagged();
    huge.runs[0].outcome.run.backtest.metrics.mase = { $n: '1e999' };
    expect(refusal(huge)).toContain('"1e999" is not a number');
  });

  it('refuses arrays that together exceed the limit, and nesting beyond the limit, without deep recursion', () => {
    expect(tagProblem({ a: { $f64: [1, 2, 3] }, b: [{ $i32: [4, 5] }] }, { depth: 48, arrayValues: 4 })).toBe('its arrays hold more than 4 numbers');
    expect(tagProblem({ a: { $f64: [1, 2] } }, { depth: 48, arrayValues: 4 })).toBeNull();
    const deep = `{"format":"tidecast-project","version":1,"form":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(refusal(deep)).toContain('is nested deeper than 48 levels');
  });

  it('refuses two targets, an unknown encoding, a run finished before it started, and more runs than the list keeps', () => {
    const targets = tagged();
    targets.data.roles = { load: 'target', temp: 'target' };
    expect(refusal(targets)).toContain('data: only one column can be the target');
    const encoding = tagged();
    encoding.data.encoding = 'ebcdic';
    expect(refusal(encoding)).toContain('data › encoding');
    const time = tagged();
    time.runs[0].finishedAt = 0;
    expect(refusal(time)).toContain('runs › 1: a run cannot finish before it started');
    const many = tagged();
    many.runs = Array.from({ length: PROJECT_LIMITS.runs + 1 }, () => many.runs[0]);
    expect(refusal(many)).toMatch(/runs: .*500/);
  });

  it('keeps fields it does not read as they were written', () => {
    const json = tagged();
    json.runs[0].outcome.run.members = [{ label: 'gru', validationMae: 1.5, bestEpoch: 3, epochsRun: 4, stoppedBy: 'epochs', chosen: true, config: { cell: 'gru' }, history: { trainLoss: { $f64: [1, 0.5] }, validationLoss: { $f64: [null, 0.7] } } }];
    const back = parseProject(JSON.stringify(json), 'p.tidecast');
    const run = back.runs[0]!.outcome!;
    if (run.kind !== 'trained') throw new Error();
    expect(run.run.members[0]!.config).toEqual({ cell: 'gru' });
    expect(run.run.members[0]!.history.trainLoss).toEqual(Float64Array.from([1, 0.5]));
  });
});
