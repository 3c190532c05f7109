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

// Storing a finished 1×8 strip: C = strip, C += strip, or C = bias + strip. `base` is what the
// strip is added to: C itself (accumulate), the bias slice for these columns, or 0 (base = 0).
// @ts-ignore: decorator
@inline function storeRow(c: usize, lo: v128, hi: v128, base: usize, cols: i32): void {
  if (cols == NR) {
    if (base != 0) {
      lo = f32x4.add(v128.load(base), lo);
      hi = f32x4.add(v128.load(base, 16), hi);
    }
    v128.store(c, lo);
    v128.store(c, hi, 16);
    return;
  }
  // A partial panel: only the first `cols` columns exist in C (and in the bias).
  storeLane(c, f32x4.extract_lane(lo, 0), base);
  if (cols > 1) storeLane(c + 4, f32x4.extract_lane(lo, 1), base == 0 ? <usize>0 : base + 4);
  if (cols > 2) storeLane(c + 8, f32x4.extract_lane(lo, 2), base == 0 ? <usize>0 : base + 8);
  if (cols > 3) storeLane(c + 12, f32x4.extract_lane(lo, 3), base == 0 ? <usize>0 : base + 12);
  if (cols > 4) storeLane(c + 16, f32x4.extract_lane(hi, 0), base == 0 ? <usize>0 : base + 16);
  if (cols > 5) storeLane(c + 20, f32x4.extract_lane(hi, 1), base == 0 ? <usize>0 : base + 20);
  if (cols > 6) storeLane(c + 24, f32x4.extract_lane(hi, 2), base == 0 ? <usize>0 : base + 24);
}

// @ts-ignore: decorator
@inline function storeLane(c: usize, v: f32, base: usize): void {
  store<f32>(c, base != 0 ? load<f32>(base) + v : v);
}

/** C[4 rows, 8 cols] (=|+=) A[4 rows, K] · panel (K×8); bias: slice for these columns or 0. */
// @ts-ignore: decorator
@inline function kernel4x8(c: usize, ldc: usize, a: usize, lda: usize, b: usize, K: i32, accumulate: bool, bias: usize, cols: i32): void {
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
  const c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  storeRow(c, c0l, c0h, accumulate ? c : bias, cols);
  storeRow(c1, c1l, c1h, accumulate ? c1 : bias, cols);
  storeRow(c2, c2l, c2h, accumulate ? c2 : bias, cols);
  storeRow(c3, c3l, c3h, accumulate ? c3 : bias, cols);
}

/** C[1 row, 8 cols] (=|+=) A[1 row, K] · panel (K×8); same summation order as kernel4x8. */
// @ts-ignore: decorator
@inline function kernel1x8(c: usize, a: usize, b: usize, K: i32, accumulate: bool, bias: usize, cols: i32): void {
  let cl = f32x4.splat(0), ch = f32x4.splat(0);
  let pa = a, pb = b;
  for (let k = 0; k < K; k++) {
    const s = v128.load32_splat(pa);
    cl = f32x4.add(cl, f32x4.mul(s, v128.load(pb)));
    ch = f32x4.add(ch, f32x4.mul(s, v128.load(pb, 16)));
    pa += 4;
    pb += 32;
  }
  storeRow(c, cl, ch, accumulate ? c : bias, cols);
}

/**
 * C (M×N, ldc) = (accumulate ? C : 0) + A (M×K, lda) · B, B packed by packB; with bias ≠ 0
 * (a byte pointer to N floats), C = bias + A · B.
 */
