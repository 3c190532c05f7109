// Training behaviour callers rely on: Adam steps (with weight decay, clipping, Huber) match
// PyTorch; non-finite batches never touch the weights; saturated inputs stay finite; training is
// bit-for-bit reproducible from a seed; dropout acts in training only.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Rng } from '../../../engine/math/prng';
import { adamStep, clipFactor } from '../../../engine/nn/adam';
import {
  NonFiniteError,
  Trainer,
  cloneNetwork,
  createNetwork,
  forwardBackward,
  parameterNames,
  predict,
  setParameter,
} from '../../../engine/nn/index';
import type { NetworkSpec, TrainerOptions } from '../../../engine/nn/index';
import { allocateNetwork, getParameter } from '../../../engine/nn/network';
import { maxRelativeError } from '../../../engine/nn/reference';
import type { TensorJson } from '../../../engine/nn/reference';
import { availableBackends } from './backends';
import { checkClose, randomArray, readJson } from './helpers';

interface FixtureCase {
  name: string;
  config: { cell: 'rnn' | 'lstm' | 'gru'; bidirectional: boolean; layers: number; inputSize: number; hiddenSize: number; horizon: number; batch: number; steps: number };
  optimizer: { learningRate: number; weightDecay: number; clipNorm: number | null; loss: 'mse' | 'huber'; huberDelta: number };
  init: Record<string, TensorJson>;
  batches: { x: TensorJson; y: TensorJson }[];
  losses: number[];
  gradNorms: (number | null)[];
  final: Record<string, TensorJson>;
}

const fixture = readJson(join(import.meta.dirname, 'fixtures/training-steps.json')) as { cases: FixtureCase[] };

function runFixture(c: FixtureCase, backend: 'ts' | 'wasm', clip = true): { losses: number[]; norms: number[]; params: Record<string, Float32Array> } {
  const net = allocateNetwork({
    cell: c.config.cell,
    bidirectional: c.config.bidirectional,
    layers: c.config.layers,
    inputSize: c.config.inputSize,
    hiddenSize: c.config.hiddenSize,
    outputSize: c.config.horizon,
    dropout: 0,
  });
  for (const name of parameterNames(net)) setParameter(net, name, c.init[name].data);
  const trainer = new Trainer(net, {
    learningRate: c.optimizer.learningRate,
    weightDecay: c.optimizer.weightDecay,
    clipNorm: clip && c.optimizer.clipNorm !== null ? c.optimizer.clipNorm : undefined,
    loss: c.optimizer.loss,
    huberDelta: c.optimizer.huberDelta,
    seed: 1,
    backend,
  });
  const losses: number[] = [], norms: number[] = [];
  for (const b of c.batches) {
    losses.push(trainer.trainBatch(Float32Array.from(b.x.data), Float32Array.from(b.y.data), c.config.batch, c.config.steps));
    norms.push(trainer.lastGradientNorm);
  }
  const params: Record<string, Float32Array> = {};
  for (const name of parameterNames(net)) params[name] = getParameter(net, name).slice();
  return { losses, norms, params };
}

describe('Adam steps match PyTorch (torch.optim.Adam + clip_grad_norm_, float64 reference)', () => {
  for (const backend of availableBackends()) {
    for (const c of fixture.cases) {
      it(`${c.name} on ${backend}`, () => {
        const r = runFixture(c, backend);
        expect(maxRelativeError(r.losses, c.losses)).toBeLessThan(1e-5);
        c.gradNorms.forEach((n, i) => {
          if (n !== null) expect(Math.abs(r.norms[i] - n) / n).toBeLessThan(1e-4);
        });
        // Three Adam steps amplify float32 rounding only mildly (measured ≤ 1.2e-5).
        for (const [name, t] of Object.entries(c.final)) {
          expect(maxRelativeError(r.params[name], t.data), name).toBeLessThan(1e-4);
        }
      });
    }
  }

  it('the clipped reference cases really depend on clipping', () => {
    const c = fixture.cases.find((k) => k.optimizer.clipNorm !== null) as FixtureCase;
    const r = runFixture(c, 'ts', false);
    const worst = Math.max(...Object.entries(c.final).map(([n, t]) => maxRelativeError(r.params[n], t.data)));
    expect(worst).toBeGreaterThan(1e-2);
  });
});

