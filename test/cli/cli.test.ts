// The `tidecast` command end to end: a real process on the bundled samples (worker pool,
// files written, model saved and reloaded), and in-process runs for the error paths: exit
// code 2 with one line naming the file, row and column, never a stack trace.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess, cliProcess } from './run-cli';
import { runCli } from '../../engine/cli/main';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tidecast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TINY = ['--model', 'gru', '--hidden', '4', '--epochs', '3', '--seed', '1'];

describe('tidecast on the bundled wine sample (real process, worker pool)', () => {
  const csv = join(dir, 'forecast.csv');
  const json = join(dir, 'metrics.json');
  const model = join(dir, 'model.json');

  it('writes the forecast CSV, the metrics JSON and the model, and exits 0', async () => {
    const r = await cliProcess(['--input', 'samples/au_wine_sales.csv', ...TINY, '--backtest', '--out', csv, '--json', json, '--save-model', model]);
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:/);
    expect(r.code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,forecast,lower_80,upper_80,lower_95,upper_95');
    expect(lines.length).toBe(1 + 18); // monthly → horizon 18
    expect(lines[1].split(',')[0]).toBe('1994-09-01'); // the input's date style, after its last row
    expect(lines[18].split(',')[0]).toBe('1996-02-01');
    for (const line of lines.slice(1)) {
      const [, f, lo80, hi80, lo95, hi95] = line.split(',').map(Number);
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(lo80).toBeLessThanOrEqual(f);
      expect(f).toBeLessThanOrEqual(hi80);
      expect(hi80).toBeLessThanOrEqual(hi95);
    }
    const metrics = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(metrics)).toEqual(['model', 'backtest', 'baselines', 'seconds']);
    expect(Object.keys(metrics.backtest)).toEqual(['mae', 'rmse', 'smape', 'mase', 'coverage80', 'coverage95']);
    expect(Object.keys(metrics.baselines)).toEqual(['naive', 'snaive', 'drift', 'ets', 'theta']);
    expect(Object.keys(metrics.baselines.snaive)).toEqual(['mae', 'rmse', 'smape', 'mase']);
    // Same protocol as R's forecast package: its seasonal naive scores on this series (anchors.csv)
    expect(metrics.baselines.snaive.smape).toBeCloseTo(8.32153, 4);
    expect(metrics.baselines.snaive.mase).toBeCloseTo(1.03439, 4);
    expect(metrics.baselines.naive.mase).toBeCloseTo(3.87267, 4);
    expect(typeof metrics.model).toBe('string');
    expect(metrics.seconds).toBeGreaterThan(0);
    // no temp files left behind by the atomic writes
    expect(readdirSync(dir).sort()).toEqual(['forecast.csv', 'metrics.json', 'model.json']);
  });

  it('forecasts the same numbers from the saved model', async () => {
    const again = join(dir, 'again.csv');
    const r = await cliProcess(['--input', 'samples/au_wine_sales.csv', '--load-model', model, '--out', again]);
    expect(r.code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(csv, 'utf8'));
  });

  it('refuses the saved model on a file without its columns, in one line', async () => {
    const r = await cliProcess(['--input', 'samples/nyc_air_quality.csv', '--load-model', model]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nyc_air_quality.csv: the model in model.json needs column\(s\) "wine_sales_litres"/);
  });
});

