// Many series in one file (long format): which columns name the series, then each series'
// rows gathered together and put on its own regular index (own start, end, gaps and
// duplicates) at the frequency the series share. A series that cannot be indexed is listed as
// unusable with the reason; the file is refused only when no series is usable.
import { DataError, FindingList, plural, quoteCell, ROWS_LISTED } from './errors';
import { isIdLikeName } from './id-columns';
import type { IdColumnData } from './id-columns';
import { buildTimeIndex } from './time-index';
import type { DuplicatePolicy, IndexedSeries } from './time-index';
import type { Frequency, Problem, SeriesSlice } from './types';

// ---------------------------------------------------------------------------------------------
// Choosing the id columns.

/** Share of rows repeating an earlier row's time above which any candidate may be an id. */
const LONG_FORMAT_REPEATS = 0.05;
/** An id must tell apart more than this share of the rows that share a time (the rest are a series' own duplicates). */
const EXPLAINED = 0.5;
/** Rows left sharing a time (share of those sharing) that one chosen id column may leave as its series' own duplicates. */
const DUPLICATES = 0.02;
/** Key spaces up to this size are counted with a bitmap; larger ones by sorting. */
const BITMAP_KEYS = 1 << 26;

/**
 * Per row a number for its time (equal times, equal numbers; -1 for none) and how many distinct
 * times there are. Rows of one time often follow each other: the last one is checked first.
 */
function timeRanks(time: Float64Array): { ranks: Int32Array; count: number } {
  const n = time.length;
  const ranks = new Int32Array(n);
  const rankOf = new Map<number, number>();
  let last = NaN, lastRank = -1;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t !== t) {
      ranks[i] = -1;
      continue;
    }
    if (t !== last) {
      let r = rankOf.get(t);
      if (r === undefined) {
        r = rankOf.size;
        rankOf.set(t, r);
      }
      last = t;
      lastRank = r;
    }
    ranks[i] = lastRank;
  }
  return { ranks, count: rankOf.size };
}

/** Rows (with a time) whose (key, time) repeats an earlier row's; keys[i] + 1 in 0 … keyCount − 1 (0: no id). */
function repeats(keys: Int32Array, keyCount: number, ranks: Int32Array, times: number): number {
  const key = (i: number): number => keys[i] + 1;
  const n = ranks.length;
  let repeated = 0;
  if (keyCount * times <= BITMAP_KEYS) {
    const seen = new Uint8Array(keyCount * times);
    for (let i = 0; i < n; i++) {
      if (ranks[i] < 0) continue;
      const k = key(i) * times + ranks[i];
      if (seen[k] === 1) repeated++;
      else seen[k] = 1;
    }
    return repeated;
  }
  const combined = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (ranks[i] >= 0) combined[m++] = key(i) * times + ranks[i];
  const sorted = combined.subarray(0, m).sort();
  for (let i = 1; i < m; i++) if (sorted[i] === sorted[i - 1]) repeated++;
  return repeated;
}

/** True when the finite times only rise, or only fall (missing ones skipped). */
function strictlyMonotone(time: Float64Array): boolean {
  let rising = true, falling = true, last = NaN;
  for (let i = 0; i < time.length && (rising || falling); i++) {
    const t = time[i];
    if (t !== t) continue;
    if (last === last) {
      if (!(t > last)) rising = false;
      if (!(t < last)) falling = false;
    }
    last = t;
  }
  return rising || falling;
}

/** Lexicographic order of two rankings. */
function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * The ids of a set of columns as one dense key per row (0 … count − 1, in order of first
 * appearance for several columns; -1 when any id of the row is empty).
 */
function seriesKeys(columns: readonly IdColumnData[]): { keys: Int32Array; count: number } {
  if (columns.length === 1) return { keys: columns[0].codes, count: columns[0].values.length };
  let keys = columns[0].codes;
  let count = columns[0].values.length;
  for (let c = 1; c < columns.length; c++) {
    const codes = columns[c].codes, width = columns[c].values.length;
    const next = new Int32Array(keys.length);
    const dense = new Map<number, number>();
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] < 0 || codes[i] < 0) {
        next[i] = -1;
        continue;
      }
      const pair = keys[i] * width + codes[i];
      let k = dense.get(pair);
      if (k === undefined) {
        k = dense.size;
        dense.set(pair, k);
      }
      next[i] = k;
    }
    keys = next;
    count = dense.size;
  }
  return { keys, count };
}

/** The id columns offered to the user: text and id-like columns; in a long file, whole numbers too. */
function offered(candidates: readonly IdColumnData[], longFormat: boolean): string[] {
  return candidates.filter((c) => c.values.length >= 2 && (c.kind === 'text' || isIdLikeName(c.name) || longFormat)).map((c) => c.name);
}

