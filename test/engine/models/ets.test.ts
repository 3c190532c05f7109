// Automatic ETS against R's forecast::ets() 8.20 on real series (fixtures made by
// test/fixtures/r-forecast/make-fixtures.R): the same model chosen, point forecasts within 1%
// and 80/95% intervals within 2%; every family member fitted on its own; forecasts from later
// origins with the fit held fixed; and any short series forecasts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitEts } from '../../../engine/models/ets/fit';
import { etsForecast, etsOriginForecasts } from '../../../engine/models/ets/forecast';
import type { EtsModel } from '../../../engine/models/ets/model';
import type { EtsModelCode } from '../../../engine/models/ets/spec';
import { expectRelativelyClose, expectWidthsClose, fixture, series, seriesById, type REts, type REtsFixed, type ROrigins } from './fixtures';

const auto = fixture<REts[]>('ets-auto.json');
const fixed = fixture<REtsFixed[]>('ets-fixed.json');
const origins = fixture<ROrigins[]>('ets-origins.json');

function expectLikeR(model: EtsModel, y: readonly number[], h: number, r: REts, label: string): void {
  expect(model.name, `${label}: model`).toBe(r.method);
  if (r.aicc === null) expect(model.aicc).toBeNull();
  else expect(Math.abs(model.aicc! - r.aicc) / Math.abs(r.aicc), `${label}: AICc ${model.aicc} vs R ${r.aicc}`).toBeLessThan(1e-6);
  expect(model.alpha, `${label}: alpha`).toBeCloseTo(r.par.alpha, 3);
  if (r.par.beta !== undefined) expect(model.beta, `${label}: beta`).toBeCloseTo(r.par.beta, 3);
  if (r.par.gamma !== undefined) expect(model.gamma, `${label}: gamma`).toBeCloseTo(r.par.gamma, 3);
  if (r.par.phi !== undefined) expect(model.phi, `${label}: phi`).toBeCloseTo(r.par.phi, 3);
  const forecast = etsForecast(model, y, h, [80, 95]);
  expectRelativelyClose(forecast.mean, r.mean, 0.01, `${label}: point forecasts`);
  expectWidthsClose(forecast.lower[0], forecast.upper[0], r.lower80, r.upper80, 0.02, `${label}: 80% interval`);
  expectWidthsClose(forecast.lower[1], forecast.upper[1], r.lower95, r.upper95, 0.02, `${label}: 95% interval`);
}

describe('automatic ETS matches R ets() on real series', () => {
  it.each(auto.map((r, i) => [r.id, r, series[i]] as const))('%s', (_id, r, s) => {
    const model = fitEts(s.y, s.m);
    expectLikeR(model, s.y, s.h, r, s.id);
  });

  it('covers yearly, quarterly and monthly series of 3 to 158 values and every kind of model', () => {
    const lengths = series.map((s) => s.y.length);
    expect(Math.min(...lengths)).toBe(3);
    expect(new Set(series.map((s) => s.m))).toEqual(new Set([1, 4, 12]));
    const chosen = new Set(auto.map((r) => r.method));
    for (const name of ['ETS(A,N,N)', 'ETS(M,N,N)', 'ETS(A,A,N)', 'ETS(M,A,N)', 'ETS(A,Ad,N)', 'ETS(M,Ad,N)', 'ETS(A,N,A)', 'ETS(M,N,A)', 'ETS(M,N,M)', 'ETS(M,A,M)', 'ETS(M,Ad,M)']) {
      expect(chosen.has(name), name).toBe(true);
    }
  });
});

describe('each ETS family member matches R ets(model, damped) on its own', () => {
  it.each(fixed.map((r) => [`${r.id} ${r.method}`, r] as const))('%s', (_label, r) => {
    const s = seriesById(r.id);
    const model = fitEts(s.y, s.m, { model: r.spec as EtsModelCode, damped: r.spec[1] === 'N' ? undefined : r.damped });
    expectLikeR(model, s.y, s.h, r, `${r.id} ${r.spec}`);
  });
});

