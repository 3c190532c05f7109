// From parsed rows to a regular time index: order by time, merge duplicate timestamps, infer
// the calendar frequency (months, quarters, years, business days, weeks, fixed steps), insert
// missing steps as NaN, and continue the index into the future.
import {
  businessOrdinal, civilFromDays, dayOf, daysFromBusinessOrdinal, daysInMonth, MS_PER_DAY,
  MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, monthOrdinal, timeAtMonth, timeOfDay, weekday,
} from './calendar';
import { DataError, FindingList, plural } from './errors';
import type { Frequency, FrequencyUnit, Problem } from './types';

export type DuplicatePolicy = 'mean' | 'sum' | 'last' | 'error';

const FIXED_MS: Partial<Record<FrequencyUnit, number>> = {
  millisecond: 1, second: MS_PER_SECOND, minute: MS_PER_MINUTE, hour: MS_PER_HOUR, day: MS_PER_DAY,
  week: 7 * MS_PER_DAY,
};
const MONTHS_PER: Partial<Record<FrequencyUnit, number>> = { month: 1, quarter: 3, year: 12 };

/** Human label as the manifest and users say it: "monthly", "half-hourly", "every 3 days". */
export function frequencyLabel(unit: FrequencyUnit, step: number): string {
  if (step === 1) {
    const one: Record<FrequencyUnit, string> = {
      millisecond: 'every millisecond', second: 'every second', minute: 'every minute', hour: 'hourly',
      day: 'daily', 'business-day': 'business-daily', week: 'weekly', month: 'monthly', quarter: 'quarterly',
      year: 'yearly',
    };
    return one[unit];
  }
  if (unit === 'minute' && step === 30) return 'half-hourly';
  if (unit === 'minute' && step === 15) return 'quarter-hourly';
  const noun = unit === 'business-day' ? 'business days' : `${unit}s`;
  return `every ${step} ${noun}`;
}

export function makeFrequency(unit: FrequencyUnit, step: number, anchorDay?: number | 'end'): Frequency {
  const f: Frequency = { unit, step, label: frequencyLabel(unit, step) };
  if (anchorDay !== undefined) f.anchorDay = anchorDay;
  return f;
}

/** The frequency of a row-number index (no time column). */
export const ROW_NUMBER_FREQUENCY: Frequency = { unit: 'millisecond', step: 1, label: 'row number' };

const PERIOD_LABEL = 'period number';
const PERIOD_STEPS_LABEL = /^every \d+ periods$/;

/**
 * The frequency of a column of period numbers stepping by `step` (1, 2, 3, … or 10, 20, 30, …):
 * whole-number steps counted in the 'millisecond' unit, as row numbers are, so the calendar
 * never applies and nextTimes continues 105, 106, ….
 */
export function periodFrequency(step: number): Frequency {
  return { unit: 'millisecond', step, label: step === 1 ? PERIOD_LABEL : `every ${step} periods` };
}

/** True for a numbered index (row numbers or period numbers) rather than calendar times. */
export function isNumberedIndex(f: Frequency): boolean {
  return f.unit === 'millisecond' && (f.label === ROW_NUMBER_FREQUENCY.label || f.label === PERIOD_LABEL
    || PERIOD_STEPS_LABEL.test(f.label));
}

/**
 * Default season length: hourly 24, half-hourly 48, daily 7, business-daily 5, weekly 52,
 * monthly 12, quarterly 4, yearly 1; other multiples divide the day/week/year when they can
 * (every 15 minutes → 96, every 2 hours → 12, every 2 months → 6), else 1.
 */
export function defaultSeason(f: Frequency): number {
  const per = (whole: number): number => (whole % f.step === 0 ? whole / f.step : 1);
  switch (f.unit) {
    case 'minute': return per(24 * 60);
    case 'hour': return per(24);
    case 'day': return f.step === 1 ? 7 : 1;
    case 'business-day': return f.step === 1 ? 5 : 1;
    case 'week': return per(52);
    case 'month': return per(12);
    case 'quarter': return per(4);
    default: return 1; // years, seconds, milliseconds, row numbers: no default season
  }
}