export interface IdChoice {
  /** The columns naming the series ([] for one series). */
  chosen: IdColumnData[];
  /** Every column considered, for the user to choose from. */
  candidates: string[];
}

/**
 * When rows share times, the id columns are the candidates (one, else two) that tell apart more
 * than EXPLAINED of them; the fewest rows left sharing a time wins, text before whole numbers,
 * id-like names first, then fewer distinct values. Text and id-like columns are tried first;
 * other whole-number columns only when those do not tell the rows apart, and only when they
 * hold about as many values as rows share a time (a column of integer sales has far more). A
 * single column that leaves more than DUPLICATES of the shared rows still sharing gives way to a
 * pair that leaves fewer (store + product when each store sells some of the same products).
 * Rows sharing times in under LONG_FORMAT_REPEATS of the file are a single series' duplicates,
 * unless an id-like name (store, product, …) says otherwise.
 */
export function chooseIdColumns(time: Float64Array, candidates: readonly IdColumnData[]): IdChoice {
  const n = time.length;
  // One series in time order (most files) shares no time: told without counting.
  if (candidates.length === 0 || strictlyMonotone(time)) return { chosen: [], candidates: offered(candidates, false) };
  const { ranks, count } = timeRanks(time);
  const withTime = ranks.reduce((s, r) => s + (r >= 0 ? 1 : 0), 0);
  const shared = withTime - count;
  const longFormat = shared >= LONG_FORMAT_REPEATS * n;
  const names = offered(candidates, longFormat);
  if (shared === 0) return { chosen: [], candidates: names };
  const usable = candidates.filter((c) => c.values.length >= 2 && (longFormat || isIdLikeName(c.name)));
  const score = (set: IdColumnData[]): number => {
    const { keys, count: k } = seriesKeys(set);
    return repeats(keys, k + 1, ranks, count);
  };
  // Ranking: rows still sharing a time, whole-number ids after text, other names after id-like
  // ones, then more distinct values (finer splits) last.
  const rank = (set: IdColumnData[], left: number): number[] =>
    [left, set.some((c) => c.kind !== 'text') ? 1 : 0, set.every((c) => isIdLikeName(c.name)) ? 0 : 1,
      set.reduce((p, c) => p * c.values.length, 1)];
  const best = (sets: IdColumnData[][]): { set: IdColumnData[]; rank: number[] } | null => {
    let found: { set: IdColumnData[]; rank: number[] } | null = null;
    for (const set of sets) {
      const left = score(set);
      if (left >= (1 - EXPLAINED) * shared) continue;
      const r = rank(set, left);
      if (found === null || before(r, found.rank)) found = { set, rank: r };
    }
    return found;
  };
  const fromTier = (tier: IdColumnData[]): IdColumnData[] => {
    const single = best(tier.map((c) => [c]));
    if (single !== null && single.rank[0] <= DUPLICATES * shared) return single.set;
    const pairs: IdColumnData[][] = [];
    for (let a = 0; a < tier.length; a++) for (let b = a + 1; b < tier.length; b++) pairs.push([tier[a], tier[b]]);
    const pair = best(pairs);
    if (pair !== null && (single === null || before(pair.rank, single.rank))) return pair.set;
    return single?.set ?? [];
  };
  const named = usable.filter((c) => c.kind === 'text' || isIdLikeName(c.name));
  const chosen = fromTier(named);
  if (chosen.length > 0 || named.length === usable.length) return { chosen, candidates: names };
  const most = mostRowsSharingATime(ranks, count);
  const plausible = usable.filter((c) => c.kind === 'text' || isIdLikeName(c.name) || c.values.length <= 2 * most);
  return { chosen: fromTier(plausible), candidates: names };
}

/** The largest number of rows holding one same time. */
function mostRowsSharingATime(ranks: Int32Array, count: number): number {
  const rows = new Int32Array(count);
  let most = 0;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    if (r >= 0 && ++rows[r] > most) most = rows[r];
  }
  return most;
}

// ---------------------------------------------------------------------------------------------
// Building the series.

export interface SeriesInput {
  /** Per data row with a time: epoch ms (or numbers), file line, and every numeric column. */
  time: Float64Array;
  lines: Int32Array;
  columns: Float64Array[];
  names: string[];
  /** The id columns, their codes aligned with the rows above. */
  ids: IdColumnData[];
}

export interface SeriesOptions {
  source: string;
  duplicates: DuplicatePolicy;
  describe: (ms: number) => string;
  numbered: boolean;
  /** No time column: each series' rows are numbered 1, 2, 3, … in file order. */
  renumber: boolean;
}

