// Export ONNX… and Export as JavaScript…, main's side under plain Node: the model file from the
// page becomes the engine's export (the same bytes the CLI writes for that model), written where
// the save dialog says, all or nothing; a model that cannot be exported is refused before any
// dialog opens; a folder holding other files is never touched.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers';
import { IpcFailure } from '../../electron/ipc';
import { readDataset } from '../../engine/data';
import { javascriptOfModel, onnxFilesOfModel } from '../../engine/export';
import { parseModelFile, serializeModel } from '../../engine/forecast/modelFile';
import { runForecast } from '../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../engine/forecast/pool';
import { APP_CONTENTS, scriptedDialogs, type DialogScript } from './fakes';

const root = join(import.meta.dirname, '../..');
const appInfo = { name: 'Tidecast', version: '0.1.0', electron: '45.5.0', chrome: '140', node: '22', v8: '14', platform: 'linux', arch: 'x64', logFile: '/tmp/main.log' };
const ctx = { sender: APP_CONTENTS };

let dir: string;
let networkModel: string;
let combinationModel: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tidecast-model-export-'));
  const { dataset } = readDataset(readFileSync(join(root, 'samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' });
  const submitter = createInlineForecastSubmitter();
  const network = await runForecast(dataset, { model: 'gru', bidirectional: true, hidden: 4, epochs: 1, timeBudgetSec: 0, backtest: false }, submitter);
  networkModel = serializeModel(network.modelFile);
  // Auto mode on this series combines the pretrained network with ETS and Theta.
  const auto = await runForecast(dataset, { model: 'auto', hidden: 4, epochs: 1, timeBudgetSec: 0, backtest: false }, submitter);
  combinationModel = serializeModel(auto.modelFile);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function make(script: DialogScript) {
  const dialogs = scriptedDialogs(script);
  return { handlers: createHandlers({ appInfo, samplesDir: join(root, 'samples'), dialogs, defaultSaveDir: dir }), dialogs };
}

async function failureOf(promise: unknown): Promise<IpcFailure> {
  const error = await Promise.resolve(promise).then(() => null, (e: unknown) => e);
  if (error instanceof IpcFailure) return error;
  throw new Error(`expected an IpcFailure, got ${String(error)}`);
}

describe('file:export-model', () => {
  it('writes the ONNX export into a new folder: the engine’s graphs and sidecar, byte for byte', async () => {
    const target = join(dir, 'wine onnx');
    const { handlers, dialogs } = make({ save: target });
    const result = await handlers['file:export-model']({ kind: 'onnx', suggestedName: 'au_wine_sales ONNX gru', modelName: 'gru run', modelText: networkModel }, ctx);
    const expected = onnxFilesOfModel(parseModelFile(networkModel, 'm'));
    expect(result).toEqual({ canceled: false, name: 'wine onnx', path: target, files: expected.length, bytes: expected.reduce((n, f) => n + f.bytes.length, 0) });
    expect(readdirSync(target).sort()).toEqual(expected.map((f) => f.name).sort());
    for (const f of expected) expect(Buffer.compare(readFileSync(join(target, f.name)), Buffer.from(f.bytes))).toBe(0);
    // The dialog proposes a folder name (no extension, no file-type filter) in the save folder.
    expect(dialogs.saved[0]).toMatchObject({ defaultPath: join(dir, 'au_wine_sales ONNX gru'), filters: [] });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an earlier ONNX export in the same folder', async () => {
    const target = join(dir, 'again');
    mkdirSync(target);
    writeFileSync(join(target, 'member-07.onnx'), 'old');
    const { handlers } = make({ save: target });
    await handlers['file:export-model']({ kind: 'onnx', suggestedName: 'x', modelName: 'm', modelText: networkModel }, ctx);
    expect(readdirSync(target)).not.toContain('member-07.onnx');
    expect(readdirSync(target)).toContain('model.json');
  });

  it('refuses a folder that holds other files, and leaves it as it was', async () => {
    const target = join(dir, 'mine');
    mkdirSync(target);
    writeFileSync(join(target, 'thesis.docx'), 'keep');
    const { handlers } = make({ save: target });
    const failure = await failureOf(handlers['file:export-model']({ kind: 'onnx', suggestedName: 'x', modelName: 'm', modelText: networkModel }, ctx));
    expect(failure.code).toBe('io-failed');
    expect(failure.message).toBe(`${target} already holds other files (e.g. "thesis.docx"); choose a new or empty folder for the ONNX export. Nothing was written.`);
    expect(readdirSync(target)).toEqual(['thesis.docx']);
  });

  it('writes the JavaScript module as one .mjs file, adding the extension, that forecasts as the engine does', async () => {
    const { handlers, dialogs } = make({ save: join(dir, 'wine predictor') });
    const result = await handlers['file:export-model']({ kind: 'javascript', suggestedName: 'au_wine_sales predictor', modelName: 'm', modelText: networkModel }, ctx);
    const path = join(dir, 'wine predictor.mjs');
    expect(result).toMatchObject({ canceled: false, name: 'wine predictor.mjs', path, files: 1 });
    expect(readFileSync(path, 'utf8')).toBe(javascriptOfModel(parseModelFile(networkModel, 'm')));
    expect(dialogs.saved[0]).toMatchObject({ defaultPath: join(dir, 'au_wine_sales predictor.mjs'), filters: [{ name: 'JavaScript module', extensions: ['mjs'] }] });
  });

  it('refuses a combination with non-network members in the engine’s words, before any dialog', async () => {
    const { handlers, dialogs } = make({ save: join(dir, 'never') });
    for (const kind of ['onnx', 'javascript'] as const) {
      const failure = await failureOf(handlers['file:export-model']({ kind, suggestedName: 'x', modelName: 'auto run', modelText: combinationModel }, ctx));
      expect(failure.code).toBe('invalid-input');
      expect(failure.message).toMatch(/^Member ".+" is a [a-z]+ model: only recurrent networks can be exported as ONNX or JavaScript\.$/);
    }
    expect(dialogs.saved).toEqual([]);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('refuses a damaged model file by its name', async () => {
    const { handlers, dialogs } = make({ save: join(dir, 'never') });
    const failure = await failureOf(handlers['file:export-model']({ kind: 'onnx', suggestedName: 'x', modelName: 'old.json', modelText: '{"format":"x"}' }, ctx));
    expect(failure.code).toBe('invalid-input');
    expect(failure.message).toContain('old.json: not a Tidecast model file');
    expect(dialogs.saved).toEqual([]);
  });

  it('writes nothing when the user cancels', async () => {
    const before = readdirSync(dir).sort();
    const { handlers } = make({ save: null });
    await expect(handlers['file:export-model']({ kind: 'onnx', suggestedName: 'x', modelName: 'm', modelText: networkModel }, ctx)).resolves.toEqual({ canceled: true });
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
