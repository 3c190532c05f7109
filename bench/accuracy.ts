// `npm run bench -- accuracy [--json] [--only a,b] [--origins K] [--time-budget SEC] [--model auto|rnn|lstm|gru] [--workers N]`:
// the CLI's pipeline with a backtest on every series of ../shared/data/manifest.json (target,
// covariates, m and h from the manifest), next to R's forecast package on the same protocol.
// With --origins K it also prints the rolling-origin summary (K origins one horizon apart) and
// coverage per origin; the last origin alone is the single-origin protocol of shared/data's README.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from '../engine/data';
import { ForecastInputError } from '../engine/models/errors';
import { runForecast, type BacktestOrigin, type ForecastRun, type PipelineHooks } from '../engine/forecast/pipeline';
import type { ForecastSettings, ModelChoice } from '../engine/forecast/settings';
import { createForecastPool } from '../engine/forecast/pool';

const DATA = resolve(import.meta.dirname, '../../shared/data');

interface ManifestEntry {
  id: string;
  file: string;
  time_column: string;
  target: string;
  covariates: string[];
  m: number;
  h: number;
}

/** Scores of the model and of seasonal naive on some hidden points. */
interface Scores {
  smape: number;
  mase: number;
  snaiveSmape: number;
  snaiveMase: number;
  coverage80: number;
  coverage95: number;
  /** Hidden points observed (missing ones are not scored). */
  points: number;
}

/** One origin's scores (the last origin is the single-origin protocol: the last h points hidden). */
interface OriginScore extends Scores {
  originRow: number;
  /** Sums over the observed hidden points: interval widths and seasonal naive's absolute errors. */
  width80Sum: number;
  width95Sum: number;
  snaiveAbsSum: number;
}

