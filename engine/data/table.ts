// CSV text → typed table: header, a time column read as epoch ms, every other column read as
// numbers into growing Float64Arrays, with per-column counts of empty and unreadable cells.
// Decisions (delimiter, time column and format, number style) come from the first rows.
import { civilFromDays, dayOf, daysFromCivil, MS_PER_DAY, MS_PER_MINUTE } from './calendar';
import { parseMonthName, parseQuarter } from './named-dates';
import { checkLooksLikeText, detectDelimiter, detectNewline, RecordReader } from './csv';
import type { CsvSniff, Delimiter, Newline, RecordSink } from './csv';
import { DataError, FindingList, plural, quoteCell } from './errors';
import { chooseTimeColumn, parseMonthCell, parseQuarterCell } from './time-column';
import { CellKind, classifyNonNumber, describeNumberStyle, detectNumberStyle, parseNumber, PLAIN_NUMBERS } from './numbers';
import type { DecimalSeparator, NumberStyle, ThousandsSeparator } from './numbers';
import {
  dayMonthToTime, lastIsoOffset, parseClockCell, parseExcelSerial, parseIso, parseUnix, parseYear, parseYearMonth, splitDayMonth,
} from './time-parse';
import type { ClockFacts, TimeDetection, TimeFormatOption } from './time-parse';
import type { Problem } from './types';

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
}

/** Rows read before deciding the time column and number style. */
export const SAMPLE_ROWS = 1000;
/** Text read before sniffing delimiter and newline. */
const SNIFF_CHARS = 65536;

export interface ColumnData {
  name: string;
  /** Position in the header. */
  index: number;
  values: Float64Array;
  numbers: number;
  empty: number;
  missingTokens: number;
  invalid: number;
  invalidCells: FindingList;
  missingCells: FindingList;
}

export interface TimeColumnData {
  name: string;
  index: number;
  detection: TimeDetection;
  /** Epoch ms per row, NaN where the cell is empty or unreadable. For day/month: the day-first reading. */
  values: Float64Array;
  /** Day/month dates only: the month-first reading. */
  monthFirst?: Float64Array;
  /** ISO times with UTC offsets only: the local wall-clock time (instant + offset), read as UTC. */
  wallClock?: Float64Array;
  /** A separate time-of-day column (Date + Time), already added into the times above. */
  clockColumn?: { name: string; index: number; facts: ClockFacts };
  /** A "Month" or "Quarter" column completing a "Year" column, already joined into the times above. */
  periodColumn?: { name: string; index: number; kind: 'month' | 'quarter' };
  /** Day/month dates: cells invalid as day-first / as month-first, and the first of each. */
  invalidDayFirst: number;
  invalidMonthFirst: number;
  firstInvalidDayFirst?: { line: number; text: string };
  firstInvalidMonthFirst?: { line: number; text: string };
  /** Cells that are empty, and non-empty cells no reading accepts. */
  empty: FindingList;
  unreadable: FindingList;
}

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
  problems: Problem[];
}

const enum TimeKind { Iso, YearMonth, Year, DayMonth, MonthName, Quarter, ExcelSerial, UnixSeconds, UnixMillis }

function sliceFields(src: string, starts: Int32Array, ends: Int32Array, count: number): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = src.slice(starts[i], ends[i]);
  return out;
}

function looksLikeData(cell: string): boolean {
  const c = cell.trim();
  if (c === '') return false;
  return !Number.isNaN(parseNumber(c, 0, c.length, PLAIN_NUMBERS))
    || !Number.isNaN(parseNumber(c, 0, c.length, { decimal: ',', thousands: '' }))
    || !Number.isNaN(parseIso(c, 0, c.length)) || !Number.isNaN(parseYearMonth(c, 0, c.length))
    || !Number.isNaN(parseMonthName(c)) || !Number.isNaN(parseQuarter(c))
    || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(c);
}

/**
 * Streaming CSV reader: `push` chunks of text (any size, any boundaries), then `finish`.
 * Memory: a Float64Array per column and an Int32Array of line numbers, grown geometrically.
 */
export class CsvParser implements RecordSink {
  private readonly options: CsvOptions;
  private readonly source: string;
  private head = '';
  private headLines = 0;
  private reader: RecordReader | null = null;
  private header: string[] | null = null;
  private sample: { fields: string[]; line: number }[] = [];
  private decided = false;
  private readonly problems: Problem[] = [];

