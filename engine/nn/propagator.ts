// Forward and backward through time of a whole network (stacked, uni- or bidirectional RNN /
// LSTM / GRU layers + dense head) on one kernel backend, with every buffer laid out once per
// batch capacity in the backend's heap. The time loops only call kernels: no allocation.
//
// Letters: B = batch rows, T = time steps, D = input features, H = hidden units,
// G = gates (rnn 1, lstm 4, gru 3), GH = G·H, dirs = 1 or 2, K = head outputs,
// E = head extras (per-window inputs of the head beside the final states; 0 = none).
//
// Internal layout is time-major: a sequence tensor (T, B, W) has row (t·B + b), so the B rows
// of one step are one contiguous (B × W) matrix for the per-step products. A layer's output
// Y (T, B, dirs·H) holds the forward direction in columns [0, H) and the backward one in
// [H, 2H): it is directly the next layer's input, and the head reads h_T (forward, at t = T−1)
// and h_1 (backward, at t = 0) from it. The head's input Z (B, dirs·H + E) holds those final
// states, then the window's head extras.

import type { Backend, Heap, Kernels, Ptr } from '../math/kernels';
import type { Rng } from '../math/prng';
import { GATES, directions, headExtras, parameterLayout } from './spec';
import type { NetworkSpec, ParameterLayout } from './spec';

export interface PropagatorOptions {
  /** Keep every step's activations and allocate gradients (trainBatch, parity). */
  training: boolean;
  /** Also compute d loss / d input (parity and gradient checks only). */
  inputGrad: boolean;
}

/** Per layer × direction buffers. Step t of G is at G + t·B·GH (real time, both directions). */
interface DirectionBuffers {
  readonly layer: number;
  readonly reverse: boolean;
  readonly inputSize: number;
  /**
   * Gate pre-activations → activations (T, B, GH); backward overwrites step t with the
   * gradient of its pre-activations once the cell kernel has read them.
   */
  readonly G: Ptr;
  /**
   * GRU only: h-side pre-activations hPrev·W_hhᵀ + b_hh (T, B, GH) or one step (inference);
   * backward overwrites them with their gradient, as G.
   */
  readonly Gh: Ptr;
  /** LSTM only: c_t and tanh(c_t), (T, B, H) or one step (inference). */
  readonly C: Ptr;
  readonly TC: Ptr;
  /** Packed W_ihᵀ (D_in × GH) and W_hhᵀ (H × GH) for the forward products. */
  readonly wihT: Ptr;
  readonly whhT: Ptr;
  /** Packed W_ih (GH × D_in) and W_hh (GH × H) for the backward products (training only). */
  readonly wih: Ptr;
  readonly whh: Ptr;
  /** Bias added to the input projection: b_ih + b_hh (rnn, lstm) or b_ih (gru). */
  readonly bias: Ptr;
  /** Offsets of this layer × direction's tensors in the parameter block. */
  readonly pWih: number;
  readonly pWhh: number;
  readonly pBih: number;
  readonly pBhh: number;
}

export class Propagator {
  readonly spec: NetworkSpec;
  readonly layout: ParameterLayout;
  readonly options: PropagatorOptions;
  private readonly kernels: Kernels;
  private readonly G: number;
  private readonly dirs: number;
  /** E: head extras per window. */
  private readonly E: number;
  private capB = 0;
  private capT = 0;

