// The ONNX export of a saved model: its files decode against the official onnx.proto with the
// documented opset, inputs, weights and metadata; following the sidecar (run each member in ONNX
// Runtime, mean within groups, median across, interval widths) gives the app's forecast and
// intervals; and the same model always exports to the same bytes.
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { wholeSeries } from '../../../engine/data/types';
import type { Dataset } from '../../../engine/data/types';
import { ONNX_SIDECAR_NAME, exportableModel, onnxFilesOfModel, type ExportFile } from '../../../engine/export';
import { onnxLayerWeights } from '../../../engine/export/onnxWeights';
import { calendarFeatures } from '../../../engine/models/recurrent/calendar-features';
import { elementwiseMedian } from '../../../engine/forecast/ensemble';
import { forecastWithModel } from '../../../engine/forecast/fromModel';
import { parseModelFile, serializeModel, type ModelFile, type ModelMember } from '../../../engine/forecast/modelFile';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { APP_VERSION } from '../../../engine/forecast/version';
import { HORIZON, SEASON, hourlySeries, randomMember, type MemberShape } from './networks';

const root = protobuf.loadSync(resolve(import.meta.dirname, '../../fixtures/onnx/onnx.proto'));
const ModelProto = root.lookupType('onnx.ModelProto');

interface Decoded {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsetImport: { domain?: string; version: number }[];
  metadataProps: { key: string; value: string }[];
  graph: {
    node: { opType: string; input: string[]; output: string[]; attribute?: { name: string; type: string; i?: number; s?: Uint8Array }[] }[];
    initializer: { name: string; dims: number[]; dataType: number; rawData: Uint8Array }[];
    input: { name: string; type: { tensorType: { elemType: number; shape: { dim: { dimValue?: number; dimParam?: string }[] } } } }[];
    output: { name: string }[];
  };
}

function decode(bytes: Uint8Array): Decoded {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, enums: String, bytes: Uint8Array as never, defaults: false }) as Decoded;
}

const series = hourlySeries();
const dataset: Dataset = {
  source: 'load.csv',
  timeColumn: 'time',
  timeStyle: { kind: 'iso-datetime', zone: 'none', seconds: false, millis: false },
  time: series.time,
  columns: [
    { name: 'load', values: series.target, missing: 0 },
    { name: 'temperature', values: series.covariates[0], missing: 0 },
    { name: 'price', values: series.covariates[1], missing: 0 },
  ],
  frequency: series.frequency,
  season: SEASON,
  problems: [],
  idColumns: [],
  series: [wholeSeries(series.time.length)],
};
const runner = createInlineForecastSubmitter();
let model: ModelFile;
let files: ExportFile[];

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  const trained = (await runForecast(dataset, { covariates: ['temperature', 'price'], horizon: HORIZON, season: SEASON, model: 'lstm', hidden: 4, epochs: 2, lookback: 14, timeBudgetSec: 0 }, runner)).modelFile;
  // An ensemble of three groups of different cells, depths, anchors and lookbacks.
  const shapes: [number, MemberShape][] = [
    [0, { cell: 'lstm', bidirectional: true, layers: 2, normalisation: 'season', log: true, lookback: 12 }],
    [0, { cell: 'lstm', bidirectional: true, layers: 2, normalisation: 'season', log: true, lookback: 12, seed: 2 }],
    [1, { cell: 'gru', bidirectional: false, layers: 1, normalisation: 'mean', log: false, lookback: 18 }],
    [2, { cell: 'rnn', bidirectional: true, layers: 1, normalisation: 'last', log: false }],
    [2, { cell: 'rnn', bidirectional: true, layers: 1, normalisation: 'none', log: true, seed: 3 }],
  ];
  const members: ModelMember[] = shapes.map(([group, shape], i) => ({ label: `member ${i + 1}`, group, kind: 'recurrent', state: randomMember(series, shape) }));
  model = parseModelFile(serializeModel({ ...trained, members }), 'model.json');
  files = onnxFilesOfModel(model);
});

