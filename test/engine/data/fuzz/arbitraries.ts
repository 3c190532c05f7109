// Generators of CSV text for the data fuzz targets: files shaped like real exports (a header,
// a time column in one of the formats Tidecast reads, numbers in several locales, missing and
// broken cells, quotes, odd line breaks) mixed with cells and bytes of any kind, so the cases
// reach the reader's decisions and not only its first refusal.
import fc from 'fast-check';

const MS_PER_DAY = 86_400_000;

/** Timestamps written in one of the formats the reader knows, or a near miss of one. */
export const timeCell: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 3_000_000 }).map((d) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10)),
  fc.integer({ min: 0, max: 20_000 * 24 }).map((h) => new Date(h * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')),
  fc.integer({ min: 0, max: 4_000_000 }).map((m) => new Date(m * 60_000).toISOString()),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 2100 }),
    fc.constantFrom('/', '.', '-'), fc.boolean()).map(([a, b, y, s, pad]) =>
    `${pad ? String(a).padStart(2, '0') : a}${s}${pad ? String(b).padStart(2, '0') : b}${s}${y}`),
  fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.tuple(fc.constantFrom('Jan', 'Feb', 'Mär', 'sept', 'December', 'Foo'), fc.integer({ min: 0, max: 2100 }), fc.constantFrom('-', ' ', '/'))
    .map(([m, y, s]) => `${m}${s}${y}`),
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 5 })).map(([y, q]) => `${y} Q${q}`),
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }).map(String),
  fc.double({ min: 20_000, max: 80_000, noNaN: true }).map((x) => x.toFixed(2)),
  fc.constantFrom('', 'Total', 'NA', '24:00', '2024-02-30', '1/2/24 12:30 PM', '-006000-01-01', '+012345-06-01T00:00Z'),
);

/** Number cells in the styles people write, missing-value tokens and broken numbers. */
export const numberCell: fc.Arbitrary<string> = fc.oneof(
  fc.double({ noNaN: true }).map(String),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => x.toLocaleString('de-DE')),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => x.toLocaleString('en-US')),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => x.toLocaleString('fr-FR')),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => x.toLocaleString('de-CH')),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => `(${Math.abs(x).toFixed(2)})`),
  fc.constantFrom('', 'NA', 'n/a', '-', '#N/A', 'null', '?', '$12.50', '12%', '1e400', '-1e-400', '1,2,3', '.', '0x1F', 'Infinity'),
);

/** Any text, including quotes, delimiters, line breaks, control characters and surrogates. */
export const junkCell: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '|', '\n', '\r', ' ', 'a', '1', '.', '\u00a0'), maxLength: 12 }),
);

const headerName = fc.oneof(
  fc.constantFrom('date', 'Date', 'time', 't', 'period', 'year', 'month', 'Quarter', 'Datum', 'value', 'sales', 'store', 'id', 'x', ''),
  junkCell,
);

/** How a cell is written in the file: as is, quoted (quotes doubled), or quoted badly. */
function written(cell: string, quoting: 'none' | 'needed' | 'always' | 'broken'): string {
  const needs = /[",;\t|\r\n]/.test(cell);
  if (quoting === 'always' || (quoting === 'needed' && needs)) return `"${cell.replace(/"/g, '""')}"`;
  if (quoting === 'broken') return `"${cell}`;
  return cell;
}

export interface CsvShape {
  delimiter: string;
  newline: string;
  bom: boolean;
  sepLine: boolean;
  header: string[];
  rows: string[][];
  quoting: 'none' | 'needed' | 'always' | 'broken';
  trailingNewline: boolean;
}

/** A table-shaped CSV: a header, a time column first or not, rows of uneven length now and then. */
export const csvShape: fc.Arbitrary<CsvShape> = fc.integer({ min: 1, max: 6 }).chain((columns) => fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  sepLine: fc.boolean(),
  header: fc.array(headerName, { minLength: columns, maxLength: columns }),
  rows: fc.array(fc.array(fc.oneof({ weight: 3, arbitrary: numberCell }, { weight: 2, arbitrary: timeCell },
    { weight: 1, arbitrary: junkCell }), { minLength: Math.max(0, columns - 1), maxLength: columns + 1 }), { maxLength: 40 }),
  quoting: fc.constantFrom('none', 'needed', 'needed', 'always', 'broken'),
  trailingNewline: fc.boolean(),
}));

