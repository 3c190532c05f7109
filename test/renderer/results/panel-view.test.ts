// The results of a run over many series as the page shows them: a row per series with its
// backtest sMAPE and verdict, the skipped ones last with the reason; each series' history found
// in the open file by id; the chart of one series with both bands, of several with the 80% ones.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { panelChart, panelHistories, panelRows } from '../../../renderer/results/panel-view';
import { panelOutcome } from './fixtures';

const csv = 'store,month,sales\nnorth,2023-11,8\nnorth,2023-12,9\nnorth,2024-01,10\nnorth,2024-02,12\n"south, inner",2024-01,4\n"south, inner",2024-02,5\neast,2024-02,1\n';
const { dataset } = readDataset(csv, { source: 'stores.csv' });
const run = panelOutcome().run;

describe('panelHistories', () => {
  it('finds each series’ rows of the target in the open file by its id', () => {
    const h = panelHistories(run, dataset, 'sales', false);
    expect([...h[0]!.values]).toEqual([8, 9, 10, 12]);
    expect([...h[1]!.values]).toEqual([4, 5]);
    expect(h[1]!.time[0]).toBe(Date.UTC(2024, 0, 1));
  });

  it('has none when the run’s data is not open', () => {
    expect(panelHistories(run, null, 'sales', false)).toEqual([null, null]);
  });
});

describe('panelRows', () => {
  it('lists the forecast series with their error and verdict, then the skipped ones with why', () => {
    const rows = panelRows(run, panelHistories(run, dataset, 'sales', false));
    expect(rows.map((r) => [r.index, r.name, r.length, r.unusable])).toEqual([
      [0, 'north', 14, null],
      [1, 'south, inner', 3, null],
      [2, 'east', 0, '1 value(s); a forecast needs at least 3.'],
    ]);
    expect(rows[0]!.error).toBe(4);
    expect(Number.isNaN(rows[1]!.error)).toBe(true);
    expect(rows[0]!.verdict).toBe('The model beat the naive forecast.');
    expect(rows[0]!.start).toBe(Date.UTC(2023, 10, 1));
    expect(rows[0]!.end).toBe(Date.UTC(2024, 1, 1));
  });
});

describe('panelChart', () => {
  const histories = panelHistories(run, dataset, 'sales', false);

  it('draws one series’ history, forecast joined to the last actual value, and both bands', () => {
    const chart = panelChart(run, [0], histories);
    expect([...chart.frame.x]).toEqual([10, 11, 12, 13, 14, 15].map((k) => Date.UTC(2023, k, 1)));
    const [actual, mean, lo80, hi80, lo95, hi95] = chart.frame.series;
    expect([...actual!]).toEqual([8, 9, 10, 12, Number.NaN, Number.NaN]);
    expect([...mean!]).toEqual([Number.NaN, Number.NaN, Number.NaN, 12, 20, 21.5]);
    expect([...lo80!].slice(4)).toEqual([19, 20.5]);
    expect([...hi95!].slice(4)).toEqual([22, 23.5]);
    expect(lo95!.length).toBe(6);
    expect(chart.bands).toHaveLength(2);
    expect(chart.bands.map((b) => [b.upper, b.lower])).toEqual([[3, 2], [5, 4]]);
  });

  it('draws several series on the union of their times with one 80% band each', () => {
    const chart = panelChart(run, [0, 1, 2], histories);
    // The skipped series (index 2) has nothing to draw.
    expect(chart.frame.series).toHaveLength(8);
    expect(chart.bands.map((b) => [b.upper, b.lower])).toEqual([[3, 2], [7, 6]]);
    expect([...chart.frame.series[4]!]).toEqual([Number.NaN, Number.NaN, 4, 5, Number.NaN, Number.NaN]);
    expect(chart.series.filter((s) => !s.edge).map((s) => s.label)).toEqual(['north', 'north forecast', 'south, inner', 'south, inner forecast']);
  });
});
