// The Configure form's logic: defaults derived from the data, one-line hints, and validation
// that uses the engine's own checks (resolveSettings, maxLookback) so the form refuses exactly
// what a run would refuse, with the message next to the field at fault. Pure, unit-tested.
import type { RunSettings } from '../../electron/contract';
import type { Dataset } from '../../engine/data/types';
import { detectFutureRows } from '../../engine/forecast/futureRows';
import { holidaysApply } from '../../engine/forecast/holidays';
import { DEFAULT_SETTINGS, defaultHorizon, resolveSettings } from '../../engine/forecast/settings';
import { ForecastInputError } from '../../engine/models/errors';
import { AUTO, MODEL_CHOICES } from '../../engine/models/registry';
import { defaultLookback, maxLookback } from '../../engine/models/recurrent/search';

/** A network the form can train on its own (the model setting's choices other than auto). */
export type Cell = string;

/** The networks offered in manual mode, from the engine's model registry. */
export const CELLS: readonly Cell[] = MODEL_CHOICES.filter((c) => c !== AUTO);

/** What the inputs hold: text for number fields, so a half-typed value can be explained. */
export interface ConfigForm {
  mode: 'auto' | 'manual';
  cell: Cell;
  direction: 'uni' | 'bi';
  layers: string;
  hidden: string;
  /** Empty = automatic (from season and horizon). */
  lookback: string;
  horizon: string;
  epochs: string;
  learningRate: string;
  batchSize: string;
  seed: string;
  timeBudgetSec: string;
  backtest: boolean;
  /** Public holidays of this place as a covariate known in advance ("US", "US-CA"); '' = none. */
  holidays: string;
}

export type Field = Exclude<keyof ConfigForm, 'mode' | 'cell' | 'direction' | 'backtest' | 'holidays'>;

/** The optimiser's defaults (engine/forecast/settings.ts). */
export const DEFAULT_LEARNING_RATE = DEFAULT_SETTINGS.learningRate;
export const DEFAULT_BATCH_SIZE = DEFAULT_SETTINGS.batchSize;

/** What the form needs to know of the data, computed once per import and target. */
export interface DataFacts {
  dataset: Dataset;
  target: string;
  /** Past-only covariates. */
  covariates: string[];
  /** Covariates known in advance. */
  known: string[];
  /** Rows up to the target's last value; the rest of the file is the future. */
  history: number;
  /** Rows after the target's last value (a plan for the coming steps). */
  futureRows: number;
  /** Target values from the first non-missing one to its last (the engine trims leading gaps). */
  usableRows: number;
  season: number;
  frequencyLabel: string;
  /** Holidays are features of this data's frequency (daily, hourly, weekly). */
  holidaysApply: boolean;
  /** A wide file's columns forecast each as a series ('all'), else null. */
  series?: 'all' | null;
}

export function dataFacts(dataset: Dataset, target: string, covariates: string[], known: string[] = []): DataFacts {
  const values = dataset.columns.find((c) => c.name === target)?.values ?? new Float64Array(0);
  const { history, futureRows } = values.length > 0 ? detectFutureRows(dataset, target) : { history: 0, futureRows: 0 };
  let first = 0;
  while (first < history && Number.isNaN(values[first]!)) first++;
  return {
    dataset,
    target,
    covariates,
    known,
    history,
    futureRows,
    usableRows: history - first,
    season: dataset.season,
    frequencyLabel: dataset.frequency.label,
    holidaysApply: holidaysApply(dataset.frequency),
  };
}

/** The horizon a run takes by default: the file's future rows when it has some, else by frequency. */
export function defaultHorizonOf(facts: DataFacts): number {
  return facts.futureRows > 0 ? facts.futureRows : defaultHorizon(facts.dataset.frequency, facts.season);
}

/** Rows the model may learn from before the horizon: the whole series, less the backtest's hidden tail. */
const trainingRows = (facts: DataFacts, horizon: number, backtest: boolean): number => facts.usableRows - (backtest ? horizon : 0);

/** Longest horizon this series allows (the engine needs maxLookback ≥ 2), 0 if none. */
export function maxHorizon(facts: DataFacts, backtest: boolean): number {
  let h = 0;
  while (maxLookback(h + 1, trainingRows(facts, h + 1, backtest)) >= 2) h++;
  return h;
}

