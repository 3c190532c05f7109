// The WebAssembly SIMD kernels agree with the plain TypeScript oracle on every kernel, on odd
// shapes (1×1, sizes not multiples of 4 or 8, k longer than one k-block of either product,
// padded leading dimensions), and the vectorised activations are accurate and saturate without NaN.

import { describe, expect, it } from 'vitest';
import type { Backend, Kernels } from '../../../engine/math/kernels';
import { createTsBackend } from '../../../engine/math/kernels-ts';
import { createWasmBackend } from '../../../engine/math/kernels-wasm';
import { Rng } from '../../../engine/math/prng';

const EPS32 = 2 ** -24; // unit roundoff of float32

/** Same heap contents in both backends; run `f` on each; return both heaps. */
function both(floats: number, init: (heap: Float32Array, rng: Rng) => void, f: (k: Kernels, b: Backend) => void): [Float32Array, Float32Array] {
  const out: Float32Array[] = [];
  for (const b of [createTsBackend(), createWasmBackend()]) {
    b.reserve(b.base + floats);
    const heap = b.heap as Float32Array;
    const view = heap.subarray(b.base, b.base + floats);
    init(view, new Rng(99));
    f(b.kernels, b);
    out.push(b.heap.slice(b.base, b.base + floats) as Float32Array);
  }
  return [out[0], out[1]];
}

function randomFill(heap: Float32Array, rng: Rng): void {
  for (let i = 0; i < heap.length; i++) heap[i] = rng.uniform(-1, 1);
}

function expectAllClose(a: Float32Array, b: Float32Array, from: number, to: number, tol: (i: number) => number, label: string): void {
  let bad = -1, worst = 0;
  for (let i = from; i < to; i++) {
    const d = Math.abs(a[i] - b[i]);
    worst = Math.max(worst, d);
    if (bad < 0 && !(d <= tol(i))) bad = i;
  }
  expect(bad < 0 ? '' : `${label}: index ${bad - from}: ts ${a[bad]} vs wasm ${b[bad]} (tolerance ${tol(bad)}), maxdiff ${worst}`).toBe('');
}

describe('gemm kernels: wasm vs oracle', () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1], [1, 8, 1], [3, 5, 7], [4, 8, 4], [5, 9, 3], [7, 13, 17], [8, 16, 64], [13, 3, 65],
    [64, 256, 64], [65, 30, 257], [17, 1, 300], [2, 33, 520], [1, 256, 300], [3, 47, 9], [6, 17, 2100], [28, 20, 270],
  ];
  for (const [M, N, K] of shapes) {
    for (const accumulate of [false, true]) {
      for (const variant of ['packed', 'packedT', 'packedBias', 'gemm', 'gemmTransA'] as const) {
        it(`${variant} M=${M} N=${N} K=${K}${accumulate ? ' accumulate' : ''}`, () => {
          // Leading dimensions wider than the matrices, to catch stride mistakes.
          const lda = (variant === 'gemmTransA' ? M : K) + 3, ldb = (variant === 'packedT' ? K : N) + 2, ldc = N + 5;
          const aRows = variant === 'gemmTransA' ? K : M;
          const bRows = variant === 'packedT' ? N : K;
          const A = 0, B = A + aRows * lda, C = B + bRows * ldb, P = C + M * ldc;
          const total = P + Math.ceil(N / 8) * 8 * K; // then gemm scratch
          const [ts, wasm] = both(
            total + 70000,
            randomFill,
            (k, b) => {
              const base = b.base, scratch = base + total;
              if (variant === 'packed' || variant === 'packedT') {
                k.packB(base + P, base + B, ldb, K, N, variant === 'packedT');
                k.gemmPacked(base + C, ldc, base + A, lda, base + P, M, N, K, accumulate);
              } else if (variant === 'packedBias') {
                // bias = the first N values of A's last row region (any N floats will do)
                k.packB(base + P, base + B, ldb, K, N, false);
                k.gemmPacked(base + C, ldc, base + A, lda, base + P, M, N, K, accumulate, base + B);
              } else {
                expect(k.gemmScratchSize(M, N, K)).toBeLessThanOrEqual(70000);
                k.gemm(base + C, ldc, base + A, lda, variant === 'gemmTransA', base + B, ldb, M, N, K, accumulate, scratch);
              }
            },
          );
          // Tolerance from the float32 summation bound |error| ≤ γ_{K+1} Σ_k |a_ik||b_kj| (+|c|),
          // doubled because the oracle's result is itself rounded once.
          const init = new Float32Array(total + 70000);
          randomFill(init, new Rng(99));
          const bound = (idx: number): number => {
            const r = Math.floor((idx - C) / ldc), q = (idx - C) % ldc;
            if (q >= N) return 0; // padding must stay untouched
            let s = variant === 'packedBias' ? Math.abs(init[B + q]) : accumulate ? Math.abs(init[idx]) : 0;
            for (let kk = 0; kk < K; kk++) {
              const a = variant === 'gemmTransA' ? init[A + kk * lda + r] : init[A + r * lda + kk];
              const b = variant === 'packedT' ? init[B + q * ldb + kk] : init[B + kk * ldb + q];
              s += Math.abs(a * b);
            }
            return (K + 2) * EPS32 * s * 2;
          };
          expectAllClose(ts, wasm, C, C + M * ldc, bound, `C ${variant}`);
          // Nothing outside C changed (A, B untouched; padding columns untouched).
          expectAllClose(init, wasm, A, C, () => 0, 'A/B untouched');
        });
      }
    }
  }

  it('results do not depend on the row count (batch-invariant tiles)', () => {
    const K = 37, N = 19, lda = K, ldc = N;
    const b = createWasmBackend();
    b.reserve(b.base + 20000);
    const h = b.heap as Float32Array;
    const rng = new Rng(3);
    for (let i = b.base; i < b.base + 20000; i++) h[i] = rng.uniform(-1, 1);
    const A = b.base, P = A + 9 * lda, C1 = P + 3 * 8 * K, C9 = C1 + ldc;
    b.kernels.packB(P, A + 100, N, K, N, false);
    b.kernels.gemmPacked(C9, ldc, A, lda, P, 9, N, K, false);
    for (let r = 0; r < 9; r++) {
      b.kernels.gemmPacked(C1, ldc, A + r * lda, lda, P, 1, N, K, false);
      expect(Array.from(h.subarray(C1, C1 + N))).toEqual(Array.from(h.subarray(C9 + r * ldc, C9 + r * ldc + N)));
    }
  });
});