  // Decisions.
  private style: NumberStyle = PLAIN_NUMBERS;
  private styleAmbiguous = false;
  private styleEvidence = '';
  /** The other decimal mark, to notice cells written in it after the style was chosen. */
  private otherStyle: NumberStyle = { decimal: ',', thousands: '' };
  private otherStyleCells = 0;
  private firstOtherStyleCell: { line: number; text: string; column: string } | undefined;
  private timeIndex = -1;
  private timeKind: TimeKind = TimeKind.Iso;
  private timeSepCode = 47;
  private detection: TimeDetection | null = null;
  private unreadableTime: { name: string; example: string } | undefined;

  // Storage.
  private n = 0;
  private capacity = 0;
  private lines = new Int32Array(0);
  private values: Float64Array[] = [];
  private monthFirst: Float64Array | null = null;
  private wallClock: Float64Array | null = null;
  private clockIndex = -1;
  private clock: Float64Array | null = null;
  private clockFacts: ClockFacts = { seconds: false, twelveHour: false };
  private periodIndex = -1;
  private periodKind: 'month' | 'quarter' = 'month';
  private period: Float64Array | null = null;
  private readonly parts = new Float64Array(4);
  private numbers: Int32Array = new Int32Array(0);
  private empties: Int32Array = new Int32Array(0);
  private missingTokens: Int32Array = new Int32Array(0);
  private invalids: Int32Array = new Int32Array(0);
  private invalidCells: FindingList[] = [];
  private missingCells: FindingList[] = [];
  private invalidDayFirst = 0;
  private invalidMonthFirst = 0;
  private firstInvalidDayFirst: { line: number; text: string } | undefined;
  private firstInvalidMonthFirst: { line: number; text: string } | undefined;
  private timeEmpty = new FindingList();
  private timeUnreadable = new FindingList();
  private extraFields = new FindingList();

