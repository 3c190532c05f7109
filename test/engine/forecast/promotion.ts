// A synthetic daily sales series driven by planned promotions whose effect is known: for the
// tests and for `npm run bench -- covariates`. Sales = 100 + a weekday pattern + a slowly
// wandering level + noise + `effect` on promotion days. Promotions run 2–4 days at a time,
// 4–12 days apart (about one day in four). The last `futureDays` rows are the plan: promo filled, sales empty.
import { wholeSeries } from '../../../engine/data/types';
import type { Dataset } from '../../../engine/data/types';
import { Rng } from '../../../engine/math/prng';

export interface PromotionOptions {
  /** Days with sales (default 730). */
  days?: number;
  /** Rows after them with the promotion plan and no sales (default 0). */
  futureDays?: number;
  /** Sales added on a promotion day (default 30). */
  effect?: number;
  /** Standard deviation of the day-to-day noise (default 4). */
  noise?: number;
  seed?: number;
}

const WEEKDAY = [0, -2, 0, 3, 8, 18, 12]; // Monday … Sunday (2021-01-04 is a Monday)

/** Standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

export function promotionDataset(options: PromotionOptions = {}): Dataset {
  const { days = 730, futureDays = 0, effect = 30, noise = 4, seed = 7 } = options;
  const rng = new Rng(seed);
  const n = days + futureDays;
  const time = new Float64Array(n);
  const sales = new Float64Array(n);
  const promo = new Float64Array(n);
  let level = 0;
  let promoLeft = 0;
  let nextPromo = 2 + rng.nextInt(10);
  for (let t = 0; t < n; t++) {
    time[t] = Date.UTC(2021, 0, 4 + t);
    if (t === nextPromo) {
      promoLeft = 2 + rng.nextInt(3);
      nextPromo = t + promoLeft + 4 + rng.nextInt(9);
    }
    if (promoLeft > 0) {
      promo[t] = 1;
      promoLeft--;
    }
    level = 0.98 * level + gaussian(rng);
    const value = 100 + WEEKDAY[t % 7] + level + noise * gaussian(rng) + effect * promo[t];
    sales[t] = t < days ? Math.round(value * 100) / 100 : NaN;
  }
  return {
    source: 'promotion.csv',
    timeColumn: 'date',
    timeStyle: { kind: 'iso-date' },
    time,
    columns: [
      { name: 'sales', values: sales, missing: futureDays },
      { name: 'promo', values: promo, missing: 0 },
    ],
    frequency: { unit: 'day', step: 1, label: 'daily' },
    season: 7,
    problems: [],
    idColumns: [],
    series: [wholeSeries(time.length)],
  };
}

/** The dataset as CSV text (date,sales,promo; empty cells for missing values). */
export function datasetCsv(dataset: Dataset): string {
  const lines = [['date', ...dataset.columns.map((c) => c.name)].join(',')];
  for (let t = 0; t < dataset.time.length; t++) {
    const date = new Date(dataset.time[t]).toISOString().slice(0, 10);
    lines.push([date, ...dataset.columns.map((c) => (Number.isNaN(c.values[t]) ? '' : String(c.values[t])))].join(','));
  }
  return lines.join('\n') + '\n';
}
