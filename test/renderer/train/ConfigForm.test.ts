// @vitest-environment jsdom
// The Configure form as a user meets it: labelled fields with hints, an invalid value explained
// next to its field once left (aria-invalid, aria-describedby), the network choice disabled in
// Auto, and Train refused with a summary until the values are fixed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDataset } from '../../../engine/data';
import ConfigForm from '../../../renderer/train/ConfigForm.svelte';
import { ConfigState, dataFacts } from '../../../renderer/train/config-state.svelte';

const wine = readDataset(readFileSync(join(import.meta.dirname, '../../../samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' }).dataset;

function setup(blocked: string | null = null) {
  const config = new ConfigState(() => dataFacts(wine, 'wine_sales_litres', []));
  config.resetForData();
  const ontrain = vi.fn(() => {
    config.submitted = true;
  });
  render(ConfigForm, { config, blocked, busy: false, ontrain });
  return { config, ontrain };
}

afterEach(cleanup);

describe('ConfigForm', () => {
  it('labels every field and describes it with its hint', () => {
    setup();
    for (const label of ['Layers', 'Hidden units', 'Horizon', 'Lookback', 'Epochs', 'Learning rate', 'Batch size', 'Seed', 'Time budget (s)']) {
      const input = screen.getByLabelText(label) as HTMLInputElement;
      const hint = document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!);
      expect(hint?.textContent?.length, label).toBeGreaterThan(10);
    }
    expect((screen.getByLabelText('Horizon') as HTMLInputElement).value).toBe('18');
    expect((screen.getByLabelText('Lookback') as HTMLInputElement).placeholder).toBe('Automatic');
  });

  it('disables the cell and direction in Auto and enables them when the network is chosen', async () => {
    setup();
    expect((screen.getByRole('radio', { name: 'LSTM' }) as HTMLInputElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('radio', { name: 'Choose the network' }));
    expect((screen.getByRole('radio', { name: 'LSTM' }) as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByRole('radio', { name: 'Bidirectional' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('explains an invalid value next to its field once the field is left', async () => {
    const { config } = setup();
    const horizon = screen.getByLabelText('Horizon') as HTMLInputElement;
    await fireEvent.input(horizon, { target: { value: '40' } });
    expect(horizon.getAttribute('aria-invalid')).toBe('false');
    await fireEvent.blur(horizon);
    expect(horizon.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(horizon.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(error?.textContent).toBe('Too long for 176 usable rows with a backtest: at most 37 here.');
    expect(config.validation.settings).toBeNull();
  });

  it('asks to fix the marked values when Train is pressed with errors', async () => {
    const { ontrain } = setup();
    await fireEvent.input(screen.getByLabelText('Layers'), { target: { value: '7' } });
    await fireEvent.input(screen.getByLabelText('Batch size'), { target: { value: 'big' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(ontrain).toHaveBeenCalledOnce();
    expect(screen.getByRole('alert').textContent).toBe('Fix the 2 values marked above to train.');
    expect(screen.getByText('Layers must be a whole number from 1 to 4; got 7.')).toBeTruthy();
  });

  it('refuses to train while the data has no target', () => {
    setup('Choose the column to forecast: set one column’s role to Target.');
    expect((screen.getByRole('button', { name: 'Train' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('Choose the column to forecast');
  });
});
