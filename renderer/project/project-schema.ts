// The project file's schema, checked on the JSON as written (typed arrays and non-finite numbers
// still tagged) before any array is built from it: sizes within limits, every field the app reads
// of the right type and range, and the cross-checks between fields (a forecast has one value per
// time, a loss curve one loss per epoch, times increase). Fields the app only keeps are checked
// for well-formed tags and size, so nothing in a file can make the page allocate without bound.
import * as v from 'valibot';
import type { MAX_MODEL_CHARS, MAX_NAME_LENGTH, MAX_OPEN_BYTES } from '../../electron/contract';

/** Limits of a project file; the types pin the ones shared with main to the contract's values. */
export const PROJECT_LIMITS = {
  /** The embedded data's text, as main would open the file itself. */
  textChars: 268_435_456 satisfies typeof MAX_OPEN_BYTES,
  modelChars: 67_108_864 satisfies typeof MAX_MODEL_CHARS,
  name: 255 satisfies typeof MAX_NAME_LENGTH,
  label: 200,
  message: 10_000,
  /** The runs list keeps at most this many runs (renderer/train/runs.svelte.ts). */
  runs: 500,
  columns: 10_000,
  horizon: 10_000,
  epochs: 100_000,
  backtestOrigins: 50,
  /** Id columns of a long-format file (as many as the contract sends with a run). */
  idColumns: 64,
  /** Series of one many-series run (the contract's MAX_DATASET_SERIES). */
  series: 100_000,
  /** Training jobs (loss curves, candidates) per run. */
  jobsPerRun: 1_000,
  /** Numbers in all typed arrays of a file together (256 MB as Float64Array). */
  arrayValues: 32_000_000,
  /** Nesting depth of the JSON (the deepest the app writes is about 12). */
  depth: 48,
} as const;

// ---------------------------------------------------------------------------------------------
// Tags, as project-file.ts writes them: {"$f64": [...]} a Float64Array (null = NaN, an infinite
// value tagged as below), {"$i32": [...]} an Int32Array, {"$n": "NaN" | "Infinity" | "-Infinity"}
// a non-finite number.

const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;

type TagKind = '$f64' | '$i32' | '$n';

const isNonFiniteTag = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && Object.keys(x).length === 1 && NON_FINITE.includes((x as { $n?: never }).$n as never);

/** The tag an object is, or null for a plain object. */
function tagOf(value: Record<string, unknown>): TagKind | null {
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const key = keys[0]!;
  return key === '$f64' || key === '$i32' || key === '$n' ? key : null;
}

/**
 * Walks the whole JSON once: depth, every tag well formed, and the values of all typed arrays
 * together within the limit. Returns what is wrong, with where, or null.
 */
export function tagProblem(json: unknown, limits: { depth: number; arrayValues: number } = PROJECT_LIMITS): string | null {
  let values = 0;
  const visit = (value: unknown, path: string, depth: number): string | null => {
    if (value === null || typeof value !== 'object') return null;
    if (depth > limits.depth) return `${path || 'the file'} is nested deeper than ${limits.depth} levels`;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = visit(value[i], `${path} › ${i + 1}`, depth + 1);
        if (problem !== null) return problem;
      }
      return null;
    }
    const record = value as Record<string, unknown>;
    const tag = tagOf(record);
    if (tag === '$n') return NON_FINITE.includes(record['$n'] as never) ? null : `${path}: ${JSON.stringify(record['$n'])} is not a number`;
    if (tag !== null) {
      const list = record[tag];
      if (!Array.isArray(list)) return `${path}: an array of numbers is not a list`;
      values += list.length;
      if (values > limits.arrayValues) return `its arrays hold more than ${limits.arrayValues.toLocaleString('en-US')} numbers`;
      const ok = tag === '$f64' ? (x: unknown) => x === null || typeof x === 'number' || isNonFiniteTag(x) : (x: unknown) => Number.isInteger(x) && Math.abs(x as number) <= 0x7fffffff;
      const bad = list.findIndex((x) => !ok(x));
      return bad < 0 ? null : `${path}: value ${bad + 1} of an array of numbers is ${JSON.stringify(list[bad])}`;
    }
    for (const key of Object.keys(record)) {
      const problem = visit(record[key], path ? `${path} › ${key}` : key, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  };
  return visit(json, '', 0);
}

