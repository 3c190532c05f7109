// Matrix products with WebAssembly SIMD (f32x4): a register-blocked 4×8 micro-kernel over
// packed right-hand panels. Pointers are byte addresses; leading dimensions are in floats.
//
// Packed layout of a K×N right-hand operand: ⌈N/8⌉ panels of 8 columns, each K rows × 8 floats
// contiguous (the last panel zero-padded), so the micro-kernel streams one panel linearly.
// Every element of C is Σ_k a_ik·b_kj summed in k order from 0 (then added to C when
// accumulating), whatever the tile it falls in: results do not depend on the batch size.

const NR: i32 = 8; // columns per panel
const KC: i32 = 256; // k-block of the generic gemm (a packed 256×8 panel = 8 KB stays in L1)
const MC: i32 = 64; // rows of Aᵀ packed per block in the generic gemm

export function packedSize(K: i32, N: i32): i32 {
  return ((N + NR - 1) / NR) * NR * K;
}

/** dst ← B packed; B (K×N) = src (K×N, ld), or srcᵀ with src (N×K, ld) when transposed. */
export function packB(dst: usize, src: usize, ld: i32, K: i32, N: i32, transposed: bool): void {
  const panels = (N + NR - 1) / NR;
  const ldb = <usize>ld << 2;
  let out = dst;
  for (let p = 0; p < panels; p++) {
    const j0 = p * NR;
    const cols = min(NR, N - j0);
    if (!transposed && cols == NR) {
      let row = src + (<usize>j0 << 2);
      for (let k = 0; k < K; k++) {
        v128.store(out, v128.load(row));
        v128.store(out, v128.load(row, 16), 16);
        row += ldb;
        out += 32;
      }
    } else {
      for (let k = 0; k < K; k++) {
        for (let c = 0; c < NR; c++) {
          let v: f32 = 0;
          if (c < cols) {
            v = transposed
              ? load<f32>(src + (<usize>(j0 + c) * ldb) + (<usize>k << 2))
              : load<f32>(src + (<usize>k * ldb) + (<usize>(j0 + c) << 2));
          }
          store<f32>(out, v);
          out += 4;
        }
      }
    }
  }
}

// @ts-ignore: decorator
@inline function storeRow(c: usize, lo: v128, hi: v128, accumulate: bool, cols: i32): void {
  if (cols == NR) {
    if (accumulate) {
      lo = f32x4.add(v128.load(c), lo);
      hi = f32x4.add(v128.load(c, 16), hi);
    }
    v128.store(c, lo);
    v128.store(c, hi, 16);
    return;
  }
  // A partial panel: only the first `cols` columns exist in C.
  storeLane(c, f32x4.extract_lane(lo, 0), accumulate);
  if (cols > 1) storeLane(c + 4, f32x4.extract_lane(lo, 1), accumulate);
  if (cols > 2) storeLane(c + 8, f32x4.extract_lane(lo, 2), accumulate);
  if (cols > 3) storeLane(c + 12, f32x4.extract_lane(lo, 3), accumulate);
  if (cols > 4) storeLane(c + 16, f32x4.extract_lane(hi, 0), accumulate);
  if (cols > 5) storeLane(c + 20, f32x4.extract_lane(hi, 1), accumulate);
  if (cols > 6) storeLane(c + 24, f32x4.extract_lane(hi, 2), accumulate);
}

// @ts-ignore: decorator
@inline function storeLane(c: usize, v: f32, accumulate: bool): void {
  store<f32>(c, accumulate ? load<f32>(c) + v : v);
}

