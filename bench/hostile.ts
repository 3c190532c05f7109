// `npm run bench -- hostile`: hostile and oversized inputs, each read in a child process of its
// own, printing the outcome (refused with which error, or read), the time from opening the input
// to the outcome, and the child's peak memory (max RSS, Node itself included: see the baseline).
// A new case is one entry in CASES: a name, how to make the input, and which RUNNERS entry reads
// it (add a runner for a new kind of reader: a model file, the CLI).
// Flags: --only TEXT (cases whose name contains TEXT), --json.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../engine/cli/main';
import { DataError, DatasetReader, readDataset } from '../engine/data';
import { readCsvFile } from '../engine/data/read-file';
import { createInlineForecastSubmitter } from '../engine/forecast/pool';

/** Reads the input at `path` the way one part of Tidecast does; returns what was read. */
type Runner = (path: string) => Promise<string>;

const RUNNERS = {
  /** The CLI's way: the file read whole (size checked first), decoded, then read in one call. */
  readDataset: async (path: string) => {
    const { text } = readCsvFile(path);
    const r = readDataset(text, { source: 'hostile.csv' });
    return `read ${r.dataset.time.length} rows × ${r.dataset.columns.length} columns`;
  },
  /** The app's way: the file streamed in 1 MiB chunks, decoded as it comes, pushed to the reader. */
  DatasetReader: async (path: string) => {
    const reader = new DatasetReader({ source: 'hostile.csv' });
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      reader.push(decoder.decode(chunk as Buffer, { stream: true }));
    }
    reader.push(decoder.decode());
    const r = reader.finish();
    return `read ${r.dataset.time.length} rows × ${r.dataset.columns.length} columns`;
  },
  /**
   * The command line, in this process: `path` is a JSON file { args, outputs } — the arguments,
   * and a folder whose leftovers (files a failed command must not leave) are counted.
   */
  cli: async (path: string) => {
    const { args, outputs } = JSON.parse(readFileSync(path, 'utf8')) as { args: string[]; outputs: string };
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (d) => (stderr += d));
    const code = await runCli(args, {
      stdout: new PassThrough(),
      stderr: err,
      createSubmitter: () => ({ submitter: createInlineForecastSubmitter(), close: async () => {} }),
    });
    const left = existsSync(outputs) ? readdirSync(outputs).length : 0;
    const lines = stderr.trim().split('\n');
    return `exit ${code}, ${left} file(s) left: ${lines[lines.length - 1]}`;
  },
} satisfies Record<string, Runner>;

interface HostileCase {
  name: string;
  /** Makes the input in `dir` (a scratch folder removed afterwards); returns its path. */
  input(dir: string): string;
  runner: keyof typeof RUNNERS;
}

const MB = 1_000_000;

