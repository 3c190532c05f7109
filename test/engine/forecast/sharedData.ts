// Test/bench helper: the shared real series (../shared/data) as Datasets, read with a minimal
// reader for their known layout (ISO dates, comma-separated, empty = missing), so forecast tests
// do not depend on the CSV importer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { wholeSeries } from '../../../engine/data/types';
import type { Dataset, Frequency } from '../../../engine/data/types';

export const SHARED_DATA = resolve(import.meta.dirname, '../../../../shared/data');

export interface ManifestSeries {
  id: string;
  file: string;
  time_column: string;
  target: string;
  covariates: string[];
  frequency: string;
  m: number;
  h: number;
  n_train: number;
}

export function manifest(): ManifestSeries[] {
  return JSON.parse(readFileSync(resolve(SHARED_DATA, 'manifest.json'), 'utf8')).series;
}

const FREQUENCIES: Record<string, Frequency> = {
  monthly: { unit: 'month', step: 1, label: 'monthly' },
  quarterly: { unit: 'quarter', step: 1, label: 'quarterly' },
  yearly: { unit: 'year', step: 1, label: 'yearly' },
  daily: { unit: 'day', step: 1, label: 'daily' },
  'business-daily': { unit: 'business-day', step: 1, label: 'business-daily' },
  'half-hourly': { unit: 'minute', step: 30, label: 'half-hourly' },
  other: { unit: 'day', step: 1, label: 'daily' },
};

/** A shared series as a Dataset (season from the manifest's m). */
export function sharedDataset(entry: ManifestSeries): Dataset {
  const lines = readFileSync(resolve(SHARED_DATA, entry.file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const time = Float64Array.from(rows, (r) => Date.parse(r[0].length <= 13 ? `${r[0]}T00:00:00Z` : `${r[0]}Z`));
  const columns = header.slice(1).map((name, i) => {
    const values = Float64Array.from(rows, (r) => (r[i + 1] === '' || r[i + 1] === undefined ? NaN : Number(r[i + 1])));
    return { name, values, missing: values.filter((v) => Number.isNaN(v)).length };
  });
  return {
    source: entry.file,
    timeColumn: header[0],
    timeStyle: { kind: 'iso-date' },
    time,
    columns,
    frequency: FREQUENCIES[entry.frequency],
    season: entry.m,
    problems: [],
    idColumns: [],
    series: [wholeSeries(time.length)],
  };
}
