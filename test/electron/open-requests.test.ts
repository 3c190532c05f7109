// Files opened from outside the page: read by main into what the page opens (data or project,
// by extension), failures explained with the file, and held until the page can take them.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingOpens, readOpenRequest } from '../../electron/open-requests';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidecast-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readOpenRequest', () => {
  it('reads a CSV as data and a .tidecast file as a project, decoded', async () => {
    writeFileSync(join(dir, 'sales.csv'), 'day,sales\n2024-01-01,1\n');
    writeFileSync(join(dir, 'Wine.tidecast'), Buffer.from('\ufeff{"format":"tidecast-project"}', 'utf8'));
    expect(await readOpenRequest(join(dir, 'sales.csv'))).toEqual({ ok: true, value: { kind: 'data', name: 'sales.csv', text: 'day,sales\n2024-01-01,1\n', bytes: 23, encoding: 'utf-8' } });
    const project = await readOpenRequest(join(dir, 'Wine.tidecast'));
    expect(project).toMatchObject({ ok: true, value: { kind: 'project', name: 'Wine.tidecast', encoding: 'utf-8' } });
  });

  it('explains a file that is gone, too large, or a folder, naming it', async () => {
    expect(await readOpenRequest(join(dir, 'moved.csv'))).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Could not open "moved.csv": the file or folder does not exist. It may have been moved or deleted.', where: join(dir, 'moved.csv') },
    });
    writeFileSync(join(dir, 'big.csv'), '');
    truncateSync(join(dir, 'big.csv'), 2048);
    expect(await readOpenRequest(join(dir, 'big.csv'), 1024)).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining('"big.csv" is 2.0 KB; Tidecast opens files up to 1.0 KB.') } });
    expect(await readOpenRequest(dir)).toMatchObject({ ok: false, error: { code: 'io-failed' } });
  });
});

describe('PendingOpens', () => {
  it('holds paths until the page is ready, then passes them in order, later ones at once', () => {
    const delivered: string[] = [];
    const pending = new PendingOpens((path) => delivered.push(path));
    pending.request(['/a.csv']);
    pending.request(['/b.tidecast']);
    expect(delivered).toEqual([]);
    pending.ready();
    expect(delivered).toEqual(['/a.csv', '/b.tidecast']);
    pending.request(['/c.csv']);
    expect(delivered).toEqual(['/a.csv', '/b.tidecast', '/c.csv']);
    pending.hold();
    pending.request(['/d.csv']);
    expect(delivered).toHaveLength(3);
    pending.ready();
    expect(delivered.at(-1)).toBe('/d.csv');
  });
});
