// What a user chooses for a forecast (CLI options, the app's form), their defaults and checks.
// Defaults make a first run work on any usable file: horizon and lookback follow the data's
// frequency and season (or the file's future rows), the model is chosen automatically, and
// columns with values in the future rows are used as known in advance.
import type { Dataset, Frequency } from '../data/types';
import { MAX_BATCH_SIZE, MAX_EPOCHS, MAX_HIDDEN, MAX_HORIZON, MAX_LAYERS, MAX_LOOKBACK } from '../limits';
import { ForecastInputError, listOfChoices } from '../models/errors';
import { MODEL_CHOICES } from '../models/registry';
import { detectFutureRows } from './futureRows';
import { holidaysApply, parseHolidayRegion } from './holidays';

/** 'auto' or a network kind's choice (one of MODEL_CHOICES). */
export type ModelChoice = string;

export interface ForecastSettings {
  /** Target column; null = the first numeric column. */
  target: string | null;
  /** Past-only covariates: the network sees their history. */
  covariates: string[];
  /**
   * Covariates known in advance (planned promotions, prices): their values over the horizon
   * are in the file's future rows and reach the network too. null = every column other than
   * the target and the past-only covariates with a value in the future rows (also when absent).
   */
  futureCovariates?: string[] | null;
  /** Public holidays of a country or region ("US", "US-CA", "DE-BY") as a known covariate; null or absent = none. */
  holidays?: string | null;
  /**
   * Steps to forecast; null = the file's future rows (rows after the target's last value)
   * when it has any, else by frequency (monthly 18, quarterly 8, daily 14, …).
   */
  horizon: number | null;
  /** Season length; null = the dataset's (from its frequency). */
  season: number | null;
  model: ModelChoice;
  bidirectional: boolean;
  layers: number;
  hidden: number;
  /** Input window length; null = from season and horizon (auto mode also tries others). */
  lookback: number | null;
  epochs: number;
  seed: number;
  /** Whole-run time budget in seconds; 0 = none. */
  timeBudgetSec: number;
  /** Adam's step size. */
  learningRate: number;
  /** Windows per training step. */
  batchSize: number;
  /** Hide the last horizon points, fit on the rest and score the forecast of them. */
  backtest: boolean;
  /** Rolling-origin backtest: how many origins, each one horizon apart (1 = a single backtest). */
  backtestOrigins: number;
  /**
   * A wide file's numeric columns to forecast each as a series of its own ('all': every one);
   * null or absent = one target column (a long-format file's series come from its id columns).
   */
  series?: 'all' | string[] | null;
  /**
   * Many series: one global network across them, each series through the one-series auto mode
   * ('local'), or the better of the two on a validation cut ('auto', small panels; larger ones
   * take the global network). Absent = 'auto'.
   */
  panel?: PanelChoice;
}

export type PanelChoice = 'auto' | 'global' | 'local';
export const PANEL_CHOICES: readonly PanelChoice[] = ['auto', 'global', 'local'];

export const DEFAULT_SETTINGS: ForecastSettings = {
  target: null,
  covariates: [],
  futureCovariates: null,
  holidays: null,
  horizon: null,
  season: null,
  model: 'auto',
  bidirectional: false,
  layers: 1,
  hidden: 32,
  lookback: null,
  epochs: 100,
  seed: 42,
  timeBudgetSec: 25,
  learningRate: 3e-3,
  batchSize: 32,
  backtest: false,
  backtestOrigins: 1,
  series: null,
  panel: 'auto',
};

/** Settings with every choice made. */
export interface ResolvedSettings extends Omit<ForecastSettings, 'target' | 'horizon' | 'season' | 'futureCovariates' | 'holidays'> {
  target: string;
  futureCovariates: string[];
  holidays: string | null;
  horizon: number;
  season: number;
}

/** The M4 horizons (shared/data/README.md), with a day for sub-daily data. */
export function defaultHorizon(frequency: Frequency, season: number): number {
  const { unit, step } = frequency;
  if (unit === 'year') return 6;
  if (unit === 'quarter') return 8;
  if (unit === 'month' && step === 1) return 18;
  if (unit === 'week' && step === 1) return 13;
  if ((unit === 'day' || unit === 'business-day') && step === 1) return 14;
  if (unit === 'hour' || unit === 'minute' || unit === 'second') return season > 1 && season <= 96 ? season : 8;
  return 8;
}

/** A setting of a forecast, as the engine names it in messages and errors. */
export type SettingsField = keyof ForecastSettings;

