// Forecasting a panel again from its saved model file: the file's series found in the data
// (by their id values, or a wide file's columns), every one forecast by the saved global
// network in one job. A series of the model's set missing from the data is refused by name;
// series the model has not seen are forecast too (the network reads any series), with a note.
import type { Dataset } from '../../data/types';
import { ForecastInputError } from '../../models/errors';
import type { PanelForecasts } from '../../models/types';
import { forecastWithModel } from '../fromModel';
import { parseModelFile, serializeModel, type ModelFile } from '../modelFile';
import type { ForecastSubmitter } from '../pool';
import { futureTimes } from '../timeAxis';
import { packSeries } from './run';
import { panelSeries } from './series';
import type { PanelSeriesResult, PanelSkipped } from './types';

/** A panel forecast from a saved model: every series' forecast, without a backtest. */
export interface PanelModelForecast {
  model: string;
  series: PanelSeriesResult[];
  skipped: PanelSkipped[];
  /** The id columns the outputs start with. */
  idColumns: string[];
  warnings: string[];
  seconds: number;
}

/** Most missing series a refusal names. */
const NAMED = 5;

export async function forecastPanelWithModel(dataset: Dataset, model: ModelFile, name: string, submitter: ForecastSubmitter): Promise<PanelModelForecast> {
  const started = performance.now();
  const panel = model.panel;
  if (!panel) {
    throw new ForecastInputError(`${name} holds the model of one series; ${dataset.source} holds ${dataset.series.length} series. Train on this file instead (leave out the model file).`);
  }
  const f = dataset.frequency;
  if (f.unit !== model.data.frequency.unit || f.step !== model.data.frequency.step) {
    throw new ForecastInputError(`${dataset.source}: this file is ${f.label} but the model in ${name} was trained on ${model.data.frequency.label} data; forecast it with a model trained on ${f.label} data.`);
  }
  const present = panel.wide ? new Set(dataset.columns.map((c) => c.name)) : new Set(dataset.series.map((s) => s.id));
  const missing = panel.series.filter((s) => !present.has(s.label)).map((s) => s.label);
  if (missing.length) {
    const listed = missing.slice(0, NAMED).map((l) => `"${l}"`).join(', ');
    throw new ForecastInputError(
      `${dataset.source}: the model in ${name} forecasts ${panel.series.length} series, and ${missing.length} of them are not in this file (${listed}${missing.length > NAMED ? ', …' : ''})` +
        `${panel.wide ? '' : ` with id column(s) ${panel.idColumns.map((c) => `"${c}"`).join(', ')}`}. Use a file with the same series as ${model.data.source}.`,
    );
  }
  const options = panel.wide ? { series: panel.series.map((s) => s.label) } : {};
  const found = panelSeries(dataset, options, model.data.target, model.data.season, model.horizon);
  const warnings = [...found.notes];
  const known = new Set(panel.series.map((s) => s.label));
  const unseen = found.entries.filter((e) => !known.has(e.label)).length;
  if (unseen > 0) warnings.push(`${unseen} series of ${dataset.source} were not among the model's; the global network forecasts them too.`);
  const h = model.horizon;
  let series: PanelSeriesResult[];
  const verdict = `Forecast with the saved model from ${name}; its backtest on ${model.data.source}: ${model.verdict ?? 'not recorded'}`;
  if (panel.local) {
    // Per-series models: each series forecast by its own file; series the model has not seen cannot be.
    const files = new Map(panel.series.map((s, i) => [s.label, panel.local![i]]));
    const ours = found.entries.filter((e) => files.has(e.label));
    if (unseen > 0) warnings[warnings.length - 1] = `${unseen} series of ${dataset.source} were not among the model's; per-series models cannot forecast them, so they are left out.`;
    series = [];
    for (const e of ours) {
      // Checked as a file of its own: its members' states against their kinds.
      const file = parseModelFile(serializeModel(files.get(e.label)!), `${name} (series ${e.label})`);
      const r = await forecastWithModel(e.view, file, name, submitter);
      series.push({ id: e.id, label: e.label, points: e.full.series.target.length, forecast: r.forecast, backtest: null, model: r.model, verdict, warnings: r.warnings });
    }
  } else {
    const packed = packSeries(found.entries.map((e) => e.full.series.target), dataset, model.data.season);
    const job = submitter.submit('panel-forecast', { model: { kind: model.members[0].kind, state: model.members[0].state }, series: packed, horizon: h }, {
      transfer: [packed.values.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer],
    });
    const forecasts: PanelForecasts = await job.result;
    const row = (a: Float64Array, i: number) => a.slice(i * h, (i + 1) * h);
    series = found.entries.map((e, i) => ({
      id: e.id,
      label: e.label,
      points: e.full.series.target.length,
      forecast: {
        mean: row(forecasts.mean, i),
        lower80: row(forecasts.lower80, i),
        upper80: row(forecasts.upper80, i),
        lower95: row(forecasts.lower95, i),
        upper95: row(forecasts.upper95, i),
        time: futureTimes(e.full.series, h),
      },
      backtest: null,
      model: model.model,
      verdict,
      warnings: [],
    }));
  }
  return { model: model.model, series, skipped: found.skipped, idColumns: found.idColumns, warnings, seconds: (performance.now() - started) / 1000 };
}
