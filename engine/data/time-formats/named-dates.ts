// Dates spreadsheets write with month names or quarters: "Jan 2024", "Jan-24", "31-Jan-2024",
// "January 31, 2024", "2024-Q1", "Q1 2024". Month names are read in English and the common
// German, French, Spanish and Italian abbreviations; they are written back in English.
import { civilFromDays, dayOf, daysFromCivil, daysInMonth, MS_PER_DAY } from '../calendar';
import type { QuarterPattern, TimeStyle } from '../types';
import { shareOf } from './spec';
import type { StyleWriter, TimeDetection, TimeFormatSpec } from './spec';

export type MonthNameStyle = Extract<TimeStyle, { kind: 'month-name' }>;
export type QuarterStyle = Extract<TimeStyle, { kind: 'year-quarter' }>;

const MONTHS: Record<string, number> = {};
const NAMES: [number, string[]][] = [
  [1, ['jan', 'january', 'janv', 'janvier', 'januar', 'jän', 'jänner', 'ene', 'enero', 'gen', 'gennaio']],
  [2, ['feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'februar', 'febrero', 'febbraio']],
  [3, ['mar', 'march', 'mär', 'märz', 'mrz', 'mars', 'marzo']],
  [4, ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile']],
  [5, ['may', 'mai', 'mayo', 'mag', 'maggio']],
  [6, ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno']],
  [7, ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio']],
  [8, ['aug', 'august', 'août', 'aout', 'ago', 'agosto']],
  [9, ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre']],
  [10, ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre']],
  [11, ['nov', 'november', 'novembre', 'noviembre']],
  [12, ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'decembre', 'dic', 'diciembre', 'dicembre']],
];
for (const [m, names] of NAMES) for (const n of names) MONTHS[n] = m;

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** The month named by a word ("Jan", "janv.", "März"), or 0. */
export function monthOfName(word: string): number {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function fullYear(digits: string): number {
  const y = Number(digits);
  return digits.length === 2 ? y + (y >= 69 ? 1900 : 2000) : y;
}

const WORD = '([A-Za-zÀ-ÿ]{3,10}\\.?)';
// Mon YYYY | Mon-YY | DD-Mon-YYYY | DD Mon YYYY | Mon DD, YYYY
const MY = new RegExp(`^${WORD}([ \\-/.']+)(\\d{4}|\\d{2})$`);
const DMY = new RegExp(`^(\\d{1,2})([ \\-/.]+)${WORD}[ \\-/.]+(\\d{4}|\\d{2})$`);
const MDY = new RegExp(`^${WORD}( )(\\d{1,2}),? (\\d{4})$`);

/** Facts gathered on the sample to write dates back alike. */
export interface MonthNameFacts {
  order: MonthNameStyle['order'] | null;
  separator: string;
  yearDigits: 2 | 4;
  longNames: boolean;
}

export function newMonthNameFacts(): MonthNameFacts {
  return { order: null, separator: ' ', yearDigits: 4, longNames: false };
}

/** Epoch ms of a month-name date (the 1st when there is no day), NaN otherwise. */
export function parseMonthName(cell: string, facts: MonthNameFacts | null = null): number {
  const c = cell.trim();
  let m: RegExpExecArray | null;
  let year: number, month: number, day = 1;
  let order: MonthNameStyle['order'];
  let sep: string, yearText: string, word: string;
  if ((m = MY.exec(c))) {
    [, word, sep, yearText] = m;
    order = 'my';
  } else if ((m = DMY.exec(c))) {
    day = Number(m[1]);
    [, , sep, word, yearText] = m;
    order = 'dmy';
  } else if ((m = MDY.exec(c))) {
    day = Number(m[3]);
    [, word, sep, , yearText] = m;
    order = 'mdy';
  } else {
    return NaN;
  }
  month = monthOfName(word);
  if (month === 0) return NaN;
  year = fullYear(yearText);
  if (day < 1 || day > daysInMonth(year, month)) return NaN;
  if (facts !== null) {
    facts.order ??= order;
    facts.separator = sep;
    facts.yearDigits = yearText.length === 2 ? 2 : 4;
    facts.longNames ||= word.replace(/\.$/, '').length > 4;
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY;
}

export function formatMonthName(year: number, month: number, day: number, style: MonthNameStyle): string {
  const name = (style.longNames ? LONG : SHORT)[month - 1];
  const y = style.yearDigits === 2 ? String(((year % 100) + 100) % 100).padStart(2, '0') : String(year);
  switch (style.order) {
    case 'my': return `${name}${style.separator}${y}`;
    case 'dmy': return `${String(day).padStart(2, '0')}${style.separator}${name}${style.separator}${y}`;
    case 'mdy': return `${name} ${day}, ${y}`;
  }
}

const QUARTER_FIRST = /^(\d{4})([ \-/]?)[Qq]([1-4])$/;
const QUARTER_LAST = /^[Qq]([1-4])([ \-/]?)(\d{4})$/;

/** Epoch ms of the first day of a quarter written "2024-Q1", "2024 Q1", "2024Q1" or "Q1 2024". */
export function parseQuarter(cell: string, facts: { pattern: QuarterPattern | null } | null = null): number {
  const c = cell.trim();
  let m = QUARTER_FIRST.exec(c);
  let year: number, quarter: number, pattern: QuarterPattern;
  if (m) {
    year = Number(m[1]);
    quarter = Number(m[3]);
    pattern = `YYYY${m[2] as '' | ' ' | '-' | '/'}Qq`;
  } else if ((m = QUARTER_LAST.exec(c))) {
    year = Number(m[3]);
    quarter = Number(m[1]);
    pattern = `Qq${m[2] as '' | ' ' | '-' | '/'}YYYY`;
  } else {
    return NaN;
  }
  if (facts !== null) facts.pattern ??= pattern;
  return daysFromCivil(year, 3 * (quarter - 1) + 1, 1) * MS_PER_DAY;
}

export function formatQuarter(year: number, month: number, style: QuarterStyle): string {
  const q = String(Math.floor((month - 1) / 3) + 1);
  return style.pattern.replace('YYYY', String(year)).replace('q', q);
}

export const monthNameFormat: TimeFormatSpec<'month-name'> = {
  kind: 'month-name',
  options: ['month-name'],
  example: 'Jan-2024, 31-Jan-2024',
  cells: ['31-Jan-2024', '01-Feb-2024'],
  detect(values, forced) {
    const facts = newMonthNameFacts();
    const share = shareOf(values, (c) => !Number.isNaN(parseMonthName(c, facts)), forced === 'month-name');
    return share === null ? null : { format: { kind: 'month-name' }, share, facts };
  },
  reader: () => ({ read: (s, a, b) => parseMonthName(s.slice(a, b)) }),
  style(detection: TimeDetection) {
    const facts = (detection.facts as MonthNameFacts | undefined) ?? newMonthNameFacts();
    const style: TimeStyle = { kind: 'month-name', order: facts.order ?? 'my', separator: facts.separator, yearDigits: facts.yearDigits };
    if (facts.longNames) style.longNames = true;
    return style;
  },
};

export const quarterFormat: TimeFormatSpec<'year-quarter'> = {
  kind: 'year-quarter',
  options: ['year-quarter'],
  example: '2024-Q1',
  cells: ['Q4 2023', 'Q1 2024'],
  detect(values, forced) {
    const facts: { pattern: QuarterPattern | null } = { pattern: null };
    const share = shareOf(values, (c) => !Number.isNaN(parseQuarter(c, facts)), forced === 'year-quarter');
    return share === null ? null : { format: { kind: 'year-quarter' }, share, facts: facts.pattern ?? 'YYYY-Qq' };
  },
  reader: () => ({ read: (s, a, b) => parseQuarter(s.slice(a, b)) }),
  style: (detection) => ({ kind: 'year-quarter', pattern: (detection.facts as QuarterPattern | undefined) ?? 'YYYY-Qq' }),
};

export const namedDateWriters: {
  'month-name': StyleWriter<MonthNameStyle>;
  'year-quarter': StyleWriter<QuarterStyle>;
} = {
  'month-name': {
    format(ms, style) {
      const civil = [0, 0, 0];
      civilFromDays(dayOf(ms), civil);
      return formatMonthName(civil[0], civil[1], civil[2], style);
    },
    describe(style) {
      const mon = style.longNames ? 'Month' : 'Mon';
      const y = style.yearDigits === 2 ? 'YY' : 'YYYY';
      const sep = style.separator;
      return style.order === 'my' ? `${mon}${sep}${y}` : style.order === 'dmy' ? `DD${sep}${mon}${sep}${y}` : `${mon} D, ${y}`;
    },
  },
  'year-quarter': {
    format(ms, style) {
      const civil = [0, 0, 0];
      civilFromDays(dayOf(ms), civil);
      return formatQuarter(civil[0], civil[1], style);
    },
    describe: (style) => style.pattern.replace('q', 'n'),
  },
};
