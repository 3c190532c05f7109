// @vitest-environment jsdom
// The column-role picker as a user meets it: one labelled radio group per column, the current
// role checked, a change reported through the callback, and the problem shown as an alert.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ColumnRoles from '../../../renderer/import/ColumnRoles.svelte';

const columns = [
  { name: 'load_kw', values: new Float64Array([1, 2, Number.NaN]), missing: 1 },
  { name: 'temp_c', values: new Float64Array([5, 6, 7]), missing: 0 },
];

afterEach(cleanup);

describe('ColumnRoles', () => {
  it('shows each column with its role checked and its missing count', () => {
    render(ColumnRoles, { columns, roles: { load_kw: 'target', temp_c: 'ignore' }, ignoredText: ['city'], problem: null, onchange: () => {} });
    const load = screen.getByRole('radiogroup', { name: 'Role of load_kw' });
    expect((within(load).getByRole('radio', { name: 'Target' }) as HTMLInputElement).checked).toBe(true);
    expect((within(load).getByRole('radio', { name: 'Past only' }) as HTMLInputElement).checked).toBe(false);
    const temp = screen.getByRole('radiogroup', { name: 'Role of temp_c' });
    expect((within(temp).getByRole('radio', { name: 'Ignore' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('1 missing')).toBeTruthy();
    expect(screen.getByText('complete')).toBeTruthy();
    expect(screen.getByText('Not numeric, left out: “city”')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reports the role the user picks', async () => {
    const onchange = vi.fn();
    render(ColumnRoles, { columns, roles: { load_kw: 'target', temp_c: 'ignore' }, ignoredText: [], problem: null, onchange });
    await fireEvent.click(within(screen.getByRole('radiogroup', { name: 'Role of temp_c' })).getByRole('radio', { name: 'Past only' }));
    expect(onchange).toHaveBeenCalledWith('temp_c', 'covariate');
  });

  it('shows why training cannot start', () => {
    render(ColumnRoles, { columns, roles: { load_kw: 'covariate', temp_c: 'ignore' }, ignoredText: [], problem: 'Choose the column to forecast.', onchange: () => {} });
    expect(screen.getByRole('alert').textContent).toBe('Choose the column to forecast.');
  });
});
