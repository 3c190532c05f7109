// Fuzzing the project-file reader (fast-check, fixed seed; FUZZ_RUNS sets the cases per target):
// whatever the text, it either opens or is refused with a ProjectError — never another error —
// and what opens can be shown and exported by the results code without failing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../fuzz/config';
import { parseProject, ProjectError, serializeProject, type ProjectFile } from '../../../renderer/project/project-file';
import { forecastExportCsv } from '../../../renderer/results/forecast-export';
import { forecastFrame } from '../../../renderer/results/forecast-frame';
import { metricTable } from '../../../renderer/results/metrics';
import { defaultForm } from '../../../renderer/train/config';
import { trainedOutcome } from '../results/fixtures';


const valid = (): ProjectFile => ({
  format: 'tidecast-project',
  version: 1,
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

/** Opens `text`; a refusal must be a ProjectError. Returns the project, or null when refused. */
function open(text: string): ProjectFile | null {
  try {
    return parseProject(text, 'fuzz.tidecast');
  } catch (error) {
    if (error instanceof ProjectError) return null;
    throw error;
  }
}

/** What the results view and the export do with every run of an opened project. */
function useEveryRun(project: ProjectFile): void {
  for (const run of project.runs) {
    const outcome = run.outcome;
    if (outcome === null) continue;
    if (outcome.kind === 'panel') {
      metricTable(outcome);
      continue;
    }
    const future = outcome.kind === 'trained' ? outcome.run.forecast : outcome.forecast.forecast;
    for (const series of [future.time, future.mean, future.lower80, future.upper80, future.lower95, future.upper95]) {
      expect(series).toBeInstanceOf(Float64Array);
      expect(series.length).toBe(future.time.length);
    }
    metricTable(outcome);
    forecastFrame({ history: null, outcome, others: [] });
    forecastExportCsv(outcome, { delimiter: ',', decimal: '.', timeStyle: { kind: 'iso-date' }, history: null, withHistory: true });
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON tree (keys and indices), the root included. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

type Mutation = { kind: 'replace'; with: Json } | { kind: 'delete' } | { kind: 'duplicate' } | { kind: 'number'; value: number };

function mutate(root: Json, path: (string | number)[], mutation: Mutation): Json {
  if (path.length === 0) return mutation.kind === 'replace' ? mutation.with : root;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const key = path.at(-1)!;
  if (mutation.kind === 'replace') parent[key] = mutation.with;
  else if (mutation.kind === 'number') parent[key] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]!));
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), with: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.record({ kind: fc.constant('number' as const), value: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308, 2 ** 31, 10_001)) }),
);

describe('project-file reader under fuzzing', () => {
  it('refuses any text that is not a project with a ProjectError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const project = open(text);
        if (project !== null) useEveryRun(project);
      }),
      fuzzParameters(),
    );
  });

  it('opens or refuses every mutation of a real project, and what opens can be shown and exported', () => {
    const base = JSON.parse(serializeProject(valid())) as Json;
    const paths = pathsOf(base);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: paths.length - 1 }), mutation), { minLength: 1, maxLength: 3 }), (edits) => {
        let json = base;
        for (const [index, edit] of edits) {
          const path = pathsOf(json)[index % pathsOf(json).length]!;
          json = mutate(json, path, edit);
        }
        const project = open(JSON.stringify(json));
        if (project !== null) useEveryRun(project);
      }),
      fuzzParameters(),
    );
  });

  it('reopens what it saved, for random forecasts and curves', () => {
    // JSON has no negative zero: −0 reads back as 0 (project-file.test.ts pins that).
    const number = fc.double().map((x) => (x === 0 ? 0 : x));
    const values = (n: number) => fc.array(fc.oneof(number, fc.constant(Number.NaN)), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((h) => fc.tuple(fc.constant(h), values(h), values(h), fc.array(number, { maxLength: 30 }))),
        ([h, mean, upper, losses]) => {
          const project = valid();
          const outcome = project.runs[0]!.outcome!;
          if (outcome.kind !== 'trained') throw new Error();
          const time = Float64Array.from({ length: h }, (_, k) => Date.UTC(2024, 0, 10 + k));
          Object.assign(outcome.run.forecast, { time, mean: Float64Array.from(mean), lower80: Float64Array.from(mean), upper80: Float64Array.from(upper), lower95: Float64Array.from(mean), upper95: Float64Array.from(upper) });
          outcome.run.settings.horizon = h;
          project.runs[0]!.curves = [{ job: 1, label: 'a', epochs: losses.map((_, i) => i + 1), train: losses, validation: losses }];
          expect(parseProject(serializeProject(project), 'p.tidecast')).toEqual(project);
        },
      ),
      fuzzParameters(),
    );
  });
});
