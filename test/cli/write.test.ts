// Writing a command's outputs: all requested outputs or none, nothing temporary left behind, an
// earlier export replaced, and a folder holding anything else never touched.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { UsageError, parseCliArgs, type CliOptions } from '../../engine/cli/args';
import { buildOutputs, writeOutputs } from '../../engine/cli/outputs';
import type { Dataset } from '../../engine/data/types';
import { ONNX_SIDECAR_NAME } from '../../engine/export';
import type { ModelFile } from '../../engine/forecast/modelFile';
import { runForecast } from '../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../engine/forecast/pool';
import { TINY, monthlyDataset } from '../engine/forecast/synthetic';

const root = mkdtempSync(join(tmpdir(), 'tidecast-export-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let model: ModelFile;
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

beforeAll(async () => {
  const ds: Dataset = monthlyDataset();
  model = (await runForecast(ds, { ...TINY, covariates: ['promo'] }, createInlineForecastSubmitter())).modelFile;
});

/** Writes what the command line `args` asks for (the forecast is "forecast", the metrics "{}"); returns standard output. */
function write(args: string[]): string {
  const options = parseCliArgs(['--input', 'data.csv', ...args]) as CliOptions;
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (d) => (printed += d));
  writeOutputs(options, buildOutputs(options, 'forecast\n', '{}\n', model), stdout);
  return printed;
}

describe('the command\'s outputs', () => {
  it('writes the ONNX folder and the JavaScript module, and nothing else', () => {
    const dir = fresh();
    expect(write(['--export-onnx', join(dir, 'onnx'), '--export-js', join(dir, 'model.mjs')])).toBe('forecast\n');
    expect(readdirSync(dir).sort()).toEqual(['model.mjs', 'onnx']);
    const names = readdirSync(join(dir, 'onnx')).sort();
    expect(names).toEqual([...model.members.map((_, i) => `member-0${i + 1}.onnx`), ONNX_SIDECAR_NAME]);
    expect(readFileSync(join(dir, 'model.mjs'), 'utf8')).toMatch(/^\/\/ Tidecast forecaster for "sales"/);
  });

  it('replaces an earlier export in the same folder', () => {
    const dir = fresh();
    const onnx = join(dir, 'onnx');
    mkdirSync(onnx);
    writeFileSync(join(onnx, 'member-07.onnx'), 'old');
    writeFileSync(join(onnx, ONNX_SIDECAR_NAME), 'old');
    write(['--export-onnx', onnx]);
    expect(readdirSync(onnx)).not.toContain('member-07.onnx');
    expect(JSON.parse(readFileSync(join(onnx, ONNX_SIDECAR_NAME), 'utf8')).format).toBe('tidecast-onnx-export');
    expect(readdirSync(dir)).toEqual(['onnx']);
  });

  it('refuses a folder that holds other files, and leaves it as it was', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => write(['--export-onnx', dir])).toThrow(
      new UsageError(`${dir} already holds other files (e.g. "notes.txt"); choose a new or empty folder for the ONNX export.`),
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('writes the forecast, metrics and model files together, and prints nothing when --out is given', () => {
    const dir = fresh();
    const printed = write(['--out', join(dir, 'f.csv'), '--json', join(dir, 'm.json'), '--save-model', join(dir, 'model.json')]);
    expect(printed).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['f.csv', 'm.json', 'model.json']);
    expect(readFileSync(join(dir, 'f.csv'), 'utf8')).toBe('forecast\n');
    expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).format).toBe('tidecast-model');
  });

  it('writes no output when one of them cannot be written, leaves no temporary files and prints nothing', () => {
    const dir = fresh();
    const missing = join(dir, 'no-such-folder', 'model.mjs');
    let printed = 'not called';
    expect(() => {
      printed = write(['--json', join(dir, 'm.json'), '--export-onnx', join(dir, 'onnx'), '--export-js', missing]);
    }).toThrow(`Cannot write ${missing} (its folder does not exist); choose another place to write it.`);
    expect(printed).toBe('not called');
    expect(readdirSync(dir)).toEqual([]);
    // The other way round: the folder is a file.
    writeFileSync(join(dir, 'taken'), 'x');
    expect(() => write(['--export-onnx', join(dir, 'taken'), '--export-js', join(dir, 'model.mjs')])).toThrow(/is a file; give a folder name/);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(existsSync(join(dir, 'model.mjs'))).toBe(false);
  });

  it('refuses a folder given as a file name', () => {
    const dir = fresh();
    expect(() => write(['--export-js', dir])).toThrow(`${dir} is a folder; give a file name to write to.`);
    expect(() => write(['--out', dir])).toThrow(`${dir} is a folder; give a file name to write to.`);
  });
});
