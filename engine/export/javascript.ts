// "Export as JavaScript": one dependency-free ES module that forecasts with the model's
// networks (weights inlined as base64 float32), ensemble rule and intervals.
import { PREDICTOR_RUNTIME } from './predictorRuntime';
import type { ExportableModel } from './types';

/** The module's source text. `exporterVersion` is the app version writing it. */
export function javascriptPredictor(model: ExportableModel, exporterVersion: string): string {
  const data = {
    description: model.description,
    target: model.target,
    frequency: model.frequency,
    season: model.season,
    horizon: model.horizon,
    covariates: model.covariates,
    calendar: model.calendar,
    combine: model.combine,
    baseline: model.baseline,
    intervals: { space: model.intervals.space, q80: model.intervals.q80, q95: model.intervals.q95 },
    provenance: model.provenance,
    members: model.members.map(({ group, network: n }) => ({
      label: n.label,
      group,
      cell: n.cell,
      bidirectional: n.bidirectional,
      layers: n.layers,
      hidden: n.hidden,
      lookback: n.lookback,
      horizon: n.horizon,
      anchor: n.anchor,
      season: n.season,
      target: n.target,
      covariates: n.covariates,
      calendar: n.calendar,
      parameters: Object.fromEntries(Object.entries(n.parameters).map(([name, values]) => [name, float32Base64(values)])),
    })),
  };
  const p = model.provenance;
  const needs = [
    'values',
    ...(model.baseline === null && model.calendar.length > 0 ? ['times'] : []),
    ...(model.baseline === null && model.covariates.length > 0 ? ['covariates'] : []),
  ];
  const header = [
    `// Tidecast forecaster for "${oneLine(model.target)}": ${oneLine(model.description)}.`,
    `// Trained by Tidecast ${p.appVersion} on ${oneLine(p.source)} (data fingerprint ${p.fingerprint}, seed ${p.seed}), ` +
      `exported by Tidecast ${exporterVersion}. No dependencies; runs in Node 16+, browsers and Deno.`,
    '//',
    `//   import { forecast, info } from './this-file.mjs';`,
    `//   const f = forecast({ ${needs.map(example).join(', ')} });`,
    `//   f.mean, f.lower80, f.upper80, f.lower95, f.upper95: the next ${model.horizon} values`,
    '//',
    '// info says how many past values it needs (info.lookback) and which inputs; calendarFeatures(times)',
    '// gives the calendar inputs of the ONNX export. Weights: base64 of little-endian float32, PyTorch layout.',
  ];
  return `${header.join('\n')}\n\nconst MODEL = ${JSON.stringify(data)};\n${PREDICTOR_RUNTIME}`;
}

/** Names and descriptions as they may appear in a line comment. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function example(input: string): string {
  if (input === 'values') return 'values: [/* the last values, oldest first */]';
  if (input === 'times') return 'times: [/* their epoch ms, UTC */]';
  return 'covariates: { /* name: values */ }';
}

/** base64 of the values as little-endian IEEE-754 float32 (exact: the weights are float32). */
export function float32Base64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
