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
