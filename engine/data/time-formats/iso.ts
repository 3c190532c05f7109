// ISO 8601 dates and date-times: 2024-01-31, 2024/01/31, 2024-01-31T13:00[:00[.000]][Z|±hh:mm],
// 2024-01-31 13:00, expanded years ±YYYYYY-MM-DD. Without a zone the wall clock is read as UTC,
// so daylight-saving changes never create gaps or duplicates in the index.
import { civilFromDays, dayOf, daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, timeOfDay } from '../calendar';
import type { TimeStyle } from '../types';
import { at, CellScanner, trimEnd, trimStart } from './scan';
import { shareOf } from './spec';
import type { StyleWriter, TimeDetection, TimeFormatSpec, ZonedCellReader } from './spec';

/** Facts about the ISO cells seen, gathered on the sample to write timestamps back alike. */
export interface IsoFacts {
  dates: number;
  dateTimes: number;
  seconds: boolean;
  millis: boolean;
  zoneUtc: boolean;
  zoneOffset: boolean;
  lastOffsetMinutes: number;
  spaceSeparator: boolean;
  expanded: boolean;
  dateSeparator: string;
}

export function newIsoFacts(): IsoFacts {
  return { dates: 0, dateTimes: 0, seconds: false, millis: false, zoneUtc: false, zoneOffset: false,
    lastOffsetMinutes: 0, spaceSeparator: false, expanded: false, dateSeparator: '-' };
}

/** Reads ISO cells; `offsetMinutes` is the UTC offset of the last cell read (0 for Z or none). */
export class IsoReader implements ZonedCellReader {
  private readonly scan = new CellScanner();
  offsetMinutes = 0;

  read(s: string, a: number, b: number): number {
    return this.parse(s, a, b, null);
  }

  /** Epoch ms of the cell, NaN when it is not ISO 8601; with `facts`, notes how it is written. */
  parse(s: string, a: number, b: number, facts: IsoFacts | null): number {
    const scan = this.scan;
    this.offsetMinutes = 0;
    a = trimStart(s, a, b);
    b = trimEnd(s, a, b);
    let i = a;
    let year: number;
    let expanded = false;
    const c0 = at(s, i, b);
    if (c0 === 43 /* + */ || c0 === 45 /* - */) {
      if (!scan.digits(s, i + 1, b, 9) || scan.end - (i + 1) < 4) return NaN;
      year = c0 === 45 ? -scan.value : scan.value;
      i = scan.end;
      expanded = true;
    } else {
      if (!scan.digits(s, i, b, 4) || scan.end - i !== 4) return NaN;
      year = scan.value;
      i = scan.end;
    }
    const sep = at(s, i, b);
    if (sep !== 45 /* - */ && sep !== 47 /* / */ && sep !== 46 /* . */) return NaN;
    if (expanded && sep !== 45) return NaN;
    if (!scan.digits(s, i + 1, b, 2)) return NaN;
    const month = scan.value;
    i = scan.end;
    if (at(s, i, b) !== sep || !scan.digits(s, i + 1, b, 2)) return NaN;
    const day = scan.value;
    i = scan.end;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
    let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
    if (facts !== null) {
      facts.expanded ||= expanded;
      facts.dateSeparator = String.fromCharCode(sep);
    }
    if (i === b) {
      if (facts !== null) facts.dates++;
      return ms;
    }
    const t = at(s, i, b);
    if (t !== 84 /* T */ && t !== 116 /* t */ && t !== 32) return NaN;
    if (facts !== null && t === 32) facts.spaceSeparator = true;
    const clock = scan.clock(s, i + 1, b);
    if (clock < 0) return NaN;
    ms += clock;
    i = scan.clockEnd;
    if (facts !== null) {
      facts.dateTimes++;
      facts.seconds ||= scan.clockSeconds;
      facts.millis ||= scan.clockMillis;
    }
    if (i === b) return ms;
    const z = at(s, i, b);
    if ((z === 90 /* Z */ || z === 122) && i + 1 === b) {
      if (facts !== null) facts.zoneUtc = true;
      return ms;
    }
    if (z !== 43 && z !== 45) return NaN;
    if (!scan.digits(s, i + 1, b, 2) || scan.end - (i + 1) !== 2) return NaN;
    const oh = scan.value;
    i = scan.end;
    let om = 0;
    if (i < b) {
      if (at(s, i, b) === 58 /* : */) i++;
      if (!scan.digits(s, i, b, 2) || scan.end - i !== 2) return NaN;
      om = scan.value;
      i = scan.end;
    }
    if (i !== b || oh > 18 || om > 59) return NaN;
    const offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
    this.offsetMinutes = offset;
    if (facts !== null) {
      facts.zoneOffset = true;
      facts.lastOffsetMinutes = offset;
    }
    return ms - offset * MS_PER_MINUTE;
  }
}

/**
 * Epoch ms of an ISO 8601 date or date-time in `s[a, b)`, NaN when it is not one. Accepts
 * `YYYY-MM-DD`, expanded `±YYYYYY-MM-DD`, `YYYY/MM/DD`, then optionally `T` or a space,
 * `HH:MM[:SS[.fff]]` and `Z` / `±HH[:MM]`.
 */
