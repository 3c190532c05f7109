// The dataset a run sends to main (`forecast:start`, `forecast:apply`): the time index, its
// style and frequency, the chosen numeric columns in the dataset's column order, and for a
// long-format file its id columns and series. The typed arrays go by reference; IPC's structured
// clone copies them.
import type { DatasetPayload } from '../../electron/contract';
import type { Dataset } from '../../engine/data/types';

/** Every numeric column when `columns` is omitted (a saved model picks its own by name). */
export function datasetPayload(dataset: Dataset, columns?: readonly string[]): DatasetPayload {
  const wanted = columns === undefined ? null : new Set(columns);
  return {
    source: dataset.source,
    timeColumn: dataset.timeColumn,
    timeStyle: dataset.timeStyle,
    frequency: dataset.frequency,
    season: dataset.season,
    time: dataset.time,
    columns: dataset.columns.filter((c) => wanted === null || wanted.has(c.name)).map((c) => ({ name: c.name, values: c.values, missing: c.missing })),
    ...(dataset.series.length > 1
      ? {
          idColumns: [...dataset.idColumns],
          series: dataset.series.map((s) => ({ id: s.id, keys: [...s.keys], offset: s.offset, length: s.length, ...(s.unusable !== undefined ? { unusable: s.unusable } : {}) })),
        }
      : {}),
  };
}
