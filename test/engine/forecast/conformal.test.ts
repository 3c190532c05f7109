// Split conformal intervals: the finite-sample rank, and coverage on synthetic exchangeable
// data (theory: between 1−α and 1−α + 1/(n+1) on average over calibration draws).
import { describe, expect, it } from 'vitest';
import { conformalQuantile, conformalWidths, minCalibrationSize } from '../../../engine/forecast/conformal';
import { Rng } from '../../../engine/math/prng';

function gaussian(rng: Rng): number {
  // Box–Muller
  const u = 1 - rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

describe('conformal quantile', () => {
  it('takes the ⌈(n+1)(1−α)⌉-th smallest value', () => {
    const values = Array.from({ length: 19 }, (_, i) => 19 - i); // 19..1
    expect(conformalQuantile(values, 0.05)).toBe(19); // rank ⌈20·0.95⌉ = 19
    expect(conformalQuantile(values, 0.2)).toBe(16); // rank ⌈20·0.8⌉ = 16
    expect(conformalQuantile(values.slice(1), 0.05)).toBe(Infinity); // n = 18 < 19
    expect(minCalibrationSize(0.05)).toBe(19);
    expect(minCalibrationSize(0.2)).toBe(4);
  });

  it('covers 80% and 95% of new points on exchangeable data', () => {
    const rng = new Rng(7);
    const n = 40;
    const trials = 4000;
    let in80 = 0;
    let in95 = 0;
    for (let t = 0; t < trials; t++) {
      const residuals = new Float64Array(n);
      for (let i = 0; i < n; i++) residuals[i] = Math.abs(gaussian(rng) * 3);
      const w = conformalWidths(residuals, n, 1);
      const fresh = Math.abs(gaussian(rng) * 3);
      if (fresh <= w.q80[0]) in80++;
      if (fresh <= w.q95[0]) in95++;
    }
    // Expected: 80%: ⌈41·0.8⌉/41 = 33/41 = 0.805; 95%: 39/41 = 0.951. Standard error ≈ 0.006 / 0.0035.
    expect(in80 / trials).toBeGreaterThan(0.805 - 0.025);
    expect(in80 / trials).toBeLessThan(0.805 + 0.025);
    expect(in95 / trials).toBeGreaterThan(0.951 - 0.015);
    expect(in95 / trials).toBeLessThan(0.951 + 0.015);
  });

  it('pools scale-normalised residuals across steps when a step has too few windows', () => {
    // 10 windows, 2 steps; step 2 errors are exactly twice step 1's.
    const residuals = new Float64Array(20);
    for (let i = 0; i < 10; i++) {
      residuals[i * 2] = i + 1;
      residuals[i * 2 + 1] = 2 * (i + 1);
    }
    const w = conformalWidths(residuals, 10, 2);
    expect(w.method).toBe('pooled');
    expect(w.q95[1]).toBeCloseTo(2 * w.q95[0], 12);
    expect(w.q80[0]).toBeLessThanOrEqual(w.q95[0]);
    expect(Number.isFinite(w.q95[0])).toBe(true);
  });
});

describe('conformal widths of a perfectly predicted series', () => {
  it('are zero, not NaN', () => {
    const w = conformalWidths(new Float64Array(10 * 3), 10, 3);
    expect(Array.from(w.q95)).toEqual([0, 0, 0]);
    expect(Array.from(w.q80)).toEqual([0, 0, 0]);
  });
});

describe('conformal widths from too few residuals for any conformal quantile', () => {
  it('are finite: z times the residuals’ spread, widened for estimating it (one step, five windows)', () => {
    // |residuals| 1, 2, 3, 4, 5: mean 3, normalised 1/3 … 5/3, RMS √(55/5)/3 = 1.1055, × √1.2 = 1.2111.
    const w = conformalWidths(Float64Array.of(1, -2, 3, -4, 5), 5, 1);
    expect(w.method).toBe('normal');
    const spread = 3 * (Math.sqrt(55 / 5) / 3) * Math.sqrt(1.2);
    expect(w.q80[0]).toBeCloseTo(1.2815515655446004 * spread, 12);
    expect(w.q95[0]).toBeCloseTo(1.959963984540054 * spread, 12);
  });

  it('are zero without any residual (nothing to measure), never NaN or infinite', () => {
    const w = conformalWidths(new Float64Array(0), 0, 3);
    expect([...w.q80, ...w.q95]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
