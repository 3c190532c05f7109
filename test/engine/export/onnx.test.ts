// The ONNX export, loaded in ONNX Runtime (onnxruntime-web's wasm build under Node), forecasts
// what the app forecasts (forecastNext) to 1e-4 relative: every cell × direction × depth ×
// anchor, with and without the log transform, with covariates and calendar inputs, and for a
// network the engine trained; the graph's inputs and outputs are named and shaped as documented.
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportableNetwork } from '../../../engine/export/fromModelFile';
import { ONNX_INPUT, ONNX_OUTPUT, buildOnnxModel } from '../../../engine/export/onnxGraph';
import { encodeModel } from '../../../engine/export/onnxProto';
import { calendarFeatures } from '../../../engine/models/recurrent/calendar-features';
import { buildFeatures } from '../../../engine/models/recurrent/features';
import type { SeriesData } from '../../../engine/models/types';
import { noControl } from '../../../engine/jobs/control';
import type { RecurrentState, RecurrentTraining } from '../../../engine/models/recurrent/config';
import { fitRecurrent, forecastNext } from '../../../engine/models/recurrent/fit';
import { networkFromJson } from '../../../engine/nn';
import type { CellKind } from '../../../engine/nn';
import type { Normalisation } from '../../../engine/models/recurrent/windows';
import { HORIZON, LOOKBACK, describeShape, hourlySeries, randomMember, type MemberShape } from './networks';

beforeAll(() => {
  // One thread: the wasm build's worker threads are not needed for networks this small.
  ort.env.wasm.numThreads = 1;
});

const series = hourlySeries();
const context = { targetName: 'load', producerVersion: 'test', calendarDoc: 'As engine/forecast/calendar.ts computes them.' };

function onnxBytes(member: RecurrentState, s: SeriesData): Uint8Array {
  return encodeModel(buildOnnxModel(exportableNetwork(member, s.season, 'test member'), context));
}

/** The graph's inputs for the windows ending at rows `ends`, in data units. */
function feeds(member: RecurrentState, s: SeriesData, ends: readonly number[]): Record<string, ort.Tensor> {
  const L = member.config.lookback;
  const B = ends.length;
  const C = member.schema.covariateScalers.length;
  const K = member.schema.calendar.length;
  const target = new Float32Array(B * L);
  const covariates = new Float32Array(B * L * C);
  const calendar = new Float32Array(B * L * K);
  ends.forEach((e, b) => {
    const start = e - L + 1;
    target.set(s.target.subarray(start, e + 1), b * L);
    for (let j = 0; j < L; j++) for (let c = 0; c < C; c++) covariates[(b * L + j) * C + c] = s.covariates[c][start + j];
    calendar.set(calendarFeatures(s.time.subarray(start, e + 1), s.frequency, s.season, member.schema.calendar), b * L * K);
  });
  const out: Record<string, ort.Tensor> = { [ONNX_INPUT.target]: new ort.Tensor('float32', target, [B, L]) };
  if (C > 0) out[ONNX_INPUT.covariates] = new ort.Tensor('float32', covariates, [B, L, C]);
  if (K > 0) out[ONNX_INPUT.calendar] = new ort.Tensor('float32', calendar, [B, L, K]);
  return out;
}

/** What the app forecasts from each window end: forecastNext on the member's features. */
function appForecasts(member: RecurrentState, s: SeriesData, ends: readonly number[]): Float64Array[] {
  const net = networkFromJson(member.network);
  const features = buildFeatures(s, member.schema);
  return ends.map((e) => forecastNext(net, member, features, e + 1, s.season));
}

/** Largest |onnx − app| / |app| over every window and step. */
async function maxRelativeError(member: RecurrentState, s: SeriesData, ends: readonly number[]): Promise<number> {
  const session = await ort.InferenceSession.create(onnxBytes(member, s));
  const result = await session.run(feeds(member, s, ends));
  await session.release();
  const got = result[ONNX_OUTPUT];
  const h = member.horizon;
  expect(got.dims).toEqual([ends.length, h]);
  const expected = appForecasts(member, s, ends);
  let worst = 0;
  ends.forEach((_, b) => {
    for (let k = 0; k < h; k++) {
      const want = expected[b][k];
      const value = (got.data as Float32Array)[b * h + k];
      expect(Number.isFinite(value)).toBe(true);
      worst = Math.max(worst, Math.abs(value - want) / Math.abs(want));
    }
  });
  return worst;
}

