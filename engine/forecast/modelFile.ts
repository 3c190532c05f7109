// The saved model: versioned JSON with the networks, transforms, lookback, calendar and
// covariate schema, settings, seed, a fingerprint of the training data, metrics and the app
// version. Loading checks the version and that a new file has the columns the model needs.
import * as v from 'valibot';
import type { Dataset, Frequency, TimeStyle } from '../data/types';
import type { NetworkJson } from '../nn';
import type { BaselineName } from './baselines';
import type { Combined, IntervalCalibration } from './ensemble';
import { ForecastInputError } from './errors';
import type { SeriesData } from './features';
import type { BacktestReport } from './backtest';
import type { ResolvedSettings } from './settings';
import type { CandidateConfig, FitResult, FittedMember, TrainingOptions } from './train';
import { APP_VERSION } from './version';

export const MODEL_FORMAT = 'tidecast-model';
/** Bump when a file written by this version cannot be read the same way by an older reader. */
export const MODEL_FORMAT_VERSION = 1;

export interface ModelMember {
  label: string;
  /** Networks of one candidate share a group: averaged within, median across groups. */
  group: number;
  config: CandidateConfig;
  horizon: number;
  schema: FittedMember['schema'];
  network: NetworkJson;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  data: {
    source: string;
    timeColumn: string;
    timeStyle: TimeStyle;
    frequency: Frequency;
    season: number;
    target: string;
    covariates: string[];
    rows: number;
    firstTime: number;
    lastTime: number;
    /** Hash of the training data (time, target, covariates) to tell which data a model saw. */
    fingerprint: string;
  };
  horizon: number;
  settings: ResolvedSettings;
  /** How the members were trained (learning rate, patience, work cap, …). */
  training: Omit<TrainingOptions, 'timeBudgetMs'>;
  seed: number;
  /** How members combine: the mean within each group (seeds), then the median across groups. */
  combine: 'median-of-group-means';
  members: ModelMember[];
  /**
   * Set when the forecast is this baseline's instead of the members' (auto mode's guard: it
   * beat the networks on validation); the members are kept for reference. Absent = null.
   */
  baseline?: BaselineName | null;
  intervals: { space: IntervalCalibration['space']; method: IntervalCalibration['method']; windows: number; q80: number[]; q95: number[] };
  model: string;
  metrics: {
    validationMae: number;
    baselineValidationMae: Record<string, number>;
    backtest: null | {
      mae: number; rmse: number; smape: number; mase: number; coverage80: number; coverage95: number;
      baselines: Record<string, { mae: number; rmse: number; smape: number; mase: number }>;
    };
  };
}

export function buildModelFile(input: {
  dataset: Dataset;
  settings: ResolvedSettings;
  series: SeriesData;
  /** One entry per candidate, with its networks (one per seed) in `fits`. */
  members: readonly (FitResult & { fits: FitResult[] })[];
  combined: Combined;
  backtest: BacktestReport | null;
  model: string;
  training: TrainingOptions;
}): ModelFile {
  const { dataset, settings, series, members, combined, backtest } = input;
  const { timeBudgetMs: _budget, ...training } = input.training;
  const cal = combined.calibration;
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    appVersion: APP_VERSION,
    createdAt: new Date().toISOString(),
    data: {
      source: dataset.source,
      timeColumn: dataset.timeColumn,
      timeStyle: dataset.timeStyle,
      frequency: dataset.frequency,
      season: settings.season,
      target: settings.target,
      covariates: [...settings.covariates],
      rows: series.target.length,
      firstTime: series.time[0],
      lastTime: series.time[series.time.length - 1],
      fingerprint: fingerprint(series),
    },
    horizon: settings.horizon,
    settings,
    training,
    seed: settings.seed,
    combine: 'median-of-group-means',
    members: members.flatMap((candidate, group) =>
      candidate.fits.map((m) => ({
        label: m.label,
        group,
        config: m.member.config,
        horizon: m.member.horizon,
        schema: m.member.schema,
        network: m.member.network,
      })),
    ),
    baseline: combined.baseline,
    intervals: { space: cal.space, method: cal.method, windows: cal.windows, q80: Array.from(cal.q80), q95: Array.from(cal.q95) },
    model: input.model,
    metrics: {
      validationMae: combined.validationMae,
      baselineValidationMae: { ...combined.baselineValidationMae },
      backtest: backtest && {
        ...backtest.metrics,
        baselines: { ...backtest.baselines },
      },
    },
  };
}