/** The JSON with its tags turned into typed arrays and numbers (after tagProblem and the schema). */
export function reviveTags(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reviveTags);
  const record = value as Record<string, unknown>;
  const tag = tagOf(record);
  if (tag === '$f64') return Float64Array.from(record['$f64'] as (number | null | { $n: string })[], (x) => (x === null ? Number.NaN : typeof x === 'number' ? x : Number(x.$n)));
  if (tag === '$i32') return Int32Array.from(record['$i32'] as number[]);
  if (tag === '$n') return Number(record['$n']);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = reviveTags(record[key]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const count = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
/** A number as written: finite in JSON, or a tagged non-finite one (a missing metric is NaN). */
const anyNumber = v.union([v.number(), v.strictObject({ $n: v.picklist(NON_FINITE) })]);
const f64 = (max: number) => v.strictObject({ $f64: v.pipe(v.array(v.nullable(anyNumber)), v.maxLength(max)) });
/** Times of a forecast: epoch ms, every one present and later than the one before. */
const times = (max: number) =>
  v.pipe(
    f64(max),
    v.check(
      (t) => t.$f64.every((x, i) => typeof x === 'number' && (i === 0 || x > (t.$f64[i - 1] as number))),
      'times must be present, finite and increasing',
    ),
  );
const plainNumbers = (max: number) => v.pipe(v.array(anyNumber), v.maxLength(max));
const lengthOf = (a: { $f64: unknown[] }): number => a.$f64.length;

const INTERVAL_KEYS = ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const;
const interval = v.looseObject(Object.fromEntries(INTERVAL_KEYS.map((k) => [k, f64(PROJECT_LIMITS.horizon)])) as Record<(typeof INTERVAL_KEYS)[number], ReturnType<typeof f64>>);

/** An interval forecast at given times: one value of each series per time. */
const timedInterval = v.pipe(
  v.looseObject({ ...interval.entries, time: times(PROJECT_LIMITS.horizon) }),
  v.check((f) => INTERVAL_KEYS.every((k) => lengthOf(f[k]) === lengthOf(f.time)), 'a forecast must have one value per time in each series'),
);

const pointMetrics = v.looseObject({ mae: anyNumber, rmse: anyNumber, smape: anyNumber, mase: anyNumber });
const baselineRecord = <S extends v.GenericSchema>(schema: S) => v.record(text(32), schema);

const backtestOrigin = v.pipe(
  v.looseObject({ time: times(PROJECT_LIMITS.horizon), actual: f64(PROJECT_LIMITS.horizon), forecast: interval }),
  v.check((o) => lengthOf(o.actual) === lengthOf(o.time) && INTERVAL_KEYS.every((k) => lengthOf(o.forecast[k]) === lengthOf(o.time)), 'a backtest origin must have one actual value and one forecast per time'),
);

const backtestReport = v.looseObject({
  origins: v.pipe(v.array(backtestOrigin), v.maxLength(PROJECT_LIMITS.backtestOrigins)),
  metrics: v.looseObject({ ...pointMetrics.entries, coverage80: anyNumber, coverage95: anyNumber }),
  baselines: baselineRecord(pointMetrics),
});

const lossHistory = v.pipe(
  v.looseObject({ trainLoss: f64(PROJECT_LIMITS.epochs), validationLoss: f64(PROJECT_LIMITS.epochs) }),
  v.check((h) => lengthOf(h.trainLoss) === lengthOf(h.validationLoss), 'a loss history must have a validation loss per training loss'),
);

const candidate = v.looseObject({
  label: text(PROJECT_LIMITS.label),
  validationMae: anyNumber,
  bestEpoch: count(0, PROJECT_LIMITS.epochs),
  epochsRun: count(0, PROJECT_LIMITS.epochs),
  stoppedBy: text(64),
  chosen: v.boolean(),
  history: v.optional(lossHistory),
});
const candidates = v.pipe(v.array(candidate), v.maxLength(PROJECT_LIMITS.jobsPerRun));

const trainedRun = v.pipe(
  v.looseObject({
    settings: v.looseObject({ target: text(1024), horizon: count(1, PROJECT_LIMITS.horizon) }),
    model: text(PROJECT_LIMITS.message),
    candidates,
    members: candidates,
    forecast: timedInterval,
    backtest: v.nullable(backtestReport),
    validation: v.looseObject({ model: anyNumber, baselines: baselineRecord(anyNumber) }),
    verdict: text(PROJECT_LIMITS.message),
    warnings: v.pipe(v.array(text(PROJECT_LIMITS.message)), v.maxLength(1_000)),
    seconds: anyNumber,
    modelText: text(PROJECT_LIMITS.modelChars),
  }),
  v.check((run) => lengthOf(run.forecast.time) === run.settings.horizon, 'the forecast must have as many times as the horizon'),
);

const modelForecast = v.looseObject({
  model: text(PROJECT_LIMITS.message),
  forecast: timedInterval,
  metrics: v.looseObject({
    validationMae: anyNumber,
    baselineValidationMae: baselineRecord(anyNumber),
    backtest: v.nullable(v.looseObject({ ...pointMetrics.entries, coverage80: anyNumber, coverage95: anyNumber, baselines: baselineRecord(pointMetrics) })),
  }),
  warnings: v.pipe(v.array(text(PROJECT_LIMITS.message)), v.maxLength(1_000)),
  seconds: anyNumber,
});

const nullableNumber = v.nullable(anyNumber);
const idValues = v.pipe(v.array(text(1024)), v.maxLength(PROJECT_LIMITS.idColumns));

/** A run over many series: per series its forecast, backtest and verdict; the skipped ones; the aggregate. */
const panelRun = v.pipe(
  v.looseObject({
    settings: v.looseObject({ target: text(1024), horizon: count(1, PROJECT_LIMITS.horizon) }),
    strategy: v.picklist(['global', 'local']),
    model: text(PROJECT_LIMITS.message),
    idColumns: idValues,
    series: v.pipe(
      v.array(
        v.looseObject({
          id: idValues,
          label: text(4096),
          points: count(0, Number.MAX_SAFE_INTEGER),
          forecast: timedInterval,
          backtest: v.nullable(backtestReport),
          model: text(PROJECT_LIMITS.message),
          verdict: text(PROJECT_LIMITS.message),
          warnings: v.pipe(v.array(text(PROJECT_LIMITS.message)), v.maxLength(1_000)),
        }),
      ),
      v.minLength(1),
      v.maxLength(PROJECT_LIMITS.series),
    ),
    skipped: v.pipe(v.array(v.looseObject({ id: idValues, label: text(4096), reason: text(PROJECT_LIMITS.message) })), v.maxLength(PROJECT_LIMITS.series)),
    aggregate: v.nullable(
      v.looseObject({
        series: count(0, PROJECT_LIMITS.series),
        smape: nullableNumber,
        mase: nullableNumber,
        coverage80: nullableNumber,
        coverage95: nullableNumber,
        baselines: baselineRecord(v.looseObject({ smape: nullableNumber, mase: nullableNumber, beaten: count(0, PROJECT_LIMITS.series) })),
      }),
    ),
    verdict: text(PROJECT_LIMITS.message),
    warnings: v.pipe(v.array(text(PROJECT_LIMITS.message)), v.maxLength(1_000)),
    seconds: anyNumber,
    modelText: text(PROJECT_LIMITS.modelChars),
  }),
  v.check((run) => run.series.every((s) => lengthOf(s.forecast.time) === run.settings.horizon), 'each series’ forecast must have as many times as the horizon'),
  v.check((run) => run.series.length + run.skipped.length <= PROJECT_LIMITS.series, `a run holds at most ${PROJECT_LIMITS.series} series`),
);

const outcome = v.variant('kind', [
  v.looseObject({ kind: v.literal('trained'), run: trainedRun }),
  v.looseObject({ kind: v.literal('panel'), run: panelRun }),
  v.looseObject({ kind: v.literal('applied'), modelName: text(PROJECT_LIMITS.name), forecast: modelForecast }),
]);

const ipcError = v.looseObject({ code: text(64), message: text(PROJECT_LIMITS.message), where: text(PROJECT_LIMITS.message) });

const lossCurve = v.pipe(
  v.looseObject({
    job: count(0, Number.MAX_SAFE_INTEGER),
    label: text(PROJECT_LIMITS.label),
    epochs: v.pipe(v.array(count(0, PROJECT_LIMITS.epochs)), v.maxLength(PROJECT_LIMITS.epochs)),
    train: plainNumbers(PROJECT_LIMITS.epochs),
    validation: plainNumbers(PROJECT_LIMITS.epochs),
  }),
  v.check((c) => c.train.length === c.epochs.length && c.validation.length === c.epochs.length, 'a loss curve must have a training and a validation loss per epoch'),
);

/** Settings of a run are sent to main again to redo it, and main checks them there. */
const runSettings = v.nullable(v.record(text(64), v.union([v.null(), v.boolean(), v.number(), text(1024), v.pipe(v.array(text(1024)), v.maxLength(PROJECT_LIMITS.columns))])));

const timestamp = v.pipe(v.number(), v.minValue(0));

const savedRun = v.pipe(
  v.looseObject({
    request: v.looseObject({
      kind: v.picklist(['train', 'apply']),
      label: text(PROJECT_LIMITS.label),
      source: text(PROJECT_LIMITS.name),
      generation: count(0, Number.MAX_SAFE_INTEGER),
      settings: runSettings,
      modelName: v.optional(text(PROJECT_LIMITS.name)),
    }),
    state: v.picklist(['done', 'failed', 'cancelled']),
    outcome: v.nullable(outcome),
    error: v.nullable(ipcError),
    curves: v.pipe(v.array(lossCurve), v.maxLength(PROJECT_LIMITS.jobsPerRun)),
    startedAt: timestamp,
    finishedAt: v.nullable(timestamp),
  }),
  v.check((run) => run.state !== 'done' || run.outcome !== null, 'a finished run must have its result'),
  v.check((run) => run.finishedAt === null || run.finishedAt >= run.startedAt, 'a run cannot finish before it started'),
);

/** One known covariate's fill-in values: forecast time (epoch ms, as JSON writes a key) → value. */
const fillValues = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^-?\d{1,16}$/, 'must be a time in epoch milliseconds')), v.pipe(v.number(), v.finite())),
  v.check((f) => Object.keys(f).length <= PROJECT_LIMITS.horizon, `at most ${PROJECT_LIMITS.horizon} values per column`),
);

