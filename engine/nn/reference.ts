// PyTorch reference cases (format of ../shared/reference/README.md): loading one into a
// network + batch, and comparing the engine's forward/backward against it. A case whose head
// reads extras has `config.headExtras` E, an `extras` tensor (B, E) and `grads.extras`.

import { forwardBackward } from './check';
import type { ForwardBackwardResult } from './check';
import type { BackendKind } from '../math/backend';
import { allocateNetwork, setParameter } from './network';
import type { Network } from './network';
import type { CellKind } from './spec';

export interface TensorJson {
  shape: number[];
  data: number[];
}

export interface ReferenceCase {
  name: string;
  net: Network;
  batch: number;
  steps: number;
  x: Float32Array;
  y: Float32Array;
  /** Head extras (B, E); null for a head on the final states only. */
  extras: Float32Array | null;
  expected: {
    output: TensorJson;
    h_n: TensorJson;
    c_n?: TensorJson;
    loss: number;
    grads: Record<string, TensorJson>;
  };
}

export interface ParityReport {
  case: string;
  maxRelErr: { output: number; h_n: number; c_n: number | null; loss: number; grads: number };
  /** The gradient with the largest error (for diagnosis). */
  worstGrad: string;
  pass: boolean;
}

/** Parity threshold: |engine − ref| / max(|ref|, 1e-3) ≤ 1e-3 everywhere (float32 against PyTorch's float64). */
export const PARITY_TOLERANCE = 1e-3;

function tensor(o: unknown, where: string): TensorJson {
  const t = o as TensorJson;
  if (!t || !Array.isArray(t.shape) || !Array.isArray(t.data)) throw new Error(`${where}: expected {"shape": [...], "data": [...]}.`);
  const n = t.shape.reduce((p, q) => p * q, 1);
  if (t.data.length !== n) throw new Error(`${where}: shape [${t.shape.join(', ')}] needs ${n} values, data has ${t.data.length}.`);
  return t;
}

export function loadReferenceCase(json: unknown, fallbackName = 'case'): ReferenceCase {
  const o = json as Record<string, unknown>;
  const c = o?.config as Record<string, unknown> | undefined;
  if (!c) throw new Error(`Reference case ${fallbackName}: missing "config".`);
  const name = typeof o.name === 'string' ? o.name : fallbackName;
  const net = allocateNetwork({
    cell: c.cell as CellKind,
    bidirectional: c.bidirectional as boolean,
    layers: c.layers as number,
    inputSize: c.inputSize as number,
    hiddenSize: c.hiddenSize as number,
    outputSize: c.horizon as number,
    dropout: 0,
    ...(c.headExtras !== undefined ? { headExtras: c.headExtras as number } : {}),
  });
  const hasExtras = (net.spec.headExtras ?? 0) > 0;
  const params = o.params as Record<string, unknown>;
  for (const e of net.layout.entries) {
    const t = tensor(params?.[e.name], `Reference case ${name}: params["${e.name}"]`);
    setParameter(net, e.name, t.data);
  }
  const x = tensor(o.input, `Reference case ${name}: input`);
  const y = tensor(o.target, `Reference case ${name}: target`);
  const grads = o.grads as Record<string, unknown>;
  const expectedGrads: Record<string, TensorJson> = {};
  for (const key of [...net.layout.entries.map((e) => e.name), 'input', ...(hasExtras ? ['extras'] : [])]) {
    expectedGrads[key] = tensor(grads?.[key], `Reference case ${name}: grads["${key}"]`);
  }
  return {
    name,
    net,
    batch: c.batch as number,
    steps: c.steps as number,
    x: Float32Array.from(x.data),
    y: Float32Array.from(y.data),
    extras: hasExtras ? Float32Array.from(tensor(o.extras, `Reference case ${name}: extras`).data) : null,
    expected: {
      output: tensor(o.output, `Reference case ${name}: output`),
      h_n: tensor(o.h_n, `Reference case ${name}: h_n`),
      c_n: o.c_n === undefined ? undefined : tensor(o.c_n, `Reference case ${name}: c_n`),
      loss: o.loss as number,
      grads: expectedGrads,
    },
  };
}

/** max over elements of |a − ref| / max(|ref|, 1e-3); Infinity on a size mismatch or NaN. */
export function maxRelativeError(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  if (actual.length !== reference.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i] - reference[i]) / Math.max(Math.abs(reference[i]), 1e-3);
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}

export function runReferenceCase(rc: ReferenceCase, backend?: BackendKind): { result: ForwardBackwardResult; report: ParityReport } {
  const result = forwardBackward(rc.net, rc.x, rc.y, rc.batch, rc.steps, 'mse', { backend, ...(rc.extras ? { extras: rc.extras } : {}) });
  const ex = rc.expected;
  let grads = 0, worstGrad = '';
  for (const [name, t] of Object.entries(ex.grads)) {
    const e = maxRelativeError(result.grads[name] ?? [], t.data);
    if (e > grads || worstGrad === '') {
      grads = Math.max(grads, e);
      worstGrad = name;
    }
  }
  const maxRelErr = {
    output: maxRelativeError(result.output, ex.output.data),
    h_n: maxRelativeError(result.h_n, ex.h_n.data),
    c_n: ex.c_n ? maxRelativeError(result.c_n ?? [], ex.c_n.data) : null,
    loss: maxRelativeError([result.loss], [ex.loss]),
    grads,
  };
  const errors = [maxRelErr.output, maxRelErr.h_n, maxRelErr.loss, maxRelErr.grads, maxRelErr.c_n ?? 0];
  const pass = errors.every((e) => e <= PARITY_TOLERANCE);
  return { result, report: { case: rc.name, maxRelErr, worstGrad, pass } };
}

/** The engine's results in the reference format (parity --emit). */
export function resultToReferenceJson(rc: ReferenceCase, r: ForwardBackwardResult): Record<string, unknown> {
  const spec = rc.net.spec;
  const dirs = spec.bidirectional ? 2 : 1;
  const t = (shape: number[], data: ArrayLike<number>): TensorJson => ({ shape, data: Array.from(data) });
  const grads: Record<string, TensorJson> = {};
  for (const e of rc.net.layout.entries) grads[e.name] = t([...e.shape], r.grads[e.name]);
  grads.input = t([rc.batch, rc.steps, spec.inputSize], r.grads.input);
  if (r.grads.extras) grads.extras = t([rc.batch, spec.headExtras ?? 0], r.grads.extras);
  const stateShape = [spec.layers * dirs, rc.batch, spec.hiddenSize];
  return {
    name: rc.name,
    output: t([rc.batch, spec.outputSize], r.output),
    h_n: t(stateShape, r.h_n),
    ...(r.c_n ? { c_n: t(stateShape, r.c_n) } : {}),
    loss: r.loss,
    grads,
  };
}
