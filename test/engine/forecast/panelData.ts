// Long-format CSV text for panel tests: several series named by two id columns (store,
// product), of unequal lengths and start dates, monthly, with a yearly season and noise.
import { Rng } from '../../../engine/math/prng';

export interface PanelSpec {
  store: string;
  product: string;
  /** First month, e.g. [2015, 0] = 2015-01. */
  start: [number, number];
  length: number;
  level: number;
}

export const THREE: PanelSpec[] = [
  { store: 'north', product: 'tea', start: [2014, 0], length: 72, level: 100 },
  { store: 'north', product: 'coffee', start: [2015, 6], length: 60, level: 40 },
  { store: 'south', product: 'tea', start: [2016, 2], length: 48, level: 250 },
];

/** The series' values: level × (trend, yearly season) × noise. */
export function seriesValues(spec: PanelSpec, seed: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: spec.length }, (_, t) => {
    const month = spec.start[1] + t;
    const season = 1 + 0.2 * Math.sin((2 * Math.PI * month) / 12);
    return Number((spec.level * (1 + 0.005 * t) * season * (1 + 0.05 * (rng.nextFloat() - 0.5))).toFixed(3));
  });
}

const iso = (year: number, month: number) => `${year + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;

/** store,product,date,sales rows, series after series; `override` replaces a series' values. */
export function panelCsv(specs: readonly PanelSpec[] = THREE, override: Record<number, number[]> = {}): string {
  const lines = ['store,product,date,sales'];
  specs.forEach((spec, i) => {
    const values = override[i] ?? seriesValues(spec, i + 1);
    values.forEach((v, t) => lines.push(`${spec.store},${spec.product},${iso(spec.start[0], spec.start[1] + t)},${v}`));
  });
  return lines.join('\n') + '\n';
}

/** One wide file: date and a column per series, on a shared calendar. */
export function wideCsv(length = 60): string {
  const cols = ['tea', 'coffee', 'cocoa'];
  const values = cols.map((_, i) => seriesValues({ store: '', product: '', start: [2015, 0], length, level: 50 * (i + 1) }, i + 7));
  const lines = [`date,${cols.join(',')}`];
  for (let t = 0; t < length; t++) lines.push(`${iso(2015, t)},${values.map((v) => v[t]).join(',')}`);
  return lines.join('\n') + '\n';
}
