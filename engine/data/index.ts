// engine/data: CSV text → a regular, typed Dataset with every problem found (see DESIGN.md).
// Pure TypeScript: runs in Node (CLI, workers) and in the renderer's import web worker.
export type { Dataset, Frequency, FrequencyUnit, NumericColumn, Problem, TimeStyle, DayMonthStyle } from './types';
export { DataError, ROWS_LISTED } from './errors';
export type { DataErrorCode } from './errors';
export { readDataset, DatasetReader, datasetFromTable } from './read';
export type { ReadOptions, ReadResult, DetectedFormat, DateOrder } from './read';
export { parseCsvText, CsvParser, SAMPLE_ROWS } from './table';
export type { CsvOptions, CsvTable } from './table';
export type { Delimiter, Newline } from './csv';
export type { NumberStyle, DecimalSeparator, ThousandsSeparator } from './numbers';
export { parseNumber, detectNumberStyle } from './numbers';
export type { TimeFormatOption } from './time-parse';
export { isTimeLikeName } from './time-parse';
export {
  nextTimes, advanceTime, stepsBetween, defaultSeason, inferFrequency, buildTimeIndex, frequencyLabel,
  ROW_NUMBER_FREQUENCY,
} from './time-index';
export type { DuplicatePolicy } from './time-index';
export { formatTime, describeTimeStyle } from './format-time';
export { fillTarget, checkEnoughData, MIN_LEARNING_POINTS } from './missing';
export type { FilledTarget } from './missing';
export { decodeCsvBytes, detectEncoding } from './decode';
export type { DecodedText, TextEncoding } from './decode';
