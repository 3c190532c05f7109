// Seasonal anchoring: the network predicts corrections to seasonal naive, so before any
// training (zero head) it forecasts exactly seasonal naive, in data units, with or without the
// log transform, and a fit keeps that forecast when no epoch beats it on validation.
import { describe, expect, it } from 'vitest';
import { createNetwork, getParameter, networkToJson } from '../../../../engine/nn';
import { DEFAULT_SETTINGS } from '../../../../engine/forecast/settings';
import { noControl } from '../../../../engine/jobs/control';
import { seasonalNaiveForecast } from '../../../../engine/models/naive/forecasts';
import { recurrentTraining, type RecurrentConfig } from '../../../../engine/models/recurrent/config';
import { buildFeatures } from '../../../../engine/models/recurrent/features';
import { fitRecurrent, fitSchema, forecastNext } from '../../../../engine/models/recurrent/fit';
import { planSplit } from '../../../../engine/models/recurrent/windows';
import type { SeriesData } from '../../../../engine/models/types';

const m = 12;
const h = 18; // longer than a season: steps 13..18 repeat the last season again
const L = 24;
const series = (target: Float64Array): SeriesData => ({
  time: Float64Array.from(target, (_, t) => Date.UTC(2000 + Math.floor(t / 12), t % 12, 1)),
  target,
  covariates: [],
  covariateNames: [],
  frequency: { unit: 'month', step: 1, label: 'monthly' },
  season: m,
});
const config = (log: boolean): RecurrentConfig => ({
  cell: 'gru', bidirectional: false, layers: 1, hidden: 4, dropout: 0, lookback: L, log, normalisation: 'season', seed: 5,
  training: recurrentTraining({ ...DEFAULT_SETTINGS, epochs: 5 }),
});

describe('seasonal anchoring', () => {
  // Trend × season with noise: seasonal naive is far from the series mean or its last value.
  const y = Float64Array.from({ length: 100 }, (_, t) => (20 + t) * (1 + 0.4 * Math.sin((2 * Math.PI * t) / m)) + (t % 5));

  for (const log of [false, true]) {
    it(`forecasts seasonal naive before any training${log ? ' (log transform)' : ''}`, () => {
      const s = series(y);
      const schema = fitSchema(s, planSplit(y.length, L, h, { validationWindows: 12 }), log);
      const net = createNetwork({ cell: 'gru', bidirectional: false, layers: 1, inputSize: 3, hiddenSize: 4, outputSize: h, dropout: 0 }, 1);
      getParameter(net, 'head.weight').fill(0);
      getParameter(net, 'head.bias').fill(0);
      const member = { config: config(log), horizon: h, schema, network: networkToJson(net) };
      const future = forecastNext(net, member, buildFeatures(s, schema), y.length, m);
      const expected = seasonalNaiveForecast(y, h, m);
      // Inputs are float32 network units: agreement to float32 rounding of the scaled values.
      for (let k = 0; k < h; k++) expect(Math.abs(future[k] - expected[k]) / expected[k]).toBeLessThan(1e-5);
    });
  }

  it('keeps seasonal naive when training never beats it on validation (an exactly periodic series)', () => {
    const periodic = Float64Array.from({ length: 120 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / m) + (t % 3));
    const fit = fitRecurrent(
      { kind: 'recurrent', label: 'gru seasonal', series: series(periodic), horizon: h, validationWindows: 12, config: config(false), timeBudgetMs: 0 },
      noControl,
    );
    expect(fit.training.bestEpoch).toBe(0);
    expect(fit.validationMae).toBeLessThan(1e-4);
    const expected = seasonalNaiveForecast(periodic, h, m);
    for (let k = 0; k < h; k++) expect(fit.future[k]).toBeCloseTo(expected[k], 4);
  });
});