describe('data movement and reductions: wasm vs oracle', () => {
  const cases: [number, number][] = [[1, 1], [3, 5], [4, 16], [7, 17], [33, 64], [5, 37]];
  for (const [rows, cols] of cases) {
    it(`rows=${rows} cols=${cols}`, () => {
      const ld = cols + 3, n = rows * ld;
      const X = 0, Y = n, Z = 2 * n, V = 3 * n, T = V + cols, O = T + cols * (rows + 2);
      const [ts, wasm] = both(O + 2 * cols + 8, randomFill, (k, b) => {
        const o = b.base;
        k.add(o + Z, ld, o + X, ld, o + Y, ld, rows, cols);
        k.columnSums(o + O, o + X, ld, rows, cols, false);
        k.columnSums(o + O + cols, o + Y, ld, rows, cols, true);
        k.transpose(o + T, rows + 2, o + Y, ld, rows, cols);
        k.broadcastRows(o + Y, ld, o + V, rows, cols);
        k.copy(o + X + 1, ld, o + V, 0, 1, cols - 1);
        k.multiply(o + V, o + V, o + Z, cols);
        k.fill(o + X + ld, -0.5, Math.max(0, n - 2 * ld));
      });
      expectAllClose(ts, wasm, 0, O, (i) => 4 * EPS32 * Math.abs(ts[i]), 'elementwise');
      expectAllClose(ts, wasm, O, O + 2 * cols, () => (rows + 2) * EPS32 * rows * 2, 'column sums');
    });
  }
});

describe('cell kernels: wasm vs oracle', () => {
  for (const [B, H] of [[1, 1], [2, 3], [3, 4], [2, 5], [1, 8], [3, 13]]) {
    it(`B=${B} H=${H}`, () => {
      const ldh = H + 2, n = 4 * H * B;
      // gates, c, tc, h, cPrev, dGates, dc, dh, gx, gh, hPrev, dGx, dGh, dhPrev, hr
      const layout = [n, B * H, B * H, B * ldh, B * H, n, B * H, B * H, 3 * H * B, 3 * H * B, B * ldh, 3 * H * B, 3 * H * B, B * H, B * ldh];
      const at: number[] = [];
      let total = 0;
      for (const s of layout) {
        at.push(total);
        total += s;
      }
      const [gates, c, tc, h, cPrev, dG, dc, dh, gx, gh, hPrev, dGx, dGh, dhPrev, hr] = at;
      const [ts, wasm] = both(total, (heap, rng) => {
        for (let i = 0; i < heap.length; i++) heap[i] = rng.uniform(-3, 3);
      }, (k, b) => {
        const o = b.base;
        k.lstmForward(o + gates, o + c, o + tc, o + h, ldh, o + cPrev, B, H);
        k.lstmBackward(o + dG, o + dc, o + dh, o + gates, o + cPrev, o + tc, B, H);
        k.gruForward(o + gx, o + hr, ldh, o + gh, o + hPrev, ldh, B, H);
        k.gruBackward(o + dGx, o + dGh, o + dhPrev, o + dh, o + gx, o + gh, o + hPrev, ldh, B, H);
        k.rnnForward(o + hPrev, ldh, o + gh, 3 * H, B, H);
        k.rnnBackward(o + dhPrev, o + dh, o + hPrev, ldh, B, H);
      });
      // Activations differ by a few float32 ulps (the vector exp/tanh vs Math.exp/tanh), and
      // backward values inherit that through products of up to 5 factors of size ≤ 3.
      expectAllClose(ts, wasm, 0, total, (i) => 1e-6 + 2e-6 * Math.abs(ts[i]), 'cells');
    });
  }
});