export function defaultForm(facts: DataFacts | null): ConfigForm {
  let horizon = facts ? defaultHorizonOf(facts) : 12;
  if (facts) horizon = Math.max(1, Math.min(horizon, maxHorizon(facts, true)));
  return {
    mode: 'auto',
    cell: 'lstm',
    direction: 'uni',
    layers: String(DEFAULT_SETTINGS.layers),
    hidden: String(DEFAULT_SETTINGS.hidden),
    lookback: '',
    horizon: String(horizon),
    epochs: String(DEFAULT_SETTINGS.epochs),
    learningRate: String(DEFAULT_LEARNING_RATE),
    batchSize: String(DEFAULT_BATCH_SIZE),
    seed: String(DEFAULT_SETTINGS.seed),
    timeBudgetSec: String(DEFAULT_SETTINGS.timeBudgetSec),
    backtest: true,
    holidays: '',
  };
}

/** The lookback "automatic" stands for, when the horizon is valid. */
export function automaticLookback(facts: DataFacts, horizon: number, backtest: boolean): number {
  const n = trainingRows(facts, horizon, backtest);
  return defaultLookback(horizon, facts.season, n);
}

export function hints(facts: DataFacts | null, form: ConfigForm): Record<Field | 'model' | 'direction' | 'backtest' | 'holidays', string> {
  const h = Number(form.horizon);
  const hValid = Number.isInteger(h) && h >= 1;
  const auto = facts && hValid && maxLookback(h, trainingRows(facts, h, form.backtest)) >= 2 ? automaticLookback(facts, h, form.backtest) : null;
  const maxH = facts ? maxHorizon(facts, form.backtest) : null;
  return {
    model: 'Auto trains GRU, LSTM and RNN, one and two directions, and keeps the best three by validation error.',
    direction: 'Bidirectional also reads each input window backwards — still only the past, never the points it forecasts.',
    layers: 'Recurrent layers stacked on each other; 1 suits most series, 2 for long, intricate ones.',
    hidden: 'Units per layer: more can learn subtler patterns but trains slower and may overfit a short series.',
    lookback: auto !== null ? `Past points each forecast reads. Empty = automatic: ${auto} for this data.` : 'Past points each forecast reads. Empty = automatic.',
    horizon: facts
      ? facts.futureRows > 0
        ? `Points to forecast ahead, from the target's last value: the file's ${facts.futureRows} future rows by default, at most ${maxH} here.`
        : `Points to forecast ahead (${facts.frequencyLabel} data): ${defaultHorizon(facts.dataset.frequency, facts.season)} by default, at most ${maxH} here.`
      : 'Points to forecast ahead.',
    holidays: 'Public holidays of a country or region as an input known in advance (offline tables); the model file records the choice.',
    epochs: 'Passes over the training windows; training stops earlier once validation error stops improving.',
    learningRate: `Step size of the Adam optimiser (${DEFAULT_LEARNING_RATE} by default); too large makes training unstable.`,
    batchSize: `Windows per training step (${DEFAULT_BATCH_SIZE} by default).`,
    seed: 'The same data, settings and seed give the same model, bit for bit.',
    timeBudgetSec: 'Seconds the whole run may take; 0 = no limit (only then do results repeat exactly).',
    backtest: hValid
      ? `Hide the last ${h} points, train on the rest and score the forecast of them against simple baselines.`
      : 'Hide the last horizon, train on the rest and score the forecast of it against simple baselines.',
  };
}

export interface Validation {
  errors: Partial<Record<Field, string>>;
  /** The settings to run with, when there is no error. */
  settings: RunSettings | null;
}

const NUMBER = /^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*$/;

/** Reads a number as typed, accepting a decimal comma. NaN when it is not one. */
export function parseNumberInput(text: string): number {
  if (!NUMBER.test(text)) return Number.NaN;
  return Number(text.trim().replace(',', '.'));
}

/** The engine's message as a sentence of its own ("layers must be …" → "Layers must be …"). */
function sentence(error: ForecastInputError): string {
  return error.message[0]!.toUpperCase() + error.message.slice(1);
}

/** The form's number fields: each is the engine setting of the same name. */
const ENGINE_FIELDS: readonly (Field & keyof RunSettings)[] = [
  'layers', 'hidden', 'horizon', 'epochs', 'seed', 'timeBudgetSec', 'lookback', 'learningRate', 'batchSize',
];

