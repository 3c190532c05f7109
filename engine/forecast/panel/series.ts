// The series of a panel: a long-format dataset's series (its id columns' slices), or a wide
// file's numeric columns when the user says each column is a series (the `series` setting).
// Each series is prepared on its own, as prepare.ts does for one; a series that cannot be
// forecast is listed with the reason instead of stopping the run.
import type { Dataset, SeriesSlice } from '../../data/types';
import { ForecastInputError } from '../../models/errors';
import { fillSeries, rawSeriesFromDataset, type FilledSeries, type RawSeries } from '../prepare';
import type { ForecastSettings } from '../settings';
import type { PanelSkipped } from './types';

/** Fewest observed values a series must have to be forecast. */
export const MIN_SERIES_VALUES = 3;

/** The column naming the series in outputs of a wide file (one column per series). */
export const WIDE_ID_COLUMN = 'series';

/** One series of the panel, ready for modelling. */
export interface PanelEntry {
  id: string[];
  label: string;
  /** The series as a one-series dataset (views into the file's arrays) and its value column. */
  view: Dataset;
  column: string;
  raw: RawSeries;
  full: FilledSeries;
}

export interface PanelSeries {
  /** The names of the id columns the outputs start with. */
  idColumns: string[];
  entries: PanelEntry[];
  skipped: PanelSkipped[];
  /** One line per kind of fill, summed over the panel (missing values interpolated, …). */
  notes: string[];
}

/** True when the run forecasts more than one series: a long-format file, or several columns named by `series`. */
export function isPanel(dataset: Dataset, options: Partial<ForecastSettings>): boolean {
  if (options.series !== undefined && options.series !== null) return wideColumns(dataset, options).length > 1 || dataset.series.length > 1;
  return dataset.series.length > 1;
}

/** The numeric columns a wide file's `series` setting names ('all': every numeric column). */
export function wideColumns(dataset: Dataset, options: Partial<ForecastSettings>): string[] {
  const wanted = options.series;
  if (wanted === undefined || wanted === null) return [];
  const numeric = dataset.columns.map((c) => c.name);
  if (wanted === 'all') return numeric;
  const unknown = wanted.filter((name) => !numeric.includes(name));
  if (unknown.length) {
    throw new ForecastInputError(
      `${dataset.source}: no numeric column ${unknown.map((n) => `"${n}"`).join(', ')} to forecast as a series; numeric columns are ${numeric.map((n) => `"${n}"`).join(', ')}.`,
      { column: unknown[0] },
    );
  }
  return [...new Set(wanted)];
}

/** The first `rows` rows of a one-series dataset (views, no copies): the data as it stood at a cut. */
export function headOf(dataset: Dataset, rows: number): Dataset {
  return {
    ...dataset,
    time: dataset.time.subarray(0, rows),
    columns: dataset.columns.map((c) => ({ ...c, values: c.values.subarray(0, rows) })),
    series: [{ ...dataset.series[0], offset: 0, length: rows }],
  };
}

/** The rows of one series of `dataset` as a one-series dataset (views, no copies). */
export function sliceDataset(dataset: Dataset, slice: SeriesSlice): Dataset {
  const end = slice.offset + slice.length;
  return {
    ...dataset,
    time: dataset.time.subarray(slice.offset, end),
    columns: dataset.columns.map((c) => ({ ...c, values: c.values.subarray(slice.offset, end) })),
    problems: slice.problems,
    idColumns: [],
    series: [{ ...slice, offset: 0 }],
  };
}

/**
 * Every series the run forecasts, each filled on its own (history up to its last target value,
 * interior gaps interpolated, leading gaps trimmed). `target`: the column a long file's series
 * take their values from; a wide file's series are its columns.
 */
export function panelSeries(dataset: Dataset, options: Partial<ForecastSettings>, target: string, season: number, horizon: number): PanelSeries {
  const entries: PanelEntry[] = [];
  const skipped: PanelSkipped[] = [];
  let interpolated = 0;
  let carried = 0;
  const add = (id: string[], label: string, view: Dataset, column: string) => {
    let raw: RawSeries;
    let full: FilledSeries;
    try {
      raw = rawSeriesFromDataset(view, column, [], season, { known: [], horizon });
      full = fillSeries(raw);
    } catch (error) {
      if (!(error instanceof ForecastInputError)) throw error;
      skipped.push({ id, label, reason: error.message });
      return;
    }
    if (full.series.target.length < MIN_SERIES_VALUES) {
      skipped.push({ id, label, reason: `${full.series.target.length} value(s); a forecast needs at least ${MIN_SERIES_VALUES}.` });
      return;
    }
    interpolated += full.interpolated;
    carried += full.carried;
    entries.push({ id, label, view, column, raw, full });
  };
  const columns = wideColumns(dataset, options);
  if (columns.length > 0) {
    if (dataset.series.length > 1) {
      throw new ForecastInputError(
        `${dataset.source}: the file already holds ${dataset.series.length} series named by ${dataset.idColumns.map((c) => `"${c}"`).join(', ')}; ` +
          'a column per series is for wide files. Leave out the series setting, or read the file with no id columns.',
      );
    }
    for (const column of columns) add([column], column, dataset, column);
  } else {
    for (const slice of dataset.series) {
      if (slice.unusable !== undefined) {
        skipped.push({ id: slice.keys, label: slice.id, reason: slice.unusable });
        continue;
      }
      add(slice.keys, slice.id, sliceDataset(dataset, slice), target);
    }
  }
  if (entries.length === 0) {
    const reasons = skipped.slice(0, 3).map((s) => `${s.label}: ${s.reason}`).join('; ');
    throw new ForecastInputError(`${dataset.source}: no series can be forecast (${reasons}${skipped.length > 3 ? '; …' : ''}).`);
  }
  const notes: string[] = [];
  if (interpolated + carried > 0) {
    notes.push(`${interpolated} missing value(s) interpolated${carried ? `, ${carried} at series' ends carried forward from the last value` : ''}, over ${entries.length} series.`);
  }
  return { idColumns: columns.length > 0 ? [WIDE_ID_COLUMN] : [...dataset.idColumns], entries, skipped, notes };
}
