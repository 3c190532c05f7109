// Reading the time column cell by cell into epoch ms, with its companions: a separate
// time-of-day column (Date + Time) and a month or quarter column completing a year column.
// Keeps what deciding the date order needs (both day/month readings) and, for cells with
// changing UTC offsets, the local wall clock.
import { civilFromDays, dayOf, daysFromCivil, MS_PER_DAY, MS_PER_MINUTE } from './calendar';
import { FindingList, quoteCell } from './errors';
import { parseMonthCell, parseQuarterCell } from './time-choice';
import type { TimeColumnChoice } from './time-choice';
import { specOf } from './time-formats';
import type { TimeCellReader, TimeDetection, TwoReadingCellReader, ZonedCellReader } from './time-formats';
import { ClockReader } from './time-formats/clock';
import type { ClockFacts } from './time-formats/clock';

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

/** The time column and its companions, row by row (`row` is the data row, `line` its file line). */
export class TimeColumnReader {
  readonly index: number;
  readonly clockIndex: number;
  readonly periodIndex: number;
  private readonly header: readonly string[];
  private readonly detection: TimeDetection;
  private readonly clockFacts: ClockFacts;
  private readonly periodKind: 'month' | 'quarter';
  private readonly cells: TimeCellReader;
  private readonly twoReadings: TwoReadingCellReader | null;
  private readonly zoned: ZonedCellReader | null;
  private readonly clockCells = new ClockReader();
  private values: Float64Array;
  private second: Float64Array | null;
  private wallClock: Float64Array | null;
  private clock: Float64Array | null;
  private period: Float64Array | null;
  private readonly empty = new FindingList();
  private readonly unreadable = new FindingList();

  constructor(header: readonly string[], choice: TimeColumnChoice & { detection: TimeDetection }, capacity: number) {
    this.header = header;
    this.index = choice.index;
    this.detection = choice.detection;
    this.clockIndex = choice.clockIndex;
    this.clockFacts = choice.clockFacts;
    this.periodIndex = choice.periodIndex;
    this.periodKind = choice.periodKind;
    const spec = specOf(choice.detection);
    this.cells = spec.reader(choice.detection);
    this.twoReadings = spec.twoReadings ? this.cells as TwoReadingCellReader : null;
    this.zoned = spec.zoned?.(choice.detection) ? this.cells as ZonedCellReader : null;
    this.values = new Float64Array(capacity);
    this.second = this.twoReadings !== null ? new Float64Array(capacity) : null;
    this.wallClock = this.zoned !== null ? new Float64Array(capacity) : null;
    this.clock = this.clockIndex >= 0 ? new Float64Array(capacity) : null;
    this.period = this.periodIndex >= 0 ? new Float64Array(capacity) : null;
  }

  /** Whether column `j` is read here (the time column or one of its companions). */
  owns(j: number): boolean {
    return j === this.index || j === this.clockIndex || j === this.periodIndex;
  }

  read(j: number, s: string, a: number, b: number, row: number, line: number): void {
    if (j === this.index) this.readTime(s, a, b, row, line);
    else if (j === this.periodIndex) this.readPeriod(s, a, b, row, line);
    else this.readClock(s, a, b, row, line);
  }

  private readTime(s: string, a: number, b: number, row: number, line: number): void {
    const t = this.cells.read(s, a, b, line);
    this.values[row] = t;
    if (this.second !== null) {
      const m = this.twoReadings!.second;
      this.second[row] = m;
      if (t !== t && m !== m) this.unreadableTime(s, a, b, line);
      return;
    }
    if (this.wallClock !== null) this.wallClock[row] = t + this.zoned!.offsetMinutes * MS_PER_MINUTE;
    if (t !== t) this.unreadableTime(s, a, b, line);
  }

