// Writing exports: all requested outputs or none, nothing temporary left behind, an earlier
// export replaced, and a folder holding anything else never touched.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../engine/data/types';
import { ONNX_SIDECAR_NAME, writeModelExports } from '../../../engine/export';
import { ForecastInputError } from '../../../engine/models/errors';
import type { ModelFile } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { TINY, monthlyDataset } from '../forecast/synthetic';

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

describe('writeModelExports', () => {
  it('writes the ONNX folder and the JavaScript module, and nothing else', () => {
    const dir = fresh();
    writeModelExports(model, { onnxDir: join(dir, 'onnx'), jsFile: join(dir, 'model.mjs') });
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
    writeModelExports(model, { onnxDir: onnx, jsFile: null });
    expect(readdirSync(onnx)).not.toContain('member-07.onnx');
    expect(JSON.parse(readFileSync(join(onnx, ONNX_SIDECAR_NAME), 'utf8')).format).toBe('tidecast-onnx-export');
    expect(readdirSync(dir)).toEqual(['onnx']);
  });

  it('refuses a folder that holds other files, and leaves it as it was', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => writeModelExports(model, { onnxDir: dir, jsFile: null })).toThrow(
      new ForecastInputError(`${dir} already holds other files (e.g. "notes.txt"); choose a new or empty folder for the ONNX export.`),
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('writes neither output when one of them cannot be written, and leaves no temporary files', () => {
    const dir = fresh();
    const missing = join(dir, 'no-such-folder', 'model.mjs');
    expect(() => writeModelExports(model, { onnxDir: join(dir, 'onnx'), jsFile: missing })).toThrow(
      `Cannot write ${missing} (its folder does not exist); choose another place to export to.`,
    );
    expect(readdirSync(dir)).toEqual([]);
    // The other way round: the folder is a file.
    writeFileSync(join(dir, 'taken'), 'x');
    expect(() => writeModelExports(model, { onnxDir: join(dir, 'taken'), jsFile: join(dir, 'model.mjs') })).toThrow(/is a file; give a folder name/);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(existsSync(join(dir, 'model.mjs'))).toBe(false);
  });

  it('refuses a folder given as the JavaScript file name', () => {
    const dir = fresh();
    expect(() => writeModelExports(model, { onnxDir: null, jsFile: dir })).toThrow(`${dir} is a folder; give a file name to write to.`);
  });
});
