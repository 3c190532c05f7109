// Saved models reload to bit-identical predictions, and bad or foreign files fail clearly.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/math/prng';
import { createNetwork, networkFromJson, networkToJson, parameterShape, predict, Trainer } from '../../../engine/nn/index';
import type { NetworkSpec } from '../../../engine/nn/index';
import { randomArray } from './helpers';

const spec: NetworkSpec = { cell: 'lstm', bidirectional: true, layers: 2, inputSize: 2, hiddenSize: 7, outputSize: 3, dropout: 0.2 };

describe('networkToJson / networkFromJson', () => {
  it('round-trips through JSON text to bit-identical parameters and predictions', () => {
    const net = createNetwork(spec, 5);
    const rng = new Rng(1);
    const x = randomArray(rng, 6 * 9 * 2);
    const trainer = new Trainer(net, { learningRate: 0.05, loss: 'mse', seed: 3 });
    for (let i = 0; i < 3; i++) trainer.trainBatch(x, randomArray(rng, 6 * 3), 6, 9);
    const text = JSON.stringify(networkToJson(net));
    const back = networkFromJson(JSON.parse(text));
    expect(back.spec).toEqual(net.spec);
    expect(Buffer.from(back.params.buffer).equals(Buffer.from(net.params.buffer))).toBe(true);
    const a = predict(net, x, 6, 9), b = predict(back, x, 6, 9);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('keeps subnormal, negative zero and extreme float32 values exactly', () => {
    const net = createNetwork({ ...spec, layers: 1, bidirectional: false }, 0);
    const special = [0, -0, 1.4e-45, -3.4028234663852886e38, 1 / 3];
    net.params.set(special);
    const back = networkFromJson(JSON.parse(JSON.stringify(networkToJson(net))));
    expect(Object.is(back.params[1], -0)).toBe(true);
    expect(Array.from(back.params.subarray(0, 5))).toEqual(Array.from(net.params.subarray(0, 5)));
  });

  it('rejects other formats, versions, shapes and damaged data with a clear message', () => {
    const good = networkToJson(createNetwork(spec, 0));
    const clone = () => JSON.parse(JSON.stringify(good));
    expect(() => networkFromJson({ ...clone(), format: 'keras' })).toThrow(/not a Tidecast network/);
    expect(() => networkFromJson({ ...clone(), version: 2 })).toThrow(/version 2 is not supported.*newer Tidecast/);
    const wrongShape = clone();
    wrongShape.parameters['weight_hh_l1'].shape = [28, 6];
    expect(() => networkFromJson(wrongShape)).toThrow(/parameter "weight_hh_l1": shape \[28,6\], expected \[28, 7\]/);
    const missing = clone();
    delete missing.parameters['head.bias'];
    expect(() => networkFromJson(missing)).toThrow(/parameter "head.bias" is missing/);
    const damaged = clone();
    damaged.parameters['bias_ih_l0'].data = damaged.parameters['bias_ih_l0'].data.slice(0, -4);
    expect(() => networkFromJson(damaged)).toThrow(/bias_ih_l0": \d+ bytes of data, expected 112/);
    const badSpec = clone();
    badSpec.spec.layers = 0;
    expect(() => networkFromJson(badSpec)).toThrow(/Model file: Network spec: "layers"/);
  });
});

describe('a network whose head reads extras', () => {
  it('saves and loads with its head extras, predicting the same; a head without extras keeps the spec it always had', () => {
    const net = createNetwork({ cell: 'gru', bidirectional: true, layers: 1, inputSize: 2, hiddenSize: 3, outputSize: 4, dropout: 0, headExtras: 8 }, 5);
    expect(parameterShape(net, 'head.weight')).toEqual([4, 3 * 2 + 8]);
    const x = Float32Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.sin(i));
    const extras = Float32Array.from({ length: 2 * 8 }, (_, i) => Math.cos(i));
    const back = networkFromJson(JSON.parse(JSON.stringify(networkToJson(net))));
    expect(predict(back, x, 2, 5, undefined, undefined, extras)).toEqual(predict(net, x, 2, 5, undefined, undefined, extras));
    // The extras reach the forecast.
    expect(predict(net, x, 2, 5, undefined, undefined, extras.map((v) => v + 1))).not.toEqual(predict(net, x, 2, 5, undefined, undefined, extras));
    expect(() => predict(net, x, 2, 5)).toThrow(/2 windows × 8 head extras needs 16/);
    const plain = createNetwork({ cell: 'gru', bidirectional: true, layers: 1, inputSize: 2, hiddenSize: 3, outputSize: 4, dropout: 0, headExtras: 0 }, 5);
    expect(Object.keys(networkToJson(plain).spec)).not.toContain('headExtras');
    expect(() => predict(plain, x, 2, 5, undefined, undefined, extras)).toThrow(/head reads none/);
  });
});
