// `npm run bench -- accuracy [--json] [--only a,b] [--origins K] [--time-budget SEC] [--model auto|rnn|lstm|gru] [--workers N]`:
// the CLI's pipeline with a backtest on every series of ../shared/data/manifest.json (target,
// covariates, m and h from the manifest), next to R's forecast package on the same protocol.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from '../engine/data';
import { ForecastInputError } from '../engine/forecast/errors';
import { runForecast, type ForecastRun } from '../engine/forecast/pipeline';
import type { ForecastSettings, ModelChoice } from '../engine/forecast/settings';
import { createForecastPool } from '../engine/jobs/forecast-pool';

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

interface SeriesScore {
  id: string;
  h: number;
  model: string;
  smape: number;
  mase: number;
  snaiveSmape: number;
  snaiveMase: number;
  coverage80: number;
  coverage95: number;
  /** Hidden points observed (missing ones are not scored). */
  points: number;
  seconds: number;
  verdict: string;
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
    workerUrl: new URL('../engine/jobs/worker.ts', import.meta.url),
    ...(values.workers !== undefined ? { size: Number(values.workers) } : {}),
  });
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };
  const scores: SeriesScore[] = [];
  log(`${'series'.padEnd(26)} ${'sMAPE'.padStart(7)} ${'MASE'.padStart(7)} | ${'sn sMAPE'.padStart(8)} ${'sn MASE'.padStart(7)} | ${'cov80'.padStart(5)} ${'cov95'.padStart(5)} | ${'sec'.padStart(5)}  model`);
  try {
    for (const entry of entries) {
      const text = readFileSync(resolve(DATA, entry.file), 'utf8');
      const { dataset } = readDataset(text, { source: entry.file, timeColumn: entry.time_column });
      let run: ForecastRun;
      try {
        run = await runForecast(
          dataset,
          { ...settings, target: entry.target, covariates: entry.covariates, horizon: entry.h, season: entry.m, backtest: true },
          pool,
        );
      } catch (error) {
        // e.g. too short for several rolling origins: say so and go on with the others
        if (!(error instanceof ForecastInputError)) throw error;
        log(`${entry.id.padEnd(26)} skipped: ${error.message}`);
        continue;
      }
      const b = run.backtest!;
      const observed = b.origins.reduce((a, o) => a + o.actual.filter((v) => !Number.isNaN(v)).length, 0);
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

  const mean = (f: (s: SeriesScore) => number) => scores.reduce((a, s) => a + f(s), 0) / scores.length;
  const pooled = (f: (s: SeriesScore) => number) =>
    scores.reduce((a, s) => a + f(s) * s.points, 0) / scores.reduce((a, s) => a + s.points, 0);
  const summary = {
    series: scores.length,
    meanSmape: mean((s) => s.smape),
    meanMase: mean((s) => s.mase),
    snaiveMeanSmape: mean((s) => s.snaiveSmape),
    snaiveMeanMase: mean((s) => s.snaiveMase),
    // Strictly ahead: a model that only reproduces seasonal naive (to rounding) is not counted.
    beatsSnaive: scores.filter((s) => s.mase < s.snaiveMase * (1 - 1e-9)).length,
    coverage80: pooled((s) => s.coverage80),
    coverage95: pooled((s) => s.coverage95),
    maxSeconds: Math.max(...scores.map((s) => s.seconds)),
    meanSeconds: mean((s) => s.seconds),
    anchors: rAnchors(scores.map((s) => s.id)),
  };
  if (values.json) {
    console.log(JSON.stringify({ summary, series: scores }, null, 2));
    return 0;
  }
  log('');
  log(`mean over ${summary.series} series: sMAPE ${summary.meanSmape.toFixed(2)}  MASE ${summary.meanMase.toFixed(3)}` +
    `   (seasonal naive: sMAPE ${summary.snaiveMeanSmape.toFixed(2)}  MASE ${summary.snaiveMeanMase.toFixed(3)})`);
  log(`model ahead of seasonal naive (MASE) on ${summary.beatsSnaive}/${summary.series} series`);
  log(`interval coverage over the hidden points: 80% → ${summary.coverage80.toFixed(3)}, 95% → ${summary.coverage95.toFixed(3)}`);
  log(`seconds per series: mean ${summary.meanSeconds.toFixed(1)}, max ${summary.maxSeconds.toFixed(1)}`);
  log('');
  log("R's forecast package 8.20 on the same series (anchors.csv):");
  for (const [method, a] of Object.entries(summary.anchors)) {
    log(`  ${method.padEnd(11)} mean sMAPE ${a.meanSmape.toFixed(2).padStart(6)}  mean MASE ${a.meanMase.toFixed(3)}` +
      (a.coverage95 !== null ? `  95% coverage ${a.coverage95.toFixed(3)}` : ''));
  }
  return 0;
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