describe('forecasts from later origins with the fit held fixed', () => {
  it.each(origins.map((o) => [o.id, o] as const))('%s matches R ets(y[1:t], model = fit, use.initial.values = TRUE)', (_id, o) => {
    const s = seriesById(o.id);
    const model = fitEts(s.y.slice(0, o.n_fit), s.m);
    expect(model.name).toBe(o.method);
    const out = etsOriginForecasts(model, s.y, o.origins.map((x) => x.t), o.h);
    o.origins.forEach((x, i) => expectRelativelyClose(out[i], x.mean, 0.01, `${o.id} origin ${x.t}`));
  });

  it('at the end of the fitted series give the point forecasts, in the order asked', () => {
    const s = seriesById('uk_gas_quarterly');
    const model = fitEts(s.y, s.m);
    const n = s.y.length;
    const [atEnd, earlier] = etsOriginForecasts(model, s.y, [n, n - 10], 8);
    expectRelativelyClose(atEnd, etsForecast(model, s.y, 8).mean, 1e-12, 'origin n');
    const refit = etsForecast(model, s.y.slice(0, n - 10), 8).mean;
    expectRelativelyClose(earlier, refit, 1e-12, 'origin n − 10');
  });

  it('step over missing values with the forecast in their place', () => {
    const s = seriesById('bj_sales');
    const model = fitEts(s.y, s.m);
    const gappy = [...s.y, NaN, NaN, 250];
    const [out] = etsOriginForecasts(model, gappy, [gappy.length], 6);
    expect(out.every(Number.isFinite)).toBe(true);
  });
});

describe('a fitted model is plain data', () => {
  it('survives a JSON round trip and forecasts the same', () => {
    const s = seriesById('au_wine_sales');
    const model = fitEts(s.y, s.m);
    const copy = JSON.parse(JSON.stringify(model)) as EtsModel;
    expect(copy).toEqual(model);
    const a = etsForecast(model, s.y, 18, [80, 95]);
    const b = etsForecast(copy, s.y, 18, [80, 95]);
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
    expect(Array.from(b.upper[1])).toEqual(Array.from(a.upper[1]));
  });
});

describe('intervals at any level', () => {
  it('nest: wider levels give wider intervals around the same point forecasts', () => {
    const s = seriesById('m3_n1092');
    const model = fitEts(s.y, s.m);
    const f = etsForecast(model, s.y, s.h, [50, 80, 99]);
    for (let k = 0; k < s.h; k++) {
      expect(f.lower[0][k]).toBeLessThan(f.mean[k]);
      expect(f.lower[1][k]).toBeLessThan(f.lower[0][k]);
      expect(f.lower[2][k]).toBeLessThan(f.lower[1][k]);
      expect(f.upper[2][k]).toBeGreaterThan(f.upper[1][k]);
    }
  });
});

describe('what ETS refuses, and why', () => {
  it('names the problem and the way out', () => {
    expect(() => fitEts([1, 2], 1)).toThrow(/at least 3 values/);
    expect(() => fitEts([1, NaN, 3, 4], 1)).toThrow(/value 2 of 4 is NaN.*Fill or trim/);
    expect(() => fitEts([1, 2, 3, 4], 0)).toThrow(/season length/);
    expect(() => fitEts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, { model: 'ANA' })).toThrow(/season length is 1/);
    expect(() => fitEts([1, -2, 3, 4, 5, 6, 7, 8, 9, 10], 1, { model: 'MNN' })).toThrow(/every value above 0/);
    expect(() => fitEts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, { model: 'ANM' as EtsModelCode })).toThrow(/use error M/);
    expect(() => fitEts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, { model: 'XYZ' as EtsModelCode })).toThrow(/not a model code/);
  });

  it('leaves out seasons longer than 24 unless asked, as R does', () => {
    const y = Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 48) + (i % 7));
    expect(fitEts(y, 48).spec.season).toBe('N');
    expect(() => fitEts(y, 48, { model: 'AAA' })).toThrow(/seasons of up to 24/);
  });
});

describe('any series of 3 or more finite values forecasts', () => {
  const value = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 0.001, max: 1000, noNaN: true }),
    fc.constant(0),
  );
  const seriesArb = fc.oneof(
    fc.array(value, { minLength: 3, maxLength: 40 }),
    fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 3, maxLength: 40 }),
    fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 3, max: 30 })).map(([v, n]) => new Array<number>(n).fill(v)),
  );

  it('with finite point forecasts and ordered, finite 80/95% intervals (constant and zero series included)', () => {
    fc.assert(
      fc.property(seriesArb, fc.constantFrom(1, 4, 12), (y, m) => {
        const model = fitEts(y, m);
        const f = etsForecast(model, y, 2 * m + 3, [80, 95]);
        for (let k = 0; k < f.mean.length; k++) {
          const values = [f.lower[1][k], f.lower[0][k], f.mean[k], f.upper[0][k], f.upper[1][k]];
          if (!values.every(Number.isFinite)) return false;
          for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
        }
        return true;
      }),
      { numRuns: 150, seed: 20261201 },
    );
  });

  it('gives the constant itself, with no spread, for a constant series', () => {
    for (const v of [0, 7.5, -3]) {
      const y = new Array(12).fill(v);
      const f = etsForecast(fitEts(y, 4), y, 5, [95]);
      expect(Array.from(f.mean)).toEqual(new Array(5).fill(v));
      expect(Array.from(f.upper[0])).toEqual(new Array(5).fill(v));
    }
  });
});
