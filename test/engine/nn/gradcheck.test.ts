// Finite-difference gradient checks of the whole engine (stack, cells, head, loss) on random
// small configurations of every cell × direction × depth, in float64: the runner runs on the
// TypeScript kernels over a Float64Array heap, so a five-point central difference is accurate
// to ~1e-9 and a wrong term in any backward formula shows up as an error of order 1.

import { describe, expect, it } from 'vitest';
import { createTsBackend } from '../../../engine/math/kernels-ts';
import { createWasmBackend } from '../../../engine/math/kernels-wasm';
import { Rng } from '../../../engine/math/prng';
import { lossAndGradient } from '../../../engine/nn/loss';
import type { LossKind } from '../../../engine/nn/loss';
import { allocateNetwork, createNetwork } from '../../../engine/nn/network';
import { maxRelativeError } from '../../../engine/nn/reference';
import { Propagator } from '../../../engine/nn/propagator';
import type { CellKind, NetworkSpec } from '../../../engine/nn/spec';

interface Problem {
  spec: NetworkSpec;
  B: number;
  T: number;
  x: Float64Array;
  y: Float64Array;
  /** Head extras (B, E), empty when the head reads none. */
  extras: Float64Array;
  params: Float64Array;
  loss: LossKind;
  delta: number;
}

function makeProblem(cell: CellKind, bidirectional: boolean, layers: number, loss: LossKind, seed: number, headExtras = 0): Problem {
  const rng = new Rng(seed);
  const spec: NetworkSpec = {
    cell,
    bidirectional,
    layers,
    inputSize: 1 + rng.nextInt(3),
    hiddenSize: 2 + rng.nextInt(4),
    outputSize: 1 + rng.nextInt(3),
    dropout: 0,
    ...(headExtras > 0 ? { headExtras } : {}),
  };
  const B = 1 + rng.nextInt(3);
  const T = 1 + rng.nextInt(5);
  const net = createNetwork(spec, seed);
  // Larger weights than the default init so the gates leave their linear range.
  const params = Float64Array.from(net.params, (v) => v * 2.5);
  const x = Float64Array.from({ length: B * T * spec.inputSize }, () => rng.uniform(-2, 2));
  const y = Float64Array.from({ length: B * spec.outputSize }, () => rng.uniform(-1.5, 1.5));
  const extras = Float64Array.from({ length: B * headExtras }, () => rng.uniform(-2, 2));
  return { spec, B, T, x, y, extras, params, loss, delta: 0.3 };
}

function analytic(p: Problem, runner: Propagator): { params: Float64Array; input: Float64Array; extras: Float64Array } {
  runner.ensure(p.B, p.T);
  runner.loadParameters(p.params);
  runner.forward(p.x, p.B, p.T, null, 0, p.extras);
  const n = p.B * p.spec.outputSize;
  const dPred = new Float64Array(n);
  lossAndGradient(dPred as unknown as Float32Array, runner.predictions(p.B), p.y, n, p.loss, p.delta);
  runner.setOutputGradient(dPred, p.B);
  runner.backward(p.B, p.T);
  return { params: Float64Array.from(runner.gradients()), input: runner.inputGradient(p.B, p.T), extras: runner.extrasGradient(p.B) };
}

function lossAt(p: Problem, runner: Propagator, params: Float64Array, x: Float64Array): number {
  runner.loadParameters(params);
  runner.forward(x, p.B, p.T, null, 0, p.extras);
  return lossAndGradient(null, runner.predictions(p.B), p.y, p.B * p.spec.outputSize, p.loss, p.delta);
}

/**
 * Five-point central difference (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h for every coordinate
 * of `v` (restored afterwards): truncation O(h⁴), so h can stay large enough (1e-3) that the
 * float64 roundoff of a loss of order 1 (~1e-16 / h) stays far below small gradients.
 */
