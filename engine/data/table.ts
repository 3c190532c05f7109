// CSV text → typed table: the header, then every row handed cell by cell to the time column's
// reader and the numeric columns' readers. Decisions (delimiter, time column and format, number
// style) come from the first rows; the readers are made once they are taken.
import { checkLooksLikeText, detectDelimiter, detectNewline, RecordReader } from './csv';
import type { CsvSniff, Delimiter, Newline, RecordSink } from './csv';
import * as limits from '../limits';
import { cellTooLong, DataError, fileTooLarge, FindingList, plural, quoteCell, tooManyRows } from './errors';
import { IdColumnReader, namedIdColumns, pickIdCandidates } from './id-columns';
import type { IdColumnData } from './id-columns';
import { NumberColumnReader, decideNumberStyle } from './number-column';
import type { ColumnData, NumberStyleDecision } from './number-column';
import { parseNumber, PLAIN_NUMBERS } from './numbers';
import type { DecimalSeparator, NumberStyle, ThousandsSeparator } from './numbers';
import { chooseTimeColumn } from './time-choice';
import { TimeColumnReader } from './time-column';
import type { TimeColumnData } from './time-column';
import { readsAsTime } from './time-formats';
import type { TimeFormatOption } from './time-formats';
import type { Problem } from './types';

export type { ColumnData } from './number-column';
export type { TimeColumnData } from './time-column';

export interface CsvOptions {
  /** File name for messages (no directories). */
  source?: string;
  delimiter?: Delimiter;
  decimal?: DecimalSeparator;
  thousands?: ThousandsSeparator;
  /** The time column's name; null = none (rows are numbered); omitted = detect. */
  timeColumn?: string | null;
  /** Force how the time column is read (default 'auto'). */
  timeFormat?: TimeFormatOption;
  /** Data rows kept as text for the preview table (default 20, at most SAMPLE_ROWS). */
  previewRows?: number;
  /** Expected length of the whole text (characters, or bytes of the file): sizes the column buffers at once. */
  sizeHint?: number;
  /** Lines of text to see before choosing delimiter and newline (default 100, or 64 KB, whichever comes first). */
  sniffLines?: number;
  /**
   * The columns whose values name a series (long format: store, product): omitted = detect;
   * null or [] = the file is one series.
   */
  idColumns?: string[] | null;
}

// The limits read once into this module: per-cell checks must not go through an import binding,
// which some module loaders (tsx, vitest) turn into a getter call.
const MAX_CELL_CHARS = limits.MAX_CELL_CHARS;
const MAX_FILE_BYTES = limits.MAX_FILE_BYTES;
const MAX_ROWS = limits.MAX_ROWS;

/** Rows read before deciding the time column and number style. */
export const SAMPLE_ROWS = 1000;
/** Cells of the sample kept as text at most: a wide file decides on fewer rows (10,000 columns: 20). */
const SAMPLE_CELLS = 200_000;
/** Text read before sniffing delimiter and newline. */
const SNIFF_CHARS = 65536;

export interface CsvTable {
  source: string;
  header: string[];
  rows: number;
  /** File line of each data row (header = 1). */
  lines: Int32Array;
  time: TimeColumnData | null;
  /** Every column but the time column, numeric or not (see ColumnData.numbers / invalid). */
  columns: ColumnData[];
  preview: { header: string[]; rows: string[][] };
  sniff: CsvSniff;
  numberStyle: NumberStyle;
  numberStyleAmbiguous: boolean;
  numberStyleEvidence: string;
  /** A time-like column whose cells no time format reads (when none was chosen). */
  unreadableTimeColumn?: { name: string; example: string };
  /** Columns that may name series, kept as codes (the user's id columns, when named). */
  idCandidates: IdColumnData[];
  problems: Problem[];
}

function sliceFields(src: string, starts: Int32Array, ends: Int32Array, count: number): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = src.slice(starts[i], ends[i]);
  return out;
}

/** A header cell that is data: a number (either decimal mark) or a time in any format with separators. */
function looksLikeData(cell: string): boolean {
  const c = cell.trim();
  if (c === '') return false;
  return !Number.isNaN(parseNumber(c, 0, c.length, PLAIN_NUMBERS))
    || !Number.isNaN(parseNumber(c, 0, c.length, { decimal: ',', thousands: '' }))
    || readsAsTime(c);
}

/**
 * Streaming CSV reader: `push` chunks of text (any size, any boundaries), then `finish`.
 * Memory: a Float64Array per column and an Int32Array of line numbers, grown geometrically.
 */
