// Number cells: exact values for plain decimals, grouping checked for real, the per-file style
// decided from evidence (expected values are the numbers as a person reads the cells).
import { describe, expect, it } from 'vitest';
import { detectNumberStyle, parseNumber } from '../../../engine/data';
import type { NumberStyle } from '../../../engine/data';
import { parseNumberSlow } from '../../../engine/data/numbers';

const read = (cell: string, style: NumberStyle): number => parseNumber(cell, 0, cell.length, style);
const US: NumberStyle = { decimal: '.', thousands: ',' };
const DE: NumberStyle = { decimal: ',', thousands: '.' };
const FR: NumberStyle = { decimal: ',', thousands: ' ' };
const CH: NumberStyle = { decimal: '.', thousands: "'" };

describe('parseNumber', () => {
  it('reads plain decimals exactly as Number() does (correct rounding)', () => {
    for (const cell of ['0', '-0', '1', '0.1', '0.3', '123.456', '-98.76', '+5', '.5', '5.', '999999999999999',
      '0.000001', '12345.678901', '3.14159265358979']) {
      expect(read(cell, US)).toBe(Number(cell));
    }
    // More than 15 digits goes the slow way, still exactly Number().
    expect(read('1234567890123456789', US)).toBe(1234567890123456789);
    expect(read('0.12345678901234567', US)).toBe(0.12345678901234567);
  });

  it('trims spaces and tabs, and reads cells inside a longer text', () => {
    expect(read('  42.5\t', US)).toBe(42.5);
    const line = '2024-01-01,17.25,x';
    expect(parseNumber(line, 11, 16, US)).toBe(17.25);
  });

  it('reads thousands separators only when the groups are real', () => {
    expect(read('1,234.5', US)).toBe(1234.5);
    expect(read('12,345,678', US)).toBe(12345678);
    expect(read('1.234,5', DE)).toBe(1234.5);
    expect(read('1.234.567,89', DE)).toBe(1234567.89);
    expect(read('1 234,5', FR)).toBe(1234.5);
    expect(read('1\u00a0234\u202f567,5', FR)).toBe(1234567.5);
    expect(read("1'234.50", CH)).toBe(1234.5);
    // Wrong groups are not numbers: "1.5" in a "." thousands file must not become 15.
    expect(read('1.5', DE)).toBeNaN();
    expect(read('1,23.4', US)).toBeNaN();
    expect(read('1234,567.8', US)).toBeNaN();
    expect(read('12,5', US)).toBeNaN();
  });

  it('reads exponents, currency, percent and accounting negatives', () => {
    expect(read('1.5e-3', US)).toBe(0.0015);
    expect(read('2E6', US)).toBe(2e6);
    expect(read('$1,234.50', US)).toBe(1234.5);
    expect(read('-$5', US)).toBe(-5);
    expect(read('12,50 €', DE)).toBe(12.5);
    expect(read('45%', US)).toBe(45);
    expect(read('(1,200.00)', US)).toBe(-1200);
  });

  it('refuses what is not a number', () => {
    for (const cell of ['', ' ', 'abc', '1.2.3', '--5', '1e', 'Infinity', 'NaN', '0x1F', '12a', '1,5', '#VALUE!']) {
      expect(read(cell, US)).toBeNaN();
    }
  });

  it('the slow path agrees with the fast path on plain cells', () => {
    for (const cell of ['1', '-2.5', '0.001', '123456.789']) expect(parseNumberSlow(cell, US)).toBe(read(cell, US));
  });
});

describe('detectNumberStyle', () => {
  it('a cell with both marks decides: the last one is the decimal mark', () => {
    expect(detectNumberStyle(['1,234.5', '17'], ',').style).toEqual({ decimal: '.', thousands: ',' });
    expect(detectNumberStyle(['1.234,5', '17'], ';').style).toEqual({ decimal: ',', thousands: '.' });
  });

  it('a single mark not followed by three digits is a decimal mark', () => {
    expect(detectNumberStyle(['3,5', '-1,0', '12'], ';').style).toEqual({ decimal: ',', thousands: '' });
    expect(detectNumberStyle(['3.5', '12'], ',').style).toEqual({ decimal: '.', thousands: '' });
    expect(detectNumberStyle(['0,125'], ',').style.decimal).toBe(','); // a leading 0 is never a group
    expect(detectNumberStyle(['1234,567'], ',').style.decimal).toBe(','); // four digits before it
  });

  it('repeated marks are grouping', () => {
    expect(detectNumberStyle(['1.234.567'], ';').style).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberStyle(['1,234,567'], ',').style).toEqual({ decimal: '.', thousands: ',' });
  });

  it('space groups and apostrophes', () => {
    expect(detectNumberStyle(['1 234,5', '999,5'], ';').style).toEqual({ decimal: ',', thousands: ' ' });
    expect(detectNumberStyle(["1'234.5"], ',').style).toEqual({ decimal: '.', thousands: "'" });
  });

  it('"1,234" alone is ambiguous: decimal comma with ";" columns, grouping otherwise — and says so', () => {
    const semi = detectNumberStyle(['1,234', '5,678'], ';');
    expect(semi.style.decimal).toBe(',');
    expect(semi.ambiguous).toBe(true);
    const comma = detectNumberStyle(['1,234', '5,678'], '\t');
    expect(comma.style).toEqual({ decimal: '.', thousands: ',' });
    expect(comma.ambiguous).toBe(true);
    expect(detectNumberStyle(['1', '2', '3'], ',').ambiguous).toBe(false);
    // "100.250" with "," between columns: a decimal (grouping "." would come with decimal ",").
    expect(detectNumberStyle(['100.250', '101.500'], ',')).toMatchObject({ style: { decimal: '.' }, ambiguous: false });
    expect(detectNumberStyle(['100.250', '101.500'], ';')).toMatchObject({ style: { decimal: '.' }, ambiguous: true });
  });

  it('ignores text and malformed cells', () => {
    expect(detectNumberStyle(['abc', '12..5', 'n/a', '2.5'], ',').style).toEqual({ decimal: '.', thousands: '' });
  });
});
