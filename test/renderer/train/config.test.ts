// The Configure form's rules. Expected limits are worked out by hand from the engine's rule
// that a run needs maxLookback = rows − 3·horizon − 24 ≥ 2 (rows less the backtest's horizon):
// the 176-month wine sample allows a horizon of at most (176 − 26) / 4 = 37 with a backtest,
// (176 − 26) / 3 = 50 without.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { dataFacts, defaultForm, hints, knownProblem, maxHorizon, parseNumberInput, runLabel, validateConfig, type ConfigForm } from '../../../renderer/train/config';
import { promotionDataset } from '../../engine/forecast/promotion';

const wine = readDataset(readFileSync(join(import.meta.dirname, '../../../samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' }).dataset;
const facts = dataFacts(wine, 'wine_sales_litres', []);
const form = (overrides: Partial<ConfigForm> = {}): ConfigForm => ({ ...defaultForm(facts), ...overrides });

describe('defaults from the data', () => {
  it('starts in Auto with the horizon of the frequency and a backtest', () => {
    expect(defaultForm(facts)).toMatchObject({ mode: 'auto', horizon: '18', lookback: '', epochs: '100', learningRate: '0.003', batchSize: '32', seed: '42', backtest: true });
  });

  it('shortens the default horizon to what a short series allows', () => {
    const short = { ...facts, usableRows: 60 };
    // (60 − 26) / 4 = 8.5 → 8
    expect(maxHorizon(short, true)).toBe(8);
    expect(defaultForm(short).horizon).toBe('8');
  });

  it('gives each field a hint, with the automatic lookback and the longest horizon for this data', () => {
    const h = hints(facts, form());
    // 2 seasons (24) or 2 horizons (36), whichever is longer.
    expect(h.lookback).toBe('Past points each forecast reads. Empty = automatic: 36 for this data.');
    expect(h.horizon).toBe('Points to forecast ahead (monthly data): 18 by default, at most 37 here.');
    expect(hints(facts, form({ backtest: false })).horizon).toContain('at most 50 here');
    expect(h.backtest).toBe('Hide the last 18 points, train on the rest and score the forecast of them against simple baselines.');
  });

  it('counts usable rows from the first value of the target (leading gaps are trimmed)', () => {
    const values = new Float64Array([Number.NaN, Number.NaN, 1, 2, Number.NaN, 3]);
    const d = { ...wine, time: new Float64Array(6), columns: [{ name: 'y', values, missing: 3 }] };
    expect(dataFacts(d, 'y', []).usableRows).toBe(4);
  });
});

describe('validation', () => {
  it('accepts the defaults and builds the run settings', () => {
    const v = validateConfig(form(), facts);
    expect(v.errors).toEqual({});
    expect(v.settings).toEqual({
      target: 'wine_sales_litres', covariates: [], horizon: 18, season: null, model: 'auto', bidirectional: false, layers: 1, hidden: 32,
      lookback: null, epochs: 100, seed: 42, timeBudgetSec: 25, backtest: true, backtestOrigins: 1, learningRate: 0.003, batchSize: 32,
      futureCovariates: [], holidays: null,
    });
  });

  it('builds a manual bidirectional GRU run', () => {
    const v = validateConfig(form({ mode: 'manual', cell: 'gru', direction: 'bi', layers: '2', hidden: '64', lookback: '24' }), facts);
    expect(v.settings).toMatchObject({ model: 'gru', bidirectional: true, layers: 2, hidden: 64, lookback: 24 });
    expect(runLabel(v.settings!)).toBe('GRU bi 2×64');
  });

  it('never sends bidirectional in Auto (auto mode tries both directions itself)', () => {
    expect(validateConfig(form({ direction: 'bi' }), facts).settings).toMatchObject({ model: 'auto', bidirectional: false });
  });

  it('explains a horizon too long for the series, with and without a backtest', () => {
    expect(validateConfig(form({ horizon: '38' }), facts).errors.horizon).toBe('Too long for 176 usable rows with a backtest: at most 37 here.');
    expect(validateConfig(form({ horizon: '37' }), facts).errors.horizon).toBeUndefined();
    expect(validateConfig(form({ horizon: '51', backtest: false }), facts).errors.horizon).toBe('Too long for 176 usable rows: at most 50 here.');
    expect(validateConfig(form({ horizon: '50', backtest: false }), facts).errors.horizon).toBeUndefined();
  });

  it('explains a lookback too long for the horizon: 176 − 18 − 3·18 − 24 = 80 at most', () => {
    expect(validateConfig(form({ lookback: '81' }), facts).errors.lookback).toBe('Too long for 176 usable rows with a horizon of 18: at most 80.');
    expect(validateConfig(form({ lookback: '80' }), facts).errors).toEqual({});
  });

  it('uses the engine’s own ranges, worded for the form', () => {
    const errors = validateConfig(form({ layers: '9', hidden: '0', epochs: '2.5', seed: '-1', timeBudgetSec: '-3', horizon: '0' }), facts).errors;
    expect(errors).toEqual({
      layers: 'Layers must be a whole number from 1 to 4; got 9.',
      hidden: 'Hidden units must be a whole number from 1 to 512; got 0.',
      epochs: 'Epochs must be a whole number from 1 to 100000; got 2.5.',
      seed: 'Seed must be a whole number from 0 to 4294967295; got -1.',
      timeBudgetSec: expect.stringMatching(/^Time budget must be a number of seconds ≥ 0 \(0 = none\); got -3\.$/),
      horizon: 'Horizon must be a whole number from 1 to 10000; got 0.',
    });
  });

  it('checks the optimiser settings with the engine too', () => {
    expect(validateConfig(form({ learningRate: '2', batchSize: '5000' }), facts).errors).toEqual({
      learningRate: 'Learning rate must be a number above 0 and at most 1; got 2.',
      batchSize: 'Batch size must be a whole number from 1 to 4096; got 5000.',
    });
  });

  it('explains text that is not a number, and empty fields', () => {
    const errors = validateConfig(form({ epochs: 'ten', hidden: '', learningRate: 'fast', batchSize: '0' }), facts).errors;
    expect(errors).toEqual({
      epochs: '“ten” is not a number.',
      hidden: 'Enter a value.',
      learningRate: '“fast” is not a number.',
      batchSize: 'Batch size must be a whole number from 1 to 4096; got 0.',
    });
  });

  it('reads a decimal comma as users in many locales type it', () => {
    expect(parseNumberInput('0,01')).toBe(0.01);
    expect(parseNumberInput(' 3e-3 ')).toBe(0.003);
    expect(parseNumberInput('1.2.3')).toBeNaN();
    expect(validateConfig(form({ learningRate: '0,01' }), facts).settings?.learningRate).toBe(0.01);
  });

  it('checks the fields but builds no settings before data is open', () => {
    const v = validateConfig(defaultForm(null), null);
    expect(v.errors).toEqual({});
    expect(v.settings).toBeNull();
  });
});

describe('a file whose last rows are the future (covariates known in advance)', () => {
  const planned = promotionDataset({ days: 220, futureDays: 10, seed: 3 });
  const known = dataFacts(planned, 'sales', [], ['promo']);

  it('counts only the rows up to the last sales value as usable, and forecasts the future rows by default', () => {
    expect(known).toMatchObject({ history: 220, futureRows: 10, usableRows: 220, holidaysApply: true });
    expect(defaultForm(known).horizon).toBe('10');
    expect(hints(known, defaultForm(known)).horizon).toMatch(/^Points to forecast ahead, from the target's last value: the file's 10 future rows by default/);
  });

  it('sends the known columns and the holiday place with the run, and no holidays for monthly data', () => {
    const v = validateConfig({ ...defaultForm(known), holidays: 'US-CA' }, known);
    expect(v.settings).toMatchObject({ covariates: [], futureCovariates: ['promo'], holidays: 'US-CA', horizon: 10 });
    expect(validateConfig(form({ holidays: 'US' }), facts).settings).toMatchObject({ holidays: null });
    expect(knownProblem(known, { ...defaultForm(known), holidays: 'US-ZZ' })).toMatch(/^Holidays: United States of America has no state or region "ZZ"/);
    expect(knownProblem(known, { ...defaultForm(known), holidays: 'DE-BY' })).toBeNull();
  });
});
