// The `tidecast` command that trains the same model again: the same file, every setting written
// out (defaults can change between versions; a recorded value cannot) and the same seed. The
// pipeline is deterministic given data, settings and seed; only a time budget that cut training
// short breaks that, and the notes say so.
import type { ModelFile } from '../forecast/modelFile';
import type { ResolvedSettings } from '../forecast/settings';
import { AUTO } from '../models/registry';

export interface ReproduceCommand {
  /** The arguments after `tidecast`, unquoted. */
  argv: string[];
  /** One line for a POSIX shell. */
  command: string;
  /** What must hold for the command to give the same model. */
  notes: string[];
}

/** The name the reproduced model is saved under. */
export const REPRODUCED_MODEL = 'reproduced-model.json';

type Flags<T> = { [K in keyof T]-?: (value: T[K], all: T) => string[] };

/** Each setting as CLI arguments; a new setting fails to compile here until it has its flag. */
const SETTING_ARGS: Flags<ResolvedSettings> = {
  target: (v) => ['--target', v],
  covariates: (v) => (v.length ? ['--covariates', v.join(',')] : []),
  // "none" when there were none: left out, the CLI would detect them again from the file.
  futureCovariates: (v) => ['--future-covariates', v.length ? v.join(',') : 'none'],
  holidays: (v) => (v === null ? [] : ['--holidays', v]),
  horizon: (v) => ['--horizon', String(v)],
  season: (v) => ['--season', String(v)],
  model: (v) => ['--model', v],
  // Auto mode tries both directions itself; the flag exists only for a chosen cell.
  bidirectional: (v, all) => (v && all.model !== AUTO ? ['--bidirectional'] : []),
  layers: (v) => ['--layers', String(v)],
  hidden: (v) => ['--hidden', String(v)],
  lookback: (v) => (v === null ? [] : ['--lookback', String(v)]),
  epochs: (v) => ['--epochs', String(v)],
  // String(x) of a double reads back as the same double.
  learningRate: (v) => ['--learning-rate', String(v)],
  batchSize: (v) => ['--batch-size', String(v)],
  seed: (v) => ['--seed', String(v)],
  timeBudgetSec: (v) => ['--time-budget', String(v)],
  backtest: (v) => (v ? ['--backtest'] : []),
  backtestOrigins: (v, all) => (all.backtest && v > 1 ? ['--backtest-origins', String(v)] : []),
  series: (v) => (v === null || v === undefined ? [] : ['--series', v === 'all' ? 'all' : v.join(',')]),
  panel: (v) => (v === undefined || v === 'auto' ? [] : ['--panel', v]),
};

/** Argument order: data, then the model, then training, then evaluation (as `tidecast --help`). */
const ORDER: readonly (keyof ResolvedSettings)[] = [
  'target', 'covariates', 'futureCovariates', 'holidays', 'horizon', 'season', 'model', 'bidirectional', 'layers', 'hidden', 'lookback',
  'epochs', 'learningRate', 'batchSize', 'seed', 'timeBudgetSec', 'backtest', 'backtestOrigins', 'series', 'panel',
];

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function reproduceCommand(model: ModelFile): ReproduceCommand {
  const s = model.settings;
  const d = model.data;
  const argv = ['--input', d.source];
  // A file without a time column is indexed by row number; there is no column to name.
  if (d.timeStyle.kind !== 'row-number' && d.timeColumn !== '') argv.push('--time', d.timeColumn);
  for (const field of ORDER) argv.push(...(SETTING_ARGS[field] as (v: unknown, all: ResolvedSettings) => string[])(s[field], s));
  argv.push('--save-model', REPRODUCED_MODEL);
  const notes = [
    `Run it in the folder that holds ${d.source}; the new model's data fingerprint must read ${d.fingerprint}, which shows it saw the same values.`,
    'Same data, settings and seed give the same weights and forecast on any machine and with any number of worker threads.',
  ];
  if ([...s.covariates, ...s.futureCovariates].some((c) => c.includes(','))) {
    notes.push('A covariate name contains a comma, which --covariates cannot express: rename that column in the file first.');
  }
  if (model.timeBudgetHit === true) {
    notes.push(
      `The time budget (${s.timeBudgetSec} s) cut this run's training short, so a rerun may stop at another epoch and differ. ` +
        'Train with --time-budget 0 for a run that reproduces exactly.',
    );
  }
  return { argv, command: ['tidecast', ...argv].map(shellQuote).join(' '), notes };
}
