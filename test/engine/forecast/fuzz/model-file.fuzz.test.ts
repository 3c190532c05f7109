// Fuzzing the model-file reader: any change to a real saved model — a field replaced by another
// type, a huge or infinite number (1e999), a removed key, a network that claims other sizes —
// is either read back whole (and then forecasts finite numbers) or refused with the reader's own
// error naming the field; never another exception, a hang, or a non-finite forecast.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastWithModel } from '../../../../engine/forecast/fromModel';
import { parseModelFile, serializeModel } from '../../../../engine/forecast/modelFile';
import { runForecast } from '../../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../../engine/forecast/pool';
import { ForecastInputError } from '../../../../engine/models/errors';
import { fuzzParameters, fuzzTimeout } from '../../../fuzz/config';
import { TINY, monthlyDataset } from '../synthetic';

const submitter = createInlineForecastSubmitter();
const data = monthlyDataset(60);
let saved: Record<string, unknown>;

beforeAll(async () => {
  const run = await runForecast(data, { ...TINY, lookback: 8, horizon: 4 }, submitter);
  saved = JSON.parse(serializeModel(run.modelFile));
});

/** Every path to a value in `json` (arrays by index), so a mutation can reach any field. */
function paths(json: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(json)) json.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (json !== null && typeof json === 'object') for (const [k, v] of Object.entries(json)) paths(v, [...prefix, k], out);
  return out;
}

/** A marker that becomes a literal in the JSON text: numbers JSON.stringify cannot write. */
const RAW = '\u0000raw:';

const replacement = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 70_000 }),
  fc.constantFrom(4096, 16, 1e9, -1, 0, 0.5),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(`${RAW}1e999`, `${RAW}-1e999`, `${RAW}1e308`),
);

const mutation = fc.record({ at: fc.nat(), value: replacement, remove: fc.boolean() });

function mutate(base: Record<string, unknown>, changes: { at: number; value: unknown; remove: boolean }[]): string {
  const json = structuredClone(base);
  const all = paths(json);
  for (const change of changes) {
    const path = all[change.at % all.length];
    let parent: Record<string | number, unknown> = json as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = parent?.[key];
      if (next === null || typeof next !== 'object') break;
      parent = next as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    if (parent === null || typeof parent !== 'object') continue;
    if (change.remove && !Array.isArray(parent)) delete parent[last];
    else parent[last] = change.value;
  }
  return JSON.stringify(json).replace(/"\u0000raw:([^"]*)"/g, '$1');
}

describe('model-file reader under fuzzing', () => {
  it('reads a mutated model whole or refuses it with its own error; what it reads forecasts finite numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (changes) => {
        const text = mutate(saved, changes);
        let model;
        try {
          model = parseModelFile(text, 'fuzz.json');
        } catch (error) {
          if (error instanceof ForecastInputError) return true;
          throw error;
        }
        try {
          const f = await forecastWithModel(data, model, 'fuzz.json', submitter);
          for (const a of [f.forecast.mean, f.forecast.lower80, f.forecast.upper80, f.forecast.lower95, f.forecast.upper95]) {
            expect(a.every(Number.isFinite)).toBe(true);
          }
        } catch (error) {
          if (!(error instanceof ForecastInputError)) throw error;
        }
        return true;
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(200));
});
