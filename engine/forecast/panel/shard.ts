// Splitting a panel across machines: a deterministic 1/N of the series by a hash of each
// series' id, so a batch engine (a Kubernetes Indexed Job, a Slurm job array, GNU parallel)
// runs shard K of N anywhere and every series lands in exactly one shard.
import type { Dataset } from '../../data/types';
import { ForecastInputError } from '../../models/errors';

/** 32-bit FNV-1a of the id values (UTF-16 code units, a separator between values). */
export function idHash(id: readonly string[]): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < id.length; j++) {
    const s = id[j];
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shard (0-based) of `count` a series with this id belongs to. */
export function shardOf(id: readonly string[], count: number): number {
  return idHash(id) % count;
}

/** Parses "K/N" (1 ≤ K ≤ N): shard K of N, 1-based as batch engines number their tasks. */
export function parseShard(text: string, flag = '--shard'): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count || count > 1_000_000) {
    throw new ForecastInputError(`${flag} takes K/N with 1 ≤ K ≤ N (shard K of N, e.g. 3/8); got "${text}".`);
  }
  return { index, count };
}

/**
 * The dataset with only shard `index` (1-based) of `count` of its series; the rows stay where
 * they are (slices into the same arrays). A wide file's columns are sharded by name the same way
 * by the caller; a one-series file is shard 1's whole.
 */
export function shardDataset(dataset: Dataset, index: number, count: number): Dataset {
  if (dataset.series.length <= 1 && dataset.idColumns.length === 0) {
    return index === 1 ? dataset : { ...dataset, series: [] };
  }
  return { ...dataset, series: dataset.series.filter((s) => shardOf(s.keys, count) === index - 1) };
}

/** The wide columns of shard `index` (1-based) of `count`. */
export function shardColumns(columns: readonly string[], index: number, count: number): string[] {
  return columns.filter((c) => shardOf([c], count) === index - 1);
}