export function validateConfig(form: ConfigForm, facts: DataFacts | null): Validation {
  const errors: Partial<Record<Field, string>> = {};
  const values: Partial<Record<Field, number | null>> = {};
  for (const field of ENGINE_FIELDS) {
    const text = form[field];
    if (field === 'lookback' && text.trim() === '') {
      values.lookback = null;
      continue;
    }
    const value = parseNumberInput(text);
    if (text.trim() === '') errors[field] = 'Enter a value.';
    else if (Number.isNaN(value)) errors[field] = `“${text.trim()}” is not a number.`;
    else values[field] = value;
  }

  if (facts === null) return { errors, settings: null };

  const holidays = facts.holidaysApply && form.holidays !== '' ? form.holidays : null;
  const settings: RunSettings = {
    target: facts.target,
    covariates: facts.covariates,
    futureCovariates: facts.known,
    holidays,
    horizon: values.horizon ?? 1,
    season: null,
    model: form.mode === 'auto' ? AUTO : form.cell,
    bidirectional: form.mode === 'manual' && form.direction === 'bi',
    layers: values.layers ?? DEFAULT_SETTINGS.layers,
    hidden: values.hidden ?? DEFAULT_SETTINGS.hidden,
    lookback: values.lookback ?? null,
    epochs: values.epochs ?? DEFAULT_SETTINGS.epochs,
    seed: values.seed ?? DEFAULT_SETTINGS.seed,
    timeBudgetSec: values.timeBudgetSec ?? DEFAULT_SETTINGS.timeBudgetSec,
    backtest: form.backtest,
    backtestOrigins: 1,
    learningRate: values.learningRate ?? DEFAULT_SETTINGS.learningRate,
    batchSize: values.batchSize ?? DEFAULT_SETTINGS.batchSize,
    ...(facts.series ? { series: facts.series } : {}),
  };

  // The engine's range checks, one field at a time so each error lands on its own field.
  for (const field of ENGINE_FIELDS) {
    if (errors[field] !== undefined || values[field] === undefined) continue;
    try {
      resolveSettings(facts.dataset, { ...DEFAULT_SETTINGS, target: facts.target, covariates: facts.covariates, futureCovariates: facts.known, [field]: values[field] });
    } catch (error) {
      if (error instanceof ForecastInputError) errors[field] = sentence(error);
      else throw error;
    }
  }

  // What the run itself would refuse: a horizon or lookback longer than the data allow.
  if (errors.horizon === undefined) {
    const h = values.horizon!;
    const longest = maxLookback(h, trainingRows(facts, h, form.backtest));
    if (longest < 2) {
      const maxH = maxHorizon(facts, form.backtest);
      errors.horizon =
        `Too long for ${formatRows(facts.usableRows)}${form.backtest ? ' with a backtest' : ''}: ` +
        (maxH > 0 ? `at most ${maxH} here.` : 'this series is too short to forecast; it needs more rows.');
    } else if (errors.lookback === undefined && settings.lookback !== null && settings.lookback > longest) {
      errors.lookback = `Too long for ${formatRows(facts.usableRows)} with a horizon of ${h}: at most ${longest}.`;
    }
  }

  return { errors, settings: Object.keys(errors).length === 0 ? settings : null };
}

function formatRows(n: number): string {
  return `${n.toLocaleString()} usable row${n === 1 ? '' : 's'}`;
}

/** Why the inputs known in advance cannot run yet (engine's words), or null. */
export function knownProblem(facts: DataFacts | null, form: ConfigForm): string | null {
  if (facts === null || !facts.holidaysApply || form.holidays === '') return null;
  try {
    resolveSettings(facts.dataset, { ...DEFAULT_SETTINGS, target: facts.target, covariates: facts.covariates, futureCovariates: facts.known, holidays: form.holidays });
    return null;
  } catch (error) {
    if (error instanceof ForecastInputError) return sentence(error);
    throw error;
  }
}

/** A short name for a run: "Auto", "LSTM bi 2×64". */
export function runLabel(settings: RunSettings): string {
  if (settings.model === AUTO) return 'Auto';
  const cell = settings.model.toUpperCase();
  return `${cell}${settings.bidirectional ? ' bi' : ''} ${settings.layers}×${settings.hidden}`;
}
