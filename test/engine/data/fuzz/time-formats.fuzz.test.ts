// Fuzz target: the time formats of the registry. Any cell, through any format's detection and
// cell reader, gives a finite time or NaN and never throws; and a series of times written in a
// format's own style reads back to the same instants (years limited to what the style writes:
// two-digit years within their pivot, four-digit years 1000–9999).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTime, readDataset } from '../../../../engine/data';
import { detectTimeFormat, readsAsTime, styleOf, TIME_FORMATS, TIME_FORMAT_OPTIONS } from '../../../../engine/data/time-formats';
import type { TimeFormatSpec } from '../../../../engine/data/time-formats';
import { ClockReader } from '../../../../engine/data/time-formats/clock';
import type { TimeStyle } from '../../../../engine/data/types';
import { fuzzParameters, fuzzTimeout } from '../../../fuzz/config';
import { junkCell, timeCell } from './arbitraries';

const specs = TIME_FORMATS as readonly TimeFormatSpec[];
const anyCell = fc.oneof(timeCell, junkCell);
const MS_PER_DAY = 86_400_000;

describe('time formats fuzz', () => {
  it('every reader gives a finite time or NaN for any cell, also inside a longer line', () => {
    fc.assert(fc.property(anyCell, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (cell, before, after) => {
      const line = before + cell + after;
      const a = before.length, b = a + cell.length;
      for (const spec of specs) {
        const detection = spec.detect([cell.trim() === '' ? 'x' : cell], spec.options[0], { timeNamed: true, periods: 'chosen' });
        if (detection === null) continue;
        for (const t of [spec.reader(detection).read(line, a, b, 2), spec.reader(detection).read(cell, 0, cell.length, 2)]) {
          if (t === t && !Number.isFinite(t)) throw new Error(`${spec.kind} read ${JSON.stringify(cell)} as ${t}`);
        }
        expect(spec.reader(detection).read(line, a, b, 2)).toEqual(spec.reader(detection).read(cell, 0, cell.length, 2));
      }
      const clock = new ClockReader().read(line, a, b);
      expect(clock !== clock || (clock >= 0 && clock < MS_PER_DAY)).toBe(true);
      readsAsTime(cell);
    }), fuzzParameters());
  }, fuzzTimeout(5));

  it('detection on any column, forced or not, names a format whose style can write any time', () => {
    fc.assert(fc.property(fc.array(anyCell, { maxLength: 20 }), fc.boolean(), fc.constantFrom(...TIME_FORMAT_OPTIONS),
      fc.constantFrom('no' as const, 'named' as const, 'chosen' as const), fc.integer({ min: -1e14, max: 1e14 }),
      (cells, named, forced, periods, ms) => {
        const detection = detectTimeFormat(cells, named, forced, periods);
        if (detection === null) return;
        for (const dayFirst of [true, false]) expect(typeof formatTime(ms, styleOf(detection, dayFirst))).toBe('string');
      }), fuzzParameters());
  }, fuzzTimeout(5));

  /**
   * Consecutive times the style can write: a start in the years it writes, steps in its unit
   * (months for YYYY-MM, quarters, years; else days, at one time of day).
   */
  const series = (spec: TimeFormatSpec) => {
    const style = styleOf(detectTimeFormat(spec.cells, true, 'auto', spec.plainNumbers === 'period' ? 'named' : 'no')!, true);
    const twoDigit = 'yearDigits' in style && style.yearDigits === 2;
    const [lo, hi] = twoDigit ? [1969, 2068] : spec.kind === 'iso' ? [-9999, 99999] : [1000, 9999];
    const months = style.kind === 'year-month' || (style.kind === 'month-name' && style.order === 'my') ? 1
      : style.kind === 'year-quarter' ? 3 : style.kind === 'year' ? 12 : 0;
    return fc.record({
      year: fc.integer({ min: lo, max: hi - 30 }), month: fc.integer({ min: 0, max: 11 }), day: fc.integer({ min: 1, max: 28 }),
      minute: fc.integer({ min: 0, max: 1439 }), count: fc.integer({ min: 2, max: 12 }), step: fc.constantFrom(1, 2, 7),
    }).map(({ year, month, day, minute, count, step }) => {
      const at = (k: number): number => {
        const d = new Date(0);
        if (months > 0) d.setUTCFullYear(year, (month - (month % months)) + k * months * (step === 7 ? 1 : step), 1);
        else d.setUTCFullYear(year, month, day + k * step);
        return d.getTime() + (months > 0 ? 0 : minute * 60_000);
      };
      return { style, times: Array.from({ length: count }, (_, k) => at(k)) };
    });
  };

  it.each(specs.map((s) => [s.kind, s] as const))('%s: times written in its style read back to the same instants', (_kind, spec) => {
    // Day numbers are written as ISO dates, which the ISO reader reads.
    const option = spec.kind === 'excel-serial' ? 'iso' : spec.options[0];
    fc.assert(fc.property(series(spec), ({ style, times }) => {
      const cells = times.map((t) => formatTime(t, style));
      const header = spec.plainNumbers === 'period' ? 't' : 'date';
      const r = readDataset(`${header},value\n${cells.map((c, i) => `"${c}",${i}`).join('\n')}\n`, { timeFormat: option as never });
      const again = Array.from(r.dataset.time, (t) => formatTime(t, r.dataset.timeStyle));
      // Reading may fill gaps (steps of 2): every written cell reads back to the same text.
      for (const c of cells) expect(again).toContain(c);
      expect(sameKind(r.dataset.timeStyle, style)).toBe(true);
    }), fuzzParameters({ numRuns: Math.max(50, Math.round(fuzzParameters().numRuns! / 10)) }));
  }, fuzzTimeout(20));
});

function sameKind(a: TimeStyle, b: TimeStyle): boolean {
  return a.kind === b.kind || (a.kind === 'expanded-year' && b.kind.startsWith('iso')) || (b.kind === 'expanded-year' && a.kind.startsWith('iso'));
}
