// The forecast CSV: backtest rows with the actual values, then the forecast, in the input's
// delimiter, decimal mark and date style (checked by hand against the fixture's numbers).
import { describe, expect, it } from 'vitest';
import { csvNumber, exportName, forecastCsv } from '../../../renderer/results/export';
import { trainedOutcome } from './fixtures';

describe('forecast CSV', () => {
  it('writes backtest then forecast rows, in ISO dates with a decimal point', () => {
    const csv = forecastCsv(trainedOutcome(), { delimiter: ',', decimal: '.', timeStyle: { kind: 'iso-date' }, timeColumn: 'day' });
    expect(csv).toBe(
      [
        'day,kind,actual,forecast,lower_95,lower_80,upper_80,upper_95',
        '2024-01-02,backtest,7,7.5,6,7,8,9',
        '2024-01-03,backtest,9,8.25,6.5,7.5,9,10',
        '2024-01-04,forecast,,10,8,9,11,12',
        '2024-01-05,forecast,,11,8.5,9.5,12.5,13.5',
        '',
      ].join('\n'),
    );
  });

  it('follows a European file: semicolons, decimal commas, day-first dates', () => {
    const csv = forecastCsv(trainedOutcome(), { delimiter: ';', decimal: ',', timeStyle: { kind: 'day-first', separator: '.' }, timeColumn: 'Datum' });
    expect(csv.split('\n').slice(0, 2)).toEqual(['Datum;kind;actual;forecast;lower_95;lower_80;upper_80;upper_95', '02.01.2024;backtest;7;7,5;6;7;8;9']);
  });

  it('never puts a decimal comma in a comma-separated line', () => {
    const csv = forecastCsv(trainedOutcome(), { delimiter: ',', decimal: ',', timeStyle: { kind: 'iso-date' }, timeColumn: 'd' });
    expect(csv.split('\n')[1]).toBe('2024-01-02;backtest;7;7,5;6;7;8;9');
  });

  it('quotes a header that contains the delimiter', () => {
    const csv = forecastCsv(trainedOutcome(), { delimiter: ',', decimal: '.', timeStyle: { kind: 'iso-date' }, timeColumn: 'date, UTC' });
    expect(csv.startsWith('"date, UTC",kind,')).toBe(true);
  });

  it('writes numbers with at most 10 significant digits, missing ones empty', () => {
    expect(csvNumber(1 / 3, '.')).toBe('0.3333333333');
    expect(csvNumber(25136.000000001, '.')).toBe('25136');
    expect(csvNumber(Number.NaN, '.')).toBe('');
    expect(csvNumber(-0.5, ',')).toBe('-0,5');
  });

  it('names exports after the data and the run', () => {
    expect(exportName('au_wine_sales.csv', 'forecast', 'LSTM 1×32')).toBe('au_wine_sales forecast LSTM 1×32');
  });
});
