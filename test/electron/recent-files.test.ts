// Open Recent's list: newest first, each file once, ten at most, kept on disk between launches;
// a damaged or foreign file on disk is an empty list.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT, parseRecentFiles, RecentFiles, withRecent, type RecentFile } from '../../electron/recent-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidecast-recent-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('withRecent', () => {
  it('puts the file first, once, and keeps ten', () => {
    let list: RecentFile[] = Array.from({ length: MAX_RECENT }, (_, i) => ({ path: `/d/${i}.csv`, kind: 'data' }));
    list = withRecent(list, { path: '/d/3.csv', kind: 'data' });
    expect(list.map((f) => f.path).slice(0, 3)).toEqual(['/d/3.csv', '/d/0.csv', '/d/1.csv']);
    expect(list).toHaveLength(MAX_RECENT);
    list = withRecent(list, { path: '/p/new.tidecast', kind: 'project' });
    expect(list[0]).toEqual({ path: '/p/new.tidecast', kind: 'project' });
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.map((f) => f.path)).not.toContain('/d/9.csv');
  });
});

describe('parseRecentFiles', () => {
  it('reads what it wrote, and nothing from a damaged or foreign file', () => {
    expect(parseRecentFiles('{"files":[{"path":"/a.csv","kind":"data"},{"path":"/a.csv","kind":"data"}]}')).toEqual([{ path: '/a.csv', kind: 'data' }]);
    expect(parseRecentFiles('not json')).toEqual([]);
    expect(parseRecentFiles('{"files":[{"path":"relative.csv","kind":"data"}]}')).toEqual([]);
    expect(parseRecentFiles('{"files":[{"path":"/a.exe","kind":"program"}]}')).toEqual([]);
  });
});

describe('RecentFiles', () => {
  it('keeps the list on disk across launches and tells main each time it changes', async () => {
    const file = join(dir, 'recent-files.json');
    const changes: string[][] = [];
    const recent = new RecentFiles(file, { onChange: (files) => changes.push(files.map((f) => f.path)) });
    await recent.load();
    recent.add('/data/sales.csv', 'data');
    recent.add('/data/wine.tidecast', 'project');
    await recent.flush();
    expect(changes).toEqual([[], ['/data/sales.csv'], ['/data/wine.tidecast', '/data/sales.csv']]);

    const again = new RecentFiles(file);
    await again.load();
    expect(again.files).toEqual([{ path: '/data/wine.tidecast', kind: 'project' }, { path: '/data/sales.csv', kind: 'data' }]);
    again.remove('/data/sales.csv');
    again.clear();
    await again.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ files: [] });
  });

  it('starts empty without a file, and reports a failed write without losing the list in memory', async () => {
    const onError = vi.fn();
    const recent = new RecentFiles(join(dir, 'missing', 'recent.json'), { onError });
    await recent.load();
    expect(recent.files).toEqual([]);
    recent.add('/a.csv', 'data');
    await recent.flush();
    expect(onError).toHaveBeenCalledOnce();
    expect(recent.files).toEqual([{ path: '/a.csv', kind: 'data' }]);
  });
});
