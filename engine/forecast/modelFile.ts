// The saved model: versioned JSON with every fitted member as its model kind's state (the
// networks with their transforms, lookback, calendar and covariate schema), the covariates known
// in advance and the holiday region (computed again when forecasting), the baseline that
// replaced them if any, the interval widths, settings, seed, a fingerprint of the training data,
// metrics and the app version. Loading checks the version, every member's state against its
// kind's schema, and that a new file has the columns the model needs.
import * as v from 'valibot';
import type { Dataset, Frequency, TimeStyle } from '../data/types';
import { ForecastInputError } from '../models/errors';
import { modelKind, MODEL_KINDS } from '../models/registry';
import type { FitOutcome, SeriesData } from '../models/types';
import type { BacktestReport } from './backtest';
import type { Candidate } from './candidates';
import type { CombineRule, Combined, IntervalCalibration } from './ensemble';
import type { ResolvedSettings } from './settings';
import { APP_VERSION } from './version';

export const MODEL_FORMAT = 'tidecast-model';
/**
 * Bump when a file written by this version cannot be read the same way by an older reader.
 * Version 3 adds covariates known in advance (`data.known`, `data.holidays`); version 2 files
 * read as having none.
 */
export const MODEL_FORMAT_VERSION = 3;

/** One fitted model of some kind, as saved. */
export interface SavedModel {
  kind: string;
  state: unknown;
}

export interface ModelMember extends SavedModel {
  label: string;
  /** Fits of one candidate share a group: averaged within, median across groups. */
  group: number;
}

export type CombineRuleName = 'median-of-group-means' | 'mean-of-group-means';

/** The rule a file names for the way a selection joined its members. */
export function combineRuleName(rule: CombineRule): CombineRuleName {
  return rule === 'mean' ? 'mean-of-group-means' : 'median-of-group-means';
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
    /**
     * Columns known in advance, in the members' order: a forecast reads their values at the
     * forecast steps from the file's future rows (or from the caller).
     */
    known: string[];
    /** Region whose public holidays are a known covariate after `known` ("US-CA"), or null. */
    holidays: string | null;
    rows: number;
    firstTime: number;
    lastTime: number;
    /** Hash of the training data (time, target, covariates) to tell which data a model saw. */
    fingerprint: string;
  };
  horizon: number;
  settings: ResolvedSettings;
  seed: number;
  /** How members combine: the mean within each group (replicas), then the median or the mean across groups. */
  combine: CombineRuleName;
  members: ModelMember[];
  /**
   * Set when the forecast is this baseline's instead of the members' (auto mode's guard: it
   * beat the networks on validation); the members are kept for reference.
   */
  baseline: SavedModel | null;
  /** Half-widths per step in their space (q80/q95 above the forecast; lower80/lower95 below when they differ). */
  intervals: {
    space: IntervalCalibration['space'];
    method: IntervalCalibration['method'];
    windows: number;
    q80: number[];
    q95: number[];
    lower80?: number[];
    lower95?: number[];
  };
  model: string;
  metrics: {
    validationMae: number;
    baselineValidationMae: Record<string, number>;
    backtest: null | {
      mae: number; rmse: number; smape: number; mase: number; coverage80: number; coverage95: number;
      baselines: Record<string, { mae: number; rmse: number; smape: number; mase: number }>;
    };
  };
  /** The run's verdict against the baselines, in plain words (absent in files from before it was kept). */
  verdict?: string;
  /**
   * The time budget stopped some training early, so the same data, settings and seed may not
   * give the same weights again (absent in files from before it was kept).
   */
  timeBudgetHit?: boolean;
  /**
   * The model card (engine/report's ModelCard), added when the file is saved so that a reader
   * without Tidecast has the record: the equations, parameter counts, settings, data and
   * metrics, and the command that reproduces the run. Descriptive only: loading never reads it.
   */
  card?: unknown;
  /**
   * Set when the file holds a model of many series (a panel): the series it was trained on and
   * forecasts again. Its members forecast each series from that series' own values; the
   * intervals come from the members' error tables per series (`intervals` then holds zeros).
   */
  panel?: PanelModelSeries;
}