describe('cell backward kernels in place', () => {
  // The propagator writes each step's gradients over the activations they are computed from.
  for (const make of [createTsBackend, createWasmBackend]) {
    it(`${make().kernels.name}: gradients written over the gates equal gradients written elsewhere`, () => {
      const B = 3, H = 13, n4 = 4 * B * H, n3 = 3 * B * H, nh = B * H;
      const b = make();
      const o = b.base;
      // gates, dGates, c, tc, dc (twice), dh | gx, gh, dGx, dGh, hPrev, dhPrev
      const at = { g: 0, dg: n4, cp: 2 * n4, tc: 2 * n4 + nh, dc: 2 * n4 + 2 * nh, dc2: 2 * n4 + 3 * nh, dh: 2 * n4 + 4 * nh };
      const gru = { x: 2 * n4 + 5 * nh, y: 2 * n4 + 5 * nh + n3, dx: 2 * n4 + 5 * nh + 2 * n3, dy: 2 * n4 + 5 * nh + 3 * n3, hp: 2 * n4 + 5 * nh + 4 * n3, dhp: 2 * n4 + 6 * nh + 4 * n3 };
      const total = 2 * n4 + 7 * nh + 4 * n3;
      b.reserve(o + total);
      const heap = b.heap;
      const rng = new Rng(5);
      for (let i = 0; i < total; i++) heap[o + i] = rng.uniform(-0.95, 0.95);
      heap.copyWithin(o + at.dc2, o + at.dc, o + at.dc + nh);
      const k = b.kernels;
      k.lstmBackward(o + at.dg, o + at.dc, o + at.dh, o + at.g, o + at.cp, o + at.tc, B, H);
      k.lstmBackward(o + at.g, o + at.dc2, o + at.dh, o + at.g, o + at.cp, o + at.tc, B, H);
      expect(Array.from(heap.subarray(o + at.g, o + at.g + n4))).toEqual(Array.from(heap.subarray(o + at.dg, o + at.dg + n4)));
      k.gruBackward(o + gru.dx, o + gru.dy, o + gru.dhp, o + at.dh, o + gru.x, o + gru.y, o + gru.hp, H, B, H);
      k.gruBackward(o + gru.x, o + gru.y, o + gru.dhp, o + at.dh, o + gru.x, o + gru.y, o + gru.hp, H, B, H);
      expect(Array.from(heap.subarray(o + gru.x, o + gru.x + n3))).toEqual(Array.from(heap.subarray(o + gru.dx, o + gru.dx + n3)));
      expect(Array.from(heap.subarray(o + gru.y, o + gru.y + n3))).toEqual(Array.from(heap.subarray(o + gru.dy, o + gru.dy + n3)));
    });
  }
});

describe('vectorised activations', () => {
  const values: number[] = [];
  for (let x = -20; x <= 20; x += 0.001) values.push(x);
  values.push(-1e30, -1e4, -100, -88.8, -88, -87.5, -44, 1e-30, -1e-30, 0, -0, 1e-7, 44, 87.5, 88, 88.8, 100, 1e4, 1e30);
  const H = values.length;

  function run(kind: 'tanh' | 'sigmoid'): Float32Array {
    const b = createWasmBackend();
    const o = b.base;
    b.reserve(o + 4 * H + 4 * H);
    const heap = b.heap as Float32Array;
    if (kind === 'tanh') {
      heap.set(values, o);
      b.kernels.rnnForward(o + H, H, o, H, 1, H);
      return heap.slice(o + H, o + 2 * H);
    }
    heap.set(values, o); // the i gate of one LSTM row: activated in place to σ(x)
    b.kernels.lstmForward(o, o + 4 * H, o + 5 * H, o + 6 * H, H, o + 7 * H, 1, H);
    return heap.slice(o, o + H);
  }

  it('tanh within 4e-7 relative (no cancellation near 0) and exactly ±1 when saturated', () => {
    const y = run('tanh');
    values.forEach((x, i) => {
      const ref = Math.tanh(Math.fround(x)); // the heap holds x rounded to float32
      expect(Math.abs(y[i] - ref), `tanh(${x})`).toBeLessThanOrEqual(4e-7 * Math.abs(ref) + 1e-45);
    });
    expect(y[values.indexOf(1e30)]).toBe(1);
    expect(y[values.indexOf(-1e4)]).toBe(-1);
  });

  it('sigmoid within 4e-7 relative, finite and in [0, 1] everywhere', () => {
    const y = run('sigmoid');
    values.forEach((x, i) => {
      const ref = 1 / (1 + Math.exp(-Math.fround(x)));
      expect(Number.isFinite(y[i]) && y[i] >= 0 && y[i] <= 1, `σ(${x}) = ${y[i]}`).toBe(true);
      if (x > -80) expect(Math.abs(y[i] - ref), `σ(${x})`).toBeLessThanOrEqual(4e-7 * ref);
    });
    expect(y[values.indexOf(1e30)]).toBe(1);
  });
});
