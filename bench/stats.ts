// `npm run bench -- stats [--set m3-dev|m1|dev] [--only a,b] [--per-series] [--data DIR]`: the engine's
// automatic ETS, Theta and Naive2 on every series of a shared set (last h hidden, fitted on the
// rest), scored as the set's README does, next to R's ets, thetaf and naive2 on the same series
// (anchors.csv): mean sMAPE and MASE per frequency, 95% coverage, how often our ETS picks R's
// model, and fit times. Times depend on machine load; the other figures are deterministic.
// --data: the shared data folder (default ../shared/data beside the project).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coverage, pointMetrics, seasonalNaiveScale } from '../engine/forecast/metrics';
import { fillSeries } from '../engine/forecast/prepare';
import { fitEts } from '../engine/models/ets/fit';
import { etsForecast } from '../engine/models/ets/forecast';
import { naive2Forecast } from '../engine/models/naive/naive2';
import { fitTheta, thetaForecast } from '../engine/models/theta/theta';

const DATA = resolve(import.meta.dirname, '../../shared/data');
const SETS: Record<string, string> = { 'm3-dev': 'm3-dev', m1: 'm1', dev: '.' };
const METHODS = ['ets', 'thetaf', 'naive2'] as const;
type Method = (typeof METHODS)[number];

interface Entry {
  id: string;
  file: string;
  target: string;
  frequency: string;
  m: number;
  h: number;
}

interface Score {
  smape: number;
  mase: number;
  coverage95: number;
}

interface Row {
  id: string;
  frequency: string;
  n: number;
  ours: Record<Method, Score>;
  r: Partial<Record<Method, Score>>;
  etsModel: string;
  rEtsModel: string;
  etsMs: number;
  etsCpuMs: number;
  thetaMs: number;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      set: { type: 'string', default: 'm3-dev' },
      only: { type: 'string' },
      'per-series': { type: 'boolean', default: false },
      data: { type: 'string', default: DATA },
    },
  });
  const folder = SETS[values.set!];
  if (!folder) {
    console.error(`bench stats: unknown set "${values.set}"; use one of ${Object.keys(SETS).join(', ')}.`);
    return 2;
  }
  const dir = resolve(values.data!, folder);
  let entries: Entry[] = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')).series;
  if (values.only) {
    const wanted = new Set(values.only.split(','));
    entries = entries.filter((e) => wanted.has(e.id));
  }
  const anchors = readAnchors(resolve(dir, 'anchors.csv'));

  const rows: Row[] = [];
  for (const entry of entries) {
    const all = readColumn(resolve(dir, entry.file), entry.target);
    // The forecast's own gap rule (forecast/prepare.ts): leading gaps dropped, inner ones interpolated.
    const history = all.length - entry.h;
    const train = fillSeries({ time: new Float64Array(history), target: all.slice(0, history), targetName: entry.target,
      covariates: [], covariateNames: [], known: [], knownNames: [], history, horizon: 0,
      frequency: { unit: 'month', step: 1, label: 'monthly' }, season: entry.m, timeStyle: { kind: 'iso-date' } }).series.target;
    const actual = all.slice(all.length - entry.h);
    // dev (shared/data README): lag m only with 3m training values; M1 and M3: lag m always.
    const scale = values.set === 'dev' ? seasonalNaiveScale(train, entry.m) : seasonalDifferenceScale(train, entry.m);
    const score = (mean: Float64Array, lower?: Float64Array, upper?: Float64Array): Score => ({
      ...pick(pointMetrics(actual, mean, scale)),
      coverage95: lower && upper ? coverage(actual, lower, upper) : NaN,
    });

    let start = performance.now();
    const cpu = process.cpuUsage();
    const ets = fitEts(train, entry.m);
    const etsFc = etsForecast(ets, train, entry.h, [95]);
    const etsMs = performance.now() - start;
    const etsCpu = process.cpuUsage(cpu);
    start = performance.now();
    const theta = fitTheta(train, entry.m);
    const thetaFc = thetaForecast(theta, train, entry.h, [95]);
    const thetaMs = performance.now() - start;
    const naive2 = naive2Forecast(train, entry.m, entry.h);

    const r = anchors.get(entry.id) ?? new Map<string, { score: Score; model: string }>();
    rows.push({
      id: entry.id,
      frequency: entry.frequency,
      n: train.length,
      ours: {
        ets: score(etsFc.mean, etsFc.lower[0], etsFc.upper[0]),
        thetaf: score(thetaFc.mean, thetaFc.lower[0], thetaFc.upper[0]),
        naive2: score(naive2),
      },
      r: Object.fromEntries(METHODS.filter((m) => r.has(m)).map((m) => [m, r.get(m)!.score])),
      etsModel: ets.name,
      rEtsModel: r.get('ets')?.model ?? '',
      etsMs,
      etsCpuMs: (etsCpu.user + etsCpu.system) / 1000,
      thetaMs,
    });
    if (values['per-series']) {
      const last = rows[rows.length - 1];
      console.log(
        `${entry.id.padEnd(26)} ${entry.frequency.padEnd(9)} n=${String(train.length).padStart(4)}  ` +
          `${ets.name.padEnd(12)} R ${last.rEtsModel.padEnd(12)} ets ${etsMs.toFixed(0).padStart(5)} ms  theta ${thetaMs.toFixed(0).padStart(4)} ms  ` +
          `sMAPE ets ${fmt(last.ours.ets.smape)} (R ${fmt(last.r.ets?.smape)}) theta ${fmt(last.ours.thetaf.smape)} (R ${fmt(last.r.thetaf?.smape)}) naive2 ${fmt(last.ours.naive2.smape)} (R ${fmt(last.r.naive2?.smape)})`,
      );
    }
  }

  console.log(`\nset ${values.set}: ${rows.length} series, last h hidden (engine vs R forecast 8.20 anchors)\n`);
  const groups = new Map<string, Row[]>([['all', rows]]);
  for (const row of rows) groups.set(row.frequency, [...(groups.get(row.frequency) ?? []), row]);
  console.log('group           series | method  sMAPE ours / R     MASE ours / R    cover95 ours / R');
  for (const [name, group] of groups) {
    for (const method of METHODS) {
      const withR = group.filter((g) => g.r[method]);
      const line =
        `${(method === 'ets' ? name : '').padEnd(15)} ${String(group.length).padStart(6)} | ${method.padEnd(7)} ` +
        `${fmt(avg(group.map((g) => g.ours[method].smape)))} / ${fmt(avg(withR.map((g) => g.r[method]!.smape)))}   ` +
        `${fmt(avg(group.map((g) => g.ours[method].mase)), 3)} / ${fmt(avg(withR.map((g) => g.r[method]!.mase)), 3)}   ` +
        (method === 'naive2' ? '' : `${fmt(avg(group.map((g) => g.ours[method].coverage95)), 3)} / ${fmt(avg(withR.map((g) => g.r[method]!.coverage95)), 3)}`);
      console.log(line);
    }
  }
  const apart = METHODS.map((method) => {
    const both = rows.filter((r) => r.r[method]);
    const off = both.filter((r) => !(Math.abs(r.ours[method].smape - r.r[method]!.smape) <= 0.01));
    return `${method} ${off.length} of ${both.length}${off.length > 0 && off.length <= 15 ? ` (${off.map((r) => r.id).join(', ')})` : ''}`;
  });
  console.log(`\nseries whose sMAPE differs from R's by more than 0.01: ${apart.join('; ')}`);
  const compared = rows.filter((r) => r.rEtsModel !== '');
  const same = compared.filter((r) => r.etsModel === r.rEtsModel).length;
  console.log(`ETS model equal to R's: ${same} of ${compared.length}`);
  const different = compared.filter((r) => r.etsModel !== r.rEtsModel);
  if (different.length > 0) console.log(`  differs on: ${different.map((r) => `${r.id} (${r.etsModel} vs ${r.rEtsModel})`).join(', ')}`);
  const longest = rows.reduce((a, b) => (b.etsMs > a.etsMs ? b : a));
  console.log(
    `automatic ETS fit + forecast, ms (wall clock / process CPU; machine load shows in both): median ${fmt(median(rows.map((r) => r.etsMs)), 1)} / ` +
      `${fmt(median(rows.map((r) => r.etsCpuMs)), 1)}, max ${fmt(longest.etsMs, 1)} (${longest.id}, n = ${longest.n}); Theta median ${fmt(median(rows.map((r) => r.thetaMs)), 1)}`,
  );
  const monthly126 = rows.filter((r) => r.frequency === 'monthly' && r.n === 126);
  if (monthly126.length > 0) {
    console.log(
      `automatic ETS on the ${monthly126.length} monthly series of 126 values: median ${fmt(median(monthly126.map((r) => r.etsMs)), 1)} ms wall, ` +
        `${fmt(median(monthly126.map((r) => r.etsCpuMs)), 1)} ms CPU`,
    );
  }
  return 0;
}

