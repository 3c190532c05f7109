// Theta against R's forecast::thetaf() 8.20 on real and short series (fixtures made by
// test/fixtures/r-forecast/make-fixtures.R): point forecasts within 1% and intervals within 2%;
// forecasts from later origins with the fit held fixed; any short series forecasts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTheta, thetaForecast, thetaOriginForecasts, type ThetaModel } from '../../../engine/models/theta/theta';
import { expectRelativelyClose, expectWidthsClose, fixture, series, seriesById, type RTheta } from './fixtures';

const theta = fixture<RTheta[]>('theta.json');

describe('Theta matches R thetaf() on real series', () => {
  it.each(theta.map((r, i) => [r.id, r, series[i]] as const))('%s', (_id, r, s) => {
    const model = fitTheta(s.y, s.m);
    expect(Math.max(1e-10, model.ses.alpha)).toBeCloseTo(r.alpha, 3);
    expect(Math.abs(model.drift - r.drift), `drift ${model.drift} vs R ${r.drift}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(r.drift)));
    const f = thetaForecast(model, s.y, s.h, [80, 95]);
    expectRelativelyClose(f.mean, r.mean, 0.01, `${s.id}: point forecasts`);
    expectWidthsClose(f.lower[0], f.upper[0], r.lower80, r.upper80, 0.02, `${s.id}: 80% interval`);
    expectWidthsClose(f.lower[1], f.upper[1], r.lower95, r.upper95, 0.02, `${s.id}: 95% interval`);
  });

  it('deseasonalises the series its test finds seasonal, and only those', () => {
    const seasonal = series.filter((s) => fitTheta(s.y, s.m).seasonIndices.length > 0).map((s) => s.id);
    expect(seasonal).toContain('au_wine_sales');
    expect(seasonal).toContain('uk_gas_quarterly');
    expect(seasonal).not.toContain('m3_n0003');
    for (const id of seasonal) expect(seriesById(id).m).toBeGreaterThan(1);
  });
});

describe('Theta forecasts from later origins with the fit held fixed', () => {
  it('equal the forecasts from the truncated series', () => {
    const s = seriesById('au_wine_sales');
    const n = s.y.length;
    const model = fitTheta(s.y.slice(0, n - 30), s.m);
    const origins = [n - 30, n - 17, n];
    const out = thetaOriginForecasts(model, s.y, origins, 18);
    origins.forEach((t, i) => expectRelativelyClose(out[i], thetaForecast(model, s.y.slice(0, t), 18).mean, 1e-12, `origin ${t}`));
  });

  it('refuse an origin outside the series', () => {
    const s = seriesById('bj_sales');
    const model = fitTheta(s.y, s.m);
    expect(() => thetaOriginForecasts(model, s.y, [0], 3)).toThrow(/outside the series/);
    expect(() => thetaOriginForecasts(model, s.y, [s.y.length + 1], 3)).toThrow(/outside the series/);
  });
});

describe('a Theta model is plain data', () => {
  it('survives a JSON round trip and forecasts the same', () => {
    const s = seriesById('uk_gas_quarterly');
    const model = fitTheta(s.y, s.m);
    const copy = JSON.parse(JSON.stringify(model)) as ThetaModel;
    expect(copy).toEqual(model);
    expect(Array.from(thetaForecast(copy, s.y, 8).upper[1])).toEqual(Array.from(thetaForecast(model, s.y, 8).upper[1]));
  });
});

describe('any series of 3 or more finite values gets a Theta forecast', () => {
  it('with finite point forecasts and ordered intervals (constant and zero series included)', () => {
    const seriesArb = fc.oneof(
      fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0)), { minLength: 3, maxLength: 60 }),
      fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 3, maxLength: 60 }),
      fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 3, max: 30 })).map(([v, n]) => new Array<number>(n).fill(v)),
    );
    fc.assert(
      fc.property(seriesArb, fc.constantFrom(1, 4, 12), (y, m) => {
        const f = thetaForecast(fitTheta(y, m), y, 2 * m + 3, [80, 95]);
        for (let k = 0; k < f.mean.length; k++) {
          const values = [f.lower[1][k], f.lower[0][k], f.mean[k], f.upper[0][k], f.upper[1][k]];
          if (!values.every(Number.isFinite)) return false;
          for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
        }
        return true;
      }),
      { numRuns: 200, seed: 20261201 },
    );
  });

  it('refuses fewer than 3 values and missing ones, saying which', () => {
    expect(() => fitTheta([4, 5], 1)).toThrow(/at least 3 values/);
    expect(() => fitTheta([4, 5, NaN, 6], 1)).toThrow(/value 3 of 4 is NaN.*Fill or trim/);
  });
});
