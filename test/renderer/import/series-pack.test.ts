// The series cross from the import worker as flat arrays and come back as the same objects:
// ids, keys (one or several id columns), rows, gaps, duplicates, findings and unusable reasons.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { packSeries, unpackSeries } from '../../../renderer/import/series-pack';

describe('packSeries / unpackSeries', () => {
  it('gives back the series of a long file exactly', () => {
    const { dataset } = readDataset('store,month,sales\nA,2024-01,1\nA,2024-03,2\nB,2024-01,3\nB,2024-01,4\nB,2024-02,5\nC,2024-01,9\n', { source: 's.csv' });
    const packed = packSeries(dataset.series, 1);
    expect(packed.keys).toEqual([]);
    expect(unpackSeries(structuredClone(packed))).toEqual(dataset.series);
  });

  it('keeps several keys per series and the one series of a plain file', () => {
    const { dataset } = readDataset('store,item,month,sales\nA,x,2024-01,1\nA,x,2024-02,2\nA,y,2024-01,3\nA,y,2024-02,4\n', { source: 's.csv', idColumns: ['store', 'item'] });
    expect(dataset.series.map((s) => s.keys)).toEqual([['A', 'x'], ['A', 'y']]);
    expect(unpackSeries(packSeries(dataset.series, 2))).toEqual(dataset.series);
    const one = readDataset('month,sales\n2024-01,1\n2024-02,2\n', { source: 'o.csv' }).dataset.series;
    expect(unpackSeries(packSeries(one, 0))).toEqual(one);
  });
});
