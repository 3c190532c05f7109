// The `tidecast` command line: options, their parsing and the help text. Parsing never exits or
// prints; a bad option becomes a UsageError with one line saying what to fix.
import { parseArgs } from 'node:util';
import { DEFAULT_LEVELS, checkLevels } from '../forecast/forecast-csv';
import { parseShard } from '../forecast/panel/shard';
import { listOfChoices } from '../models/errors';
import { AUTO, MODEL_CHOICES } from '../models/registry';
import { CELL_KINDS } from '../nn/spec';
import { PANEL_CHOICES, type ForecastSettings, type SettingNamer, type SettingsField } from '../forecast/settings';

export interface CliOptions {
  input: string;
  time: string | null;
  /** Columns naming the series of a long file: undefined = detected, null = none (one series). */
  idColumns?: string[] | null;
  /** Forecast only shard `index` of `count` (1-based) of the series, chosen by a hash of their ids. */
  shard?: { index: number; count: number } | null;
  settings: Partial<ForecastSettings>;
  out: string | null;
  saveModel: string | null;
  loadModel: string | null;
  json: string | null;
  /** Folder for the ONNX export of the model (trained or loaded). */
  exportOnnx: string | null;
  /** File for the standalone JavaScript predictor (an ES module). */
  exportJs: string | null;
  /** Interval levels (%) written to the forecast CSV. */
  levels: number[];
  /** Worker threads for training (default: available cores). */
  workers: number | null;
  quiet: boolean;
}

/** The file name that stands for standard input (--input) and for standard output (--out). */
export const STDIN = '-';
export const STDOUT = '-';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `Usage: tidecast --input FILE.csv [options]

Forecast a time series from a CSV file with recurrent neural networks.

Data
  --input FILE.csv        the data (required; - reads standard input)
  --time COL              time column (default: detected)
  --target COL            column to forecast (default: the first numeric column)
  --covariates A,B        other columns whose past values help (default: none)
  --future-covariates A,B columns known in advance (planned promotions, prices): rows
                          after the target's last value hold their values over the
                          horizon (default: every other column with values there;
                          "none" for none)
  --holidays CC[-REGION]  public holidays of a country or region as a known-in-advance
                          input, e.g. US, US-CA, DE-BY, GB-ENG (daily, hourly, weekly data)
  --horizon N             steps to forecast (default: the file's rows after the target's
                          last value, if any; else by frequency, e.g. monthly 18)
  --season N              season length (default: by frequency, e.g. monthly 12)

Many series
  --id COL[,COL]          columns naming the series of a long file, e.g. store,product
                          (default: detected from values repeating along the time column;
                          "none" reads the file as one series)
  --series all|A,B        a wide file: forecast each of these numeric columns (all: every
                          one) as a series of its own
  --panel auto|global|local  global: one network trained across the series; local:
                          each series through the one-series auto mode; auto (default):
                          the better of the two on a validation cut for up to 20 series,
                          global for more
  --shard K/N             forecast only shard K of N of the series (a hash of each id
                          decides, so N machines each running one K cover every series
                          once); each shard trains its own global network

Model
  --model ${MODEL_CHOICES.join('|')}  auto (default) tries every cell and direction and
                          ensembles the best three; a cell trains that network only
  --bidirectional         read the input window in both directions (with --model)
  --layers N              stacked recurrent layers (default 1)
  --hidden N              hidden units per layer and direction (default 32)
  --lookback N            input window length (default: from season and horizon)
  --epochs N              most passes over the training windows (default 100)
  --learning-rate X       Adam's step size (default 0.003)
  --batch-size N          windows per training step (default 32)
  --seed N                random seed; same data + options + seed = same forecast (default 42)
  --time-budget SEC       stop training after this long, whole run (default 25; 0 = none)
  --workers N             training threads (default: CPU cores)

Evaluation and output
  --backtest              hide the last horizon points, forecast them, and score the
                          model and the naive, seasonal naive and drift baselines
  --backtest-origins K    rolling-origin backtest over the last K origins (implies --backtest)
  --out FORECAST.csv      write timestamp,forecast,lower_80,upper_80,lower_95,upper_95
                          (default, or -: print it to standard output); many series
                          put their id column(s) first, one block of rows per series
  --level L1,L2,…         interval levels in % (default 80,95): columns lower_L, upper_L;
                          80 and 95 are calibrated, others scale them by normal quantiles
  --json METRICS.json     write the backtest metrics as JSON (implies --backtest); many
                          series: each series' metrics and the aggregate
  --save-model FILE       save the trained model (JSON) to reuse with --load-model
  --load-model FILE       forecast with a saved model instead of training
  --export-onnx DIR       write the model as ONNX: one graph per network (inputs and
                          forecast in data units) and model.json (ensemble rule, intervals)
  --export-js FILE.mjs    write the model as one dependency-free JavaScript module:
                          import { forecast } from './FILE.mjs'
  --quiet                 no progress bar or notes on standard error
  --version               print the version and exit
  -h, --help              show this help

Progress goes to standard error: a bar on a terminal, plain lines with NO_COLOR or TERM=dumb.

Exit status:
  0    success
  1    internal error (a bug: the message says what to report)
  2    bad input or usage (one line on standard error, nothing written)
  130  interrupted (Ctrl-C)`;