export function parseIso(s: string, a: number, b: number, facts: IsoFacts | null = null): number {
  return new IsoReader().parse(s, a, b, facts);
}

const factsOf = (d: TimeDetection): IsoFacts => (d.facts as IsoFacts | undefined) ?? newIsoFacts();

export const isoFormat: TimeFormatSpec<'iso'> = {
  kind: 'iso',
  options: ['iso'],
  example: '2024-01-31, 2024-01-31T13:00',
  cells: ['2024-01-31T13:00:00+01:00', '2024-01-31T14:00:00+01:00'],
  detect(values, forced) {
    const facts = newIsoFacts();
    const reader = new IsoReader();
    const share = shareOf(values, (c) => !Number.isNaN(reader.parse(c, 0, c.length, facts)), forced === 'iso');
    return share === null ? null : { format: { kind: 'iso' }, share, facts };
  },
  reader: () => new IsoReader(),
  style(detection) {
    const facts = factsOf(detection);
    // Dates with expanded years keep that form throughout; date-times write years outside
    // 0000–9999 expanded anyway (isoYear), so they keep their time of day.
    if (facts.expanded && facts.dateTimes === 0) return { kind: 'expanded-year' };
    if (facts.dateTimes === 0) {
      return facts.dateSeparator === '-' ? { kind: 'iso-date' } : { kind: 'iso-date', separator: facts.dateSeparator };
    }
    const style: TimeStyle = {
      kind: 'iso-datetime',
      zone: facts.zoneOffset ? 'offset' : facts.zoneUtc ? 'utc' : 'none',
      seconds: facts.seconds || facts.millis,
      millis: facts.millis,
    };
    if (facts.spaceSeparator) style.separator = ' ';
    if (facts.zoneOffset) style.offsetMinutes = facts.lastOffsetMinutes;
    if (facts.dateSeparator !== '-') style.dateSeparator = facts.dateSeparator;
    return style;
  },
  zoned: (detection) => factsOf(detection).zoneOffset,
  dateOnly: (detection) => factsOf(detection).dateTimes === 0,
};

// ---------------------------------------------------------------------------------------------
// Writing.

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Four-digit years as such; years outside 0000–9999 in ISO 8601 expanded form (±YYYYYY). */
export function isoYear(year: number): string {
  return year >= 0 && year <= 9999 ? pad(year, 4) : expandedYear(year);
}

function expandedYear(year: number): string {
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
}

/** hh:mm[:ss[.sss]] of the time of day of `ms`. */
export function clockText(ms: number, seconds: boolean, millis: boolean): string {
  const tod = timeOfDay(ms);
  const h = Math.floor(tod / MS_PER_HOUR);
  const m = Math.floor((tod % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((tod % MS_PER_MINUTE) / 1000);
  let out = `${pad(h, 2)}:${pad(m, 2)}`;
  if (seconds || millis) out += `:${pad(s, 2)}`;
  if (millis) out += `.${pad(tod % 1000, 3)}`;
  return out;
}

type Style<K extends TimeStyle['kind']> = Extract<TimeStyle, { kind: K }>;

export const isoWriters: {
  'iso-date': StyleWriter<Style<'iso-date'>>;
  'iso-datetime': StyleWriter<Style<'iso-datetime'>>;
  'expanded-year': StyleWriter<Style<'expanded-year'>>;
} = {
  'iso-date': {
    format(ms, style) {
      const civil = [0, 0, 0];
      civilFromDays(dayOf(ms), civil);
      const sep = style.separator ?? '-';
      return `${isoYear(civil[0])}${sep}${pad(civil[1], 2)}${sep}${pad(civil[2], 2)}`;
    },
    describe(style) {
      const s = style.separator ?? '-';
      return `YYYY${s}MM${s}DD`;
    },
  },
  'iso-datetime': {
    format(ms, style) {
      const offset = style.zone === 'offset' ? (style.offsetMinutes ?? 0) : 0;
      const local = ms + offset * MS_PER_MINUTE;
      const civil = [0, 0, 0];
      civilFromDays(dayOf(local), civil);
      const ds = style.dateSeparator ?? '-';
      let out = `${isoYear(civil[0])}${ds}${pad(civil[1], 2)}${ds}${pad(civil[2], 2)}${style.separator ?? 'T'}`
        + clockText(local, style.seconds, style.millis);
      if (style.zone === 'utc') out += 'Z';
      else if (style.zone === 'offset') {
        const a = Math.abs(offset);
        out += `${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
      }
      return out;
    },
    describe(style) {
      const s = style.dateSeparator ?? '-';
      let d = `YYYY${s}MM${s}DD${style.separator ?? 'T'}hh:mm${style.seconds ? ':ss' : ''}${style.millis ? '.sss' : ''}`;
      if (style.zone === 'utc') d += 'Z';
      if (style.zone === 'offset') d += '±hh:mm';
      return d;
    },
  },
  'expanded-year': {
    format(ms) {
      const civil = [0, 0, 0];
      civilFromDays(dayOf(ms), civil);
      return `${expandedYear(civil[0])}-${pad(civil[1], 2)}-${pad(civil[2], 2)}`;
    },
    describe: () => '±YYYYYY-MM-DD',
  },
};
