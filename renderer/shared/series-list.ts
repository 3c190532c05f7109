// The series list's logic, apart from its drawing: one row per series of a dataset (long: one
// per id; wide: one per numeric column) with its health, search, sort, the window of rows a
// scrolled viewport shows, and a sparkline's points. Pure, so the list is unit-tested.
import type { Dataset, Problem } from '../../engine/data/types';

/** One series as the list shows it. */
export interface SeriesRow {
  /** Position in the dataset's series (long) or numeric columns (wide); the key of a row. */
  index: number;
  name: string;
  /** Points on the series' own index, gaps included (0 when unusable). */
  length: number;
  /** Missing values (filled gaps and empty cells). */
  gaps: number;
  /** Rows merged into an earlier one with the same time. */
  duplicates: number;
  /** First and last time, epoch ms (NaN when unusable). */
  start: number;
  end: number;
  /** Why it cannot be forecast, or null. */
  unusable: string | null;
  problems: Problem[];
  /** Backtest error after a run (sMAPE, %), NaN before one or when the series had none. */
  error: number;
  /** The run's verdict for this series, '' before a run. */
  verdict: string;
  /** Where its values are: `values[offset … offset + length)` of the column `column`. */
  column: string;
  offset: number;
}

/**
 * How the file's columns make series. 'long': the id columns name them (a file without id
 * columns is one series); 'wide': each numeric column is a series on the shared index.
 */
export type SeriesLayout = 'long' | 'wide';

/** Rows of a dataset: per series (long) of `target`, or per numeric column (wide). */
export function seriesRows(dataset: Dataset, layout: SeriesLayout, target: string | null): SeriesRow[] {
  const time = dataset.time;
  if (layout === 'wide') {
    return dataset.columns.map((column, index) => {
      const values = column.values;
      let first = -1, last = -1;
      for (let i = 0; i < values.length; i++) {
        if (values[i] === values[i]) {
          if (first < 0) first = i;
          last = i;
        }
      }
      const length = first < 0 ? 0 : last - first + 1;
      let gaps = 0;
      for (let i = first; i >= 0 && i <= last; i++) if (values[i] !== values[i]) gaps++;
      const usable = length >= 2;
      return {
        index,
        name: column.name,
        length: usable ? length : 0,
        gaps,
        duplicates: 0,
        start: usable ? time[first]! : Number.NaN,
        end: usable ? time[last]! : Number.NaN,
        unusable: usable ? null : `The column "${column.name}" has ${length === 0 ? 'no values' : 'one value'}; a series needs at least 2.`,
        problems: [],
        error: Number.NaN,
        verdict: '',
        column: column.name,
        offset: usable ? first : 0,
      };
    });
  }
  const column = target ?? dataset.columns[0]?.name ?? '';
  return dataset.series.map((s, index) => ({
    index,
    name: s.id === '' ? dataset.source : s.id,
    length: s.length,
    gaps: s.gaps,
    duplicates: s.duplicates,
    start: s.length > 0 ? time[s.offset]! : Number.NaN,
    end: s.length > 0 ? time[s.offset + s.length - 1]! : Number.NaN,
    unusable: s.unusable ?? null,
    problems: s.problems,
    error: Number.NaN,
    verdict: '',
    column,
    offset: s.offset,
  }));
}

// ---------------------------------------------------------------------------------------------
// Search and sort

export type SeriesSortKey = 'name' | 'length' | 'error';
export interface SeriesSort {
  key: SeriesSortKey;
  descending: boolean;
}

/** Rows whose name contains every word of `query` (case- and accent-insensitive), in their order. */
export function searchSeries(rows: readonly SeriesRow[], query: string): readonly SeriesRow[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const name = fold(row.name);
    return words.every((w) => name.includes(w));
  });
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;
const ZEROS = '0000000000000000';

/**
 * A name's sort key: case and accents folded, every run of digits without its leading zeros
 * and padded to 16 places, so plain string order is natural order ("store 2" before "store
 * 10"). A character loop, not a regex with a callback: 10,000 names must key in a few ms.
 */