export interface SeriesResult {
  time: Float64Array;
  columns: Float64Array[];
  series: SeriesSlice[];
  frequency: Frequency;
  /** File-level findings: what was found, summaries of the series' own, unusable series. */
  problems: Problem[];
}

/** Series whose inferred frequency decides the one they share (the first ones of 3+ rows). */
const FREQUENCY_SAMPLE = 64;

export function buildSeries(input: SeriesInput, options: SeriesOptions): SeriesResult {
  const n = input.time.length;
  const problems: Problem[] = [];
  const idNames = input.ids.map((c) => c.name);

  // 1. A series number per row, in order of first appearance; rows without an id left out.
  const { keys, count: keyCount } = seriesKeys(input.ids);
  const seriesOfKey = new Int32Array(keyCount).fill(-1);
  const seriesOf = new Int32Array(n);
  const firstRow: number[] = [];
  const noId = new FindingList();
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k < 0) {
      seriesOf[i] = -1;
      const line = input.lines[i];
      noId.add(() => ({ severity: 'warning', code: 'missing-id', row: line,
        message: `Line ${line} has no ${idNames.map((c) => `"${c}"`).join(' or ')} to say which series it belongs to; the row was left out.` }));
      continue;
    }
    let s = seriesOfKey[k];
    if (s < 0) {
      s = firstRow.length;
      firstRow.push(i);
      seriesOfKey[k] = s;
    }
    seriesOf[i] = s;
  }
  problems.push(...noId.problems((more) => ({ severity: 'warning', code: 'missing-id', count: more,
    message: `…and ${plural(more, 'more row')} without a series id; those rows were left out.` })));
  const count = firstRow.length;
  const keysOf = (s: number): string[] => input.ids.map((c) => c.values[c.codes[firstRow[s]]]);
  const nameOf = (s: number): string => keysOf(s).join(' / ');

  // 2. Rows gathered by series, file order kept within each (a stable counting sort).
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) if (seriesOf[i] >= 0) starts[seriesOf[i] + 1]++;
  for (let s = 0; s < count; s++) starts[s + 1] += starts[s];
  const total = starts[count];
  const order = new Int32Array(total);
  const fill = starts.slice(0, count);
  for (let i = 0; i < n; i++) if (seriesOf[i] >= 0) order[fill[seriesOf[i]]++] = i;
  const time = gather(input.time, order);
  if (options.renumber) for (let s = 0; s < count; s++) for (let r = starts[s]; r < starts[s + 1]; r++) time[r] = r - starts[s] + 1;
  const lines = new Int32Array(total);
  for (let r = 0; r < total; r++) lines[r] = input.lines[order[r]];
  const columns = input.columns.map((col) => gather(col, order));
  const view = (s: number) => ({
    time: time.subarray(starts[s], starts[s + 1]), lines: lines.subarray(starts[s], starts[s + 1]),
    columns: columns.map((c) => c.subarray(starts[s], starts[s + 1])), names: input.names,
  });

  // 3. The frequency the series share: the most common among the first series that index.
  const seen = new Map<string, { frequency: Frequency; count: number; anchors: Set<string> }>();
  for (let s = 0, tried = 0; s < count && tried < FREQUENCY_SAMPLE; s++) {
    if (starts[s + 1] - starts[s] < 3) continue;
    tried++;
    try {
      const f = buildTimeIndex(view(s), { duplicates: 'mean', describe: options.describe, numbered: options.numbered }).frequency;
      const k = `${f.unit}/${f.step}`;
      const entry = seen.get(k) ?? { frequency: f, count: 0, anchors: new Set<string>() };
      entry.count++;
      entry.anchors.add(String(f.anchorDay));
      seen.set(k, entry);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
    }
  }
  let shared: Frequency | undefined;
  let most = 0;
  for (const entry of seen.values()) {
    if (entry.count > most) {
      most = entry.count;
      shared = { ...entry.frequency };
      // Series on different days of the month share the month step but not the day.
      if (entry.anchors.size > 1) delete shared.anchorDay;
    }
  }

  // 4. Each series on its own index at that frequency (or its own, when none was found).
  const built: (IndexedSeries | null)[] = [];
  const series: SeriesSlice[] = [];
  const unusable = new FindingList();
  let gapsSeries = 0, gapsSteps = 0, dupSeries = 0, dupRows = 0, unsorted = 0, length = 0;
  for (let s = 0; s < count; s++) {
    const slice: SeriesSlice = { id: nameOf(s), keys: keysOf(s), offset: length, length: 0, gaps: 0, duplicates: 0, problems: [] };
    try {
      const index = buildTimeIndex(view(s), { duplicates: options.duplicates, describe: options.describe, numbered: options.numbered,
        ...(shared !== undefined ? { frequency: shared } : {}) });
      built.push(index);
      shared ??= index.frequency;
      slice.length = index.time.length;
      slice.gaps = index.inserted;
      slice.duplicates = index.merged;
      slice.problems = index.problems;
      length += slice.length;
      if (index.inserted > 0) { gapsSeries++; gapsSteps += index.inserted; }
      if (index.merged > 0) { dupSeries++; dupRows += index.merged; }
      if (index.problems.some((p) => p.code === 'unsorted' || p.code === 'reversed')) unsorted++;
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      built.push(null);
      slice.unusable = e.message;
      slice.problems = [e.toProblem()];
      const id = slice.id;
      unusable.add(() => ({ severity: 'warning', code: 'unusable-series', ...(e.row !== undefined ? { row: e.row } : {}),
        message: `Series ${quoteCell(id)} cannot be forecast: ${e.message}` }));
    }
    series.push(slice);
  }
  const usableCount = series.filter((s) => s.unusable === undefined).length;
  if (usableCount === 0 || shared === undefined) {
    const first = series.find((s) => s.unusable !== undefined);
    throw new DataError('no-usable-series', `${options.source} holds ${plural(count, 'series', 'series')} (one per ${
      idNames.map((c) => `"${c}"`).join(' and ')}), and none can be forecast` + (first ? ` — ${quoteCell(first.id)}: ${first.unusable}` : '.'),
    { column: idNames[0] });
  }

  // 5. One array per column, the series one after the other (no copy when no index changed).
  let outTime = time, outColumns = columns;
  const unchanged = built.every((b, s) => b !== null && b.time.length === starts[s + 1] - starts[s]
    && b.time.buffer === time.buffer && b.time.byteOffset === time.byteOffset + starts[s] * 8);
  if (!unchanged) {
    outTime = new Float64Array(length);
    outColumns = columns.map(() => new Float64Array(length));
    for (let s = 0; s < count; s++) {
      const b = built[s];
      if (b === null) continue;
      outTime.set(b.time, series[s].offset);
      for (let c = 0; c < outColumns.length; c++) outColumns[c].set(b.columns[c], series[s].offset);
    }
  }

  // 6. What the file-level report says.
  problems.unshift({ severity: 'info', code: 'many-series',
    message: `${options.source} holds ${plural(count, 'series', 'series')}, one per ${idNames.map((c) => `"${c}"`).join(' and ')} ` +
      `(long format); each has its own time index.` });
  if (gapsSeries > 0) {
    problems.push({ severity: 'warning', code: 'gap-filled', count: gapsSteps,
      message: `${plural(gapsSeries, 'series', 'series')} ${gapsSeries === 1 ? 'has' : 'have'} gaps: ${plural(gapsSteps, 'missing step')} ` +
        `inserted as empty values in all (each series lists its own).` });
  }
  if (dupSeries > 0) {
    problems.push({ severity: 'warning', code: 'duplicate-time', count: dupRows,
      message: `${plural(dupSeries, 'series', 'series')} ${dupSeries === 1 ? 'repeats' : 'repeat'} a time: ${plural(dupRows, 'row')} ` +
        `merged into an earlier one (each series lists its own).` });
  }
  if (unsorted > 0) {
    problems.push({ severity: 'info', code: 'unsorted', count: unsorted,
      message: `The rows of ${plural(unsorted, 'series', 'series')} were not in time order; they were put in order.` });
  }
  problems.push(...unusable.problems((more) => ({ severity: 'warning', code: 'unusable-series', count: more,
    message: `…and ${plural(more, 'more series', 'more series')} that cannot be forecast (each says why).` })));
  problems.push(...likelyDuplicates(series));
  return { time: outTime, columns: outColumns, series, frequency: shared, problems };
}

/** values[order[0]], values[order[1]], … */
function gather(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let r = 0; r < order.length; r++) out[r] = values[order[r]];
  return out;
}

/** Ids that differ only in capitals or spaces ("Store A", "store A "): listed, never merged. */
function likelyDuplicates(series: readonly SeriesSlice[]): Problem[] {
  const groups = new Map<string, string[]>();
  for (const s of series) {
    const k = s.id.trim().toLowerCase().replace(/\s+/g, ' ');
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [s.id]);
    else g.push(s.id);
  }
  const found = new FindingList();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    const shown = ids.slice(0, ROWS_LISTED).map(quoteCell).join(', ');
    found.add(() => ({ severity: 'warning', code: 'similar-series-ids',
      message: `The series ${shown} differ only in capitals or spaces; they were kept apart. If they are one series, ` +
        'write its id the same way on every row.' }));
  }
  return found.problems((more) => ({ severity: 'warning', code: 'similar-series-ids', count: more,
    message: `…and ${plural(more, 'more group')} of series ids that differ only in capitals or spaces.` }));
}
