// The one-call pipeline used by the CLI and the renderer's import worker: CSV text (whole or in
// chunks) → Dataset (regular time index, numeric columns, problems) + preview + what was detected.
import type { Delimiter, Newline } from './csv';
import { DataError, FindingList, plural, quoteCell } from './errors';
import { describeTimeStyle, formatTime } from './format-time';
import type { DecimalSeparator, ThousandsSeparator } from './numbers';
import { describeNumberStyle } from './numbers';
import type { IdColumnData } from './id-columns';
import { buildSeries, chooseIdColumns } from './series';
import { CsvParser } from './table';
import type { ColumnData, CsvOptions, CsvTable, TimeColumnData } from './table';
import { buildTimeIndex, defaultSeason, inferFrequency, ROW_NUMBER_FREQUENCY } from './time-index';
import type { DuplicatePolicy, IndexedSeries } from './time-index';
import { specOf, styleOf } from './time-formats';
import type { ClockFacts } from './time-formats/clock';
import { wholeSeries } from './types';
import type { Dataset, Frequency, NumericColumn, Problem, SeriesSlice, TimeStyle } from './types';

export type DateOrder = 'day-first' | 'month-first';

export interface ReadOptions extends CsvOptions {
  /** For DD/MM vs MM/DD dates: force the reading instead of deciding from the data. */
  dateOrder?: DateOrder;
  /** Rows sharing a timestamp: merged by mean (default), sum or last value, or refused. */
  duplicates?: DuplicatePolicy;
}

/** What the reader decided, for the import preview ("detected: ; and 1.234,5, DD.MM.YYYY"). */
export interface DetectedFormat {
  delimiter: Delimiter;
  newline: Newline;
  bom: boolean;
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  /** e.g. "1.234,5". */
  numberStyle: string;
  numberStyleAmbiguous: boolean;
  /** null when the rows are numbered instead. */
  timeColumn: string | null;
  /** A separate time-of-day column joined to the date column ("Date" + "Time"). */
  clockColumn?: string;
  /** A "Month" or "Quarter" column joined to a "Year" column. */
  periodColumn?: string;
  timeStyle: TimeStyle;
  /** e.g. "DD/MM/YYYY", "YYYY-MM-DDThh:mm:ss". */
  timeFormat: string;
  dateOrder?: DateOrder;
  /** The data fit both date orders; `dateOrder` is the reading with the regular index. */
  dateOrderAmbiguous?: boolean;
  numericColumns: string[];
  ignoredColumns: string[];
  /** The columns naming the series ([] for one series), and every column that could. */
  idColumns: string[];
  idCandidates: string[];
  /** Data rows in the file (before merging duplicates and filling gaps). */
  rows: number;
  frequency: Frequency;
  season: number;
}

export interface ReadResult {
  dataset: Dataset;
  /** The first rows as written, for the preview table. */
  preview: { header: string[]; rows: string[][] };
  detected: DetectedFormat;
}

/** Whole text at once. Throws DataError when the file cannot be used. */
export function readDataset(text: string, options: ReadOptions = {}): ReadResult {
  const reader = new DatasetReader({ sizeHint: text.length, ...options });
  reader.push(text);
  return reader.finish();
}

/** Chunked reading for big files: push text chunks as they arrive (progress: charsRead), then finish. */
export class DatasetReader {
  private readonly parser: CsvParser;
  private readonly options: ReadOptions;

  constructor(options: ReadOptions = {}) {
    this.options = options;
    this.parser = new CsvParser(options);
  }

  get charsRead(): number {
    return this.parser.charsRead;
  }

  get rowsRead(): number {
    return this.parser.rowsRead;
  }

  push(text: string): void {
    this.parser.push(text);
  }

  finish(): ReadResult {
    return datasetFromTable(this.parser.finish(), this.options);
  }
}

interface ResolvedTime {
  values: Float64Array;
  style: TimeStyle;
  dateOrder?: DateOrder;
  ambiguous?: boolean;
  problems: Problem[];
}

const ORDER_NAME: Record<DateOrder, string> = { 'day-first': 'day/month/year', 'month-first': 'month/day/year' };