const civil = new Int32Array(3);

function dayOfMonthMatches(ms: number, anchor: number | 'end' | undefined): boolean {
  if (anchor === undefined) return true;
  civilFromDays(dayOf(ms), civil);
  const last = daysInMonth(civil[0], civil[1]);
  return civil[2] === (anchor === 'end' ? last : Math.min(anchor, last));
}

/**
 * How many steps of `f` lead from `a` to `b`: a whole number when `b` lies on `a`'s grid,
 * NaN otherwise (a weekend in a business-day index, another time of day, another day of month).
 */
export function stepsBetween(a: number, b: number, f: Frequency): number {
  const fixed = FIXED_MS[f.unit];
  if (fixed !== undefined) {
    const k = (b - a) / (fixed * f.step);
    return Number.isInteger(k) ? k : NaN;
  }
  if (timeOfDay(a) !== timeOfDay(b)) return NaN;
  if (f.unit === 'business-day') {
    const k = (businessOrdinal(dayOf(b)) - businessOrdinal(dayOf(a))) / f.step;
    return Number.isInteger(k) ? k : NaN;
  }
  const months = (MONTHS_PER[f.unit] ?? 1) * f.step;
  if (!dayOfMonthMatches(b, f.anchorDay)) return NaN;
  const k = (monthOrdinal(b, civil) - monthOrdinal(a, civil)) / months;
  return Number.isInteger(k) ? k : NaN;
}

/** The time `k` steps of `f` after `ms`, by the calendar (months add months; business days skip weekends). */
export function advanceTime(ms: number, f: Frequency, k: number): number {
  const fixed = FIXED_MS[f.unit];
  if (fixed !== undefined) return ms + k * fixed * f.step;
  const tod = timeOfDay(ms);
  const day = dayOf(ms);
  if (f.unit === 'business-day') {
    let ordinal = businessOrdinal(day);
    // A weekend start (not on the grid) counts from the Friday before it.
    if (Number.isNaN(ordinal)) ordinal = businessOrdinal(day - (weekday(day) - 4));
    return daysFromBusinessOrdinal(ordinal + k * f.step) * MS_PER_DAY + tod;
  }
  const months = (MONTHS_PER[f.unit] ?? 1) * f.step;
  const ordinal = monthOrdinal(ms, civil);
  const anchor = f.anchorDay ?? civil[2];
  return timeAtMonth(ordinal + k * months, anchor, tod);
}

/** The `count` timestamps after `lastMs`, continuing the index by calendar steps. */
export function nextTimes(lastMs: number, frequency: Frequency, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let k = 1; k <= count; k++) out[k - 1] = advanceTime(lastMs, frequency, k);
  return out;
}

/** "1 day 1 hour", "30 minutes", "45 seconds". */
export function describeDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.abs(ms);
  const units: [number, string][] = [[MS_PER_DAY, 'day'], [MS_PER_HOUR, 'hour'], [MS_PER_MINUTE, 'minute'],
    [MS_PER_SECOND, 'second'], [1, 'millisecond']];
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(plural(n, name));
    rest -= n * size;
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}

function unitNoun(f: Frequency, n: number): string {
  if (isNumberedIndex(f)) return plural(n, f.step === 1 ? 'period' : 'step');
  if (f.step !== 1) return f.unit === 'minute' && f.step === 30 ? plural(n, 'half-hour') : plural(n, 'step');
  const names: Record<FrequencyUnit, string> = {
    millisecond: 'millisecond', second: 'second', minute: 'minute', hour: 'hour', day: 'day',
    'business-day': 'business day', week: 'week', month: 'month', quarter: 'quarter', year: 'year',
  };
  return plural(n, names[f.unit]);
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

/** Most common value of `count` integers produced by `at(i)` (ties: the smallest). */
function modeOf(count: number, at: (i: number) => number): number {
  const counts = new Map<number, number>();
  let best = NaN, bestCount = 0;
  for (let i = 0; i < count; i++) {
    const v = at(i);
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && v < best)) { best = v; bestCount = c; }
  }
  return best;
}

