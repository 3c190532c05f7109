// `npm run bench -- accuracy [--set dev|m3-dev|m1[,…]] [--only a,b] [--frequency yearly,…]
//   [--origins K] [--time-budget SEC] [--model auto|…] [--workers N] [--json] [--dump FILE]`:
// the CLI's pipeline with a backtest on every series of a shared set (the last h values hidden,
// target, covariates, m and h from its manifest), scored as the sets' READMEs say (sMAPE as in
// M4, MASE, OWA against Naive2, 80/95% coverage of the hidden values), per series, per frequency
// and overall, next to the methods in the set's anchors.csv scored on the same series (the M3
// competition's original entrants and R's forecast package). A series the pipeline refuses is
// counted, and scored as Naive2 in the means. With several sets, coverage is also pooled over all.
// With --origins K (dev) it also prints the rolling-origin summary over K origins one horizon apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError, readDataset, type Dataset } from '../engine/data';
import { runForecast, type BacktestOrigin, type ForecastRun, type PipelineHooks } from '../engine/forecast/pipeline';
import { createForecastPool } from '../engine/forecast/pool';
import { maseSeason, pointMetrics } from '../engine/forecast/metrics';
import type { ForecastSettings } from '../engine/forecast/settings';
import { ForecastInputError } from '../engine/models/errors';
import { naive2Forecast } from '../engine/models/naive/naive2';

const DATA = resolve(import.meta.dirname, '../../shared/data');

/** Where each set lives and how it scales MASE (its README). */
const SETS = {
  // m = 1 where the training part has fewer than 3·m values (M4's rule).
  dev: { folder: '', maseLag: (m: number, n: number) => maseSeason(n, m) },
  // Lag m always (the M3 and M1 READMEs).
  'm3-dev': { folder: 'm3-dev', maseLag: (m: number) => m },
  m1: { folder: 'm1', maseLag: (m: number) => m },
} as const;
type SetName = keyof typeof SETS;

/** The anchors shown per set, in this order (the M3 originals, then R's forecast package). */
const ANCHOR_METHODS: Record<SetName, string[]> = {
  dev: ['snaive', 'ets', 'thetaf', 'auto.arima', 'nnetar'],
  'm3-dev': ['THETA', 'ForecastPro', 'ForcX', 'Auto-ANN', 'COMB S-H-D', 'NAIVE2', 'ets', 'auto.arima', 'thetaf', 'nnetar'],
  m1: ['ets', 'thetaf', 'nnetar', 'naive2'],
};

interface ManifestEntry {
  id: string;
  file: string;
  time_column: string;
  target: string;
  covariates: string[];
  frequency: string;
  m: number;
  h: number;
}

/** Scores on some hidden points. */
interface Scores {
  smape: number;
  mase: number;
  naive2Smape: number;
  naive2Mase: number;
  /** Hidden points inside the intervals, and observed hidden points. */
  inside80: number;
  inside95: number;
  points: number;
}

