// One forward and backward pass reported in full, in PyTorch's terms (output, h_n, c_n, loss
// and every gradient including the input's): what the parity CLI and the gradient checks use.

import { createBackend } from '../math/backend';
import type { BackendKind } from '../math/backend';
import { checkBatchShape } from './batch';
import { lossAndGradient } from './loss';
import type { LossKind } from './loss';
import type { Network } from './network';
import { Propagator } from './propagator';

export interface ForwardBackwardResult {
  /** Predictions (B, K). */
  output: Float32Array;
  /** Final hidden states (layers·dirs, B, H), PyTorch's order. */
  h_n: Float32Array;
  /** LSTM final cell states, same shape; null for rnn and gru. */
  c_n: Float32Array | null;
  loss: number;
  /**
   * d loss / d every parameter by PyTorch name, "input": d loss / d x (B, T, D), and, for a
   * head with extras, "extras": d loss / d extras (B, E).
   */
  grads: Record<string, Float32Array>;
}

export interface ForwardBackwardOptions {
  huberDelta?: number;
  backend?: BackendKind;
  /** The head extras (B, E), for a network whose head reads them. */
  extras?: Float32Array;
}

/** Forward and backward without dropout and without touching the weights. */
export function forwardBackward(net: Network, x: Float32Array, y: Float32Array, batch: number, steps: number, loss: LossKind = 'mse', options: ForwardBackwardOptions = {}): ForwardBackwardResult {
  const extras = options.extras ?? null;
  checkBatchShape(net.spec, x, y, batch, steps, 'forwardBackward', extras);
  const propagator = new Propagator(net.spec, createBackend(options.backend), { training: true, inputGrad: true });
  propagator.ensure(batch, steps);
  propagator.loadParameters(net.params);
  propagator.forward(x, batch, steps, null, 0, extras);
  const n = batch * net.spec.outputSize;
  const output = Float32Array.from(propagator.predictions(batch));
  const dPred = new Float32Array(n);
  const lossValue = lossAndGradient(dPred, output, y, n, loss, options.huberDelta ?? 1);
  propagator.setOutputGradient(dPred, batch);
  propagator.backward(batch, steps);
  const all = propagator.gradients();
  const grads: Record<string, Float32Array> = {};
  for (const e of net.layout.entries) grads[e.name] = Float32Array.from(all.subarray(e.offset, e.offset + e.size));
  grads.input = Float32Array.from(propagator.inputGradient(batch, steps));
  if (extras !== null) grads.extras = Float32Array.from(propagator.extrasGradient(batch));
  return {
    output,
    h_n: Float32Array.from(propagator.finalHidden(batch, steps)),
    c_n: net.spec.cell === 'lstm' ? Float32Array.from(propagator.finalCell(batch, steps)) : null,
    loss: lossValue,
    grads,
  };
}