// Three windows per run: the last one and two earlier ones (a batch of different inputs).
const ENDS = [series.target.length - 1, series.target.length - 30, LOOKBACK + 40];
const CELLS: CellKind[] = ['rnn', 'lstm', 'gru'];
const ANCHORS: Normalisation[] = ['none', 'last', 'mean', 'season'];

describe('ONNX export in ONNX Runtime', () => {
  for (const cell of CELLS) {
    for (const bidirectional of [false, true]) {
      for (const layers of [1, 2]) {
        it(`${cell} ${bidirectional ? 'bi' : 'uni'} ${layers} layer(s): every anchor, with and without log, forecasts as the app does`, async () => {
          for (const normalisation of ANCHORS) {
            for (const log of [false, true]) {
              const shape: MemberShape = { cell, bidirectional, layers, normalisation, log };
              const member = randomMember(series, shape);
              expect(member.schema.covariateScalers.length, 'covariates in the test network').toBe(2);
              expect(member.schema.calendar.length, 'calendar features in the test network').toBe(7);
              const error = await maxRelativeError(member, series, ENDS);
              expect(error, describeShape(shape)).toBeLessThan(1e-4);
            }
          }
        });
      }
    }
  }

  it('a network without covariates or calendar inputs reads the target alone', async () => {
    const plain: SeriesData = { ...series, covariates: [], covariateNames: [], frequency: { unit: 'month', step: 1, label: 'monthly' }, season: 1 };
    const member = randomMember(plain, { cell: 'gru', bidirectional: true, layers: 2, normalisation: 'mean', log: true });
    expect(member.schema.calendar).toEqual([]);
    const session = await ort.InferenceSession.create(onnxBytes(member, plain));
    expect(session.inputNames).toEqual([ONNX_INPUT.target]);
    expect(session.outputNames).toEqual([ONNX_OUTPUT]);
    await session.release();
    expect(await maxRelativeError(member, plain, ENDS)).toBeLessThan(1e-4);
  });

  it('names its inputs target, covariates and calendar, and its output forecast', async () => {
    const member = randomMember(series, { cell: 'lstm', bidirectional: false, layers: 1, normalisation: 'last', log: false });
    const session = await ort.InferenceSession.create(onnxBytes(member, series));
    expect(session.inputNames).toEqual(['target', 'covariates', 'calendar']);
    expect(session.outputNames).toEqual(['forecast']);
    await session.release();
  });

  it('a network the engine trained forecasts as the app does (lstm bi, 2 layers, seasonal anchor, log)', async () => {
    const training: RecurrentTraining = {
      epochs: 4, patience: 10, batchSize: 16, learningRate: 3e-3, weightDecay: 0, clipNorm: 1, loss: 'mse', huberDelta: 1,
      plateauEpochs: 5, maxTrainWindows: 4096, windowsPerEpoch: 64, workBudget: 0,
    };
    const fit = fitRecurrent(
      {
        kind: 'recurrent',
        label: 'lstm bi trained',
        series,
        horizon: HORIZON,
        validationWindows: 16,
        config: { cell: 'lstm', bidirectional: true, layers: 2, hidden: 6, dropout: 0, lookback: LOOKBACK, log: true, normalisation: 'season', seed: 4, training },
        timeBudgetMs: 0,
      },
      noControl,
    );
    expect(fit.training.epochsRun).toBeGreaterThan(0);
    expect(await maxRelativeError(fit.state, series, ENDS)).toBeLessThan(1e-4);
    // forecastNext from the series' end is the trained run's own forecast.
    const [last] = appForecasts(fit.state, series, [series.target.length - 1]);
    expect(Array.from(last)).toEqual(Array.from(fit.future));
  });
});