/** The series set of a panel's model file. */
export interface PanelModelSeries {
  /** The id columns of a long file, or ["series"] for a wide file's columns. */
  idColumns: string[];
  /** A wide file: each series is a numeric column of that name. */
  wide: boolean;
  series: { id: string[]; label: string; rows: number; lastTime: number; fingerprint: string }[];
  /** Per-series models (strategy 'local'): one one-series model file per entry of `series`, in order; absent = the members forecast every series. */
  local?: ModelFile[];
}

export function buildModelFile(input: {
  dataset: Dataset;
  settings: ResolvedSettings;
  series: SeriesData;
  /** One entry per candidate, with its fits (one per replica). */
  members: readonly Candidate[];
  baselines: readonly FitOutcome[];
  combined: Combined;
  /** How the members were joined. */
  rule: CombineRule;
  backtest: BacktestReport | null;
  model: string;
  verdict: string;
  timeBudgetHit: boolean;
}): ModelFile {
  const { dataset, settings, series, members, combined, backtest } = input;
  const cal = combined.calibration;
  const baseline = input.baselines.find((b) => b.kind === combined.baseline);
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
      known: [...settings.futureCovariates],
      holidays: settings.holidays,
      rows: series.target.length,
      firstTime: series.time[0],
      lastTime: series.time[series.time.length - 1],
      fingerprint: fingerprint(series),
    },
    horizon: settings.horizon,
    settings,
    seed: settings.seed,
    combine: combineRuleName(input.rule),
    members: members.flatMap((candidate, group) => candidate.fits.map((fit) => ({ label: fit.label, group, kind: fit.kind, state: fit.state }))),
    baseline: baseline ? { kind: baseline.kind, state: baseline.state } : null,
    intervals: {
      space: cal.space,
      method: cal.method,
      windows: cal.windows,
      q80: Array.from(cal.q80),
      q95: Array.from(cal.q95),
      ...(cal.lower80 && cal.lower95 ? { lower80: Array.from(cal.lower80), lower95: Array.from(cal.lower95) } : {}),
    },
    model: input.model,
    metrics: {
      validationMae: combined.validationMae,
      baselineValidationMae: { ...combined.baselineValidationMae },
      backtest: backtest && {
        ...backtest.metrics,
        baselines: { ...backtest.baselines },
      },
    },
    verdict: input.verdict,
    timeBudgetHit: input.timeBudgetHit,
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
/** An interval half-width: finite and not negative (JSON cannot even hold infinities, but 1e999 parses to one). */
const halfWidth = v.pipe(finite, v.minValue(0));
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));

const savedModelSchema = v.object({
  kind: v.picklist(MODEL_KINDS.map((k) => k.id)),
  state: v.unknown(),
});

const memberSchema = v.object({
  ...savedModelSchema.entries,
  label: v.string(),
  group: v.pipe(v.number(), v.integer(), v.minValue(0)),
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
    known: v.optional(v.array(v.string())),
    holidays: v.optional(v.nullable(v.string())),
    fingerprint: v.string(),
  }),
  horizon: positiveInt,
  combine: v.picklist(['median-of-group-means', 'mean-of-group-means']),
  members: v.pipe(v.array(memberSchema), v.minLength(1)),
  baseline: v.nullable(savedModelSchema),
  intervals: v.object({
    space: v.picklist(['log', 'identity']),
    method: v.picklist(['per-step', 'pooled', 'normal', 'model']),
    windows: v.pipe(v.number(), v.integer(), v.minValue(0)),
    q80: v.array(halfWidth),
    q95: v.array(halfWidth),
    lower80: v.optional(v.array(halfWidth)),
    lower95: v.optional(v.array(halfWidth)),
  }),
  verdict: v.optional(v.string()),
  timeBudgetHit: v.optional(v.boolean()),
});