interface SeriesScore extends Scores {
  id: string;
  h: number;
  model: string;
  seconds: number;
  verdict: string;
  origins: OriginScore[];
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      only: { type: 'string' },
      // Rolling-origin backtest over the last K origins (scores averaged); 1 = the manifest's protocol.
      origins: { type: 'string' },
      'time-budget': { type: 'string' },
      model: { type: 'string' },
      workers: { type: 'string' },
      // Write every origin's candidates' validation predictions and hidden points as JSON, to
      // study interval calibration offline without retraining.
      dump: { type: 'string' },
    },
  });
  const manifest = JSON.parse(readFileSync(resolve(DATA, 'manifest.json'), 'utf8')).series as ManifestEntry[];
  const only = values.only?.split(',');
  const entries = only ? manifest.filter((e) => only.includes(e.id)) : manifest;
  const settings: Partial<ForecastSettings> = {};
  if (values['time-budget'] !== undefined) settings.timeBudgetSec = Number(values['time-budget']);
  if (values.model !== undefined) settings.model = values.model as ModelChoice;
  if (values.origins !== undefined) settings.backtestOrigins = Number(values.origins);

  const pool = createForecastPool({
    workerUrl: new URL('../engine/forecast/worker.ts', import.meta.url),
    ...(values.workers !== undefined ? { size: Number(values.workers) } : {}),
  });
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };
  const scores: SeriesScore[] = [];
  const dumps: unknown[] = [];
  log(`${'series'.padEnd(26)} ${'sMAPE'.padStart(7)} ${'MASE'.padStart(7)} | ${'sn sMAPE'.padStart(8)} ${'sn MASE'.padStart(7)} | ${'cov80'.padStart(5)} ${'cov95'.padStart(5)} | ${'sec'.padStart(5)}  model`);
  try {
    for (const entry of entries) {
      const text = readFileSync(resolve(DATA, entry.file), 'utf8');
      const { dataset } = readDataset(text, { source: entry.file, timeColumn: entry.time_column });
      let run: ForecastRun;
      const selections: Parameters<NonNullable<PipelineHooks['onBacktestSelection']>>[0][] = [];
      try {
        run = await runForecast(
          dataset,
          { ...settings, target: entry.target, covariates: entry.covariates, horizon: entry.h, season: entry.m, backtest: true },
          pool,
          values.dump ? { onBacktestSelection: (o) => selections.push(o) } : {},
        );
      } catch (error) {
        // e.g. too short for several rolling origins: say so and go on with the others
        if (!(error instanceof ForecastInputError)) throw error;
        log(`${entry.id.padEnd(26)} skipped: ${error.message}`);
        continue;
      }
      const b = run.backtest!;
      const origins: OriginScore[] = b.origins.map((o) => ({
        originRow: o.originRow,
        smape: o.metrics.smape,
        mase: o.metrics.mase,
        snaiveSmape: o.baselineMetrics.snaive.smape,
        snaiveMase: o.baselineMetrics.snaive.mase,
        coverage80: o.metrics.coverage80,
        coverage95: o.metrics.coverage95,
        points: o.actual.filter((v) => !Number.isNaN(v)).length,
        ...widthSums(o.actual, o.forecast, o.baselines.snaive),
      }));
      if (values.dump) dumps.push(dumpSeries(entry, run, selections));
      const observed = origins.reduce((a, o) => a + o.points, 0);
      const score: SeriesScore = {
        id: entry.id,
        h: entry.h,
        model: run.model,
        smape: b.metrics.smape,
        mase: b.metrics.mase,
        snaiveSmape: b.baselines.snaive.smape,
        snaiveMase: b.baselines.snaive.mase,
        coverage80: b.metrics.coverage80,
        coverage95: b.metrics.coverage95,
        points: observed,
        seconds: run.seconds,
        verdict: run.verdict,
        origins,
      };
      scores.push(score);
      log(
        `${entry.id.padEnd(26)} ${score.smape.toFixed(2).padStart(7)} ${score.mase.toFixed(3).padStart(7)} | ` +
          `${score.snaiveSmape.toFixed(2).padStart(8)} ${score.snaiveMase.toFixed(3).padStart(7)} | ` +
          `${score.coverage80.toFixed(2).padStart(5)} ${score.coverage95.toFixed(2).padStart(5)} | ${score.seconds.toFixed(1).padStart(5)}  ${run.model}`,
      );
    }
  } finally {
    await pool.destroy();
  }

  if (values.dump) writeFileSync(values.dump, JSON.stringify(dumps));
  const K = Math.max(1, ...scores.map((s) => s.origins.length));
  const last = (s: SeriesScore) => s.origins[s.origins.length - 1];
  const lastOrigin = summarise(scores.map((s) => ({ ...last(s), origins: [last(s)] })));
  const rolling = K > 1 ? summarise(scores) : null;
  // Per origin j of K, counted back from the end (a series with fewer origins lines up at the last).
  const perOrigin = Array.from({ length: K > 1 ? K : 0 }, (_, j) => {
    const picked = scores.filter((s) => s.origins.length >= K - j).map((s) => s.origins[s.origins.length - (K - j)]);
    return { origin: j + 1, ...summarise(picked.map((o) => ({ ...o, origins: [o] }))) };
  });
  const summary = {
    series: scores.length,
    origins: K,
    // The single-origin protocol: the last h points hidden (the last origin of a rolling run).
    lastOrigin,
    // Per series the mean over its origins; coverage pooled over every hidden point.
    rolling,
    perOrigin,
    maxSeconds: Math.max(...scores.map((s) => s.seconds)),
    meanSeconds: scores.reduce((a, s) => a + s.seconds, 0) / scores.length,
    anchors: rAnchors(scores.map((s) => s.id)),
  };
  if (values.json) {
    console.log(JSON.stringify({ summary, series: scores }, null, 2));
    return 0;
  }
  const show = (title: string, p: ProtocolSummary) => {
    log(title);
    log(`  mean over ${p.series} series: sMAPE ${p.meanSmape.toFixed(2)}  MASE ${p.meanMase.toFixed(3)}` +
      `   (seasonal naive: sMAPE ${p.snaiveMeanSmape.toFixed(2)}  MASE ${p.snaiveMeanMase.toFixed(3)})`);
    log(`  model ahead of seasonal naive (MASE) on ${p.beatsSnaive}/${p.series} series`);
    log(`  interval coverage over the hidden points: 80% → ${p.coverage80.toFixed(3)}, 95% → ${p.coverage95.toFixed(3)}`);
    log(`  interval width / seasonal naive MAE (mean over series): 80% → ${p.width80.toFixed(2)}, 95% → ${p.width95.toFixed(2)}`);
  };
  log('');
  show(K > 1 ? 'last origin (the issue\'s protocol: the last h points hidden):' : 'single origin (the last h points hidden):', lastOrigin);
  if (rolling) {
    show(`rolling origin, ${K} origins one horizon apart (per series the mean over origins):`, rolling);
    for (const o of perOrigin) {
      log(`  origin ${o.origin}/${K}: MASE ${o.meanMase.toFixed(3)} (seasonal naive ${o.snaiveMeanMase.toFixed(3)}), ahead on ${o.beatsSnaive}/${o.series}, ` +
        `coverage 80% → ${o.coverage80.toFixed(3)}, 95% → ${o.coverage95.toFixed(3)}`);
    }
  }
  log(`seconds per series: mean ${summary.meanSeconds.toFixed(1)}, max ${summary.maxSeconds.toFixed(1)}`);
  log('');
  log("R's forecast package 8.20 on the same series (anchors.csv, single origin):");
  for (const [method, a] of Object.entries(summary.anchors)) {
    log(`  ${method.padEnd(11)} mean sMAPE ${a.meanSmape.toFixed(2).padStart(6)}  mean MASE ${a.meanMase.toFixed(3)}` +
      (a.coverage95 !== null ? `  95% coverage ${a.coverage95.toFixed(3)}` : ''));
  }
  return 0;
}

