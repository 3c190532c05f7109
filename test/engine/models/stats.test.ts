// The shared statistics the ETS, Theta and Naive2 models stand on, against R 4.2.2 (optim,
// decompose, acf, qnorm, lm, lsfit): the expected numbers were printed by R.
import { describe, expect, it } from 'vitest';
import { boxMinimize } from '../../../engine/models/stats/boxMinimize';
import { decompose } from '../../../engine/models/stats/decompose';
import { nelderMead } from '../../../engine/models/stats/nelderMead';
import { intervalMultiplier, normalQuantile } from '../../../engine/models/stats/normal';
import { rootsInsideRadius } from '../../../engine/models/stats/polynomial';
import { fitTrendLine, leastSquares } from '../../../engine/models/stats/regression';
import {
  autocorrelation,
  isSeasonalForNaive2,
  isSeasonalForTheta,
  seasonalAcfStatistic,
} from '../../../engine/models/stats/seasonality';
import { isConstant, mean } from '../../../engine/models/stats/summary';

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

// R's AirPassengers, first three years.
const AIR = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166];

describe('Nelder–Mead', () => {
  it("takes R optim()'s path: same minimiser and the same number of evaluations on Rosenbrock", () => {
    // optim(c(-1.2, 1), fr): par 1.0002601387256695 1.000505999303765, value 8.8252410967227472e-08, 195 calls
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 500 });
    expect(r.evaluations).toBe(195);
    expect(r.x[0]).toBeCloseTo(1.0002601387256695, 12);
    expect(r.x[1]).toBeCloseTo(1.000505999303765, 12);
    expect(r.value).toBeCloseTo(8.8252410967227472e-8, 18);
    expect(r.status).toBe(0);
  });

  it('stops at the evaluation limit and says so', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 50 });
    expect(r.status).toBe(1);
    expect(r.evaluations).toBeGreaterThan(50);
    expect(r.evaluations).toBeLessThanOrEqual(53);
  });

  it('treats an infinite objective as a wall and refuses an infinite start', () => {
    const walled = (x: Float64Array): number => (x[0] < 0 ? Infinity : (x[0] - 0.2) ** 2 + (x[1] - 3) ** 2);
    const r = nelderMead(walled, [1, 1], { maxEvaluations: 2000 });
    expect(r.x[0]).toBeCloseTo(0.2, 3);
    expect(r.x[1]).toBeCloseTo(3, 3);
    expect(() => nelderMead(walled, [-1, 0])).toThrow(/not finite at the starting parameters/);
  });
});

describe('box-constrained minimisation', () => {
  it("lands where R's L-BFGS-B does when the minimum is on the boundary", () => {
    // optim(c(0.5, 0.5), g, method = "L-BFGS-B", lower = 0, upper = 1) → (1, 0), value 4
    const g = (x: Float64Array): number => (x[0] - 2) ** 2 + 3 * (x[1] + 1) ** 2 + x[0] * x[1];
    const r = boxMinimize(g, [0.5, 0.5], [0, 0], [1, 1]);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(0, 8);
    expect(r.value).toBeCloseTo(4, 8);
    // Rosenbrock with x1 ≤ 0.8: R → (0.8, 0.64), value 0.04
    const b = boxMinimize(rosenbrock, [0.5, 0.5], [-2, -2], [0.8, 2]);
    expect(b.x[0]).toBeCloseTo(0.8, 5);
    expect(b.x[1]).toBeCloseTo(0.64, 4);
    expect(b.value).toBeCloseTo(0.04, 6);
  });

  it('stays in the box even when the unconstrained minimum is far outside', () => {
    const r = boxMinimize((x) => (x[0] - 5) ** 2 + (x[1] + 5) ** 2, [0.2, 0.3], [0, 0], [1, 1]);
    expect(Array.from(r.x)).toEqual([1, 0]);
  });
});

describe('classical decomposition', () => {
  it("gives R decompose()'s multiplicative seasonal figure and centred moving average", () => {
    const d = decompose(AIR, 12, 'multiplicative');
    const figure = [
      0.90147287309337865, 0.94554168950761697, 1.0748320743463473, 0.99354221281852095, 0.9729381740146088, 1.0656233548975751,
      1.1894160644509413, 1.1778088969139917, 1.0759432045281803, 0.91278399546062694, 0.78093422996170692, 0.90916323000650512,
    ];
    figure.forEach((v, k) => expect(d.figure[k]).toBeCloseTo(v, 13));
    expect(d.trend[6]).toBeCloseTo(126.79166666666664, 11);
    expect(Number.isNaN(d.trend[5])).toBe(true);
    expect(Number.isNaN(d.trend[30])).toBe(true);
    expect(d.seasonal[13]).toBe(d.figure[1]);
  });

  it('leaves out the 0/0 ratios of a run of zeros, as R decompose() does', () => {
    const d = decompose([3, 1, 4, 2, 0, 0, 0, 0, 0, 0, 5, 2, 6, 3, 7, 4], 4, 'multiplicative');
    [0.53574291744478753, 0.23967446306740492, 2.2099395344597483, 1.014643085028059].forEach((v, k) => expect(d.figure[k]).toBeCloseTo(v, 13));
  });

  it("gives R decompose()'s additive figure for a quarterly season", () => {
    const d = decompose([5, 3, 8, 6, 7, 4, 9, 8, 6, 5, 10, 9, 8, 6, 11, 10], 4, 'additive');
    [-0.28125, -2.572916666666667, 2.21875, 0.63541666666666663].forEach((v, k) => expect(d.figure[k]).toBeCloseTo(v, 13));
  });

  it('refuses fewer than two full seasons', () => {
    expect(() => decompose([1, 2, 3, 4, 5, 6, 7], 4, 'additive')).toThrow(/two full seasons/);
  });
});

