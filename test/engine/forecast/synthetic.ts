// Small synthetic datasets for pipeline tests.
import { wholeSeries } from '../../../engine/data/types';
import type { Dataset } from '../../../engine/data/types';
import { Rng } from '../../../engine/math/prng';

/** Monthly series from 2000-01: level + trend + yearly season + noise, and a covariate. */
export function monthlyDataset(length = 120, seed = 1, noise = 0.5): Dataset {
  const rng = new Rng(seed);
  const time = new Float64Array(length);
  const y = new Float64Array(length);
  const x = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    time[t] = Date.UTC(2000 + Math.floor(t / 12), t % 12, 1);
    x[t] = Math.cos((2 * Math.PI * t) / 12) + (rng.nextFloat() - 0.5);
    y[t] = 50 + 0.1 * t + 5 * Math.sin((2 * Math.PI * t) / 12) + noise * (rng.nextFloat() - 0.5) * 2;
  }
  return {
    source: 'synthetic.csv',
    timeColumn: 'date',
    timeStyle: { kind: 'iso-date' },
    time,
    columns: [
      { name: 'sales', values: y, missing: 0 },
      { name: 'promo', values: x, missing: 0 },
    ],
    frequency: { unit: 'month', step: 1, label: 'monthly' },
    season: 12,
    problems: [],
    idColumns: [],
    series: [wholeSeries(time.length)],
  };
}

export function withTarget(ds: Dataset, values: Float64Array): Dataset {
  return { ...ds, columns: [{ name: 'sales', values, missing: values.filter(Number.isNaN).length }, ...ds.columns.slice(1)] };
}

/** Settings that train in milliseconds. */
export const TINY = { model: 'gru' as const, hidden: 4, epochs: 3, lookback: 12, horizon: 6, timeBudgetSec: 0 };