/** C[4 rows, 8 cols] (=|+=) A[4 rows, K] · panel (K×8). */
// @ts-ignore: decorator
@inline function kernel4x8(c: usize, ldc: usize, a: usize, lda: usize, b: usize, K: i32, accumulate: bool, cols: i32): void {
  let c0l = f32x4.splat(0), c0h = f32x4.splat(0);
  let c1l = f32x4.splat(0), c1h = f32x4.splat(0);
  let c2l = f32x4.splat(0), c2h = f32x4.splat(0);
  let c3l = f32x4.splat(0), c3h = f32x4.splat(0);
  let a0 = a, pb = b;
  const a1 = lda, a2 = lda << 1, a3 = lda * 3;
  for (let k = 0; k < K; k++) {
    const bl = v128.load(pb);
    const bh = v128.load(pb, 16);
    let s = v128.load32_splat(a0);
    c0l = f32x4.add(c0l, f32x4.mul(s, bl));
    c0h = f32x4.add(c0h, f32x4.mul(s, bh));
    s = v128.load32_splat(a0 + a1);
    c1l = f32x4.add(c1l, f32x4.mul(s, bl));
    c1h = f32x4.add(c1h, f32x4.mul(s, bh));
    s = v128.load32_splat(a0 + a2);
    c2l = f32x4.add(c2l, f32x4.mul(s, bl));
    c2h = f32x4.add(c2h, f32x4.mul(s, bh));
    s = v128.load32_splat(a0 + a3);
    c3l = f32x4.add(c3l, f32x4.mul(s, bl));
    c3h = f32x4.add(c3h, f32x4.mul(s, bh));
    a0 += 4;
    pb += 32;
  }
  storeRow(c, c0l, c0h, accumulate, cols);
  storeRow(c + ldc, c1l, c1h, accumulate, cols);
  storeRow(c + (ldc << 1), c2l, c2h, accumulate, cols);
  storeRow(c + ldc * 3, c3l, c3h, accumulate, cols);
}

/** C[1 row, 8 cols] (=|+=) A[1 row, K] · panel (K×8); same summation order as kernel4x8. */
// @ts-ignore: decorator
@inline function kernel1x8(c: usize, a: usize, b: usize, K: i32, accumulate: bool, cols: i32): void {
  let cl = f32x4.splat(0), ch = f32x4.splat(0);
  let pa = a, pb = b;
  for (let k = 0; k < K; k++) {
    const s = v128.load32_splat(pa);
    cl = f32x4.add(cl, f32x4.mul(s, v128.load(pb)));
    ch = f32x4.add(ch, f32x4.mul(s, v128.load(pb, 16)));
    pa += 4;
    pb += 32;
  }
  storeRow(c, cl, ch, accumulate, cols);
}

/** C (M×N, ldc) = (accumulate ? C : 0) + A (M×K, lda) · B, B packed by packB. */
export function gemmPacked(c: usize, ldc: i32, a: usize, lda: i32, bp: usize, M: i32, N: i32, K: i32, accumulate: bool): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) for (let i = 0; i < M; i++) memory.fill(c + (<usize>i * (<usize>ldc << 2)), 0, <usize>N << 2);
    return;
  }
  const ldcB = <usize>ldc << 2, ldaB = <usize>lda << 2;
  const panelBytes = <usize>K * NR * 4;
  // Rows in blocks of MB so the A block stays in L1/L2 while every panel passes over it.
  const MB: i32 = 64;
  for (let i0 = 0; i0 < M; i0 += MB) {
    const iEnd = min(M, i0 + MB);
    let panel = bp;
    for (let j0 = 0; j0 < N; j0 += NR) {
      const cols = min(NR, N - j0);
      let i = i0;
      let cRow = c + (<usize>i0 * ldcB) + (<usize>j0 << 2);
      let aRow = a + <usize>i0 * ldaB;
      for (; i + 4 <= iEnd; i += 4) {
        kernel4x8(cRow, ldcB, aRow, ldaB, panel, K, accumulate, cols);
        cRow += ldcB << 2;
        aRow += ldaB << 2;
      }
      for (; i < iEnd; i++) {
        kernel1x8(cRow, aRow, panel, K, accumulate, cols);
        cRow += ldcB;
        aRow += ldaB;
      }
      panel += panelBytes;
    }
  }
}

