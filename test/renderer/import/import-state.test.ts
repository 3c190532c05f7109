// The import state: a read through the worker protocol (here an in-process worker running the
// same engine/data reader), roles set from the columns, a failed read that keeps the previous
// data, a re-read that keeps the user's roles, a newer read replacing an older one, and the
// arrays a run sends.
import { describe, expect, it } from 'vitest';
import { ImportState } from '../../../renderer/import/import-state.svelte';
import type { ImportSource } from '../../../renderer/import/protocol';
import { fakeWorker } from './in-process-worker';

const text = (name: string, body: string): ImportSource => ({ kind: 'text', name, text: body, encoding: 'utf-8', bytes: body.length });
const LOAD = 'day,load,temp,note\n2024-01-01,1,5,a\n2024-01-02,2,6,b\n2024-01-03,3,7,c\n2024-01-04,4,8,d\n';

describe('ImportState', () => {
  it('reads a file, sets the first numeric column as target, and builds the run payload', async () => {
    const importer = new ImportState(fakeWorker());
    expect(await importer.open(text('load.csv', LOAD), 'drop')).toBe(true);
    expect(importer.reading).toBeNull();
    expect(importer.numericColumns).toEqual(['load', 'temp']);
    expect(importer.roles).toEqual({ load: 'target', temp: 'ignore' });
    expect(importer.generation).toBe(1);
    importer.setRole('temp', 'covariate');
    const payload = importer.payload()!;
    expect(payload.columns.map((c) => c.name)).toEqual(['load', 'temp']);
    expect(Array.from(payload.time)).toEqual([0, 1, 2, 3].map((d) => Date.UTC(2024, 0, 1 + d)));
    importer.setRole('temp', 'ignore');
    expect(importer.payload()!.columns.map((c) => c.name)).toEqual(['load']);
    expect(importer.payload({ allColumns: true })!.columns.map((c) => c.name)).toEqual(['load', 'temp']);
  });

  it('keeps the previous data when a new file cannot be read, and says where', async () => {
    const importer = new ImportState(fakeWorker());
    await importer.open(text('load.csv', LOAD), 'drop');
    expect(await importer.open(text('broken.csv', 'date,value\n2024-01-01,"5\n2024-01-02,6\n'), 'drop')).toBe(false);
    expect(importer.data?.name).toBe('load.csv');
    expect(importer.failure).toMatchObject({ name: 'broken.csv', error: { code: 'unterminated-quote', row: 2 } });
    expect(importer.generation).toBe(1);
  });

  it('reads the file again with another time column, keeping the user’s roles', async () => {
    const importer = new ImportState(fakeWorker());
    await importer.open(text('load.csv', LOAD), 'drop');
    importer.setRole('temp', 'target');
    expect(await importer.reread({ timeColumn: null })).toBe(true);
    expect(importer.data?.detected.timeColumn).toBeNull();
    expect(importer.roles).toEqual({ load: 'ignore', temp: 'target' });
    expect(importer.options).toEqual({ timeColumn: null });
  });

  it('reads a long file as its series, as one series when the id column is let go, and as its series again', async () => {
    const importer = new ImportState(fakeWorker());
    await importer.open(text('stores.csv', 'store,month,sales\nA,2024-01,1\nA,2024-02,2\nB,2024-01,3\nB,2024-02,4\nB,2024-03,5\n'), 'drop');
    expect(importer.idCandidates).toEqual(['store']);
    expect(importer.manySeries).toBe(true);
    expect(importer.seriesRows.map((r) => [r.name, r.length])).toEqual([['A', 2], ['B', 3]]);
    expect(importer.payload()!.series?.map((s) => s.id)).toEqual(['A', 'B']);
    await importer.reread({ idColumns: [] });
    expect(importer.manySeries).toBe(false);
    // Still offered, though a read without id columns looks for none.
    expect(importer.idCandidates).toEqual(['store']);
    expect(importer.payload()!.series).toBeUndefined();
    await importer.reread({ idColumns: ['store'] });
    expect(importer.dataset!.series).toHaveLength(2);
  });

  it('makes each numeric column of a wide file a series when asked, and sends every column', async () => {
    const importer = new ImportState(fakeWorker());
    await importer.open(text('load.csv', LOAD), 'drop');
    expect(importer.canBeWide).toBe(true);
    expect(importer.manySeries).toBe(false);
    importer.setLayout('wide');
    expect(importer.manySeries).toBe(true);
    expect(importer.seriesRows.map((r) => r.name)).toEqual(['load', 'temp']);
    expect(importer.payload()!.columns.map((c) => c.name)).toEqual(['load', 'temp']);
    expect(importer.rolesProblem).toBeNull();
  });

  it('lets a newer read replace one still in progress', async () => {
    const importer = new ImportState(fakeWorker(20));
    const first = importer.open(text('first.csv', LOAD), 'drop');
    const second = importer.open(text('second.csv', LOAD.replace('load', 'power')), 'drop');
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(importer.data?.name).toBe('second.csv');
    expect(importer.numericColumns).toEqual(['power', 'temp']);
  });

  it('sends nothing to train before a target is chosen', async () => {
    const importer = new ImportState(fakeWorker());
    await importer.open(text('load.csv', LOAD), 'drop');
    importer.setRole('load', 'ignore');
    expect(importer.payload()).toBeNull();
    expect(importer.rolesProblem).toContain('Choose the column to forecast');
  });
});
