// Auto mode's baseline guard: which baseline (if any) replaces the networks' ensemble, decided
// on the validation windows they share.
import { describe, expect, it } from 'vitest';
import type { Combined } from '../../../engine/forecast/ensemble';
import { baselineAhead } from '../../../engine/forecast/guard';

const combined = (model: number, naive: number, snaive: number, drift: number) =>
  ({ validationMae: model, networksValidationMae: model, baselineValidationMae: { naive, snaive, drift }, baseline: null }) as unknown as Combined;

describe('baselineAhead', () => {
  it('keeps the networks when they are at least as good as every baseline (a tie is not a win)', () => {
    expect(baselineAhead(combined(2, 3, 4, 5), 12)).toBeNull();
    expect(baselineAhead(combined(2, 2, 4, 5), 12)).toBeNull();
  });
  it('picks the baseline with the lowest validation error among those strictly ahead', () => {
    expect(baselineAhead(combined(2, 1.5, 1.2, 1.9), 12)).toBe('snaive');
    expect(baselineAhead(combined(2, 1.5, 3, 1.4), 12)).toBe('drift');
  });
  it('leaves seasonal naive out for non-seasonal data (there it is naive)', () => {
    expect(baselineAhead(combined(2, 1.5, 1.2, 1.9), 1)).toBe('naive');
  });
});
