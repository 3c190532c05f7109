// The dataset a run sends: what main's contract accepts for forecast:start, only the columns
// asked for (in the file's order), the typed arrays themselves rather than copies.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../electron/contract';
import { readDataset } from '../../../engine/data';
import { datasetPayload } from '../../../renderer/shared/dataset-payload';

const { dataset } = readDataset('day,load,temp,rain\n2024-01-01,1,5,0\n2024-01-02,2,6,1.5\n2024-01-03,,7,0\n', { source: 'load.csv' });

describe('datasetPayload', () => {
  it('sends the chosen columns in the file’s order, with the time index, style and frequency', () => {
    const payload = datasetPayload(dataset, ['rain', 'load']);
    expect(payload).toMatchObject({ source: 'load.csv', timeColumn: 'day', timeStyle: dataset.timeStyle, frequency: dataset.frequency, season: dataset.season });
    expect(payload.columns.map((c) => c.name)).toEqual(['load', 'rain']);
    expect(payload.columns[0]!.missing).toBe(1);
    expect(payload.time).toBe(dataset.time);
    expect(payload.columns[0]!.values).toBe(dataset.columns[0]!.values);
  });

  it('sends every numeric column when none are named', () => {
    expect(datasetPayload(dataset).columns.map((c) => c.name)).toEqual(['load', 'temp', 'rain']);
  });

  it('is a dataset main accepts for a run', () => {
    const request = requestSchemas['forecast:start'].entries.dataset;
    expect(v.safeParse(request, datasetPayload(dataset, ['load'])).success).toBe(true);
  });
});

describe('datasetPayload of a long-format file', () => {
  const long = readDataset('store,month,sales\nA,2024-01,1\nA,2024-02,2\nA,2024-03,3\nB,2024-02,5\nB,2024-03,6\nC,2024-01,9\n', { source: 'stores.csv' }).dataset;
  const request = requestSchemas['forecast:start'].entries.dataset;

  it('sends the id columns and every series’ rows, the unusable one with its reason', () => {
    const payload = datasetPayload(long, ['sales']);
    expect(payload.idColumns).toEqual(['store']);
    expect(payload.series?.map((s) => [s.id, s.keys, s.offset, s.length])).toEqual([['A', ['A'], 0, 3], ['B', ['B'], 3, 2], ['C', ['C'], 5, 0]]);
    expect(payload.series?.[2]?.unusable).toMatch(/one data row/);
  });

  it('is accepted by main though the times start again with each series', () => {
    expect(v.safeParse(request, datasetPayload(long, ['sales'])).success).toBe(true);
  });

  it('is refused when a series’ rows go back in time, or the series leave rows out, naming the series', () => {
    const payload = datasetPayload(long, ['sales']);
    const backwards = { ...payload, time: payload.time.slice() };
    backwards.time[1] = backwards.time[0]! - 1;
    const refused = v.safeParse(request, backwards);
    expect(refused.success).toBe(false);
    expect(refused.issues?.[0]?.message).toMatch(/not strictly increasing at row 2 \(series "A"\)/);
    const short = { ...payload, series: payload.series!.slice(0, 1) };
    expect(v.safeParse(request, short).issues?.[0]?.message).toMatch(/cover 3 of the 5 rows/);
  });
});