/** Floats of scratch `gemm` needs. */
export function gemmScratchSize(M: i32, N: i32, K: i32): i32 {
  const kc = min(KC, max(K, 1));
  return packedSize(kc, N) + min(MC, max(M, 1)) * kc;
}

/**
 * C (M×N, ldc) = (accumulate ? C : 0) + op(A) · B (K×N, ldb), op(A) = A (M×K, lda) or Aᵀ with
 * A (K×M, lda). B is packed KC rows at a time into scratch; Aᵀ is transposed MC×KC at a time.
 */
export function gemm(c: usize, ldc: i32, a: usize, lda: i32, transA: bool, b: usize, ldb: i32, M: i32, N: i32, K: i32, accumulate: bool, scratch: usize): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    gemmPacked(c, ldc, a, lda, scratch, M, N, 0, accumulate);
    return;
  }
  const ldaB = <usize>lda << 2, ldbB = <usize>ldb << 2, ldcB = <usize>ldc << 2;
  const aPack = scratch + (<usize>packedSize(min(KC, K), N) << 2);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packB(scratch, b + <usize>k0 * ldbB, ldb, kc, N, false);
    const acc = accumulate || k0 > 0;
    if (!transA) {
      gemmPacked(c, ldc, a + (<usize>k0 << 2), lda, scratch, M, N, kc, acc);
    } else {
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        // aPack (mc × kc) = (A[k0.., i0..])ᵀ
        transpose(aPack, kc, a + <usize>k0 * ldaB + (<usize>i0 << 2), lda, kc, mc);
        gemmPacked(c + <usize>i0 * ldcB, ldc, aPack, kc, scratch, mc, N, kc, acc);
      }
    }
  }
}

/** dst (cols×rows, ldDst) = srcᵀ, src (rows×cols, ldSrc); 4×4 tiles through SIMD shuffles. */
export function transpose(dst: usize, ldDst: i32, src: usize, ldSrc: i32, rows: i32, cols: i32): void {
  const ldd = <usize>ldDst << 2, lds = <usize>ldSrc << 2;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    let q = 0;
    const s0 = src + <usize>r * lds;
    for (; q + 4 <= cols; q += 4) {
      const p = s0 + (<usize>q << 2);
      const x0 = v128.load(p), x1 = v128.load(p + lds), x2 = v128.load(p + 2 * lds), x3 = v128.load(p + 3 * lds);
      const t0 = i32x4.shuffle(x0, x1, 0, 4, 1, 5); // a0 b0 a1 b1
      const t1 = i32x4.shuffle(x2, x3, 0, 4, 1, 5); // c0 d0 c1 d1
      const t2 = i32x4.shuffle(x0, x1, 2, 6, 3, 7); // a2 b2 a3 b3
      const t3 = i32x4.shuffle(x2, x3, 2, 6, 3, 7); // c2 d2 c3 d3
      const d = dst + <usize>q * ldd + (<usize>r << 2);
      v128.store(d, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
      v128.store(d + ldd, i32x4.shuffle(t0, t1, 2, 3, 6, 7));
      v128.store(d + 2 * ldd, i32x4.shuffle(t2, t3, 0, 1, 4, 5));
      v128.store(d + 3 * ldd, i32x4.shuffle(t2, t3, 2, 3, 6, 7));
    }
    for (; q < cols; q++) {
      for (let i = 0; i < 4; i++) {
        store<f32>(dst + <usize>q * ldd + (<usize>(r + i) << 2), load<f32>(src + <usize>(r + i) * lds + (<usize>q << 2)));
      }
    }
  }
  for (; r < rows; r++) {
    for (let q = 0; q < cols; q++) {
      store<f32>(dst + <usize>q * ldd + (<usize>r << 2), load<f32>(src + <usize>r * lds + (<usize>q << 2)));
    }
  }
}
