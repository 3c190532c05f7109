// Which recurrent networks a run trains, in stages: first the data transforms (log or not, the
// anchor the network predicts from: none, level, mean, seasonal naive) on a reference network,
// then, in auto mode, every cell × direction with the winning transforms, then the best one
// with other lookbacks. Choice comes from validation errors only; seeds follow each
// candidate's place in the plan, never completion order.
import { CELL_KINDS, GATES, type CellKind } from '../../nn/spec';
import { ForecastInputError } from '../errors';
import { deriveSeed } from '../../math/prng';
import type { RankedCandidate, SearchContext, SearchPlan, SearchStage } from '../types';
import { recurrentTraining, SEEDS_PER_CANDIDATE, type RecurrentConfig, type RecurrentSettings } from './config';
import { validationWindowCount, type Normalisation } from './windows';

/** The cell stage 1 compares transforms on in auto mode. */
const REFERENCE_CELL: CellKind = 'gru';

/** Stage 2's order: the reference cell, then the others from the most gates down. */
const ARCHITECTURE_ORDER: CellKind[] = [
  REFERENCE_CELL,
  ...CELL_KINDS.filter((c) => c !== REFERENCE_CELL).sort((a, b) => GATES[b] - GATES[a]),
];

/** Fewest training windows a candidate must keep (planSplit's default). */
const MIN_TRAIN_WINDOWS = 8;

/**
 * Longest default window. Backpropagation through time learns little from dependencies
 * hundreds of steps back while every step costs training time; seasons longer than this
 * (minute data with a daily season of 1,440 steps) reach the network as calendar features.
 */
export const MAX_DEFAULT_LOOKBACK = 256;

/** Longest lookback that still leaves ~24 training/validation windows in a backtest cut. */
export function maxLookback(horizon: number, length: number): number {
  return length - 3 * horizon - 24;
}

/**
 * Two horizons or two seasons of history per window, whichever is longer, at least 8 and at
 * most MAX_DEFAULT_LOOKBACK — shortened when the series is too short to leave enough windows
 * to learn from.
 */
export function defaultLookback(horizon: number, season: number, length: number): number {
  const wanted = Math.min(Math.max(2 * horizon, season > 1 ? 2 * season : 0, 8), MAX_DEFAULT_LOOKBACK);
  return Math.max(2, Math.min(wanted, maxLookback(horizon, length)));
}

/** Validation windows of a network with this lookback on `length` points. */
export function validationWindowsFor(length: number, horizon: number, lookback: number): number {
  const total = length - lookback - horizon + 1;
  return Math.min(
    validationWindowCount(total, { minValidation: 12, maxValidation: 256 }),
    Math.max(1, total - (horizon - 1) - MIN_TRAIN_WINDOWS),
  );
}

/**
 * The anchors stage 1 compares. Seasonal anchoring (the network corrects seasonal naive) only
 * for seasonal data whose windows hold a whole season; with m = 1 it would equal 'last'.
 */
export function normalisationChoices(season: number, lookback: number): Normalisation[] {
  return season > 1 && lookback >= season ? ['last', 'mean', 'none', 'season'] : ['last', 'mean', 'none'];
}

/** Stage 1: the transform variants, on the reference (auto) or the user's network. */
export function transformCandidates(settings: RecurrentSettings, season: number, lookback: number, positive: boolean): RecurrentConfig[] {
  const cell = settings.model === 'auto' ? REFERENCE_CELL : (settings.model as CellKind);
  const bidirectional = settings.model === 'auto' ? false : settings.bidirectional;
  const logs = positive ? [false, true] : [false];
  const training = recurrentTraining(settings);
  const out: RecurrentConfig[] = [];
  for (const normalisation of normalisationChoices(season, lookback)) {
    for (const log of logs) {
      out.push({
        cell,
        bidirectional,
        layers: settings.layers,
        hidden: settings.hidden,
        dropout: 0,
        lookback,
        log,
        normalisation,
        seed: deriveSeed(settings.seed, out.length),
        training,
      });
    }
  }
  return out;
}

