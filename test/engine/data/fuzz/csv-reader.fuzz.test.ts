// Fuzz target: the CSV reader, whole text and chunked at random boundaries (see properties.ts
// for the rules), over generated exports, series and junk (arbitraries.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters, fuzzTimeout } from '../../../fuzz/config';
import { anyCsv, chunksOf, seriesText } from './arbitraries';
import { readChunked, readWhole } from './properties';

const options = fc.record({
  timeColumn: fc.option(fc.constantFrom('date', 't', 'value', 'nope'), { nil: undefined }),
  dateOrder: fc.option(fc.constantFrom('day-first' as const, 'month-first' as const), { nil: undefined }),
  duplicates: fc.option(fc.constantFrom('mean' as const, 'sum' as const, 'last' as const, 'error' as const), { nil: undefined }),
  decimal: fc.option(fc.constantFrom('.' as const, ',' as const), { nil: undefined }),
}, { requiredKeys: [] });

describe('CSV reader fuzz', () => {
  it('reads any text into a valid dataset or one DataError', () => {
    fc.assert(fc.property(anyCsv, options, (text, o) => {
      readWhole(text, o);
    }), fuzzParameters());
  }, fuzzTimeout(50));

  it('reading in chunks at any boundaries gives what reading the whole text gives', () => {
    fc.assert(fc.property(anyCsv, fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 1, max: 120 }), (text, cuts, sniffLines) => {
      expect(readChunked(chunksOf(text, cuts), sniffLines)).toEqual(readWhole(text, { sniffLines }));
    }), fuzzParameters());
  }, fuzzTimeout(100));

  it('time series as users write them read to a regular index', () => {
    fc.assert(fc.property(seriesText, (text) => {
      readWhole(text);
    }), fuzzParameters());
  }, fuzzTimeout(50));
});
