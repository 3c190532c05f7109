// Rows after the target's last value are the future, never history to fill: a file may end
// with the plan for the coming weeks (a promotion calendar, prices) and an empty target. The
// columns that hold values there are the candidates for covariates known in advance.
import type { Dataset } from '../data/types';
import { ForecastInputError } from '../models/errors';

export interface FutureRows {
  /** Rows 0..history−1 are the target's history: its last value is at row history−1. */
  history: number;
  /** Rows of the file after the history (the future rows). */
  futureRows: number;
  /**
   * Columns other than the target with a value in at least one future row, in file order:
   * what the app offers (and the CLI uses by default) as known in advance.
   */
  knownInAdvance: string[];
  /** Per column of `knownInAdvance`: future rows with a value, counted from the first future row. */
  futureValues: Record<string, number>;
}

/** Where the target's history ends in `dataset` and which columns go on after it. */
export function detectFutureRows(dataset: Dataset, target: string): FutureRows {
  const column = dataset.columns.find((c) => c.name === target);
  if (!column) {
    throw new ForecastInputError(`${dataset.source}: no numeric column "${target}" for the target.`, { column: target });
  }
  let history = column.values.length;
  while (history > 0 && Number.isNaN(column.values[history - 1])) history--;
  const knownInAdvance: string[] = [];
  const futureValues: Record<string, number> = {};
  for (const c of dataset.columns) {
    if (c.name === target) continue;
    let count = 0;
    for (let i = history; i < c.values.length; i++) if (!Number.isNaN(c.values[i])) count++;
    if (count > 0) {
      knownInAdvance.push(c.name);
      futureValues[c.name] = count;
    }
  }
  return { history, futureRows: column.values.length - history, knownInAdvance, futureValues };
}