  // Pointers (valid after ensure()).
  private params: Ptr = 0;
  private grads: Ptr = 0;
  private X0: Ptr = 0; // input, time-major (T, B, D)
  private dX0: Ptr = 0; // d loss / d input (T, B, D)
  private Y: Ptr[] = []; // per layer (T, B, dirs·H); inference: two alternating buffers
  private Xd: Ptr[] = []; // per layer < L−1: dropped-out Y (training with dropout)
  private mask: Ptr[] = [];
  private dirBuf: DirectionBuffers[] = [];
  private zeros: Ptr = 0; // (B, H) of zeros: h_0 and c_0
  private Z: Ptr = 0; // head input (B, dirs·H + E)
  private headWT: Ptr = 0; // packed head.weightᵀ (dirs·H + E × K)
  private pred: Ptr = 0; // (B, K)
  private dPred: Ptr = 0; // (B, K)
  private dZ: Ptr = 0; // (B, dirs·H)
  private dE: Ptr = 0; // d loss / d head extras (B, E), with inputGrad
  private dYa: Ptr = 0; // layer output gradients, alternating (T, B, dirs·H)
  private dYb: Ptr = 0;
  private dh: Ptr = 0; // (B, H)
  private dhCarry: Ptr = 0; // (B, H)
  private dc: Ptr = 0; // (B, H)
  private scratch: Ptr = 0;
  private narrowT: Ptr = 0; // (D_in × GH): dW_ihᵀ of a layer with fewer than 8 inputs
  private stepStride = true; // false in inference: per-step buffers hold one step
  private projectionSteps = 0; // steps per input-projection product: T in training
  private usedDropout = false;

  constructor(spec: NetworkSpec, private readonly backend: Backend, options: PropagatorOptions) {
    this.spec = spec;
    this.layout = parameterLayout(spec);
    this.options = options;
    this.kernels = backend.kernels;
    this.G = GATES[spec.cell];
    this.dirs = directions(spec);
    this.E = headExtras(spec);
  }

  get backendName(): string {
    return this.kernels.name;
  }

