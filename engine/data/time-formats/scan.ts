// Char-code reading shared by the time formats: cells are ranges [a, b) of a longer text, read
// without substrings. A CellScanner keeps the last digit run and clock time in its own fields,
// so a column reader that owns one allocates nothing per cell and shares nothing with others.
import { MS_PER_HOUR, MS_PER_MINUTE } from '../calendar';

const C_0 = 48;

/** The digit at `i` (0–9), or -1. */
export function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - C_0;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Char code at `i`, or -1 past the end `b` of the cell. */
export function at(s: string, i: number, b: number): number {
  return i < b ? s.charCodeAt(i) : -1;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** The first index of `s[a, b)` after leading spaces and tabs. */
export function trimStart(s: string, a: number, b: number): number {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  return a;
}

/** The end of `s[a, b)` before trailing spaces and tabs. */
export function trimEnd(s: string, a: number, b: number): number {
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return b;
}

/** Reads digit runs and clock times; each result stays in the fields until the next call. */
export class CellScanner {
  /** Value of the last digit run, and the index just after it. */
  value = 0;
  end = 0;
  /** The last clock time: the index just after it, and whether it had seconds / a fraction. */
  clockEnd = 0;
  clockSeconds = false;
  clockMillis = false;

  /** A run of 1..max digits at `i` (before `b`): true with `value` and `end` set, else false. */
  digits(s: string, i: number, b: number, max: number): boolean {
    let v = 0, j = i;
    while (j < b && j - i < max) {
      const d = digit(s, j);
      if (d < 0) break;
      v = v * 10 + d;
      j++;
    }
    if (j === i) return false;
    this.value = v;
    this.end = j;
    return true;
  }

  /** `H[H]:MM[:SS[.fff]]` at `i`: ms after midnight (clockEnd/clockSeconds/clockMillis set), or -1. */
  clock(s: string, i: number, b: number): number {
    if (!this.digits(s, i, b, 2)) return -1;
    const hour = this.value;
    i = this.end;
    if (at(s, i, b) !== 58 || !this.digits(s, i + 1, b, 2) || this.end - (i + 1) !== 2) return -1;
    const minute = this.value;
    i = this.end;
    let second = 0, millis = 0;
    this.clockSeconds = false;
    this.clockMillis = false;
    if (at(s, i, b) === 58) {
      if (!this.digits(s, i + 1, b, 2) || this.end - (i + 1) !== 2) return -1;
      second = this.value;
      i = this.end;
      this.clockSeconds = true;
      const f = at(s, i, b);
      if (f === 46 || f === 44) {
        let j = i + 1, scale = 100;
        while (j < b && digit(s, j) >= 0) {
          millis += digit(s, j) * scale;
          scale /= 10;
          j++;
        }
        if (j === i + 1) return -1;
        millis = Math.round(millis);
        this.clockMillis = true;
        i = j;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return -1;
    this.clockEnd = i;
    return hour * MS_PER_HOUR + minute * MS_PER_MINUTE + Math.min(second, 59) * 1000 + millis;
  }

  /**
   * An optional " AM"/" PM" at `i` after a clock of `clock` ms, up to the cell end `b`: the clock
   * on the 24-hour dial, the same clock when nothing follows, or -1 when something else does
   * (or the hour is not 1–12 before AM/PM). `twelveHour` tells which.
   */
  meridiem(s: string, i: number, b: number, clock: number): number {
    while (i < b && at(s, i, b) === 32) i++;
    this.twelveHour = false;
    if (i === b) return clock;
    const m1 = at(s, i, b) | 32, m2 = at(s, i + 1, b) | 32;
    if (i + 2 !== b || (m1 !== 97 && m1 !== 112) || m2 !== 109) return -1;
    const hour = Math.floor(clock / MS_PER_HOUR);
    if (hour < 1 || hour > 12) return -1;
    this.twelveHour = true;
    if (m1 === 97 && hour === 12) return clock - 12 * MS_PER_HOUR; // 12:30 AM = 00:30
    if (m1 === 112 && hour !== 12) return clock + 12 * MS_PER_HOUR;
    return clock;
  }

  /** Whether the last meridiem() read an AM/PM. */
  twelveHour = false;
}
