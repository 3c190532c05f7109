// @vitest-environment jsdom
// The Model panel: the card of the focused run from its model text — parameters per layer and
// direction, the equations as MathML built by KaTeX (no raw HTML, no style attribute), the
// reproduce command, the export action; a sentence instead when there is no model text.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunOutcome } from '../../../electron/contract';
import { serializeModel } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import ModelPanel from '../../../renderer/results/ModelPanel.svelte';
import { doubleStruck } from '../../../renderer/results/math';
import { cardOfModelText, modelTextOf } from '../../../renderer/results/model-card';
import { TINY, monthlyDataset } from '../../engine/forecast/synthetic';
import { trainedOutcome } from './fixtures';

afterEach(cleanup);

let modelText: string;

beforeAll(async () => {
  // A GRU, both directions, one layer of 4 units, on 3 inputs (target, season sine and cosine).
  const run = await runForecast(monthlyDataset(), { ...TINY, bidirectional: true }, createInlineForecastSubmitter());
  modelText = serializeModel(run.modelFile);
});

const applied = (): RunOutcome => ({ kind: 'applied', modelName: 'm.json', forecast: {} as never });

describe('ModelPanel', () => {
  it('shows the parameters of each layer and direction and the head, and the equations as MathML', () => {
    render(ModelPanel, { outcome: trainedOutcome({ modelText }), savedModelText: null, onexport: () => {} });
    const panel = screen.getByRole('region', { name: 'Model' });
    const table = within(panel).getByRole('table', { name: /^Parameters of gru bi 1×4/ });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim()));
    const direction = 3 * 4 * 3 + 3 * 4 * 4 + 2 * 3 * 4; // GRU: 3H·D + 3H·H + 2·3H
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['layer 1, forward', String(direction)],
      ['layer 1, backward', String(direction)],
      ['dense head', String(6 * 8 + 6)],
      ['Total', String(2 * direction + 6 * 8 + 6)],
    ]);
    const equations = within(panel).getByRole('group', { name: /^Equations of gru bi/ });
    expect([...equations.querySelectorAll('h4')].map((h) => h.textContent)).toEqual([
      'Inputs: from the window to x_t',
      'GRU cell (torch.nn.GRU)',
      'Bidirectional layer: two directions over the same window',
      'Dense head: all steps ahead at once',
    ]);
    const maths = equations.querySelectorAll('math');
    expect(maths.length).toBe(6);
    for (const math of maths) expect(math.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
    expect(equations.querySelectorAll('[style]').length).toBe(0);
    // MathML Core draws no double-struck variant: the letter itself stands in the formula.
    expect(equations.querySelectorAll('mi[mathvariant="double-struck"]').length).toBe(0);
    expect(maths[2]!.textContent).toContain('ℝ3H×Dk');
    expect(equations.querySelector('annotation')!.textContent).toContain(String.raw`\tilde{y}_t`);
    expect(within(panel).getByLabelText('Command that reproduces this run').textContent).toMatch(/^tidecast --input synthetic\.csv --time date --target sales /);
  });

  it('asks the app to export the card', async () => {
    const onexport = vi.fn();
    render(ModelPanel, { outcome: trainedOutcome({ modelText }), savedModelText: null, onexport });
    await fireEvent.click(screen.getByRole('button', { name: 'Export model card…' }));
    expect(onexport).toHaveBeenCalledOnce();
  });

  it('shows a saved model\'s card for a run that forecast with it, and says why when its text is gone', () => {
    render(ModelPanel, { outcome: applied(), savedModelText: modelText, onexport: () => {} });
    expect(screen.getByRole('table', { name: /^Parameters of/ })).toBeTruthy();
    cleanup();
    render(ModelPanel, { outcome: applied(), savedModelText: null, onexport: () => {} });
    expect(screen.getByRole('region', { name: 'Model' }).textContent).toContain('forecast with the model file again to see its card');
    expect(screen.queryByRole('button', { name: 'Export model card…' })).toBeNull();
  });
});

describe('double-struck letters', () => {
  it('are Unicode\'s own: the Letterlike Symbols where they exist, Mathematical Alphanumerics otherwise', () => {
    expect(doubleStruck('RNZCHPQ')).toBe('ℝℕℤℂℍℙℚ');
    expect(doubleStruck('A')).toBe('\u{1D538}');
    expect(doubleStruck('E1')).toBe('\u{1D53C}1');
  });
});

describe('the card of a run', () => {
  it('comes from the trained model, or the saved model a run used', () => {
    expect(modelTextOf(trainedOutcome({ modelText: 'T' }), 'S')).toBe('T');
    expect(modelTextOf(applied(), 'S')).toBe('S');
    expect(modelTextOf(null, 'S')).toBeNull();
  });

  it('is a sentence, not an exception, when the text is not a model file', () => {
    const made = cardOfModelText('{"format": "tidecast-model"}');
    expect(made.ok).toBe(false);
    expect(!made.ok && made.message).toMatch(/^The model card cannot be made from this model file/);
  });
});
