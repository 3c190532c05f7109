// `npm run bench -- export`: how closely the exports forecast what the app forecasts, over every
// cell × direction × depth × anchor × transform (96 networks with random weights, covariates
// and calendar features): the ONNX graphs in ONNX Runtime (onnxruntime-web, wasm) and the
// standalone JavaScript module, each against forecastNext. Prints the largest relative
// difference of each (target ≤ 1e-4) and the ONNX file sizes.
import * as ort from 'onnxruntime-web';
import { exportableNetwork, javascriptPredictor, type ExportableModel } from '../engine/export';
import { buildOnnxModel } from '../engine/export/onnxGraph';
import { encodeModel } from '../engine/export/onnxProto';
import { calendarFeatures } from '../engine/models/recurrent/calendar-features';
import { buildFeatures } from '../engine/models/recurrent/features';
import type { SeriesData } from '../engine/models/types';
import { Rng } from '../engine/math/prng';
import { DEFAULT_SETTINGS } from '../engine/forecast/settings';
import { recurrentTraining, type RecurrentState } from '../engine/models/recurrent/config';
import { fitSchema, forecastNext } from '../engine/models/recurrent/fit';
import { planSplit, type Normalisation } from '../engine/models/recurrent/windows';
import { createNetwork, networkFromJson, networkToJson, type CellKind } from '../engine/nn';

const SEASON = 6;
const HORIZON = 9;
const LOOKBACK = 14;
const HOUR = 3_600_000;

function hourlySeries(length = 200): SeriesData {
  const rng = new Rng(3);
  const time = Float64Array.from({ length }, (_, t) => Date.UTC(2024, 2, 1) + t * HOUR);
  const a = Float64Array.from({ length }, (_, t) => 12 + 6 * Math.sin((2 * Math.PI * t) / 24) + rng.nextFloat());
  const b = Float64Array.from({ length }, () => 40 + 10 * rng.nextFloat());
  const target = Float64Array.from({ length }, (_, t) => 300 + 0.5 * t + 40 * Math.sin((2 * Math.PI * t) / SEASON) - 2 * a[t] + 8 * rng.nextFloat());
  return { time, target, covariates: [a, b], covariateNames: ['a', 'b'], frequency: { unit: 'hour', step: 1, label: 'hourly' }, season: SEASON };
}

function member(series: SeriesData, cell: CellKind, bidirectional: boolean, layers: number, normalisation: Normalisation, log: boolean, hidden: number): RecurrentState {
  const schema = fitSchema(series, planSplit(series.target.length, LOOKBACK, HORIZON, { validationWindows: 16 }), log);
  const inputSize = 1 + schema.covariateScalers.length + schema.calendar.length;
  const net = createNetwork({ cell, bidirectional, layers, inputSize, hiddenSize: hidden, outputSize: HORIZON, dropout: 0 }, 11);
  return { config: { cell, bidirectional, layers, hidden, dropout: 0, lookback: LOOKBACK, log, normalisation, seed: 11, training: recurrentTraining(DEFAULT_SETTINGS) }, horizon: HORIZON, schema, network: networkToJson(net) };
}

export async function main(): Promise<number> {
  ort.env.wasm.numThreads = 1;
  const series = hourlySeries();
  const n = series.target.length;
  const start = n - LOOKBACK;
  const context = { targetName: 'y', producerVersion: 'bench', calendarDoc: '' };
  let worstOnnx = 0;
  let worstJs = 0;
  let networks = 0;
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const bidirectional of [false, true]) {
      for (const layers of [1, 2]) {
        for (const anchor of ['none', 'last', 'mean', 'season'] as const) {
          for (const log of [false, true]) {
            const m = member(series, cell, bidirectional, layers, anchor, log, 5);
            const app = forecastNext(networkFromJson(m.network), m, buildFeatures(series, m.schema), n, SEASON);
            const net = exportableNetwork(m, SEASON, 'bench', ['a', 'b']);
            const session = await ort.InferenceSession.create(encodeModel(buildOnnxModel(net, context)));
            const K = m.schema.calendar.length;
            const covariates = Float32Array.from({ length: LOOKBACK * 2 }, (_, i) => series.covariates[i % 2][start + (i >> 1)]);
            const feeds = {
              target: new ort.Tensor('float32', Float32Array.from(series.target.subarray(start)), [1, LOOKBACK]),
              covariates: new ort.Tensor('float32', covariates, [1, LOOKBACK, 2]),
              calendar: new ort.Tensor('float32', calendarFeatures(series.time.subarray(start), series.frequency, SEASON, m.schema.calendar), [1, LOOKBACK, K]),
            };
            const onnx = (await session.run(feeds)).forecast.data as Float32Array;
            await session.release();
            const model: ExportableModel = {
              description: 'bench', target: 'y', frequency: series.frequency, season: SEASON, horizon: HORIZON,
              covariates: ['a', 'b'], calendar: m.schema.calendar, members: [{ group: 0, network: net }],
              combine: 'median-of-group-means', baseline: null,
              intervals: { space: 'identity', method: 'per-step', windows: 0, q80: new Array(HORIZON).fill(0), q95: new Array(HORIZON).fill(0) },
              provenance: { appVersion: 'bench', createdAt: '', source: 'bench', fingerprint: '', seed: 0 },
            };
            const source = javascriptPredictor(model, 'bench');
            const predictor = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
            const js = predictor.forecast({ values: Array.from(series.target), times: Array.from(series.time), covariates: { a: Array.from(series.covariates[0]), b: Array.from(series.covariates[1]) } }).mean as number[];
            for (let k = 0; k < HORIZON; k++) {
              worstOnnx = Math.max(worstOnnx, Math.abs(onnx[k] - app[k]) / Math.abs(app[k]));
              worstJs = Math.max(worstJs, Math.abs(js[k] - app[k]) / Math.abs(app[k]));
            }
            networks++;
          }
        }
      }
    }
  }
  console.log(`networks: ${networks} (rnn/lstm/gru × uni/bi × 1/2 layers × 4 anchors × log or not), ${HORIZON} steps each`);
  console.log(`ONNX Runtime vs app: max relative difference ${worstOnnx.toExponential(2)} (target ≤ 1e-4)`);
  console.log(`JavaScript module vs app: max relative difference ${worstJs.toExponential(2)} (target ≤ 1e-4)`);
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    const net = exportableNetwork(member(series, cell, true, 2, 'last', false, 32), SEASON, 'size');
    console.log(`ONNX file, ${cell} bi 2×32 with 10 input channels: ${(encodeModel(buildOnnxModel(net, context)).length / 1024).toFixed(1)} KiB`);
  }
  return worstOnnx <= 1e-4 && worstJs <= 1e-4 ? 0 : 1;
}
