// PyTorch's recurrent weights rearranged as the ONNX RNN, LSTM and GRU operators take them.
// PyTorch (per layer and direction): weight_ih (G·H, D), weight_hh (G·H, H), bias_ih and bias_hh
// (G·H), gates lstm i f g o, gru r z n. ONNX (per layer, both directions stacked, forward first):
// W (dirs, G·H, D), R (dirs, G·H, H), B (dirs, 2·G·H) = [Wb, Rb], gates lstm i o f c, gru z r h.
// H = hidden units, G = gates, D = the layer's input width.
import { GATE_COUNT, channelCount, directionCount, type ExportCell, type ExportableNetwork } from './types';

/** ONNX gate block j holds PyTorch's gate block ONNX_GATE_FROM_TORCH[cell][j]. */
export const ONNX_GATE_FROM_TORCH: Readonly<Record<ExportCell, readonly number[]>> = {
  rnn: [0],
  lstm: [0, 3, 1, 2], // i o f c ← i f g o (ONNX's c is PyTorch's g)
  gru: [1, 0, 2], // z r h ← r z n (ONNX's h is PyTorch's n)
};

export interface OnnxLayerWeights {
  /** (dirs, G·H, D) */
  W: Float32Array;
  /** (dirs, G·H, H) */
  R: Float32Array;
  /** (dirs, 2·G·H) */
  B: Float32Array;
  inputSize: number;
}

/** The ONNX W, R, B of recurrent layer `layer`. */
export function onnxLayerWeights(net: ExportableNetwork, layer: number): OnnxLayerWeights {
  const G = GATE_COUNT[net.cell];
  const H = net.hidden;
  const dirs = directionCount(net);
  const D = layer === 0 ? channelCount(net) : H * dirs;
  const W = new Float32Array(dirs * G * H * D);
  const R = new Float32Array(dirs * G * H * H);
  const B = new Float32Array(dirs * 2 * G * H);
  for (let d = 0; d < dirs; d++) {
    const suffix = `_l${layer}${d === 1 ? '_reverse' : ''}`;
    const wIh = parameter(net, `weight_ih${suffix}`, G * H * D);
    const wHh = parameter(net, `weight_hh${suffix}`, G * H * H);
    const bIh = parameter(net, `bias_ih${suffix}`, G * H);
    const bHh = parameter(net, `bias_hh${suffix}`, G * H);
    copyGateBlocks(W, d * G * H * D, wIh, net.cell, H * D);
    copyGateBlocks(R, d * G * H * H, wHh, net.cell, H * H);
    copyGateBlocks(B, d * 2 * G * H, bIh, net.cell, H);
    copyGateBlocks(B, d * 2 * G * H + G * H, bHh, net.cell, H);
  }
  return { W, R, B, inputSize: D };
}

/** Copy `source`'s G gate blocks of `blockSize` floats into `out` at `offset`, in ONNX's order. */
function copyGateBlocks(out: Float32Array, offset: number, source: Float32Array, cell: ExportCell, blockSize: number): void {
  ONNX_GATE_FROM_TORCH[cell].forEach((from, to) => {
    out.set(source.subarray(from * blockSize, (from + 1) * blockSize), offset + to * blockSize);
  });
}

/** A parameter by PyTorch name, checked for its size. */
export function parameter(net: ExportableNetwork, name: string, size: number): Float32Array {
  const p = net.parameters[name];
  if (p === undefined) {
    throw new Error(`Network ${net.label}: parameter "${name}" is missing; the model file is damaged — retrain and save it again.`);
  }
  if (p.length !== size) {
    throw new Error(`Network ${net.label}: parameter "${name}" has ${p.length} values, expected ${size} for a ${describeNetwork(net)}.`);
  }
  return p;
}

export function describeNetwork(net: ExportableNetwork): string {
  return `${net.cell} ${net.bidirectional ? 'bi' : 'uni'} ${net.layers}×${net.hidden} network with ${channelCount(net)} input channel(s) and horizon ${net.horizon}`;
}