/**
 * How a caller words a setting in messages: the CLI as its flag ("--horizon"); the app uses
 * the engine's own words below.
 */
export type SettingNamer = (field: SettingsField) => string;

/** Each setting in plain words, as messages name it by default (a message may start with one). */
export const SETTING_WORDS: Readonly<Record<SettingsField, string>> = {
  target: 'target column',
  covariates: 'covariates',
  futureCovariates: 'covariates known in advance',
  holidays: 'holidays',
  horizon: 'horizon',
  season: 'season length',
  model: 'model',
  bidirectional: 'direction',
  layers: 'layers',
  hidden: 'hidden units',
  lookback: 'lookback',
  epochs: 'epochs',
  seed: 'seed',
  timeBudgetSec: 'time budget',
  learningRate: 'learning rate',
  batchSize: 'batch size',
  backtest: 'backtest',
  backtestOrigins: 'backtest origins',
  series: 'series columns',
  panel: 'model for many series',
};

export const settingWords: SettingNamer = (field) => SETTING_WORDS[field];

export function resolveSettings(dataset: Dataset, settings: Partial<ForecastSettings>, name: SettingNamer = settingWords): ResolvedSettings {
  const positiveInt = (value: number, field: SettingsField, max: number) => {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new ForecastInputError(`${name(field)} must be a whole number from 1 to ${max}; got ${value}.`, { field });
    }
  };
  const s: ForecastSettings = { ...DEFAULT_SETTINGS, ...settings };
  const target = s.target ?? dataset.columns.find((c) => !s.covariates.includes(c.name) && !(s.futureCovariates ?? []).includes(c.name))?.name;
  if (target === undefined) {
    throw new ForecastInputError(`${dataset.source}: no numeric column to forecast.`, { field: 'target' });
  }
  const season = s.season ?? dataset.season;
  positiveInt(season, 'season', 10_000);
  const future = dataset.columns.some((c) => c.name === target) ? detectFutureRows(dataset, target) : null;
  const futureCovariates = s.futureCovariates ?? (future?.knownInAdvance ?? []).filter((c) => !s.covariates.includes(c));
  const holidays = s.holidays ?? null;
  if (holidays !== null) {
    try {
      parseHolidayRegion(holidays);
    } catch (error) {
      if (error instanceof ForecastInputError) throw new ForecastInputError(`${name('holidays')}: ${error.message}`, error.place);
      throw error;
    }
    if (!holidaysApply(dataset.frequency)) {
      throw new ForecastInputError(
        `${name('holidays')}: holidays are features of daily, hourly and weekly data; ${dataset.source} is ${dataset.frequency.label}.`,
        { field: 'holidays' },
      );
    }
  }
  const horizon = s.horizon ?? (future && future.futureRows > 0 ? future.futureRows : defaultHorizon(dataset.frequency, season));
  positiveInt(horizon, 'horizon', MAX_HORIZON);
  positiveInt(s.layers, 'layers', MAX_LAYERS);
  positiveInt(s.hidden, 'hidden', MAX_HIDDEN);
  positiveInt(s.epochs, 'epochs', MAX_EPOCHS);
  positiveInt(s.backtestOrigins, 'backtestOrigins', 50);
  if (s.lookback !== null) positiveInt(s.lookback, 'lookback', MAX_LOOKBACK);
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > 0xffffffff) {
    throw new ForecastInputError(`${name('seed')} must be a whole number from 0 to 4294967295; got ${s.seed}.`, { field: 'seed' });
  }
  if (!(s.timeBudgetSec >= 0) || !Number.isFinite(s.timeBudgetSec)) {
    throw new ForecastInputError(`${name('timeBudgetSec')} must be a number of seconds ≥ 0 (0 = none); got ${s.timeBudgetSec}.`, {
      field: 'timeBudgetSec',
    });
  }
  if (!(s.learningRate > 0 && s.learningRate <= 1)) {
    throw new ForecastInputError(`${name('learningRate')} must be a number above 0 and at most 1; got ${s.learningRate}.`, { field: 'learningRate' });
  }
  positiveInt(s.batchSize, 'batchSize', MAX_BATCH_SIZE);
  if (!MODEL_CHOICES.includes(s.model)) {
    throw new ForecastInputError(`${name('model')} must be ${listOfChoices(MODEL_CHOICES)}; got "${s.model}".`, { field: 'model' });
  }
  return { ...s, target, season, horizon, futureCovariates, holidays: holidays === null ? null : parseHolidayRegion(holidays).code };
}
