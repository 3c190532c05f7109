// `npm run bench -- import`: reading a generated 1,000,000-row CSV (ISO timestamp + 2 numbers)
// into a Dataset in V8, whole text and in 1 MB chunks, plus every shared real series.
// Flags: --rows N (default 1e6), --repeat N (default 3), --json.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetReader, readDataset } from '../engine/data';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** A minute-level series: 2020-01-01T00:00:00, value with 3 decimals, value with 2 decimals. */
export function generateCsv(rows: number): string {
  const parts: string[] = ['timestamp,load,temperature'];
  const start = Date.UTC(2020, 0, 1);
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < rows; i++) {
    const iso = new Date(start + i * 60_000).toISOString().slice(0, 19);
    parts.push(`${iso},${(100 + 50 * Math.sin(i / 720) + rand() * 10).toFixed(3)},${(15 + rand() * 5).toFixed(2)}`);
  }
  return parts.join('\n') + '\n';
}

function timeIt(run: () => void, repeat: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    run();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function main(args: string[]): Promise<void> {
  const rows = flag(args, 'rows', 1_000_000);
  const repeat = flag(args, 'repeat', 3);
  const text = generateCsv(rows);
  const whole = timeIt(() => {
    const r = readDataset(text, { source: 'generated.csv' });
    if (r.dataset.time.length !== rows) throw new Error(`expected ${rows} rows, got ${r.dataset.time.length}`);
  }, repeat);
  const chunk = 1 << 20;
  const chunked = timeIt(() => {
    const reader = new DatasetReader({ source: 'generated.csv' });
    for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
    reader.finish();
  }, repeat);
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = join(here, '..', '..', 'shared', 'data');
  let realMs = 0;
  let realRows = 0;
  try {
    const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { series: { file: string }[] };
    for (const s of manifest.series) {
      const t = readFileSync(join(dataDir, s.file), 'utf8');
      const t0 = performance.now();
      realRows += readDataset(t, { source: s.file }).dataset.time.length;
      realMs += performance.now() - t0;
    }
  } catch {
    // shared data not present: skip that line
  }
  const best = (xs: number[]): number => Math.min(...xs);
  const result = {
    rows, megabytes: +(text.length / 1e6).toFixed(1),
    wholeMs: Math.round(best(whole)), chunkedMs: Math.round(best(chunked)),
    rowsPerSecond: Math.round(rows / (best(whole) / 1000)),
    realSeriesMs: Math.round(realMs), realSeriesRows: realRows,
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`import: ${rows.toLocaleString('en-US')} rows × 3 columns (${result.megabytes} MB)`);
  console.log(`  whole text   best ${result.wholeMs} ms  (runs: ${whole.map(Math.round).join(', ')} ms)`);
  console.log(`  1 MB chunks  best ${result.chunkedMs} ms  (runs: ${chunked.map(Math.round).join(', ')} ms)`);
  console.log(`  ${result.rowsPerSecond.toLocaleString('en-US')} rows/s`);
  if (realRows) console.log(`  shared real series: ${realRows} rows in ${result.realSeriesMs} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}