/** Month-based candidate: every row in its own calendar month and at one time of day. */
function monthCandidate(t: Float64Array): Frequency | null {
  const n = t.length;
  const ordinals = new Float64Array(n);
  let sameDay = true, allMonthEnd = true, maxDay = 0, clampedToMax = true;
  const firstDay = (civilFromDays(dayOf(t[0]), civil), civil[2]);
  for (let i = 0; i < n; i++) {
    ordinals[i] = monthOrdinal(t[i], civil);
    if (i > 0 && ordinals[i] <= ordinals[i - 1]) return null;
    const d = civil[2];
    if (d !== firstDay) sameDay = false;
    if (d !== daysInMonth(civil[0], civil[1])) allMonthEnd = false;
    if (d > maxDay) maxDay = d;
  }
  for (let i = 0; i < n && !sameDay && !allMonthEnd; i++) {
    civilFromDays(dayOf(t[i]), civil);
    if (civil[2] !== Math.min(maxDay, daysInMonth(civil[0], civil[1]))) { clampedToMax = false; break; }
  }
  const anchor: number | 'end' | undefined = sameDay ? firstDay : allMonthEnd ? 'end' : clampedToMax ? maxDay : undefined;
  const k = modeOf(n - 1, (i) => ordinals[i + 1] - ordinals[i]);
  let months = k;
  for (let i = 1; i < n; i++) {
    if ((ordinals[i] - ordinals[i - 1]) % k !== 0) { months = 0; break; }
  }
  if (months === 0) {
    let g = 0;
    for (let i = 1; i < n; i++) g = gcd(g, ordinals[i] - ordinals[i - 1]);
    months = g;
  }
  if (months % 12 === 0) return makeFrequency('year', months / 12, anchor);
  if (months === 3) return makeFrequency('quarter', 1, anchor);
  return makeFrequency('month', months, anchor);
}

/** First step of `t` that is not a positive whole number of `f` steps, or -1. */
function firstIrregular(t: Float64Array, f: Frequency): number {
  for (let i = 1; i < t.length; i++) {
    const k = stepsBetween(t[i - 1], t[i], f);
    if (!(k >= 1)) return i;
  }
  return -1;
}

function countIrregular(t: Float64Array, f: Frequency): number {
  let bad = 0;
  for (let i = 1; i < t.length; i++) if (!(stepsBetween(t[i - 1], t[i], f) >= 1)) bad++;
  return bad;
}

function fixedCandidate(stepMs: number, sameTimeOfDay: boolean, t: Float64Array): Frequency {
  if (sameTimeOfDay && stepMs % MS_PER_DAY === 0) {
    const days = stepMs / MS_PER_DAY;
    if (days === 1 && looksLikeBusinessDays(t)) return makeFrequency('business-day', 1);
    return days % 7 === 0 ? makeFrequency('week', days / 7) : makeFrequency('day', days);
  }
  if (stepMs % MS_PER_HOUR === 0) return makeFrequency('hour', stepMs / MS_PER_HOUR);
  if (stepMs % MS_PER_MINUTE === 0) return makeFrequency('minute', stepMs / MS_PER_MINUTE);
  if (stepMs % MS_PER_SECOND === 0) return makeFrequency('second', stepMs / MS_PER_SECOND);
  return makeFrequency('millisecond', stepMs);
}

/** Monday–Friday only, with at least one Friday → Monday step: a business-day calendar. */
function looksLikeBusinessDays(t: Float64Array): boolean {
  let weekendCrossings = 0;
  for (let i = 0; i < t.length; i++) {
    const day = dayOf(t[i]);
    if (weekday(day) >= 5) return false;
    if (i > 0 && weekday(dayOf(t[i - 1])) === 4 && day - dayOf(t[i - 1]) === 3) weekendCrossings++;
  }
  return weekendCrossings > 0;
}

