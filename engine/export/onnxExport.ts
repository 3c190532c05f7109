// The ONNX export of a model: one .onnx graph per network member and a JSON sidecar saying how
// the members combine (median of group means), the interval widths, the baseline when the model
// is one, and how to compute the inputs (covariates, calendar features).
import { ONNX_INPUT, ONNX_IR_VERSION, ONNX_OPSET, ONNX_OUTPUT, buildOnnxModel, onnxInputs, type GraphContext } from './onnxGraph';
import { encodeModel } from './onnxProto';
import type { ExportableModel } from './types';

export const ONNX_SIDECAR_NAME = 'model.json';
export const ONNX_SIDECAR_FORMAT = 'tidecast-onnx-export';
export const ONNX_SIDECAR_VERSION = 1;

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/** How each calendar feature is computed from a row's time (epoch ms of its UTC wall clock). */
export const CALENDAR_DEFINITIONS = {
  time: 'Each row\'s timestamp as written in the data, read as UTC (epoch milliseconds of that wall clock).',
  dayOfWeek: 'dow = (floor(ms / 86400000) + 3) mod 7, 0 = Monday … 6 = Sunday.',
  seasonPosition:
    'p = step(ms) mod season, where step counts frequency steps from a fixed origin: fixed units (millisecond, second, ' +
    'minute, hour, day, week) floor(round((ms − origin) / unit_ms) / frequency.step), origin 1970-01-05 (a Monday) for ' +
    'weeks and 1970-01-01 otherwise; month floor((year·12 + month0) / step); quarter floor((year·12 + month0) / (3·step)); ' +
    'year floor(year / step); business-day floor((5·round((days − dow) / 7) + min(dow, 5)) / step) with days = floor(ms / 86400000).',
  season_sin: 'sin(2π·p / season)',
  season_cos: 'cos(2π·p / season)',
  day_sin: 'sin(2π·d) with d = (ms mod 86400000) / 86400000, the fraction of the day',
  day_cos: 'cos(2π·d)',
  week_sin: 'sin(2π·(dow + d) / 7)',
  week_cos: 'cos(2π·(dow + d) / 7)',
  weekend: '1 on Saturday and Sunday, else 0',
} as const;

/** The .onnx files (member-01.onnx, …) and the sidecar, ready to write into one folder. */
export function onnxExport(model: ExportableModel, exporterVersion: string): ExportFile[] {
  const context: GraphContext = {
    targetName: model.target,
    producerVersion: exporterVersion,
    calendarDoc: `See ${ONNX_SIDECAR_NAME} ("calendar") for how each is computed from a timestamp.`,
  };
  const width = Math.max(2, String(model.members.length).length);
  const files: ExportFile[] = model.members.map((m, i) => ({
    name: `member-${String(i + 1).padStart(width, '0')}.onnx`,
    bytes: encodeModel(buildOnnxModel(m.network, context)),
  }));
  const sidecar = {
    format: ONNX_SIDECAR_FORMAT,
    formatVersion: ONNX_SIDECAR_VERSION,
    exportedBy: `Tidecast ${exporterVersion}`,
    onnx: { opset: ONNX_OPSET, irVersion: ONNX_IR_VERSION },
    model: model.description,
    target: model.target,
    frequency: model.frequency,
    season: model.season,
    horizon: model.horizon,
    inputs: {
      [ONNX_INPUT.target]: 'float32 (batch, lookback): the last lookback values of the target, data units, oldest first.',
      [ONNX_INPUT.covariates]: 'float32 (batch, lookback, C): the covariates (in "covariates" order) on the same rows, data units; only when C > 0.',
      [ONNX_INPUT.calendar]: 'float32 (batch, lookback, K): the calendar features (in "calendar.features" order) of the same rows; only when K > 0.',
    },
    output: { [ONNX_OUTPUT]: 'float32 (batch, horizon): the next horizon values of the target, data units.' },
    covariates: model.covariates,
    calendar: { features: model.calendar, definitions: CALENDAR_DEFINITIONS },
    members: model.members.map((m, i) => ({
      file: files[i].name,
      label: m.network.label,
      group: m.group,
      cell: m.network.cell,
      bidirectional: m.network.bidirectional,
      layers: m.network.layers,
      hidden: m.network.hidden,
      lookback: m.network.lookback,
      horizon: m.network.horizon,
      anchor: m.network.anchor,
      log: m.network.target.log,
      inputs: onnxInputs(m.network, context).map((v) => ({ name: v.name, shape: v.shape })),
    })),
    combine: {
      rule: model.combine,
      how: 'Per step: the mean of the forecasts of the members in each group, then the median of those group means across groups.',
    },
    baseline: model.baseline === null ? null : { name: model.baseline, how: BASELINE_HOW[model.baseline] },
    intervals: {
      ...model.intervals,
      how:
        model.intervals.space === 'identity'
          ? 'Per step k: lower/upper 80% = forecast ∓ q80[k], 95% = forecast ∓ q95[k] (data units).'
          : 'Per step k, when every forecast is > 0: exp(log(forecast) ∓ q[k]); otherwise forecast ∓ q[k]·|forecast|.',
    },
    provenance: model.provenance,
  };
  const text = JSON.stringify(sidecar, null, 2) + '\n';
  return [...files, { name: ONNX_SIDECAR_NAME, bytes: new TextEncoder().encode(text) }];
}

const BASELINE_HOW = {
  naive: 'The forecast is the last value, repeated; the networks are kept for reference only.',
  snaive: 'The forecast is the last season repeated (y[n − season + ((k − 1) mod season)]); the networks are kept for reference only.',
  drift: 'The forecast is y[n] + k·(y[n] − y[1]) / (n − 1) over the whole history; the networks are kept for reference only.',
} as const;

/** Files an ONNX export folder holds (member graphs and the sidecar): what a new export may replace. */
export function isOnnxExportFileName(name: string): boolean {
  return /^member-\d+\.onnx$/.test(name) || name === ONNX_SIDECAR_NAME;
}