const savedData = v.pipe(
  v.object({
    name: v.pipe(text(PROJECT_LIMITS.name), v.minLength(1)),
    text: text(PROJECT_LIMITS.textChars),
    encoding: v.picklist(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
    bytes: count(0, PROJECT_LIMITS.textChars),
    origin: v.picklist(['dialog', 'drop', 'sample', 'project']),
    options: v.object({
      timeColumn: v.optional(v.nullable(text(1024))),
      dateOrder: v.optional(v.picklist(['day-first', 'month-first'])),
      idColumns: v.optional(v.nullable(v.pipe(v.array(text(1024)), v.maxLength(PROJECT_LIMITS.idColumns)))),
    }),
    layout: v.optional(v.picklist(['long', 'wide'])),
    roles: v.pipe(
      v.record(text(1024), v.picklist(['target', 'covariate', 'known', 'ignore'])),
      v.check((roles) => Object.keys(roles).length <= PROJECT_LIMITS.columns, `at most ${PROJECT_LIMITS.columns} columns have roles`),
    ),
    fills: v.optional(
      v.pipe(
        v.record(text(1024), fillValues),
        v.check((fills) => Object.keys(fills).length <= PROJECT_LIMITS.columns, `at most ${PROJECT_LIMITS.columns} columns have values filled in`),
      ),
    ),
  }),
  v.check((d) => Object.values(d.roles).filter((r) => r === 'target').length <= 1, 'only one column can be the target'),
);

const formField = text(32);
const configForm = v.object({
  mode: v.picklist(['auto', 'manual']),
  cell: text(16),
  direction: v.picklist(['uni', 'bi']),
  layers: formField,
  hidden: formField,
  lookback: formField,
  horizon: formField,
  epochs: formField,
  learningRate: formField,
  batchSize: formField,
  seed: formField,
  timeBudgetSec: formField,
  backtest: v.boolean(),
  holidays: v.optional(formField, ''),
});

/** The whole file, after the format and version were recognised. */
export const projectSchema = v.object({
  format: v.literal('tidecast-project'),
  version: v.literal(1),
  savedAt: text(64),
  data: v.nullable(savedData),
  form: configForm,
  runs: v.pipe(v.array(savedRun), v.maxLength(PROJECT_LIMITS.runs)),
});

/** Where a schema issue is, in words: "runs › 2 › outcome › run › forecast". */
export function issuePlace(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => (typeof item.key === 'number' ? String(item.key + 1) : String(item.key))).join(' › ');
}