export function csvText(shape: CsvShape): string {
  const lines = [shape.header, ...shape.rows].map((cells, i) =>
    cells.map((c) => written(c, shape.quoting === 'broken' && i % 7 !== 3 ? 'needed' : shape.quoting)).join(shape.delimiter));
  const body = lines.join(shape.newline) + (shape.trailingNewline ? shape.newline : '');
  return (shape.bom ? '\ufeff' : '') + (shape.sepLine ? `sep=${shape.delimiter}${shape.newline}` : '') + body;
}

/** A time series file as users have them: one time column in one format, numbers beside it. */
export const seriesText: fc.Arbitrary<string> = fc.record({
  start: fc.integer({ min: -20_000, max: 40_000 }),
  step: fc.constantFrom(1, 7, 30, 31, 91, 365),
  length: fc.integer({ min: 1, max: 60 }),
  format: fc.constantFrom('iso', 'dmy', 'mdy', 'ym', 'period', 'unix'),
  shuffle: fc.boolean(),
  drop: fc.array(fc.nat(59), { maxLength: 5 }),
  values: fc.array(numberCell, { minLength: 60, maxLength: 60 }),
}).map(({ start, step, length, format, shuffle, drop, values }) => {
  const rows: string[] = [];
  for (let i = 0; i < length; i++) {
    if (drop.includes(i)) continue;
    const d = new Date((start + i * step) * MS_PER_DAY);
    const iso = d.toISOString().slice(0, 10);
    const [y, m, day] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
    const time = format === 'iso' ? iso : format === 'dmy' ? `${day}/${m}/${y}` : format === 'mdy' ? `${m}/${day}/${y}`
      : format === 'ym' ? `${y}-${m}` : format === 'period' ? String(i + 1) : String(d.getTime() / 1000);
    rows.push(`${time},${written(values[i], 'needed')}`);
  }
  if (shuffle) rows.reverse();
  return `${format === 'period' ? 't' : 'date'},value\n${rows.join('\n')}\n`;
});

/** A long-format file: an id column (text or numbers, sometimes empty or near-duplicate), times, values. */
export const longText: fc.Arbitrary<string> = fc.record({
  ids: fc.array(fc.constantFrom('A', 'B', 'b ', 'Store 1', '101', '102', '', 'x,y'), { minLength: 1, maxLength: 5 }),
  rows: fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 0, max: 30 }), numberCell), { maxLength: 60 }),
  step: fc.constantFrom(1, 7, 31),
  timeFirst: fc.boolean(),
}).map(({ ids, rows, step, timeFirst }) => {
  const lines = rows.map(([id, day, value]) => {
    const time = new Date(Date.UTC(2020, 0, 1) + day * step * MS_PER_DAY).toISOString().slice(0, 10);
    const store = written(ids[id % ids.length], 'needed');
    return timeFirst ? `${time},${store},${written(value, 'needed')}` : `${store},${time},${written(value, 'needed')}`;
  });
  return `${timeFirst ? 'date,store' : 'store,date'},sales\n${lines.join('\n')}\n`;
});

/** Any CSV-ish text: shaped tables, series, long files, and plain strings of every kind. */
export const anyCsv: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: csvShape.map(csvText) },
  { weight: 3, arbitrary: seriesText },
  { weight: 2, arbitrary: longText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '1', ',', ';', '"', '\n', '\r', '\t', ' ', '2024-01-01', '.'), maxLength: 300 }) },
);

/** Cut points for feeding a text in chunks: sorted positions inside it. */
export function chunksOf(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}