export interface InferredFrequency {
  frequency: Frequency;
  /** Steps of the full grid from the first to the last time (present + missing). */
  gridLength: number;
}

/**
 * The frequency of strictly increasing times: the most common step, calendar-aware (a monthly
 * series has steps of 28–31 days, a business-day one of 1 or 3), checked against every step.
 * When some steps are not whole multiples of it, their greatest common divisor is tried, and
 * accepted only if the gaps it implies stay below the number of rows. Otherwise the times are
 * irregular: DataError naming the first offending line.
 */
export function inferFrequency(t: Float64Array, lines: ArrayLike<number>, describe: (ms: number) => string,
  numbered = false): InferredFrequency {
  const n = t.length;
  const diffMs = modeOf(n - 1, (i) => t[i + 1] - t[i]);
  if (numbered) return inferPeriodStep(t, lines, describe, diffMs);
  const tod = timeOfDay(t[0]);
  let sameTimeOfDay = true;
  for (let i = 1; i < n && sameTimeOfDay; i++) if (timeOfDay(t[i]) !== tod) sameTimeOfDay = false;

  const candidates: Frequency[] = [];
  if (sameTimeOfDay && diffMs >= 28 * MS_PER_DAY) {
    const m = monthCandidate(t);
    if (m) candidates.push(m);
  }
  const primary = fixedCandidate(diffMs, sameTimeOfDay, t);
  candidates.push(primary);
  const accept = (f: Frequency): InferredFrequency => {
    const gridLength = stepsBetween(t[0], t[n - 1], f) + 1;
    if (gridLength - n > n) throw sparseError(t, lines, f, gridLength - n, describe);
    return { frequency: f, gridLength };
  };
  for (const f of candidates) if (countIrregular(t, f) === 0) return accept(f);
  // Some steps are not multiples of the usual one: try their greatest common step.
  if (primary.unit !== 'business-day') {
    let g = 0;
    for (let i = 1; i < n; i++) g = gcd(g, t[i] - t[i - 1]);
    const f = fixedCandidate(g, sameTimeOfDay, t);
    if (g > 0 && countIrregular(t, f) === 0 && stepsBetween(t[0], t[n - 1], f) + 1 - n <= n) return accept(f);
  }
  const shown = candidates[0];
  const i = firstIrregular(t, shown);
  const bad = countIrregular(t, shown);
  const usual = MONTHS_PER[shown.unit] !== undefined ? shown.label : `${describeDuration(diffMs)} apart`;
  const others = bad > 1 ? ` ${plural(bad - 1, 'other step')} ${bad - 1 === 1 ? 'is' : 'are'} irregular too.` : '';
  throw new DataError('irregular-time',
    `The time steps are irregular: most rows are ${usual}, but line ${lines[i]} (${describe(t[i])}) comes ` +
    `${describeDuration(t[i] - t[i - 1])} after line ${lines[i - 1]} (${describe(t[i - 1])}).${others} ` +
    'Tidecast needs a regular time index (hourly, daily, monthly, …): fix those rows or resample the data to a fixed step.',
    { row: lines[i] });
}

/**
 * Period numbers: the most common step if every step is a multiple of it, else their greatest
 * common step; refused only when that leaves more missing periods than present ones.
 */
function inferPeriodStep(t: Float64Array, lines: ArrayLike<number>, describe: (ms: number) => string,
  usual: number): InferredFrequency {
  const n = t.length;
  let f = periodFrequency(usual);
  if (countIrregular(t, f) > 0) {
    let g = 0;
    for (let i = 1; i < n; i++) g = gcd(g, t[i] - t[i - 1]);
    f = periodFrequency(g);
  }
  const gridLength = stepsBetween(t[0], t[n - 1], f) + 1;
  if (gridLength - n > n) throw sparseError(t, lines, f, gridLength - n, describe);
  return { frequency: f, gridLength };
}

/**
 * Strictly increasing times on the grid of a given frequency: every step a whole number of its
 * steps (else DataError 'irregular-time'), no more missing steps than rows (else 'sparse-time').
 */
