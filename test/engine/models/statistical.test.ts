// ETS and Theta as baseline kinds: the forecast is the method's on the whole cut (R-checked in
// ets.test.ts and theta.test.ts), validation windows see only the values before their origin,
// a saved state forecasts the same numbers again, and a long series is fitted on its recent values.
import { describe, expect, it } from 'vitest';
import { noControl } from '../../../engine/jobs/control';
import { etsKind } from '../../../engine/models/ets';
import { fitEts } from '../../../engine/models/ets/fit';
import { etsForecast } from '../../../engine/models/ets/forecast';
import { MAX_FITTED_VALUES } from '../../../engine/models/statistical';
import { thetaKind } from '../../../engine/models/theta';
import { fitTheta, thetaForecast } from '../../../engine/models/theta/theta';
import type { SeriesData } from '../../../engine/models/types';

function monthly(values: number[]): SeriesData {
  return {
    time: Float64Array.from(values, (_, t) => Date.UTC(2000, t, 1)),
    target: Float64Array.from(values),
    covariates: [],
    covariateNames: [],
    frequency: { unit: 'month', step: 1, label: 'monthly' },
    season: 12,
  };
}

const seasonal = Array.from({ length: 72 }, (_, t) => (100 + t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) + ((t * 7) % 5));
const request = (series: SeriesData, validationWindows = 6) => ({ kind: '', label: '', series, horizon: 6, validationWindows, config: {}, timeBudgetMs: 0 });

describe.each([
  ['ETS', etsKind, (y: Float64Array) => etsForecast(fitEts(y, 12), y, 6, []).mean],
  ['Theta', thetaKind, (y: Float64Array) => thetaForecast(fitTheta(y, 12), y, 6, []).mean],
])('%s as a baseline kind', (_name, kind, direct) => {
  it('forecasts what the method forecasts from the whole cut', async () => {
    const fit = (await kind.runtime()).fit(request(monthly(seasonal)), noControl);
    expect(Array.from(fit.future)).toEqual(Array.from(direct(Float64Array.from(seasonal))));
    expect(fit.validation.ends.length).toBe(6);
    expect(fit.validationMae).toBeGreaterThan(0);
  });

  it('validates each window on the values before its origin only', async () => {
    const runtime = await kind.runtime();
    const a = runtime.fit(request(monthly(seasonal)), noControl);
    const later = [...seasonal];
    for (let t = 72 - 6; t < 72; t++) later[t] *= 3; // the last window's targets and the cut's end
    const b = runtime.fit(request(monthly(later)), noControl);
    // The first window's forecast depends on nothing from row 61 on: the same numbers.
    expect(Array.from(b.validation.predicted.subarray(0, 6))).toEqual(Array.from(a.validation.predicted.subarray(0, 6)));
  });

  it('forecasts the same numbers again from its saved state, and refits a series without its fitted start', async () => {
    const runtime = await kind.runtime();
    const series = monthly(seasonal);
    const fit = runtime.fit(request(series), noControl);
    const saved = JSON.parse(JSON.stringify(fit.state));
    expect(Array.from(runtime.forecast(saved, series, 6))).toEqual(Array.from(fit.future));
    const recent = monthly(seasonal.slice(24));
    recent.time = series.time.slice(24);
    expect(Array.from(runtime.forecast(saved, recent, 6))).toEqual(Array.from(direct(Float64Array.from(seasonal.slice(24)))));
  });

  it('fits a long series on its most recent values', async () => {
    const long = Array.from({ length: MAX_FITTED_VALUES + 500 }, (_, t) => 50 + 10 * Math.sin(t / 3) + (t % 11));
    const fit = (await kind.runtime()).fit(request(monthly(long)), noControl);
    expect(Array.from(fit.future)).toEqual(Array.from(direct(Float64Array.from(long.slice(500)))));
  });
});
