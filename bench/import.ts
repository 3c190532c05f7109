// `npm run bench -- import`: reading a generated 1,000,000-row CSV (ISO timestamp + 2 numbers)
// into a Dataset in V8 — plain, every field quoted, and a European export (";", decimal comma,
// DD.MM.YYYY HH:MM) — whole text and in 1 MB chunks, plus every shared real series.
// `--long`: instead, a long-format file of --series N series (default 10,000) of rows/N daily
// rows each (store id, date, sales, price), its rows grouped by series or sorted by date.
// Flags: --rows N (default 1e6), --repeat N (default 3), --json. Wall and CPU time are both
// printed: on a shared machine the wall time also counts waiting for a core.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetReader, readDataset } from '../engine/data';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export type Variant = 'plain' | 'quoted' | 'european';

/** A minute-level series: timestamp, a value with 3 decimals, a value with 2 decimals. */
export function generateCsv(rows: number, variant: Variant = 'plain'): string {
  const sep = variant === 'european' ? ';' : ',';
  const q = (s: string): string => (variant === 'quoted' ? `"${s}"` : s);
  const parts: string[] = [['timestamp', 'load', 'temperature'].map(q).join(sep)];
  const start = Date.UTC(2020, 0, 1);
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < rows; i++) {
    const iso = new Date(start + i * 60_000).toISOString();
    const time = variant === 'european'
      ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`
      : iso.slice(0, 19);
    let a = (100 + 50 * Math.sin(i / 720) + rand() * 10).toFixed(3);
    let b = (15 + rand() * 5).toFixed(2);
    if (variant === 'european') {
      a = a.replace('.', ',');
      b = b.replace('.', ',');
    }
    parts.push([time, a, b].map(q).join(sep));
  }
  return parts.join('\n') + '\n';
}

export type LongLayout = 'by-series' | 'by-date';

/** A long-format file: `series` stores of rows/series daily rows each (id, date, sales, price). */
export function generateLongCsv(rows: number, series: number, layout: LongLayout): string {
  const perSeries = Math.floor(rows / series);
  const start = Date.UTC(2020, 0, 1);
  const dates = Array.from({ length: perSeries }, (_, d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  const ids = Array.from({ length: series }, (_, s) => `S${String(s + 1).padStart(5, '0')}`);
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const parts: string[] = ['store,date,sales,price'];
  const row = (s: number, d: number): string => `${ids[s]},${dates[d]},${(50 + 10 * Math.sin(d / 7 + s) + rand() * 5).toFixed(2)},${(1 + s % 7).toFixed(1)}`;
  if (layout === 'by-series') for (let s = 0; s < series; s++) for (let d = 0; d < perSeries; d++) parts.push(row(s, d));
  else for (let d = 0; d < perSeries; d++) for (let s = 0; s < series; s++) parts.push(row(s, d));
  return parts.join('\n') + '\n';
}

interface Timing { wallMs: number; cpuMs: number }

function timeIt(run: () => void, repeat: number): Timing[] {
  const out: Timing[] = [];
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const cpu = process.cpuUsage(c0);
    out.push({ wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  return out;
}

const best = (xs: Timing[]): Timing => xs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));

async function mainLong(args: string[]): Promise<void> {
  const rows = flag(args, 'rows', 1_000_000);
  const series = flag(args, 'series', 10_000);
  const repeat = flag(args, 'repeat', 3);
  const results: Record<string, unknown> = { rows, series };
  const lines: string[] = [];
  for (const layout of ['by-series', 'by-date'] as const) {
    const text = generateLongCsv(rows, series, layout);
    let read: ReturnType<typeof readDataset> | null = null;
    const whole = timeIt(() => {
      read = readDataset(text, { source: 'long.csv' });
    }, repeat);
    const chunk = 1 << 20;
    const chunked = timeIt(() => {
      const reader = new DatasetReader({ source: 'long.csv', sizeHint: text.length });
      for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
      reader.finish();
    }, repeat);
    const r = read! as ReturnType<typeof readDataset>;
    const usable = r.dataset.series.filter((s) => s.unusable === undefined).length;
    if (r.dataset.idColumns.join() !== 'store' || usable !== series) {
      throw new Error(`expected ${series} series by "store", got ${usable} by "${r.dataset.idColumns.join()}"`);
    }
    const w = best(whole), c = best(chunked);
    results[layout] = { megabytes: +(text.length / 1e6).toFixed(1), wholeMs: Math.round(w.wallMs), wholeCpuMs: Math.round(w.cpuMs),
      chunkedMs: Math.round(c.wallMs), chunkedCpuMs: Math.round(c.cpuMs) };
    lines.push(`  ${layout.padEnd(9)} ${(text.length / 1e6).toFixed(1)} MB  whole ${Math.round(w.wallMs)} ms (cpu ${Math.round(w.cpuMs)})` +
      `  1 MB chunks ${Math.round(c.wallMs)} ms (cpu ${Math.round(c.cpuMs)})  runs: ${whole.map((t) => Math.round(t.wallMs)).join(', ')}`);
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(results));
    return;
  }
  console.log(`import --long: ${rows.toLocaleString('en-US')} rows, ${series.toLocaleString('en-US')} series (store, date, sales, price) → Dataset (best of ${repeat})`);
  for (const l of lines) console.log(l);
}

export async function main(args: string[]): Promise<void> {
  if (args.includes('--long')) return mainLong(args);
  const rows = flag(args, 'rows', 1_000_000);
  const repeat = flag(args, 'repeat', 3);
  const results: Record<string, unknown> = { rows };
  const lines: string[] = [];
  for (const variant of ['plain', 'quoted', 'european'] as const) {
    const text = generateCsv(rows, variant);
    const whole = timeIt(() => {
      const r = readDataset(text, { source: 'generated.csv' });
      if (r.dataset.time.length !== rows) throw new Error(`expected ${rows} rows, got ${r.dataset.time.length}`);
    }, repeat);
    const chunk = 1 << 20;
    const chunked = timeIt(() => {
      const reader = new DatasetReader({ source: 'generated.csv', sizeHint: text.length });
      for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
      reader.finish();
    }, repeat);
    const w = best(whole), c = best(chunked);
    results[variant] = { megabytes: +(text.length / 1e6).toFixed(1), wholeMs: Math.round(w.wallMs), wholeCpuMs: Math.round(w.cpuMs),
      chunkedMs: Math.round(c.wallMs), chunkedCpuMs: Math.round(c.cpuMs) };
    lines.push(`  ${variant.padEnd(9)} ${(text.length / 1e6).toFixed(1)} MB  whole ${Math.round(w.wallMs)} ms (cpu ${Math.round(w.cpuMs)})` +
      `  1 MB chunks ${Math.round(c.wallMs)} ms (cpu ${Math.round(c.cpuMs)})  runs: ${whole.map((t) => Math.round(t.wallMs)).join(', ')}`);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = join(here, '..', '..', 'shared', 'data');
  try {
    const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { series: { file: string }[] };
    const texts = manifest.series.map((s) => [s.file, readFileSync(join(dataDir, s.file), 'utf8')] as const);
    let realRows = 0;
    const real = timeIt(() => {
      realRows = 0;
      for (const [file, t] of texts) realRows += readDataset(t, { source: file }).dataset.time.length;
    }, repeat + 1);
    results.realSeries = { rows: realRows, ms: Math.round(best(real).wallMs) };
    lines.push(`  16 shared real series: ${realRows} rows in ${Math.round(best(real).wallMs)} ms (warm)`);
  } catch {
    // shared data not present: skip that line
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(results));
    return;
  }
  console.log(`import: ${rows.toLocaleString('en-US')} rows × 3 columns → Dataset (best of ${repeat})`);
  for (const l of lines) console.log(l);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}