function numeric(v: Float64Array, f: () => number, h: number): Float64Array {
  const g = new Float64Array(v.length);
  const at = (i: number, value: number): number => {
    v[i] = value;
    return f();
  };
  for (let i = 0; i < v.length; i++) {
    const keep = v[i];
    const fm2 = at(i, keep - 2 * h), fm1 = at(i, keep - h), fp1 = at(i, keep + h), fp2 = at(i, keep + 2 * h);
    v[i] = keep;
    g[i] = (fm2 - 8 * fm1 + 8 * fp1 - fp2) / (12 * h);
  }
  return g;
}

/** Largest |a − n| / max(|n|, 1e-4 · max|n|): relative, with a floor for near-zero entries. */
function worstError(a: Float64Array, n: Float64Array): number {
  let scale = 0;
  for (const v of n) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < n.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - n[i]) / Math.max(Math.abs(n[i]), 1e-4 * scale, 1e-12));
  }
  return worst;
}

const cells: CellKind[] = ['rnn', 'lstm', 'gru'];
let seed = 100;
const problems: { name: string; problem: Problem }[] = [];
for (const cell of cells) {
  for (const bi of [false, true]) {
    for (const layers of [1, 2, 3]) {
      for (const loss of ['mse', 'huber'] as LossKind[]) {
        if (layers === 3 && loss === 'huber') continue;
        // Each 1–2 layer problem also comes with a head reading extras (E from 1 to 6).
        for (const extras of layers < 3 ? [0, 1 + (seed % 6)] : [0]) {
          const problem = makeProblem(cell, bi, layers, loss, extras > 0 ? 1000 + seed : seed, extras);
          const s = problem.spec;
          problems.push({
            name:
              `${cell} ${bi ? 'bi' : 'uni'} ${layers} layer(s), D=${s.inputSize} H=${s.hiddenSize} K=${s.outputSize} B=${problem.B} T=${problem.T}, ${loss}` +
              (extras > 0 ? `, head extras E=${extras}` : ''),
            problem,
          });
        }
        seed++;
      }
    }
  }
}

describe('gradients match central finite differences (float64)', () => {
  for (const { name, problem } of problems) {
    it(name, () => {
      const runner = new Propagator(problem.spec, createTsBackend(true), { training: true, inputGrad: true });
      const a = analytic(problem, runner);
      const h = 1e-3;
      const nParams = numeric(problem.params, () => lossAt(problem, runner, problem.params, problem.x), h);
      const nInput = numeric(problem.x, () => lossAt(problem, runner, problem.params, problem.x), h);
      const nExtras = numeric(problem.extras, () => lossAt(problem, runner, problem.params, problem.x), h);
      // The stencil is good to ~1e-8 relative here (Huber's kink is never within 2h of a
      // residual for these seeds); a missing or wrong backward term gives 1e-2 and more.
      expect(worstError(a.params, nParams)).toBeLessThan(1e-6);
      expect(worstError(a.input, nInput)).toBeLessThan(1e-6);
      if (problem.extras.length > 0) expect(worstError(a.extras, nExtras)).toBeLessThan(1e-6);
      else expect(a.extras.length).toBe(0);
    });
  }
});

describe('WebAssembly float32 gradients match the float64 ones on the same random configurations', () => {
  for (const { name, problem } of problems) {
    it(name, () => {
      const exact = analytic(problem, new Propagator(problem.spec, createTsBackend(true), { training: true, inputGrad: true }));
      // Same problem in float32 on the WebAssembly kernels.
      const net = allocateNetwork(problem.spec);
      net.params.set(problem.params);
      const p32 = {
        ...problem,
        params: Float64Array.from(net.params),
        x: Float64Array.from(Float32Array.from(problem.x)),
        extras: Float64Array.from(Float32Array.from(problem.extras)),
      };
      const fast = analytic(p32, new Propagator(problem.spec, createWasmBackend(), { training: true, inputGrad: true }));
      // The parity criterion (relative error, floored at 1e-3).
      expect(maxRelativeError(fast.params, exact.params)).toBeLessThan(1e-3);
      expect(maxRelativeError(fast.input, exact.input)).toBeLessThan(1e-3);
      expect(maxRelativeError(fast.extras, exact.extras)).toBeLessThan(1e-3);
    });
  }
});
