// A panel's model file: the one-series layout (format, data, settings, members) with the global
// network as its member and the series set it was trained on, so a file with the same series
// can be forecast again and one missing series is refused by name.
import type { Dataset } from '../../data/types';
import type { PanelFitOutcome } from '../../models/types';
import { fingerprint, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from '../modelFile';
import type { ResolvedSettings } from '../settings';
import { APP_VERSION } from '../version';
import type { PanelEntry } from './series';
import type { PanelAggregate } from './types';

export function buildPanelModelFile(input: {
  dataset: Dataset;
  settings: ResolvedSettings;
  entries: readonly PanelEntry[];
  idColumns: string[];
  wide: boolean;
  /** The global network's fit, or the per-series models' files (in the order of `entries`). */
  fit: PanelFitOutcome | { local: ModelFile[] };
  model: string;
  verdict: string;
  aggregate: PanelAggregate | null;
}): ModelFile {
  const { dataset, settings, entries, fit } = input;
  const members = 'local' in fit ? fit.local[0].members : [{ kind: fit.kind, label: fit.label, group: 0, state: fit.state }];
  const h = settings.horizon;
  const series = entries.map((e) => {
    const s = e.full.series;
    return { id: e.id, label: e.label, rows: s.target.length, lastTime: s.time[s.time.length - 1], fingerprint: fingerprint(s) };
  });
  let firstTime = Infinity;
  let lastTime = -Infinity;
  for (const e of entries) {
    firstTime = Math.min(firstTime, e.full.series.time[0]);
    lastTime = Math.max(lastTime, e.full.series.time[e.full.series.time.length - 1]);
  }
  const zeros = () => new Array<number>(h).fill(0);
  const a = input.aggregate;
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    appVersion: APP_VERSION,
    createdAt: new Date().toISOString(),
    data: {
      source: dataset.source,
      timeColumn: dataset.timeColumn,
      timeStyle: dataset.timeStyle,
      frequency: dataset.frequency,
      season: settings.season,
      target: settings.target,
      covariates: [],
      known: [],
      holidays: null,
      rows: series.reduce((sum, s) => sum + s.rows, 0),
      firstTime,
      lastTime,
      fingerprint: panelFingerprint(series.map((s) => s.fingerprint)),
    },
    horizon: h,
    settings,
    seed: settings.seed,
    combine: 'median-of-group-means',
    // Per-series models: the first series' members stand for the file's kinds; each series' own are in panel.local.
    members,
    baseline: null,
    // Each series' intervals come from the member's error tables, rescaled on that series.
    intervals: { space: 'log', method: 'model', windows: 0, q80: zeros(), q95: zeros() },
    model: input.model,
    metrics: {
      validationMae: NaN,
      baselineValidationMae: {},
      backtest: a && {
        mae: NaN,
        rmse: NaN,
        smape: a.smape ?? NaN,
        mase: a.mase ?? NaN,
        coverage80: a.coverage80 ?? NaN,
        coverage95: a.coverage95 ?? NaN,
        baselines: Object.fromEntries(Object.entries(a.baselines).map(([id, b]) => [id, { mae: NaN, rmse: NaN, smape: b.smape ?? NaN, mase: b.mase ?? NaN }])),
      },
    },
    verdict: input.verdict,
    timeBudgetHit: false,
    panel: { idColumns: [...input.idColumns], wide: input.wide, series, ...('local' in fit ? { local: fit.local } : {}) },
  };
}

/** One fingerprint of the series' fingerprints, in order. */
function panelFingerprint(parts: readonly string[]): string {
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
      g = Math.imul(g ^ part.charCodeAt(i), 0x5bd1e995);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0') + (g >>> 0).toString(16).padStart(8, '0');
}