export class CsvParser implements RecordSink {
  private readonly options: CsvOptions;
  private readonly source: string;
  /** Text before the delimiter is chosen, and what is known of it (see scanHead). */
  private head = '';
  private headFrom = -1;
  private headLines = 0;
  private headScanned = 0;
  private sniffEnd = -1;
  private reader: RecordReader | null = null;
  private header: string[] | null = null;
  private sample: { fields: string[]; line: number }[] = [];
  private sampleCells = 0;
  private decided = false;
  private readonly problems: Problem[] = [];

  // Decisions and the readers they made.
  private numberStyle: NumberStyleDecision | null = null;
  private time: TimeColumnReader | null = null;
  private unreadableTime: { name: string; example: string } | undefined;
  /** By header position: the column's reader, or null for the time column and its companions. */
  private columns: (NumberColumnReader | null)[] = [];
  /** By header position: a reader of the column as series ids, for the candidates. */
  private ids: (IdColumnReader | null)[] = [];

  // Rows.
  private n = 0;
  private capacity = 0;
  private lines = new Int32Array(0);
  private readonly extraFields = new FindingList();
  /** Characters pushed so far, against MAX_FILE_BYTES. */
  private pushed = 0;

  constructor(options: CsvOptions = {}) {
    this.options = options;
    this.source = options.source ?? 'The file';
    if (options.sizeHint !== undefined && options.sizeHint > MAX_FILE_BYTES) throw fileTooLarge(this.source, options.sizeHint);
  }

  /** Data rows read so far. */
  get rowsRead(): number {
    return this.decided ? this.n : this.sample.length;
  }

  /** Characters of input handed to the parser and processed so far. */
  get charsRead(): number {
    return this.reader === null ? 0 : this.reader.consumed;
  }

  push(text: string): void {
    this.pushed += text.length;
    if (this.pushed > MAX_FILE_BYTES) throw fileTooLarge(this.source, null);
    if (this.reader === null) {
      this.head += text;
      this.scanHead();
      if (this.sniffEnd >= 0) this.start(false);
      return;
    }
    this.reader.push(text);
  }

  finish(): CsvTable {
    if (this.reader === null) this.start(true);
    if (this.reader === null) throw new Error('unreachable');
    this.problems.push(...this.reader.end());
    if (this.header === null) {
      throw new DataError('empty-file', `${this.source} is empty. Choose a CSV file with a header line and rows of data.`);
    }
    if (!this.decided && this.sample.length === 0) {
      throw new DataError('no-data-rows', `${this.source} has a header line (${this.header.join(', ')}) but no data rows below it.`);
    }
    if (!this.decided) this.decide();
    return this.table();
  }

  /**
   * Finds the sniffing window in the head as text arrives: from the first non-blank character,
   * `sniffLines` lines or SNIFF_CHARS characters, whichever ends first. The decisions look at
   * that window only, so they do not depend on how the text was cut into chunks.
   */
  private scanHead(): void {
    const head = this.head;
    const lines = this.options.sniffLines ?? 100;
    let i = this.headScanned;
    if (this.headFrom < 0) {
      while (i < head.length && /\s/.test(head[i])) i++;
      if (i === head.length) {
        this.headScanned = i;
        return;
      }
      this.headFrom = i;
    }
    const end = Math.min(head.length, this.headFrom + SNIFF_CHARS);
    for (; i < end; i++) {
      if (head.charCodeAt(i) === 10 && ++this.headLines >= lines) {
        this.sniffEnd = i + 1;
        return;
      }
    }
    this.headScanned = i;
    if (end === this.headFrom + SNIFF_CHARS) this.sniffEnd = end;
  }

  private start(final: boolean): void {
    let text = this.head;
    this.head = '';
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    if (text.trim().length === 0 && final) {
      this.reader = new RecordReader({ delimiter: ',', newline: '\n', bom, sepLine: false }, this, this.source);
      return;
    }
    let window = this.sniffEnd >= 0 ? text.slice(0, this.sniffEnd - (bom ? 1 : 0)) : text.slice(0, SNIFF_CHARS);
    checkLooksLikeText(window, this.source);
    const newline: Newline = detectNewline(window);
    let sepLine = false;
    let delimiter: Delimiter | undefined = this.options.delimiter;
    const sep = /^sep=(.)(\r\n|\r|\n)/i.exec(text);
    if (sep && [',', ';', '\t', '|'].includes(sep[1])) {
      delimiter ??= sep[1] as Delimiter;
      sepLine = true;
      text = text.slice(sep[0].length);
      window = window.slice(sep[0].length);
    }
    // A window cut from the head (not the whole of a short file) may end inside a record.
    delimiter ??= detectDelimiter(window, newline, this.sniffEnd >= 0).delimiter;
    this.reader = new RecordReader({ delimiter, newline, bom, sepLine }, this, this.source);
    if (sepLine) this.reader.skipLines(1);
    this.reader.push(text);
  }