describe('Adam and clipping formulas (hand-computed)', () => {
  it('two Adam steps with weight decay', () => {
    const p = Float32Array.of(1, -2), m = new Float32Array(2), v = new Float32Array(2);
    const s = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5 };
    adamStep(p, Float32Array.of(0.2, 0.4), m, v, 1, s, 1);
    // g = 0.2 + 0.5·1 = 0.7: m = 0.07, v = 0.00049, m̂ = 0.7, v̂ = 0.49 → p = 1 − 0.1·0.7/(0.7 + 1e-8)
    expect(p[0]).toBeCloseTo(1 - 0.1 * 0.7 / (0.7 + 1e-8), 6);
    // g = 0.4 + 0.5·(−2) = −0.6 → p = −2 + 0.1
    expect(p[1]).toBeCloseTo(-1.9, 6);
    const p0 = p[0];
    adamStep(p, Float32Array.of(0.1, 0), m, v, 2, s, 1);
    const g = 0.1 + 0.5 * p0;
    const m2 = 0.9 * 0.07 + 0.1 * g, v2 = 0.999 * 0.00049 + 0.001 * g * g;
    const expected = p0 - (0.1 / (1 - 0.81)) * m2 / (Math.sqrt(v2) / Math.sqrt(1 - 0.999 ** 2) + 1e-8);
    expect(p[0]).toBeCloseTo(expected, 6);
  });

  it('gradient scale (clipping) enters before weight decay', () => {
    const p = Float32Array.of(2), m = new Float32Array(1), v = new Float32Array(1);
    adamStep(p, Float32Array.of(10), m, v, 1, { learningRate: 1, beta1: 0, beta2: 0, epsilon: 0, weightDecay: 1 }, 0.1);
    // g = 10·0.1 + 1·2 = 3; with β = 0 the step is lr·g/|g| = 1
    expect(p[0]).toBeCloseTo(1, 6);
  });

  it('clip factor scales the global norm to clipNorm (as clip_grad_norm_)', () => {
    expect(clipFactor(10, 2)).toBeCloseTo(2 / (10 + 1e-6), 12);
    expect(clipFactor(1, 2)).toBe(1);
    expect(clipFactor(5, undefined)).toBe(1);
    const g = Float32Array.of(3, 4);
    const f = clipFactor(5, 1);
    expect(Math.hypot(g[0] * f, g[1] * f)).toBeCloseTo(1, 6);
  });
});

const small: NetworkSpec = { cell: 'lstm', bidirectional: true, layers: 2, inputSize: 3, hiddenSize: 5, outputSize: 2, dropout: 0 };
const options: TrainerOptions = { learningRate: 0.01, loss: 'mse', seed: 7 };

function batch(seed: number, spec: NetworkSpec, B: number, T: number, scale = 1) {
  const rng = new Rng(seed);
  return { x: randomArray(rng, B * T * spec.inputSize, scale), y: randomArray(rng, B * spec.outputSize) };
}

