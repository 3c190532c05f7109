// Inference: predictions and losses for any number of windows, computed in chunks so memory
// stays bounded, on inference propagators cached per thread (one per spec, steps and backend).

import { createBackend, defaultBackendKind } from '../math/backend';
import type { BackendKind } from '../math/backend';
import { checkBatchShape } from './batch';
import { lossAndGradient } from './loss';
import type { LossKind } from './loss';
import type { Network } from './network';
import { Propagator } from './propagator';
import { GATES, headExtras } from './spec';
import type { NetworkSpec } from './spec';

const CACHE_SIZE = 4;
const cache: { key: string; propagator: Propagator }[] = [];
// The last lookup, compared by identity first so repeated calls allocate nothing.
let last: { spec: NetworkSpec; steps: number; kind: BackendKind; propagator: Propagator } | null = null;

function propagatorFor(spec: NetworkSpec, steps: number, kind: BackendKind): Propagator {
  if (last && last.spec === spec && last.steps === steps && last.kind === kind) return last.propagator;
  const propagator = lookup(spec, steps, kind);
  last = { spec, steps, kind, propagator };
  return propagator;
}

function lookup(spec: NetworkSpec, steps: number, kind: BackendKind): Propagator {
  const key = `${kind}|${JSON.stringify(spec)}|${steps}`;
  const i = cache.findIndex((e) => e.key === key);
  if (i >= 0) {
    const [hit] = cache.splice(i, 1);
    cache.unshift(hit);
    return hit.propagator;
  }
  const propagator = new Propagator(spec, createBackend(kind), { training: false, inputGrad: false });
  cache.unshift({ key, propagator });
  if (cache.length > CACHE_SIZE) cache.pop();
  return propagator;
}

/** Rows per chunk: the input projection (T, rows, G·H) stays within ~4 M floats. */
export function inferenceChunkRows(spec: NetworkSpec, steps: number): number {
  const perRow = steps * GATES[spec.cell] * spec.hiddenSize;
  return Math.max(16, Math.min(256, Math.floor((4 << 20) / perRow)));
}

/**
 * x (B, T, D) row-major → predictions (B, K). Reuses `out` when given. `extras` (B, E): the
 * head extras of each window, for a network whose head reads them.
 */
export function predict(
  net: Network,
  x: Float32Array,
  batch: number,
  steps: number,
  out?: Float32Array,
  backend?: BackendKind,
  extras: Float32Array | null = null,
): Float32Array {
  const spec = net.spec;
  checkBatchShape(spec, x, null, batch, steps, 'predict', extras);
  const K = spec.outputSize, D = spec.inputSize, E = headExtras(spec);
  const result = out ?? new Float32Array(batch * K);
  if (result.length < batch * K) throw new Error(`predict: out has ${result.length} values, needs ${batch * K} (batch × outputs).`);
  const propagator = propagatorFor(spec, steps, backend ?? defaultBackendKind());
  const chunk = Math.min(batch, inferenceChunkRows(spec, steps));
  propagator.ensure(chunk, steps);
  propagator.loadParameters(net.params);
  for (let start = 0; start < batch; start += chunk) {
    const rows = Math.min(chunk, batch - start);
    propagator.forward(x, rows, steps, null, start * steps * D, extras, start * E);
    propagator.copyPredictions(result, start * K, rows);
  }
  return result;
}

/** Mean loss over all windows (no dropout, no gradient). */
export function evaluateLoss(
  net: Network,
  x: Float32Array,
  y: Float32Array,
  batch: number,
  steps: number,
  loss: LossKind,
  huberDelta = 1,
  backend?: BackendKind,
  extras: Float32Array | null = null,
): number {
  checkBatchShape(net.spec, x, y, batch, steps, 'evaluate', extras);
  const pred = predict(net, x, batch, steps, undefined, backend, extras);
  return lossAndGradient(null, pred, y, batch * net.spec.outputSize, loss, huberDelta);
}
