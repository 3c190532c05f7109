// Training one network: a step of Adam per batch (forward, loss, backward through time,
// non-finite guard, global-norm clipping, update), and evaluation without dropout.

import { createBackend } from '../math/backend';
import type { BackendKind } from '../math/backend';
import { Rng } from '../math/prng';
import { adamStep, clipFactor, sumOfSquares } from './adam';
import type { AdamSettings } from './adam';
import { checkBatchShape, findNonFinite } from './batch';
import { lossAndGradient } from './loss';
import type { LossKind } from './loss';
import type { Network } from './network';
import { evaluateLoss } from './predict';
import { Propagator } from './propagator';

export interface TrainerOptions {
  learningRate: number;
  /** torch.optim.Adam's weight_decay: adds weightDecay·p to every gradient (L2). Default 0. */
  weightDecay?: number;
  /** Global L2 norm the gradients are scaled down to when above it; undefined = off. */
  clipNorm?: number;
  loss: LossKind;
  /** Huber threshold δ, default 1. */
  huberDelta?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Seeds the dropout masks. */
  seed: number;
  /** What a non-finite loss or gradient does: throw NonFiniteError (default) or skip the step. */
  onNonFinite?: 'throw' | 'skip';
  /** Kernel backend (default: the fastest available). */
  backend?: BackendKind;
}

/** A training step met a NaN or infinite loss or gradient; the weights were left untouched. */
export class NonFiniteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteError';
  }
}

function positive(value: number | undefined, fallback: number, name: string, allowZero = false): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new Error(`Trainer option "${name}" must be a ${allowZero ? 'non-negative' : 'positive'} finite number, got ${value}.`);
  }
  return v;
}

export class Trainer {
  readonly net: Network;
  private readonly settings: AdamSettings;
  private readonly clipNorm: number | undefined;
  private readonly loss: LossKind;
  private readonly huberDelta: number;
  private readonly onNonFinite: 'throw' | 'skip';
  private readonly backendKind: BackendKind | undefined;
  private readonly propagator: Propagator;
  private readonly dropoutRng: Rng;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private dPred = new Float32Array(0);
  private step = 0;
  private skipped = 0;
  /** Global gradient norm of the last step, before clipping (NaN before the first). */
  lastGradientNorm = NaN;

  constructor(net: Network, options: TrainerOptions) {
    this.net = net;
    if (options.loss !== 'mse' && options.loss !== 'huber') {
      throw new Error(`Trainer option "loss" must be "mse" or "huber", got ${JSON.stringify(options.loss)}.`);
    }
    this.settings = {
      learningRate: positive(options.learningRate, NaN, 'learningRate'),
      beta1: positive(options.beta1, 0.9, 'beta1', true),
      beta2: positive(options.beta2, 0.999, 'beta2', true),
      epsilon: positive(options.epsilon, 1e-8, 'epsilon'),
      weightDecay: positive(options.weightDecay, 0, 'weightDecay', true),
    };
    if (this.settings.beta1 >= 1 || this.settings.beta2 >= 1) throw new Error('Trainer options beta1 and beta2 must be below 1.');
    this.clipNorm = options.clipNorm === undefined ? undefined : positive(options.clipNorm, NaN, 'clipNorm');
    this.loss = options.loss;
    this.huberDelta = positive(options.huberDelta, 1, 'huberDelta');
    const mode = options.onNonFinite ?? 'throw';
    if (mode !== 'throw' && mode !== 'skip') throw new Error(`Trainer option "onNonFinite" must be "throw" or "skip", got ${JSON.stringify(mode)}.`);
    this.onNonFinite = mode;
    this.backendKind = options.backend;
    this.propagator = new Propagator(net.spec, createBackend(options.backend), { training: true, inputGrad: false });
    this.dropoutRng = new Rng(options.seed);
    this.m = new Float32Array(net.params.length);
    this.v = new Float32Array(net.params.length);
  }

  get learningRate(): number {
    return this.settings.learningRate;
  }

  set learningRate(value: number) {
    this.settings.learningRate = positive(value, NaN, 'learningRate');
  }

  get skippedSteps(): number {
    return this.skipped;
  }

  /** Adam steps taken so far (skipped ones not counted). */
  get steps(): number {
    return this.step;
  }

  /**
   * One Adam step on a batch; returns the batch loss (before the step), or NaN when skipped.
   * `extras` (B, E): the head extras of each window, for a network whose head reads them.
   */
  trainBatch(x: Float32Array, y: Float32Array, batch: number, steps: number, extras: Float32Array | null = null): number {
    const spec = this.net.spec;
    checkBatchShape(spec, x, y, batch, steps, 'trainBatch', extras);
    const r = this.propagator;
    r.ensure(batch, steps);
    r.loadParameters(this.net.params);
    r.forward(x, batch, steps, spec.dropout > 0 ? this.dropoutRng : null, 0, extras);
    const n = batch * spec.outputSize;
    if (this.dPred.length < n) this.dPred = new Float32Array(n);
    const loss = lossAndGradient(this.dPred, r.predictions(batch), y, n, this.loss, this.huberDelta);
    if (!Number.isFinite(loss)) return this.nonFinite(`the loss is ${loss}`, x, y, steps, extras);
    r.setOutputGradient(this.dPred, batch);
    r.backward(batch, steps);
    const grads = r.gradients();
    const norm = Math.sqrt(sumOfSquares(grads));
    this.lastGradientNorm = norm;
    if (!Number.isFinite(norm)) return this.nonFinite(`the gradient norm is ${norm}`, x, y, steps, extras);
    this.step++;
    adamStep(this.net.params, grads, this.m, this.v, this.step, this.settings, clipFactor(norm, this.clipNorm));
    return loss;
  }

  private nonFinite(what: string, x: Float32Array, y: Float32Array, steps: number, extras: Float32Array | null): number {
    const spec = this.net.spec;
    const bad = findNonFinite(x, y, steps, spec.inputSize, spec.outputSize, extras, spec.headExtras ?? 0);
    const cause = bad
      ? `the batch has a non-finite value (${bad}); fill or drop missing values before training`
      : 'the values overflowed; lower the learning rate, enable gradient clipping (clipNorm) or scale the data';
    const message = `Training step ${this.step + this.skipped + 1}: ${what} — ${cause}. The weights were left unchanged.`;
    if (this.onNonFinite === 'throw') throw new NonFiniteError(message);
    this.skipped++;
    return NaN;
  }

  /** Mean loss on a batch without dropout and without a step. */
  evaluate(x: Float32Array, y: Float32Array, batch: number, steps: number, extras: Float32Array | null = null): number {
    return evaluateLoss(this.net, x, y, batch, steps, this.loss, this.huberDelta, this.backendKind, extras);
  }
}