describe('non-finite guard', () => {
  it('a NaN in the batch throws NonFiniteError naming it, and leaves the weights unchanged', () => {
    const net = createNetwork(small, 1);
    const before = net.params.slice();
    const trainer = new Trainer(net, options);
    const { x, y } = batch(2, small, 4, 6);
    x[(2 * 6 + 3) * 3 + 1] = NaN;
    expect(() => trainer.trainBatch(x, y, 4, 6)).toThrow(NonFiniteError);
    expect(() => trainer.trainBatch(x, y, 4, 6)).toThrow(/x\[window 2, step 3, feature 1\] is NaN.*weights were left unchanged/);
    expect(Buffer.from(net.params.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });

  it("with onNonFinite 'skip' the step is skipped, counted, and training goes on", () => {
    const net = createNetwork(small, 1);
    const before = net.params.slice();
    const trainer = new Trainer(net, { ...options, onNonFinite: 'skip' });
    const { x, y } = batch(3, small, 4, 6);
    const bad = y.slice();
    bad[1] = Infinity;
    expect(trainer.trainBatch(x, bad, 4, 6)).toBeNaN();
    expect(trainer.skippedSteps).toBe(1);
    expect(Array.from(net.params)).toEqual(Array.from(before));
    expect(Number.isFinite(trainer.trainBatch(x, y, 4, 6))).toBe(true);
    expect(trainer.steps).toBe(1);
    expect(Array.from(net.params)).not.toEqual(Array.from(before));
  });
});

describe('saturated inputs (|x| = 1e4) give finite outputs and gradients', () => {
  for (const backend of availableBackends()) {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      it(`${cell} on ${backend}`, () => {
        const spec: NetworkSpec = { ...small, cell };
        const net = createNetwork(spec, 3);
        const B = 3, T = 5;
        const x = new Float32Array(B * T * spec.inputSize).map((_, i) => (i % 3 === 0 ? 1e4 : i % 3 === 1 ? -1e4 : 5e3));
        const y = new Float32Array(B * spec.outputSize).fill(0.5);
        const r = forwardBackward(net, x, y, B, T, 'mse', { backend });
        expect(r.output.every(Number.isFinite)).toBe(true);
        for (const [name, g] of Object.entries(r.grads)) expect(g.every(Number.isFinite), name).toBe(true);
        const trainer = new Trainer(net, { ...options, backend });
        expect(Number.isFinite(trainer.trainBatch(x, y, B, T))).toBe(true);
        expect(net.params.every(Number.isFinite)).toBe(true);
      });
    }
  }
});

describe('reproducibility and dropout', () => {
  const dropSpec: NetworkSpec = { ...small, cell: 'gru', layers: 3, dropout: 0.3 };
  const trainFor = (seed: number, steps: number) => {
    const net = createNetwork(dropSpec, 11);
    const trainer = new Trainer(net, { ...options, seed });
    for (let s = 0; s < steps; s++) {
      const { x, y } = batch(100 + s, dropSpec, 8, 7);
      trainer.trainBatch(x, y, 8, 7);
    }
    return net;
  };

  it('same seed, data and settings give bit-identical weights (with dropout)', () => {
    const a = trainFor(5, 4), b = trainFor(5, 4);
    expect(Buffer.from(a.params.buffer).equals(Buffer.from(b.params.buffer))).toBe(true);
  });

  it('another dropout seed gives other weights', () => {
    const a = trainFor(5, 2), b = trainFor(6, 2);
    expect(Buffer.from(a.params.buffer).equals(Buffer.from(b.params.buffer))).toBe(false);
  });

  it('dropout acts in training only: evaluate is deterministic and leaves weights alone', () => {
    const net = createNetwork(dropSpec, 11);
    const trainer = new Trainer(net, options);
    const { x, y } = batch(9, dropSpec, 8, 7);
    const e1 = trainer.evaluate(x, y, 8, 7);
    const e2 = trainer.evaluate(x, y, 8, 7);
    expect(e1).toBe(e2);
    const copy = cloneNetwork(net);
    const trainLoss = trainer.trainBatch(x, y, 8, 7);
    expect(trainLoss).not.toBeCloseTo(e1, 6); // masks changed the forward pass
    expect(trainer.evaluate(x, y, 8, 7)).not.toBe(e1); // the step changed the weights
    expect(predict(copy, x, 8, 7)).toEqual(predict(createNetwork(dropSpec, 11), x, 8, 7));
  });

  it('a smaller last batch and a longer window reuse or regrow the workspace with the same results', () => {
    for (const backend of availableBackends()) {
      const spec: NetworkSpec = { ...small, dropout: 0 };
      const net = createNetwork(spec, 3);
      const trainer = new Trainer(net, { ...options, backend });
      const big = batch(1, spec, 9, 6), little = batch(2, spec, 4, 6), longer = batch(3, spec, 5, 11);
      trainer.trainBatch(big.x, big.y, 9, 6); // workspace now sized for 9 windows of 6 steps
      // Each loss must equal a fresh forward pass (its own workspace) on the same weights.
      const expectLittle = forwardBackward(cloneNetwork(net), little.x, little.y, 4, 6, 'mse', { backend }).loss;
      expect(trainer.trainBatch(little.x, little.y, 4, 6)).toBe(expectLittle);
      const expectLonger = forwardBackward(cloneNetwork(net), longer.x, longer.y, 5, 11, 'mse', { backend }).loss;
      expect(trainer.trainBatch(longer.x, longer.y, 5, 11)).toBe(expectLonger);
    }
  });

  it('training lowers the loss on a learnable signal', () => {
    const spec: NetworkSpec = { cell: 'lstm', bidirectional: false, layers: 1, inputSize: 1, hiddenSize: 8, outputSize: 2, dropout: 0 };
    const net = createNetwork(spec, 4);
    const trainer = new Trainer(net, { learningRate: 0.02, loss: 'mse', seed: 1 });
    const B = 16, T = 12;
    const x = new Float32Array(B * T), y = new Float32Array(B * 2);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T + 2; t++) {
        const v = Math.sin((b + t) * 0.5);
        if (t < T) x[b * T + t] = v;
        else y[b * 2 + t - T] = v;
      }
    }
    const first = trainer.evaluate(x, y, B, T);
    for (let i = 0; i < 150; i++) trainer.trainBatch(x, y, B, T);
    expect(trainer.evaluate(x, y, B, T)).toBeLessThan(first / 10);
  });
});