interface SeriesScore extends Scores {
  set: SetName;
  id: string;
  frequency: string;
  h: number;
  /** The run's model description, or why the series was refused (then scored as Naive2). */
  model: string;
  refused: boolean;
  seconds: number;
  verdict: string;
  /** Per origin (one without --origins), oldest first. */
  origins: Scores[];
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      set: { type: 'string' },
      json: { type: 'boolean' },
      only: { type: 'string' },
      frequency: { type: 'string' },
      origins: { type: 'string' },
      'time-budget': { type: 'string' },
      model: { type: 'string' },
      workers: { type: 'string' },
      // Every origin's candidates' validation predictions and hidden points as JSON, to study
      // model choice and interval calibration offline without retraining.
      dump: { type: 'string' },
    },
  });
  const sets = (values.set ?? 'dev').split(',') as SetName[];
  for (const s of sets) if (!(s in SETS)) throw new Error(`bench accuracy: no set "${s}"; sets are ${Object.keys(SETS).join(', ')}.`);
  const settings: Partial<ForecastSettings> = {};
  if (values['time-budget'] !== undefined) settings.timeBudgetSec = Number(values['time-budget']);
  if (values.model !== undefined) settings.model = values.model;
  if (values.origins !== undefined) settings.backtestOrigins = Number(values.origins);
  const only = values.only?.split(',');
  const frequencies = values.frequency?.split(',');

  const pool = createForecastPool({
    workerUrl: new URL('../engine/forecast/worker.ts', import.meta.url),
    ...(values.workers !== undefined ? { size: Number(values.workers) } : {}),
  });
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };
  const scores: SeriesScore[] = [];
  const dumps: unknown[] = [];
  try {
    for (const set of sets) {
      const folder = resolve(DATA, SETS[set].folder);
      const manifest = (JSON.parse(readFileSync(resolve(folder, 'manifest.json'), 'utf8')).series as ManifestEntry[])
        .filter((e) => (!only || only.includes(e.id)) && (!frequencies || frequencies.includes(e.frequency)));
      log(`\n${set}: ${manifest.length} series`);
      log(`${'series'.padEnd(26)} ${'freq'.padEnd(9)} ${'sMAPE'.padStart(7)} ${'MASE'.padStart(7)} ${'OWA'.padStart(6)} | ${'cov80'.padStart(5)} ${'cov95'.padStart(5)} | ${'sec'.padStart(5)}  model`);
      for (const entry of manifest) {
        const score = await scoreSeries(set, folder, entry, settings, pool, values.dump ? dumps : null);
        scores.push(score);
        const cov = (inside: number) => (score.points ? (inside / score.points).toFixed(2) : '  –  ');
        log(
          `${entry.id.padEnd(26)} ${entry.frequency.padEnd(9)} ${score.smape.toFixed(2).padStart(7)} ${score.mase.toFixed(3).padStart(7)} ` +
            `${owa(score).toFixed(3).padStart(6)} | ${cov(score.inside80).padStart(5)} ${cov(score.inside95).padStart(5)} | ` +
            `${score.seconds.toFixed(1).padStart(5)}  ${score.refused ? 'REFUSED: ' : ''}${score.model}`,
        );
      }
    }
  } finally {
    await pool.destroy();
  }
  if (values.dump) writeFileSync(values.dump, JSON.stringify(dumps));

  const report = sets.map((set) => setReport(set, scores.filter((s) => s.set === set)));
  const pooled = coverage(scores);
  if (values.json) {
    console.log(JSON.stringify({ sets: report, pooledCoverage: pooled, series: scores }, null, 2));
    return 0;
  }
  for (const r of report) printReport(r, log);
  if (sets.length > 1) {
    log(`\ncoverage pooled over ${sets.join(' + ')} (${pooled.points} hidden values): 80% → ${pooled.coverage80.toFixed(3)}, 95% → ${pooled.coverage95.toFixed(3)}`);
  }
  return 0;
}

