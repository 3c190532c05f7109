// Writing timestamps back in the style the input used, so a forecast continues the user's own
// index (2024-03, 2024-03-31, 2024-03-31T13:30:00, 31/03/2024, 1711891800, …).
import { civilFromDays, dayOf, MS_PER_HOUR, MS_PER_MINUTE, timeOfDay } from './calendar';
import { formatMonthName, formatQuarter } from './named-dates';
import type { TimeStyle } from './types';

const civil = new Int32Array(3);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Four-digit years as such; years outside 0000–9999 in ISO 8601 expanded form (±YYYYYY). */
function isoYear(year: number): string {
  return year >= 0 && year <= 9999 ? pad(year, 4) : expandedYear(year);
}

function expandedYear(year: number): string {
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
}

function clockText(ms: number, seconds: boolean, millis: boolean): string {
  const tod = timeOfDay(ms);
  const h = Math.floor(tod / MS_PER_HOUR);
  const m = Math.floor((tod % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((tod % MS_PER_MINUTE) / 1000);
  let out = `${pad(h, 2)}:${pad(m, 2)}`;
  if (seconds || millis) out += `:${pad(s, 2)}`;
  if (millis) out += `.${pad(tod % 1000, 3)}`;
  return out;
}

/** `ms` (epoch milliseconds, or the row number for 'row-number') written in `style`. */
export function formatTime(ms: number, style: TimeStyle): string {
  if (!Number.isFinite(ms)) return '';
  switch (style.kind) {
    case 'row-number':
    case 'unix-millis':
      return String(Math.round(ms));
    case 'unix-seconds':
      return String(ms / 1000);
    case 'iso-date': {
      civilFromDays(dayOf(ms), civil);
      const sep = style.separator ?? '-';
      return `${isoYear(civil[0])}${sep}${pad(civil[1], 2)}${sep}${pad(civil[2], 2)}`;
    }
    case 'expanded-year':
      civilFromDays(dayOf(ms), civil);
      return `${expandedYear(civil[0])}-${pad(civil[1], 2)}-${pad(civil[2], 2)}`;
    case 'year-month':
      civilFromDays(dayOf(ms), civil);
      return `${isoYear(civil[0])}-${pad(civil[1], 2)}`;
    case 'year':
      civilFromDays(dayOf(ms), civil);
      return String(civil[0]);
    case 'month-name':
      civilFromDays(dayOf(ms), civil);
      return formatMonthName(civil[0], civil[1], civil[2], style);
    case 'year-quarter':
      civilFromDays(dayOf(ms), civil);
      return formatQuarter(civil[0], civil[1], style);
    case 'iso-datetime': {
      const offset = style.zone === 'offset' ? (style.offsetMinutes ?? 0) : 0;
      const local = ms + offset * MS_PER_MINUTE;
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
    }
    case 'day-first':
    case 'month-first': {
      civilFromDays(dayOf(ms), civil);
      const width = style.padded === false ? 1 : 2;
      const day = pad(civil[2], width);
      const month = pad(civil[1], width);
      const year = style.yearDigits === 2 ? pad(((civil[0] % 100) + 100) % 100, 2) : String(civil[0]);
      const sep = style.separator;
      let out = style.kind === 'day-first' ? `${day}${sep}${month}${sep}${year}` : `${month}${sep}${day}${sep}${year}`;
      if (style.clock) {
        const seconds = style.clock === 'hh:mm:ss';
        if (style.twelveHour) {
          const tod = timeOfDay(ms);
          const h24 = Math.floor(tod / MS_PER_HOUR);
          const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
          const rest = clockText(ms, seconds, false).slice(2);
          out += ` ${h12}${rest} ${h24 < 12 ? 'AM' : 'PM'}`;
        } else {
          out += ` ${clockText(ms, seconds, false)}`;
        }
      }
      return out;
    }
  }
}

/** A short human name of the style for the import report, e.g. "DD/MM/YYYY". */
export function describeTimeStyle(style: TimeStyle): string {
  switch (style.kind) {
    case 'iso-date': {
      const s = style.separator ?? '-';
      return `YYYY${s}MM${s}DD`;
    }
    case 'iso-datetime': {
      const s = style.dateSeparator ?? '-';
      let d = `YYYY${s}MM${s}DD${style.separator ?? 'T'}hh:mm${style.seconds ? ':ss' : ''}${style.millis ? '.sss' : ''}`;
      if (style.zone === 'utc') d += 'Z';
      if (style.zone === 'offset') d += '±hh:mm';
      return d;
    }
    case 'year-month': return 'YYYY-MM';
    case 'year': return 'YYYY';
    case 'month-name': {
      const mon = style.longNames ? 'Month' : 'Mon';
      const y = style.yearDigits === 2 ? 'YY' : 'YYYY';
      const sep = style.separator;
      return style.order === 'my' ? `${mon}${sep}${y}` : style.order === 'dmy' ? `DD${sep}${mon}${sep}${y}` : `${mon} D, ${y}`;
    }
    case 'year-quarter': return style.pattern.replace('q', 'n');
    case 'expanded-year': return '±YYYYYY-MM-DD';
    case 'day-first':
    case 'month-first': {
      const s = style.separator;
      const y = style.yearDigits === 2 ? 'YY' : 'YYYY';
      const d = style.kind === 'day-first' ? `DD${s}MM${s}${y}` : `MM${s}DD${s}${y}`;
      return style.clock ? `${d} hh:mm${style.clock === 'hh:mm:ss' ? ':ss' : ''}${style.twelveHour ? ' AM/PM' : ''}` : d;
    }
    case 'unix-seconds': return 'Unix seconds';
    case 'unix-millis': return 'Unix milliseconds';
    case 'row-number': return 'row numbers';
  }
}
