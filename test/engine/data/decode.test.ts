// Bytes → text: UTF-8 (BOM kept for the reader to report), UTF-16 with or without BOM, and
// Windows-1252 with its 0x80–0x9F characters (€ is 0x80).
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, readDataset } from '../../../engine/data';
import { fixtureText, readFixture } from './helpers';

describe('decodeCsvBytes', () => {
  it('UTF-8 with BOM keeps U+FEFF for the reader', () => {
    const r = decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]));
    expect(r).toEqual({ text: '\ufeffaé', encoding: 'utf-8' });
  });

  it('UTF-16 LE with a BOM, and without one by its NUL pattern', () => {
    expect(decodeCsvBytes(Uint8Array.from([0xff, 0xfe, 0x61, 0, 0x62, 0]))).toEqual({ text: '\ufeffab', encoding: 'utf-16le' });
    const le = Uint8Array.from([...'date,v\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeCsvBytes(le)).toEqual({ text: 'date,v\n1,2\n', encoding: 'utf-16le' });
    const be = Uint8Array.from([...'date,v\n1,2\n'].flatMap((c) => [0, c.charCodeAt(0)]));
    expect(decodeCsvBytes(be).encoding).toBe('utf-16be');
  });

  it('Windows-1252 when the bytes are not UTF-8, with € and smart quotes', () => {
    const r = decodeCsvBytes(Uint8Array.from([0x80, 0x20, 0xb0, 0x43, 0x20, 0x93, 0x61, 0x94]));
    expect(r).toEqual({ text: '€ °C “a”', encoding: 'windows-1252' });
  });

  it('the decoded fixtures read as data', () => {
    const cp = readFixture('windows-1252.csv');
    expect(cp.dataset.columns.map((c) => c.name)).toEqual(['Temp °C', 'Prix €']);
    expect(Array.from(cp.dataset.columns[1].values)).toEqual([12, 12.5, 13]);
    const u16 = readFixture('utf16le.csv');
    expect(u16.detected).toMatchObject({ bom: true, delimiter: '\t', newline: '\r\n' });
    expect(Array.from(u16.dataset.columns[0].values)).toEqual([1, 2, 3]);
    expect(readDataset(fixtureText('utf16le.csv')).dataset.timeColumn).toBe('date');
  });
});
