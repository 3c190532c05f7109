// The forecast chart's data for one run: recent history, the backtest forecast over the
// held-out tail, the future forecast with its 80% and 95% bands, and the means of other runs
// chosen for comparison — all on one time axis (uPlot's aligned data). Pure, unit-tested.
import type { SeriesOutcome } from '../../electron/contract';
import type { Frame } from '../shared/chart/decimate';
import type { BandSpec, SeriesSpec } from '../shared/chart/types';

export interface ForecastFrameInput {
  /** The data's time index and the target as read (NaN = missing); null when the run's data is not open. */
  history: { time: Float64Array; values: Float64Array; name: string } | null;
  outcome: SeriesOutcome;
  /** Other runs to compare: only their future means are drawn. */
  others: { label: string; outcome: SeriesOutcome }[];
  /** History points kept at most (the Explore tab shows all of them). */
  maxHistory?: number;
}

export interface ForecastFrame {
  frame: Frame;
  series: SeriesSpec[];
  bands: BandSpec[];
  initialRange: [number, number];
  /** History points left out at the start (0 when all are shown). */
  historyCut: number;
}

export const MAX_FORECAST_HISTORY = 20_000;
const OTHER_COLOURS = ['--chart-5', '--chart-4', '--chart-3', '--chart-6'];

const futureOf = (o: SeriesOutcome) => (o.kind === 'trained' ? o.run.forecast : o.forecast.forecast);

export function forecastFrame(input: ForecastFrameInput): ForecastFrame {
  const maxHistory = input.maxHistory ?? MAX_FORECAST_HISTORY;
  const future = futureOf(input.outcome);
  const h = future.time.length;
  const hist = input.history;
  const start = hist ? Math.max(0, hist.time.length - maxHistory) : 0;
  const histTime = hist ? hist.time.subarray(start) : new Float64Array(0);
  const histValues = hist ? hist.values.subarray(start) : new Float64Array(0);

  // Future times of this run and the compared ones, after the history, in order, once each.
  const futureTimes = new Set<number>(future.time);
  for (const other of input.others) for (const t of futureOf(other.outcome).time) futureTimes.add(t);
  const lastHistory = histTime.length > 0 ? histTime[histTime.length - 1]! : -Infinity;
  const extra = [...futureTimes].filter((t) => t > lastHistory).sort((a, b) => a - b);

  const n = histTime.length + extra.length;
  const x = new Float64Array(n);
  x.set(histTime);
  x.set(extra, histTime.length);
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(x[i]!, i);
  const empty = () => new Float64Array(n).fill(Number.NaN);

  const actual = empty();
  actual.set(histValues);
  const backtest = empty();
  const backtestActual = input.outcome.kind === 'trained' ? (input.outcome.run.backtest?.origins ?? []) : [];
  for (const origin of backtestActual) {
    origin.time.forEach((t, k) => {
      const i = index.get(t);
      if (i !== undefined) backtest[i] = origin.forecast.mean[k]!;
    });
  }
  const mean = empty();
  const lo95 = empty();
  const hi95 = empty();
  const lo80 = empty();
  const hi80 = empty();
  future.time.forEach((t, k) => {
    const i = index.get(t);
    if (i === undefined) return;
    mean[i] = future.mean[k]!;
    lo95[i] = future.lower95[k]!;
    hi95[i] = future.upper95[k]!;
    lo80[i] = future.lower80[k]!;
    hi80[i] = future.upper80[k]!;
  });
  // Join the forecast line to the last actual value so the eye follows it on.
  const lastActual = histTime.length - 1;
  if (lastActual >= 0 && Number.isFinite(actual[lastActual]!) && h > 0) mean[lastActual] = actual[lastActual]!;

  const series: SeriesSpec[] = [
    { label: hist ? hist.name : 'Actual', color: '--chart-1', width: 1.5 },
    { label: 'Backtest forecast', color: '--chart-3', width: 1.75, dash: [5, 4] },
    { label: 'Forecast', color: '--chart-2', width: 2 },
    { label: '95% lower', color: '--chart-band', edge: true },
    { label: '95% upper', color: '--chart-band', edge: true },
    { label: '80% lower', color: '--chart-band', edge: true },
    { label: '80% upper', color: '--chart-band', edge: true },
  ];
  const columns = [actual, backtest, mean, lo95, hi95, lo80, hi80];
  input.others.forEach((other, j) => {
    const s = empty();
    const f = futureOf(other.outcome);
    f.time.forEach((t, k) => {
      const i = index.get(t);
      if (i !== undefined) s[i] = f.mean[k]!;
    });
    series.push({ label: other.label, color: OTHER_COLOURS[j % OTHER_COLOURS.length]!, width: 1.5, dash: [2, 3] });
    columns.push(s);
  });
  if (backtestActual.length === 0) {
    // Keep the indices stable (bands refer to them) but leave the empty series out of the legend.
    series[1] = { ...series[1]!, edge: true };
  }

  const bands: BandSpec[] = [
    { upper: 4, lower: 3, color: '--chart-band', opacity: 0.12 },
    { upper: 6, lower: 5, color: '--chart-band', opacity: 0.2 },
  ];

  // Open on the recent past and the forecast: a few horizons of history, at least 48 points.
  const tail = Math.max(4 * h, 48);
  const from = x[Math.max(0, histTime.length - tail)] ?? x[0] ?? 0;
  const to = x[n - 1] ?? from + 1;
  return { frame: { x, series: columns }, series, bands, initialRange: [from, to > from ? to : from + 1], historyCut: start };
}