export function naturalKey(name: string): string {
  const s = ASCII.test(name) ? name.toLowerCase() : fold(name);
  const n = s.length;
  let out = '';
  let from = 0;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    out += s.slice(from, i);
    let j = i;
    while (j < n && s.charCodeAt(j) === 48) j++;
    let k = j;
    while (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
    const digits = j === k ? '0' : s.slice(j, k);
    out += ZEROS.slice(digits.length) + digits;
    from = i = k;
  }
  return out + s.slice(from);
}

// Keys of rows already seen: sorting again (another column, back to names) costs no keying.
const keyCache = new WeakMap<SeriesRow, string>();

function keyOf(row: SeriesRow): string {
  let key = keyCache.get(row);
  if (key === undefined) {
    key = naturalKey(row.name);
    keyCache.set(row, key);
  }
  return key;
}

/**
 * Rows in the order asked: by name (natural order), by length, or by error. Ties keep the file's
 * order; series without an error (none yet, or unusable) come last whichever the direction.
 */
export function sortSeries(rows: readonly SeriesRow[], sort: SeriesSort): SeriesRow[] {
  const sign = sort.descending ? -1 : 1;
  const compare = (a: SeriesRow, b: SeriesRow): number => {
    if (sort.key === 'name') {
      const ka = keyOf(a), kb = keyOf(b);
      return ka === kb ? 0 : sign * (ka < kb ? -1 : 1);
    }
    if (sort.key === 'length') return sign * (a.length - b.length);
    const aMissing = !Number.isFinite(a.error), bMissing = !Number.isFinite(b.error);
    if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
    return sign * (a.error - b.error);
  };
  return [...rows].sort((a, b) => compare(a, b) || a.index - b.index);
}

// ---------------------------------------------------------------------------------------------
// Virtual window

export interface VirtualWindow {
  /** First row drawn, and one past the last. */
  first: number;
  end: number;
  /** Pixels above the first row drawn. */
  offset: number;
  /** Height of every row together: the scroll area's content. */
  total: number;
}

/**
 * The rows a viewport `height` pixels tall, scrolled `scrollTop` down a list of `count` rows of
 * `rowHeight` pixels, shows — plus `overscan` rows either side, so a quick scroll does not show
 * blank space before the next frame draws them.
 */
export function virtualWindow(count: number, rowHeight: number, scrollTop: number, height: number, overscan = 4): VirtualWindow {
  const total = count * rowHeight;
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  return { first, end: Math.max(first, end), offset: first * rowHeight, total };
}

/** The scrollTop that brings row `position` into a viewport of `height` (unchanged when it is in view). */
export function scrollToShow(position: number, rowHeight: number, scrollTop: number, height: number): number {
  const top = position * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height;
  return scrollTop;
}

// ---------------------------------------------------------------------------------------------
// Sparkline

/**
 * An SVG polyline's points for `values` in a `width` × `height` box: the lowest and highest
 * value of each pixel column (so a spike in a long series still shows), missing values skipped,
 * the y axis from the series' own range. '' when nothing finite is left.
 */
export function sparklinePoints(values: ArrayLike<number>, width: number, height: number): string {
  const n = values.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(lo <= hi)) return '';
  const span = hi > lo ? hi - lo : 1;
  const y = (x: number) => (height - 1 - ((x - lo) / span) * (height - 2)).toFixed(1);
  const columns = Math.max(1, Math.min(n, Math.floor(width)));
  const step = n > 1 ? (width - 1) / (columns > 1 ? columns - 1 : 1) : 0;
  const points: string[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * n) / columns);
    const to = Math.floor(((c + 1) * n) / columns);
    let min = Infinity, max = -Infinity, firstAt = -1, minAt = -1, maxAt = -1;
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      if (x !== x) continue;
      if (firstAt < 0) firstAt = i;
      if (x < min) (min = x), (minAt = i);
      if (x > max) (max = x), (maxAt = i);
    }
    if (firstAt < 0) continue;
    const px = (c * step + 0.5).toFixed(1);
    // In the order they occur, so the line goes up then down (or down then up) as the data did.
    if (minAt === maxAt) points.push(`${px},${y(min)}`);
    else if (minAt < maxAt) points.push(`${px},${y(min)}`, `${px},${y(max)}`);
    else points.push(`${px},${y(max)}`, `${px},${y(min)}`);
  }
  return points.join(' ');
}