export function fitFrequency(t: Float64Array, lines: ArrayLike<number>, f: Frequency,
  describe: (ms: number) => string): InferredFrequency {
  const n = t.length;
  const i = firstIrregular(t, f);
  if (i >= 0) {
    const gap = isNumberedIndex(f) ? plural(t[i] - t[i - 1], 'period') : describeDuration(t[i] - t[i - 1]);
    throw new DataError('irregular-time',
      `The time steps are not ${f.label}: line ${lines[i]} (${describe(t[i])}) comes ${gap} after line ${lines[i - 1]} ` +
      `(${describe(t[i - 1])}). Fix those rows or resample the data to a ${f.label} step.`, { row: lines[i] });
  }
  const gridLength = stepsBetween(t[0], t[n - 1], f) + 1;
  if (gridLength - n > n) throw sparseError(t, lines, f, gridLength - n, describe);
  return { frequency: f, gridLength };
}

function sparseError(t: Float64Array, lines: ArrayLike<number>, f: Frequency, missing: number,
  describe: (ms: number) => string): DataError {
  let widest = 1;
  for (let i = 2; i < t.length; i++) {
    if (stepsBetween(t[i - 1], t[i], f) > stepsBetween(t[widest - 1], t[widest], f)) widest = i;
  }
  return new DataError('sparse-time',
    `${isNumberedIndex(f) ? `In steps of ${f.step}` : `At ${f.label} steps`} the ${plural(t.length, 'row')} leave ${unitNoun(f, missing)} missing — more missing than present ` +
    `(the widest gap is between line ${lines[widest - 1]}, ${describe(t[widest - 1])}, and line ${lines[widest]}, ` +
    `${describe(t[widest])}). Remove the isolated rows or resample the data to a coarser step.`, { row: lines[widest] });
}

export interface IndexInput {
  /** Epoch ms per row (finite), in file order. */
  time: Float64Array;
  /** File line of each row (header = 1). */
  lines: Int32Array;
  columns: Float64Array[];
  names: string[];
}

export interface IndexOptions {
  duplicates?: DuplicatePolicy;
  /** The frequency to index on instead of inferring one (the common step of a file's series). */
  frequency?: Frequency;
  /** The times are period numbers, not epoch ms: steps are whole numbers, no calendar. */
  numbered?: boolean;
  /** Writes a timestamp the way the file does, for messages. */
  describe: (ms: number) => string;
}

export interface IndexedSeries {
  time: Float64Array;
  columns: Float64Array[];
  frequency: Frequency;
  season: number;
  /** Steps inserted as missing. */
  inserted: number;
  /** Rows merged into an earlier row with the same time. */
  merged: number;
  problems: Problem[];
}

const DUPLICATE_VERB: Record<Exclude<DuplicatePolicy, 'error'>, string> = {
  mean: 'averaged (mean)', sum: 'added up (sum)', last: 'replaced by the last one',
};

function duplicateError(input: IndexInput, at: (i: number) => number, repeats: number,
  describe: (ms: number) => string): DataError {
  for (let i = 1; i < input.time.length; i++) {
    if (input.time[at(i)] === input.time[at(i - 1)]) {
      const row = input.lines[at(i)];
      return new DataError('duplicate-time',
        `Line ${row} repeats the time ${describe(input.time[at(i)])} of line ${input.lines[at(i - 1)]} ` +
        `(${plural(repeats, 'row')} repeat an earlier time). Remove the repeated rows, or let Tidecast merge them by their mean.`,
        { row });
    }
  }
  return new DataError('duplicate-time', 'Some rows repeat an earlier time.');
}

/** Mean of the non-missing values of rows at(from) … at(to − 1), each step a weighted average of two finite numbers. */
function runningMean(values: Float64Array, at: (i: number) => number, from: number, to: number): number {
  let mean = 0, count = 0;
  for (let i = from; i < to; i++) {
    const v = values[at(i)];
    if (v !== v) continue;
    count++;
    mean = mean * ((count - 1) / count) + v / count;
  }
  return mean;
}

