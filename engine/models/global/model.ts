// A trained global model as plain JSON-able state (config, one network per seed, interval
// quantiles), and its loaded form with the networks ready to run.
import { networkFromJson, type Network, type NetworkJson } from '../../nn';
import { validateConfig, type GlobalConfig } from './config';
import { CHANNELS } from './windows';

export const GLOBAL_MODEL_FORMAT = 'tidecast-global-model';
export const GLOBAL_MODEL_VERSION = 1;

/** Probabilities of the interval quantiles, in `IntervalTable.quantiles` column order. */
export const INTERVAL_PROBABILITIES = [0.025, 0.1, 0.9, 0.975] as const;

/**
 * Scale-free forecast errors: quantiles of (z_true − z_forecast) / volatility per horizon step,
 * rows = steps 1..K, columns = INTERVAL_PROBABILITIES, measured on held-out windows.
 */
export interface IntervalTable {
  quantiles: number[][];
  /** Mean |scale-free error| per step: the spread own errors are compared with. */
  meanAbsolute: number[];
  /**
   * The same quantiles for forecasts fine-tuned on each series first (null: not measured);
   * fineTune() puts them in place of `quantiles` in the model it returns.
   */
  fineTunedQuantiles: number[][] | null;
  /** Mean |scale-free error| per step of the fine-tuned forecasts (null: not measured). */
  fineTunedMeanAbsolute: number[] | null;
  /** Errors each step's quantiles come from. */
  windows: number;
}

export interface GlobalModelState {
  format: typeof GLOBAL_MODEL_FORMAT;
  version: typeof GLOBAL_MODEL_VERSION;
  config: GlobalConfig;
  networks: NetworkJson[];
  intervals: IntervalTable | null;
}

export interface GlobalModel {
  config: GlobalConfig;
  networks: Network[];
  intervals: IntervalTable | null;
}

/** Validates and loads what a training run or a model file holds; errors say what to do. */
export function loadGlobalModel(state: unknown, what = 'Global model'): GlobalModel {
  if (typeof state !== 'object' || state === null) throw new Error(`${what}: expected a JSON object.`);
  const s = state as Record<string, unknown>;
  if (s.format !== GLOBAL_MODEL_FORMAT) {
    throw new Error(`${what}: "format" is ${JSON.stringify(s.format)}, expected "${GLOBAL_MODEL_FORMAT}".`);
  }
  if (s.version !== GLOBAL_MODEL_VERSION) {
    throw new Error(`${what}: format version ${JSON.stringify(s.version)} is not supported (this version reads ${GLOBAL_MODEL_VERSION}); retrain it or update Tidecast.`);
  }
  const config = validateConfig(s.config);
  if (!Array.isArray(s.networks) || s.networks.length === 0) throw new Error(`${what}: "networks" must be a non-empty list.`);
  const networks = s.networks.map((n, i) => {
    const net = networkFromJson(n);
    const sp = net.spec;
    if (sp.inputSize !== CHANNELS || sp.outputSize !== config.horizon || sp.hiddenSize !== config.hidden || sp.layers !== config.layers || sp.cell !== config.cell || sp.bidirectional) {
      throw new Error(`${what}: network ${i + 1} does not match the config (${config.cell} ${config.layers}×${config.hidden}, ${CHANNELS} inputs, ${config.horizon} outputs).`);
    }
    return net;
  });
  return { config, networks, intervals: checkIntervals(s.intervals, config.horizon, what) };
}

function checkIntervals(value: unknown, horizon: number, what: string): IntervalTable | null {
  if (value === null || value === undefined) return null;
  const t = value as Partial<IntervalTable>;
  const q = t.quantiles;
  const rowsOk = (rows: unknown): rows is number[][] => Array.isArray(rows) && rows.length === horizon &&
    rows.every((row) => Array.isArray(row) && row.length === INTERVAL_PROBABILITIES.length &&
      row.every((v, j) => Number.isFinite(v) && (j === 0 || v >= row[j - 1])));
  const tuned = t.fineTunedQuantiles ?? null;
  const tunedSpread = t.fineTunedMeanAbsolute ?? null;
  const spreadOk = (v: unknown): v is number[] => Array.isArray(v) && v.length === horizon && v.every((x) => Number.isFinite(x) && x > 0);
  const ok = rowsOk(q) && (tuned === null || rowsOk(tuned)) && (tunedSpread === null || spreadOk(tunedSpread));
  const spread = t.meanAbsolute;
  if (!ok || !spreadOk(spread) || typeof t.windows !== 'number') {
    throw new Error(`${what}: "intervals" must hold ${horizon} rows of ${INTERVAL_PROBABILITIES.length} increasing quantiles and ${horizon} positive mean errors.`);
  }
  return {
    quantiles: q!.map((row) => [...row]),
    meanAbsolute: [...spread],
    fineTunedQuantiles: tuned === null ? null : tuned.map((row) => [...row]),
    fineTunedMeanAbsolute: tunedSpread === null ? null : [...tunedSpread],
    windows: t.windows,
  };
}
