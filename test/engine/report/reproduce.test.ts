// The card's "reproduce this run" command: parsed by the CLI it gives back every setting of the
// run, quoted safely for a shell, and run through the CLI in-process on the same file it trains
// the same weights and prints the same forecast, to the last digit.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../cli/run-cli';
import { parseCliArgs, flagOfSetting, type CliOptions } from '../../../engine/cli/args';
import { readDataset } from '../../../engine/data';
import { parseModelFile, type ModelFile } from '../../../engine/forecast/modelFile';
import { DEFAULT_SETTINGS, resolveSettings, type ResolvedSettings } from '../../../engine/forecast/settings';
import { modelCard } from '../../../engine/report/card';
import { REPRODUCED_MODEL, reproduceCommand, shellQuote } from '../../../engine/report/reproduce';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tidecast-card-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wineText = readFileSync(join(root, 'samples/au_wine_sales.csv'), 'utf8');
const wine = readDataset(wineText, { source: 'au_wine_sales.csv' }).dataset;

/** A model file around `settings` (only what the command reads). */
function modelWith(settings: ResolvedSettings, over: Partial<ModelFile> = {}): ModelFile {
  return {
    settings,
    data: { source: 'au_wine_sales.csv', timeColumn: 'date', timeStyle: { kind: 'iso-date' }, fingerprint: '0123456789abcdef' },
    ...over,
  } as ModelFile;
}

/** The options a command line parses to (the reproduce command never asks for help or the version). */
function optionsOf(argv: string[]): CliOptions {
  const parsed = parseCliArgs(argv);
  if (typeof parsed === 'string') throw new Error(`parsed as --${parsed}`);
  return parsed;
}

describe('the reproduce command', () => {
  it.each([
    ['auto mode with the defaults', {}],
    ['a chosen bidirectional cell with every training option set', { model: 'lstm', bidirectional: true, layers: 2, hidden: 48, lookback: 30, epochs: 7, learningRate: 0.0007, batchSize: 16, seed: 9, timeBudgetSec: 0 }],
    ['a rolling-origin backtest', { model: 'gru', backtest: true, backtestOrigins: 3, horizon: 6, season: 12 }],
    ['a plain backtest', { model: 'rnn', backtest: true, timeBudgetSec: 12.5 }],
  ] as const)('gives back every setting when the CLI parses it: %s', (_name, chosen) => {
    const settings = resolveSettings(wine, chosen);
    const { argv } = reproduceCommand(modelWith(settings));
    const parsed = optionsOf(argv);
    expect(parsed.input).toBe('au_wine_sales.csv');
    expect(parsed.time).toBe('date');
    expect(parsed.saveModel).toBe(REPRODUCED_MODEL);
    expect(resolveSettings(wine, parsed.settings, flagOfSetting)).toEqual(settings);
  });

  it('names the covariates known in advance and the holiday region, and says "none" rather than let the CLI detect them again', () => {
    const settings = resolveSettings(wine, {});
    const known = optionsOf(reproduceCommand(modelWith({ ...settings, futureCovariates: ['promo', 'price'], holidays: 'US-CA' })).argv);
    expect(known.settings).toMatchObject({ futureCovariates: ['promo', 'price'], holidays: 'US-CA' });
    const none = reproduceCommand(modelWith({ ...settings, futureCovariates: [], holidays: null })).argv;
    expect(none.slice(none.indexOf('--future-covariates'), none.indexOf('--future-covariates') + 2)).toEqual(['--future-covariates', 'none']);
    expect(none).not.toContain('--holidays');
    expect(optionsOf(none).settings.futureCovariates).toEqual([]);
  });

  it('writes out every setting, defaults included (a later version may change them)', () => {
    const { argv } = reproduceCommand(modelWith(resolveSettings(wine, {})));
    for (const flag of ['--target', '--horizon', '--season', '--model', '--layers', '--hidden', '--epochs', '--learning-rate', '--batch-size', '--seed', '--time-budget']) {
      expect(argv).toContain(flag);
    }
    expect(argv[argv.indexOf('--seed') + 1]).toBe(String(DEFAULT_SETTINGS.seed));
    expect(argv).not.toContain('--bidirectional'); // auto mode tries both directions itself
  });

  it('quotes for a shell only what needs it, and says when the time budget makes a rerun differ', () => {
    expect(shellQuote('au_wine_sales.csv')).toBe('au_wine_sales.csv');
    expect(shellQuote('my sales.csv')).toBe(`'my sales.csv'`);
    expect(shellQuote(`O'Brien's.csv`)).toBe(`'O'\\''Brien'\\''s.csv'`);
    const settings = resolveSettings(wine, { covariates: [] });
    const command = reproduceCommand(modelWith(settings, { data: { ...modelWith(settings).data, source: 'wine sales (2024).csv' } as ModelFile['data'], timeBudgetHit: true }));
    expect(command.command).toMatch(/^tidecast --input 'wine sales \(2024\)\.csv' --time date --target wine_sales_litres /);
    expect(command.notes.join(' ')).toContain('The time budget (25 s) cut this run\'s training short');
    expect(command.notes.join(' ')).toContain('0123456789abcdef');
  });

  it('run through the CLI on the same file, trains the same weights and prints the same forecast', async () => {
    const input = join(dir, 'au_wine_sales.csv');
    copyFileSync(join(root, 'samples/au_wine_sales.csv'), input);
    const first = await cliInProcess(['--input', input, '--model', 'gru', '--hidden', '4', '--epochs', '3', '--seed', '7', '--time-budget', '0', '--backtest', '--save-model', join(dir, 'first.json'), '--quiet']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const saved = readFileSync(join(dir, 'first.json'), 'utf8');
    const model = parseModelFile(saved, 'first.json');
    // The saved file carries its card, and the card's command is what the app shows.
    const card = modelCard(model);
    expect(JSON.parse(saved).card.reproduce).toEqual(card.reproduce);
    expect(card.reproduce.command).toBe(
      'tidecast --input au_wine_sales.csv --time date --target wine_sales_litres --future-covariates none --horizon 18 --season 12 --model gru --layers 1 --hidden 4 ' +
        '--epochs 3 --learning-rate 0.003 --batch-size 32 --seed 7 --time-budget 0 --backtest --save-model reproduced-model.json',
    );

    // Run it as a user would in the folder of the file: paths resolved against that folder.
    const inFolder = (arg: string, i: number, argv: string[]) => (argv[i - 1] === '--input' || argv[i - 1] === '--save-model' ? join(dir, arg) : arg);
    const again = await cliInProcess([...card.reproduce.argv.map(inFolder), '--quiet']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stdout.split('\n').length).toBe(1 + 18 + 1);
    const reproduced = parseModelFile(readFileSync(join(dir, REPRODUCED_MODEL), 'utf8'), REPRODUCED_MODEL);
    expect(reproduced.data.fingerprint).toBe(model.data.fingerprint);
    expect(reproduced.members.map((m) => m.state)).toEqual(model.members.map((m) => m.state));
    expect(reproduced.metrics).toEqual(model.metrics);
  });
});