/** Stage 2 (auto mode): the other cell × direction pairs with the stage-1 winner's transforms. */
export function architectureCandidates(settings: RecurrentSettings, winner: RecurrentConfig): RecurrentConfig[] {
  const out: RecurrentConfig[] = [];
  let index = 100;
  for (const cell of ARCHITECTURE_ORDER) {
    for (const bidirectional of [false, true]) {
      index++;
      if (cell === winner.cell && bidirectional === winner.bidirectional) continue;
      out.push({ ...winner, cell, bidirectional, seed: deriveSeed(settings.seed, index) });
    }
  }
  return out;
}

/**
 * Stage 3 (auto mode): the best network so far with other lookbacks — half and twice the
 * default where the data allow — so the window length is chosen on validation too.
 */
export function lookbackCandidates(settings: RecurrentSettings, season: number, best: RecurrentConfig, lookbacks: readonly number[]): RecurrentConfig[] {
  return lookbacks
    .filter((L) => L !== best.lookback && (best.normalisation !== 'season' || L >= season))
    .map((lookback, i) => ({ ...best, lookback, seed: deriveSeed(settings.seed, 200 + i) }));
}

/** The lookbacks auto mode compares: the default, half of it and twice it, within what the data allow. */
export function lookbackChoices(settings: RecurrentSettings, horizon: number, lookback: number, longest: number): number[] {
  if (settings.model !== 'auto' || settings.lookback !== null) return [lookback];
  const out = [lookback];
  const half = Math.round(lookback / 2);
  if (half >= Math.max(4, Math.ceil(horizon / 2)) && half !== lookback) out.push(half);
  if (2 * lookback <= longest) out.push(2 * lookback);
  return out;
}

/** Architectures stage 2 adds: every cell × direction but the winner's. */
const ARCHITECTURES = ARCHITECTURE_ORDER.length * 2 - 1;

/**
 * The default lookback of a run, chosen on its shortest cut so every backtest origin searches
 * the same ones; a lookback the user set is checked against that cut.
 */
export function chooseLookback(context: SearchContext<RecurrentSettings>): number {
  const { settings, horizon: h, shortestLength: length, nameSetting } = context;
  const longest = maxLookback(h, length);
  if (longest < 2) {
    throw new ForecastInputError(
      `${length} usable rows are too few for horizon ${h}` +
        (context.backtest ? ' with a backtest' : '') +
        `: at least ${3 * h + 26} are needed. Use a shorter ${nameSetting('horizon')} or a longer series.`,
      { field: 'horizon' },
    );
  }
  if (settings.lookback === null) return defaultLookback(h, context.season, length);
  if (settings.lookback > longest) {
    throw new ForecastInputError(
      `${nameSetting('lookback')} ${settings.lookback} is too long for ${length} usable rows with horizon ${h}: at most ${longest}.`,
      { field: 'lookback' },
    );
  }
  return settings.lookback;
}

/** The staged search for these settings on a cut of `context.length` points. */
export function recurrentSearch(context: SearchContext<RecurrentSettings>): SearchPlan<RecurrentConfig> {
  const { settings, horizon: h, season, length: n } = context;
  const lookback = chooseLookback(context);
  const lookbacks = lookbackChoices(settings, h, lookback, maxLookback(h, context.shortestLength));
  // Every candidate is validated on the same windows, set by the default lookback; a longer
  // lookback is tried only where it still leaves enough training windows before them.
  const validationWindows = validationWindowsFor(n, h, lookback);
  const usable = lookbacks.filter((L) => n - L - h + 1 - (h - 1) - MIN_TRAIN_WINDOWS >= validationWindows);
  const stage1 = transformCandidates(settings, season, lookback, context.positive);
  const auto = settings.model === 'auto';
  function* stages(): Generator<SearchStage<RecurrentConfig>, void, readonly RankedCandidate<RecurrentConfig>[]> {
    let ranked = yield { label: 'choosing transforms', configs: stage1 };
    if (!auto) return;
    ranked = yield { label: 'comparing architectures', configs: architectureCandidates(settings, ranked[0].config) };
    const stage3 = lookbackCandidates(settings, season, ranked[0].config, usable);
    if (stage3.length > 0) yield { label: 'comparing lookbacks', configs: stage3 };
  }
  const plannedCandidates = stage1.length + (auto ? ARCHITECTURES + lookbacks.length - 1 : 0);
  return { validationWindows, plannedCandidates, plannedFits: plannedCandidates * SEEDS_PER_CANDIDATE, stages: stages() };
}
