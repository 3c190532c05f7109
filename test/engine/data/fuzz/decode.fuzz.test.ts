// Fuzz target: bytes → text. Any bytes decode without throwing to one of the four encodings;
// text encoded as UTF-8 (with or without BOM) or UTF-16 with a BOM decodes to itself; bytes
// that are not UTF-8 decode as Windows-1252, one character per byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectEncoding } from '../../../../engine/data';
import { fuzzParameters, fuzzTimeout } from '../../../fuzz/config';

const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
};

/** Text as files hold it: any characters but NUL (which marks UTF-16 without a BOM). */
const text = fc.string({ unit: 'grapheme', maxLength: 200 }).filter((t) => !t.includes('\u0000'));

describe('decoder fuzz', () => {
  it('any bytes decode to text in one of the four encodings', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const r = decodeCsvBytes(bytes);
      expect(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).toContain(r.encoding);
      expect(typeof r.text).toBe('string');
      if (r.encoding === 'windows-1252') expect(r.text.length).toBe(bytes.length);
    }), fuzzParameters());
  }, fuzzTimeout(2));

  it('text encoded as UTF-8 or as UTF-16 with a BOM decodes to itself (a BOM kept as U+FEFF)', () => {
    fc.assert(fc.property(text, fc.boolean(), (t, bom) => {
      const utf8 = new TextEncoder().encode(t);
      const bytes = bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]) : utf8;
      expect(decodeCsvBytes(bytes)).toEqual({ text: (bom ? '\ufeff' : '') + t, encoding: 'utf-8' });
      expect(decodeCsvBytes(utf16(t, false))).toEqual({ text: '\ufeff' + t, encoding: 'utf-16le' });
      expect(decodeCsvBytes(utf16(t, true))).toEqual({ text: '\ufeff' + t, encoding: 'utf-16be' });
    }), fuzzParameters());
  }, fuzzTimeout(2));

  it('UTF-8 is recognised when a character straddles the end of the first megabyte that detection reads', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).filter((c) => !c.includes('\u0000')), (k, chars) => {
      const tail = new TextEncoder().encode(chars);
      const bytes = new Uint8Array((1 << 20) - k + tail.length).fill(0x61);
      bytes.set(tail, (1 << 20) - k);
      expect(detectEncoding(bytes)).toBe('utf-8');
    }), fuzzParameters({ numRuns: Math.min(200, fuzzParameters().numRuns!) }));
  }, fuzzTimeout(20));
});
