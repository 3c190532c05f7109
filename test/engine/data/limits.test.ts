// Size limits (engine/limits.ts): inputs just past a limit are refused with the limit's
// DataError naming the line (and column), inputs at the limit are read — whole text, in chunks,
// quoted or not. The measured cases (100 MB line, 200,000 columns) are in `npm run bench -- hostile`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, DatasetReader, readDataset } from '../../../engine/data';
import { readCsvFile } from '../../../engine/data/read-file';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_LINE_CHARS } from '../../../engine/limits';
import { dataErrorOf } from './helpers';

/** The error of reading `text` in chunks of `size` characters, as the app's import worker does. */
function chunkedError(text: string, size: number): DataError {
  return dataErrorOf(() => {
    const reader = new DatasetReader({ source: 'x.csv' });
    for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
    reader.finish();
  });
}

const rows = 'date,value\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n';

describe('line length', () => {
  const long = 'x'.repeat(MAX_LINE_CHARS + 1);

  it('refuses a line past the limit, with or without a line break after it, naming the line', () => {
    for (const text of [rows + long, rows + long + '\n2024-01-04,4\n']) {
      const e = dataErrorOf(() => readDataset(text, { source: 'x.csv' }));
      expect(e.code).toBe('line-too-long');
      expect(e.row).toBe(5);
      expect(e.message).toContain('line 5 is longer than 4,194,304 characters (the line-length limit)');
      expect(chunkedError(text, 1 << 20)).toMatchObject({ code: 'line-too-long', row: 5 });
    }
  });

  it('refuses a quote that is never closed once its record passes the limit, not at the end of the file', () => {
    const text = rows + '2024-01-04,"' + long + '\n'.repeat(10);
    expect(dataErrorOf(() => readDataset(text))).toMatchObject({ code: 'line-too-long', row: 5 });
    expect(chunkedError(text, 65_536)).toMatchObject({ code: 'line-too-long', row: 5 });
  });

  it('reads a quoted record just under the limit', () => {
    const note = 'n'.repeat(MAX_CELL_CHARS);
    const r = readDataset(`date,value,note\n2024-01-01,1,"${note}"\n2024-01-02,2,x\n2024-01-03,3,x\n`);
    expect(Array.from(r.dataset.columns[0].values)).toEqual([1, 2, 3]);
  });
});

describe('columns', () => {
  const header = (n: number): string => ['date', ...Array.from({ length: n - 1 }, (_, j) => `c${j}`)].join(',');
  const row = (n: number, day: number): string => [`2024-01-0${day}`, ...Array.from({ length: n - 1 }, () => '1')].join(',');

  it('reads a file of exactly the limit of columns', () => {
    const r = readDataset([header(MAX_COLUMNS), row(MAX_COLUMNS, 1), row(MAX_COLUMNS, 2)].join('\n'));
    expect(r.dataset.columns.length).toBe(MAX_COLUMNS - 1);
  });

  it('refuses a record with one field more, quoted or not, naming its line', () => {
    const plain = [header(MAX_COLUMNS), row(MAX_COLUMNS + 1, 1)].join('\n');
    const e = dataErrorOf(() => readDataset(plain));
    expect(e).toMatchObject({ code: 'too-many-columns', row: 2 });
    expect(e.message).toContain('more than 10,000 fields (the column limit)');
    const quoted = [header(MAX_COLUMNS + 1).replace('date', '"date"')].join('\n');
    expect(dataErrorOf(() => readDataset(quoted))).toMatchObject({ code: 'too-many-columns', row: 1 });
  });
});

describe('cell length', () => {
  it('refuses a cell past the limit with its line and column, in the first rows or after them', () => {
    const big = 'y'.repeat(MAX_CELL_CHARS + 1);
    const early = dataErrorOf(() => readDataset(`date,value,note\n2024-01-01,1,x\n2024-01-02,2,${big}\n`));
    expect(early).toMatchObject({ code: 'cell-too-long', row: 3, column: 'note' });
    expect(early.message).toContain('holds 65,537 characters, more than the 65,536 of the cell-length limit');
    const body = Array.from({ length: 1500 }, (_, i) => `${i},${i === 1200 ? big : 'x'}`).join('\n');
    expect(dataErrorOf(() => readDataset(`t,note\n${body}\n`))).toMatchObject({ code: 'cell-too-long', row: 1202, column: 'note' });
    expect(dataErrorOf(() => readDataset(`t,"note"\n${body}\n`))).toMatchObject({ code: 'cell-too-long', row: 1202 });
  });
});

describe('file size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidecast-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a reader told the size refuses a larger file before reading any of it', () => {
    const e = dataErrorOf(() => new DatasetReader({ source: 'big.csv', sizeHint: MAX_FILE_BYTES + 1 }));
    expect(e.code).toBe('file-too-large');
    expect(e.message).toBe('big.csv is 256.0 MiB, larger than the 256 MiB Tidecast reads (the file-size limit). ' +
      'Split it (by period or by series), or remove columns you do not need, and open the parts.');
  });

  it('readCsvFile checks the size on disk first (a sparse 300 MiB file is refused without reading it)', () => {
    const path = join(dir, 'sparse.csv');
    writeFileSync(path, rows);
    truncateSync(path, 300 * 1_048_576);
    const e = dataErrorOf(() => readCsvFile(path));
    expect(e.code).toBe('file-too-large');
    expect(e.message).toContain('sparse.csv is 300 MiB, larger than the 256 MiB');
  });

  it.skipIf(process.platform === 'win32')('readCsvFile reads a pipe, which has no size, to its end', () => {
    const fifo = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // 3 MiB through the pipe: past the first buffer, joined from pieces.
    const body = rows + Array.from({ length: 150_000 }, (_, i) => `2025-01-01,${i % 100}`).join('\n') + '\n';
    const source = join(dir, 'pipe-source.csv');
    writeFileSync(source, body);
    const writer = spawn(process.execPath, ['-e', `const fs = require('fs'); fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[1]))`,
      source, fifo]);
    const read = readCsvFile(fifo);
    expect(read.bytes).toBe(body.length);
    expect(read.text).toBe(body);
    writer.kill();
  });

  it('readCsvFile reads and decodes a file, and says why it cannot', () => {
    const path = join(dir, 'ok.csv');
    writeFileSync(path, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(rows)]));
    expect(readCsvFile(path)).toEqual({ text: '\ufeff' + rows, encoding: 'utf-8', bytes: rows.length + 3 });
    expect(dataErrorOf(() => readCsvFile(join(dir, 'none.csv')))).toMatchObject({ code: 'unreadable-file' });
    expect(dataErrorOf(() => readCsvFile(dir)).message).toContain('it is a folder');
  });
});
