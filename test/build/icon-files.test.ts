// The icon containers: headers, sizes and offsets as Windows and macOS read them, and refusals
// for sizes the formats cannot hold.
import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco } from '../../build/icon-files';

const png = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i === 0 ? 0x89 : i));

describe('encodeIco', () => {
  it('writes a directory of PNG images, 256 px as 0, each at its offset', () => {
    const ico = Buffer.from(encodeIco([[16, png(10)], [256, png(20)]]));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect([ico.readUInt8(6), ico.readUInt8(22)]).toEqual([16, 0]);
    expect([ico.readUInt16LE(6 + 6), ico.readUInt32LE(6 + 8), ico.readUInt32LE(6 + 12)]).toEqual([32, 10, 38]);
    expect(ico.readUInt32LE(22 + 12)).toBe(48);
    expect(ico.length).toBe(68);
    expect(() => encodeIco([[512, png(1)]])).toThrow('An .ico image is 1 to 256 px; got 512.');
  });
});

describe('encodeIcns', () => {
  it('writes typed PNG chunks under an icns header with the total length', () => {
    const icns = Buffer.from(encodeIcns([[256, png(10)], [512, png(5)]]));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.subarray(8, 12).toString('latin1')).toBe('ic08');
    expect(icns.readUInt32BE(12)).toBe(18);
    expect(icns.subarray(26, 30).toString('latin1')).toBe('ic09');
    expect(() => encodeIcns([[48, png(1)]])).toThrow('An .icns PNG image is 128, 256, 512 or 1024 px; got 48.');
  });
});
