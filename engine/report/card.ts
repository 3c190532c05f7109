// The model card of a saved model: what it is (each member's equations and parameter counts, or
// what a baseline computes), what it was trained on and how (data fingerprint, settings, seed,
// app version), how it did against the baselines, and the command that trains it again. Plain
// JSON-able data computed from the model file alone, so the app, the CLI and a saved file agree;
// engine/report/html.ts typesets it.
import { formatTime } from '../data/format-time';
import type { ModelFile, ModelMember, SavedModel } from '../forecast/modelFile';
import { SETTING_WORDS, type ResolvedSettings } from '../forecast/settings';
import { AUTO, BASELINE_IDS, modelKind } from '../models/registry';
import { recurrentKind, type RecurrentState } from '../models/recurrent';
import type { CellKind, NetworkSpec } from '../nn/spec';
import { cellBlocks, networkEquations, type EquationBlock } from './equations';
import { countParameters, type ParameterCount } from './parameters';
import { reproduceCommand, type ReproduceCommand } from './reproduce';

/** Bump when a field changes meaning; readers of a stored card check it. */
export const MODEL_CARD_VERSION = 1;

/** How a recurrent member reads its window, scales its target and trains. */
export interface WindowCard {
  /** T: steps in the input window. */
  lookback: number;
  /** D: input channels per step, named in order (the known covariates also reach the head at every step ahead). */
  inputs: string[];
  /** How the target is scaled: optional natural log, then (x − mean) / std (training part only). */
  scaling: { log: boolean; mean: number; std: number };
  anchor: RecurrentState['config']['normalisation'];
  /** How it was trained, in one sentence. */
  training: string;
}

export interface NetworkCard {
  cell: CellKind;
  bidirectional: boolean;
  layers: number;
  /** H: hidden units per direction. */
  hidden: number;
  /** D: inputs per step. */
  inputSize: number;
  /** K: steps the head gives at once. */
  outputSize: number;
  dropout: number;
  /** Networks of this shape in one fit (a global model keeps one per seed and takes their median). */
  count: number;
  /** Of one network. */
  parameters: ParameterCount;
  /** Ids of the card's equation blocks that describe this network, in reading order. */
  equations: string[];
  /** A recurrent member's window, scaling and training; null for other networks (their kind explains them). */
  window: WindowCard | null;
}

/** One group of members: one configuration, fitted from one or more seeds and averaged. */
export interface MemberCard {
  group: number;
  kind: string;
  /** The kind's name in prose, e.g. "recurrent network". */
  kindTitle: string;
  label: string;
  /** What it computes, in a sentence or two. */
  explanation: string;
  /** Fits in the group (replicas from different seeds). */
  fits: number;
  /** Each fit's seed, when the kind has one. */
  seeds: number[];
  network: NetworkCard | null;
}

export interface MetricRow {
  /** 'model' or a baseline's kind id. */
  kind: string;
  name: string;
  mae: number | null;
  rmse: number | null;
  smape: number | null;
  mase: number | null;
  coverage80: number | null;
  coverage95: number | null;
}

export interface CardMetrics {
  basis: 'backtest' | 'validation';
  /** What was measured, in words. */
  text: string;
  rows: MetricRow[];
}