/** Lexicographic score of one reading of the dates: [irregular, backward steps, gap steps]. */
function scoreReading(values: Float64Array): number[] {
  const times: number[] = [];
  let back = 0, last = -Infinity;
  for (const t of values) {
    if (t !== t) continue;
    if (t < last) back++;
    last = t;
    times.push(t);
  }
  const sorted = Float64Array.from(new Set(times)).sort();
  if (sorted.length < 2) return [0, back, 0];
  try {
    const { gridLength } = inferFrequency(sorted, new Int32Array(sorted.length), String);
    return [0, back, gridLength - sorted.length];
  } catch {
    return [1, back, 0];
  }
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Day/month dates: decide the order from the data (a field > 12), the option, or regularity. */
function resolveDayMonth(time: TimeColumnData, options: ReadOptions, lines: Int32Array): ResolvedTime {
  const forced: DateOrder | undefined = options.dateOrder
    ?? (options.timeFormat === 'day-first' || options.timeFormat === 'month-first' ? options.timeFormat : undefined);
  const problems: Problem[] = [];
  const dayFirst = time.values;
  const monthFirst = time.monthFirst ?? time.values;
  let order: DateOrder;
  let ambiguous = false;
  if (forced) {
    order = forced;
  } else if (time.invalidDayFirst === 0 && time.invalidMonthFirst > 0) {
    order = 'day-first';
    problems.push(dateOrderNote(time, order, time.firstInvalidMonthFirst!, 0));
  } else if (time.invalidMonthFirst === 0 && time.invalidDayFirst > 0) {
    order = 'month-first';
    problems.push(dateOrderNote(time, order, time.firstInvalidDayFirst!, 1));
  } else if (time.invalidDayFirst === 0 && time.invalidMonthFirst === 0) {
    ambiguous = true;
    const dScore = scoreReading(dayFirst);
    const mScore = scoreReading(monthFirst);
    order = better(mScore, dScore) ? 'month-first' : 'day-first';
    const other: DateOrder = order === 'day-first' ? 'month-first' : 'day-first';
    const chosenScore = order === 'day-first' ? dScore : mScore;
    const otherScore = order === 'day-first' ? mScore : dScore;
    const reason = better(chosenScore, otherScore)
      ? otherScore[0] === 1 ? `the ${ORDER_NAME[other]} reading gives irregular time steps`
        : otherScore[1] > chosenScore[1] ? `the ${ORDER_NAME[other]} reading puts the rows out of order`
          : `the ${ORDER_NAME[other]} reading leaves more gaps`
      : 'both readings are equally regular, and day/month/year is the more common order';
    const firstLine = time.firstInvalidDayFirst?.line;
    const example = firstExample(dayFirst, monthFirst);
    problems.push({ severity: 'warning', code: 'ambiguous-date-order', column: time.name, ...(firstLine ? { row: firstLine } : {}),
      message: `The dates in "${time.name}" fit both day/month/year and month/day/year` +
        (example ? ` (${example})` : '') + `. They were read as ${ORDER_NAME[order]} because ${reason}. ` +
        'If that is wrong, choose the date order yourself.' });
  } else {
    // Both readings reject some cells: keep the one that rejects fewer.
    order = time.invalidDayFirst <= time.invalidMonthFirst ? 'day-first' : 'month-first';
    problems.push({ severity: 'warning', code: 'mixed-date-order', column: time.name,
      message: `Some dates in "${time.name}" only work as day/month/year (${time.invalidMonthFirst} cells) and others only as ` +
        `month/day/year (${time.invalidDayFirst}); they were read as ${ORDER_NAME[order]} and the rest left out.` });
  }
  const values = order === 'day-first' ? dayFirst : monthFirst;
  const otherValues = order === 'day-first' ? monthFirst : dayFirst;
  // Cells valid only in the other reading are rows we must leave out; say where.
  const rejected = new FindingList();
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== values[i] && otherValues[i] === otherValues[i]) {
      const row = lines[i];
      rejected.add(() => ({ severity: 'warning', code: 'unparsable-time', column: time.name, row,
        message: `Line ${row}: the date in column "${time.name}" is not a valid ${ORDER_NAME[order]} date; the row was left out.` }));
    }
  }
  problems.push(...rejected.problems((more) => ({ severity: 'warning', code: 'unparsable-time', column: time.name, count: more,
    message: `…and ${plural(more, 'more date')} not valid as ${ORDER_NAME[order]}; those rows were left out.` })));
  return { values, style: styleOf(time.detection, order === 'day-first'), dateOrder: order, ambiguous, problems };
}

