// What an export needs to know about a trained model, independent of how the app stores it:
// each network's spec, weights by PyTorch name, input transforms, anchor, lookback and horizon,
// and how the networks combine into one forecast with intervals. fromModelFile.ts fills it.

export type ExportCell = 'rnn' | 'lstm' | 'gru';

/**
 * How the target channel is anchored per window (engine/forecast/windows.ts): the network
 * predicts the scaled targets minus an anchor, and sees channel 0 minus the window's level.
 * none: level and anchor 0. last: the window's last value. mean: the window's mean.
 * season: level = last value; anchor for step k = the value one season before it.
 */
export type ExportAnchor = 'none' | 'last' | 'mean' | 'season';

/** Calendar channels, computed from each row's timestamp as engine/forecast/calendar.ts does. */
export type ExportCalendarFeature =
  | 'season_sin' | 'season_cos'
  | 'day_sin' | 'day_cos'
  | 'week_sin' | 'week_cos'
  | 'weekend';

export type ExportBaseline = 'naive' | 'snaive' | 'drift';

export interface ExportFrequency {
  /** millisecond, second, minute, hour, day, week, business-day, month, quarter or year. */
  unit: string;
  step: number;
  label: string;
}

/** One trained network with everything needed to turn a window of data into its forecast. */
export interface ExportableNetwork {
  label: string;
  cell: ExportCell;
  bidirectional: boolean;
  layers: number;
  /** H: hidden units per direction. */
  hidden: number;
  /** L: rows of data the network reads. */
  lookback: number;
  /** h: steps it forecasts. */
  horizon: number;
  /**
   * Every parameter by PyTorch name (weight_ih_l0, weight_hh_l0_reverse, …, head.weight,
   * head.bias), row-major, in PyTorch's gate order (lstm i f g o, gru r z n).
   */
  parameters: Readonly<Record<string, Float32Array>>;
  /** Channel 0: ((log y if log else y) − mean) / std. */
  target: { log: boolean; mean: number; std: number };
  /** Channels 1..C: (x − mean) / std, in this order. */
  covariates: readonly { name: string; mean: number; std: number }[];
  /** Channels C+1..: calendar features of each row's time, in this order. */
  calendar: readonly ExportCalendarFeature[];
  anchor: ExportAnchor;
  /** m, the season length: used by the 'season' anchor and the calendar's season phase. */
  season: number;
}

export interface ExportableModel {
  /** What the model is, e.g. "ensemble of lstm uni, gru bi, …". */
  description: string;
  target: string;
  frequency: ExportFrequency;
  season: number;
  horizon: number;
  covariates: readonly string[];
  calendar: readonly ExportCalendarFeature[];
  /** Networks with their ensemble group: mean within a group, median across groups. */
  members: readonly { group: number; network: ExportableNetwork }[];
  combine: 'median-of-group-means';
  /** When set, the forecast is this baseline's from the new data; the networks are kept for reference. */
  baseline: ExportBaseline | null;
  /**
   * Half-widths of the 80% and 95% intervals per step. space 'identity': mean ± q; space 'log':
   * exp(log mean ± q) when every mean is > 0, else mean ± q·|mean|.
   */
  intervals: { space: 'log' | 'identity'; method: string; windows: number; q80: readonly number[]; q95: readonly number[] };
  provenance: { appVersion: string; createdAt: string; source: string; fingerprint: string; seed: number };
}

/** Names of a network's input channels in order: the target, covariates, calendar features. */
export function channelNames(net: ExportableNetwork): string[] {
  return ['target', ...net.covariates.map((c) => c.name), ...net.calendar];
}

/** F: features per step. */
export function channelCount(net: ExportableNetwork): number {
  return 1 + net.covariates.length + net.calendar.length;
}

export function directionCount(net: ExportableNetwork): number {
  return net.bidirectional ? 2 : 1;
}

export const GATE_COUNT: Readonly<Record<ExportCell, number>> = { rnn: 1, lstm: 4, gru: 3 };