async function scoreSeries(
  set: SetName,
  folder: string,
  entry: ManifestEntry,
  settings: Partial<ForecastSettings>,
  pool: Parameters<typeof runForecast>[2],
  dumps: unknown[] | null,
): Promise<SeriesScore> {
  const text = readFileSync(resolve(folder, entry.file), 'utf8');
  let dataset: Dataset;
  try {
    dataset = readDataset(text, { source: entry.file, timeColumn: entry.time_column }).dataset;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return unreadable(set, entry, error.message);
  }
  const values = dataset.columns.find((c) => c.name === entry.target)!.values;
  const h = entry.h;
  const selections: Parameters<NonNullable<PipelineHooks['onBacktestSelection']>>[0][] = [];
  const started = performance.now();
  let run: ForecastRun | null = null;
  let refusal = '';
  try {
    run = await runForecast(
      dataset,
      { ...settings, target: entry.target, covariates: entry.covariates, horizon: h, season: entry.m, backtest: true },
      pool,
      { onBacktestSelection: (o) => selections.push(o) },
    );
  } catch (error) {
    if (!(error instanceof ForecastInputError)) throw error;
    refusal = error.message;
  }
  const cuts = run ? run.backtest!.origins.map((o) => o.originRow) : [values.length - h];
  const origins = cuts.map((cut, j) => {
    const history = selections[j]?.series.target ?? filledPrefix(values, cut);
    const actual = values.slice(cut, cut + h);
    const train = values.subarray(firstObserved(values), cut);
    const scale = meanAbsoluteLagDifference(train, SETS[set].maseLag(entry.m, train.length));
    const naive2 = pointMetrics(actual, naive2Forecast(history, entry.m, h), scale);
    const origin: BacktestOrigin | null = run ? run.backtest!.origins[j] : null;
    const model = origin ? pointMetrics(actual, origin.forecast.mean, scale) : naive2;
    let inside80 = 0;
    let inside95 = 0;
    let points = 0;
    if (origin) {
      const f = origin.forecast;
      actual.forEach((y, k) => {
        if (Number.isNaN(y)) return;
        points++;
        if (y >= f.lower80[k] && y <= f.upper80[k]) inside80++;
        if (y >= f.lower95[k] && y <= f.upper95[k]) inside95++;
      });
    }
    return { smape: model.smape, mase: model.mase, naive2Smape: naive2.smape, naive2Mase: naive2.mase, inside80, inside95, points };
  });
  if (dumps && run) dumps.push(dumpSeries(entry, run, selections));
  const mean = (f: (o: Scores) => number) => origins.reduce((a, o) => a + f(o), 0) / origins.length;
  const total = (f: (o: Scores) => number) => origins.reduce((a, o) => a + f(o), 0);
  return {
    set,
    id: entry.id,
    frequency: entry.frequency,
    h,
    model: run ? run.model : refusal,
    refused: run === null,
    seconds: (performance.now() - started) / 1000,
    verdict: run?.verdict ?? '',
    origins,
    smape: mean((o) => o.smape),
    mase: mean((o) => o.mase),
    naive2Smape: mean((o) => o.naive2Smape),
    naive2Mase: mean((o) => o.naive2Mase),
    inside80: total((o) => o.inside80),
    inside95: total((o) => o.inside95),
    points: total((o) => o.points),
  };
}

const firstObserved = (values: Float64Array) => Math.max(0, values.findIndex((v) => !Number.isNaN(v)));

/** MASE's scale: the mean |y_t − y_{t−lag}| over the training part, pairs with a gap skipped. */
function meanAbsoluteLagDifference(train: Float64Array, lag: number): number {
  let sum = 0;
  let count = 0;
  for (let t = lag; t < train.length; t++) {
    const d = train[t] - train[t - lag];
    if (Number.isNaN(d)) continue;
    sum += Math.abs(d);
    count++;
  }
  return count ? sum / count : NaN;
}

/** A series the reader refuses: counted as refused, with no score (the means leave it out). */
function unreadable(set: SetName, entry: ManifestEntry, message: string): SeriesScore {
  const none = { smape: NaN, mase: NaN, naive2Smape: NaN, naive2Mase: NaN, inside80: 0, inside95: 0, points: 0 };
  return { set, id: entry.id, frequency: entry.frequency, h: entry.h, model: message, refused: true, seconds: 0, verdict: '', origins: [none], ...none };
}

/** The first `cut` values with gaps filled linearly (ends held), for Naive2 on a refused series. */
function filledPrefix(values: Float64Array, cut: number): Float64Array {
  const y = values.slice(0, cut);
  let prev = -1;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(y[t])) continue;
    if (prev === -1) y.fill(y[t], 0, t);
    else for (let k = prev + 1; k < t; k++) y[k] = y[prev] + ((y[t] - y[prev]) * (k - prev)) / (t - prev);
    prev = t;
  }
  if (prev >= 0) y.fill(y[prev], prev + 1);
  return y;
}

