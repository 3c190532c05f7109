// `tidecast --export-onnx DIR --export-js FILE.mjs`: the exports of a trained or loaded model,
// written beside the forecast; the JavaScript module forecasts the numbers the CLI printed; a
// target that cannot be written is a one-line user error that leaves no export behind.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './run-cli';
import { readDataset } from '../../engine/data';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tidecast-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WINE = join(root, 'samples/au_wine_sales.csv');
const TINY = ['--model', 'lstm', '--bidirectional', '--hidden', '4', '--epochs', '3', '--seed', '1'];

describe('tidecast --export-onnx / --export-js', () => {
  const onnx = join(dir, 'onnx');
  const js = join(dir, 'wine.mjs');
  const model = join(dir, 'wine.model.json');
  const csv = join(dir, 'forecast.csv');

  it('writes the ONNX folder and a JavaScript module that forecasts what the CLI printed', async () => {
    const r = await cliInProcess(['--input', WINE, ...TINY, '--quiet', '--out', csv, '--save-model', model, '--export-onnx', onnx, '--export-js', js]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(readdirSync(onnx).sort()).toEqual([...saved.members.map((_: unknown, i: number) => `member-0${i + 1}.onnx`), 'model.json']);
    const printed = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').slice(1).map(Number));
    const ds = readDataset(readFileSync(WINE, 'utf8')).dataset;
    const predictor = await import(pathToFileURL(js).href);
    const f = predictor.forecast({ values: Array.from(ds.columns[0].values), times: Array.from(ds.time) });
    expect(f.mean.length).toBe(printed.length);
    printed.forEach((row, k) => {
      const mine = [f.mean[k], f.lower80[k], f.upper80[k], f.lower95[k], f.upper95[k]];
      row.forEach((v, j) => expect(Math.abs(mine[j] - v) / Math.abs(v)).toBeLessThan(1e-4));
    });
  });

  it('exports a loaded model as the run that trained it did', async () => {
    const again = join(dir, 'again.mjs');
    const r = await cliInProcess(['--input', WINE, '--load-model', model, '--quiet', '--out', join(dir, 'again.csv'), '--export-js', again]);
    expect(r.code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(js, 'utf8'));
  });

  it('exits 2 in one line when the ONNX folder holds other files, and writes neither export', async () => {
    const target = join(dir, 'busy-js.mjs');
    const other = mkdtempSync(join(dir, 'other-'));
    writeFileSync(join(other, 'keep.txt'), 'mine');
    const r = await cliInProcess(['--input', WINE, '--load-model', model, '--quiet', '--out', join(dir, 'x.csv'), '--export-onnx', other, '--export-js', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tidecast: ${other} already holds other files (e.g. "keep.txt"); choose a new or empty folder for the ONNX export.\n`);
    expect(readdirSync(other)).toEqual(['keep.txt']);
    expect(readdirSync(dir)).not.toContain('busy-js.mjs');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('asks for a value when an export option has none', async () => {
    const r = await cliInProcess(['--input', WINE, '--export-js', ' ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tidecast: --export-js needs a value.\n');
  });
});