/** In-sample mean |y_t − y_{t−m}|. */
function seasonalDifferenceScale(train: Float64Array, m: number): number {
  let sum = 0;
  for (let t = m; t < train.length; t++) sum += Math.abs(train[t] - train[t - m]);
  return sum / (train.length - m);
}

function pick(m: { smape: number; mase: number }): { smape: number; mase: number } {
  return { smape: m.smape, mase: m.mase };
}

function avg(xs: number[]): number {
  const finite = xs.filter((x) => Number.isFinite(x));
  return finite.length === 0 ? NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fmt(x: number | undefined, digits = 2): string {
  return x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** The target column of a shared CSV (plain commas, empty cell = missing). */
function readColumn(file: string, target: string): Float64Array {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const column = lines[0].split(',').indexOf(target);
  if (column < 0) throw new Error(`${file}: no column "${target}".`);
  return Float64Array.from(lines.slice(1), (line) => {
    const cell = line.split(',')[column];
    return cell === '' || cell === undefined ? NaN : Number(cell);
  });
}

/** anchors.csv rows of R's ets, thetaf and naive2, by series. */
function readAnchors(file: string): Map<string, Map<string, { score: Score; model: string }>> {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const at = (name: string) => header.indexOf(name);
  const out = new Map<string, Map<string, { score: Score; model: string }>>();
  for (const line of lines.slice(1)) {
    const cells = splitCsv(line);
    const method = cells[at('method')];
    if (!(METHODS as readonly string[]).includes(method)) continue;
    if (at('status') >= 0 && cells[at('status')] !== 'ok') continue;
    const num = (name: string) => (cells[at(name)] === '' ? NaN : Number(cells[at(name)]));
    const bySeries = out.get(cells[at('series')]) ?? new Map();
    bySeries.set(method, { score: { smape: num('smape'), mase: num('mase'), coverage95: num('coverage95') }, model: cells[at('model')] });
    out.set(cells[at('series')], bySeries);
  }
  return out;
}

/** Splits a CSV line with double-quoted fields ("ETS(A,N,N)"). */
function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
