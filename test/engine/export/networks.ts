// Test networks for the exports: an hourly series with two covariates and every calendar
// feature an hourly series with a 6-step season gets, and members of any cell, direction,
// depth, anchor and transform with random weights (head included), built as the app builds them.
import { createNetwork, networkToJson } from '../../../engine/nn';
import type { CellKind } from '../../../engine/nn';
import type { SeriesData } from '../../../engine/models/types';
import { Rng } from '../../../engine/math/prng';
import { DEFAULT_SETTINGS } from '../../../engine/forecast/settings';
import { recurrentTraining, type RecurrentConfig, type RecurrentState } from '../../../engine/models/recurrent/config';
import { fitSchema } from '../../../engine/models/recurrent/fit';
import { planSplit, type Normalisation } from '../../../engine/models/recurrent/windows';

export const SEASON = 6;
/** Longer than a season, so the seasonal anchor wraps to the season before the last. */
export const HORIZON = 9;
export const LOOKBACK = 14;
const HOUR = 3_600_000;

/** 200 hourly points from Friday 2024-03-01 (a weekend inside), positive, with two covariates. */
export function hourlySeries(length = 200, seed = 3): SeriesData {
  const rng = new Rng(seed);
  const time = Float64Array.from({ length }, (_, t) => Date.UTC(2024, 2, 1, 0) + t * HOUR);
  const temperature = Float64Array.from({ length }, (_, t) => 12 + 6 * Math.sin((2 * Math.PI * t) / 24) + rng.nextFloat());
  const price = Float64Array.from({ length }, () => 40 + 10 * rng.nextFloat());
  const target = Float64Array.from(
    { length },
    (_, t) => 300 + 0.5 * t + 40 * Math.sin((2 * Math.PI * t) / SEASON) - 2 * temperature[t] + 8 * rng.nextFloat(),
  );
  return {
    time,
    target,
    covariates: [temperature, price],
    covariateNames: ['temperature', 'price'],
    frequency: { unit: 'hour', step: 1, label: 'hourly' },
    season: SEASON,
  };
}

export interface MemberShape {
  cell: CellKind;
  bidirectional: boolean;
  layers: number;
  normalisation: Normalisation;
  log: boolean;
  hidden?: number;
  lookback?: number;
  seed?: number;
}

/** A member fitted (scalers) on `series` with random network weights. */
export function randomMember(series: SeriesData, shape: MemberShape, horizon = HORIZON): RecurrentState {
  const lookback = shape.lookback ?? LOOKBACK;
  const hidden = shape.hidden ?? 5;
  const seed = shape.seed ?? 11;
  const config: RecurrentConfig = {
    cell: shape.cell,
    bidirectional: shape.bidirectional,
    layers: shape.layers,
    hidden,
    dropout: 0,
    lookback,
    log: shape.log,
    normalisation: shape.normalisation,
    seed,
    training: recurrentTraining(DEFAULT_SETTINGS),
  };
  const schema = fitSchema(series, planSplit(series.target.length, lookback, horizon, { validationWindows: 16 }), shape.log);
  const inputSize = 1 + schema.covariateScalers.length + schema.calendar.length;
  const net = createNetwork({ cell: shape.cell, bidirectional: shape.bidirectional, layers: shape.layers, inputSize, hiddenSize: hidden, outputSize: horizon, dropout: 0 }, seed);
  return { config, horizon, schema, network: networkToJson(net) };
}

export function describeShape(s: MemberShape): string {
  return `${s.cell} ${s.bidirectional ? 'bi' : 'uni'} ${s.layers} layer(s), anchor ${s.normalisation}${s.log ? ', log' : ''}`;
}