  /** Lays out buffers for batches of up to B rows of T steps (no-op when they fit). */
  ensure(B: number, T: number): void {
    if (B <= this.capB && T === this.capT) return;
    const capB = Math.max(B, this.capB);
    const { spec, kernels: k, G, dirs } = this;
    const H = spec.hiddenSize, D = spec.inputSize, K = spec.outputSize, L = spec.layers;
    const GH = G * H, W = dirs * H, WE = W + this.E;
    const training = this.options.training;
    let next = this.backend.base;
    // 16-float (64-byte) alignment: whole cache lines and aligned SIMD loads.
    const alloc = (floats: number): Ptr => {
      const p = next;
      next += Math.ceil(Math.max(floats, 1) / 16) * 16;
      return p;
    };
    const seq = (width: number) => T * capB * width;
    this.params = alloc(this.layout.total);
    this.grads = training ? alloc(this.layout.total) : 0;
    this.X0 = alloc(seq(D));
    this.dX0 = this.options.inputGrad ? alloc(seq(D)) : 0;
    this.stepStride = training;
    // The input projection runs a few steps at a time, so that each step's gate block is still
    // in cache (≤ 256 KiB) when the recurrent product and the cell step use it. Training keeps
    // every step's gates (for the backward pass); inference keeps only the current few.
    this.projectionSteps = Math.max(1, Math.min(T, Math.floor(65536 / (capB * GH))));
    this.Y = [];
    this.Xd = [];
    this.mask = [];
    for (let l = 0; l < (training ? L : Math.min(L, 2)); l++) this.Y.push(alloc(seq(W)));
    if (training && spec.dropout > 0) {
      for (let l = 0; l < L - 1; l++) {
        this.Xd.push(alloc(seq(W)));
        this.mask.push(alloc(seq(W)));
      }
    }
    this.dirBuf = [];
    let sharedG = -1, sharedGh = -1, sharedC = -1, sharedTC = -1;
    for (const r of this.layout.recurrent) {
      const din = r.inputSize;
      let Gp: Ptr, Gh: Ptr = 0, C: Ptr = 0, TC: Ptr = 0;
      if (training) {
        Gp = alloc(seq(GH));
        if (spec.cell === 'gru') Gh = alloc(seq(GH));
        if (spec.cell === 'lstm') {
          C = alloc(seq(H));
          TC = alloc(seq(H));
        }
      } else {
        // Inference: one layer × direction at a time, so they share; per-step buffers hold a step.
        if (sharedG < 0) {
          sharedG = alloc(this.projectionSteps * capB * GH);
          sharedGh = spec.cell === 'gru' ? alloc(capB * GH) : 0;
          sharedC = spec.cell === 'lstm' ? alloc(capB * H) : 0;
          sharedTC = spec.cell === 'lstm' ? alloc(capB * H) : 0;
        }
        Gp = sharedG;
        Gh = sharedGh;
        C = sharedC;
        TC = sharedTC;
      }
      this.dirBuf.push({
        layer: r.layer,
        reverse: r.reverse,
        inputSize: din,
        G: Gp,
        Gh,
        C,
        TC,
        wihT: alloc(k.packedSize(din, GH)),
        whhT: alloc(k.packedSize(H, GH)),
        wih: training ? alloc(k.packedSize(GH, din)) : 0,
        whh: training ? alloc(k.packedSize(GH, H)) : 0,
        bias: spec.cell === 'gru' ? 0 : alloc(GH),
        pWih: r.weightIh,
        pWhh: r.weightHh,
        pBih: r.biasIh,
        pBhh: r.biasHh,
      });
    }
    this.zeros = alloc(capB * H);
    this.Z = alloc(capB * WE);
    this.headWT = alloc(k.packedSize(WE, K));
    this.pred = alloc(capB * K);
    if (training) {
      this.dPred = alloc(capB * K);
      this.dZ = alloc(capB * W);
      this.dE = this.options.inputGrad && this.E > 0 ? alloc(capB * this.E) : 0;
      // Gradients between layers (the top layer needs none): one buffer per boundary, alternating.
      this.dYa = L > 1 ? alloc(seq(W)) : -1;
      this.dYb = L > 2 ? alloc(seq(W)) : -1;
      this.dh = alloc(capB * H);
      this.dhCarry = alloc(capB * H);
      this.dc = alloc(capB * H);
      let s = k.gemmScratchSize(K, WE, capB); // head weight grad
      s = Math.max(s, k.gemmScratchSize(capB, W, K), k.gemmScratchSize(capB, Math.max(1, this.E), K)); // dZ, dE
      for (const r of this.layout.recurrent) {
        s = Math.max(s, k.gemmScratchSize(GH, H, T * capB), k.gemmScratchSize(GH, r.inputSize, T * capB), k.gemmScratchSize(r.inputSize, GH, T * capB));
      }
      this.scratch = alloc(s);
      const narrow = Math.max(0, ...this.layout.recurrent.map((r) => (r.inputSize < 8 ? r.inputSize : 0)));
      this.narrowT = narrow > 0 ? alloc(narrow * GH) : 0;
    }
    this.backend.reserve(next);
    this.capB = capB;
    this.capT = T;
    // Zeros stay zero: no kernel writes there.
    this.kernels.fill(this.zeros, 0, capB * H);
  }

  /** Heap floats this propagator uses (for memory reports). */
  get heapFloats(): number {
    return this.backend.heap.length;
  }

  /**
   * Copies the parameters into the heap and prepares the packed operands and summed biases
   * the products use. Call after every change of the parameters.
   */
  loadParameters(values: Float32Array | Float64Array): void {
    if (this.capB === 0) throw new Error('Propagator.loadParameters called before ensure().');
    const k = this.kernels;
    const H = this.spec.hiddenSize, K = this.spec.outputSize, GH = this.G * H, W = this.dirs * H;
    this.backend.heap.set(values, this.params);
    const p = this.params;
    for (const b of this.dirBuf) {
      k.packB(b.wihT, p + b.pWih, b.inputSize, b.inputSize, GH, true);
      k.packB(b.whhT, p + b.pWhh, H, H, GH, true);
      if (this.options.training) {
        k.packB(b.wih, p + b.pWih, b.inputSize, GH, b.inputSize, false);
        k.packB(b.whh, p + b.pWhh, H, GH, H, false);
      }
      if (this.spec.cell !== 'gru') k.add(b.bias, GH, p + b.pBih, GH, p + b.pBhh, GH, 1, GH);
    }
    k.packB(this.headWT, p + this.layout.headWeight, W + this.E, W + this.E, K, true);
  }