/** "Dates were read as day/month/year: line 14 has 13.03.2024, which cannot be month/day/year." */
function dateOrderNote(time: TimeColumnData, order: DateOrder, evidence: { line: number; text: string },
  monthField: number): Problem {
  const other: DateOrder = order === 'day-first' ? 'month-first' : 'day-first';
  const month = Number(evidence.text.split(/[/.\-\s]/)[monthField]);
  const reason = month > 12 ? `there is no month ${month}` : `it is no valid ${ORDER_NAME[other]} date`;
  return { severity: 'info', code: 'date-order', row: evidence.line, column: time.name,
    message: `Dates were read as ${ORDER_NAME[order]}: line ${evidence.line} has ${quoteCell(evidence.text)}, and ${reason}.` };
}

function firstExample(dayFirst: Float64Array, monthFirst: Float64Array): string {
  for (let i = 0; i < dayFirst.length; i++) {
    if (dayFirst[i] === dayFirst[i] && monthFirst[i] === monthFirst[i] && dayFirst[i] !== monthFirst[i]) {
      const iso = { kind: 'iso-date' } as const;
      return `the ${ordinal(i + 1)} date is ${formatTime(dayFirst[i], iso)} read day-first, ${formatTime(monthFirst[i], iso)} read month-first`;
    }
  }
  return '';
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}

/** Numeric: at least as many cells read as numbers as not (empty and "NA"-like cells do not count). */
function isNumeric(c: ColumnData): boolean {
  return c.numbers > 0 && c.numbers >= c.invalid;
}

