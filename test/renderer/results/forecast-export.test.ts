// The app's forecast CSV is the command line's layout (timestamp, forecast, lower/upper per
// level), in the input's number and date style; with history and backtest it keeps those
// columns plus `actual`, each time once (numbers from the hand-made fixture).
import { describe, expect, it } from 'vitest';
import { exportName, forecastExportCsv } from '../../../renderer/results/forecast-export';
import { trainedOutcome } from './fixtures';

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);
const history = { time: Float64Array.of(t0, t0 + DAY, t0 + 2 * DAY), values: Float64Array.of(5, 7, 9) };
const iso = { delimiter: ',', decimal: '.', timeStyle: { kind: 'iso-date' } } as const;

describe('the forecast export', () => {
  it('writes the forecast rows in the CLI layout', () => {
    expect(forecastExportCsv(trainedOutcome(), { ...iso, history, withHistory: false })).toBe(
      ['timestamp,forecast,lower_80,upper_80,lower_95,upper_95', '2024-01-04,10,9,11,8,12', '2024-01-05,11,9.5,12.5,8.5,13.5', ''].join('\n'),
    );
  });

  it('with history and backtest: history before the backtest, the backtest with its actual values, then the forecast', () => {
    expect(forecastExportCsv(trainedOutcome(), { ...iso, history, withHistory: true })).toBe(
      [
        'timestamp,actual,forecast,lower_80,upper_80,lower_95,upper_95',
        '2024-01-01,5,,,,,',
        '2024-01-02,7,7.5,7,8,6,9',
        '2024-01-03,9,8.25,7.5,9,6.5,10',
        '2024-01-04,,10,9,11,8,12',
        '2024-01-05,,11,9.5,12.5,8.5,13.5',
        '',
      ].join('\n'),
    );
  });

  it('keeps the backtest rows when the run’s data is not open', () => {
    const lines = forecastExportCsv(trainedOutcome(), { ...iso, history: null, withHistory: true }).split('\n');
    expect(lines.slice(1, 3)).toEqual(['2024-01-02,7,7.5,7,8,6,9', '2024-01-03,9,8.25,7.5,9,6.5,10']);
  });

  it('follows a European file: semicolons, decimal commas, day-first dates', () => {
    const csv = forecastExportCsv(trainedOutcome(), { delimiter: ';', decimal: ',', timeStyle: { kind: 'day-first', separator: '.' }, history, withHistory: true });
    expect(csv.split('\n').slice(0, 3)).toEqual(['timestamp;actual;forecast;lower_80;upper_80;lower_95;upper_95', '01.01.2024;5;;;;;', '02.01.2024;7;7,5;7;8;6;9']);
  });

  it('writes the levels asked for', () => {
    const header = forecastExportCsv(trainedOutcome(), { ...iso, history, withHistory: false, levels: [50, 80] }).split('\n')[0];
    expect(header).toBe('timestamp,forecast,lower_50,upper_50,lower_80,upper_80');
  });

  it('names exports after the data and the run', () => {
    expect(exportName('au_wine_sales.csv', 'forecast', 'LSTM 1×32')).toBe('au_wine_sales forecast LSTM 1×32');
  });
});
