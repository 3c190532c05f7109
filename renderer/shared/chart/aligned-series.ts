// Several series on one time axis (uPlot's aligned data): the union of their times, in order,
// each series NaN where it has no value. Series of a long file have their own starts and ends.
import type { Frame } from './decimate';

export interface TimedValues {
  /** Strictly increasing epoch ms. */
  time: ArrayLike<number>;
  values: ArrayLike<number>;
}

export function alignSeries(parts: readonly TimedValues[]): Frame {
  const all = new Set<number>();
  for (const p of parts) for (let i = 0; i < p.time.length; i++) all.add(p.time[i]!);
  const x = Float64Array.from(all).sort();
  const index = new Map<number, number>();
  for (let i = 0; i < x.length; i++) index.set(x[i]!, i);
  const series = parts.map((p) => {
    const column = new Float64Array(x.length).fill(Number.NaN);
    for (let i = 0; i < p.time.length; i++) column[index.get(p.time[i]!)!] = p.values[i]!;
    return column;
  });
  return { x, series };
}
