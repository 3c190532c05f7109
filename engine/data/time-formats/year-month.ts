// Months written YYYY-MM (or YYYY/MM): the first day of that month.
import { civilFromDays, dayOf, daysFromCivil, MS_PER_DAY } from '../calendar';
import type { TimeStyle } from '../types';
import { isoYear, pad } from './iso';
import { at, CellScanner, trimEnd, trimStart } from './scan';
import { shareOf } from './spec';
import type { StyleWriter, TimeCellReader, TimeFormatSpec } from './spec';

class YearMonthReader implements TimeCellReader {
  private readonly scan = new CellScanner();

  read(s: string, a: number, b: number): number {
    const scan = this.scan;
    a = trimStart(s, a, b);
    b = trimEnd(s, a, b);
    if (b - a !== 7) return NaN;
    if (!scan.digits(s, a, b, 4) || scan.end !== a + 4) return NaN;
    const year = scan.value;
    const sep = at(s, a + 4, b);
    if (sep !== 45 && sep !== 47) return NaN;
    if (!scan.digits(s, a + 5, b, 2) || scan.end !== b) return NaN;
    const month = scan.value;
    if (month < 1 || month > 12) return NaN;
    return daysFromCivil(year, month, 1) * MS_PER_DAY;
  }
}

/** `YYYY-MM` (or `YYYY/MM`): the first of that month, NaN otherwise. */
export function parseYearMonth(s: string, a: number, b: number): number {
  return new YearMonthReader().read(s, a, b);
}

export const yearMonthFormat: TimeFormatSpec<'year-month'> = {
  kind: 'year-month',
  options: ['year-month'],
  example: '2024-01',
  cells: ['2024-01', '2024-02'],
  detect(values, forced) {
    const reader = new YearMonthReader();
    const share = shareOf(values, (c) => !Number.isNaN(reader.read(c, 0, c.length)), forced === 'year-month');
    return share === null ? null : { format: { kind: 'year-month' }, share };
  },
  reader: () => new YearMonthReader(),
  style: () => ({ kind: 'year-month' }),
};

export const yearMonthWriters: { 'year-month': StyleWriter<Extract<TimeStyle, { kind: 'year-month' }>> } = {
  'year-month': {
    format(ms) {
      const civil = [0, 0, 0];
      civilFromDays(dayOf(ms), civil);
      return `${isoYear(civil[0])}-${pad(civil[1], 2)}`;
    },
    describe: () => 'YYYY-MM',
  },
};