/**
 * A format-1 file (networks only, training options at the top, the guard's baseline by name)
 * in the current layout, so models saved by Tidecast 0.1.0 keep working.
 */
function fromVersion1(json: Record<string, unknown>): Record<string, unknown> {
  const training = (json.training ?? {}) as Record<string, unknown>;
  const { split, timeBudgetMs: _budget, ...rest } = training as { split?: { maxTrainWindows?: number }; timeBudgetMs?: number };
  const memberTraining = { ...rest, maxTrainWindows: split?.maxTrainWindows ?? 4096 };
  const members = Array.isArray(json.members) ? json.members : [];
  return {
    ...json,
    formatVersion: MODEL_FORMAT_VERSION,
    members: members.map((m: Record<string, unknown>) => ({
      label: m.label,
      group: m.group,
      kind: 'recurrent',
      state: { config: { ...(m.config as object), training: memberTraining }, horizon: m.horizon, schema: m.schema, network: m.network },
    })),
    baseline: typeof json.baseline === 'string' ? { kind: json.baseline, state: {} } : null,
  };
}

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
  if (head.formatVersion === 1) json = fromVersion1(json as Record<string, unknown>);
  else if (head.formatVersion === 2) json = { ...(json as Record<string, unknown>), formatVersion: MODEL_FORMAT_VERSION };
  else if (head.formatVersion !== MODEL_FORMAT_VERSION) {
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
  // Files from before covariates known in advance have none.
  model.data.known ??= [];
  model.data.holidays ??= null;
  const h = model.horizon;
  const iv = model.intervals;
  if ([iv.q80, iv.q95, iv.lower80 ?? iv.q80, iv.lower95 ?? iv.q95].some((q) => q.length !== h)) {
    throw new ForecastInputError(`${name}: damaged model file: interval widths do not match horizon ${h}.`);
  }
  const saved: [string, SavedModel][] = model.members.map((m, i) => [`members.${i}`, m]);
  if (model.baseline) saved.push(['baseline', model.baseline]);
  for (const [where, m] of saved) {
    const state = v.safeParse(modelKind(m.kind).stateSchema, m.state);
    if (!state.success) {
      const path = v.getDotPath(state.issues[0]);
      throw new ForecastInputError(
        `${name}: damaged model file: field ${where}.state${path ? '.' + path : ''}: ${state.issues[0].message}. Retrain and save it again.`,
      );
    }
    m.state = state.output;
    const steps = modelKind(m.kind).horizonOf(state.output);
    if (steps !== null && steps !== h) {
      throw new ForecastInputError(`${name}: damaged model file: field ${where}.state forecasts ${steps} steps, the model's horizon is ${h}. Retrain and save it again.`);
    }
  }
  return model;
}

/** Refuse a dataset the model cannot read the same way it was trained on. */
export function checkCompatible(model: ModelFile, dataset: Dataset, name: string): void {
  const d = model.data;
  const columns = new Set(dataset.columns.map((c) => c.name));
  const missing = [d.target, ...d.covariates, ...d.known].filter((c) => !columns.has(c));
  if (missing.length) {
    throw new ForecastInputError(
      `${dataset.source}: the model in ${name} needs column(s) ${missing.map((c) => `"${c}"`).join(', ')} ` +
        `(target "${d.target}"${d.covariates.length ? `, covariates ${d.covariates.map((c) => `"${c}"`).join(', ')}` : ''}` +
        `${d.known.length ? `, known in advance ${d.known.map((c) => `"${c}"`).join(', ')}` : ''}), ` +
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
  const longest = Math.max(...[...model.members, ...(model.baseline ? [model.baseline] : [])].map((m) => modelKind(m.kind).historyNeeded(m.state)));
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
  for (const c of series.known?.values ?? []) feed(c);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
