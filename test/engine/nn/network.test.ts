// Networks in PyTorch's terms: names and order of named_parameters(), shapes, default init
// bounds from a seed, and parameter access errors.

import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import {
  cloneNetwork,
  copyParameters,
  createNetwork,
  getParameter,
  parameterNames,
  parameterShape,
  setParameter,
} from '../../../engine/nn/index';
import type { NetworkSpec } from '../../../engine/nn/index';
import { readJson, referenceFiles } from './helpers';

describe('parameter names, order and shapes', () => {
  for (const file of referenceFiles()) {
    it(`as PyTorch in ${basename(file)}`, () => {
      const ref = readJson(file) as { config: Record<string, never>; params: Record<string, { shape: number[] }> };
      const c = ref.config;
      const net = createNetwork({ cell: c.cell, bidirectional: c.bidirectional, layers: c.layers, inputSize: c.inputSize, hiddenSize: c.hiddenSize, outputSize: c.horizon, dropout: 0 }, 0);
      expect(parameterNames(net)).toEqual(Object.keys(ref.params));
      for (const name of parameterNames(net)) expect(parameterShape(net, name)).toEqual(ref.params[name].shape);
    });
  }
});

describe('default init', () => {
  const spec: NetworkSpec = { cell: 'lstm', bidirectional: true, layers: 2, inputSize: 3, hiddenSize: 16, outputSize: 4, dropout: 0.1 };
  it('draws U(−1/√H, 1/√H) for recurrent tensors and U(−1/√fan_in, …) for the head', () => {
    const net = createNetwork(spec, 42);
    const w = getParameter(net, 'weight_hh_l1_reverse');
    const bound = 1 / Math.sqrt(16);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.sqrt(variance)).toBeCloseTo(bound / Math.sqrt(3), 2);
    const head = getParameter(net, 'head.weight');
    expect(Math.max(...head.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(32));
  });

  it('is fixed by the seed', () => {
    expect(createNetwork(spec, 1).params).toEqual(createNetwork(spec, 1).params);
    expect(createNetwork(spec, 1).params).not.toEqual(createNetwork(spec, 2).params);
  });
});

describe('parameter access', () => {
  const spec: NetworkSpec = { cell: 'gru', bidirectional: false, layers: 1, inputSize: 2, hiddenSize: 3, outputSize: 1, dropout: 0 };
  it('getParameter is a live view; setParameter checks size and finiteness', () => {
    const net = createNetwork(spec, 0);
    getParameter(net, 'bias_hh_l0')[4] = 0.25;
    expect(getParameter(net, 'bias_hh_l0')[4]).toBe(0.25);
    setParameter(net, 'head.bias', [1.5]);
    expect(getParameter(net, 'head.bias')[0]).toBe(1.5);
    expect(() => setParameter(net, 'head.bias', [1, 2])).toThrow(/shape \[1\] \(1 values\), got 2/);
    expect(() => setParameter(net, 'head.bias', [NaN])).toThrow(/must be finite/);
    expect(() => getParameter(net, 'weight_ih_l1')).toThrow(/No parameter "weight_ih_l1".*weight_ih_l0/);
  });

  it('copyParameters and cloneNetwork copy every value; specs must match', () => {
    const a = createNetwork(spec, 1), b = createNetwork(spec, 2);
    copyParameters(a, b);
    expect(b.params).toEqual(a.params);
    const c = cloneNetwork(a);
    c.params[0] += 1;
    expect(c.params[0]).not.toBe(a.params[0]);
    expect(() => copyParameters(a, createNetwork({ ...spec, hiddenSize: 4 }, 0))).toThrow(/specs differ/);
  });

  it('rejects a bad spec naming the field', () => {
    expect(() => createNetwork({ ...spec, hiddenSize: 0 }, 0)).toThrow(/"hiddenSize" must be an integer from 1/);
    expect(() => createNetwork({ ...spec, cell: 'tcn' as never }, 0)).toThrow(/"cell" must be "rnn", "lstm" or "gru"/);
    expect(() => createNetwork({ ...spec, dropout: 1 }, 0)).toThrow(/"dropout" must be a number in \[0, 1\)/);
  });
});
