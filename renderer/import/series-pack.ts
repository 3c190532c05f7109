// A dataset's series as they cross from the import worker to the page: flat arrays (offsets,
// lengths, gap and duplicate counts as transferred Int32Arrays, the names as one string array)
// instead of one object per series. Structured clone copies 10,000 small objects slowly (a long
// task on the page's thread); these arrays cross at once, and the page rebuilds the objects.
import type { Problem, SeriesSlice } from '../../engine/data/types';

export interface PackedSeries {
  /** Display names ('' for a one-series file). */
  ids: string[];
  /** Every series' keys one after the other, `keysPer` each; empty when a series' one key is its id. */
  keys: string[];
  keysPer: number;
  offsets: Int32Array;
  lengths: Int32Array;
  gaps: Int32Array;
  duplicates: Int32Array;
  /** Only the series that have findings, or a reason they cannot be forecast. */
  problems: { index: number; problems: Problem[] }[];
  unusable: { index: number; reason: string }[];
}

export function packSeries(series: readonly SeriesSlice[], keysPer: number): PackedSeries {
  const n = series.length;
  const keysAreIds = keysPer === 1 && series.every((s) => s.keys.length === 1 && s.keys[0] === s.id);
  const packed: PackedSeries = {
    ids: new Array<string>(n),
    keys: keysAreIds ? [] : new Array<string>(n * keysPer),
    keysPer,
    offsets: new Int32Array(n),
    lengths: new Int32Array(n),
    gaps: new Int32Array(n),
    duplicates: new Int32Array(n),
    problems: [],
    unusable: [],
  };
  series.forEach((s, i) => {
    packed.ids[i] = s.id;
    if (!keysAreIds) for (let k = 0; k < keysPer; k++) packed.keys[i * keysPer + k] = s.keys[k] ?? '';
    packed.offsets[i] = s.offset;
    packed.lengths[i] = s.length;
    packed.gaps[i] = s.gaps;
    packed.duplicates[i] = s.duplicates;
    if (s.problems.length > 0) packed.problems.push({ index: i, problems: s.problems });
    if (s.unusable !== undefined) packed.unusable.push({ index: i, reason: s.unusable });
  });
  return packed;
}

/** The buffers to transfer with a packed series list. */
export function packedBuffers(p: PackedSeries): ArrayBuffer[] {
  return [p.offsets.buffer, p.lengths.buffer, p.gaps.buffer, p.duplicates.buffer] as ArrayBuffer[];
}

export function unpackSeries(p: PackedSeries): SeriesSlice[] {
  const problems = new Map(p.problems.map((e) => [e.index, e.problems]));
  const unusable = new Map(p.unusable.map((e) => [e.index, e.reason]));
  const none: Problem[] = [];
  const series = new Array<SeriesSlice>(p.ids.length);
  for (let i = 0; i < p.ids.length; i++) {
    const id = p.ids[i]!;
    const slice: SeriesSlice = {
      id,
      keys: p.keys.length === 0 ? (p.keysPer === 0 ? [] : [id]) : p.keys.slice(i * p.keysPer, (i + 1) * p.keysPer),
      offset: p.offsets[i]!,
      length: p.lengths[i]!,
      gaps: p.gaps[i]!,
      duplicates: p.duplicates[i]!,
      problems: problems.get(i) ?? none,
    };
    const reason = unusable.get(i);
    if (reason !== undefined) slice.unusable = reason;
    series[i] = slice;
  }
  return series;
}
