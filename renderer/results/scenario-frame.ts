// The what-if chart's data: the recent history, then each scenario's forecast with its 80% and
// 95% bands, all on one time axis (uPlot's aligned data); the draft being edited is drawn last,
// on top. Pure, unit-tested.
import type { WhatIfForecast } from '../../electron/contract';
import type { Frame } from '../shared/chart/decimate';
import type { BandSpec, SeriesSpec } from '../shared/chart/types';

export interface ScenarioLine {
  name: string;
  forecast: WhatIfForecast;
}

export interface ScenarioFrame {
  frame: Frame;
  series: SeriesSpec[];
  bands: BandSpec[];
}

const COLOURS = ['--chart-2', '--chart-5', '--chart-4', '--chart-3', '--chart-6'];

/**
 * `history`: the target as read (NaN = missing), of which the last `keep` points are drawn
 * (at least 4 horizons, at least 48 points by default).
 */
export function scenarioFrame(history: { time: Float64Array; values: Float64Array; name: string } | null, lines: readonly ScenarioLine[], keep?: number): ScenarioFrame {
  const h = lines[0]?.forecast.time.length ?? 0;
  const points = keep ?? Math.max(4 * h, 48);
  let end = history?.time.length ?? 0;
  // The history ends at the target's last value; rows after it are the future.
  while (history !== null && end > 0 && Number.isNaN(history.values[end - 1]!)) end--;
  const start = Math.max(0, end - points);
  const histTime = history ? history.time.subarray(start, end) : new Float64Array(0);
  const future = lines[0]?.forecast.time ?? new Float64Array(0);
  const n = histTime.length + future.length;
  const x = new Float64Array(n);
  x.set(histTime);
  x.set(future, histTime.length);
  const empty = () => new Float64Array(n).fill(Number.NaN);

  const actual = empty();
  if (history) actual.set(history.values.subarray(start, end));
  const series: SeriesSpec[] = [{ label: history ? history.name : 'Actual', color: '--chart-1', width: 1.5 }];
  const columns: Float64Array[] = [actual];
  const bands: BandSpec[] = [];
  const lastActual = histTime.length - 1;
  lines.forEach((line, j) => {
    const color = COLOURS[j % COLOURS.length]!;
    const f = line.forecast;
    const at = (values: Float64Array) => {
      const out = empty();
      out.set(values, histTime.length);
      return out;
    };
    const mean = at(f.mean);
    // Join each forecast to the last actual value so the eye follows it on.
    if (lastActual >= 0 && Number.isFinite(actual[lastActual]!)) mean[lastActual] = actual[lastActual]!;
    const first = columns.length;
    series.push(
      { label: line.name, color, width: 2, ...(j > 0 ? { dash: [6, 3] } : {}) },
      { label: `${line.name} 95% lower`, color, edge: true },
      { label: `${line.name} 95% upper`, color, edge: true },
      { label: `${line.name} 80% lower`, color, edge: true },
      { label: `${line.name} 80% upper`, color, edge: true },
    );
    columns.push(mean, at(f.lower95), at(f.upper95), at(f.lower80), at(f.upper80));
    bands.push({ upper: first + 2, lower: first + 1, color, opacity: 0.08 }, { upper: first + 4, lower: first + 3, color, opacity: 0.14 });
  });
  return { frame: { x, series: columns }, series, bands };
}
