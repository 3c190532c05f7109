// The Theta method as a baseline model kind: R's thetaf() (SES with drift on seasonally
// adjusted data).
import * as v from 'valibot';
import { etsModelSchema } from '../ets';
import { statisticalKind } from '../statistical';
import { fitTheta, thetaForecast, thetaOriginForecasts, type ThetaModel } from './theta';

const finite = v.pipe(v.number(), v.finite());

export const thetaModelSchema = v.object({
  kind: v.literal('theta'),
  period: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
  seasonIndices: v.array(v.pipe(finite, v.gtValue(0))),
  ses: etsModelSchema,
  drift: finite,
  observations: v.pipe(v.number(), v.integer(), v.minValue(1)),
}) as v.GenericSchema<unknown, ThetaModel>;

export const thetaKind = statisticalKind<ThetaModel>('theta', 'Theta', {
  fit: (y, season) => fitTheta(y, season),
  forecast: (model, y, h) => thetaForecast(model, y, h, []).mean,
  originForecasts: (model, y, origins, h) => thetaOriginForecasts(model, y, origins, h),
  describe: (model) => (model.seasonIndices.length > 0 ? 'Theta (seasonally adjusted)' : 'Theta'),
  explain: explainTheta,
  modelSchema: thetaModelSchema,
});

/** What a fitted Theta model computes. */
export function explainTheta(m: ThetaModel): string {
  const seasonal = m.seasonIndices.length > 0;
  return (
    `The Theta method as R's thetaf(): simple exponential smoothing (α = ${m.ses.alpha.toPrecision(3)}) of the ${seasonal ? 'seasonally adjusted ' : ''}values, ` +
    `plus a drift of ${m.drift.toPrecision(3)} per step, half the slope of their least-squares line` +
    (seasonal ? `; the season (multiplicative classical decomposition, ${m.period} steps) is put back on the forecast.` : '.')
  );
}
