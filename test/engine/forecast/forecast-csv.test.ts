// The one forecast CSV layout (CLI and app): columns per interval level, the levels between and
// beyond the calibrated 80% and 95% scaled by normal quantiles, history and backtest rows with
// an `actual` column, id columns in front for many series, and the input's number style.
import { describe, expect, it } from 'vitest';
import { checkLevels, forecastCsv, intervalAtLevel } from '../../../engine/forecast/forecast-csv';
import { ForecastInputError } from '../../../engine/models/errors';

const f = {
  mean: Float64Array.of(10, 20),
  lower80: Float64Array.of(8, 17),
  upper80: Float64Array.of(12, 24),
  lower95: Float64Array.of(7, 15),
  upper95: Float64Array.of(13.5, 27),
  time: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)),
};
const iso = { delimiter: ',', decimal: '.', timeStyle: { kind: 'iso-date' } } as const;

describe('intervals at any level', () => {
  it('are the calibrated bands at 80 and 95', () => {
    expect(intervalAtLevel(f, 80)).toEqual({ lower: f.lower80, upper: f.upper80 });
    expect(intervalAtLevel(f, 95)).toEqual({ lower: f.lower95, upper: f.upper95 });
  });

  it('scale each side by the normal quantiles below 80, between 80 and 95, and above 95', () => {
    // qnorm(0.75) = 0.6744897501960817, qnorm(0.9) = 1.2815515655446004, qnorm(0.95) = 1.6448536269514722,
    // qnorm(0.975) = 1.959963984540054, qnorm(0.995) = 2.5758293035489004 (R).
    const [z50, z80, z90, z95, z99] = [0.6744897501960817, 1.2815515655446004, 1.6448536269514722, 1.959963984540054, 2.5758293035489004];
    const at50 = intervalAtLevel(f, 50);
    expect(at50.lower[0]).toBeCloseTo(10 - (2 * z50) / z80, 12);
    expect(at50.upper[1]).toBeCloseTo(20 + (4 * z50) / z80, 12);
    const at90 = intervalAtLevel(f, 90);
    expect(at90.lower[0]).toBeCloseTo(10 - (2 + (1 * (z90 - z80)) / (z95 - z80)), 12);
    const at99 = intervalAtLevel(f, 99);
    expect(at99.upper[1]).toBeCloseTo(20 + (7 * z99) / z95, 12);
  });

  it('takes percentages from 1 to 99, each once', () => {
    expect(checkLevels([50, 80, 95])).toEqual([50, 80, 95]);
    expect(() => checkLevels([0.5])).toThrow(new ForecastInputError('level must be percentages from 1 to 99; got 0.5.'));
    expect(() => checkLevels([80, 80])).toThrow(/lists a level twice/);
    expect(() => checkLevels([])).toThrow(/at least one interval level/);
  });
});

describe('forecast CSV', () => {
  it('writes timestamp, forecast and lower/upper per level, in the input date style', () => {
    expect(forecastCsv([{ ids: [], forecast: f }], { format: iso })).toBe(
      'timestamp,forecast,lower_80,upper_80,lower_95,upper_95\n2024-01-01,10,8,12,7,13.5\n2024-02-01,20,17,24,15,27\n',
    );
    const lines = forecastCsv([{ ids: [], forecast: f }], { format: iso, levels: [50, 95] }).split('\n');
    expect(lines[0]).toBe('timestamp,forecast,lower_50,upper_50,lower_95,upper_95');
  });

  it('puts history and backtest rows first with one more column, actual', () => {
    const text = forecastCsv(
      [
        {
          ids: [],
          forecast: f,
          history: { time: Float64Array.of(Date.UTC(2023, 10, 1)), actual: Float64Array.of(9) },
          backtest: [{ time: Float64Array.of(Date.UTC(2023, 11, 1)), actual: Float64Array.of(11), forecast: { ...f, mean: Float64Array.of(10.5) } }],
        },
      ],
      { format: iso, withActual: true },
    );
    expect(text.split('\n').slice(0, 4)).toEqual([
      'timestamp,actual,forecast,lower_80,upper_80,lower_95,upper_95',
      '2023-11-01,9,,,,,',
      '2023-12-01,11,10.5,8,12,7,13.5',
      '2024-01-01,,10,8,12,7,13.5',
    ]);
  });

  it('writes each time once: history stops where the backtest (else the forecast) starts', () => {
    const months = (...m: number[]) => Float64Array.from(m, (k) => Date.UTC(2023, k, 1));
    const withBacktest = forecastCsv(
      [
        {
          ids: [],
          forecast: f,
          history: { time: months(10, 11, 12), actual: Float64Array.of(9, 11, NaN) },
          backtest: [{ time: months(11), actual: Float64Array.of(11), forecast: { ...f, mean: Float64Array.of(10.5) } }],
        },
      ],
      { format: iso, withActual: true },
    );
    expect(withBacktest.split('\n').map((l) => l.slice(0, 10))).toEqual(['timestamp,', '2023-11-01', '2023-12-01', '2024-01-01', '2024-02-01', '']);
    // Without a backtest, history up to the forecast; the future rows of a file with known covariates (no value yet) are left out.
    const historyOnly = forecastCsv([{ ids: [], forecast: f, history: { time: months(10, 11, 12, 13), actual: Float64Array.of(9, 11, NaN, NaN) } }], {
      format: iso,
      withActual: true,
    });
    expect(historyOnly.split('\n').slice(1, 4)).toEqual(['2023-11-01,9,,,,,', '2023-12-01,11,,,,,', '2024-01-01,,10,8,12,7,13.5']);
  });

  it('puts the id columns first, one block per series, and writes a decimal comma with semicolons', () => {
    const text = forecastCsv(
      [
        { ids: ['north', 'A; B'], forecast: f },
        { ids: ['south', 'C'], forecast: { ...f, mean: Float64Array.of(1.5, 2.25) } },
      ],
      { format: { delimiter: ',', decimal: ',', timeStyle: { kind: 'iso-date' } }, idColumns: ['store', 'product'], levels: [80] },
    );
    expect(text.split('\n')).toEqual([
      'store;product;timestamp;forecast;lower_80;upper_80',
      'north;"A; B";2024-01-01;10;8;12',
      'north;"A; B";2024-02-01;20;17;24',
      'south;C;2024-01-01;1,5;8;12',
      'south;C;2024-02-01;2,25;17;24',
      '',
    ]);
  });
});
