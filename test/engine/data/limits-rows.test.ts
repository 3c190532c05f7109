// The row limit, with the limit lowered to 5,000 for this file: the real 20,000,000 rows take
// a gigabyte and many seconds (that case is measured by `npm run bench -- hostile`); the code
// path that counts and refuses is the same.
import { describe, expect, it, vi } from 'vitest';
import { DatasetReader, readDataset } from '../../../engine/data';
import { dataErrorOf } from './helpers';

vi.mock('../../../engine/limits', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_ROWS: 5000 }));

const csv = (n: number): string => 't,value\n' + Array.from({ length: n }, (_, i) => `${i + 1},${i}`).join('\n') + '\n';

describe('row limit', () => {
  it('reads a file of exactly the limit of rows', () => {
    expect(readDataset(csv(5000)).dataset.time.length).toBe(5000);
    const reader = new DatasetReader({ sizeHint: csv(5000).length });
    reader.push(csv(5000));
    expect(reader.finish().dataset.time.length).toBe(5000);
  });

  it('refuses the first row past it, naming its line and the limit', () => {
    const e = dataErrorOf(() => readDataset(csv(5001), { source: 'x.csv' }));
    expect(e).toMatchObject({ code: 'too-many-rows', row: 5002 });
    expect(e.message).toBe('x.csv has more than 5,000 data rows (the row limit; line 5002 is the first past it). ' +
      'Aggregate the data to a coarser step, or split it into several files.');
  });
});
