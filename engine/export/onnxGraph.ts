// One network as a standard ONNX graph in data units: the input scaling, the window's level and
// anchor, the ONNX RNN/LSTM/GRU operators (stacked, either direction), the dense head on the
// last layer's final states, and the inverse transform, all as graph operations.
// B = batch (chosen at run time), L = lookback, C = covariates, K = calendar features,
// F = 1 + C + K channels, H = hidden units, dirs = 1 or 2, h = horizon.
import type { OnnxAttribute, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnxProto';
import { describeNetwork, onnxLayerWeights, parameter } from './onnxWeights';
import { channelCount, directionCount, type ExportableNetwork } from './types';

/** Operator set and IR version: ONNX 1.12's, read by onnxruntime 1.13 and later (web, Python, C#). */
export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

export const ONNX_INPUT = { target: 'target', covariates: 'covariates', calendar: 'calendar' } as const;
export const ONNX_OUTPUT = 'forecast';

export interface GraphContext {
  /** The target column's name, for the inputs' descriptions. */
  targetName: string;
  producerVersion: string;
  /** One or two sentences on how the calendar inputs are computed (when the network has any). */
  calendarDoc: string;
}

/** The graph inputs a network needs, with their shapes and meaning. */
export function onnxInputs(net: ExportableNetwork, context: GraphContext): OnnxValueInfo[] {
  const L = net.lookback;
  const inputs: OnnxValueInfo[] = [
    {
      name: ONNX_INPUT.target,
      dataType: 'float',
      shape: ['batch', L],
      doc: `The last ${L} values of "${context.targetName}" in data units, oldest first; one row per forecast.`,
    },
  ];
  if (net.covariates.length > 0) {
    inputs.push({
      name: ONNX_INPUT.covariates,
      dataType: 'float',
      shape: ['batch', L, net.covariates.length],
      doc: `The covariates ${net.covariates.map((c) => `"${c.name}"`).join(', ')} on the same ${L} rows, data units.`,
    });
  }
  if (net.calendar.length > 0) {
    inputs.push({
      name: ONNX_INPUT.calendar,
      dataType: 'float',
      shape: ['batch', L, net.calendar.length],
      doc: `Calendar features ${net.calendar.join(', ')} of the same ${L} rows' timestamps. ${context.calendarDoc}`,
    });
  }
  return inputs;
}

export function buildOnnxModel(net: ExportableNetwork, context: GraphContext): OnnxModel {
  checkNetwork(net);
  const g = new GraphBuilder();
  const L = net.lookback;
  const H = net.hidden;
  const dirs = directionCount(net);

  // Channel 0: the target in the network's units, minus the window's level.
  let scaled = ONNX_INPUT.target as string;
  if (net.target.log) scaled = g.op('Log', [scaled]);
  const targetMean = g.floats('target_mean', [], [net.target.mean]);
  const targetStd = g.floats('target_std', [], [net.target.std]);
  scaled = g.op('Div', [g.op('Sub', [scaled, targetMean]), targetStd]);
  let level: string | null = null;
  if (net.anchor === 'last' || net.anchor === 'season') {
    level = g.op('Slice', [scaled, g.ints('last_start', [1], [L - 1]), g.ints('last_end', [1], [L]), g.ints('axis_1', [1], [1])]);
  } else if (net.anchor === 'mean') {
    level = g.op('ReduceMean', [scaled], [{ name: 'axes', type: 'ints', value: [1] }, { name: 'keepdims', type: 'int', value: 1 }]);
  }
  const centred = level === null ? scaled : g.op('Sub', [scaled, level]);
  // The anchor forecast added back to the network's output: (B, 1) or, seasonal, (B, h).
  const anchor = net.anchor === 'season' ? g.op('Gather', [scaled, g.ints('season_rows', [net.horizon], seasonRows(net))], [{ name: 'axis', type: 'int', value: 1 }]) : level;

  const channels = [g.op('Unsqueeze', [centred, g.ints('axis_2', [1], [2])])];
  if (net.covariates.length > 0) {
    const C = net.covariates.length;
    const mean = g.floats('covariate_mean', [C], net.covariates.map((c) => c.mean));
    const std = g.floats('covariate_std', [C], net.covariates.map((c) => c.std));
    channels.push(g.op('Div', [g.op('Sub', [ONNX_INPUT.covariates, mean]), std]));
  }
  if (net.calendar.length > 0) channels.push(ONNX_INPUT.calendar);
  const features = channels.length > 1 ? g.op('Concat', channels, [{ name: 'axis', type: 'int', value: 2 }]) : channels[0];

  // The recurrent operators read (L, B, input) and return Y (L, dirs, B, H) and Y_h (dirs, B, H).
  let sequence = g.op('Transpose', [features], [{ name: 'perm', type: 'ints', value: [1, 0, 2] }]);
  let finalStates = '';
  for (let layer = 0; layer < net.layers; layer++) {
    const w = onnxLayerWeights(net, layer);
    const G = w.W.length / (dirs * H * w.inputSize);
    const W = g.floats(`W_l${layer}`, [dirs, G * H, w.inputSize], w.W);
    const R = g.floats(`R_l${layer}`, [dirs, G * H, H], w.R);
    const Bias = g.floats(`B_l${layer}`, [dirs, 2 * G * H], w.B);
    const attributes: OnnxAttribute[] = [
      { name: 'hidden_size', type: 'int', value: H },
      { name: 'direction', type: 'string', value: net.bidirectional ? 'bidirectional' : 'forward' },
    ];
    // PyTorch's GRU applies the reset gate after the recurrent product: r ⊙ (W_hn h + b_hn).
    if (net.cell === 'gru') attributes.push({ name: 'linear_before_reset', type: 'int', value: 1 });
    const last = layer === net.layers - 1;
    const outputs = [last ? '' : g.name(`Y_l${layer}`), g.name(`Y_h_l${layer}`)];
    g.node({ opType: { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' }[net.cell], inputs: [sequence, W, R, Bias], outputs, attributes });
    if (last) {
      finalStates = outputs[1];
    } else {
      // The next layer reads [forward, backward] outputs per step, as PyTorch stacks them.
      const perStep = g.op('Transpose', [outputs[0]], [{ name: 'perm', type: 'ints', value: [0, 2, 1, 3] }]);
      sequence = g.op('Reshape', [perStep, g.ints('shape_keep2', [3], [0, 0, -1])]);
    }
  }
  // The head reads PyTorch's h_n of the last layer: [forward h_T, backward h_1] per row.
  const states = g.op('Reshape', [g.op('Transpose', [finalStates], [{ name: 'perm', type: 'ints', value: [1, 0, 2] }]), g.ints('shape_keep1', [2], [0, -1])]);
  const headWeight = g.floats('head_weight', [net.horizon, H * dirs], parameter(net, 'head.weight', net.horizon * H * dirs));
  const headBias = g.floats('head_bias', [net.horizon], parameter(net, 'head.bias', net.horizon));
  let out = g.op('Gemm', [states, headWeight, headBias], [{ name: 'transB', type: 'int', value: 1 }]);
  if (anchor !== null) out = g.op('Add', [out, anchor]);
  out = g.op('Add', [g.op('Mul', [out, targetStd]), targetMean]);
  if (net.target.log) out = g.op('Exp', [out]);
  g.node({ opType: 'Identity', inputs: [out], outputs: [ONNX_OUTPUT] });

  const doc =
    `Tidecast ${net.label}: a ${describeNetwork(net)}. Reads the last ${L} rows (inputs in data units) and ` +
    `forecasts the next ${net.horizon} values of "${context.targetName}" in data units.`;
  return {
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'Tidecast',
    producerVersion: context.producerVersion,
    doc,
    graph: {
      name: `tidecast_${net.cell}`,
      doc,
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: onnxInputs(net, context),
      outputs: [{ name: ONNX_OUTPUT, dataType: 'float', shape: ['batch', net.horizon], doc: `The next ${net.horizon} values of "${context.targetName}", data units.` }],
    },
    metadata: {
      'tidecast.member': net.label,
      'tidecast.lookback': String(L),
      'tidecast.horizon': String(net.horizon),
      'tidecast.channels': JSON.stringify(['target', ...net.covariates.map((c) => c.name), ...net.calendar]),
      'tidecast.anchor': net.anchor,
      'tidecast.log': String(net.target.log),
    },
  };
}

/** Row of the window holding each step's seasonal anchor: L−1 + k − m·⌈k/m⌉ for k = 1..h. */
export function seasonRows(net: ExportableNetwork): number[] {
  const m = Math.max(1, net.season);
  return Array.from({ length: net.horizon }, (_, i) => net.lookback - 1 + (i + 1) - m * Math.ceil((i + 1) / m));
}

function checkNetwork(net: ExportableNetwork): void {
  if (net.anchor === 'season' && net.lookback < net.season) {
    throw new RangeError(`Network ${net.label}: a seasonal anchor needs a lookback of at least one season (${net.season}); it has ${net.lookback}.`);
  }
  if (channelCount(net) < 1 || net.layers < 1 || net.hidden < 1 || net.horizon < 1 || net.lookback < 1) {
    throw new RangeError(`Network ${net.label}: not a complete network (${describeNetwork(net)}, lookback ${net.lookback}).`);
  }
}

/** Collects nodes and initializers with names unique in the graph. */
class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>([...Object.values(ONNX_INPUT), ONNX_OUTPUT]);

  name(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  node(node: Omit<OnnxNode, 'name'>): void {
    this.nodes.push({ ...node, name: this.name(`${node.opType}_node`) });
  }

  /** One node with one output; returns the output's name. */
  op(opType: string, inputs: string[], attributes: OnnxAttribute[] = []): string {
    const output = this.name(opType.toLowerCase());
    this.node({ opType, inputs, outputs: [output], attributes });
    return output;
  }

  floats(base: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.name(base);
    this.initializers.push({ name, dataType: 'float', dims, values: Float32Array.from(values) });
    return name;
  }

  ints(base: string, dims: number[], values: number[]): string {
    const name = this.name(base);
    this.initializers.push({ name, dataType: 'int64', dims, values });
    return name;
  }
}
