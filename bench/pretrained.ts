// `npm run bench -- pretrained [--weights FILE] [--fine-tune EPOCHS [--fine-tune-lr LR]] [--r-forecasts FILE] [--list]`:
// the pretrained networks on m3-dev (200 M3 series, last h hidden) and on the 16 long series of
// ../shared/data, scored as their READMEs say (sMAPE as M4, MASE, OWA vs naive2, 80%/95%
// coverage, seconds per series), per frequency and overall, next to anchors.csv.
// --r-forecasts takes a CSV of R forecasts (series,method,step,mean,…: thetaf and ets, written
// by tools/r-forecasts.R) and adds the combinations of the network with them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coverage, pointMetrics, seasonalNaiveScale } from '../engine/forecast/metrics';
import { DEFAULT_FINE_TUNE } from '../engine/models/global/finetune';
import { fitTransform, fromModel, toModel } from '../engine/models/global/prepare';
import { FREQUENCY_CLASSES, forecastPretrained, loadPretrainedBundle, shippedPretrained, type Pretrained } from '../engine/models/pretrained';
import { SHARED_DATA, frequencyClass, readSet, type SetSeries } from '../tools/series-sets';

interface Scored {
  id: string;
  group: string;
  smape: number;
  mase: number;
  inside80: number;
  inside95: number;
  points: number;
  seconds: number;
}

interface AnchorRow {
  series: string;
  method: string;
  smape: number;
  mase: number;
}

const M3_ANCHORS = ['THETA', 'ForecastPro', 'ForcX', 'Auto-ANN', 'COMB S-H-D', 'NAIVE2', 'naive2', 'thetaf', 'ets', 'auto.arima'];
const LONG_ANCHORS = ['snaive', 'ets', 'auto.arima', 'thetaf', 'nnetar'];
const GROUPS = ['yearly', 'quarterly', 'monthly', 'other'];

function readAnchors(file: string): AnchorRow[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = splitCsv(lines[0]);
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = splitCsv(line);
    return { series: cells[col('series')], method: cells[col('method')], smape: Number(cells[col('smape')]), mase: Number(cells[col('mase')]) };
  });
}

/** Comma-separated cells; quoted cells may hold commas. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

/** R forecasts by method and series: the mean path. */
function readRForecasts(file: string): Map<string, Map<string, number[]>> {
  const byMethod = new Map<string, Map<string, number[]>>();
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  for (const line of lines) {
    const [series, method, step, mean] = splitCsv(line);
    const bySeries = byMethod.get(method) ?? new Map<string, number[]>();
    byMethod.set(method, bySeries);
    const path = bySeries.get(series) ?? [];
    path[Number(step) - 1] = Number(mean);
    bySeries.set(series, path);
  }
  return byMethod;
}

function score(s: SetSeries, group: string, mean: ArrayLike<number>, lower80: ArrayLike<number>, upper80: ArrayLike<number>, lower95: ArrayLike<number>, upper95: ArrayLike<number>, seconds: number): Scored {
  const train = s.values.subarray(0, s.trainLength);
  const actual = s.values.subarray(s.trainLength, s.trainLength + s.horizon);
  const m = pointMetrics(actual, mean, seasonalNaiveScale(train, s.season));
  const h = actual.length;
  return {
    id: s.id, group, smape: m.smape, mase: m.mase, seconds, points: h,
    inside80: coverage(actual, lower80, upper80) * h,
    inside95: coverage(actual, lower95, upper95) * h,
  };
}