/** Merges each run of equal times (in `at` order) into one row; missing values are skipped. */
function mergeDuplicates(input: IndexInput, at: (i: number) => number, unique: number,
  policy: Exclude<DuplicatePolicy, 'error'>, describe: (ms: number) => string) {
  const n = input.time.length;
  const time = new Float64Array(unique);
  const lines = new Int32Array(unique);
  const columns = input.columns.map(() => new Float64Array(unique));
  const dupes = new FindingList();
  const verb = DUPLICATE_VERB[policy];
  let u = -1;
  for (let i = 0; i < n; i++) {
    const r = at(i);
    const t = input.time[r];
    if (i === 0 || t !== input.time[at(i - 1)]) {
      u++;
      time[u] = t;
      lines[u] = input.lines[r];
    } else {
      const row = input.lines[r];
      const firstRow = lines[u];
      dupes.add(() => ({ severity: 'warning', code: 'duplicate-time', row,
        message: `Line ${row} repeats the time ${describe(t)} of line ${firstRow}; their values were ${verb}.` }));
    }
  }
  const overflows = new FindingList();
  for (let c = 0; c < columns.length; c++) {
    const src = input.columns[c], dst = columns[c];
    let sum = 0, count = 0, first = 0;
    u = -1;
    for (let i = 0; i <= n; i++) {
      const r = i < n ? at(i) : -1;
      if (i === n || i === 0 || input.time[r] !== input.time[at(i - 1)]) {
        if (u >= 0) {
          let merged = count === 0 ? NaN : policy === 'mean' ? sum / count : sum;
          // Values near the largest double may add up past it: the mean is then taken as a
          // running mean (never past its largest value); a sum past it cannot be held.
          if (merged === merged && !Number.isFinite(merged)) {
            merged = policy === 'mean' ? runningMean(src, at, first, i) : NaN;
            if (merged !== merged) {
              const row = lines[u], name = input.names[c], t = time[u];
              overflows.add(() => ({ severity: 'warning', code: 'duplicate-overflow', row, column: name,
                message: `The rows at ${describe(t)} (from line ${row}) add up past the largest number in column "${name}"; ` +
                  'their sum is left missing.' }));
            }
          }
          dst[u] = merged;
        }
        if (i === n) break;
        u++;
        sum = 0;
        count = 0;
        first = i;
      }
      const v = src[r];
      if (v !== v) continue;
      if (policy === 'last') { sum = v; count = 1; } else { sum += v; count++; }
    }
  }
  const problems = dupes.problems((more, total) => ({ severity: 'warning', code: 'duplicate-time', count: more,
    message: `…and ${plural(more, 'more row')} repeating an earlier time (${total} in all); each group was ${verb}.` }));
  problems.push(...overflows.problems((more) => ({ severity: 'warning', code: 'duplicate-overflow', count: more,
    message: `…and ${plural(more, 'more sum')} past the largest number, left missing.` })));
  return { time, lines, columns, problems };
}

/**
 * Orders rows by time (reversing newest-first files, sorting others with a warning), merges
 * rows with the same timestamp per `duplicates` (default mean, ignoring missing values), infers
 * the frequency and inserts every missing step as NaN ('gap-filled' problems say where).
 */