const OPTIONS = {
  input: { type: 'string' },
  time: { type: 'string' },
  target: { type: 'string' },
  covariates: { type: 'string' },
  'future-covariates': { type: 'string' },
  holidays: { type: 'string' },
  horizon: { type: 'string' },
  season: { type: 'string' },
  model: { type: 'string' },
  bidirectional: { type: 'boolean' },
  layers: { type: 'string' },
  hidden: { type: 'string' },
  lookback: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  'time-budget': { type: 'string' },
  level: { type: 'string' },
  'learning-rate': { type: 'string' },
  'batch-size': { type: 'string' },
  workers: { type: 'string' },
  backtest: { type: 'boolean' },
  'backtest-origins': { type: 'string' },
  series: { type: 'string' },
  id: { type: 'string' },
  shard: { type: 'string' },
  panel: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'string' },
  'save-model': { type: 'string' },
  'load-model': { type: 'string' },
  'export-onnx': { type: 'string' },
  'export-js': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** The flag that sets each forecast setting: how the CLI names settings in messages. */
const SETTING_FLAGS: Record<SettingsField, keyof typeof OPTIONS> = {
  target: 'target',
  covariates: 'covariates',
  futureCovariates: 'future-covariates',
  holidays: 'holidays',
  horizon: 'horizon',
  season: 'season',
  model: 'model',
  bidirectional: 'bidirectional',
  layers: 'layers',
  hidden: 'hidden',
  lookback: 'lookback',
  epochs: 'epochs',
  seed: 'seed',
  timeBudgetSec: 'time-budget',
  learningRate: 'learning-rate',
  batchSize: 'batch-size',
  backtest: 'backtest',
  backtestOrigins: 'backtest-origins',
  series: 'series',
  panel: 'panel',
};

export const flagOfSetting: SettingNamer = (field) => `--${SETTING_FLAGS[field]}`;

/** What the command line asks for that is not a forecast. */
export type CliCommand = 'help' | 'version';

