// engine/data: CSV text → a regular, typed Dataset with every problem found (see DESIGN.md).
// Pure TypeScript: runs in Node (CLI, workers) and in the renderer's import web worker.
//
// Whole file (CLI):   const { text } = readCsvFile(path);  readDataset(text, { source: name })
//                     (readCsvFile is Node only: import it from './read-file'; it checks the size first)
// Streaming (worker): const reader = new DatasetReader({ source: file.name, sizeHint: file.size });
//                     for each decoded chunk: reader.push(chunk); progress ≈ reader.charsRead / file.size
//                     const { dataset, preview, detected } = reader.finish();
// Both throw DataError (code, message, row, column) when the file cannot be used at all — past
// a size limit of engine/limits.ts too; everything else is in dataset.problems. A long-format
// file (store, date, sales) is many series: dataset.series says which rows are which. After the
// user picks another time column, date order or id columns, read again with { timeColumn,
// dateOrder, idColumns }.
export type { Dataset, Frequency, FrequencyUnit, NumericColumn, Problem, SeriesSlice, TimeStyle, DayMonthStyle } from './types';
export { wholeSeries } from './types';
export { DataError, ROWS_LISTED } from './errors';
export type { DataErrorCode } from './errors';
export { readDataset, DatasetReader, datasetFromTable } from './read';
export type { ReadOptions, ReadResult, DetectedFormat, DateOrder } from './read';
export { parseCsvText, CsvParser, SAMPLE_ROWS } from './table';
export type { CsvOptions, CsvTable } from './table';
export type { Delimiter, Newline } from './csv';
export type { NumberStyle, DecimalSeparator, ThousandsSeparator } from './numbers';
export { parseNumber, detectNumberStyle } from './numbers';
export type { TimeFormatOption } from './time-formats';
export { TIME_FORMAT_OPTIONS, TIME_STYLE_KINDS } from './time-formats';
export { isTimeLikeName } from './time-choice';
export {
  nextTimes, advanceTime, stepsBetween, defaultSeason, inferFrequency, buildTimeIndex, frequencyLabel,
  ROW_NUMBER_FREQUENCY, periodFrequency, isNumberedIndex,
} from './time-index';
export type { DuplicatePolicy } from './time-index';
export { formatTime, describeTimeStyle } from './format-time';
export { decodeCsvBytes, detectEncoding } from './decode';
export type { DecodedText, TextEncoding } from './decode';
