// Which candidate networks a run trains, in stages: first the data transforms (log or not,
// the anchor the network predicts from: none, level, mean, seasonal naive) on a reference network, then, in auto mode, every cell ×
// direction with the winning transforms, then the best one with other lookbacks. Model choice
// and the ensemble come from validation errors only; seeds follow each candidate's place in
// the plan, never completion order.
import type { CellKind } from '../nn';
import { deriveSeed } from './random';
import type { ResolvedSettings } from './settings';
import type { CandidateConfig, FitResult } from './train';
import type { Normalisation } from './windows';

/** How many of the best candidates the auto-mode ensemble takes the median of. */
export const ENSEMBLE_SIZE = 3;

const CELLS: CellKind[] = ['gru', 'lstm', 'rnn'];
const REFERENCE_CELL: CellKind = 'gru';

/**
 * The anchors stage 1 compares. Seasonal anchoring (the network corrects seasonal naive) only
 * for seasonal data whose windows hold a whole season; with m = 1 it would equal 'last'.
 */
export function normalisationChoices(season: number, lookback: number): Normalisation[] {
  return season > 1 && lookback >= season ? ['last', 'mean', 'none', 'season'] : ['last', 'mean', 'none'];
}

/** Stage 1: the transform variants, on the reference (auto) or the user's network. */
export function transformCandidates(settings: ResolvedSettings, lookback: number, positive: boolean): CandidateConfig[] {
  const cell = settings.model === 'auto' ? REFERENCE_CELL : settings.model;
  const bidirectional = settings.model === 'auto' ? false : settings.bidirectional;
  const logs = positive ? [false, true] : [false];
  const norms = normalisationChoices(settings.season, lookback);
  const out: CandidateConfig[] = [];
  for (const normalisation of norms) {
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
      });
    }
  }
  return out;
}

/** Stage 2 (auto mode): the other cell × direction pairs with the stage-1 winner's transforms. */
export function architectureCandidates(settings: ResolvedSettings, winner: CandidateConfig): CandidateConfig[] {
  const out: CandidateConfig[] = [];
  let index = 100;
  for (const cell of CELLS) {
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
export function lookbackCandidates(settings: ResolvedSettings, best: CandidateConfig, lookbacks: readonly number[]): CandidateConfig[] {
  return lookbacks
    .filter((L) => L !== best.lookback && (best.normalisation !== 'season' || L >= settings.season))
    .map((lookback, i) => ({ ...best, lookback, seed: deriveSeed(settings.seed, 200 + i) }));
}

/** The lookbacks auto mode compares: the default, half of it and twice it, within what the data allow. */
export function lookbackChoices(settings: ResolvedSettings, lookback: number, longest: number): number[] {
  if (settings.model !== 'auto' || settings.lookback !== null) return [lookback];
  const out = [lookback];
  const half = Math.round(lookback / 2);
  if (half >= Math.max(4, Math.ceil(settings.horizon / 2)) && half !== lookback) out.push(half);
  if (2 * lookback <= longest) out.push(2 * lookback);
  return out;
}

/** Best first by validation MAE; ties broken by plan order so the choice is deterministic. */
export function rankByValidation<T extends FitResult>(results: readonly T[]): T[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.validationMae - b.r.validationMae || a.i - b.i)
    .map((x) => x.r);
}

