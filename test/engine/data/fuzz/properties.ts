// The rules every read of a CSV keeps, whatever the input: only DataError escapes, nothing hangs,
// every number is finite (NaN only for a missing value), counts agree, and reading the text in
// chunks gives exactly what reading it whole gives. Shared by the fuzz targets and the replay of
// their findings.
import { DataError, DatasetReader, readDataset } from '../../../../engine/data';
import type { ReadOptions, ReadResult } from '../../../../engine/data';
import { NO_HANG_INPUT, NO_HANG_MS } from '../../../fuzz/config';

export type Outcome = ReadResult | DataError;

/** Runs `read`, letting only DataError through as a value; fails on a hang. */
export function outcomeOf(size: number, read: () => ReadResult): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = read();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    outcome = error;
  }
  const ms = performance.now() - started;
  if (size < NO_HANG_INPUT && ms > NO_HANG_MS) throw new Error(`reading ${size} characters took ${Math.round(ms)} ms`);
  return outcome;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Throws when a read broke a rule; returns a comparable summary of it. */
export function checkOutcome(outcome: Outcome): unknown {
  if (outcome instanceof DataError) {
    if (typeof outcome.message !== 'string' || outcome.message.length === 0) fail('DataError without a message');
    if (outcome.row !== undefined && !(Number.isInteger(outcome.row) && outcome.row >= 1)) fail(`DataError row ${outcome.row}`);
    return { error: outcome.code, row: outcome.row, column: outcome.column, message: outcome.message };
  }
  const { dataset, detected, preview } = outcome;
  const n = dataset.time.length;
  if (n < 2) fail(`a dataset of ${n} rows`);
  const starts = new Set(dataset.series.map((s) => s.offset));
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(dataset.time[i])) fail(`time ${i} is ${dataset.time[i]}`);
    if (i > 0 && !starts.has(i) && !(dataset.time[i] > dataset.time[i - 1])) fail(`time ${i} does not increase`);
  }
  if (dataset.columns.length === 0) fail('no columns');
  for (const c of dataset.columns) {
    if (c.values.length !== n) fail(`column "${c.name}" has ${c.values.length} values for ${n} times`);
    let nan = 0;
    for (const v of c.values) {
      if (v !== v) nan++;
      else if (!Number.isFinite(v)) fail(`column "${c.name}" holds ${v}`);
    }
    // `missing` counts the file's cells (duplicates merged may leave fewer NaN, gaps add more).
    if (!(Number.isInteger(c.missing) && c.missing >= 0 && c.missing <= detected.rows)) fail(`column "${c.name}": missing ${c.missing}`);
    if (nan > n) fail(`column "${c.name}": ${nan} NaN in ${n} rows`);
  }
  const names = dataset.columns.map((c) => c.name);
  if (new Set(names).size !== names.length) fail(`repeated column names ${names.join(', ')}`);
  if (detected.numericColumns.join('\u0000') !== names.join('\u0000')) fail('detected columns differ from the dataset');
  if (!(Number.isInteger(dataset.frequency.step) && dataset.frequency.step >= 1)) fail(`frequency step ${dataset.frequency.step}`);
  if (!(Number.isInteger(dataset.season) && dataset.season >= 1)) fail(`season ${dataset.season}`);
  if (detected.rows < 1) fail(`detected ${detected.rows} rows`);
  for (const p of dataset.problems) {
    if (!['error', 'warning', 'info'].includes(p.severity) || !p.code || !p.message) fail(`problem ${JSON.stringify(p)}`);
  }
  if (preview.rows.some((r) => !Array.isArray(r) || r.some((cell) => typeof cell !== 'string'))) fail('preview cells');
  // Series: contiguous slices in order covering every row, each strictly increasing in time.
  let offset = 0;
  if (dataset.series.length === 0) fail('no series');
  if (dataset.series.every((s) => s.unusable !== undefined)) fail('no usable series');
  for (const s of dataset.series) {
    if (s.offset !== offset) fail(`series "${s.id}" starts at ${s.offset}, not ${offset}`);
    if (s.unusable !== undefined && s.length !== 0) fail(`unusable series "${s.id}" has ${s.length} rows`);
    if (s.keys.length !== dataset.idColumns.length) fail(`series "${s.id}" has ${s.keys.length} keys`);
    offset += s.length;
  }
  if (offset !== n) fail(`series cover ${offset} of ${n} rows`);
  if (dataset.idColumns.length > 0 && detected.idColumns.join() !== dataset.idColumns.join()) fail('detected ids differ');
  if (dataset.idColumns.some((c) => names.includes(c))) fail('an id column is also a numeric column');
  return {
    time: Array.from(dataset.time),
    columns: dataset.columns.map((c) => ({ name: c.name, values: Array.from(c.values), missing: c.missing })),
    problems: dataset.problems, style: dataset.timeStyle, frequency: dataset.frequency, detected, preview,
    idColumns: dataset.idColumns, series: dataset.series,
  };
}

/** The text read whole, checked. */
export function readWhole(text: string, options: ReadOptions = {}): unknown {
  return checkOutcome(outcomeOf(text.length, () => readDataset(text, { source: 'fuzz.csv', ...options })));
}

/** The text read in the given chunks (the delimiter sniffed after `sniffLines` lines), checked. */
export function readChunked(chunks: string[], sniffLines: number, options: ReadOptions = {}): unknown {
  const size = chunks.reduce((s, c) => s + c.length, 0);
  return checkOutcome(outcomeOf(size, () => {
    const reader = new DatasetReader({ source: 'fuzz.csv', sniffLines, ...options });
    for (const c of chunks) reader.push(c);
    return reader.finish();
  }));
}
