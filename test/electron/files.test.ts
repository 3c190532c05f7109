// Atomic writes, renderer-supplied names and text decoding: a save is all or nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite, isSafeDataName, readTextFile, safeFileName, safeFolderName, withExtension, type AtomicWriteFs } from '../../electron/files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidecast-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real file system, with one step made to fail. */
function failingFs(step: 'writeFile' | 'sync' | 'close' | 'rename'): AtomicWriteFs {
  const fail = async (): Promise<never> => {
    throw Object.assign(new Error(`simulated ${step} failure`), { code: 'ENOSPC' });
  };
  return {
    open: async (path, flags, mode) => {
      const handle = await fsp.open(path, flags, mode);
      return {
        writeFile: step === 'writeFile' ? async (data: string | Uint8Array) => { await handle.writeFile(typeof data === 'string' ? data.slice(0, 3) : data.subarray(0, 3)); return fail(); } : (data: string | Uint8Array) => handle.writeFile(data),
        sync: step === 'sync' ? fail : () => handle.sync(),
        close: step === 'close' ? async () => { await handle.close(); return fail(); } : () => handle.close(),
      };
    },
    rename: step === 'rename' ? fail : fsp.rename,
    unlink: fsp.unlink,
  };
}

describe('atomicWrite', () => {
  it('writes text and bytes, leaving no temp file', async () => {
    await atomicWrite(join(dir, 'a.csv'), 'date,value\n2024-01-01,1\n');
    await atomicWrite(join(dir, 'b.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('date,value\n2024-01-01,1\n');
    expect([...readFileSync(join(dir, 'b.png'))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.png']);
  });

  it('replaces an existing file whole', async () => {
    writeFileSync(join(dir, 'a.csv'), 'old content that is longer than the new one');
    await atomicWrite(join(dir, 'a.csv'), 'new');
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new');
  });

  it.each(['writeFile', 'sync', 'close', 'rename'] as const)('a failure at %s leaves neither the target nor a temp file', async (step) => {
    await expect(atomicWrite(join(dir, 'out.csv'), 'x'.repeat(1000), failingFs(step))).rejects.toThrow(`simulated ${step} failure`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(['writeFile', 'sync', 'rename'] as const)('a failure at %s keeps the previous file intact', async (step) => {
    writeFileSync(join(dir, 'out.csv'), 'previous');
    await expect(atomicWrite(join(dir, 'out.csv'), 'replacement', failingFs(step))).rejects.toThrow();
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(atomicWrite(join(dir, 'missing', 'x.csv'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('isSafeDataName', () => {
  it.each(['au_wine_sales.csv', 'my data (2).csv', 'ünïcode.csv', '.hidden.csv', 'a..b.csv'])('accepts %s', (name) => {
    expect(isSafeDataName(name)).toBe(true);
  });

  it.each(['', '.', '..', '../secret.csv', '..\\secret.csv', 'a/b.csv', 'a\\b.csv', '/etc/passwd', 'C:\\x.csv', 'C:x.csv', 'x\u0000.csv', 'line\nbreak.csv', 'x'.repeat(256)])(
    'rejects %j',
    (name) => {
      expect(isSafeDataName(name)).toBe(false);
    },
  );
});

describe('safeFolderName', () => {
  it('keeps a plain name as it is, with no extension, and strips path parts and reserved names', () => {
    expect(safeFolderName('au_wine_sales ONNX lstm 1×32')).toBe('au_wine_sales ONNX lstm 1×32');
    expect(safeFolderName('../../etc/evil.')).toBe('evil');
    expect(safeFolderName('CON')).toBe('tidecast-export');
    expect(isSafeDataName(safeFolderName('a/b:c*d'))).toBe(true);
  });
});

describe('safeFileName', () => {
  it.each([
    ['forecast', 'csv', 'forecast.csv'],
    ['forecast.csv', 'csv', 'forecast.csv'],
    ['Forecast.CSV', 'csv', 'Forecast.csv'],
    ['sales 2024.v2', 'csv', 'sales 2024.v2.csv'],
    ['../../etc/passwd', 'csv', 'passwd.csv'],
    ['..\\..\\Windows\\win', 'png', 'win.png'],
    ['/abs/path/chart', 'png', 'chart.png'],
    ['a<b>c:d"e|f?g*h', 'csv', 'a b c d e f g h.csv'],
    ['  spaced   out  ', 'json', 'spaced out.json'],
    ['.bashrc', 'csv', 'bashrc.csv'],
    ['trailing dots...', 'csv', 'trailing dots.csv'],
    ['CON', 'csv', 'tidecast-export.csv'],
    ['nul.txt', 'csv', 'tidecast-export.csv'],
    ['', 'tidecast', 'tidecast-export.tidecast'],
    ['..', 'csv', 'tidecast-export.csv'],
    ['tab\there', 'csv', 'tab here.csv'],
  ])('%j as .%s → %j', (suggested, ext, expected) => {
    expect(safeFileName(suggested, ext)).toBe(expected);
  });

  it('caps the length so the name fits every file system', () => {
    const name = safeFileName('x'.repeat(500), 'csv');
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.endsWith('.csv')).toBe(true);
  });

  it('always yields a name isSafeDataName accepts', () => {
    for (const s of ['../../a', 'C:\\b', '\u0000', '////', 'a/../../b', '. .', '\\\\server\\share\\c']) {
      expect(isSafeDataName(safeFileName(s, 'csv')), s).toBe(true);
    }
  });
});

describe('withExtension', () => {
  it('adds the extension only when the chosen name has none', () => {
    expect(withExtension('/home/u/forecast', 'csv')).toBe('/home/u/forecast.csv');
    expect(withExtension('/home/u/forecast.txt', 'csv')).toBe('/home/u/forecast.txt');
    expect(withExtension('/home/u.v2/forecast', 'csv')).toBe('/home/u.v2/forecast.csv');
  });
});

describe('readTextFile', () => {
  it('refuses a file over the limit before reading it', async () => {
    writeFileSync(join(dir, 'big.csv'), 'x'.repeat(2000));
    await expect(readTextFile(join(dir, 'big.csv'), 1000)).rejects.toThrow('"big.csv" is 2.0 KB; Tidecast opens files up to 1000 B.');
  });

  it('reads and reports size and encoding, keeping a BOM for the CSV reader to report', async () => {
    writeFileSync(join(dir, 'a.csv'), '\ufeffdate,value\n');
    expect(await readTextFile(join(dir, 'a.csv'), 1000)).toEqual({ text: '\ufeffdate,value\n', encoding: 'utf-8', bytes: 14 });
  });

  it('decodes an Excel-on-Windows export (Windows-1252), not as Latin-1', async () => {
    // "café;12,5 €" in Windows-1252: é = 0xE9, € = 0x80 (Latin-1 would give U+0080).
    writeFileSync(join(dir, 'w.csv'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x3b, 0x31, 0x32, 0x2c, 0x35, 0x20, 0x80]));
    expect(await readTextFile(join(dir, 'w.csv'), 1000)).toEqual({ text: 'café;12,5 €', encoding: 'windows-1252', bytes: 11 });
  });

  it('decodes UTF-16 with a BOM (Excel "Unicode text")', async () => {
    writeFileSync(join(dir, 'u.csv'), Buffer.from([0xff, 0xfe, 0x61, 0x00, 0xe9, 0x00]));
    expect(await readTextFile(join(dir, 'u.csv'), 1000)).toMatchObject({ text: '\ufeffaé', encoding: 'utf-16le' });
  });

  it('refuses a folder', async () => {
    await expect(readTextFile(dir, 1000)).rejects.toThrow('is not a regular file');
  });
});
