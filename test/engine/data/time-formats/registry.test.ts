// The time-format registry: every format, forced or detected, reads its own cells, and the
// times it reads written back in the style it chose read again to the same instants — so a
// format added to the registry is held to that by this test alone.
import { describe, expect, it } from 'vitest';
import { formatTime, readDataset, TIME_STYLE_KINDS } from '../../../../engine/data';
import { detectTimeFormat, supportedFormats, TIME_FORMATS } from '../../../../engine/data/time-formats';
import type { TimeFormatSpec } from '../../../../engine/data/time-formats';

/** A file whose time column is named as this format needs: "t" for period numbers, else "date". */
const csv = (spec: TimeFormatSpec, cells: readonly string[]): string =>
  `${spec.plainNumbers === 'period' ? 't' : 'date'},value\n${cells.map((c, i) => `"${c}",${i + 1}`).join('\n')}\n`;

describe.each((TIME_FORMATS as readonly TimeFormatSpec[]).map((f) => [f.kind, f] as const))('%s', (_kind, spec) => {
  it('is detected on its cells in a column named for it, and forced by each of its options', () => {
    expect(detectTimeFormat(spec.cells, true, 'auto', spec.plainNumbers === 'period' ? 'named' : 'no')?.format.kind).toBe(spec.kind);
    for (const option of spec.options) expect(detectTimeFormat(spec.cells, false, option as never)?.format.kind).toBe(spec.kind);
  });

  it('writes back what it read, in a style that reads to the same instants', () => {
    const first = readDataset(csv(spec, spec.cells), { timeFormat: spec.options[0] as never });
    const written = Array.from(first.dataset.time, (t) => formatTime(t, first.dataset.timeStyle));
    expect(written.every((w) => w !== '')).toBe(true);
    const again = readDataset(csv(spec, written));
    expect(Array.from(again.dataset.time)).toEqual(Array.from(first.dataset.time));
    expect(again.dataset.timeStyle).toEqual(first.dataset.timeStyle);
  });

  it('is named in the list of supported formats', () => {
    expect(supportedFormats()).toContain(spec.example);
  });
});

describe('styles', () => {
  it('every style kind has a writer, row numbers included', () => {
    expect([...TIME_STYLE_KINDS].sort()).toEqual([
      'day-first', 'expanded-year', 'iso-date', 'iso-datetime', 'month-first', 'month-name', 'period-number', 'row-number',
      'unix-millis', 'unix-seconds', 'year', 'year-month', 'year-quarter',
    ]);
  });
});
