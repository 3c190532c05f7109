// A card's parameter counts per layer × direction and head: equal to PyTorch's for the same
// modules, to a hand computation, and to the engine's own parameter layout.
import { describe, expect, it } from 'vitest';
import { parameterLayout, type NetworkSpec } from '../../../engine/nn/spec';
import { countParameters } from '../../../engine/report/parameters';

const spec = (cell: NetworkSpec['cell'], inputSize: number, hiddenSize: number, layers: number, bidirectional: boolean, outputSize: number): NetworkSpec => ({
  cell, inputSize, hiddenSize, layers, bidirectional, outputSize, dropout: 0,
});

// From /usr/bin/python3 (torch 1.13): for each module m = nn.LSTM/GRU/RNN(D, H, num_layers, bidirectional=…),
// the sum of p.numel() over m.named_parameters() per '_l{k}[_reverse]' suffix, and over nn.Linear(H·dirs, K).
const PYTORCH = [
  { spec: spec('lstm', 3, 32, 1, false, 18), perLayerDirection: [4736], head: 594, total: 5330 },
  { spec: spec('lstm', 3, 32, 2, true, 18), perLayerDirection: [4736, 4736, 12544, 12544], head: 1170, total: 35730 },
  { spec: spec('gru', 5, 16, 2, false, 8), perLayerDirection: [1104, 1632], head: 136, total: 2872 },
  { spec: spec('rnn', 1, 8, 3, true, 6), perLayerDirection: [88, 88, 208, 208, 208, 208], head: 102, total: 1110 },
  { spec: spec('gru', 3, 8, 1, true, 18), perLayerDirection: [312, 312], head: 306, total: 930 },
];

describe('parameter counts on a model card', () => {
  it.each(PYTORCH)('match PyTorch per layer and direction, head and total: $spec.cell D=$spec.inputSize H=$spec.hiddenSize ×$spec.layers bi=$spec.bidirectional', (c) => {
    const count = countParameters(c.spec);
    const recurrent = count.groups.filter((g) => g.layer !== null);
    expect(recurrent.map((g) => g.count)).toEqual(c.perLayerDirection);
    expect(count.groups.at(-1)).toMatchObject({ part: 'dense head', count: c.head });
    expect(count.total).toBe(c.total);
    // The engine's own layout holds exactly these tensors.
    expect(count.total).toBe(parameterLayout(c.spec).total);
    expect(count.groups.flatMap((g) => g.tensors.map((t) => t.name))).toEqual(parameterLayout(c.spec).entries.map((e) => e.name));
  });

  it('count an LSTM with H = 32 on D = 3 inputs as 4·32·3 + 4·32·32 + 2·4·32 per direction of its first layer', () => {
    const H = 32;
    const D = 3;
    const firstLayer = 4 * H * D + 4 * H * H + 2 * 4 * H;
    const secondLayer = 4 * H * (2 * H) + 4 * H * H + 2 * 4 * H; // reads both directions: 2H wide
    const count = countParameters(spec('lstm', D, H, 2, true, 18));
    expect(count.groups.map((g) => [g.part, g.count])).toEqual([
      ['layer 1, forward', firstLayer],
      ['layer 1, backward', firstLayer],
      ['layer 2, forward', secondLayer],
      ['layer 2, backward', secondLayer],
      ['dense head', 18 * 2 * H + 18],
    ]);
    expect(count.groups[1]!.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['weight_ih_l0_reverse', [4 * H, D]],
      ['weight_hh_l0_reverse', [4 * H, H]],
      ['bias_ih_l0_reverse', [4 * H]],
      ['bias_hh_l0_reverse', [4 * H]],
    ]);
  });

  it('count the head\'s extra inputs (covariates known at each step ahead) in head.weight', () => {
    // GRU, both directions, H = 8, K = 18 steps, 2 known covariates: E = 18·2 extra inputs.
    const count = countParameters({ ...spec('gru', 5, 8, 1, true, 18), headExtras: 36 });
    expect(count.groups.at(-1)!.tensors.map((t) => [t.name, t.shape])).toEqual([['head.weight', [18, 16 + 36]], ['head.bias', [18]]]);
    expect(count.groups.at(-1)!.count).toBe(18 * (2 * 8 + 36) + 18); // torch: nn.Linear(52, 18)
    expect(count.total).toBe(parameterLayout({ ...spec('gru', 5, 8, 1, true, 18), headExtras: 36 }).total);
  });

  it('name a unidirectional network\'s layers without a direction', () => {
    expect(countParameters(spec('gru', 2, 4, 2, false, 3)).groups.map((g) => g.part)).toEqual(['layer 1', 'layer 2', 'dense head']);
  });
});