/** ½(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2), the M4 competition's overall weighted average. */
const owa = (s: Scores) => 0.5 * (s.smape / s.naive2Smape + s.mase / s.naive2Mase);

function coverage(rows: SeriesScore[]): { points: number; coverage80: number; coverage95: number } {
  const points = rows.reduce((a, s) => a + s.points, 0);
  return {
    points,
    coverage80: rows.reduce((a, s) => a + s.inside80, 0) / points,
    coverage95: rows.reduce((a, s) => a + s.inside95, 0) / points,
  };
}

interface GroupSummary {
  group: string;
  series: number;
  refused: number;
  smape: number;
  mase: number;
  /** Mean of per-series OWA, and M4's OWA of the means. */
  meanOwa: number;
  owaOfMeans: number;
  coverage80: number;
  coverage95: number;
  anchors: Record<string, { smape: number; mase: number } | null>;
}

interface SetReport {
  set: SetName;
  overall: GroupSummary;
  byFrequency: GroupSummary[];
  worst: { id: string; maseOverNaive2: number };
  secondsMedian: number;
  secondsMax: number;
  rolling: { origins: number; smape: number; mase: number; coverage80: number; coverage95: number } | null;
}

function setReport(set: SetName, rows: SeriesScore[]): SetReport {
  const anchors = readAnchors(set);
  const group = (name: string, picked: SeriesScore[]): GroupSummary => {
    const mean = (f: (s: SeriesScore) => number) => picked.reduce((a, s) => a + f(s), 0) / picked.length;
    const smape = mean((s) => s.smape);
    const mase = mean((s) => s.mase);
    const c = coverage(picked);
    const anchorMeans: GroupSummary['anchors'] = {};
    for (const method of ANCHOR_METHODS[set]) {
      const scored = picked.map((s) => anchors.get(`${s.id}\u0000${method}`)).filter((a) => a !== undefined);
      anchorMeans[method] = scored.length === picked.length
        ? { smape: scored.reduce((a, x) => a + x.smape, 0) / scored.length, mase: scored.reduce((a, x) => a + x.mase, 0) / scored.length }
        : null;
    }
    return {
      group: name,
      series: picked.length,
      refused: picked.filter((s) => s.refused).length,
      smape,
      mase,
      meanOwa: mean(owa),
      owaOfMeans: 0.5 * (smape / mean((s) => s.naive2Smape) + mase / mean((s) => s.naive2Mase)),
      coverage80: c.coverage80,
      coverage95: c.coverage95,
      anchors: anchorMeans,
    };
  };
  const frequencies = [...new Set(rows.map((s) => s.frequency))];
  const ratios = rows.map((s) => ({ id: s.id, maseOverNaive2: s.mase / s.naive2Mase })).filter((r) => Number.isFinite(r.maseOverNaive2));
  const seconds = rows.map((s) => s.seconds).sort((a, b) => a - b);
  const K = Math.max(...rows.map((s) => s.origins.length));
  const last = (s: SeriesScore): SeriesScore => ({ ...s, ...s.origins[s.origins.length - 1], origins: [s.origins[s.origins.length - 1]] });
  const single = K > 1 ? rows.map(last) : rows;
  return {
    set,
    overall: group('all', single),
    byFrequency: frequencies.map((f) => group(f, single.filter((s) => s.frequency === f))),
    worst: ratios.reduce((a, b) => (b.maseOverNaive2 > a.maseOverNaive2 ? b : a), { id: '', maseOverNaive2: 0 }),
    secondsMedian: seconds.length % 2 ? seconds[seconds.length >> 1] : (seconds[seconds.length / 2 - 1] + seconds[seconds.length / 2]) / 2,
    secondsMax: seconds[seconds.length - 1],
    rolling: K > 1 ? { origins: K, ...pick(group('rolling', rows)) } : null,
  };
}

const pick = (g: GroupSummary) => ({ smape: g.smape, mase: g.mase, coverage80: g.coverage80, coverage95: g.coverage95 });