  constructor(options: CsvOptions = {}) {
    this.options = options;
    this.source = options.source ?? 'The file';
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
    if (this.reader === null) {
      this.head += text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.headLines++;
      // Sniff once enough text is in, but not on leading blank lines only.
      if ((this.head.length >= SNIFF_CHARS || this.headLines >= (this.options.sniffLines ?? 100)) && /\S/.test(this.head)) {
        this.start(false);
      }
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

  private start(final: boolean): void {
    let text = this.head;
    this.head = '';
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    if (text.trim().length === 0 && final) {
      this.reader = new RecordReader({ delimiter: ',', newline: '\n', bom, sepLine: false }, this, this.source);
      return;
    }
    checkLooksLikeText(text, this.source);
    const newline: Newline = detectNewline(text);
    let sepLine = false;
    let delimiter: Delimiter | undefined = this.options.delimiter;
    const sep = /^sep=(.)(\r\n|\r|\n)/i.exec(text);
    if (sep && [',', ';', '\t', '|'].includes(sep[1])) {
      delimiter ??= sep[1] as Delimiter;
      sepLine = true;
      text = text.slice(sep[0].length);
    }
    delimiter ??= detectDelimiter(text.slice(0, SNIFF_CHARS), newline).delimiter;
    this.reader = new RecordReader({ delimiter, newline, bom, sepLine }, this, this.source);
    if (sepLine) this.reader.skipLines(1);
    this.reader.push(text);
  }

  ranges(src: string, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
    if (this.decided) {
      this.store(line);
      const ncols = this.values.length;
      const m = count < ncols ? count : ncols;
      for (let j = 0; j < m; j++) this.cell(j, src, starts[j], ends[j], line);
      for (let j = m; j < ncols; j++) this.cell(j, '', 0, 0, line);
      if (count > ncols) this.extra(line, sliceFields(src, starts, ends, count));
      this.n++;
      return;
    }
    this.fields(sliceFields(src, starts, ends, count), line);
  }

  fields(fields: string[], line: number): void {
    if (this.header === null) {
      this.setHeader(fields, line);
      return;
    }
    if (!this.decided) {
      this.sample.push({ fields, line });
      if (this.sample.length >= SAMPLE_ROWS) this.decide();
      return;
    }
    this.store(line);
    const ncols = this.values.length;
    for (let j = 0; j < ncols; j++) {
      const f = j < fields.length ? fields[j] : '';
      this.cell(j, f, 0, f.length, line);
    }
    if (fields.length > ncols) this.extra(line, fields);
    this.n++;
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

  /** Picks the time column and the number style from the sample, then converts the sample. */
  private decide(): void {
    const header = this.header ?? [];
    const sample = this.sample;
    const cellsOf = (j: number): string[] => sample.map((r) => (j < r.fields.length ? r.fields[j] : ''));
    const choice = chooseTimeColumn(header, cellsOf, (k) => sample[k].line,
      { timeColumn: this.options.timeColumn, timeFormat: this.options.timeFormat, source: this.source });
    if (choice.detection !== null) this.setTime(choice.index, choice.detection);
    this.clockIndex = choice.clockIndex;
    this.clockFacts = choice.clockFacts;
    this.unreadableTime = choice.unreadable;
    this.periodIndex = choice.periodIndex;
    this.periodKind = choice.periodKind;
    const numberCells: string[] = [];
    for (let j = 0; j < header.length; j++) if (j !== this.timeIndex) numberCells.push(...cellsOf(j));
    const guess = detectNumberStyle(numberCells, this.reader?.sniff.delimiter ?? ',');
    this.style = {
      decimal: this.options.decimal ?? guess.style.decimal,
      thousands: this.options.thousands ?? (this.options.decimal && this.options.decimal !== guess.style.decimal
        ? (this.options.decimal === ',' ? '.' : ',') : guess.style.thousands),
    };
    this.otherStyle = this.style.decimal === '.' ? { decimal: ',', thousands: this.style.thousands === ',' ? '.' : this.style.thousands === "'" ? '' : this.style.thousands }
      : { decimal: '.', thousands: this.style.thousands === '.' ? ',' : this.style.thousands };
    this.styleAmbiguous = guess.ambiguous && this.options.decimal === undefined;
    this.styleEvidence = guess.evidence;
    if (this.styleAmbiguous) {
      this.problems.push({ severity: 'warning', code: 'ambiguous-number-style',
        message: `The numbers fit more than one style (${guess.evidence}); they were read as ${describeNumberStyle(this.style)}. ` +
          'If that is wrong, choose the decimal separator yourself.' });
    }
    const ncols = header.length;
    this.capacity = Math.max(1024, sample.length * 2, this.estimateRows());
    this.lines = new Int32Array(this.capacity);
    this.values = [];
    for (let j = 0; j < ncols; j++) this.values.push(new Float64Array(this.capacity));
    if (this.detection?.format.kind === 'day-month') this.monthFirst = new Float64Array(this.capacity);
    if (this.detection?.iso?.zoneOffset) this.wallClock = new Float64Array(this.capacity);
    if (this.clockIndex >= 0) this.clock = new Float64Array(this.capacity);
    if (this.periodIndex >= 0) this.period = new Float64Array(this.capacity);
    this.numbers = new Int32Array(ncols);
    this.empties = new Int32Array(ncols);
    this.missingTokens = new Int32Array(ncols);
    this.invalids = new Int32Array(ncols);
    this.invalidCells = header.map(() => new FindingList());
    this.missingCells = header.map(() => new FindingList());
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
    return Math.min(Math.ceil((hint / (chars / this.sample.length)) * 1.05) + 16, 1 << 27);
  }

  private setTime(j: number, detection: TimeDetection): void {
    this.timeIndex = j;
    this.detection = detection;
    const f = detection.format;
    switch (f.kind) {
      case 'iso': this.timeKind = TimeKind.Iso; break;
      case 'year-month': this.timeKind = TimeKind.YearMonth; break;
      case 'year': this.timeKind = TimeKind.Year; break;
      case 'month-name': this.timeKind = TimeKind.MonthName; break;
      case 'year-quarter': this.timeKind = TimeKind.Quarter; break;
      case 'excel-serial': this.timeKind = TimeKind.ExcelSerial; break;
      case 'unix-seconds': this.timeKind = TimeKind.UnixSeconds; break;
      case 'unix-millis': this.timeKind = TimeKind.UnixMillis; break;
      case 'day-month':
        this.timeKind = TimeKind.DayMonth;
        this.timeSepCode = f.separator.charCodeAt(0);
        break;
    }
  }

  private store(line: number): void {
    if (this.n === this.capacity) this.grow();
    this.lines[this.n] = line;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const lines = new Int32Array(cap);
    lines.set(this.lines);
    this.lines = lines;
    for (let j = 0; j < this.values.length; j++) {
      const v = new Float64Array(cap);
      v.set(this.values[j]);
      this.values[j] = v;
    }
    if (this.monthFirst !== null) {
      const m = new Float64Array(cap);
      m.set(this.monthFirst);
      this.monthFirst = m;
    }
    if (this.wallClock !== null) {
      const w = new Float64Array(cap);
      w.set(this.wallClock);
      this.wallClock = w;
    }
    if (this.clock !== null) {
      const c = new Float64Array(cap);
      c.set(this.clock);
      this.clock = c;
    }
    if (this.period !== null) {
      const p = new Float64Array(cap);
      p.set(this.period);
      this.period = p;
    }
    this.capacity = cap;
  }

  private cell(j: number, s: string, a: number, b: number, line: number): void {
    if (j === this.timeIndex) {
      this.values[j][this.n] = this.timeCell(s, a, b, line);
      return;
    }
    if (j === this.periodIndex) {
      const text = s.slice(a, b);
      const m = this.periodKind === 'month' ? parseMonthCell(text) : parseQuarterCell(text);
      this.period![this.n] = m;
      if (m !== m) {
        const name = this.header![j];
        this.timeUnreadable.add(() => ({ severity: 'warning', code: 'unparsable-time', row: line, column: name,
          message: `Line ${line}, column "${name}": ${quoteCell(text.trim())} is not a ${this.periodKind}; the row was left out.` }));
      }
      return;
    }
    if (j === this.clockIndex) {
      const c = parseClockCell(s, a, b);
      this.clock![this.n] = c;
      if (c !== c) this.unreadableClockCell(s, a, b, line);
      return;
    }
    const v = parseNumber(s, a, b, this.style);
    this.values[j][this.n] = v;
    if (v === v) {
      this.numbers[j]++;
      return;
    }
    const kind = classifyNonNumber(s, a, b);
    if (kind === CellKind.Invalid) {
      this.invalids[j]++;
      if (!Number.isNaN(parseNumber(s, a, b, this.otherStyle))) {
        this.otherStyleCells++;
        this.firstOtherStyleCell ??= { line, text: s.slice(a, b).trim(), column: this.header![j] };
      }
      this.invalidCells[j].add(() => ({ severity: 'warning', code: 'unparsable-cell', row: line, column: this.header![j],
        message: `Line ${line}, column "${this.header![j]}": ${quoteCell(s.slice(a, b).trim())} is not a number; it is treated as missing.` }));
    } else {
      if (kind === CellKind.Empty) this.empties[j]++;
      else this.missingTokens[j]++;
      this.missingCells[j].add(() => ({ severity: 'info', code: 'missing-value', row: line, column: this.header![j],
        message: kind === CellKind.Empty
          ? `Line ${line}, column "${this.header![j]}" is empty (a missing value).`
          : `Line ${line}, column "${this.header![j]}" says ${quoteCell(s.slice(a, b).trim())} (a missing value).` }));
    }
  }

  private timeCell(s: string, a: number, b: number, line: number): number {
    let t: number;
    switch (this.timeKind) {
      case TimeKind.Iso:
        t = parseIso(s, a, b);
        if (this.wallClock !== null) this.wallClock[this.n] = t + lastIsoOffset.minutes * MS_PER_MINUTE;
        break;
      case TimeKind.YearMonth: t = parseYearMonth(s, a, b); break;
      case TimeKind.Year: t = parseYear(s, a, b); break;
      case TimeKind.MonthName: t = parseMonthName(s.slice(a, b)); break;
      case TimeKind.Quarter: t = parseQuarter(s.slice(a, b)); break;
      case TimeKind.ExcelSerial: t = parseExcelSerial(s, a, b); break;
      case TimeKind.UnixSeconds: t = parseUnix(s, a, b, false); break;
      case TimeKind.UnixMillis: t = parseUnix(s, a, b, true); break;
      case TimeKind.DayMonth: {
        if (!splitDayMonth(s, a, b, this.timeSepCode, this.parts)) {
          t = NaN;
          this.monthFirst![this.n] = NaN;
          break;
        }
        t = dayMonthToTime(this.parts, true);
        const m = dayMonthToTime(this.parts, false);
        this.monthFirst![this.n] = m;
        if (t !== t) {
          this.invalidDayFirst++;
          this.firstInvalidDayFirst ??= { line, text: s.slice(a, b).trim() };
        }
        if (m !== m) {
          this.invalidMonthFirst++;
          this.firstInvalidMonthFirst ??= { line, text: s.slice(a, b).trim() };
        }
        if (t !== t && m !== m) {
          this.unreadableTimeCell(s, a, b, line);
          return NaN;
        }
        return t;
      }
    }
    if (t !== t) {
      this.unreadableTimeCell(s, a, b, line);
    }
    return t;
  }

  private unreadableTimeCell(s: string, a: number, b: number, line: number): void {
    const text = s.slice(a, b).trim();
    const name = this.header![this.timeIndex];
    if (text === '') {
      this.timeEmpty.add(() => ({ severity: 'warning', code: 'missing-time', row: line, column: name,
        message: `Line ${line} has no time in column "${name}"; the row was left out.` }));
    } else {
      this.timeUnreadable.add(() => ({ severity: 'warning', code: 'unparsable-time', row: line, column: name,
        message: `Line ${line}, column "${name}": ${quoteCell(text)} is not a time in the column's format; the row was left out.` }));
    }
  }

  private unreadableClockCell(s: string, a: number, b: number, line: number): void {
    const text = s.slice(a, b).trim();
    const name = this.header![this.clockIndex];
    this.timeUnreadable.add(() => ({ severity: 'warning', code: 'unparsable-time', row: line, column: name,
      message: text === '' ? `Line ${line} has no time of day in column "${name}"; the row was left out.`
        : `Line ${line}, column "${name}": ${quoteCell(text)} is not a time of day; the row was left out.` }));
  }

  private extra(line: number, fields: string[]): void {
    const ncols = this.values.length;
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
    for (let j = 0; j < header.length; j++) {
      if (j === this.timeIndex || j === this.clockIndex || j === this.periodIndex) continue;
      columns.push({
        name: header[j], index: j, values: cut(this.values[j]), numbers: this.numbers[j], empty: this.empties[j],
        missingTokens: this.missingTokens[j], invalid: this.invalids[j], invalidCells: this.invalidCells[j],
        missingCells: this.missingCells[j],
      });
    }
    let time: TimeColumnData | null = null;
    if (this.timeIndex >= 0 && this.detection !== null) {
      time = {
        name: header[this.timeIndex], index: this.timeIndex, detection: this.detection,
        values: cut(this.values[this.timeIndex]),
        invalidDayFirst: this.invalidDayFirst, invalidMonthFirst: this.invalidMonthFirst,
        empty: this.timeEmpty, unreadable: this.timeUnreadable,
      };
      if (this.monthFirst !== null) time.monthFirst = cut(this.monthFirst);
      if (this.wallClock !== null) time.wallClock = cut(this.wallClock);
      if (this.clock !== null) {
        // Date + Time columns: the time of day joins every reading of the date.
        const clock = this.clock;
        for (const v of [time.values, time.monthFirst, time.wallClock]) {
          if (v !== undefined) for (let i = 0; i < n; i++) v[i] += clock[i];
        }
        time.clockColumn = { name: header[this.clockIndex], index: this.clockIndex, facts: this.clockFacts };
      }
      if (this.period !== null) {
        // Year + Month/Quarter columns: the first day of that month in that year.
        const period = this.period, years = time.values, civil = new Int32Array(3);
        for (let i = 0; i < n; i++) {
          civilFromDays(dayOf(years[i]), civil);
          years[i] = daysFromCivil(civil[0], period[i], 1) * MS_PER_DAY;
        }
        time.periodColumn = { name: header[this.periodIndex], index: this.periodIndex, kind: this.periodKind };
      }
      if (this.firstInvalidDayFirst) time.firstInvalidDayFirst = this.firstInvalidDayFirst;
      if (this.firstInvalidMonthFirst) time.firstInvalidMonthFirst = this.firstInvalidMonthFirst;
    }
    const problems = this.problems.slice();
    const other = this.firstOtherStyleCell;
    if (other && this.options.decimal === undefined) {
      problems.push({ severity: 'warning', code: 'number-style-mismatch', row: other.line, column: other.column,
        count: this.otherStyleCells,
        message: `Line ${other.line}, column "${other.column}" has ${quoteCell(other.text)}, a number only with "${this.otherStyle.decimal}" ` +
          `as decimal mark, but the first rows made Tidecast read "${this.style.decimal}" (${plural(this.otherStyleCells, 'cell')} affected). ` +
          `Choose "${this.otherStyle.decimal}" as decimal separator to read them.` });
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
      numberStyle: this.style,
      numberStyleAmbiguous: this.styleAmbiguous,
      numberStyleEvidence: this.styleEvidence,
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