  /**
   * Forward pass over x (B, T, D) batch-first. `dropout`: the generator for this batch's masks
   * (training with spec.dropout > 0), or null for none. The batch starts at x[xOffset].
   * `extras` (B, E) row-major from extras[extrasOffset]: the head extras (needed when E > 0).
   * Returns the heap index of pred (B, K).
   */
  forward(
    x: Float32Array | Float64Array,
    B: number,
    T: number,
    dropout: Rng | null,
    xOffset = 0,
    extras: Float32Array | Float64Array | null = null,
    extrasOffset = 0,
  ): Ptr {
    const { spec, kernels: k, E } = this;
    const D = spec.inputSize, H = spec.hiddenSize, K = spec.outputSize, L = spec.layers, W = this.dirs * H, WE = W + E;
    const heap = this.backend.heap;
    if (E > 0) {
      if (extras === null) throw new Error(`Propagator.forward: this network's head reads ${E} extra inputs per window; none were given.`);
      // extras (B, E) → Z[:, W:W+E]
      for (let b = 0; b < B; b++) {
        const src = extrasOffset + b * E, dst = this.Z + b * WE + W;
        for (let e = 0; e < E; e++) heap[dst + e] = extras[src + e];
      }
    }
    // x (B, T, D) → X0 (T, B, D)
    const X0 = this.X0;
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const src = xOffset + (b * T + t) * D, dst = X0 + (t * B + b) * D;
        for (let d = 0; d < D; d++) heap[dst + d] = x[src + d];
      }
    }
    this.usedDropout = dropout !== null && spec.dropout > 0 && this.options.training;
    let input = X0, inputLd = D;
    for (let l = 0; l < L; l++) {
      const Y = this.layerOutput(l);
      for (let d = 0; d < this.dirs; d++) this.forwardDirection(this.dirBuf[l * this.dirs + d], input, inputLd, Y, B, T);
      input = Y;
      inputLd = W;
      if (l < L - 1 && this.usedDropout) {
        this.fillDropoutMask(this.mask[l], T * B * W, spec.dropout, dropout as Rng);
        k.multiply(this.Xd[l], Y, this.mask[l], T * B * W);
        input = this.Xd[l];
      }
    }
    // Head on the last layer's final states: forward h at t = T−1, backward h at t = 0.
    const Ytop = this.layerOutput(L - 1);
    k.copy(this.Z, WE, Ytop + (T - 1) * B * W, W, B, H);
    if (this.dirs === 2) k.copy(this.Z + H, WE, Ytop + H, W, B, H);
    k.gemmPacked(this.pred, K, this.Z, WE, this.headWT, B, K, WE, false, this.params + this.layout.headBias);
    return this.pred;
  }

  private layerOutput(l: number): Ptr {
    return this.options.training ? this.Y[l] : this.Y[l % this.Y.length];
  }

  private fillDropoutMask(mask: Ptr, n: number, p: number, rng: Rng): void {
    // Inverted dropout as torch.nn.functional.dropout: keep with probability 1−p, scale 1/(1−p).
    const heap = this.backend.heap;
    const scale = 1 / (1 - p);
    for (let i = 0; i < n; i++) heap[mask + i] = rng.nextFloat() < p ? 0 : scale;
  }

  private forwardDirection(b: DirectionBuffers, X: Ptr, ldX: number, Y: Ptr, B: number, T: number): void {
    const k = this.kernels;
    const H = this.spec.hiddenSize, GH = this.G * H, W = this.dirs * H;
    const col = b.reverse ? H : 0;
    const p = this.params;
    const cell = this.spec.cell;
    const perStep = this.stepStride;
    const chunk = this.projectionSteps;
    let gFirst = 0; // real time of the first step of the current projection
    for (let s = 0; s < T; s++) {
      const t = b.reverse ? T - 1 - s : s;
      const tp = b.reverse ? t + 1 : t - 1;
      if (s % chunk === 0) {
        // Input projection of the next `n` steps in one product: G = bias + X · W_ihᵀ.
        const n = Math.min(chunk, T - s);
        gFirst = b.reverse ? T - s - n : s;
        const gOut = perStep ? b.G + gFirst * B * GH : b.G;
        k.gemmPacked(gOut, GH, X + gFirst * B * ldX, ldX, b.wihT, n * B, GH, b.inputSize, false, cell === 'gru' ? p + b.pBih : b.bias);
      }
      const Gt = perStep ? b.G + t * B * GH : b.G + (t - gFirst) * B * GH;
      const hOut = Y + t * B * W + col;
      const hPrev = s === 0 ? this.zeros : Y + tp * B * W + col;
      const ldPrev = s === 0 ? H : W;
      if (cell === 'rnn') {
        if (s > 0) k.gemmPacked(Gt, GH, hPrev, W, b.whhT, B, GH, H, true);
        k.rnnForward(hOut, W, Gt, GH, B, H);
      } else if (cell === 'lstm') {
        if (s > 0) k.gemmPacked(Gt, GH, hPrev, W, b.whhT, B, GH, H, true);
        const Ct = perStep ? b.C + t * B * H : b.C;
        const TCt = perStep ? b.TC + t * B * H : b.TC;
        const cPrev = s === 0 ? this.zeros : perStep ? b.C + tp * B * H : b.C;
        k.lstmForward(Gt, Ct, TCt, hOut, W, cPrev, B, H);
      } else {
        const Ght = perStep ? b.Gh + t * B * GH : b.Gh;
        if (s > 0) k.gemmPacked(Ght, GH, hPrev, W, b.whhT, B, GH, H, false, p + b.pBhh);
        else k.broadcastRows(Ght, GH, p + b.pBhh, B, GH);
        k.gruForward(Gt, hOut, W, Ght, hPrev, ldPrev, B, H);
      }
    }
  }

  /**
   * Backward pass after forward() and a loss gradient written with setOutputGradient().
   * Overwrites the gradient block (every parameter); with inputGrad, also d loss / d x.
   */
  backward(B: number, T: number): void {
    if (!this.options.training) throw new Error('Propagator.backward needs a propagator created with training: true.');
    const { spec, kernels: k, layout, E } = this;
    const H = spec.hiddenSize, K = spec.outputSize, L = spec.layers, W = this.dirs * H, WE = W + E;
    const g = this.grads;
    k.fill(g, 0, layout.total);
    // Head: pred = Z · Wᵀ + b  →  dW = dPredᵀ · Z, db = Σ dPred, dZ = dPred · W[:, :dirs·H]
    // (the final states' part), d extras = dPred · W[:, dirs·H:].
    k.gemm(g + layout.headWeight, WE, this.dPred, K, true, this.Z, WE, K, WE, B, true, this.scratch);
    k.columnSums(g + layout.headBias, this.dPred, K, B, K, true);
    k.gemm(this.dZ, W, this.dPred, K, false, this.params + layout.headWeight, WE, B, W, K, false, this.scratch);
    if (this.dE > 0) k.gemm(this.dE, E, this.dPred, K, false, this.params + layout.headWeight + W, WE, B, E, K, false, this.scratch);
    // The top layer's outputs get a gradient only at each direction's final state (from dZ);
    // lower layers get d loss / d Y from the layer above (dY).
    let dY = -1, dYnext = this.dYa;
    for (let l = L - 1; l >= 0; l--) {
      const X = l === 0 ? this.X0 : this.usedDropout ? this.Xd[l - 1] : this.Y[l - 1];
      const ldX = l === 0 ? spec.inputSize : W;
      const dX = l > 0 ? dYnext : this.options.inputGrad ? this.dX0 : -1;
      for (let d = 0; d < this.dirs; d++) {
        this.backwardDirection(this.dirBuf[l * this.dirs + d], X, ldX, this.Y[l], dY, dX, d > 0, B, T);
      }
      if (l > 0) {
        if (this.usedDropout) k.multiply(dYnext, dYnext, this.mask[l - 1], T * B * W);
        dY = dYnext;
        dYnext = dYnext === this.dYa ? this.dYb : this.dYa;
      }
    }
  }

  /**
   * Backward through time of one layer × direction. dY: d loss / d this layer's outputs
   * (T, B, dirs·H), or −1 for the top layer, whose only output gradient is the head's (dZ)
   * at the direction's final state. dX (−1 = not wanted) receives d loss / d input.
   */
  private backwardDirection(b: DirectionBuffers, X: Ptr, ldX: number, Y: Ptr, dY: Ptr, dX: Ptr, accumulateDX: boolean, B: number, T: number): void {
    const k = this.kernels;
    const H = this.spec.hiddenSize, GH = this.G * H, W = this.dirs * H;
    const col = b.reverse ? H : 0;
    const cell = this.spec.cell;
    const { dhCarry, dc } = this;
    const g = this.grads;
    // The gradients of step t's pre-activations replace its activations in G (and Gh), which
    // nothing reads afterwards: no second (T, B, GH) buffer, and the writes land on cache lines
    // the cell kernel has just read. dGh = the h-side gradients (GRU's own, else dG itself).
    const dG = b.G;
    const dGh = cell === 'gru' ? b.Gh : dG;
    const narrow = b.inputSize < 8;
    if (dY >= 0) k.fill(dhCarry, 0, B * H);
    if (cell === 'lstm') k.fill(dc, 0, B * H);
    for (let s = T - 1; s >= 0; s--) {
      const t = b.reverse ? T - 1 - s : s;
      const tp = b.reverse ? t + 1 : t - 1;
      const dGt = dG + t * B * GH;
      // dh = total d loss / d h_t. Top layer: the head's gradient at the final step, the
      // carried gradient afterwards (the kernels read dh before they overwrite dhCarry).
      let dh = this.dh;
      if (dY >= 0) k.add(dh, H, dY + t * B * W + col, W, dhCarry, H, B, H);
      else if (s === T - 1) k.copy(dh, H, this.dZ + col, W, B, H);
      else dh = dhCarry;
      if (cell === 'rnn') {
        k.rnnBackward(dGt, dh, Y + t * B * W + col, W, B, H);
        if (s > 0) k.gemmPacked(dhCarry, H, dGt, GH, b.whh, B, H, GH, false);
      } else if (cell === 'lstm') {
        const cPrev = s === 0 ? this.zeros : b.C + tp * B * H;
        k.lstmBackward(dGt, dc, dh, dGt, cPrev, b.TC + t * B * H, B, H);
        if (s > 0) k.gemmPacked(dhCarry, H, dGt, GH, b.whh, B, H, GH, false);
      } else {
        const hPrev = s === 0 ? this.zeros : Y + tp * B * W + col;
        const ldPrev = s === 0 ? H : W;
        const dGht = dGh + t * B * GH;
        k.gruBackward(dGt, dGht, dhCarry, dh, dGt, dGht, hPrev, ldPrev, B, H);
        if (s > 0) k.gemmPacked(dhCarry, H, dGht, GH, b.whh, B, H, GH, true);
        k.columnSums(g + b.pBhh, dGht, GH, B, GH, true);
      }
      // db_ih = Σ_t Σ_b dG, summed step by step while dG_t is in cache (backward() zeroed g).
      k.columnSums(g + b.pBih, dGt, GH, B, GH, true);
      // Narrow input (fewer than 8 features): dW_ihᵀ (D_in × G·H) += x_tᵀ · dG_t here too, the
      // wide dimension in the product's columns, where the kernels work in strips of 8.
      if (narrow) k.gemm(this.narrowT, GH, X + t * B * ldX, ldX, true, dGt, GH, b.inputSize, GH, B, s !== T - 1, this.scratch);
    }
    // Weight gradients as whole-sequence products (dW_ih of a narrow input is summed above):
    //   dW_hh = Σ_t dGh_tᵀ · h_prev(t) over the steps that had a previous state,
    //   dW_ih = Σ_t dG_tᵀ · x_t.
    if (T > 1) {
      // forward: steps t = 1..T−1 read h_{t−1}; backward: t = 0..T−2 read h_{t+1}.
      const aFirst = b.reverse ? dGh : dGh + B * GH;
      const hFirst = b.reverse ? Y + B * W + col : Y + col;
      k.gemm(g + b.pWhh, H, aFirst, GH, true, hFirst, W, GH, H, (T - 1) * B, true, this.scratch);
    }
    if (cell !== 'gru') k.copy(g + b.pBhh, GH, g + b.pBih, GH, 1, GH); // b_ih and b_hh enter the same sum
    if (narrow) k.transpose(g + b.pWih, b.inputSize, this.narrowT, GH, b.inputSize, GH);
    else k.gemm(g + b.pWih, b.inputSize, dG, GH, true, X, ldX, GH, b.inputSize, T * B, false, this.scratch);
    if (dX >= 0) k.gemmPacked(dX, b.inputSize, dG, GH, b.wih, T * B, b.inputSize, GH, accumulateDX);
  }

  /** Writes d loss / d pred (B, K) for backward(). */
  setOutputGradient(values: Float32Array | Float64Array, B: number): void {
    this.backend.heap.set(values.subarray(0, B * this.spec.outputSize), this.dPred);
  }

  /** Views valid until the next ensure() (the heap may be replaced when it grows). */
  predictions(B: number): Heap {
    return this.backend.heap.subarray(this.pred, this.pred + B * this.spec.outputSize);
  }

  /** Copies pred (B, K) into out from out[offset]. */
  copyPredictions(out: Float32Array, offset: number, B: number): void {
    const n = B * this.spec.outputSize, heap = this.backend.heap;
    for (let i = 0; i < n; i++) out[offset + i] = heap[this.pred + i];
  }

  gradients(): Heap {
    return this.backend.heap.subarray(this.grads, this.grads + this.layout.total);
  }

  /** d loss / d x in the caller's (B, T, D) layout, copied out. */
  inputGradient(B: number, T: number): Float64Array {
    const D = this.spec.inputSize;
    const heap = this.backend.heap;
    const out = new Float64Array(B * T * D);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        for (let d = 0; d < D; d++) out[(b * T + t) * D + d] = heap[this.dX0 + (t * B + b) * D + d];
      }
    }
    return out;
  }

  /** d loss / d head extras (B, E), copied out (propagators with inputGrad). */
  extrasGradient(B: number): Float64Array {
    const n = B * this.E;
    const out = new Float64Array(n);
    const heap = this.backend.heap;
    for (let i = 0; i < n; i++) out[i] = heap[this.dE + i];
    return out;
  }

  /** Final states (layers·dirs, B, H), PyTorch's h_n order. Training propagators only (all layers kept). */
  finalHidden(B: number, T: number): Float64Array {
    return this.finalStates(B, T, false);
  }

  /** LSTM final cell states (layers·dirs, B, H). */
  finalCell(B: number, T: number): Float64Array {
    return this.finalStates(B, T, true);
  }

  private finalStates(B: number, T: number, cell: boolean): Float64Array {
    if (!this.options.training) throw new Error('Final states are kept by training propagators only.');
    const H = this.spec.hiddenSize, W = this.dirs * H;
    const heap = this.backend.heap;
    const out = new Float64Array(this.dirBuf.length * B * H);
    this.dirBuf.forEach((b, i) => {
      const t = b.reverse ? 0 : T - 1;
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < H; j++) {
          out[(i * B + r) * H + j] = cell
            ? heap[b.C + (t * B + r) * H + j]
            : heap[this.Y[b.layer] + (t * B + r) * W + (b.reverse ? H : 0) + j];
        }
      }
    });
    return out;
  }
}
