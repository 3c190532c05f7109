// Time-of-day cells of a separate "Time" column next to a date-only "Date" column, as data
// loggers write them: H:MM[:SS[.fff]] with an optional AM/PM.
import { CellScanner, trimEnd, trimStart } from './scan';

/** Facts about a separate time-of-day column, to write it back. */
export interface ClockFacts {
  seconds: boolean;
  twelveHour: boolean;
}

export class ClockReader {
  private readonly scan = new CellScanner();

  /** Ms after midnight of the cell, NaN when it is no time of day; with `facts`, notes how it is written. */
  read(s: string, a: number, b: number, facts: ClockFacts | null = null): number {
    const scan = this.scan;
    a = trimStart(s, a, b);
    b = trimEnd(s, a, b);
    const clock = scan.clock(s, a, b);
    if (clock < 0) return NaN;
    const seconds = scan.clockSeconds;
    const out = scan.meridiem(s, scan.clockEnd, b, clock);
    if (out < 0) return NaN;
    if (facts !== null) {
      facts.seconds ||= seconds;
      facts.twelveHour ||= scan.twelveHour;
    }
    return out;
  }
}

/** See ClockReader.read. */
export function parseClockCell(s: string, a: number, b: number, facts: ClockFacts | null = null): number {
  return new ClockReader().read(s, a, b, facts);
}