interface ProtocolSummary {
  series: number;
  meanSmape: number;
  meanMase: number;
  snaiveMeanSmape: number;
  snaiveMeanMase: number;
  /** Series where the model is strictly ahead of seasonal naive on MASE. */
  beatsSnaive: number;
  /** Pooled over every hidden point. */
  coverage80: number;
  coverage95: number;
  /**
   * Interval width relative to seasonal naive's error: per series the mean width over its
   * hidden points divided by seasonal naive's MAE on them, then the mean over series (so a
   * calibration "fixed" by widening shows here).
   */
  width80: number;
  width95: number;
}

/** Point scores of one series (over its origins) and the origins whose points coverage pools. */
interface SeriesRow {
  smape: number;
  mase: number;
  snaiveSmape: number;
  snaiveMase: number;
  origins: OriginScore[];
}

/** Means over series; coverage pooled over every hidden point of every origin. */
function summarise(rows: SeriesRow[]): ProtocolSummary {
  const mean = (f: (s: SeriesRow) => number) => rows.reduce((a, s) => a + f(s), 0) / rows.length;
  const origins = rows.flatMap((r) => r.origins);
  const points = origins.reduce((a, o) => a + o.points, 0);
  const pooled = (f: (o: OriginScore) => number) => origins.reduce((a, o) => a + f(o) * o.points, 0) / points;
  return {
    series: rows.length,
    meanSmape: mean((s) => s.smape),
    meanMase: mean((s) => s.mase),
    snaiveMeanSmape: mean((s) => s.snaiveSmape),
    snaiveMeanMase: mean((s) => s.snaiveMase),
    // Strictly ahead: a model that only reproduces seasonal naive (to rounding) is not counted.
    beatsSnaive: rows.filter((s) => s.mase < s.snaiveMase * (1 - 1e-9)).length,
    coverage80: pooled((o) => o.coverage80),
    coverage95: pooled((o) => o.coverage95),
    width80: mean((s) => sum(s.origins, (o) => o.width80Sum) / sum(s.origins, (o) => o.snaiveAbsSum)),
    width95: mean((s) => sum(s.origins, (o) => o.width95Sum) / sum(s.origins, (o) => o.snaiveAbsSum)),
  };
}

const sum = <T>(items: T[], f: (x: T) => number) => items.reduce((a, x) => a + f(x), 0);

function widthSums(actual: Float64Array, f: BacktestOrigin['forecast'], snaive: Float64Array) {
  let width80Sum = 0;
  let width95Sum = 0;
  let snaiveAbsSum = 0;
  actual.forEach((y, k) => {
    if (Number.isNaN(y)) return;
    width80Sum += f.upper80[k] - f.lower80[k];
    width95Sum += f.upper95[k] - f.lower95[k];
    snaiveAbsSum += Math.abs(y - snaive[k]);
  });
  return { width80Sum, width95Sum, snaiveAbsSum };
}

/** Means of R's scores per method over the given series. */
function rAnchors(ids: string[]): Record<string, { meanSmape: number; meanMase: number; coverage95: number | null }> {
  const rows = readFileSync(resolve(DATA, 'anchors.csv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')));
  const out: Record<string, { meanSmape: number; meanMase: number; coverage95: number | null }> = {};
  for (const method of ['snaive', 'ets', 'auto.arima', 'nnetar']) {
    const picked = rows.filter((r) => r[5] === method && ids.includes(r[0]));
    if (!picked.length) continue;
    const cov = picked.filter((r) => r[8] !== '');
    out[method] = {
      meanSmape: picked.reduce((a, r) => a + Number(r[6]), 0) / picked.length,
      meanMase: picked.reduce((a, r) => a + Number(r[7]), 0) / picked.length,
      coverage95: cov.length ? cov.reduce((a, r) => a + Number(r[8]) * Number(r[3]), 0) / cov.reduce((a, r) => a + Number(r[3]), 0) : null,
    };
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
          log: (p.fits[0].state as { schema?: { transform: { log: boolean } } }).schema?.transform.log ?? false,
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
