// Files that cannot be used get one DataError each, saying what is wrong, where, and what to do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, decodeCsvBytes, readDataset } from '../../../engine/data';
import { dataErrorOf, FIXTURES, readFixture } from './helpers';

describe('files that cannot be used', () => {
  it('empty file', () => {
    const e = dataErrorOf(() => readFixture('empty.csv'));
    expect(e.code).toBe('empty-file');
    expect(e.message).toContain('empty.csv is empty');
    expect(dataErrorOf(() => readDataset('\ufeff  \n\n', { source: 'x.csv' })).code).toBe('empty-file');
  });

  it('header only', () => {
    const e = dataErrorOf(() => readFixture('header-only.csv'));
    expect(e.code).toBe('no-data-rows');
    expect(e.message).toContain('no data rows');
  });

  it('no header line', () => {
    const e = dataErrorOf(() => readFixture('no-header.csv'));
    expect(e.code).toBe('no-header');
    expect(e.row).toBe(1);
    expect(e.message).toContain('2024-01-01,5');
    expect(e.message).toMatch(/Add a first line naming the columns/);
  });

  it('no numeric column', () => {
    const e = dataErrorOf(() => readFixture('no-numeric.csv'));
    expect(e.code).toBe('no-numeric-column');
    expect(e.message).toContain('columns: date, city');
  });

  it('a single row', () => {
    const e = dataErrorOf(() => readFixture('single-row.csv'));
    expect(e.code).toBe('single-row');
    expect(e.row).toBe(2);
  });

  it('binary garbage and spreadsheets', () => {
    const bin = decodeCsvBytes(readFileSync(join(FIXTURES, 'binary.csv'))).text;
    expect(dataErrorOf(() => readDataset(bin, { source: 'binary.csv' })).code).toBe('binary-file');
    const xlsx = decodeCsvBytes(readFileSync(join(FIXTURES, 'workbook.csv'))).text;
    const e = dataErrorOf(() => readDataset(xlsx, { source: 'workbook.csv' }));
    expect(e.code).toBe('spreadsheet-file');
    expect(e.message).toContain('save it as "CSV');
  });

  it('UTF-16 text decoded as if it were UTF-8', () => {
    const bytes = readFileSync(join(FIXTURES, 'utf16le.csv'));
    const wrong = new TextDecoder('utf-8').decode(bytes.subarray(2));
    expect(dataErrorOf(() => readDataset(wrong, { source: 'u.csv' })).code).toBe('utf16-text');
  });

  it('an unterminated quote names its line', () => {
    const e = dataErrorOf(() => readFixture('unterminated-quote.csv'));
    expect(e.code).toBe('unterminated-quote');
    expect(e.row).toBe(3);
  });

  it('irregular time steps name the first offending line', () => {
    const e = dataErrorOf(() => readFixture('irregular.csv'));
    expect(e.code).toBe('irregular-time');
    expect(e.row).toBe(5);
    expect(e.message).toContain('2024-01-01 03:17');
    expect(e.message).toContain('1 hour 17 minutes after line 4');
  });

  it('duplicates: "error" refuses them with the line', () => {
    const e = dataErrorOf(() => readFixture('duplicates.csv', { duplicates: 'error' }));
    expect(e.code).toBe('duplicate-time');
    expect(e.row).toBe(4);
  });

  it('an unknown or unreadable time column chosen by the user', () => {
    expect(dataErrorOf(() => readFixture('pipe.csv', { timeColumn: 'when' })).code).toBe('unknown-column');
    const e = dataErrorOf(() => readFixture('no-time-column.csv', { timeColumn: 'price' }));
    expect(e.code).toBe('unreadable-time-column');
    expect(e.column).toBe('price');
    expect(e.message).toContain('"1.5"');
  });

  it('DataError is a real Error and converts to a health-panel problem', () => {
    const e = dataErrorOf(() => readFixture('single-row.csv'));
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DataError);
    expect(e.toProblem()).toEqual({ severity: 'error', code: 'single-row', message: e.message, row: 2 });
  });
});
