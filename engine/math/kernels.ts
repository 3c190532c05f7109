// The kernel interface every numeric backend implements: matrix products, transposes and the
// fused element-wise work of the recurrent cells, over one float32 heap addressed by indices.
//
// Addressing is llm.c-style: a "pointer" (Ptr) is an index into `heap` (in floats, not bytes),
// so the plain TypeScript oracle and the WebAssembly backend share one calling convention and
// the time loops in engine/nn never allocate views. Matrices are row-major with an explicit
// leading dimension (ld = distance in floats between the starts of two consecutive rows).
// Argument order: outputs, then inputs, then dimensions (as llm.c).
//
// Dimension letters used in the cell kernels: B = batch rows, H = hidden size,
// G = gates (rnn 1, gru 3, lstm 4).

/** Index in floats into a backend's heap. */
export type Ptr = number;

/** The storage kernels work on: float32, or float64 for the oracle's gradient checks. */
export type Heap = Float32Array | Float64Array;

export interface Kernels {
  /** Short name for reports: 'ts' (plain TypeScript oracle) or 'wasm' (WebAssembly SIMD). */
  readonly name: string;

  // ---- matrix products ------------------------------------------------------------------

  /** Floats `packB` writes for a K×N right-hand operand. */
  packedSize(K: number, N: number): number;
  /**
   * Packs the right-hand operand of `gemmPacked`: B (K×N) = src (K×N, ld) when `transposed`
   * is false, or B = srcᵀ where src is (N×K, ld) when it is true. Layout is backend-private.
   */
  packB(dst: Ptr, src: Ptr, ld: number, K: number, N: number, transposed: boolean): void;
  /**
   * C (M×N, ldc) = (accumulate ? C : 0) + A (M×K, lda) · B, B packed by `packB`. With `bias`
   * (a vector of N), C = bias (added to every row) + A · B instead, in one pass.
   */
  gemmPacked(c: Ptr, ldc: number, a: Ptr, lda: number, bPacked: Ptr, M: number, N: number, K: number, accumulate: boolean, bias?: Ptr): void;
  /**
   * C (M×N, ldc) = (accumulate ? C : 0) + op(A) · B (K×N, ldb), with op(A) = A (M×K, lda) or,
   * when `transA`, Aᵀ where A is (K×M, lda). Packs B through `scratch` (`gemmScratchSize`).
   */
  gemm(c: Ptr, ldc: number, a: Ptr, lda: number, transA: boolean, b: Ptr, ldb: number, M: number, N: number, K: number, accumulate: boolean, scratch: Ptr): void;
  /** Floats of scratch `gemm` needs for operands up to K×N and M rows. */
  gemmScratchSize(M: number, N: number, K: number): number;

  // ---- data movement and reductions -------------------------------------------------------

  /** dst (cols×rows, ldDst) = srcᵀ, src (rows×cols, ldSrc). */
  transpose(dst: Ptr, ldDst: number, src: Ptr, ldSrc: number, rows: number, cols: number): void;
  /** Every row of dst (rows×cols, ld) = vec (cols). */
  broadcastRows(dst: Ptr, ld: number, vec: Ptr, rows: number, cols: number): void;
  /** out (cols) = (accumulate ? out : 0) + Σ_rows src (rows×cols, ld). */
  columnSums(out: Ptr, src: Ptr, ld: number, rows: number, cols: number, accumulate: boolean): void;
  /** dst (rows×cols, ldDst) = a (rows×cols, ldA) + b (rows×cols, ldB). dst may alias a or b. */
  add(dst: Ptr, ldDst: number, a: Ptr, ldA: number, b: Ptr, ldB: number, rows: number, cols: number): void;
  /** dst (rows×cols, ldDst) = src (rows×cols, ldSrc); the two must not overlap. */
  copy(dst: Ptr, ldDst: number, src: Ptr, ldSrc: number, rows: number, cols: number): void;
  /** dst[i] = a[i] · b[i] for i < n (dropout masks). dst may alias a. */
  multiply(dst: Ptr, a: Ptr, b: Ptr, n: number): void;
  /** dst[i] = value for i < n. */
  fill(dst: Ptr, value: number, n: number): void;

  // ---- recurrent cells, one time step for B rows -------------------------------------------

  /** h (B×H, ldh) = tanh(pre (B×H, ldPre)). */
  rnnForward(h: Ptr, ldh: number, pre: Ptr, ldPre: number, B: number, H: number): void;
  /** dPre (B×H) = dh (B×H) ⊙ (1 − h²), h (B×H, ldh). */
  rnnBackward(dPre: Ptr, dh: Ptr, h: Ptr, ldh: number, B: number, H: number): void;

  /**
   * LSTM step. gates (B×4H) hold pre-activations [i f g o] on entry and the activations on
   * exit; c = f⊙cPrev + i⊙g; tanhC = tanh(c); h (B×H, ldh) = o⊙tanhC. cPrev, c, tanhC: B×H.
   */
  lstmForward(gates: Ptr, c: Ptr, tanhC: Ptr, h: Ptr, ldh: number, cPrev: Ptr, B: number, H: number): void;
  /**
   * LSTM step backward. dh (B×H): total gradient of h_t. dc (B×H): gradient of c_t coming from
   * step t+1 on entry, gradient of c_{t−1} on exit. dGates (B×4H) = gradient of the
   * pre-activations. gates: activations saved by the forward. dGates may alias gates (each
   * unit's activations are read before its gradients are written).
   */
  lstmBackward(dGates: Ptr, dc: Ptr, dh: Ptr, gates: Ptr, cPrev: Ptr, tanhC: Ptr, B: number, H: number): void;

  /**
   * GRU step. gx (B×3H): x-side pre-activations (with b_ih) [r z n] on entry, activations
   * [r z n] on exit. gh (B×3H): hPrev·W_hhᵀ + b_hh (kept: its n part is needed backward).
   * r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r⊙gh_n), h = (1−z)⊙n + z⊙hPrev.
   */
  gruForward(gx: Ptr, h: Ptr, ldh: number, gh: Ptr, hPrev: Ptr, ldhPrev: number, B: number, H: number): void;
  /**
   * GRU step backward. dh (B×H): total gradient of h_t. Writes dGx (B×3H, x-side
   * pre-activation grads), dGh (B×3H, h-side grads: r, z as dGx; n part = dGx_n ⊙ r) and
   * dhPrev (B×H) = dh ⊙ z (the direct path; the caller adds dGh · W_hh). dGx may alias gates
   * and dGh may alias gh.
   */
  gruBackward(dGx: Ptr, dGh: Ptr, dhPrev: Ptr, dh: Ptr, gates: Ptr, gh: Ptr, hPrev: Ptr, ldhPrev: number, B: number, H: number): void;
}

/** A kernel set bound to its own float32 heap, plus a bump allocator over that heap. */
export interface Backend {
  readonly kernels: Kernels;
  /** The heap; re-read it after `reserve` (a WebAssembly memory grows by replacing its buffer). */
  readonly heap: Heap;
  /** Makes the heap hold at least `floats` floats from index 0 (existing contents kept). */
  reserve(floats: number): void;
  /** First index callers may use (the backend keeps what is below for itself). */
  readonly base: Ptr;
}
