// The shipped pretrained weights: they load with their version and fingerprint checked, forecast
// short series of every class deterministically (also fine-tuned), and weights of another format
// version are refused with a message that says what to do.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FINE_TUNE,
  FREQUENCY_CLASSES,
  forecastPretrained,
  frequencyClassOf,
  loadPretrainedBundle,
  PRETRAINED_VERSION,
  shippedPretrained,
} from '../../../engine/models/pretrained';
import weights from '../../../engine/models/pretrained/weights.json';
import { SHARED_DATA } from '../../../tools/series-sets';
import { trainingFingerprint } from '../../../tools/pretrain';

// Real series as users have them: R's AirPassengers (monthly, 1949–), UKgas (quarterly, 1960–)
// and Nile (yearly flow, 1871–).
const MONTHLY = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170];
const QUARTERLY = [160.1, 129.7, 84.8, 120.1, 160.1, 124.9, 84.8, 116.9, 169.7, 140.9, 89.7, 123.3, 187.3, 144.1, 92.9, 120.1, 176.1, 147.3, 89.7, 123.3];
const YEARLY = [1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994, 1020, 960, 1180, 799, 958, 1140];
const SERIES = { yearly: { values: YEARLY, season: 1, horizon: 6 }, quarterly: { values: QUARTERLY, season: 4, horizon: 8 }, monthly: { values: MONTHLY, season: 12, horizon: 18 } } as const;

describe('shipped pretrained weights', () => {
  const pretrained = shippedPretrained();

  it('load with a model for every frequency class, their fingerprint and what they learned from', () => {
    expect(pretrained.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(pretrained.trainingData).toMatch(/^M1 \(1001 series/);
    for (const c of FREQUENCY_CLASSES) {
      expect(pretrained.classes[c].networks.length).toBeGreaterThan(0);
      // Interval tables for forecasts as shipped and fine-tuned, measured on held-out values.
      expect(pretrained.classes[c].intervals!.fineTunedQuantiles).toHaveLength(pretrained.classes[c].config.horizon);
    }
    expect(JSON.stringify(weights).length).toBeLessThan(3_000_000);
  });

  it.runIf(existsSync(resolve(SHARED_DATA, 'm1/manifest.json')))('carry the fingerprint of the data and recipe `npm run pretrain` trains on', () => {
    expect(pretrained.fingerprint).toBe(trainingFingerprint('m1+m3', (weights as { seed: number }).seed));
  });

  it('forecast series of 3, 5, 8, 13 and 20 values at yearly, quarterly and monthly frequency with finite values and intervals', () => {
    for (const [c, s] of Object.entries(SERIES) as [keyof typeof SERIES, (typeof SERIES)[keyof typeof SERIES]][]) {
      for (const n of [3, 5, 8, 13, 20]) {
        for (const fineTune of [false, DEFAULT_FINE_TUNE] as const) {
          const f = forecastPretrained(pretrained, s.values.slice(0, n), { frequencyClass: c, season: s.season, horizon: s.horizon, fineTune });
          expect(f.mean).toHaveLength(s.horizon);
          for (const path of [f.mean, f.lower80, f.upper80, f.lower95, f.upper95]) expect(path.every(Number.isFinite)).toBe(true);
          for (let k = 0; k < s.horizon; k++) {
            expect(f.lower95[k]).toBeLessThanOrEqual(f.lower80[k]);
            expect(f.upper80[k]).toBeLessThanOrEqual(f.upper95[k]);
            expect(f.lower80[k]).toBeLessThan(f.upper80[k]);
          }
          expect(f.note).toContain(`${n} points: the pretrained network (${c})`);
        }
      }
    }
  });

  it('forecast deterministically, as is and fine-tuned', () => {
    const request = { frequencyClass: 'monthly' as const, season: 12, horizon: 18, fineTune: false as const };
    const a = forecastPretrained(pretrained, MONTHLY, request);
    expect(a.fineTuned).toBe(false);
    expect(Array.from(forecastPretrained(pretrained, MONTHLY, request).mean)).toEqual(Array.from(a.mean));
    // Fine-tuned by default, once the series has a window of 3 values and 18 after them.
    expect(forecastPretrained(pretrained, MONTHLY, { ...request, fineTune: undefined }).fineTuned).toBe(false);
    const longer = [...MONTHLY, ...MONTHLY.map((v) => v * 1.2)];
    expect(forecastPretrained(pretrained, longer, { ...request, fineTune: undefined }).fineTuned).toBe(true);
    const tuned = { ...request, fineTune: DEFAULT_FINE_TUNE };
    const b = forecastPretrained(pretrained, QUARTERLY.concat(QUARTERLY), { ...tuned, frequencyClass: 'quarterly', season: 4, horizon: 8 });
    const c = forecastPretrained(pretrained, QUARTERLY.concat(QUARTERLY), { ...tuned, frequencyClass: 'quarterly', season: 4, horizon: 8 });
    expect(b.fineTuned).toBe(true);
    expect(b.note).toMatch(/fine-tuned on \d+ window\(s\)/);
    expect(Array.from(c.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(c.upper95)).toEqual(Array.from(b.upper95));
  });

  it('refuse a series of fewer than 3 values, saying what is needed', () => {
    expect(() => forecastPretrained(pretrained, [5, 6], { frequencyClass: 'yearly', season: 1, horizon: 6 })).toThrow(/has 2 value\(s\); a forecast needs at least 3/);
  });
});

describe('loading pretrained weights', () => {
  it('refuses weights of another format version with a message that says what to do', () => {
    const other = { ...(weights as object), version: PRETRAINED_VERSION + 1 };
    expect(() => loadPretrainedBundle(other)).toThrow(
      new RegExp(`format version ${PRETRAINED_VERSION + 1} does not match this Tidecast \\(version ${PRETRAINED_VERSION}\\); regenerate them with \`npm run pretrain\``),
    );
  });

  it('refuses a missing fingerprint, a foreign file and a missing class', () => {
    expect(() => loadPretrainedBundle({ ...(weights as object), fingerprint: 'abc' })).toThrow(/fingerprint.*sha256/);
    expect(() => loadPretrainedBundle({ format: 'something-else' })).toThrow(/not Tidecast's/);
    const { classes } = weights as unknown as { classes: Record<string, unknown> };
    expect(() => loadPretrainedBundle({ ...(weights as object), classes: { ...classes, monthly: undefined } })).toThrow();
    const noMonthly = Object.fromEntries(Object.entries(classes).filter(([k]) => k !== 'monthly'));
    expect(() => loadPretrainedBundle({ ...(weights as object), classes: noMonthly })).toThrow(/no model for monthly series/);
  });

  it('maps frequencies to classes: calendar years, quarters and months; anything else is "other"', () => {
    expect(frequencyClassOf({ unit: 'year', step: 1 })).toBe('yearly');
    expect(frequencyClassOf({ unit: 'quarter', step: 1 })).toBe('quarterly');
    expect(frequencyClassOf({ unit: 'month', step: 3 })).toBe('quarterly');
    expect(frequencyClassOf({ unit: 'month', step: 1 })).toBe('monthly');
    expect(frequencyClassOf({ unit: 'day', step: 1 })).toBe('other');
    expect(frequencyClassOf({ unit: 'week', step: 1 })).toBe('other');
  });
});
