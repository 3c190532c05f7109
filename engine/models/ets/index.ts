// Automatic ETS as a baseline model kind: R's ets() with its defaults, chosen by AICc.
import * as v from 'valibot';
import { statisticalKind } from '../statistical';
import { fitEts } from './fit';
import { etsForecast, etsOriginForecasts } from './forecast';
import type { EtsModel } from './model';

const finite = v.pipe(v.number(), v.finite());
const unit = v.pipe(finite, v.minValue(0), v.maxValue(1));
const nullableFinite = v.nullable(finite);

/** A saved ETS fit, checked before it forecasts: the shapes the recursion relies on. */
export const etsModelSchema = v.pipe(
  v.object({
    kind: v.literal('ets'),
    name: v.string(),
    spec: v.object({ error: v.picklist(['A', 'M']), trend: v.picklist(['N', 'A']), damped: v.boolean(), season: v.picklist(['N', 'A', 'M']) }),
    period: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24)),
    alpha: unit,
    beta: unit,
    gamma: unit,
    phi: unit,
    initialState: v.pipe(v.array(finite), v.maxLength(26)),
    sigma2: v.pipe(finite, v.minValue(0)),
    logLik: nullableFinite,
    aic: nullableFinite,
    aicc: nullableFinite,
    bic: nullableFinite,
    observations: v.pipe(v.number(), v.integer(), v.minValue(1)),
    estimation: v.picklist(['likelihood', 'mse', 'short-series', 'constant']),
  }),
  v.check(
    (m) => m.initialState.length === 1 + (m.spec.trend === 'A' ? 1 : 0) + (m.spec.season === 'N' ? 0 : m.period),
    'the initial state does not match the model (one level, a trend, one value per season position)',
  ),
) as v.GenericSchema<unknown, EtsModel>;

export const etsKind = statisticalKind<EtsModel>('ets', 'ETS', {
  fit: (y, season) => fitEts(y, season),
  forecast: (model, y, h) => etsForecast(model, y, h, []).mean,
  originForecasts: (model, y, origins, h) => etsOriginForecasts(model, y, origins, h),
  describe: (model) => model.name,
  explain: explainEts,
  modelSchema: etsModelSchema,
});

const fixed = (x: number) => x.toPrecision(3);

/** What a fitted ETS model computes, with its components and smoothing parameters. */
export function explainEts(m: EtsModel): string {
  const trend = m.spec.trend === 'N' ? 'no trend' : m.spec.damped ? `a damped additive trend (φ = ${fixed(m.phi)})` : 'an additive trend';
  const season = m.spec.season === 'N' ? 'no season' : `${m.spec.season === 'A' ? 'an additive' : 'a multiplicative'} season of ${m.period} steps`;
  const smoothing = [`α = ${fixed(m.alpha)}`, m.spec.trend === 'N' ? '' : `β = ${fixed(m.beta)}`, m.spec.season === 'N' ? '' : `γ = ${fixed(m.gamma)}`].filter(Boolean).join(', ');
  return (
    `Exponential smoothing ${m.name}, the state space model with the lowest AICc among the admissible ones (as R's ets()): ` +
    `${m.spec.error === 'A' ? 'additive' : 'multiplicative'} errors, ${trend}, ${season}; smoothing ${smoothing}. ` +
    'Each step ahead continues the last smoothed level' + (m.spec.trend === 'N' ? '' : ' and trend') + (m.spec.season === 'N' ? '.' : ' with the season\'s value for that step.')
  );
}