/** A file written in pieces of at most 1 MB from `piece(i)` until `piece` returns null. */
function writePieces(path: string, piece: (i: number) => string | null): string {
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; ; i++) {
      const p = piece(i);
      if (p === null) break;
      writeSync(fd, p);
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

const small = (dir: string): string =>
  writePieces(join(dir, 'small.csv'), (i) => (i === 0 ? 'date,value\n' + Array.from({ length: 1000 }, (_, k) =>
    `${new Date(Date.UTC(2020, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)},${k}`).join('\n') + '\n' : null));

/** Header and two rows of `columns` fields. */
const wide = (columns: number) => (dir: string): string => writePieces(join(dir, `wide-${columns}.csv`), (i) => {
  if (i > 2) return null;
  const cells = Array.from({ length: columns }, (_, j) => (i === 0 ? `c${j}` : String(j)));
  return cells.join(',') + '\n';
});

/** A header, then one line of `bytes` characters (no delimiter, no line break). */
const oneLine = (bytes: number, quoted = false) => (dir: string): string => {
  const block = 'x'.repeat(MB);
  return writePieces(join(dir, `line-${bytes}${quoted ? '-quoted' : ''}.csv`), (i) => {
    if (i === 0) return 'date,value\n2024-01-01,1\n' + (quoted ? '2024-01-02,"' : '');
    return i <= bytes / MB ? block : null;
  });
};

/** `rows` data rows of one number each (no time column: rows are numbered). */
const manyRows = (rows: number) => (dir: string): string => {
  const perPiece = 100_000;
  const piece = Array.from({ length: perPiece }, () => '1').join('\n') + '\n';
  return writePieces(join(dir, `rows-${rows}.csv`), (i) => {
    if (i === 0) return 'value\n';
    const done = (i - 1) * perPiece;
    if (done >= rows) return null;
    return rows - done >= perPiece ? piece : Array.from({ length: rows - done }, () => '1').join('\n') + '\n';
  });
};

/** A sparse file: `bytes` long on disk without taking the space. */
const sparse = (bytes: number) => (dir: string): string => {
  const path = join(dir, 'sparse.csv');
  writeFileSync(path, 'date,value\n2024-01-01,1\n');
  truncateSync(path, bytes);
  return path;
};

const cellOf = (chars: number) => (dir: string): string =>
  writePieces(join(dir, 'cell.csv'), (i) => (i === 0 ? `date,value,note\n2024-01-01,1,${'n'.repeat(chars)}\n2024-01-02,2,x\n` : null));

/** A 100-row monthly CSV and a model trained on it with horizon 1 (the CLI, once per scratch folder). */
function trainedModel(dir: string): { csv: string; model: string } {
  const csv = join(dir, 'hundred.csv');
  const model = join(dir, 'base.model.json');
  if (!existsSync(model)) {
    writeFileSync(csv, 'date,value\n' + Array.from({ length: 100 }, (_, t) => `${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${50 + 5 * Math.sin(t / 2) + (t % 3)}`).join('\n') + '\n');
    const cli = join(dirname(fileURLToPath(import.meta.url)), '../engine/cli.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--input', csv, '--horizon', '1', '--model', 'gru', '--hidden', '4', '--epochs', '2', '--time-budget', '0', '--quiet', '--save-model', model], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`bench hostile: training the base model failed: ${run.stderr}`);
  }
  return { csv, model };
}

/** The CLI forecasting the 100-row CSV with the base model changed by `edit` (a JSON or text edit). */
const loadModel = (name: string, edit: (json: Record<string, any>) => Record<string, any> | string) => (dir: string): string => {
  const { csv, model } = trainedModel(dir);
  const edited = edit(JSON.parse(readFileSync(model, 'utf8')));
  const file = join(dir, `${name}.model.json`);
  writeFileSync(file, typeof edited === 'string' ? edited : JSON.stringify(edited));
  return cliCase(dir, name, ['--input', csv, '--load-model', file]);
};

/** A JSON file the `cli` runner reads: the arguments, and the folder outputs would go to. */
function cliCase(dir: string, name: string, args: string[], outputs = join(dir, `${name}-out`)): string {
  mkdirSync(outputs, { recursive: true });
  const path = join(dir, `${name}.cli.json`);
  writeFileSync(path, JSON.stringify({ args: args.map((a) => a.replace('{out}', outputs)), outputs }));
  return path;
}