  private readPeriod(s: string, a: number, b: number, row: number, line: number): void {
    const text = s.slice(a, b);
    const m = this.periodKind === 'month' ? parseMonthCell(text) : parseQuarterCell(text);
    this.period![row] = m;
    if (m !== m) {
      const name = this.header[this.periodIndex];
      this.unreadable.add(() => ({ severity: 'warning', code: 'unparsable-time', row: line, column: name,
        message: `Line ${line}, column "${name}": ${quoteCell(text.trim())} is not a ${this.periodKind}; the row was left out.` }));
    }
  }

  private readClock(s: string, a: number, b: number, row: number, line: number): void {
    const c = this.clockCells.read(s, a, b);
    this.clock![row] = c;
    if (c === c) return;
    const text = s.slice(a, b).trim();
    const name = this.header[this.clockIndex];
    this.unreadable.add(() => ({ severity: 'warning', code: 'unparsable-time', row: line, column: name,
      message: text === '' ? `Line ${line} has no time of day in column "${name}"; the row was left out.`
        : `Line ${line}, column "${name}": ${quoteCell(text)} is not a time of day; the row was left out.` }));
  }

  private unreadableTime(s: string, a: number, b: number, line: number): void {
    const text = s.slice(a, b).trim();
    const name = this.header[this.index];
    if (text === '') {
      this.empty.add(() => ({ severity: 'warning', code: 'missing-time', row: line, column: name,
        message: `Line ${line} has no time in column "${name}"; the row was left out.` }));
    } else {
      this.unreadable.add(() => ({ severity: 'warning', code: 'unparsable-time', row: line, column: name,
        message: `Line ${line}, column "${name}": ${quoteCell(text)} is not a time in the column's format; the row was left out.` }));
    }
  }

  grow(capacity: number): void {
    const grown = (a: Float64Array): Float64Array => {
      const g = new Float64Array(capacity);
      g.set(a);
      return g;
    };
    this.values = grown(this.values);
    if (this.second !== null) this.second = grown(this.second);
    if (this.wallClock !== null) this.wallClock = grown(this.wallClock);
    if (this.clock !== null) this.clock = grown(this.clock);
    if (this.period !== null) this.period = grown(this.period);
  }

  /** The `n` rows read, companions joined in; `cut` trims a growth buffer to the rows read. */
  finish(n: number, cut: (a: Float64Array) => Float64Array): TimeColumnData {
    const two = this.twoReadings;
    const time: TimeColumnData = {
      name: this.header[this.index], index: this.index, detection: this.detection, values: cut(this.values),
      invalidDayFirst: two?.invalidFirst ?? 0, invalidMonthFirst: two?.invalidSecond ?? 0,
      empty: this.empty, unreadable: this.unreadable,
    };
    if (this.second !== null) time.monthFirst = cut(this.second);
    if (this.wallClock !== null) time.wallClock = cut(this.wallClock);
    if (this.clock !== null) {
      // Date + Time columns: the time of day joins every reading of the date.
      const clock = this.clock;
      for (const v of [time.values, time.monthFirst, time.wallClock]) {
        if (v !== undefined) for (let i = 0; i < n; i++) v[i] += clock[i];
      }
      time.clockColumn = { name: this.header[this.clockIndex], index: this.clockIndex, facts: this.clockFacts };
    }
    if (this.period !== null) {
      // Year + Month/Quarter columns: the first day of that month in that year.
      const period = this.period, years = time.values, civil = new Int32Array(3);
      for (let i = 0; i < n; i++) {
        civilFromDays(dayOf(years[i]), civil);
        years[i] = daysFromCivil(civil[0], period[i], 1) * MS_PER_DAY;
      }
      time.periodColumn = { name: this.header[this.periodIndex], index: this.periodIndex, kind: this.periodKind };
    }
    if (two?.firstInvalidFirst) time.firstInvalidDayFirst = two.firstInvalidFirst;
    if (two?.firstInvalidSecond) time.firstInvalidMonthFirst = two.firstInvalidSecond;
    return time;
  }
}
