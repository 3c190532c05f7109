// Chunked reading must give exactly what reading the whole text gives, wherever the chunks
// split (inside quotes, between \r and \n, inside a number), including line numbers.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError, DatasetReader, readDataset, SAMPLE_ROWS } from '../../../engine/data';
import type { ReadResult } from '../../../engine/data';
import { fixtureText, FIXTURES } from './helpers';

function chunked(text: string, size: number, source: string): ReadResult | DataError {
  // Choose the delimiter after 3 lines, so that even small files are read in many pushes.
  const reader = new DatasetReader({ source, sniffLines: 3 });
  try {
    for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
    return reader.finish();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
}

function whole(text: string, source: string): ReadResult | DataError {
  try {
    return readDataset(text, { source });
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
}

function summary(r: ReadResult | DataError): unknown {
  if (r instanceof DataError) return { error: r.code, row: r.row, message: r.message };
  return {
    time: Array.from(r.dataset.time),
    columns: r.dataset.columns.map((c) => ({ name: c.name, values: Array.from(c.values), missing: c.missing })),
    problems: r.dataset.problems,
    detected: r.detected,
    preview: r.preview,
  };
}

describe('chunked reading', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.csv')).sort();
  it.each(files)('%s: same result for chunks of 1, 2, 3, 7, 64 and 4096 characters', (file) => {
    const text = fixtureText(file);
    const expected = summary(whole(text, file));
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(summary(chunked(text, size, file))).toEqual(expected);
  });

  it('a long file with quoted rows after the sample keeps line numbers and values', () => {
    const lines = ['time;value;note'];
    const n = SAMPLE_ROWS * 3;
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      // Every 500th row has a quoted note with a line break; row 2500 has a bad number.
      const note = i % 500 === 499 ? '"two\r\nlines; quoted"' : 'x';
      const value = i === 2500 ? 'oops' : `${i},5`;
      lines.push(`${day};${value};${note}`);
    }
    const text = lines.join('\r\n') + '\r\n';
    const expected = summary(whole(text, 'long.csv'));
    for (const size of [997, 65536, 100_000]) expect(summary(chunked(text, size, 'long.csv'))).toEqual(expected);
    const r = readDataset(text);
    const v = r.dataset.columns[0].values;
    expect(v[0]).toBe(0.5);
    expect(v[2999]).toBe(2999.5);
    // Five quoted notes (rows 499, 999, 1499, 1999, 2499) each add one line before row 2500.
    const bad = r.dataset.problems.find((p) => p.code === 'unparsable-cell')!;
    expect(bad.row).toBe(2500 + 2 + 5);
    expect(r.detected).toMatchObject({ delimiter: ';', decimal: ',', newline: '\r\n' });
  });

  it('warns when cells after the first rows use the other decimal mark', () => {
    // 1,200 whole numbers first, then "1200,5" (quoted decimal commas) from line 1202 on.
    const rows = ['date,v'];
    for (let i = 0; i < 1500; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(`${day},${i < 1200 ? i : `"${i},5"`}`);
    }
    const r = readDataset(rows.join('\n'));
    const p = r.dataset.problems.find((q) => q.code === 'number-style-mismatch')!;
    expect(p).toMatchObject({ row: 1202, column: 'v', count: 300, severity: 'warning' });
    const fixed = readDataset(rows.join('\n'), { decimal: ',' });
    expect(fixed.dataset.columns[0].values[1300]).toBe(1300.5);
    expect(fixed.dataset.problems).toEqual([]);
    // With ";" between columns and whole numbers first, the decimal comma is the default.
    const semi = readDataset(rows.join('\n').replace(/,/g, ';').replace(/"(\d+);5"/g, '$1,5'));
    expect(semi.detected.decimal).toBe(',');
    expect(semi.dataset.columns[0].values[1300]).toBe(1300.5);
  });

  it('waits past leading blank lines before choosing the delimiter', () => {
    const reader = new DatasetReader({ sniffLines: 3 });
    reader.push('\n\n\n\n\n');
    reader.push('date;v\n2024-01-01;1,5\n2024-01-02;2,5\n');
    const r = reader.finish();
    expect(r.detected.delimiter).toBe(';');
    expect(Array.from(r.dataset.columns[0].values)).toEqual([1.5, 2.5]);
    expect(r.dataset.problems).toEqual([]);
  });

  it('reports progress as characters consumed', () => {
    const text = 'date,v\n' + Array.from({ length: 5000 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${i}`).join('\n');
    const reader = new DatasetReader();
    let last = 0;
    for (let i = 0; i < text.length; i += 10_000) {
      reader.push(text.slice(i, i + 10_000));
      expect(reader.charsRead).toBeGreaterThanOrEqual(last);
      last = reader.charsRead;
    }
    expect(reader.finish().dataset.time.length).toBe(5000);
    expect(reader.charsRead).toBe(text.length);
  });
});