  ranges(src: string, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    if (!this.decided) {
      this.fields(sliceFields(src, starts, ends, count), line);
      return;
    }
    const row = this.store(line);
    const columns = this.columns;
    const ncols = columns.length;
    const m = count < ncols ? count : ncols;
    const ids = this.ids;
    for (let j = 0; j < m; j++) {
      const a = starts[j], b = ends[j];
      if (b - a > MAX_CELL_CHARS) this.refuseCell(j, b - a, line);
      const column = columns[j];
      if (column !== null) column.read(src, a, b, row, line);
      else this.time!.read(j, src, a, b, row, line);
      const id = ids[j];
      if (id !== null) id.read(src, a, b, row);
    }
    for (let j = m; j < ncols; j++) this.readCell(j, '', row, line);
    if (count > ncols) this.extra(line, sliceFields(src, starts, ends, count));
  }

  fields(fields: string[], line: number): void {
    for (let j = 0; j < fields.length; j++) if (fields[j].length > MAX_CELL_CHARS) this.refuseCell(j, fields[j].length, line);
    if (this.header === null) {
      this.setHeader(fields, line);
      return;
    }
    if (!this.decided) {
      this.sample.push({ fields, line });
      this.sampleCells += fields.length;
      if (this.sample.length >= SAMPLE_ROWS || this.sampleCells >= SAMPLE_CELLS) this.decide();
      return;
    }
    const row = this.store(line);
    const ncols = this.columns.length;
    for (let j = 0; j < ncols; j++) this.readCell(j, j < fields.length ? fields[j] : '', row, line);
    if (fields.length > ncols) this.extra(line, fields);
  }

  private refuseCell(j: number, length: number, line: number): never {
    throw cellTooLong(this.source, line, this.header?.[j] ?? `column ${j + 1}`, length);
  }

  private readCell(j: number, cell: string, row: number, line: number): void {
    const column = this.columns[j];
    if (column !== null) column.read(cell, 0, cell.length, row, line);
    else this.time!.read(j, cell, 0, cell.length, row, line);
    this.ids[j]?.read(cell, 0, cell.length, row);
  }

  private setHeader(fields: string[], line: number): void {
    const cells = fields.map((f) => f.trim());
    const nonEmpty = cells.filter((c) => c !== '');
    if (nonEmpty.length > 0 && nonEmpty.every(looksLikeData)) {
      const shown = cells.join(this.reader?.sniff.delimiter ?? ',');
      throw new DataError('no-header', `${this.source} has no header line: line ${line} (${quoteCell(shown)}) holds data, ` +
        'not column names. Add a first line naming the columns, e.g. "date,value".', { row: line });
    }
    const seen = new Map<string, number>();
    this.header = cells.map((c, j) => {
      let name = c === '' ? `column ${j + 1}` : c;
      const k = seen.get(name.toLowerCase()) ?? 0;
      seen.set(name.toLowerCase(), k + 1);
      if (k > 0) {
        const renamed = `${name} (${k + 1})`;
        this.problems.push({ severity: 'warning', code: 'duplicate-column', row: line, column: renamed,
          message: `Column ${j + 1} repeats the name "${name}"; it was named "${renamed}".` });
        name = renamed;
      }
      return name;
    });
  }

  /** Picks the time column and the number style from the sample, makes the readers, then reads the sample. */
  private decide(): void {
    const header = this.header ?? [];
    const sample = this.sample;
    const cellsOf = (j: number): string[] => sample.map((r) => (j < r.fields.length ? r.fields[j] : ''));
    const choice = chooseTimeColumn(header, cellsOf, (k) => sample[k].line,
      { timeColumn: this.options.timeColumn, timeFormat: this.options.timeFormat, source: this.source });
    this.unreadableTime = choice.unreadable;
    this.capacity = Math.max(1024, sample.length * 2, this.estimateRows());
    this.lines = new Int32Array(this.capacity);
    const detection = choice.detection;
    if (detection !== null) this.time = new TimeColumnReader(header, { ...choice, detection }, this.capacity);
    const timeIndex = detection !== null ? choice.index : -1;
    const numberCells: string[] = [];
    for (let j = 0; j < header.length; j++) if (j !== timeIndex) numberCells.push(...cellsOf(j));
    const numberStyle = decideNumberStyle(numberCells, this.reader?.sniff.delimiter ?? ',', this.options);
    this.numberStyle = numberStyle;
    if (numberStyle.problem) this.problems.push(numberStyle.problem);
    this.columns = header.map((name, j) => (this.time?.owns(j)
      ? null : new NumberColumnReader(name, j, this.capacity, numberStyle.style, numberStyle.watch)));
    // Series ids are told by rows sharing a time: without a time column, only the user's.
    const wanted = this.options.idColumns;
    const candidates = wanted === null || wanted?.length === 0 ? []
      : wanted !== undefined ? namedIdColumns(header, wanted, this.source)
        : detection !== null ? pickIdCandidates(header, cellsOf, (j) => this.time?.owns(j) ?? false) : [];
    this.ids = header.map(() => null);
    for (const c of candidates) this.ids[c.index] = new IdColumnReader(header[c.index], c, this.capacity);
    this.decided = true;
    for (const row of sample) this.fields(row.fields, row.line);
  }