describe('ONNX export files', () => {
  it('are one graph per member and a sidecar, in a fixed order', () => {
    expect(files.map((f) => f.name)).toEqual(['member-01.onnx', 'member-02.onnx', 'member-03.onnx', 'member-04.onnx', 'member-05.onnx', ONNX_SIDECAR_NAME]);
  });

  it('decode against onnx.proto: IR 8, opset 17, named inputs with a run-time batch, weights as ONNX lays them out', () => {
    const m = decode(files[0].bytes);
    expect(m.irVersion).toBe(8);
    expect(m.opsetImport).toEqual([{ domain: '', version: 17 }]);
    expect(m.producerName).toBe('Tidecast');
    expect(m.producerVersion).toBe(APP_VERSION);
    const inputs = m.graph.input.map((v) => [v.name, v.type.tensorType.elemType, v.type.tensorType.shape.dim.map((d) => d.dimParam ?? d.dimValue)]);
    expect(inputs).toEqual([
      ['target', 1, ['batch', 12]],
      ['covariates', 1, ['batch', 12, 2]],
      ['calendar', 1, ['batch', 12, 7]],
    ]);
    expect(m.graph.output.map((v) => v.name)).toEqual(['forecast']);
    const lstm = m.graph.node.filter((n) => n.opType === 'LSTM');
    expect(lstm.length).toBe(2);
    const attrs = Object.fromEntries(lstm[0].attribute!.map((a) => [a.name, a.i ?? new TextDecoder().decode(a.s)]));
    expect(attrs).toEqual({ hidden_size: 5, direction: 'bidirectional' });
    // The first layer's W, R and B: float32 raw data equal to the reordered PyTorch weights.
    const expected = onnxLayerWeights(exportableModel(model).members[0].network, 0);
    for (const [name, values, dims] of [['W_l0', expected.W, [2, 20, 10]], ['R_l0', expected.R, [2, 20, 5]], ['B_l0', expected.B, [2, 40]]] as const) {
      const t = m.graph.initializer.find((x) => x.name === name)!;
      expect(t.dims).toEqual(dims);
      expect(t.dataType).toBe(1);
      expect(Array.from(new Float32Array(t.rawData.slice().buffer))).toEqual(Array.from(values));
    }
    const meta = Object.fromEntries(m.metadataProps.map((p) => [p.key, p.value]));
    expect(meta).toMatchObject({ 'tidecast.lookback': '12', 'tidecast.horizon': String(HORIZON), 'tidecast.anchor': 'season', 'tidecast.log': 'true' });
    expect(JSON.parse(meta['tidecast.channels'])).toEqual(['target', 'temperature', 'price', 'season_sin', 'season_cos', 'day_sin', 'day_cos', 'week_sin', 'week_cos', 'weekend']);
    // A GRU graph carries PyTorch's reset-after-product form.
    const gru = decode(files[2].bytes).graph.node.find((n) => n.opType === 'GRU')!;
    expect(gru.attribute!.find((a) => a.name === 'linear_before_reset')?.i).toBe(1);
  });

  it('followed as the sidecar says, give the app forecast and intervals to 1e-4 relative', async () => {
    const sidecar = JSON.parse(new TextDecoder().decode(files[files.length - 1].bytes));
    expect(sidecar).toMatchObject({ format: 'tidecast-onnx-export', formatVersion: 1, onnx: { opset: 17, irVersion: 8 }, target: 'load', horizon: HORIZON });
    expect(sidecar.covariates).toEqual(['temperature', 'price']);
    expect(sidecar.combine.rule).toBe('median-of-group-means');
    expect(sidecar.baseline).toBeNull();
    const n = series.target.length;
    const perGroup = new Map<number, Float64Array[]>();
    for (const member of sidecar.members) {
      const file = files.find((f) => f.name === member.file)!;
      const L: number = member.lookback;
      const rows = { from: n - L, to: n };
      const feeds: Record<string, ort.Tensor> = {
        target: new ort.Tensor('float32', Float32Array.from(series.target.subarray(rows.from, rows.to)), [1, L]),
        covariates: new ort.Tensor('float32', Float32Array.from({ length: L * 2 }, (_, i) => series.covariates[i % 2][rows.from + (i >> 1)]), [1, L, 2]),
        calendar: new ort.Tensor('float32', calendarFeatures(series.time.subarray(rows.from, rows.to), series.frequency, SEASON, sidecar.calendar.features), [1, L, sidecar.calendar.features.length]),
      };
      expect(member.inputs.map((i: { name: string }) => i.name)).toEqual(Object.keys(feeds));
      const session = await ort.InferenceSession.create(file.bytes);
      const out = (await session.run(feeds)).forecast.data as Float32Array;
      await session.release();
      perGroup.set(member.group, [...(perGroup.get(member.group) ?? []), Float64Array.from(out)]);
    }
    const means = [...perGroup.keys()].sort((a, b) => a - b).map((g) => {
      const list = perGroup.get(g)!;
      return Float64Array.from({ length: HORIZON }, (_, k) => list.reduce((s, f) => s + f[k], 0) / list.length);
    });
    expect(means.length).toBe(3);
    const mean = elementwiseMedian(means);
    expect(sidecar.intervals.space).toBe('identity');
    const app = (await forecastWithModel(dataset, model, 'model.json', runner)).forecast;
    for (let k = 0; k < HORIZON; k++) {
      const got = {
        mean: mean[k],
        lower80: mean[k] - sidecar.intervals.q80[k],
        upper80: mean[k] + sidecar.intervals.q80[k],
        lower95: mean[k] - sidecar.intervals.q95[k],
        upper95: mean[k] + sidecar.intervals.q95[k],
      };
      for (const key of Object.keys(got) as (keyof typeof got)[]) {
        expect(Math.abs(got[key] - app[key][k]) / Math.abs(app[key][k]), `${key}[${k}]`).toBeLessThan(1e-4);
      }
    }
  });

  it('are the same bytes every time the same model is exported', () => {
    const again = onnxFilesOfModel(model);
    expect(again.map((f) => Buffer.from(f.bytes).toString('base64'))).toEqual(files.map((f) => Buffer.from(f.bytes).toString('base64')));
  });

  it('of a baseline model say so in the sidecar', () => {
    const sidecar = JSON.parse(new TextDecoder().decode(onnxFilesOfModel({ ...model, baseline: { kind: 'snaive', state: {} } }).at(-1)!.bytes));
    expect(sidecar.baseline.name).toBe('snaive');
    expect(sidecar.baseline.how).toMatch(/last season repeated/);
  });
});
