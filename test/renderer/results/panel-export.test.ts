// One export of every forecast of a many-series run: long with the id columns first in the
// engine's forecast CSV layout (the CLI's), or wide with a column per series; in the input's
// date style and decimal mark, ids with the delimiter quoted.
import { describe, expect, it } from 'vitest';
import { panelCsv, panelForecastCsv, panelForecastWideCsv } from '../../../renderer/results/panel-export';
import { panelOutcome } from './fixtures';

const run = panelOutcome().run;
const monthly = { delimiter: ',', decimal: '.', timeStyle: { kind: 'year-month' } } as const;

describe('panel forecast export', () => {
  it('writes every series’ forecast in long format, the id column first', () => {
    expect(panelForecastCsv(run, monthly)).toBe(
      [
        'store,timestamp,forecast,lower_80,upper_80,lower_95,upper_95',
        'north,2024-03,20,19,21,18,22',
        'north,2024-04,21.5,20.5,22.5,19.5,23.5',
        '"south, inner",2024-03,5,4,6,3,7',
        '"south, inner",2024-04,6,5,7,4,8',
        '',
      ].join('\n'),
    );
  });

  it('writes one column per series in wide format, with the file’s decimal comma', () => {
    const csv = panelForecastWideCsv(run, { delimiter: ';', decimal: ',', timeStyle: { kind: 'year-month' } });
    expect(csv).toBe(['timestamp;north;south, inner', '2024-03;20;5', '2024-04;21,5;6', ''].join('\n'));
  });

  it('picks the layout asked for', () => {
    expect(panelCsv(run, monthly, 'wide').split('\n')[0]).toBe('timestamp,north,"south, inner"');
    expect(panelCsv(run, monthly, 'long').split('\n')[0]).toMatch(/^store,timestamp/);
  });
});