const CASES: HostileCase[] = [
  { name: 'baseline: 1,000-row daily CSV', input: small, runner: 'readDataset' },
  { name: 'baseline: 1,000-row daily CSV', input: small, runner: 'DatasetReader' },
  { name: 'one 100 MB line', input: oneLine(100 * MB), runner: 'readDataset' },
  { name: 'one 100 MB line', input: oneLine(100 * MB), runner: 'DatasetReader' },
  { name: 'quote never closed, 100 MB', input: oneLine(100 * MB, true), runner: 'readDataset' },
  { name: 'quote never closed, 100 MB', input: oneLine(100 * MB, true), runner: 'DatasetReader' },
  { name: '200,000 columns', input: wide(200_000), runner: 'readDataset' },
  { name: '200,000 columns', input: wide(200_000), runner: 'DatasetReader' },
  { name: 'one 1 MB cell', input: cellOf(MB), runner: 'readDataset' },
  { name: '300 MB file (sparse)', input: sparse(300 * MB), runner: 'readDataset' },
  { name: '/dev/zero (no size, never ends)', input: () => '/dev/zero', runner: 'readDataset' },
  { name: '20,000,001 rows', input: manyRows(20_000_001), runner: 'readDataset' },
  { name: 'model from a 100-row series, horizon 1 (reloads)', input: loadModel('as-saved', (m) => m), runner: 'cli' },
  {
    name: 'model claiming 16 layers × 4,096 hidden',
    input: loadModel('huge', (m) => {
      const state = m.members[0].state;
      state.config = { ...state.config, layers: 16, hidden: 4096 };
      state.network.spec = { ...state.network.spec, layers: 16, hiddenSize: 4096 };
      return m;
    }),
    runner: 'cli',
  },
  { name: 'model with interval widths 1e999', input: loadModel('infinite', (m) => JSON.stringify(m).replace(/"q95":\[[^,\]]+/, '"q95":[1e999')), runner: 'cli' },
  {
    name: 'model whose network forecasts fewer steps than its horizon',
    input: loadModel('short-head', (m) => {
      m.horizon = 3;
      m.intervals = { ...m.intervals, q80: [1, 1, 1], q95: [2, 2, 2] };
      return m;
    }),
    runner: 'cli',
  },
  { name: 'model file of 100 MB', input: loadModel('padded', (m) => JSON.stringify({ ...m, padding: 'x'.repeat(100 * MB) })), runner: 'cli' },
  { name: 'CLI --out into a folder that does not exist', input: (dir) => cliCase(dir, 'out', ['--input', trainedModel(dir).csv, '--out', '{out}/missing/f.csv', '--json', '{out}/m.json']), runner: 'cli' },
  { name: 'CLI --json into a folder that does not exist', input: (dir) => cliCase(dir, 'json', ['--input', trainedModel(dir).csv, '--out', '{out}/f.csv', '--json', '{out}/missing/m.json']), runner: 'cli' },
];

interface Outcome {
  outcome: string;
  ms: number;
  maxRssMB: number;
}

/** In the child: read the input, report one JSON line. */
async function child(runner: keyof typeof RUNNERS, path: string): Promise<void> {
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await RUNNERS[runner](path);
  } catch (error) {
    outcome = error instanceof DataError ? `refused ${error.code}: ${error.message}`
      : `CRASH ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const result: Outcome = { outcome, ms: performance.now() - started, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result) + '\n');
}

export async function main(args: string[]): Promise<number> {
  if (args[0] === '--child') {
    await child(args[1] as keyof typeof RUNNERS, args[2]);
    return 0;
  }
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
  const self = fileURLToPath(import.meta.url);
  const results: (Outcome & { name: string; runner: string })[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tidecast-hostile-'));
  try {
    for (const c of CASES) {
      if (!c.name.includes(only)) continue;
      const path = c.input(dir);
      const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', c.runner, path], { encoding: 'utf8', maxBuffer: 1 << 24 });
      let result: Outcome;
      try {
        result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Outcome;
      } catch {
        result = { outcome: `CHILD FAILED (exit ${run.status}, ${run.signal ?? 'no signal'}): ${run.stderr.slice(-400)}`, ms: NaN, maxRssMB: NaN };
      }
      results.push({ name: c.name, runner: c.runner, ...result });
      if (path.startsWith(dir)) rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(results));
    return 0;
  }
  console.log('hostile inputs: outcome, time from opening the input to the outcome, peak memory of the process (max RSS)');
  for (const r of results) {
    const outcome = r.outcome.length > 150 ? `${r.outcome.slice(0, 147)}…` : r.outcome;
    console.log(`  ${`${r.name} [${r.runner}]`.padEnd(52)} ${r.ms.toFixed(0).padStart(6)} ms ${r.maxRssMB.toFixed(0).padStart(5)} MB  ${outcome}`);
  }
  return results.some((r) => r.outcome.startsWith('CRASH') || r.outcome.startsWith('CHILD FAILED')) ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
