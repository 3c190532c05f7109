// `npm run bench -- many [--set m3,m1] [--local] [--scale N] [--workers N]`: many series in one
// file. Builds long-format files (id,date,value) from ../shared/data/m3-dev (its 100 monthly
// series) and ../shared/data/m1 (its 617 monthly series), reads each through the CSV reader,
// runs the panel (one global network across the series, backtest of the last h values) and
// prints the mean sMAPE and MASE beside THETA's and R ets's on the same series (anchors.csv),
// with wall time, CPU time and peak memory. --local also runs each series through the
// one-series auto mode (per-series models: minutes for m3, long for M1's 617 series). --scale N instead times N synthetic monthly series × 120 points end to
// end through the CLI (a child process: its wall time, CPU time and peak RSS).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from '../engine/data';
import { runPanel } from '../engine/forecast/panel';
import { createForecastPool } from '../engine/forecast/pool';
import { Rng } from '../engine/math/prng';

const DATA = resolve(import.meta.dirname, '../../shared/data');

const SETS = {
  m3: { folder: 'm3-dev', title: 'm3-dev monthly' },
  m1: { folder: 'm1', title: 'M1 monthly' },
} as const;
type SetName = keyof typeof SETS;

interface ManifestEntry {
  id: string;
  file: string;
  frequency: string;
  h: number;
}

/** The set's monthly series as one long CSV (id,date,value), in manifest order. */
export function longCsv(set: SetName): { text: string; ids: string[]; h: number } {
  const folder = resolve(DATA, SETS[set].folder);
  const entries = (JSON.parse(readFileSync(resolve(folder, 'manifest.json'), 'utf8')).series as ManifestEntry[]).filter((e) => e.frequency === 'monthly');
  const lines = ['id,date,value'];
  for (const e of entries) {
    const rows = readFileSync(resolve(folder, e.file), 'utf8').trim().split(/\r?\n/).slice(1);
    for (const row of rows) lines.push(`${e.id},${row}`);
  }
  return { text: lines.join('\n') + '\n', ids: entries.map((e) => e.id), h: entries[0].h };
}

