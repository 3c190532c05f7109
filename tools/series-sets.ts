// Reading the competition sets of ../shared/data (m1, m3-dev) and the long series of
// ../shared/data itself: each series' values, season, horizon and training length, as the
// pretraining and the benchmarks need them. Missing target values are filled by linear
// interpolation (carried at the ends).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** ../shared/data beside the project, or TIDECAST_SHARED_DATA when the project sits elsewhere. */
export const SHARED_DATA = process.env.TIDECAST_SHARED_DATA ?? resolve(import.meta.dirname, '../../shared/data');

export type FrequencyClass = 'yearly' | 'quarterly' | 'monthly' | 'other';

export interface SetSeries {
  id: string;
  /** The manifest's frequency label (e.g. "monthly", "half-hourly"). */
  frequency: string;
  season: number;
  horizon: number;
  /** The whole series: training part then the hidden last `horizon` values. */
  values: Float64Array;
  trainLength: number;
}

interface ManifestEntry {
  id: string;
  file: string;
  target: string;
  frequency: string;
  m: number;
  h: number;
  n_train: number;
}

/** Series of one folder of ../shared/data ('' = the long series, 'm1', 'm3-dev'). */
export function readSet(folder: '' | 'm1' | 'm3-dev'): SetSeries[] {
  const dir = resolve(SHARED_DATA, folder);
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')).series as ManifestEntry[];
  return manifest.map((e) => {
    const lines = readFileSync(resolve(dir, e.file), 'utf8').trim().split(/\r?\n/);
    const column = lines[0].split(',').indexOf(e.target);
    if (column < 0) throw new Error(`${e.file}: no column "${e.target}".`);
    const raw = lines.slice(1).map((l) => {
      const cell = l.split(',')[column];
      return cell === undefined || cell === '' ? NaN : Number(cell);
    });
    return { id: e.id, frequency: e.frequency, season: e.m, horizon: e.h, values: fillGaps(raw), trainLength: e.n_train };
  });
}

/** The model class a series belongs to, from its season and frequency label. */
export function frequencyClass(s: Pick<SetSeries, 'frequency' | 'season'>): FrequencyClass {
  if (s.frequency === 'yearly') return 'yearly';
  if (s.frequency === 'quarterly') return 'quarterly';
  if (s.frequency === 'monthly') return 'monthly';
  return 'other';
}

function fillGaps(raw: number[]): Float64Array {
  const out = Float64Array.from(raw);
  const known = raw.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  if (known.length === 0) return out;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isNaN(out[i])) continue;
    const next = known.find((k) => k > i);
    const prev = [...known].reverse().find((k) => k < i);
    if (prev === undefined) out[i] = raw[next!];
    else if (next === undefined) out[i] = raw[prev];
    else out[i] = raw[prev] + ((raw[next] - raw[prev]) * (i - prev)) / (next - prev);
  }
  return out;
}
