// @vitest-environment jsdom
// The metrics table: model and baselines side by side, the lowest MAE marked, coverage as
// percentages, and dashes (not zeros) where a measure was not taken.
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import MetricsTable from '../../../renderer/results/MetricsTable.svelte';
import { metricTable } from '../../../renderer/results/metrics';
import { trainedOutcome } from './fixtures';

afterEach(cleanup);

const rowsOf = () =>
  within(screen.getByRole('table', { name: 'Forecast accuracy, model and baselines' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent!.trim()));

describe('MetricsTable', () => {
  it('shows the backtest metrics of the model and the three baselines, best MAE marked', () => {
    render(MetricsTable, { outcome: trainedOutcome() });
    expect(rowsOf()).toEqual([
      ['Model', '0.625', '0.637', '7.19 %', '0.5', '50%', '100%'],
      ['Naive (last value)', '2', '2.2', '20 %', '1.6', '—', '—'],
      ['Seasonal naive', '1.25', '1.3', '14 %', '1', '—', '—'],
      ['Drift best', '0.5', '0.55', '5.5 %', '0.4', '—', '—'],
    ]);
    expect(screen.getByText(/held-out tail \(backtest\)/)).toBeTruthy();
  });

  it('shows only the validation MAE when no backtest was run', () => {
    render(MetricsTable, { outcome: trainedOutcome({ backtest: null }) });
    expect(rowsOf()).toEqual([
      ['Model best', '0.8', '—', '—', '—', '—', '—'],
      ['Naive (last value)', '2.1', '—', '—', '—', '—', '—'],
      ['Seasonal naive', '1.2', '—', '—', '—', '—', '—'],
      ['Drift', '0.9', '—', '—', '—', '—', '—'],
    ]);
    expect(screen.getByText('Validation MAE only (no backtest was run): lower is better.')).toBeTruthy();
  });

  it('shows a saved model’s recorded metrics, saying where they come from', () => {
    const outcome = {
      kind: 'applied' as const,
      modelName: 'm.json',
      forecast: {
        model: 'gru',
        forecast: (trainedOutcome() as Extract<ReturnType<typeof trainedOutcome>, { kind: 'trained' }>).run.forecast,
        metrics: { validationMae: 3, baselineValidationMae: { naive: 4, snaive: 2, drift: 5 }, backtest: null },
        warnings: [],
        seconds: 0.1,
      },
    };
    const table = metricTable(outcome);
    expect(table.basis).toBe('recorded-validation');
    expect(table.best).toBe('snaive');
    render(MetricsTable, { outcome });
    expect(screen.getByText('Recorded when the saved model was trained (validation MAE).')).toBeTruthy();
  });
});