function printReport(r: SetReport, log: (line: string) => void): void {
  log(`\n${r.set}: ${r.overall.series} series, ${r.overall.refused} refused (scored as Naive2)` + (r.rolling ? ' — last origin:' : ''));
  const methods = Object.keys(r.overall.anchors);
  const header = `${'group'.padEnd(12)} ${'n'.padStart(4)}  ${'Tidecast'.padStart(14)}  ${'OWA'.padStart(5)}  ${'cov80'.padStart(5)} ${'cov95'.padStart(5)}  ` +
    methods.map((m) => m.padStart(14)).join(' ');
  log('mean sMAPE / MASE');
  log(header);
  for (const g of [r.overall, ...r.byFrequency]) {
    const cell = (x: { smape: number; mase: number } | null) => (x ? `${x.smape.toFixed(2)} / ${x.mase.toFixed(3)}` : '–').padStart(14);
    log(
      `${g.group.padEnd(12)} ${String(g.series).padStart(4)}  ${cell(g)}  ${g.owaOfMeans.toFixed(3).padStart(5)}  ` +
        `${g.coverage80.toFixed(3).padStart(5)} ${g.coverage95.toFixed(3).padStart(5)}  ${methods.map((m) => cell(g.anchors[m])).join(' ')}`,
    );
  }
  log(`worst series: ${r.worst.id}, MASE ${r.worst.maseOverNaive2.toFixed(2)}× Naive2's`);
  log(`seconds per series: median ${r.secondsMedian.toFixed(1)}, max ${r.secondsMax.toFixed(1)}`);
  if (r.rolling) {
    log(`rolling origin, ${r.rolling.origins} origins one horizon apart: sMAPE ${r.rolling.smape.toFixed(2)}, MASE ${r.rolling.mase.toFixed(3)}, ` +
      `coverage 80% → ${r.rolling.coverage80.toFixed(3)}, 95% → ${r.rolling.coverage95.toFixed(3)}`);
  }
}

/** The set's anchors.csv as (series, method) → scores. */
function readAnchors(set: SetName): Map<string, { smape: number; mase: number }> {
  const lines = readFileSync(resolve(DATA, SETS[set].folder, 'anchors.csv'), 'utf8').trim().split('\n');
  const split = (l: string) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const header = split(lines[0]);
  const at = (name: string) => header.indexOf(name);
  const out = new Map<string, { smape: number; mase: number }>();
  for (const line of lines.slice(1)) {
    const cells = split(line);
    const smape = Number(cells[at('smape')]);
    if (cells[at('smape')] === '' || !Number.isFinite(smape)) continue;
    out.set(`${cells[at('series')]}\u0000${cells[at('method')]}`, { smape, mase: Number(cells[at('mase')]) });
  }
  return out;
}

/** One series' origins as plain arrays: the cut target, the hidden points, every candidate's validation predictions. */
function dumpSeries(entry: ManifestEntry, run: ForecastRun, selections: Parameters<NonNullable<PipelineHooks['onBacktestSelection']>>[0][]): unknown {
  const list = (a: ArrayLike<number>) => Array.from(a);
  return {
    id: entry.id,
    m: entry.m,
    h: entry.h,
    origins: selections.map((o) => {
      const c = o.selection.combined;
      const b = run.backtest!.origins[o.index];
      return {
        cut: o.cut,
        target: list(o.series.target),
        actual: list(b.actual),
        ends: list(o.selection.pool[0].validation.ends),
        validationActual: list(o.selection.pool[0].validation.actual),
        members: o.selection.members.length,
        pool: o.selection.pool.map((p) => ({
          label: p.label,
          validationMae: p.validationMae,
          predicted: list(p.validation.predicted),
          future: list(p.future),
        })),
        baseline: c.baseline,
        mean: list(c.future.mean),
        calibration: { space: c.calibration.space, method: c.calibration.method, q80: list(c.calibration.q80), q95: list(c.calibration.q95) },
      };
    }),
  };
}
