// Fuzz target: number cells. Any text under any style reads as a finite number or NaN, the same
// inside a longer line as alone; plain decimals read exactly as JavaScript's Number reads them;
// numbers written with a style's grouping and decimal mark read back to themselves; and style
// detection always names a style.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectNumberStyle, parseNumber } from '../../../../engine/data';
import type { NumberStyle } from '../../../../engine/data';
import { classifyNonNumber } from '../../../../engine/data/numbers';
import { fuzzParameters, fuzzTimeout } from '../../../fuzz/config';
import { junkCell, numberCell } from './arbitraries';

const style: fc.Arbitrary<NumberStyle> = fc.oneof(
  fc.constant<NumberStyle>({ decimal: '.', thousands: '' }), fc.constant<NumberStyle>({ decimal: '.', thousands: ',' }),
  fc.constant<NumberStyle>({ decimal: ',', thousands: '.' }), fc.constant<NumberStyle>({ decimal: ',', thousands: ' ' }),
  fc.constant<NumberStyle>({ decimal: '.', thousands: "'" }), fc.constant<NumberStyle>({ decimal: ',', thousands: '' }),
);

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: min, maxLength: max });

/** Plain decimals as files write them: sign, digits, a point, more digits, maybe an exponent. */
const plainDecimal = fc.tuple(fc.constantFrom('', '-', '+'), digits(1, 25), fc.option(digits(0, 25)), fc.option(fc.integer({ min: -330, max: 330 })))
  .map(([sign, int, frac, exp]) => `${sign}${int}${frac !== null ? `.${frac}` : ''}${exp !== null ? `e${exp}` : ''}`);

/** `x` written with the style's marks: thousands grouped in threes, the decimal mark. */
function written(x: number, s: NumberStyle, decimals: number): string {
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const grouped = s.thousands === '' ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, s.thousands);
  return `${x < 0 ? '-' : ''}${grouped}${frac !== undefined ? s.decimal + frac : ''}`;
}

describe('number cells fuzz', () => {
  it('any text reads as a finite number or NaN, the same alone and inside a line', () => {
    fc.assert(fc.property(fc.oneof(numberCell, junkCell), style, fc.string({ maxLength: 3 }), (cell, s, around) => {
      const alone = parseNumber(cell, 0, cell.length, s);
      expect(alone !== alone || Number.isFinite(alone)).toBe(true);
      const line = around + cell + around;
      expect(Object.is(parseNumber(line, around.length, around.length + cell.length, s), alone)).toBe(true);
      classifyNonNumber(line, around.length, around.length + cell.length);
    }), fuzzParameters());
  }, fuzzTimeout(2));

  it('plain decimals read exactly as Number reads them (NaN past the largest double)', () => {
    fc.assert(fc.property(plainDecimal, (text) => {
      const expected = Number(text);
      expect(Object.is(parseNumber(text, 0, text.length, { decimal: '.', thousands: '' }), Number.isFinite(expected) ? expected : NaN))
        .toBe(true);
    }), fuzzParameters());
  }, fuzzTimeout(2));

  it('numbers written in a style read back to themselves', () => {
    fc.assert(fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), style, fc.integer({ min: 0, max: 4 }), (x, s, decimals) => {
      const text = written(x, s, decimals);
      expect(parseNumber(text, 0, text.length, s)).toBe(Number(Math.abs(x).toFixed(decimals)) * (text.startsWith('-') ? -1 : 1));
    }), fuzzParameters());
  }, fuzzTimeout(2));

  it('style detection names a style for any cells', () => {
    fc.assert(fc.property(fc.array(fc.oneof(numberCell, junkCell), { maxLength: 30 }), fc.constantFrom(',', ';', '\t', '|'), (cells, delimiter) => {
      const guess = detectNumberStyle(cells, delimiter);
      expect(['.', ',']).toContain(guess.style.decimal);
      expect(guess.style.thousands).not.toBe(guess.style.decimal);
    }), fuzzParameters());
  }, fuzzTimeout(2));
});