/** Mean anchor sMAPE and MASE of `method` over `ids` (anchors.csv of the set). */
function anchorMeans(set: SetName, ids: readonly string[], method: string): { smape: number; mase: number } {
  const lines = readFileSync(resolve(DATA, SETS[set].folder, 'anchors.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const wanted = new Set(ids);
  let smape = 0;
  let mase = 0;
  let n = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    if (cells[col('method')] !== method || !wanted.has(cells[col('series')])) continue;
    smape += Number(cells[col('smape')]);
    mase += Number(cells[col('mase')]);
    n++;
  }
  return { smape: smape / n, mase: mase / n };
}

function cpuSeconds(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
}

async function accuracy(sets: SetName[], workers: number | undefined, seed: number, strategies: ('global' | 'local')[]): Promise<void> {
  const pool = createForecastPool({ workerUrl: new URL('../engine/forecast/worker.ts', import.meta.url), ...(workers ? { size: workers } : {}) });
  try {
    for (const set of sets) {
      const { text, ids, h } = longCsv(set);
      const dataset = readDataset(text, { source: `${set}-monthly.csv` }).dataset;
      // M1's anchors have R's thetaf (the same method; M3's THETA is the competition's own submission).
      const thetaName = set === 'm3' ? 'THETA' : 'thetaf';
      // The anchors on the series the file's reader kept (a series whose dates are period numbers is left out of a file of calendar dates).
      const read = dataset.series.map((x) => x.id);
      if (read.length < ids.length) console.log(`  ${ids.length - read.length} of ${ids.length} series left out by the reader: ${dataset.problems[0]?.message ?? ''}`);
      const theta = anchorMeans(set, read, thetaName);
      const ets = anchorMeans(set, read, 'ets');
      console.log(`${SETS[set].title}: ${ids.length} series in one file (${dataset.time.length} rows), h=${h}, seed ${seed}, backtest of the last h`);
      console.log(`  ${thetaName.padEnd(7)} sMAPE ${theta.smape.toFixed(2)}  MASE ${theta.mase.toFixed(3)}  (anchors.csv, the same ${read.length} series)`);
      console.log(`  R ets   sMAPE ${ets.smape.toFixed(2)}  MASE ${ets.mase.toFixed(3)}  (anchors.csv, the same ${read.length} series)`);
      // The shipped pretrained weights learned from M1 whole: a pretrained start has seen M1's hidden values.
      const start = set === 'm1' ? { start: 'fresh' as const } : {};
      if (set === 'm1') console.log('  global network from a fresh start only: the shipped pretrained weights were trained on M1 whole, hidden values included');
      for (const panel of strategies) {
        const wall = performance.now();
        const cpu = cpuSeconds();
        const run = await runPanel(dataset, { horizon: h, backtest: true, seed, panel }, pool, {}, start);
        if (run.skipped.length) console.log(`    ${run.skipped.length} series skipped, e.g. ${run.skipped[0].label}: ${run.skipped[0].reason}`);
        const seconds = (performance.now() - wall) / 1000;
        const a = run.aggregate!;
        console.log(`  ${panel}: ${run.model}`);
        console.log(`  ${panel.padEnd(7)} sMAPE ${a.smape!.toFixed(2)}  MASE ${a.mase!.toFixed(3)}  coverage80 ${(a.coverage80! * 100).toFixed(1)}%  coverage95 ${(a.coverage95! * 100).toFixed(1)}%  (${a.series} series)`);
        for (const [id, b] of Object.entries(a.baselines)) console.log(`    ${id.padEnd(7)} sMAPE ${b.smape!.toFixed(2)}  MASE ${b.mase!.toFixed(3)}  (${panel} beats it on ${b.beaten}/${a.series})`);
        const usage = process.resourceUsage();
        console.log(`    wall ${seconds.toFixed(1)} s; CPU of this process, workers included, so far ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)} s (this run ${(cpuSeconds() - cpu).toFixed(1)} s); peak RSS so far ${(usage.maxRSS / 1024).toFixed(0)} MB`);
        console.log(`    verdict: ${run.verdict}`);
      }
    }
  } finally {
    await pool.close();
  }
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { set: { type: 'string' }, scale: { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' }, local: { type: 'boolean' } },
  });
  const workers = values.workers !== undefined ? Number(values.workers) : undefined;
  const seed = values.seed !== undefined ? Number(values.seed) : 42;
  if (values.scale !== undefined) return scale(Number(values.scale), workers);
  const sets = (values.set ?? 'm3,m1').split(',') as SetName[];
  for (const s of sets) if (!(s in SETS)) throw new Error(`bench many: no set "${s}"; sets are ${Object.keys(SETS).join(', ')}.`);
  await accuracy(sets, workers, seed, values.local ? ['global', 'local'] : ['global']);
  return 0;
}

/** N synthetic monthly series × `length` points as a long CSV (id,date,value): level, trend, yearly season, noise. */
export function syntheticLongCsv(count: number, length: number, seed = 1): string {
  const rng = new Rng(seed);
  const lines = ['id,date,value'];
  for (let i = 0; i < count; i++) {
    const level = 50 + 950 * rng.nextFloat();
    const trend = (rng.nextFloat() - 0.3) * 0.01;
    const amplitude = 0.3 * rng.nextFloat();
    const phase = Math.floor(12 * rng.nextFloat());
    const id = `s${String(i).padStart(5, '0')}`;
    for (let t = 0; t < length; t++) {
      const month = phase + t;
      const v = level * (1 + trend * t) * (1 + amplitude * Math.sin((2 * Math.PI * month) / 12)) * (1 + 0.05 * (rng.nextFloat() - 0.5));
      lines.push(`${id},${2010 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${v.toFixed(2)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * The CLI end to end on N synthetic series × 120 monthly points with a backtest, as a child
 * process under /usr/bin/time: wall time, CPU time (user + system, every thread) and peak RSS
 * (the process with its worker threads).
 */
function scale(count: number, workers: number | undefined): number {
  if (!Number.isInteger(count) || count < 1) throw new Error(`bench many --scale: a number of series ≥ 1, got ${count}.`);
  const folder = join(tmpdir(), `tidecast-many-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  const input = join(folder, `synthetic-${count}.csv`);
  writeFileSync(input, syntheticLongCsv(count, 120));
  const out = join(folder, 'forecast.csv');
  const cli = resolve(import.meta.dirname, '../engine/cli.ts');
  const args = ['-f', '%e %U %S %M', process.execPath, '--import', 'tsx', cli, '--input', input, '--backtest', '--quiet', '--out', out, ...(workers ? ['--workers', String(workers)] : [])];
  let rows = 0;
  let usage: number[] = [];
  try {
    const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) {
      console.error(run.stderr);
      return 1;
    }
    usage = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    rows = readFileSync(out, 'utf8').trim().split('\n').length - 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const [wall, user, system, maxKb] = usage;
  console.log(`${count} series × 120 monthly points, long CSV, CLI with --backtest (h 18): ${rows} forecast rows`);
  console.log(`  wall ${wall.toFixed(1)} s; CPU ${(user + system).toFixed(1)} s (user ${user.toFixed(1)} + system ${system.toFixed(1)}); peak RSS ${(maxKb / 1024).toFixed(0)} MB`);
  console.log(`  targets: 1,000 series ≤ 120 s wall; 10,000 series peak ≤ 2048 MB (this machine is shared: wall time is noisy, CPU time less so)`);
  return 0;
}