export interface ModelCard {
  cardVersion: typeof MODEL_CARD_VERSION;
  title: string;
  /** What the model forecasts and how its forecast is made, in a few sentences. */
  summary: string;
  /** The description the app shows, e.g. "median of 3: gru uni 1×32 L=36 level, …". */
  model: string;
  app: { version: string; createdAt: string; modelFormatVersion: number };
  data: {
    source: string;
    timeColumn: string;
    target: string;
    covariates: string[];
    frequency: string;
    season: number;
    rows: number;
    first: string;
    last: string;
    fingerprint: string;
  };
  horizon: number;
  seed: number;
  settings: { field: string; name: string; value: string }[];
  /** Set when a baseline's forecast replaced the networks' (auto mode's guard). */
  forecastBy: { kind: string; title: string; explanation: string } | null;
  members: MemberCard[];
  /** Every equation block the members use, each once, in order of first use. */
  equations: EquationBlock[];
  /** Total parameters over every fitted network in the file (every fit, every seed). */
  totalParameters: number;
  intervals: string;
  metrics: CardMetrics;
  verdict: string | null;
  reproduce: ReproduceCommand;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function settingValue(field: keyof ResolvedSettings, s: ResolvedSettings): string {
  switch (field) {
    case 'covariates':
    case 'futureCovariates':
      return s[field].length ? s[field].join(', ') : 'none';
    case 'holidays':
      return s.holidays ?? 'none';
    case 'horizon':
    case 'season':
    case 'lookback':
      return s[field] === null ? 'from season and horizon' : plural(s[field] as number, 'step');
    case 'model':
      return s.model === AUTO ? 'auto (the engine chooses; the members above say what it chose)' : s.model.toUpperCase();
    case 'bidirectional':
      return s.model === AUTO ? 'chosen by auto mode' : s.bidirectional ? 'bidirectional' : 'unidirectional';
    case 'timeBudgetSec':
      return s.timeBudgetSec === 0 ? 'none' : `${s.timeBudgetSec} s`;
    case 'backtest':
      return s.backtest ? 'yes' : 'no';
    default:
      return String(s[field]);
  }
}

function settingsRows(s: ResolvedSettings): ModelCard['settings'] {
  return (Object.keys(SETTING_WORDS) as (keyof ResolvedSettings)[])
    .filter((field) => field in s)
    .map((field) => ({ field, name: capitalised(SETTING_WORDS[field]), value: settingValue(field, s) }));
}

function trainingSentence(t: RecurrentState['config']['training']): string {
  const loss = t.loss === 'huber' ? `Huber loss (δ = ${t.huberDelta})` : 'mean squared error';
  return (
    `Adam with learning rate ${t.learningRate} (halved after ${plural(t.plateauEpochs, 'epoch')} without validation improvement)` +
    `${t.weightDecay > 0 ? `, weight decay ${t.weightDecay}` : ''}, ${loss} on batches of ${t.batchSize} windows, ` +
    `at most ${plural(t.epochs, 'epoch')} of up to ${t.windowsPerEpoch} windows drawn from the latest ${t.maxTrainWindows}, ` +
    `stopping after ${plural(t.patience, 'epoch')} without validation improvement and keeping the best epoch's weights; ` +
    `gradients clipped to norm ${t.clipNorm}.`
  );
}

/** Names of the columns a member reads, from the model file (the member's scalers follow its order). */
interface ColumnNames {
  covariates: readonly string[];
  known: readonly string[];
  holidays: string | null;
}

function addBlocks(blocks: Map<string, EquationBlock>, equations: EquationBlock[]): string[] {
  for (const block of equations) if (!blocks.has(block.id)) blocks.set(block.id, block);
  return equations.map((b) => b.id);
}

function shapeOf(spec: NetworkSpec, count: number, equations: string[], window: WindowCard | null): NetworkCard {
  return {
    cell: spec.cell,
    bidirectional: spec.bidirectional,
    layers: spec.layers,
    hidden: spec.hiddenSize,
    inputSize: spec.inputSize,
    outputSize: spec.outputSize,
    dropout: spec.dropout,
    count,
    parameters: countParameters(spec),
    equations,
    window,
  };
}

function recurrentCard(state: RecurrentState, names: ColumnNames, blocks: Map<string, EquationBlock>): NetworkCard {
  const { config, schema } = state;
  const knownNames = [...names.known, ...(names.holidays === null ? [] : [`public holidays (${names.holidays})`])];
  const known = schema.known ?? [];
  const inputs = [
    `${config.log ? 'log ' : ''}target (standardised${config.normalisation === 'none' ? '' : ', relative to the window'})`,
    ...schema.covariateScalers.map((_, i) => `${names.covariates[i] ?? `covariate ${i + 1}`} (standardised)`),
    ...known.map((_, i) => `${knownNames[i] ?? `known covariate ${i + 1}`} (known in advance, standardised)`),
    ...schema.calendar,
  ];
  const equations = addBlocks(blocks, networkEquations(config, { covariates: schema.covariateScalers.length, known: known.length, calendar: schema.calendar.length }));
  return shapeOf(state.network.spec, 1, equations, {
    lookback: config.lookback,
    inputs,
    scaling: { ...schema.transform },
    anchor: config.normalisation,
    training: trainingSentence(config.training),
  });
}

/** Another kind's networks: their cells' equations and parameters; the kind's explanation says the rest. */
function otherNetworksCard(specs: NetworkSpec[], blocks: Map<string, EquationBlock>): NetworkCard | null {
  const spec = specs[0];
  if (spec === undefined) return null;
  return shapeOf(spec, specs.length, addBlocks(blocks, cellBlocks(spec.cell, spec.bidirectional, spec.layers, spec.dropout)), null);
}

function memberCards(model: ModelFile, blocks: Map<string, EquationBlock>): MemberCard[] {
  const groups = new Map<number, ModelMember[]>();
  for (const m of model.members) groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((group) => {
      const fits = groups.get(group)!;
      const first = fits[0];
      const kind = modelKind(first.kind);
      const recurrent = first.kind === recurrentKind.id;
      return {
        group,
        kind: first.kind,
        kindTitle: kind.title,
        label: first.label,
        explanation: kind.explain(first.state),
        fits: fits.length,
        seeds: recurrent ? fits.map((f) => (f.state as RecurrentState).config.seed) : [],
        network: recurrent
          ? recurrentCard(first.state as RecurrentState, model.data, blocks)
          : otherNetworksCard(kind.networks?.(first.state) ?? [], blocks),
      };
    });
}

function cardMetrics(model: ModelFile): CardMetrics {
  const h = model.horizon;
  const title = (id: string) => capitalised(modelKind(id).title);
  const backtest = model.metrics.backtest;
  if (backtest) {
    const origins = model.settings.backtestOrigins;
    return {
      basis: 'backtest',
      text:
        `Backtest: the last ${plural(h, 'point')} ${origins > 1 ? `at each of ${origins} rolling origins ` : ''}were hidden from training, ` +
        'forecast, and scored against what happened; MASE is scaled by the in-sample seasonal naive error (below 1 beats it), ' +
        'coverage is the share of hidden points inside the 80% and 95% intervals.',
      rows: [
        { kind: 'model', name: 'Model', mae: backtest.mae, rmse: backtest.rmse, smape: backtest.smape, mase: backtest.mase, coverage80: backtest.coverage80, coverage95: backtest.coverage95 },
        ...BASELINE_IDS.filter((id) => backtest.baselines[id] !== undefined).map((id) => {
          const b = backtest.baselines[id];
          return { kind: id, name: title(id), mae: b.mae, rmse: b.rmse, smape: b.smape, mase: b.mase, coverage80: null, coverage95: null };
        }),
      ],
    };
  }
  const v = model.metrics;
  return {
    basis: 'validation',
    text: 'No backtest was run: mean absolute error on the validation windows (the end of the training data), which also chose the model. Run a backtest for an out-of-sample check.',
    rows: [
      { kind: 'model', name: 'Model', mae: v.validationMae, rmse: null, smape: null, mase: null, coverage80: null, coverage95: null },
      ...BASELINE_IDS.filter((id) => v.baselineValidationMae[id] !== undefined).map((id) => ({
        kind: id, name: title(id), mae: v.baselineValidationMae[id], rmse: null, smape: null, mase: null, coverage80: null, coverage95: null,
      })),
    ],
  };
}

const INTERVAL_METHODS: Record<ModelFile['intervals']['method'], string> = {
  'per-step': 'split conformal prediction: quantiles of the absolute errors on the validation windows, one per step ahead',
  pooled: 'split conformal prediction, pooled across the steps ahead (too few validation windows for one quantile per step) and scaled back per step',
  normal: 'a normal approximation from the spread of the validation errors (too few of them for conformal quantiles), scaled per step',
  model: "the model's own error tables, moved onto the combined forecast",
};

function intervalsSentence(model: ModelFile): string {
  const i = model.intervals;
  return (
    `80% and 95% prediction intervals by ${INTERVAL_METHODS[i.method]} (${plural(i.windows, 'validation window')}), ` +
    `${i.space === 'log' ? 'on the log scale (so they widen with the level)' : 'in data units'}.`
  );
}

function summary(model: ModelFile, members: MemberCard[], forecastBy: ModelCard['forecastBy']): string {
  const d = model.data;
  const what = `Forecasts ${d.target} in ${d.source} (${d.frequency.label}, season ${d.season}) ${plural(model.horizon, 'step')} ahead`;
  const covariates = d.covariates.length ? `, reading the past of ${d.covariates.join(', ')}` : '';
  const groups = members.length;
  const fits = members.reduce((n, m) => n + m.fits, 0);
  const rule = model.combine === 'mean-of-group-means' ? 'mean' : 'median';
  const ensemble =
    groups === 1
      ? fits === 1
        ? 'The forecast is this one model\'s.'
        : `The forecast is the mean of ${fits} fits of one configuration from different seeds.`
      : `The forecast is the ${rule}, step by step, of ${groups} models' forecasts` +
        `${members.some((m) => m.fits > 1) ? ' (a model fitted from several seeds gives the mean of its fits)' : ''}.`;
  const guard = forecastBy
    ? ` On validation the ${forecastBy.title} baseline beat the networks, so the forecast comes from it; the networks below are kept for reference.`
    : '';
  return `${what}${covariates}. ${ensemble}${guard}`;
}

function forecastByOf(baseline: SavedModel | null): ModelCard['forecastBy'] {
  if (baseline === null) return null;
  const kind = modelKind(baseline.kind);
  return { kind: baseline.kind, title: kind.title, explanation: kind.explain(baseline.state) };
}

/** The card of a model file (a stored `card` field is ignored: the card is always recomputed). */
export function modelCard(model: ModelFile): ModelCard {
  const blocks = new Map<string, EquationBlock>();
  const members = memberCards(model, blocks);
  const forecastBy = forecastByOf(model.baseline);
  const d = model.data;
  const totalParameters = model.members.reduce(
    (n, m) => n + (modelKind(m.kind).networks?.(m.state) ?? []).reduce((sum, spec) => sum + countParameters(spec).total, 0),
    0,
  );
  return {
    cardVersion: MODEL_CARD_VERSION,
    title: `${d.target} — ${model.model}`,
    summary: summary(model, members, forecastBy),
    model: model.model,
    app: { version: model.appVersion, createdAt: model.createdAt, modelFormatVersion: model.formatVersion },
    data: {
      source: d.source,
      timeColumn: d.timeColumn,
      target: d.target,
      covariates: [...d.covariates],
      frequency: d.frequency.label,
      season: d.season,
      rows: d.rows,
      first: formatTime(d.firstTime, d.timeStyle),
      last: formatTime(d.lastTime, d.timeStyle),
      fingerprint: d.fingerprint,
    },
    horizon: model.horizon,
    seed: model.seed,
    settings: settingsRows(model.settings),
    forecastBy,
    members,
    equations: [...blocks.values()],
    totalParameters,
    intervals: intervalsSentence(model),
    metrics: cardMetrics(model),
    verdict: model.verdict ?? null,
    reproduce: reproduceCommand(model),
  };
}

/** The model file with its card, as saved: what a reader without Tidecast gets. */
export function withCard(model: ModelFile): ModelFile {
  return { ...model, card: modelCard(model) };
}