export function parseCliArgs(argv: string[]): CliOptions | CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${cleanParseMessage((error as Error).message)} (see tidecast --help)`);
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const str = (name: keyof typeof OPTIONS): string | undefined => {
    const v = values[name];
    if (typeof v === 'string' && v.trim() === '') throw new UsageError(`--${name} needs a value.`);
    return v as string | undefined;
  };
  const int = (name: keyof typeof OPTIONS, min: number): number | undefined => {
    const text = str(name);
    if (text === undefined) return undefined;
    if (!/^\s*\d+\s*$/.test(text) || Number(text) < min) {
      throw new UsageError(`--${name} must be a whole number ≥ ${min}; got "${text}".`);
    }
    return Number(text);
  };
  const input = str('input');
  if (input === undefined) throw new UsageError('--input FILE.csv is required (see tidecast --help).');

  const settings: Partial<ForecastSettings> = {};
  const target = str('target');
  if (target !== undefined) settings.target = target;
  const covariates = str('covariates');
  if (covariates !== undefined) {
    settings.covariates = covariates.split(',').map((c) => c.trim()).filter(Boolean);
  }
  const future = str('future-covariates');
  if (future !== undefined) {
    settings.futureCovariates = future.trim().toLowerCase() === 'none' ? [] : future.split(',').map((c) => c.trim()).filter(Boolean);
  }
  const holidays = str('holidays');
  if (holidays !== undefined) settings.holidays = holidays.trim();
  const set = <K extends keyof ForecastSettings>(key: K, value: ForecastSettings[K] | undefined) => {
    if (value !== undefined) settings[key] = value;
  };
  set('horizon', int('horizon', 1));
  set('season', int('season', 1));
  const model = str('model');
  if (model !== undefined && !MODEL_CHOICES.includes(model)) {
    throw new UsageError(`--model must be ${listOfChoices(MODEL_CHOICES)}; got "${model}".`);
  }
  set('model', model);
  if (values.bidirectional) {
    if ((settings.model ?? AUTO) === AUTO) {
      throw new UsageError(`--bidirectional needs --model ${listOfChoices(CELL_KINDS)} (auto mode tries both directions).`);
    }
    settings.bidirectional = true;
  }
  set('layers', int('layers', 1));
  set('hidden', int('hidden', 1));
  set('lookback', int('lookback', 2));
  set('epochs', int('epochs', 1));
  set('seed', int('seed', 0));
  set('batchSize', int('batch-size', 1));
  const rate = str('learning-rate');
  if (rate !== undefined) {
    const value = Number(rate);
    if (rate.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--learning-rate must be a number; got "${rate}".`);
    settings.learningRate = value;
  }
  const budget = str('time-budget');
  if (budget !== undefined) {
    const sec = Number(budget);
    if (!Number.isFinite(sec) || sec < 0) throw new UsageError(`--time-budget must be a number of seconds ≥ 0; got "${budget}".`);
    settings.timeBudgetSec = sec;
  }
  const origins = int('backtest-origins', 1);
  const json = str('json') ?? null;
  if (values.backtest || origins !== undefined || json !== null) settings.backtest = true;
  set('backtestOrigins', origins);

  const seriesText = str('series');
  if (seriesText !== undefined) {
    const names = seriesText.split(',').map((c) => c.trim()).filter(Boolean);
    settings.series = names.length === 1 && names[0].toLowerCase() === 'all' ? 'all' : names;
  }
  const panel = str('panel');
  if (panel !== undefined) {
    if (!(PANEL_CHOICES as readonly string[]).includes(panel)) throw new UsageError(`--panel must be ${listOfChoices(PANEL_CHOICES)}; got "${panel}".`);
    settings.panel = panel as ForecastSettings['panel'];
  }
  const idText = str('id');
  const idColumns = idText === undefined ? undefined : idText.trim().toLowerCase() === 'none' ? null : idText.split(',').map((c) => c.trim()).filter(Boolean);
  const shardText = str('shard');
  let shard: { index: number; count: number } | null = null;
  if (shardText !== undefined) {
    try {
      shard = parseShard(shardText);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }

  const loadModel = str('load-model') ?? null;
  const saveModel = str('save-model') ?? null;
  if (loadModel !== null) {
    const training = [...Object.values(SETTING_FLAGS), 'save-model'];
    const clash = training.find((o) => values[o] !== undefined);
    if (clash) {
      throw new UsageError(`--${clash} cannot be combined with --load-model: a saved model forecasts with the settings it was trained with.`);
    }
  }
  const levelText = str('level');
  let levels = [...DEFAULT_LEVELS];
  if (levelText !== undefined) {
    const parsed = levelText.split(',').map((l) => l.trim());
    if (parsed.some((l) => !/^\d+(\.\d+)?$/.test(l))) throw new UsageError(`--level takes percentages separated by commas, e.g. 50,80,95; got "${levelText}".`);
    try {
      levels = checkLevels(parsed.map(Number), '--level');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return {
    input,
    time: str('time') ?? null,
    ...(idColumns !== undefined ? { idColumns } : {}),
    shard,
    levels,
    settings,
    out: str('out') ?? null,
    saveModel,
    loadModel,
    json,
    exportOnnx: str('export-onnx') ?? null,
    exportJs: str('export-js') ?? null,
    workers: int('workers', 1) ?? null,
    quiet: values.quiet === true,
  };
}

function cleanParseMessage(message: string): string {
  // node's messages: "Unknown option '--foo'. To specify a positional argument starting with a '-', …"
  return message.split('. To specify')[0].replace(/\.$/, '');
}
