// `npm run bench -- covariates [--origins K] [--model auto|rnn|lstm|gru] [--workers N] [--only real,synthetic]`:
// does knowing covariates in advance help? The same model with and without them, backtested
// over the last K origins (default 2), on
//   real:      daily entries at Chicago's Clark/Lake L station (R modeldata::Chicago,
//              test/fixtures/covariates/chicago_ridership.csv), horizon 14, with US public
//              holidays (--holidays US) against without;
//   synthetic: daily sales with planned promotions adding a known 30 a day
//              (test/engine/forecast/promotion.ts), horizon 28, the promotion known in advance
//              against the same column as a past-only covariate (today's behaviour).
// For the synthetic case it also measures the recovered promotion effect: with the trained
// model, the what-if forecast of each step with a promotion on that day alone minus the one
// with none, averaged over the 28 steps (target: 30 ± 10%).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from '../engine/data';
import type { Dataset } from '../engine/data/types';
import { runForecast, type ForecastRun } from '../engine/forecast/pipeline';
import { createForecastPool } from '../engine/forecast/pool';
import type { ForecastSettings, ModelChoice } from '../engine/forecast/settings';
import { prepareWhatIf } from '../engine/forecast/whatIf';
import type { ForecastSubmitter } from '../engine/forecast/pool';
import { promotionDataset } from '../test/engine/forecast/promotion';

const ROOT = resolve(import.meta.dirname, '..');
export const PROMOTION_EFFECT = 30;

interface Comparison {
  name: string;
  driver: string;
  with: ForecastRun;
  without: ForecastRun;
}

function line(label: string, run: ForecastRun): string {
  const b = run.backtest!;
  return (
    `  ${label.padEnd(34)} MAE ${b.metrics.mae.toFixed(3).padStart(7)}  MASE ${b.metrics.mase.toFixed(3).padStart(6)}  ` +
    `cov80 ${b.metrics.coverage80.toFixed(2)} cov95 ${b.metrics.coverage95.toFixed(2)}  ${run.seconds.toFixed(0).padStart(4)} s  ${run.model}`
  );
}

function report(c: Comparison): boolean {
  const w = c.with.backtest!;
  const wo = c.without.backtest!;
  const gain = 1 - w.metrics.mae / wo.metrics.mae;
  const better = w.metrics.mae < wo.metrics.mae && w.metrics.mase < wo.metrics.mase;
  console.log(`${c.name} (${w.origins.length} origin(s) × ${w.origins[0].actual.length} steps)`);
  console.log(line(`with ${c.driver}`, c.with));
  console.log(line('without', c.without));
  console.log(`  ${'seasonal naive'.padEnd(34)} MAE ${w.baselines.snaive.mae.toFixed(3).padStart(7)}  MASE ${w.baselines.snaive.mase.toFixed(3).padStart(6)}`);
  console.log(`  known in advance: backtest MAE ${(100 * gain).toFixed(1)}% lower — ${better ? 'beats' : 'does NOT beat'} the same model without them`);
  return better;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { origins: { type: 'string' }, model: { type: 'string' }, workers: { type: 'string' }, only: { type: 'string' } },
  });
  const only = values.only?.split(',') ?? ['real', 'synthetic'];
  const common: Partial<ForecastSettings> = {
    model: (values.model ?? 'gru') as ModelChoice,
    backtest: true,
    backtestOrigins: Number(values.origins ?? 2),
    // No time budget: the work budget bounds training, so the figures do not depend on the machine.
    timeBudgetSec: 0,
  };
  const pool = createForecastPool({
    workerUrl: new URL('../engine/forecast/worker.ts', import.meta.url),
    ...(values.workers !== undefined ? { size: Number(values.workers) } : {}),
  });
  let ok = true;
  try {
    if (only.includes('real')) {
      const text = readFileSync(resolve(ROOT, 'test/fixtures/covariates/chicago_ridership.csv'), 'utf8');
      const { dataset } = readDataset(text, { source: 'chicago_ridership.csv' });
      const settings = { ...common, target: 'ridership', horizon: 14 };
      ok = report({
        name: 'real: Chicago L, Clark/Lake daily entries (thousands), 2013-01-01 … 2016-01-03',
        driver: 'US public holidays',
        with: await runForecast(dataset, { ...settings, holidays: 'US' }, pool),
        without: await runForecast(dataset, { ...settings, futureCovariates: [] }, pool),
      }) && ok;
    }
    if (only.includes('synthetic')) {
      const dataset = promotionDataset({ days: 730, futureDays: 28, effect: PROMOTION_EFFECT });
      const settings = { ...common, target: 'sales', horizon: 28 };
      const withKnown = await runForecast(dataset, { ...settings, futureCovariates: ['promo'] }, pool);
      ok = report({
        name: `synthetic: daily sales, promotions add ${PROMOTION_EFFECT} (730 days + 28 planned)`,
        driver: 'the promotion plan',
        with: withKnown,
        without: await runForecast(dataset, { ...settings, covariates: ['promo'], futureCovariates: [] }, pool),
      }) && ok;
      ok = (await recoveredEffect(dataset, withKnown, pool)) && ok;
    }
  } finally {
    await pool.close();
  }
  return ok ? 0 : 1;
}

/**
 * The promotion effect the trained model forecasts: per step k, the forecast with a promotion
 * on day k alone minus the forecast with none, at step k; the mean over steps.
 */
async function recoveredEffect(dataset: Dataset, run: ForecastRun, _pool: ForecastSubmitter): Promise<boolean> {
  const whatIf = await prepareWhatIf(dataset, run.modelFile, 'bench');
  const h = whatIf.time.length;
  const none = whatIf.forecast({ promo: new Float64Array(h) });
  const effects: number[] = [];
  const started = performance.now();
  for (let k = 0; k < h; k++) {
    const plan = new Float64Array(h);
    plan[k] = 1;
    effects.push(whatIf.forecast({ promo: plan }).mean[k] - none.mean[k]);
  }
  const perCall = (performance.now() - started) / h;
  const mean = effects.reduce((a, b) => a + b, 0) / h;
  const error = Math.abs(mean / PROMOTION_EFFECT - 1);
  console.log(
    `  recovered promotion effect (what-if, one promotion day vs none, mean of ${h} steps): ${mean.toFixed(2)} ` +
      `(true ${PROMOTION_EFFECT}; off by ${(100 * error).toFixed(1)}%, target ≤ 10%; per step from ${Math.min(...effects).toFixed(1)} to ${Math.max(...effects).toFixed(1)})`,
  );
  console.log(`  what-if re-forecast: ${perCall.toFixed(1)} ms per call (${run.modelFile.members.length} networks; timing varies with machine load)`);
  return error <= 0.1;
}