/** JSON text of a model file (numbers keep full precision: JSON round-trips doubles). */
export function serializeModel(model: ModelFile): string {
  return JSON.stringify(model, (_key, value) =>
    ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as Float32Array) : value,
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

const finite = v.pipe(v.number(), v.finite());
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const scaler = v.object({ mean: finite, std: v.pipe(finite, v.gtValue(0)) });

const memberSchema = v.object({
  label: v.string(),
  group: v.pipe(v.number(), v.integer(), v.minValue(0)),
  config: v.object({
    cell: v.picklist(['rnn', 'lstm', 'gru']),
    bidirectional: v.boolean(),
    layers: positiveInt,
    hidden: positiveInt,
    dropout: finite,
    lookback: positiveInt,
    log: v.boolean(),
    normalisation: v.picklist(['none', 'last', 'mean', 'season']),
    seed: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  horizon: positiveInt,
  schema: v.object({
    transform: v.object({ log: v.boolean(), mean: finite, std: v.pipe(finite, v.gtValue(0)) }),
    covariateScalers: v.array(scaler),
    calendar: v.array(v.picklist(['season_sin', 'season_cos', 'day_sin', 'day_cos', 'week_sin', 'week_cos', 'weekend'])),
  }),
  network: v.record(v.string(), v.unknown()),
});

const modelFileSchema = v.looseObject({
  format: v.literal(MODEL_FORMAT),
  formatVersion: v.literal(MODEL_FORMAT_VERSION),
  appVersion: v.string(),
  data: v.looseObject({
    source: v.string(),
    frequency: v.object({ unit: v.string(), step: positiveInt, label: v.string() }),
    season: positiveInt,
    target: v.string(),
    covariates: v.array(v.string()),
    fingerprint: v.string(),
  }),
  horizon: positiveInt,
  combine: v.literal('median-of-group-means'),
  members: v.pipe(v.array(memberSchema), v.minLength(1)),
  baseline: v.optional(v.nullable(v.picklist(['naive', 'snaive', 'drift']))),
  intervals: v.object({
    space: v.picklist(['log', 'identity']),
    method: v.picklist(['per-step', 'pooled']),
    windows: v.number(),
    q80: v.array(v.number()),
    q95: v.array(v.number()),
  }),
});

/**
 * Parse and check a model file's text. `name` is used in messages. Throws ForecastInputError
 * saying what is wrong and what to do.
 */
export function parseModelFile(text: string, name: string): ModelFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ForecastInputError(`${name}: not a Tidecast model file (not JSON: ${(e as Error).message}).`);
  }
  const head = json as { format?: unknown; formatVersion?: unknown; appVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== MODEL_FORMAT) {
    throw new ForecastInputError(`${name}: not a Tidecast model file (no "format": "${MODEL_FORMAT}").`);
  }
  if (head.formatVersion !== MODEL_FORMAT_VERSION) {
    const newer = typeof head.formatVersion === 'number' && head.formatVersion > MODEL_FORMAT_VERSION;
    throw new ForecastInputError(
      `${name}: model format version ${String(head.formatVersion)} (written by Tidecast ${String(head.appVersion)}) ` +
        `cannot be read by Tidecast ${APP_VERSION}, which reads version ${MODEL_FORMAT_VERSION}: ` +
        (newer ? 'update Tidecast.' : 'retrain the model with this version.'),
    );
  }
  const parsed = v.safeParse(modelFileSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '(top level)';
    throw new ForecastInputError(`${name}: damaged model file: field ${path}: ${issue.message}. Retrain and save it again.`);
  }
  const model = json as ModelFile;
  const h = model.horizon;
  if (model.intervals.q80.length !== h || model.intervals.q95.length !== h || model.members.some((m) => m.horizon !== h)) {
    throw new ForecastInputError(`${name}: damaged model file: interval widths or members do not match horizon ${h}.`);
  }
  return model;
}

/** Refuse a dataset the model cannot read the same way it was trained on. */
export function checkCompatible(model: ModelFile, dataset: Dataset, name: string): void {
  const d = model.data;
  const columns = new Set(dataset.columns.map((c) => c.name));
  const missing = [d.target, ...d.covariates].filter((c) => !columns.has(c));
  if (missing.length) {
    throw new ForecastInputError(
      `${dataset.source}: the model in ${name} needs column(s) ${missing.map((c) => `"${c}"`).join(', ')} ` +
        `(target "${d.target}"${d.covariates.length ? `, covariates ${d.covariates.map((c) => `"${c}"`).join(', ')}` : ''}), ` +
        `which this file does not have. Use a file with the same columns as ${d.source}.`,
      { column: missing[0] },
    );
  }
  const f = dataset.frequency;
  if (f.unit !== d.frequency.unit || f.step !== d.frequency.step) {
    throw new ForecastInputError(
      `${dataset.source}: this file is ${f.label} but the model in ${name} was trained on ${d.frequency.label} data; ` +
        `forecast it with a model trained on ${f.label} data.`,
    );
  }
  const longest = Math.max(...model.members.map((m) => m.config.lookback));
  if (dataset.time.length < longest) {
    throw new ForecastInputError(
      `${dataset.source}: the model needs the last ${longest} rows to forecast from; the file has ${dataset.time.length}.`,
    );
  }
}

/**
 * A 64-bit FNV-1a hash (as 16 hex digits) over the bytes of the time index, target and
 * covariates: equal data → equal fingerprint.
 */
export function fingerprint(series: SeriesData): string {
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  const feed = (values: Float64Array) => {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      lo ^= bytes[i];
      // Multiply (hi, lo) by the FNV prime 2^40 + 0x1b3, in 32-bit halves.
      const a = lo * 0x1b3;
      const b = hi * 0x1b3 + ((lo << 8) >>> 0) + Math.floor(a / 0x100000000);
      lo = a >>> 0;
      hi = b >>> 0;
    }
  };
  feed(series.time);
  feed(series.target);
  for (const c of series.covariates) feed(c);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
