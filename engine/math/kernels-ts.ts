// The readable oracle: every kernel of kernels.ts in plain TypeScript, accumulating in float64
// and storing into the heap's type (float32; float64 for finite-difference gradient checks). Tests check the WebAssembly kernels against it; it is also the fallback
// backend where WebAssembly is unavailable. Shapes and argument order: see kernels.ts.

import type { Backend, Heap, Kernels, Ptr } from './kernels';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x)); // exp(−x) → ∞ gives 0, never NaN

class TsKernels implements Kernels {
  readonly name = 'ts';
  // One row of float64 accumulators for gemm, grown on demand (never inside a time loop
  // once the largest shape has been seen).
  private acc = new Float64Array(64);

  constructor(private readonly owner: { heap: Heap }) {}

  packedSize(K: number, N: number): number {
    return K * N;
  }

  packB(dst: Ptr, src: Ptr, ld: number, K: number, N: number, transposed: boolean): void {
    // Layout: plain row-major K×N.
    const m = this.owner.heap;
    for (let k = 0; k < K; k++) {
      for (let n = 0; n < N; n++) {
        m[dst + k * N + n] = transposed ? m[src + n * ld + k] : m[src + k * ld + n];
      }
    }
  }

  gemmPacked(c: Ptr, ldc: number, a: Ptr, lda: number, bPacked: Ptr, M: number, N: number, K: number, accumulate: boolean, bias?: Ptr): void {
    if (bias !== undefined) this.broadcastRows(c, ldc, bias, M, N);
    this.gemm(c, ldc, a, lda, false, bPacked, N, M, N, K, accumulate || bias !== undefined, 0);
  }

  gemm(c: Ptr, ldc: number, a: Ptr, lda: number, transA: boolean, b: Ptr, ldb: number, M: number, N: number, K: number, accumulate: boolean, _scratch: Ptr): void {
    const m = this.owner.heap;
    if (this.acc.length < N) this.acc = new Float64Array(N);
    const acc = this.acc;
    for (let i = 0; i < M; i++) {
      const ci = c + i * ldc;
      for (let j = 0; j < N; j++) acc[j] = accumulate ? m[ci + j] : 0;
      for (let k = 0; k < K; k++) {
        const aik = transA ? m[a + k * lda + i] : m[a + i * lda + k];
        if (aik === 0) continue;
        const bk = b + k * ldb;
        for (let j = 0; j < N; j++) acc[j] += aik * m[bk + j];
      }
      for (let j = 0; j < N; j++) m[ci + j] = acc[j];
    }
  }

  gemmScratchSize(): number {
    return 0;
  }