describe('predict', () => {
  it('chunked prediction of many windows equals one window at a time, and reuses out', () => {
    const spec: NetworkSpec = { ...small, cell: 'gru' };
    const net = createNetwork(spec, 21);
    const T = 40, B = 300;
    const { x } = batch(5, spec, B, T);
    const out = new Float32Array(B * spec.outputSize);
    expect(predict(net, x, B, T, out)).toBe(out);
    for (const b of [0, 1, 255, 256, 299]) {
      const one = predict(net, x.subarray(b * T * 3, (b + 1) * T * 3), 1, T);
      checkClose(one, out.subarray(b * 2, b * 2 + 2), { atol: 0, rtol: 1e-6, label: `window ${b}` });
    }
  });

  // One test per backend, cell and direction, so each stays well inside the hang guard on a
  // loaded machine (the TypeScript backend is the slow one).
  for (const backend of availableBackends()) {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      for (const bidirectional of [false, true]) {
        it(`inference (input projected a few steps at a time) equals the training forward pass: ${cell} ${bidirectional ? 'bi' : 'uni'} on ${backend}`, () => {
          // 200 windows × 40 units: inference projects 65536 / (200·G·20) steps at a time.
          const spec: NetworkSpec = { cell, bidirectional, layers: 2, inputSize: 2, hiddenSize: 20, outputSize: 3, dropout: 0 };
          const net = createNetwork(spec, 8);
          const B = 200, T = 33;
          const { x, y } = batch(12, spec, B, T);
          const viaTraining = forwardBackward(net, x, y, B, T, 'mse', { backend }).output;
          checkClose(predict(net, x, B, T, undefined, backend), viaTraining, { atol: 1e-6, rtol: 1e-5, label: `${cell} ${bidirectional ? 'bi' : 'uni'}` });
        });
      }
    }
  }

  it('rejects a batch of the wrong size with the expected layout in the message', () => {
    const net = createNetwork(small, 1);
    expect(() => predict(net, new Float32Array(10), 2, 4)).toThrow(/needs 24 \(layout \(batch, steps, features\)/);
  });
});