describe('seasonality test', () => {
  it("computes R acf()'s autocorrelations and thetaf's lag-m statistic", () => {
    const r = autocorrelation(AIR, 12);
    const expected = [
      0.78503696560591441, 0.53972080635532893, 0.37637186021949759, 0.27292556366809018, 0.22791247646599619, 0.17683794829407171,
      0.10082885613261697, 0.049386967901914859, 0.088797814207650261, 0.1218257794921247, 0.21916471506635438, 0.27492308398769338,
    ];
    expected.forEach((v, k) => expect(r[k]).toBeCloseTo(v, 13));
    expect(seasonalAcfStatistic(AIR, 12)).toBeCloseTo(0.8717334960776435, 12);
  });

  it('needs more than 2m values for Theta and 3m for Naive2, and never fires on a constant series', () => {
    // 0.87 < 1.645 on three years of AirPassengers: not seasonal (R thetaf agrees).
    expect(isSeasonalForTheta(AIR, 12)).toBe(false);
    const wave = Array.from({ length: 48 }, (_, i) => 10 + Math.sin((2 * Math.PI * i) / 4) + 0.01 * i);
    expect(isSeasonalForTheta(wave, 4)).toBe(true);
    expect(isSeasonalForNaive2(wave, 4)).toBe(true);
    expect(isSeasonalForTheta(wave.slice(0, 8), 4)).toBe(false);
    expect(isSeasonalForNaive2(wave.slice(0, 11), 4)).toBe(false);
    expect(isSeasonalForTheta(new Array(40).fill(3), 4)).toBe(false);
    expect(isSeasonalForNaive2(new Array(40).fill(3), 4)).toBe(false);
    expect(isSeasonalForTheta(wave, 1)).toBe(false);
  });
});

describe('normal quantiles', () => {
  it("match R's qnorm to 1e-14", () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446008, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 14);
    expect(normalQuantile(0.9975)).toBeCloseTo(2.8070337683438114, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.3613409024040557, 12);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.52440051270804067, 14);
    expect(intervalMultiplier(95)).toBeCloseTo(1.9599639845400536, 14);
    expect(() => intervalMultiplier(100)).toThrow(/outside \(0, 100\)/);
  });
});

describe('least squares', () => {
  const t = Array.from({ length: 12 }, (_, i) => i + 1);
  const y = [3.1, 4.9, 7.2, 8.8, 11.1, 13.2, 14.8, 17.1, 19.0, 21.2, 22.9, 25.1];
  it("fits R lm()'s coefficients for a trend plus one harmonic", () => {
    const columns = [
      new Float64Array(12).fill(1),
      Float64Array.from(t),
      Float64Array.from(t, (v) => Math.sin((2 * Math.PI * v) / 4)),
      Float64Array.from(t, (v) => Math.cos((2 * Math.PI * v) / 4)),
    ];
    const b = leastSquares(columns, y);
    [0.9886768447837172, 2.0068702290076339, 0.056870229007635699, -0.056870229007632035].forEach((v, k) => expect(b[k]).toBeCloseTo(v, 12));
    expect(() => leastSquares([columns[0], columns[0]], y)).toThrow(/depends on the others/);
  });

  it("fits R lsfit()'s line", () => {
    const line = fitTrendLine(y, 0);
    expect(line.intercept).toBeCloseTo(3.0217948717948766, 12);
    expect(line.slope).toBeCloseTo(2.0020979020979017, 13);
  });
});

describe('polynomial roots against the unit circle', () => {
  const work = new Float64Array(16);
  it('tells (z − 0.5)(z + 0.9) inside and (z − 0.5)(z − 1.1) outside', () => {
    expect(rootsInsideRadius([1, 0.4, -0.45], 1, work)).toBe(true);
    expect(rootsInsideRadius([1, -1.6, 0.55], 1, work)).toBe(false);
    // complex pair 0.95·e^(±iπ/3): z² − 0.95z + 0.9025
    expect(rootsInsideRadius([1, -0.95, 0.9025], 1, work)).toBe(true);
    expect(rootsInsideRadius([1, -0.95, 0.9025], 0.9, work)).toBe(false);
    // a unit root just inside the tolerance ETS allows
    expect(rootsInsideRadius([1, -1], 1 + 1e-10, work)).toBe(true);
  });
});

describe('series summaries', () => {
  it('find constancy with R all.equal() tolerance', () => {
    expect(isConstant([5, 5, 5])).toBe(true);
    expect(isConstant([5, 5 + 1e-9, 5])).toBe(true);
    expect(isConstant([5, 5.001, 5])).toBe(false);
    expect(isConstant([0, 0, 0])).toBe(true);
  });

  it('average with the refinement pass', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([1e16, 1, -1e16, 3], 1, 2)).toBe(1);
  });
});