export function gemmPacked(c: usize, ldc: i32, a: usize, lda: i32, bp: usize, M: i32, N: i32, K: i32, accumulate: bool, bias: usize): void {
  if (M <= 0 || N <= 0) return;
  if (bias != 0) accumulate = false;
  if (K <= 0) {
    for (let i = 0; i < M; i++) {
      const row = c + (<usize>i * (<usize>ldc << 2));
      if (bias != 0) memory.copy(row, bias, <usize>N << 2);
      else if (!accumulate) memory.fill(row, 0, <usize>N << 2);
    }
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
      const biasJ = bias == 0 ? <usize>0 : bias + (<usize>j0 << 2);
      let i = i0;
      let cRow = c + (<usize>i0 * ldcB) + (<usize>j0 << 2);
      let aRow = a + <usize>i0 * ldaB;
      for (; i + 4 <= iEnd; i += 4) {
        kernel4x8(cRow, ldcB, aRow, ldaB, panel, K, accumulate, biasJ, cols);
        cRow += ldcB << 2;
        aRow += ldaB << 2;
      }
      for (; i < iEnd; i++) {
        kernel1x8(cRow, aRow, panel, K, accumulate, biasJ, cols);
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
    gemmPacked(c, ldc, a, lda, scratch, M, N, 0, accumulate, 0);
    return;
  }
  if (M < 4) {
    gemmFewRows(c, ldc, a, lda, transA, b, ldb, M, N, K, accumulate);
    return;
  }
  const ldaB = <usize>lda << 2, ldbB = <usize>ldb << 2, ldcB = <usize>ldc << 2;
  const aPack = scratch + (<usize>packedSize(min(KC, K), N) << 2);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packB(scratch, b + <usize>k0 * ldbB, ldb, kc, N, false);
    const acc = accumulate || k0 > 0;
    if (!transA) {
      gemmPacked(c, ldc, a + (<usize>k0 << 2), lda, scratch, M, N, kc, acc, 0);
    } else {
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        // aPack (mc × kc) = (A[k0.., i0..])ᵀ
        transpose(aPack, kc, a + <usize>k0 * ldaB + (<usize>i0 << 2), lda, kc, mc);
        gemmPacked(c + <usize>i0 * ldcB, ldc, aPack, kc, scratch, mc, N, kc, acc, 0);
      }
    }
  }
}

/**
 * gemm for M < 4 rows (e.g. the weight gradient of a one-feature input): packing B would cost as
 * much as the product, so each row of C is built in strips of 16 columns straight from B's rows.
 */
function gemmFewRows(c: usize, ldc: i32, a: usize, lda: i32, transA: bool, b: usize, ldb: i32, M: i32, N: i32, K: i32, accumulate: bool): void {
  const ldbB = <usize>ldb << 2;
  const stepA: usize = transA ? <usize>lda << 2 : 4;
  for (let i = 0; i < M; i++) {
    const cRow = c + (<usize>(i * ldc) << 2);
    const aFirst = transA ? a + (<usize>i << 2) : a + (<usize>(i * lda) << 2);
    let j = 0;
    for (; j + 16 <= N; j += 16) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      let pa = aFirst, pb = b + (<usize>j << 2);
      for (let k = 0; k < K; k++) {
        const x = v128.load32_splat(pa);
        s0 = f32x4.add(s0, f32x4.mul(x, v128.load(pb)));
        s1 = f32x4.add(s1, f32x4.mul(x, v128.load(pb, 16)));
        s2 = f32x4.add(s2, f32x4.mul(x, v128.load(pb, 32)));
        s3 = f32x4.add(s3, f32x4.mul(x, v128.load(pb, 48)));
        pa += stepA;
        pb += ldbB;
      }
      const o = cRow + (<usize>j << 2);
      if (accumulate) {
        s0 = f32x4.add(v128.load(o), s0);
        s1 = f32x4.add(v128.load(o, 16), s1);
        s2 = f32x4.add(v128.load(o, 32), s2);
        s3 = f32x4.add(v128.load(o, 48), s3);
      }
      v128.store(o, s0);
      v128.store(o, s1, 16);
      v128.store(o, s2, 32);
      v128.store(o, s3, 48);
    }
    for (; j < N; j++) {
      let sum: f32 = 0;
      let pa = aFirst, pb = b + (<usize>j << 2);
      for (let k = 0; k < K; k++) {
        sum += load<f32>(pa) * load<f32>(pb);
        pa += stepA;
        pb += ldbB;
      }
      const o = cRow + (<usize>j << 2);
      store<f32>(o, accumulate ? load<f32>(o) + sum : sum);
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
