// The model card of a trained run: what each member is (equations, parameters per layer and
// direction, counted as PyTorch and by hand), the data it saw, its settings and seed, the
// backtest against every baseline and the verdict; the card saved in the model file equals the
// one the app computes, and files saved before cards still load and get one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { MODEL_FORMAT_VERSION, parseModelFile, serializeModel, type ModelFile } from '../../../engine/forecast/modelFile';
import { runForecast, type ForecastRun } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { APP_VERSION } from '../../../engine/forecast/version';
import { SEEDS_PER_CANDIDATE, type RecurrentState } from '../../../engine/models/recurrent/config';
import { BASELINE_IDS } from '../../../engine/models/registry';
import { fitEts } from '../../../engine/models/ets/fit';
import { fitTheta } from '../../../engine/models/theta/theta';
import { parameterLayout } from '../../../engine/nn/spec';
import { modelCard, withCard, type ModelCard } from '../../../engine/report/card';
import { promotionDataset } from '../forecast/promotion';
import { TINY, monthlyDataset } from '../forecast/synthetic';

const root = join(import.meta.dirname, '../../..');
const wine = readDataset(readFileSync(join(root, 'samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' }).dataset;
const submitter = createInlineForecastSubmitter();

// An LSTM, both directions, two layers of 32 units, on the wine sample (D = 3: the target and
// the season's sine and cosine); one epoch is enough for the card's shapes.
let run: ForecastRun;
let card: ModelCard;

beforeAll(async () => {
  run = await runForecast(wine, { model: 'lstm', bidirectional: true, layers: 2, hidden: 32, epochs: 1, timeBudgetSec: 0, backtest: true }, submitter);
  card = modelCard(run.modelFile);
});

describe('the model card of a trained LSTM', () => {
  it('counts the parameters of every layer and direction and of the head, as a hand computation and the layout do', () => {
    const H = 32;
    const D = 3;
    const layer1 = 4 * H * D + 4 * H * H + 2 * 4 * H; // 4736
    const layer2 = 4 * H * (2 * H) + 4 * H * H + 2 * 4 * H; // 12544: reads both directions of layer 1
    const head = 18 * 2 * H + 18; // head.weight (K, 2H) + head.bias (K), K = 18 months
    expect(card.members).toHaveLength(1);
    const net = card.members[0]!.network!;
    expect(net.window!.inputs).toEqual(['target (standardised, relative to the window)', 'season_sin', 'season_cos']);
    expect(net.parameters.groups.map((g) => [g.part, g.count])).toEqual([
      ['layer 1, forward', layer1],
      ['layer 1, backward', layer1],
      ['layer 2, forward', layer2],
      ['layer 2, backward', layer2],
      ['dense head', head],
    ]);
    expect([layer1, layer2, head]).toEqual([4736, 12544, 1170]);
    const spec = (run.modelFile.members[0]!.state as RecurrentState).network.spec;
    expect(net.parameters.total).toBe(parameterLayout(spec).total);
    expect(net.parameters.total).toBe(35730); // torch: LSTM(3, 32, 2, bidirectional) + Linear(64, 18)
    expect(card.totalParameters).toBe(SEEDS_PER_CANDIDATE * 35730);
  });

  it('describes the members: one configuration from several seeds, with its equations and training', () => {
    const member = card.members[0]!;
    expect(member).toMatchObject({ group: 0, kind: 'recurrent', kindTitle: 'recurrent network', fits: SEEDS_PER_CANDIDATE });
    expect(member.seeds).toEqual(run.modelFile.members.map((m) => (m.state as RecurrentState).config.seed));
    expect(member.explanation).toMatch(/^A bidirectional LSTM network \(2 layers of 32 units per direction\) reads the last \d+ steps .* all 18 steps ahead at once/);
    const net = member.network!;
    expect(net.equations.slice(1, 4)).toEqual(['cell-lstm', 'bidirectional', 'stack-bi-plain']);
    expect(net.equations[4]).toMatch(/^output-bi-2-/);
    expect(card.equations.map((b) => b.id)).toEqual(net.equations);
    expect(net.window!.training).toContain('at most 1 epoch');
  });

  it('records the data, settings, seed, app version and the backtest against every baseline, with the verdict', () => {
    const m = run.modelFile;
    expect(card.data).toEqual({
      source: 'au_wine_sales.csv', timeColumn: 'date', target: 'wine_sales_litres', covariates: [], frequency: 'monthly', season: 12,
      rows: 176, first: '1980-01-01', last: '1994-08-01', fingerprint: m.data.fingerprint,
    });
    // The final model is fitted on the whole file after the backtest; the same values always hash alike.
    expect(card.data.fingerprint).toBe('dc9639d8220aeb61');
    expect(card.seed).toBe(42);
    expect(card.app).toEqual({ version: APP_VERSION, createdAt: m.createdAt, modelFormatVersion: MODEL_FORMAT_VERSION });
    expect(Object.fromEntries(card.settings.map((s) => [s.field, s.value]))).toMatchObject({
      model: 'LSTM', bidirectional: 'bidirectional', layers: '2', hidden: '32', epochs: '1', seed: '42', timeBudgetSec: 'none', backtest: 'yes', horizon: '18 steps',
    });
    const b = run.backtest!;
    expect(card.metrics.basis).toBe('backtest');
    expect(card.metrics.rows).toEqual([
      { kind: 'model', name: 'Model', ...b.metrics },
      ...BASELINE_IDS.map((id) => ({ kind: id, name: expect.any(String), ...b.baselines[id], coverage80: null, coverage95: null })),
    ]);
    expect(card.metrics.rows.map((r) => r.name)).toEqual(['Model', 'Naive (last value)', 'Seasonal naive', 'Drift', 'ETS', 'Theta']);
    expect(card.verdict).toBe(run.verdict);
    expect(card.forecastBy).toBeNull();
  });

  it('is saved in the model file, equal to the card the app computes from that file', () => {
    const saved = serializeModel(withCard(run.modelFile));
    const loaded = parseModelFile(saved, 'model.json');
    expect(loaded.card).toEqual(JSON.parse(JSON.stringify(modelCard(loaded))));
    expect(JSON.parse(JSON.stringify(modelCard(loaded)))).toEqual(JSON.parse(JSON.stringify(card)));
  });
});

describe('model cards of other files', () => {
  let auto: ModelFile;
  let long: ModelFile;
  beforeAll(async () => {
    // 120 monthly points: auto mode's combination (pretrained GRU, ETS, Theta); 180: also the local search.
    auto = (await runForecast(monthlyDataset(), { ...TINY, model: 'auto' }, submitter)).modelFile;
    long = (await runForecast(monthlyDataset(180), { ...TINY, model: 'auto' }, submitter)).modelFile;
  });

  it('load from files saved before cards, verdicts and budgets were recorded, and say so', () => {
    const old = JSON.parse(serializeModel(auto));
    delete old.verdict;
    delete old.timeBudgetHit;
    const model = parseModelFile(JSON.stringify(old), 'old.json');
    const c = modelCard(model);
    expect(c.verdict).toBeNull();
    expect(c.metrics.basis).toBe('validation');
    expect(c.metrics.rows[0]).toMatchObject({ kind: 'model', mae: auto.metrics.validationMae, rmse: null });
  });

  it('show the combination of a short series: the pretrained GRU\'s cell and parameters, what ETS and Theta compute', () => {
    const c = modelCard(auto);
    expect(c.members.map((m) => m.kind)).toEqual(['pretrained', 'ets', 'theta']);
    expect(c.summary).toContain('The forecast is the mean, step by step, of 3 models\' forecasts.');
    const [gru, ets, theta] = c.members;
    expect(gru!.explanation).toMatch(/^The GRU network Tidecast ships for monthly series, pretrained across many real series, fine-tuned on this series' own windows/);
    const net = gru!.network!;
    expect(net).toMatchObject({ cell: 'gru', bidirectional: false, inputSize: 2, window: null, equations: ['cell-gru'] });
    expect(net.count).toBeGreaterThan(1); // one network per seed
    const H = net.hidden;
    const K = net.outputSize;
    expect(net.parameters.groups.map((g) => g.count)).toEqual([3 * H * 2 + 3 * H * H + 2 * 3 * H, K * H + K]);
    expect(c.totalParameters).toBe(net.count * net.parameters.total);
    expect([ets!.network, theta!.network]).toEqual([null, null]);
    expect(ets!.explanation).toMatch(/^Exponential smoothing ETS\(/);
    expect(theta!.explanation).toMatch(/^The Theta method as R's thetaf\(\)/);
  });

  it('show a longer series\' ensemble of networks as its groups, each block of equations once', () => {
    const c = modelCard(long);
    expect(c.members.map((m) => m.group)).toEqual([0, 1, 2]);
    expect(c.members.every((m) => m.kind === 'recurrent' && m.fits === SEEDS_PER_CANDIDATE)).toBe(true);
    expect(c.summary).toContain('The forecast is the median, step by step, of 3 models\' forecasts (a model fitted from several seeds gives the mean of its fits).');
    const ids = c.equations.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of c.members) for (const id of m.network!.equations) expect(ids).toContain(id);
  });

  it('say what a baseline computes instead of equations, and when the guard chose one', () => {
    const withBaseline: ModelFile = {
      ...auto,
      members: [...auto.members, { kind: 'drift', state: {}, label: 'drift', group: 3 }],
      baseline: { kind: 'snaive', state: {} },
    };
    const c = modelCard(withBaseline);
    expect(c.members.at(-1)).toMatchObject({ kind: 'drift', network: null, seeds: [], explanation: expect.stringMatching(/first and last observed values/) });
    expect(c.forecastBy).toEqual({ kind: 'snaive', title: 'seasonal naive', explanation: expect.stringMatching(/one season \(m steps\) before/) });
    expect(c.summary).toContain('the seasonal naive baseline beat the networks');
  });

  it('say what a fitted ETS or Theta model computes, with its components and parameters', () => {
    const y = monthlyDataset().columns[0]!.values;
    const ets = fitEts(y, 12);
    const theta = fitTheta(y, 12);
    const firstTime = monthlyDataset().time[0]!;
    const c = modelCard({
      ...auto,
      members: [...auto.members, { kind: 'ets', state: { model: ets, firstTime }, label: 'ETS', group: 3 }, { kind: 'theta', state: { model: theta, firstTime }, label: 'Theta', group: 4 }],
    });
    const [e, t] = c.members.slice(-2);
    expect(e!.explanation).toContain(`Exponential smoothing ${ets.name}, the state space model with the lowest AICc`);
    expect(e!.explanation).toContain(`α = ${ets.alpha.toPrecision(3)}`);
    expect(e!.network).toBeNull();
    expect(t!.explanation).toMatch(new RegExp(`^The Theta method as R's thetaf\\(\\): simple exponential smoothing \\(α = ${theta.ses.alpha.toPrecision(3)}\\)`));
    expect(t!.explanation).toContain(`a drift of ${theta.drift.toPrecision(3)} per step`);
  });

  it('name the covariates known in advance and the holidays among the inputs, and count the head\'s extra inputs', async () => {
    // Daily sales with a promotion plan in the last 14 rows, and US public holidays: Ck = 2 known channels.
    const ds = promotionDataset({ days: 200, futureDays: 14 });
    const model = (await runForecast(ds, { model: 'gru', hidden: 4, epochs: 1, lookback: 14, timeBudgetSec: 0, holidays: 'US' }, submitter)).modelFile;
    const c = modelCard(model);
    const net = c.members[0]!.network!;
    expect(net.window!.inputs.filter((i) => i.includes('known in advance'))).toEqual(['promo (known in advance, standardised)', 'public holidays (US) (known in advance, standardised)']);
    const H = 4;
    const K = model.horizon;
    expect(K).toBe(14);
    const head = net.parameters.groups.at(-1)!;
    expect(head.tensors[0]).toEqual({ name: 'head.weight', shape: [K, H + 2 * K], count: K * (H + 2 * K) });
    expect(head.count).toBe(K * (H + 2 * K) + K);
    const output = c.equations.find((b) => b.id === net.equations.at(-1))!;
    expect(output.latex[0]).toContain(String.raw`W_{\mathrm{head}} \in \mathbb{R}^{K \times (H + 2K)}`);
    expect(c.members[0]!.explanation).toContain('2 covariates known in advance');
    expect(Object.fromEntries(c.settings.map((x) => [x.field, x.value]))).toMatchObject({ futureCovariates: 'promo', holidays: 'US' });
    expect(c.reproduce.argv.join(' ')).toContain('--future-covariates promo --holidays US');
  });
});