/** naive2 as M4 defines it: the last seasonally adjusted value (thetaf's test and decomposition), reseasonalised. */
function naive2Path(s: SetSeries): number[] {
  const train = s.values.subarray(0, s.trainLength);
  const tr = fitTransform(train, train.length, s.season);
  const last = toModel(train[train.length - 1], train.length - 1, tr);
  return Array.from({ length: s.horizon }, (_, k) => fromModel(last, s.trainLength + k, tr));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      weights: { type: 'string' },
      'fine-tune': { type: 'string' },
      'fine-tune-lr': { type: 'string' },
      'r-forecasts': { type: 'string' },
      list: { type: 'boolean' },
    },
  });
  const pretrained: Pretrained = values.weights
    ? loadPretrainedBundle(JSON.parse(readFileSync(resolve(values.weights), 'utf8')), values.weights)
    : shippedPretrained();
  // The app's default unless --fine-tune (DEFAULT_FINE_TUNE); --fine-tune N = N epochs;
  // --fine-tune 0 = the weights as shipped.
  const epochs = values['fine-tune'] === undefined ? null : Number(values['fine-tune']);
  const learningRate = Number(values['fine-tune-lr'] ?? DEFAULT_FINE_TUNE.learningRate);
  const fineTune = epochs === null ? undefined : epochs > 0 ? { ...DEFAULT_FINE_TUNE, epochs, learningRate } : false;
  // Held-out errors of the pretraining series themselves, as shipped and fine-tuned (the weights record both).
  const heldOut = FREQUENCY_CLASSES.map((c) => {
    const t = pretrained.classes[c].intervals;
    const mean = (v: number[] | null | undefined) => (v ? (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3) : '–');
    return `${c} ${mean(t?.meanAbsolute)} → ${mean(t?.fineTunedMeanAbsolute)}`;
  }).join(', ');
  console.log(`pretrained weights: ${pretrained.trainingData}; fingerprint ${pretrained.fingerprint.slice(0, 16)}…; ` +
    (fineTune === undefined ? `fine-tuned as the app does (${DEFAULT_FINE_TUNE.epochs} epochs, learning rate ${DEFAULT_FINE_TUNE.learningRate})`
      : fineTune ? `fine-tuned ${epochs} epochs per series, learning rate ${learningRate}` : 'used as is'));
  console.log(`pretraining series' held-out mean |scale-free error|, as shipped → fine-tuned: ${heldOut}`);

  const run = (s: SetSeries, group: string, forecastClass = frequencyClass(s)) => {
    const started = performance.now();
    const f = forecastPretrained(pretrained, s.values.subarray(0, s.trainLength), { frequencyClass: forecastClass, season: s.season, horizon: s.horizon, fineTune });
    const seconds = (performance.now() - started) / 1000;
    return { forecast: f, scored: score(s, group, f.mean, f.lower80, f.upper80, f.lower95, f.upper95, seconds) };
  };

  // m3-dev
  const m3 = readSet('m3-dev');
  const m3Anchors = readAnchors(resolve(SHARED_DATA, 'm3-dev/anchors.csv'));
  const naive2 = new Map(m3Anchors.filter((a) => a.method === 'naive2').map((a) => [a.series, a]));
  const m3Runs = m3.map((s) => ({ s, ...run(s, frequencyClass(s)) }));
  const m3Scores = m3Runs.map((r) => r.scored);
  if (values.list) for (const r of m3Scores) console.log(`${r.id} ${r.group} sMAPE ${r.smape.toFixed(2)} MASE ${r.mase.toFixed(3)} (naive2 ${naive2.get(r.id)!.mase.toFixed(3)})`);
  console.log('\nm3-dev (200 series, last h hidden): mean sMAPE / mean MASE / OWA of means (vs R naive2)');
  const table = (label: string, rows: { id: string; group: string; smape: number; mase: number }[]) => {
    const cells = ['all', ...GROUPS].map((g) => {
      const sel = rows.filter((r) => g === 'all' || r.group === g);
      const n2 = sel.map((r) => naive2.get(r.id)!);
      const owa = 0.5 * (mean(sel.map((r) => r.smape)) / mean(n2.map((a) => a.smape)) + mean(sel.map((r) => r.mase)) / mean(n2.map((a) => a.mase)));
      return `${mean(sel.map((r) => r.smape)).toFixed(2).padStart(6)} ${mean(sel.map((r) => r.mase)).toFixed(3)} ${owa.toFixed(3)}`;
    });
    console.log(`${label.padEnd(26)} ${cells.join(' | ')}`);
  };
  console.log(`${''.padEnd(26)} ${['all', ...GROUPS].map((g) => `${g} (sMAPE MASE OWA)`.padEnd(20)).join('| ')}`);
  table('pretrained network', m3Scores);
  const groupOf = new Map(m3.map((s) => [s.id, frequencyClass(s)]));
  for (const method of M3_ANCHORS) {
    table(`${method} (anchor)`, m3Anchors.filter((a) => a.method === method).map((a) => ({ id: a.series, group: groupOf.get(a.series)!, smape: a.smape, mase: a.mase })));
  }
  // Guard: naive2 (the last seasonally adjusted value) where it beat the network on the series' own origins.
  const guardedRuns = (runs: { s: SetSeries; forecast: { mean: Float64Array; ownBacktest: { naiveMae: number; networkMae: number } | null } }[], groupOf: (s: SetSeries) => string) =>
    runs.map(({ s, forecast }) => {
      const useNaive = forecast.ownBacktest !== null && forecast.ownBacktest.naiveMae < forecast.ownBacktest.networkMae;
      const path = useNaive ? naive2Path(s) : Array.from(forecast.mean);
      return { ...score(s, groupOf(s), path, path, path, path, path, 0), useNaive };
    });
  const m3Guarded = guardedRuns(m3Runs, frequencyClass);
  table('network, naive2 guard', m3Guarded);
  console.log(`${''.padEnd(26)} naive2 used on ${m3Guarded.filter((r) => r.useNaive).length} of 200 series; worst ${Math.max(...m3Guarded.map((r) => r.mase / naive2.get(r.id)!.mase)).toFixed(2)}× naive2's MASE`);
  const ratios = m3Scores.map((r) => ({ id: r.id, ratio: r.mase / naive2.get(r.id)!.mase }));
  const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  console.log(`worst series: ${worst.id} at ${worst.ratio.toFixed(2)}× naive2's MASE; series above 3×: ${ratios.filter((r) => r.ratio > 3).length}`);

  const r = values['r-forecasts'] ? readRForecasts(resolve(values['r-forecasts'])) : null;
  const combos: [string, (net: number, theta: number, ets: number) => number][] = [
    ['median(net, thetaf, ets)', (a, b, c) => Math.max(Math.min(a, b), Math.min(Math.max(a, b), c))],
    ['mean(net, thetaf, ets)', (a, b, c) => (a + b + c) / 3],
    ['mean(net, thetaf)', (a, b) => (a + b) / 2],
  ];
  if (r) {
    for (const [label, combine] of combos) {
      const rows = m3Runs.map(({ s, forecast }) => {
        const theta = r.get('thetaf')!.get(s.id)!, ets = r.get('ets')!.get(s.id)!;
        const path = Array.from(forecast.mean, (v, k) => combine(v, theta[k], ets[k]));
        // The network's intervals moved onto the combined forecast (scaled for positive series).
        const move = (bound: Float64Array) => Array.from(bound, (b, k) => {
          const net = forecast.mean[k];
          return net > 0 && path[k] > 0 ? (b * path[k]) / net : b + path[k] - net;
        });
        return score(s, frequencyClass(s), path, move(forecast.lower80), move(forecast.upper80), move(forecast.lower95), move(forecast.upper95), 0);
      });
      table(label, rows);
      const worstCombo = Math.max(...rows.map((x) => x.mase / naive2.get(x.id)!.mase));
      console.log(`${''.padEnd(26)} worst series ${worstCombo.toFixed(2)}× naive2's MASE; the network's intervals around it cover ` +
        `95% ${(rows.reduce((a, x) => a + x.inside95, 0) / rows.reduce((a, x) => a + x.points, 0)).toFixed(3)}, ` +
        `80% ${(rows.reduce((a, x) => a + x.inside80, 0) / rows.reduce((a, x) => a + x.points, 0)).toFixed(3)} on m3-dev`);
    }
  }

  // The 16 long series (target only, no covariates): frequency class by their frequency label.
  const long = readSet('');
  const longAnchors = readAnchors(resolve(SHARED_DATA, 'anchors.csv'));
  const longRuns = long.map((s) => ({ s, ...run(s, s.id) }));
  const longScores = longRuns.map((r) => r.scored);
  const longGuarded = guardedRuns(longRuns, (s) => s.id);
  console.log('\nshared/data (16 long series, last h hidden): MASE per series');
  for (const sc of longScores) {
    const anchor = (m: string) => longAnchors.find((a) => a.series === sc.id && a.method === m)?.mase;
    const guarded = longGuarded.find((g) => g.id === sc.id)!;
    console.log(`${sc.id.padEnd(28)} ${sc.mase.toFixed(3)} (guarded ${guarded.mase.toFixed(3)}${guarded.useNaive ? ', naive2' : ''})  ` + LONG_ANCHORS.map((m) => `${m} ${anchor(m)?.toFixed(3) ?? '–'}`).join('  '));
  }
  if (r) {
    const withR = longRuns.filter(({ s }) => r.get('thetaf')?.has(s.id) && r.get('ets')?.has(s.id));
    const parts = combos.map(([label, combine]) => {
      const scores = withR.map(({ s, forecast }) => {
        const theta = r.get('thetaf')!.get(s.id)!, ets = r.get('ets')!.get(s.id)!;
        const path = Array.from(forecast.mean, (v, k) => combine(v, theta[k], ets[k]));
        return score(s, s.id, path, path, path, path, path, 0).mase;
      });
      return `${label} ${mean(scores).toFixed(3)}`;
    });
    console.log(`mean MASE of combinations over the ${withR.length} series with R forecasts: ${parts.join('; ')}`);
  }
  console.log(`mean MASE: pretrained ${mean(longScores.map((s) => s.mase)).toFixed(3)} (guarded ${mean(longGuarded.map((s) => s.mase)).toFixed(3)}); ` +
    LONG_ANCHORS.map((m) => `${m} ${mean(longAnchors.filter((a) => a.method === m).map((a) => a.mase)).toFixed(3)}`).join('; '));

  const all = [...m3Scores, ...longScores];
  const points = all.reduce((a, s) => a + s.points, 0);
  const cover = (k: 'inside80' | 'inside95', rows: Scored[]) => rows.reduce((a, s) => a + s[k], 0) / rows.reduce((a, s) => a + s.points, 0);
  console.log(`\ncoverage pooled over m3-dev + shared/data (${points} hidden points): 95% ${cover('inside95', all).toFixed(3)} (target 0.93–0.97), 80% ${cover('inside80', all).toFixed(3)} (target 0.77–0.83)`);
  for (const g of GROUPS) {
    const sel = m3Scores.filter((s) => s.group === g);
    console.log(`  m3-dev ${g}: 95% ${cover('inside95', sel).toFixed(3)}, 80% ${cover('inside80', sel).toFixed(3)}`);
  }
  console.log(`  shared/data: 95% ${cover('inside95', longScores).toFixed(3)}, 80% ${cover('inside80', longScores).toFixed(3)}`);
  const seconds = all.map((s) => s.seconds);
  console.log(`seconds per series (machine shared, noisy): median ${median(seconds).toFixed(3)}, max ${Math.max(...seconds).toFixed(3)} (target median ≤ 5, none over 30)`);
  return 0;
}
