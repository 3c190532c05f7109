// Covariates known in advance need a value at every forecast step. Where the file has none (a
// plan shorter than the horizon, an empty cell), the app names the column and the first missing
// time in the engine's own words and offers a small table to fill them in; a run then sends the
// typed values as the file's future rows. Pure, unit-tested.
import type { DatasetPayload } from '../../electron/contract';
import { nextTimes } from '../../engine/data/time-index';
import { wholeSeries, type Dataset } from '../../engine/data/types';
import { fillSeries, rawSeriesFromDataset } from '../../engine/forecast/prepare';
import { ForecastInputError } from '../../engine/models/errors';

/** Typed values by column, then by forecast time (epoch ms). */
export type KnownFills = Readonly<Record<string, Readonly<Record<number, number>>>>;

/** A known covariate without a value at some forecast steps of the file. */
export interface MissingKnown {
  column: string;
  /** The steps the file leaves empty (the fill-in table's rows, filled or not yet). */
  times: number[];
  /** The engine's refusal while some of them are still empty, else null. */
  message: string | null;
}

/** Times of the `horizon` steps after the target's last value: the file's rows, then by frequency. */
export function forecastTimes(dataset: Dataset, history: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const inFile = Math.max(0, Math.min(horizon, dataset.time.length - history));
  out.set(dataset.time.subarray(history, history + inFile));
  if (inFile < horizon && dataset.time.length > 0) {
    out.set(nextTimes(dataset.time[dataset.time.length - 1]!, dataset.frequency, horizon - inFile), inFile);
  }
  return out;
}

/** `payload` with rows through the horizon and the fill-in values where the file has none. */
export function payloadWithFills(payload: DatasetPayload, dataset: Dataset, history: number, horizon: number, fills: KnownFills): DatasetPayload {
  const n = payload.time.length;
  const rows = Math.max(n, history + horizon);
  const steps = forecastTimes(dataset, history, horizon);
  const time = rows === n ? payload.time : new Float64Array(rows);
  if (rows > n) {
    time.set(payload.time);
    time.set(steps.subarray(n - history), n);
  }
  const columns = payload.columns.map((c) => {
    const given = fills[c.name];
    if (rows === n && (given === undefined || Object.keys(given).length === 0)) return c;
    const values = new Float64Array(rows).fill(Number.NaN);
    values.set(c.values);
    if (given !== undefined) {
      for (let k = 0; k < horizon; k++) {
        const value = given[steps[k]!];
        if (value !== undefined && Number.isNaN(values[history + k]!)) values[history + k] = value;
      }
    }
    let missing = 0;
    for (let i = 0; i < rows; i++) if (Number.isNaN(values[i]!)) missing++;
    return { name: c.name, values, missing };
  });
  return { ...payload, time, columns };
}

/** Each known column the file leaves empty at some forecast step, with the engine's message while any is unfilled. */
export function missingKnown(dataset: Dataset, target: string, history: number, known: readonly string[], horizon: number, fills: KnownFills): MissingKnown[] {
  const steps = forecastTimes(dataset, history, horizon);
  const found: MissingKnown[] = [];
  for (const name of known) {
    const column = dataset.columns.find((c) => c.name === name);
    if (column === undefined) continue;
    const times: number[] = [];
    let unfilled = false;
    for (let k = 0; k < horizon; k++) {
      const row = history + k;
      if (row < column.values.length && !Number.isNaN(column.values[row]!)) continue;
      times.push(steps[k]!);
      if (fills[name]?.[steps[k]!] === undefined) unfilled = true;
    }
    if (times.length > 0) found.push({ column: name, times, message: unfilled ? engineMessage(dataset, target, history, name, horizon, fills) : null });
  }
  return found;
}

/**
 * What the engine says of this column over the horizon, from the file's last target row on
 * (the rows that matter to the check, so it stays quick on long files).
 */
function engineMessage(dataset: Dataset, target: string, history: number, column: string, horizon: number, fills: KnownFills): string {
  const from = Math.max(0, history - 1);
  const pick = (name: string) => dataset.columns.find((c) => c.name === name)!;
  const time = dataset.time.subarray(from);
  const tail: Dataset = {
    ...dataset,
    time,
    columns: [target, column].map((name) => ({ ...pick(name), values: pick(name).values.subarray(from) })),
    problems: [],
    idColumns: [],
    series: [wholeSeries(time.length)],
  };
  const payload = payloadWithFills(
    { source: dataset.source, timeColumn: dataset.timeColumn, timeStyle: dataset.timeStyle, frequency: dataset.frequency, season: dataset.season, time, columns: tail.columns },
    tail,
    history - from,
    horizon,
    fills,
  );
  try {
    fillSeries(rawSeriesFromDataset({ ...tail, time: payload.time, columns: payload.columns, series: [wholeSeries(payload.time.length)] }, target, [], dataset.season, { known: [column], horizon }));
  } catch (error) {
    if (error instanceof ForecastInputError) return error.message;
    throw error;
  }
  return `Column "${column}" is known in advance but has no value at some forecast steps: fill them in below.`;
}