  /** Rows the whole text will hold, from sizeHint and the sample's mean line length (+5%). */
  private estimateRows(): number {
    const hint = this.options.sizeHint;
    if (!hint || this.sample.length === 0) return 0;
    let chars = 0;
    for (const row of this.sample) {
      for (const f of row.fields) chars += f.length + 1;
    }
    return Math.min(Math.ceil((hint / (chars / this.sample.length)) * 1.05) + 16, MAX_ROWS);
  }

  /** Makes room for one more row on `line`; returns its index. */
  private store(line: number): number {
    if (this.n === this.capacity) {
      if (this.n >= MAX_ROWS) throw tooManyRows(this.source, line);
      this.grow();
    }
    this.lines[this.n] = line;
    return this.n++;
  }

  private grow(): void {
    const cap = Math.min(this.capacity * 2, MAX_ROWS);
    const lines = new Int32Array(cap);
    lines.set(this.lines);
    this.lines = lines;
    for (const column of this.columns) column?.grow(cap);
    for (const id of this.ids) id?.grow(cap);
    this.time?.grow(cap);
    this.capacity = cap;
  }

  private extra(line: number, fields: string[]): void {
    const ncols = this.columns.length;
    for (let j = ncols; j < fields.length; j++) {
      if (fields[j].trim() !== '') {
        this.extraFields.add(() => ({ severity: 'warning', code: 'extra-fields', row: line,
          message: `Line ${line} has ${fields.length} fields but the header names ${ncols}; the extra ones were ignored.` }));
        return;
      }
    }
  }

  private table(): CsvTable {
    const header = this.header ?? [];
    const n = this.n;
    // Views when the spare capacity is small (sizeHint was right): copying 8 MB per column costs
    // time and GC. Otherwise copies, so that a structured clone does not carry the spare buffer.
    const compact = this.capacity > n * 1.1 + 1024;
    const cut = (a: Float64Array): Float64Array => (a.length === n ? a : compact ? a.slice(0, n) : a.subarray(0, n));
    const columns: ColumnData[] = [];
    for (const column of this.columns) if (column !== null) columns.push(column.finish(cut));
    const time: TimeColumnData | null = this.time?.finish(n, cut) ?? null;
    const cutCodes = (a: Int32Array): Int32Array => (a.length === n ? a : a.slice(0, n));
    const idCandidates: IdColumnData[] = [];
    for (const id of this.ids) if (id !== null) idCandidates.push(id.finish(cutCodes));
    const problems = this.problems.slice();
    const numberStyle = this.numberStyle!;
    const other = numberStyle.watch.first;
    if (other && this.options.decimal === undefined) {
      const otherDecimal = numberStyle.watch.other.decimal;
      problems.push({ severity: 'warning', code: 'number-style-mismatch', row: other.line, column: other.column,
        count: numberStyle.watch.cells,
        message: `Line ${other.line}, column "${other.column}" has ${quoteCell(other.text)}, a number only with "${otherDecimal}" ` +
          `as decimal mark, but the first rows made Tidecast read "${numberStyle.style.decimal}" (${plural(numberStyle.watch.cells, 'cell')} affected). ` +
          `Choose "${otherDecimal}" as decimal separator to read them.` });
    }
    problems.push(...this.extraFields.problems((more) => ({ severity: 'warning', code: 'extra-fields', count: more,
      message: `…and ${plural(more, 'more line')} with more fields than the header; the extra ones were ignored.` })));
    const previewCount = Math.min(this.options.previewRows ?? 20, SAMPLE_ROWS);
    const table: CsvTable = {
      source: this.source,
      header,
      rows: n,
      lines: this.lines.length === n ? this.lines : compact ? this.lines.slice(0, n) : this.lines.subarray(0, n),
      time,
      columns,
      preview: { header, rows: this.sample.slice(0, previewCount).map((r) => r.fields) },
      sniff: this.reader!.sniff,
      numberStyle: numberStyle.style,
      numberStyleAmbiguous: numberStyle.ambiguous,
      numberStyleEvidence: numberStyle.evidence,
      idCandidates,
      problems,
    };
    if (this.unreadableTime) table.unreadableTimeColumn = this.unreadableTime;
    return table;
  }
}

/** One-shot: the whole text at once. */
export function parseCsvText(text: string, options: CsvOptions = {}): CsvTable {
  const parser = new CsvParser(options);
  parser.push(text);
  return parser.finish();
}
