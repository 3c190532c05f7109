// Default window lengths: enough history for the season and the horizon, never so long that a
// minute-level series trains over thousands of steps, never more than the data allow.
import { describe, expect, it } from 'vitest';
import { MAX_DEFAULT_LOOKBACK, defaultLookback, maxLookback } from '../../../../engine/models/recurrent/search';

describe('default lookback', () => {
  it('covers two seasons or two horizons, whichever is longer', () => {
    expect(defaultLookback(18, 12, 500)).toBe(36); // monthly
    expect(defaultLookback(14, 7, 500)).toBe(28); // daily
    expect(defaultLookback(48, 48, 5000)).toBe(96); // half-hourly
    expect(defaultLookback(6, 1, 500)).toBe(12); // yearly
  });

  it('is capped for long seasons (1-minute data: a day is 1,440 steps)', () => {
    expect(defaultLookback(8, 1440, 100_000)).toBe(MAX_DEFAULT_LOOKBACK);
  });

  it('shrinks to leave enough windows on short series', () => {
    expect(defaultLookback(18, 12, 100)).toBe(maxLookback(18, 100));
    expect(maxLookback(18, 100)).toBe(22);
  });
});