  transpose(dst: Ptr, ldDst: number, src: Ptr, ldSrc: number, rows: number, cols: number): void {
    const m = this.owner.heap;
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < cols; q++) m[dst + q * ldDst + r] = m[src + r * ldSrc + q];
    }
  }

  broadcastRows(dst: Ptr, ld: number, vec: Ptr, rows: number, cols: number): void {
    const m = this.owner.heap;
    for (let r = 0; r < rows; r++) m.copyWithin(dst + r * ld, vec, vec + cols);
  }

  columnSums(out: Ptr, src: Ptr, ld: number, rows: number, cols: number, accumulate: boolean): void {
    const m = this.owner.heap;
    for (let q = 0; q < cols; q++) {
      let s = accumulate ? m[out + q] : 0;
      for (let r = 0; r < rows; r++) s += m[src + r * ld + q];
      m[out + q] = s;
    }
  }

  add(dst: Ptr, ldDst: number, a: Ptr, ldA: number, b: Ptr, ldB: number, rows: number, cols: number): void {
    const m = this.owner.heap;
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < cols; q++) m[dst + r * ldDst + q] = m[a + r * ldA + q] + m[b + r * ldB + q];
    }
  }

  copy(dst: Ptr, ldDst: number, src: Ptr, ldSrc: number, rows: number, cols: number): void {
    const m = this.owner.heap;
    for (let r = 0; r < rows; r++) m.copyWithin(dst + r * ldDst, src + r * ldSrc, src + r * ldSrc + cols);
  }

  multiply(dst: Ptr, a: Ptr, b: Ptr, n: number): void {
    const m = this.owner.heap;
    for (let i = 0; i < n; i++) m[dst + i] = m[a + i] * m[b + i];
  }

  fill(dst: Ptr, value: number, n: number): void {
    this.owner.heap.fill(value, dst, dst + n);
  }

  rnnForward(h: Ptr, ldh: number, pre: Ptr, ldPre: number, B: number, H: number): void {
    const m = this.owner.heap;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) m[h + b * ldh + j] = Math.tanh(m[pre + b * ldPre + j]);
    }
  }

  rnnBackward(dPre: Ptr, dh: Ptr, h: Ptr, ldh: number, B: number, H: number): void {
    const m = this.owner.heap;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const y = m[h + b * ldh + j];
        m[dPre + b * H + j] = m[dh + b * H + j] * (1 - y * y);
      }
    }
  }

  lstmForward(gates: Ptr, c: Ptr, tanhC: Ptr, h: Ptr, ldh: number, cPrev: Ptr, B: number, H: number): void {
    const m = this.owner.heap;
    for (let b = 0; b < B; b++) {
      const g = gates + b * 4 * H;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(m[g + j]);
        const f = sigmoid(m[g + H + j]);
        const gg = Math.tanh(m[g + 2 * H + j]);
        const o = sigmoid(m[g + 3 * H + j]);
        m[g + j] = i;
        m[g + H + j] = f;
        m[g + 2 * H + j] = gg;
        m[g + 3 * H + j] = o;
        const cv = f * m[cPrev + b * H + j] + i * gg;
        const tc = Math.tanh(cv);
        m[c + b * H + j] = cv;
        m[tanhC + b * H + j] = tc;
        m[h + b * ldh + j] = o * tc;
      }
    }
  }

  lstmBackward(dGates: Ptr, dc: Ptr, dh: Ptr, gates: Ptr, cPrev: Ptr, tanhC: Ptr, B: number, H: number): void {
    const m = this.owner.heap;
    for (let b = 0; b < B; b++) {
      const g = gates + b * 4 * H;
      const dg = dGates + b * 4 * H;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const i = m[g + j], f = m[g + H + j], gg = m[g + 2 * H + j], o = m[g + 3 * H + j];
        const tc = m[tanhC + k];
        const dhv = m[dh + k];
        const dct = m[dc + k] + dhv * o * (1 - tc * tc);
        m[dg + j] = dct * gg * i * (1 - i);
        m[dg + H + j] = dct * m[cPrev + k] * f * (1 - f);
        m[dg + 2 * H + j] = dct * i * (1 - gg * gg);
        m[dg + 3 * H + j] = dhv * tc * o * (1 - o);
        m[dc + k] = dct * f;
      }
    }
  }

  gruForward(gx: Ptr, h: Ptr, ldh: number, gh: Ptr, hPrev: Ptr, ldhPrev: number, B: number, H: number): void {
    const m = this.owner.heap;
    for (let b = 0; b < B; b++) {
      const x = gx + b * 3 * H;
      const y = gh + b * 3 * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(m[x + j] + m[y + j]);
        const z = sigmoid(m[x + H + j] + m[y + H + j]);
        const n = Math.tanh(m[x + 2 * H + j] + r * m[y + 2 * H + j]);
        m[x + j] = r;
        m[x + H + j] = z;
        m[x + 2 * H + j] = n;
        m[h + b * ldh + j] = (1 - z) * n + z * m[hPrev + b * ldhPrev + j];
      }
    }
  }

  gruBackward(dGx: Ptr, dGh: Ptr, dhPrev: Ptr, dh: Ptr, gates: Ptr, gh: Ptr, hPrev: Ptr, ldhPrev: number, B: number, H: number): void {
    const m = this.owner.heap;
    for (let b = 0; b < B; b++) {
      const g = gates + b * 3 * H;
      const x = dGx + b * 3 * H;
      const y = dGh + b * 3 * H;
      for (let j = 0; j < H; j++) {
        const r = m[g + j], z = m[g + H + j], n = m[g + 2 * H + j];
        const dhv = m[dh + b * H + j];
        const hp = m[hPrev + b * ldhPrev + j];
        const dnPre = dhv * (1 - z) * (1 - n * n);
        const dzPre = dhv * (hp - n) * z * (1 - z);
        const drPre = dnPre * m[gh + b * 3 * H + 2 * H + j] * r * (1 - r);
        m[x + j] = drPre;
        m[x + H + j] = dzPre;
        m[x + 2 * H + j] = dnPre;
        m[y + j] = drPre;
        m[y + H + j] = dzPre;
        m[y + 2 * H + j] = dnPre * r;
        m[dhPrev + b * H + j] = dhv * z;
      }
    }
  }
}

/**
 * A backend on a plain growable array with the TypeScript kernels: Float32Array, or with
 * `float64` a Float64Array (the whole engine then computes in double precision).
 */
export function createTsBackend(float64 = false): Backend {
  const make = (n: number): Heap => (float64 ? new Float64Array(n) : new Float32Array(n));
  const state = { heap: make(0) };
  const kernels = new TsKernels(state);
  return {
    kernels,
    get heap() {
      return state.heap;
    },
    base: 0,
    reserve(floats: number) {
      if (state.heap.length >= floats) return;
      const next = make(Math.max(floats, Math.ceil(state.heap.length * 1.5)));
      next.set(state.heap);
      state.heap = next;
    },
  };
}