export function buildTimeIndex(input: IndexInput, options: IndexOptions): IndexedSeries {
  const n = input.time.length;
  const problems: Problem[] = [];
  const describe = options.describe;
  const policy = options.duplicates ?? 'mean';

  // 1. Order.
  let ascending = true, descending = true, firstBack = -1;
  for (let i = 1; i < n; i++) {
    const d = input.time[i] - input.time[i - 1];
    if (d < 0) { ascending = false; if (firstBack < 0) firstBack = i; }
    if (d > 0) descending = false;
  }
  let order: Uint32Array | null = null;
  if (!ascending) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (descending) {
      order.reverse();
      problems.push({ severity: 'info', code: 'reversed',
        message: 'The rows run from newest to oldest; they were put in time order (oldest first).' });
    } else {
      const t = input.time;
      order.sort((a, b) => t[a] - t[b] || a - b);
      problems.push({ severity: 'warning', code: 'unsorted', row: input.lines[firstBack],
        message: `The rows are not in time order (line ${input.lines[firstBack]}, ${describe(t[firstBack])}, comes after ` +
          `line ${input.lines[firstBack - 1]}, ${describe(t[firstBack - 1])}); they were sorted by time.` });
    }
  }
  const at = (i: number): number => (order === null ? i : order[i]);

  // 2. Duplicates: rows with equal times form a group, merged into one row.
  let unique = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (input.time[at(i)] !== input.time[at(i - 1)]) unique++;
  let ut: Float64Array, ulines: Int32Array, ucols: Float64Array[];
  if (unique === n) {
    // Common case: nothing to merge; only reorder when needed.
    if (order === null) {
      ut = input.time;
      ulines = input.lines;
      ucols = input.columns;
    } else {
      const o = order;
      ut = Float64Array.from(o, (r) => input.time[r]);
      ulines = Int32Array.from(o, (r) => input.lines[r]);
      ucols = input.columns.map((col) => Float64Array.from(o, (r) => col[r]));
    }
  } else {
    if (policy === 'error') throw duplicateError(input, at, n - unique, describe);
    const merged = mergeDuplicates(input, at, unique, policy, describe);
    ut = merged.time;
    ulines = merged.lines;
    ucols = merged.columns;
    problems.push(...merged.problems);
  }

  if (unique < 2) {
    throw new DataError('single-row', unique === 1 && n > 1
      ? `All ${n} rows have the same time (${describe(ut[0])}); a forecast needs a series over many time steps.`
      : 'The file has only one data row; a forecast needs a series of many rows.', { row: ulines[0] });
  }

  // 3. Frequency and 4. gaps.
  const { frequency, gridLength } = options.frequency !== undefined
    ? fitFrequency(ut, ulines, options.frequency, describe)
    : inferFrequency(ut, ulines, describe, options.numbered ?? false);
  const merged = n - unique;
  if (gridLength === unique) {
    return { time: ut, columns: ucols, frequency, season: defaultSeason(frequency), inserted: 0, merged, problems };
  }
  const time = new Float64Array(gridLength);
  const columns = ucols.map(() => new Float64Array(gridLength).fill(NaN));
  const gaps = new FindingList();
  let inserted = 0;
  let k = 0;
  for (let i = 0; i < unique; i++) {
    if (i > 0) {
      const steps = stepsBetween(ut[i - 1], ut[i], frequency);
      for (let s = 1; s < steps; s++) time[k + s] = advanceTime(ut[i - 1], frequency, s);
      if (steps > 1) {
        const missing = steps - 1;
        inserted += missing;
        const before = ulines[i - 1], after = ulines[i], from = ut[i - 1], to = ut[i];
        gaps.add(() => ({ severity: 'warning', code: 'gap-filled', row: after, count: missing,
          message: `${unitNoun(frequency, missing)} missing between ${describe(from)} (line ${before}) and ` +
            `${describe(to)} (line ${after}) ${missing === 1 ? 'was' : 'were'} inserted as empty values.` }));
      }
      k += steps;
    }
    time[k] = ut[i];
  }
  // Second pass column by column: monomorphic typed-array loops.
  for (let c = 0; c < columns.length; c++) {
    const src = ucols[c], dst = columns[c];
    k = 0;
    for (let i = 0; i < unique; i++) {
      if (i > 0) k += stepsBetween(ut[i - 1], ut[i], frequency);
      dst[k] = src[i];
    }
  }
  problems.push(...gaps.problems((more) => ({ severity: 'warning', code: 'gap-filled', count: more,
    message: `…and ${plural(more, 'more gap')}; ${unitNoun(frequency, inserted)} inserted as empty values in all.` })));

  return { time, columns, frequency, season: defaultSeason(frequency), inserted, merged, problems };
}
