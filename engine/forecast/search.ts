// Which candidate networks a run trains, in stages: first the data transforms (log or not,
// level normalisation or not) on a reference network, then, in auto mode, every cell ×
// direction with the winning transforms. Model choice and the ensemble come from validation
// errors only; seeds follow each candidate's place in the plan, never completion order.
import type { CellKind } from '../nn';
import { deriveSeed } from './random';
import type { ResolvedSettings } from './settings';
import type { CandidateConfig, FitResult } from './train';
import type { Normalisation } from './windows';

/** How many of the best candidates the auto-mode ensemble takes the median of. */
export const ENSEMBLE_SIZE = 3;

const CELLS: CellKind[] = ['gru', 'lstm', 'rnn'];
const REFERENCE_CELL: CellKind = 'gru';

/** Stage 1: the transform variants, on the reference (auto) or the user's network. */
export function transformCandidates(settings: ResolvedSettings, lookback: number, positive: boolean): CandidateConfig[] {
  const cell = settings.model === 'auto' ? REFERENCE_CELL : settings.model;
  const bidirectional = settings.model === 'auto' ? false : settings.bidirectional;
  const logs = positive ? [false, true] : [false];
  const norms: Normalisation[] = ['last', 'mean', 'none'];
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

/** Best first by validation MAE; ties broken by plan order so the choice is deterministic. */
export function rankByValidation(results: readonly FitResult[]): FitResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.validationMae - b.r.validationMae || a.i - b.i)
    .map((x) => x.r);
}

/** Candidates that share the winner's transforms (members must agree on them to be combined). */
export function sameTransforms(a: CandidateConfig, b: CandidateConfig): boolean {
  return a.log === b.log && a.normalisation === b.normalisation && a.lookback === b.lookback;
}