/** Turns a typed table into a regular Dataset. */
export function datasetFromTable(table: CsvTable, options: ReadOptions = {}): ReadResult {
  const problems: Problem[] = table.problems.slice();
  const source = table.source;

  // Time.
  let resolved: ResolvedTime | null = null;
  if (table.time !== null) {
    if (specOf(table.time.detection).twoReadings) resolved = resolveDayMonth(table.time, options, table.lines);
    else resolved = { values: table.time.values, style: styleOf(table.time.detection, true), problems: [] };
  }

  const timeSpec = table.time !== null ? specOf(table.time.detection) : null;
  const note = timeSpec?.note?.(table.time!.name);
  if (note) problems.push(note);
  if (resolved !== null && table.time?.periodColumn) {
    resolved.style = table.time.periodColumn.kind === 'month' ? { kind: 'year-month' } : { kind: 'year-quarter', pattern: 'YYYY-Qq' };
  }
  if (resolved !== null && table.time?.clockColumn) resolved.style = withClock(resolved.style, table.time.clockColumn.facts);

  // Series ids: the user's, or those the file's rows sharing a time call for.
  const wantedIds = options.idColumns;
  const idChoice = wantedIds === null || wantedIds?.length === 0 ? { chosen: [], candidates: [] }
    : wantedIds !== undefined ? { chosen: table.idCandidates, candidates: table.idCandidates.map((c) => c.name) }
      : resolved !== null ? chooseIdColumns(resolved.values, table.idCandidates) : { chosen: [], candidates: [] };
  const idIndexes = new Set(idChoice.chosen.map((c) => c.index));

  // Columns.
  const numeric = table.columns.filter((c) => isNumeric(c) && !idIndexes.has(c.index));
  const ignored = table.columns.filter((c) => !isNumeric(c) && !idIndexes.has(c.index));
  for (const c of ignored) {
    const allEmpty = c.numbers === 0 && c.invalid === 0;
    if (allEmpty && /^column \d+$/.test(c.name)) continue; // trailing delimiter: nameless, empty column
    problems.push({ severity: 'info', code: allEmpty ? 'empty-column' : 'text-column', column: c.name,
      message: allEmpty ? `Column "${c.name}" is empty; it was ignored.`
        : `Column "${c.name}" holds text, not numbers (e.g. ${quoteCell(firstText(c, table))}); it was ignored.` });
  }
  if (numeric.length === 0) {
    const delim = table.sniff.delimiter === '\t' ? 'tab' : `"${table.sniff.delimiter}"`;
    throw new DataError('no-numeric-column', `${source} has no column of numbers to forecast (columns: ${table.header.join(', ')}). ` +
      `Check that the file uses ${delim} between columns and that the values are numbers.`);
  }
  if (table.time === null && table.unreadableTimeColumn) {
    const u = table.unreadableTimeColumn;
    problems.push({ severity: 'warning', code: 'unreadable-time-column', column: u.name,
      message: `Column "${u.name}" looks like a time column, but its values (e.g. ${quoteCell(u.example)}) are in no date format ` +
        'Tidecast reads; the rows were numbered instead. Use dates like 2024-01-31 or 31/01/2024.' });
  }

  // Rows with a usable time.
  const n = table.rows;
  let keep = n;
  if (resolved !== null) {
    keep = 0;
    for (let i = 0; i < n; i++) if (resolved.values[i] === resolved.values[i]) keep++;
    problems.push(...resolved.problems);
    const t = table.time!;
    problems.push(...t.empty.problems((more) => ({ severity: 'warning', code: 'missing-time', column: t.name, count: more,
      message: `…and ${plural(more, 'more row')} without a time; those rows were left out.` })));
    problems.push(...t.unreadable.problems((more) => ({ severity: 'warning', code: 'unparsable-time', column: t.name, count: more,
      message: `…and ${plural(more, 'more unreadable time')}; those rows were left out.` })));
    if (keep === 0) {
      throw new DataError('no-time-values', `No row of ${source} has a readable time in column "${t.name}". ` +
        'Choose another time column, or none to number the rows.', { column: t.name });
    }
  }
  let time: Float64Array, lines: Int32Array, columns: Float64Array[];
  let select: (values: Float64Array) => Float64Array;
  let ids: IdColumnData[] = idChoice.chosen;
  const missing = new Array<number>(numeric.length).fill(0);
  if (keep === n) {
    // Every row kept: use the parsed arrays as they are.
    select = (values) => values;
    time = resolved === null ? Float64Array.from({ length: n }, (_, i) => i + 1) : resolved.values;
    lines = table.lines;
  } else {
    const values = resolved!.values;
    const keepIndex = new Int32Array(keep);
    for (let i = 0, k = 0; i < n; i++) if (values[i] === values[i]) keepIndex[k++] = i;
    select = (v) => Float64Array.from(keepIndex, (i) => v[i]);
    time = select(values);
    lines = Int32Array.from(keepIndex, (i) => table.lines[i]);
    ids = ids.map((c) => ({ ...c, codes: Int32Array.from(keepIndex, (i) => c.codes[i]) }));
  }
  columns = numeric.map((c) => select(c.values));
  for (let c = 0; c < columns.length; c++) missing[c] = countNaN(columns[c]);
  for (const c of numeric) {
    problems.push(...c.invalidCells.problems((more, total) => ({ severity: 'warning', code: 'unparsable-cell', column: c.name, count: more,
      message: `…and ${plural(more, 'more cell')} in column "${c.name}" that ${more === 1 ? 'is' : 'are'} not a number (${total} in all); treated as missing.` })));
    problems.push(...c.missingCells.problems((more, total) => ({ severity: 'info', code: 'missing-value', column: c.name, count: more,
      message: `…and ${plural(more, 'more missing value')} in column "${c.name}" (${total} in all).` })));
  }

  // Index.
  let style: TimeStyle = resolved?.style ?? { kind: 'row-number' };
  const describe = (ms: number): string => formatTime(ms, style);
  let frequency: Frequency;
  let season: number;
  let indexTime: Float64Array;
  let indexColumns: Float64Array[];
  let series: SeriesSlice[];
  if (ids.length > 0) {
    // Many series: each on its own index (rows numbered within each series without a time column).
    const built = buildSeries({ time, lines, columns, names: numeric.map((c) => c.name), ids }, {
      source, duplicates: options.duplicates ?? 'mean', describe, numbered: timeSpec?.numbered ?? resolved === null,
      renumber: resolved === null,
    });
    problems.push(...built.problems);
    frequency = resolved === null ? ROW_NUMBER_FREQUENCY : built.frequency;
    season = defaultSeason(frequency);
    indexTime = built.time;
    indexColumns = built.columns;
    series = built.series;
  } else if (resolved === null) {
    if (keep < 2) throw new DataError('single-row', `${source} has only one data row; a forecast needs a series of many rows.`, { row: lines[0] });
    problems.push({ severity: 'info', code: 'no-time-column',
      message: 'No column holds dates or times, so the rows are numbered 1, 2, 3, … in file order.' });
    frequency = ROW_NUMBER_FREQUENCY;
    season = 1;
    indexTime = time;
    indexColumns = columns;
    series = [wholeSeries(keep, 0, 0, [])];
  } else {
    const names = numeric.map((c) => c.name);
    const indexOptions = { duplicates: options.duplicates ?? 'mean', describe, numbered: timeSpec?.numbered ?? false };
    let index: IndexedSeries;
    try {
      index = buildTimeIndex({ time, lines, columns, names }, indexOptions);
    } catch (e) {
      // Daily (or coarser) data written with changing UTC offsets (daylight saving) is regular
      // on the local wall clock, not in UTC instants: retry on the wall clock.
      const wall = table.time?.wallClock;
      if (!(e instanceof DataError) || (e.code !== 'irregular-time' && e.code !== 'sparse-time') || !wall) throw e;
      const localStyle: TimeStyle = { ...(style as Extract<TimeStyle, { kind: 'iso-datetime' }>), zone: 'none' };
      delete localStyle.offsetMinutes;
      const previous = style;
      style = localStyle;
      try {
        index = buildTimeIndex({ time: select(wall), lines, columns, names }, indexOptions);
      } catch {
        style = previous;
        throw e;
      }
      problems.push({ severity: 'info', code: 'wall-clock-time', column: table.time!.name,
        message: `The times in "${table.time!.name}" carry changing UTC offsets (daylight saving); they were read as local ` +
          'wall-clock times so that the steps stay regular.' });
    }
    problems.push(...index.problems);
    frequency = index.frequency;
    season = index.season;
    indexTime = index.time;
    indexColumns = index.columns;
    series = [wholeSeries(index.time.length, index.inserted, index.merged, index.problems)];
  }

  const numericColumns: NumericColumn[] = numeric.map((c, i) => ({ name: c.name, values: indexColumns[i], missing: missing[i] }));
  const dataset: Dataset = {
    source,
    timeColumn: table.time?.name ?? '',
    timeStyle: style,
    time: indexTime,
    columns: numericColumns,
    frequency,
    season,
    problems,
    idColumns: idChoice.chosen.map((c) => c.name),
    series,
  };
  const detected: DetectedFormat = {
    delimiter: table.sniff.delimiter,
    newline: table.sniff.newline,
    bom: table.sniff.bom,
    decimal: table.numberStyle.decimal,
    thousands: table.numberStyle.thousands,
    numberStyle: describeNumberStyle(table.numberStyle),
    numberStyleAmbiguous: table.numberStyleAmbiguous,
    timeColumn: table.time?.name ?? null,
    timeStyle: style,
    timeFormat: describeTimeStyle(style),
    numericColumns: numeric.map((c) => c.name),
    ignoredColumns: ignored.map((c) => c.name),
    idColumns: idChoice.chosen.map((c) => c.name),
    idCandidates: idChoice.candidates,
    rows: n,
    frequency,
    season,
  };
  if (table.time?.clockColumn) detected.clockColumn = table.time.clockColumn.name;
  if (table.time?.periodColumn) detected.periodColumn = table.time.periodColumn.name;
  if (resolved?.dateOrder) {
    detected.dateOrder = resolved.dateOrder;
    detected.dateOrderAmbiguous = resolved.ambiguous ?? false;
  }
  return { dataset, preview: table.preview, detected };
}

/** The style of a date column joined with a separate time-of-day column. */
function withClock(style: TimeStyle, facts: ClockFacts): TimeStyle {
  if (style.kind === 'day-first' || style.kind === 'month-first') {
    const out = { ...style, clock: facts.seconds ? 'hh:mm:ss' as const : 'hh:mm' as const };
    if (facts.twelveHour) out.twelveHour = true;
    return out;
  }
  if (style.kind === 'iso-date') {
    const out: TimeStyle = { kind: 'iso-datetime', zone: 'none', seconds: facts.seconds, millis: false, separator: ' ' };
    if (style.separator) out.dateSeparator = style.separator;
    return out;
  }
  return style;
}

function countNaN(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) count++;
  return count;
}

function firstText(c: ColumnData, table: CsvTable): string {
  for (const row of table.preview.rows) {
    const v = row[c.index]?.trim();
    if (v) return v;
  }
  return '';
}
