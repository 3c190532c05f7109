// What the results of a run over many series show, apart from the drawing: one list row per
// series (its backtest sMAPE and verdict; the skipped ones with the reason), each series'
// history found in the open data, and the chart of the chosen series — history, forecast and
// intervals on one time axis. Pure, unit-tested.
import type { TrainedPanelRun } from '../../electron/contract';
import type { Dataset } from '../../engine/data/types';
import type { Frame } from '../shared/chart/decimate';
import type { BandSpec, SeriesSpec } from '../shared/chart/types';
import type { SeriesRow } from '../shared/series-list';

export type PanelResult = Pick<TrainedPanelRun, 'series' | 'skipped'>;

/** A series' history in the open data: its times and values (views, no copies). */
export interface SeriesHistory {
  time: Float64Array;
  values: Float64Array;
}

/**
 * Finds each result's history in `dataset`: a long file's series by id, a wide file's by column
 * name; null where the data is not the run's (or the series is not in it).
 */
export function panelHistories(run: PanelResult, dataset: Dataset | null, target: string | null, wide: boolean): (SeriesHistory | null)[] {
  if (dataset === null) return run.series.map(() => null);
  if (wide) {
    return run.series.map((s) => {
      const column = dataset.columns.find((c) => c.name === s.label);
      return column ? { time: dataset.time, values: column.values } : null;
    });
  }
  const column = dataset.columns.find((c) => c.name === target);
  const byId = new Map(dataset.series.map((s) => [s.id, s]));
  return run.series.map((s) => {
    const slice = byId.get(s.label);
    if (column === undefined || slice === undefined) return null;
    return { time: dataset.time.subarray(slice.offset, slice.offset + slice.length), values: column.values.subarray(slice.offset, slice.offset + slice.length) };
  });
}

/**
 * List rows: every forecast series (index = its position in run.series), then the skipped ones
 * (indices after them) with why. `error` is the backtest sMAPE; start and end span the history
 * when the data is open, else the forecast.
 */
export function panelRows(run: PanelResult, histories: readonly (SeriesHistory | null)[]): SeriesRow[] {
  const rows: SeriesRow[] = run.series.map((s, index) => {
    const h = histories[index] ?? null;
    const t = h?.time ?? s.forecast.time;
    return {
      index,
      name: s.label,
      length: s.points,
      gaps: 0,
      duplicates: 0,
      start: t[0] ?? Number.NaN,
      end: t[t.length - 1] ?? Number.NaN,
      unusable: null,
      problems: [],
      error: s.backtest?.metrics.smape ?? Number.NaN,
      verdict: s.verdict,
      column: '',
      offset: 0,
    };
  });
  run.skipped.forEach((s, j) =>
    rows.push({
      index: run.series.length + j,
      name: s.label,
      length: 0,
      gaps: 0,
      duplicates: 0,
      start: Number.NaN,
      end: Number.NaN,
      unusable: s.reason,
      problems: [],
      error: Number.NaN,
      verdict: '',
      column: '',
      offset: 0,
    }),
  );
  return rows;
}

const COLOURS = ['--chart-1', '--chart-2', '--chart-4', '--chart-5', '--chart-3', '--chart-6'];

export interface PanelChart {
  frame: Frame;
  series: SeriesSpec[];
  bands: BandSpec[];
  initialRange: [number, number];
}

/**
 * The chosen series on one axis: per series its history (the last `maxHistory` points) and its
 * forecast joined to the last actual value, with the 80% band; the 95% band too when one series
 * is drawn (more would hide each other).
 */
export function panelChart(run: PanelResult, chosen: readonly number[], histories: readonly (SeriesHistory | null)[], maxHistory = 2_000): PanelChart {
  const drawn = chosen.filter((i) => i < run.series.length);
  const all = new Set<number>();
  const parts = drawn.map((i) => {
    const s = run.series[i]!;
    const h = histories[i] ?? null;
    const from = h ? Math.max(0, h.time.length - maxHistory) : 0;
    const time = h ? h.time.subarray(from) : new Float64Array(0);
    const values = h ? h.values.subarray(from) : new Float64Array(0);
    for (const t of time) all.add(t);
    for (const t of s.forecast.time) all.add(t);
    return { s, time, values };
  });
  const x = Float64Array.from(all).sort();
  const at = new Map<number, number>();
  x.forEach((t, i) => at.set(t, i));
  const empty = () => new Float64Array(x.length).fill(Number.NaN);
  const columns: Float64Array[] = [];
  const series: SeriesSpec[] = [];
  const bands: BandSpec[] = [];
  const one = parts.length === 1;
  parts.forEach(({ s, time, values }, j) => {
    const colour = COLOURS[j % COLOURS.length]!;
    const actual = empty();
    time.forEach((t, k) => (actual[at.get(t)!] = values[k]!));
    const f = s.forecast;
    const mean = empty(), lo80 = empty(), hi80 = empty(), lo95 = empty(), hi95 = empty();
    f.time.forEach((t, k) => {
      const i = at.get(t)!;
      mean[i] = f.mean[k]!;
      lo80[i] = f.lower80[k]!;
      hi80[i] = f.upper80[k]!;
      lo95[i] = f.lower95[k]!;
      hi95[i] = f.upper95[k]!;
    });
    const last = time.length - 1;
    if (last >= 0 && Number.isFinite(values[last]!) && f.time.length > 0) mean[at.get(time[last]!)!] = values[last]!;
    const base = columns.length;
    columns.push(actual, mean, lo80, hi80);
    series.push(
      { label: s.label, color: colour, width: 1.5 },
      { label: `${s.label} forecast`, color: one ? '--chart-2' : colour, width: 2, dash: one ? undefined : [6, 3] },
      { label: `${s.label} 80% lower`, color: '--chart-band', edge: true },
      { label: `${s.label} 80% upper`, color: '--chart-band', edge: true },
    );
    bands.push({ upper: base + 3, lower: base + 2, color: one ? '--chart-band' : colour, opacity: one ? 0.2 : 0.12 });
    if (one) {
      columns.push(lo95, hi95);
      series.push({ label: `${s.label} 95% lower`, color: '--chart-band', edge: true }, { label: `${s.label} 95% upper`, color: '--chart-band', edge: true });
      bands.push({ upper: base + 5, lower: base + 4, color: '--chart-band', opacity: 0.12 });
    }
  });
  const horizon = Math.max(1, ...parts.map((p) => p.s.forecast.time.length));
  const lastForecast = x[x.length - 1] ?? 1;
  const firstForecast = Math.min(...parts.map((p) => p.s.forecast.time[0] ?? lastForecast));
  const openAt = Math.max(0, (at.get(firstForecast) ?? 0) - Math.max(4 * horizon, 48));
  const from = x[openAt] ?? 0;
  return { frame: { x, series: columns }, series, bands, initialRange: [from, lastForecast > from ? lastForecast : from + 1] };
}