describe('tidecast on the air quality sample, with covariates and missing values', () => {
  it('forecasts ozone from the past of wind and temperature and reports the filled gaps', async () => {
    const r = await cliInProcess([
      '--input', resolve(root, 'samples/nyc_air_quality.csv'), ...TINY,
      '--target', 'ozone_ppb', '--covariates', 'wind_mph,temp_fahrenheit', '--horizon', '7',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(8);
    expect(lines[1].startsWith('1973-10-01,')).toBe(true);
    expect(r.stderr).toMatch(/ozone_ppb.*missing value\(s\) interpolated/);
  });
});

describe('tidecast errors', () => {
  const oneLine = (stderr: string) => {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    return lines[0];
  };

  it('exits 2 naming a file that does not exist', async () => {
    const r = await cliInProcess(['--input', join(dir, 'missing.csv')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`tidecast: ${join(dir, 'missing.csv')}: cannot read the input (no such file). Check the path and that the file is readable.`);
  });

  it('exits 2 naming an unknown column and listing the real ones', async () => {
    const r = await cliInProcess(['--input', resolve(root, 'samples/au_wine_sales.csv'), '--target', 'sales']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/au_wine_sales.csv: no numeric column "sales" for the target; numeric columns are "wine_sales_litres"/);
  });

  it('exits 2 on bad options, saying what to fix', async () => {
    for (const [args, message] of [
      [['--input', 'x.csv', '--horizon', '0'], /--horizon must be a whole number ≥ 1; got "0"/],
      [['--input', 'x.csv', '--model', 'transformer'], /--model must be auto, rnn, lstm, gru or pretrained; got "transformer"/],
      [['--input', 'x.csv', '--bidirectional'], /--bidirectional needs --model rnn, lstm or gru/],
      [['--input', 'x.csv', '--level', '80,100'], /--level must be percentages from 1 to 99; got 100/],
      [['--input', 'x.csv', '--level', 'eighty'], /--level takes percentages separated by commas, e.g. 50,80,95; got "eighty"/],
      [['--input', 'x.csv', '--load-model', 'm.json', '--epochs', '5'], /--epochs cannot be combined with --load-model/],
      [['--frobnicate'], /Unknown option '--frobnicate'/],
      [['--horizon', '3'], /--input FILE.csv is required/],
    ] as const) {
      const r = await cliInProcess([...args]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
    }
  });

  it('exits 2 in one line, before training, when an output cannot be written, and leaves no file behind', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tidecast-outputs-'));
    try {
      const wine = resolve(root, 'samples/au_wine_sales.csv');
      for (const [args, message] of [
        [['--out', join(outDir, 'missing', 'f.csv')], `Cannot write ${join(outDir, 'missing', 'f.csv')} (its folder does not exist); choose another place to write it.`],
        [['--out', join(outDir, 'f.csv'), '--json', join(outDir, 'missing', 'm.json')], `Cannot write ${join(outDir, 'missing', 'm.json')} (its folder does not exist); choose another place to write it.`],
        [['--save-model', outDir], `${outDir} is a folder; give a file name to write to.`],
      ] as const) {
        const err = new PassThrough();
        let stderr = '';
        err.on('data', (d) => (stderr += d));
        // No worker pool may even be made: the outputs are checked before any work starts.
        const code = await runCli(['--input', wine, ...args], {
          stdout: new PassThrough(),
          stderr: err,
          createSubmitter: () => {
            throw new Error('a worker pool was made before the outputs were checked');
          },
        });
        expect(oneLine(stderr)).toBe(`tidecast: ${message}`);
        expect(code).toBe(2);
        expect(readdirSync(outDir)).toEqual([]);
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the file and line of a broken CSV', async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'date,value\n2020-01-01,1\n2020-01-02,"2\n2020-01-03,3\n');
    const r = await cliInProcess(['--input', broken]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/broken.csv.*(line|row) 3/i);
  });

  it('reads a Windows-1252 spreadsheet export, column names with accents and € included', async () => {
    const legacy = join(dir, 'legacy.csv');
    const rows = Array.from({ length: 72 }, (_, i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')};${100 + (i % 12) * 3},5`);
    // 'é' is 0xE9 and '€' is 0x80 in Windows-1252; read as UTF-8 they would turn into U+FFFD.
    const euro = Buffer.from([0x80]);
    writeFileSync(legacy, Buffer.concat([Buffer.from('mois;recette café ', 'latin1'), euro, Buffer.from(`\n${rows.join('\n')}\n`, 'latin1')]));
    const r = await cliInProcess(['--input', legacy, '--target', 'recette café €', ...TINY, '--horizon', '6', '--level', '50,80,95']);
    expect(r.stderr).not.toMatch(/unknown|not found/i);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('timestamp,forecast,lower_50,upper_50,lower_80,upper_80,lower_95,upper_95');
    const [, mean, lo50, hi50, lo80, hi80, lo95, hi95] = lines[1].split(',').map(Number);
    expect(lo95 <= lo80 && lo80 <= lo50 && lo50 <= mean && mean <= hi50 && hi50 <= hi80 && hi80 <= hi95).toBe(true);
    expect(lines[1].split(',')[0]).toBe('2021-01');
  });

  it('forecasts a 14-point yearly series (auto mode: the pretrained network averaged with ETS and Theta), saying what it rests on', async () => {
    const short = join(dir, 'yearly.csv');
    writeFileSync(short, 'year,sales\n' + Array.from({ length: 14 }, (_, i) => `${2011 + i},${10 + 1.5 * i + (i % 3)}`).join('\n') + '\n');
    const r = await cliInProcess(['--input', short, '--backtest']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['timestamp', '2025', '2026', '2027', '2028', '2029', '2030']);
    for (const line of lines.slice(1)) {
      const [, mean, lo80, hi80, lo95, hi95] = line.split(',').map(Number);
      expect([mean, lo80, hi80, lo95, hi95].every(Number.isFinite)).toBe(true);
      expect(lo95 <= lo80 && lo80 <= mean && mean <= hi80 && hi80 <= hi95).toBe(true);
    }
    expect(r.stderr).toMatch(/14 points: the pretrained network \(yearly\), fine-tuned on this series, averaged with ETS and Theta/);
  });

  it('exits 2 on a series with fewer than 3 values, naming the column', async () => {
    const tiny = join(dir, 'tiny.csv');
    writeFileSync(tiny, 'year,sales\n2023,5\n2024,6\n');
    const r = await cliInProcess(['--input', tiny]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/tiny.csv: column "sales" has 2 value\(s\); a forecast needs at least 3\./);
  });

  it('prints help with exit 0', async () => {
    const r = await cliInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tidecast --input FILE.csv/);
  });
});
