// Matrix products with WebAssembly SIMD (f32x4): a register-blocked 4×8 micro-kernel over
// packed right-hand panels. Pointers are byte addresses; leading dimensions are in floats.
//
// Packed layout of a K×N right-hand operand: ⌈N/8⌉ panels of 8 columns, each K rows × 8 floats
// contiguous (the last panel zero-padded), so the micro-kernel streams one panel linearly.
// The left-hand operand is copied 4 rows at a time into a k-major strip in the module's scratch:
// the 4 values a_{i..i+3, k} side by side, then those of k + 1, … so the kernel's 4 broadcasts
// per k come from one pointer with constant offsets, and the strip (16 bytes per k, contiguous)
// stays in L1 while every panel passes over it. Aᵀ (a transposed product) holds those 4 values
// side by side already, but a row apart: read in place, rows a multiple of 4 KiB apart would all
// fall in the same few L1 sets.
// Every element of C is Σ_k a_ik·b_kj summed in k order from 0 within a k-block (one block of
// up to KP = 2048 terms in gemmPacked, KC = 256 in gemm), block sums added to C in order: the
// result does not depend on M or on the tile an element falls in, so not on the batch size.

const NR: i32 = 8; // columns per panel
const KC: i32 = 256; // k-block of the generic gemm (a packed 256×8 panel = 8 KB stays in L1)
const KP: i32 = 2048; // k-block of gemmPacked: a 4-row strip of A (32 KB) in the scratch below
// Scratch for the strips of A: bytes [APACK, APACK + 32 KiB) of the module's reserved first
// page (the JavaScript side allocates from byte 65536; the module has no statics): one strip
// of up to KP rows, or four of up to KC.
const APACK: usize = 4096;

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

/**
 * C[4 rows, 8 cols] (=|+=) A[4 rows, K] · panel (K×8). A is a k-major strip: a_{i+r, k} at
 * a + 16k + 4r bytes.
 */
// @ts-ignore: decorator
@inline function kernel4x8(c: usize, ldc: usize, a: usize, b: usize, K: i32, accumulate: bool, bias: usize, cols: i32): void {
  let c0l = f32x4.splat(0), c0h = f32x4.splat(0);
  let c1l = f32x4.splat(0), c1h = f32x4.splat(0);
  let c2l = f32x4.splat(0), c2h = f32x4.splat(0);
  let c3l = f32x4.splat(0), c3h = f32x4.splat(0);
  let pa = a, pb = b;
  const end = b + (<usize>K << 5);
  while (pb < end) {
    const bl = v128.load(pb);
    const bh = v128.load(pb, 16);
    let s = v128.load32_splat(pa);
    c0l = f32x4.add(c0l, f32x4.mul(s, bl));
    c0h = f32x4.add(c0h, f32x4.mul(s, bh));
    s = v128.load32_splat(pa, 4);
    c1l = f32x4.add(c1l, f32x4.mul(s, bl));
    c1h = f32x4.add(c1h, f32x4.mul(s, bh));
    s = v128.load32_splat(pa, 8);
    c2l = f32x4.add(c2l, f32x4.mul(s, bl));
    c2h = f32x4.add(c2h, f32x4.mul(s, bh));
    s = v128.load32_splat(pa, 12);
    c3l = f32x4.add(c3l, f32x4.mul(s, bl));
    c3h = f32x4.add(c3h, f32x4.mul(s, bh));
    pa += 16;
    pb += 32;
  }
  const c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  storeRow(c, c0l, c0h, accumulate ? c : bias, cols);
  storeRow(c1, c1l, c1h, accumulate ? c1 : bias, cols);
  storeRow(c2, c2l, c2h, accumulate ? c2 : bias, cols);
  storeRow(c3, c3l, c3h, accumulate ? c3 : bias, cols);
}

/** C[1 row, 8 cols] (=|+=) A[1 row, K] · panel (K×8), a_k at a + k·stride; same order as kernel4x8. */
// @ts-ignore: decorator
@inline function kernel1x8(c: usize, a: usize, stride: usize, b: usize, K: i32, accumulate: bool, bias: usize, cols: i32): void {
  let cl = f32x4.splat(0), ch = f32x4.splat(0);
  let pa = a, pb = b;
  const end = b + (<usize>K << 5);
  while (pb < end) {
    const s = v128.load32_splat(pa);
    cl = f32x4.add(cl, f32x4.mul(s, v128.load(pb)));
    ch = f32x4.add(ch, f32x4.mul(s, v128.load(pb, 16)));
    pa += stride;
    pb += 32;
  }
  storeRow(c, cl, ch, accumulate ? c : bias, cols);
}

/** dst (K×4, k-major) = rows r0..r0+3 of A (4×K, row stride ldaB bytes) interleaved by k. */
function interleaveRows4(dst: usize, a: usize, ldaB: usize, K: i32): void {
  const r1 = a + ldaB, r2 = r1 + ldaB, r3 = r2 + ldaB;
  let out = dst;
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    // A 4×4 transpose through shuffles: 4 k-values of 4 rows → 4 k-major groups.
    const o = <usize>k << 2;
    const x0 = v128.load(a + o), x1 = v128.load(r1 + o), x2 = v128.load(r2 + o), x3 = v128.load(r3 + o);
    const t0 = i32x4.shuffle(x0, x1, 0, 4, 1, 5);
    const t1 = i32x4.shuffle(x2, x3, 0, 4, 1, 5);
    const t2 = i32x4.shuffle(x0, x1, 2, 6, 3, 7);
    const t3 = i32x4.shuffle(x2, x3, 2, 6, 3, 7);
    v128.store(out, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
    v128.store(out, i32x4.shuffle(t0, t1, 2, 3, 6, 7), 16);
    v128.store(out, i32x4.shuffle(t2, t3, 0, 1, 4, 5), 32);
    v128.store(out, i32x4.shuffle(t2, t3, 2, 3, 6, 7), 48);
    out += 64;
  }
  for (; k < K; k++) {
    const o = <usize>k << 2;
    store<f32>(out, load<f32>(a + o));
    store<f32>(out, load<f32>(r1 + o), 4);
    store<f32>(out, load<f32>(r2 + o), 8);
    store<f32>(out, load<f32>(r3 + o), 12);
    out += 16;
  }
}

/** dst (K×4, k-major) = columns c0..c0+3 of A (K×…, row stride ldaB bytes), i.e. 4 rows of Aᵀ. */
function gatherColumns4(dst: usize, a: usize, ldaB: usize, K: i32): void {
  let src = a, out = dst;
  const end = dst + (<usize>K << 4);
  while (out < end) {
    v128.store(out, v128.load(src));
    src += ldaB;
    out += 16;
  }
}

/**
 * Four strips at once: dst + q·16K (K×4 each, q = 0..3) = columns c0 + 4q … of A, so each
 * 64-byte piece of a row of A is read once, not once per strip.
 */
function gatherColumns16(dst: usize, a: usize, ldaB: usize, K: i32): void {
  const stripBytes = <usize>K << 4;
  let src = a, out = dst;
  const end = dst + stripBytes;
  while (out < end) {
    const x0 = v128.load(src), x1 = v128.load(src, 16), x2 = v128.load(src, 32), x3 = v128.load(src, 48);
    v128.store(out, x0);
    v128.store(out + stripBytes, x1);
    v128.store(out + 2 * stripBytes, x2);
    v128.store(out + 3 * stripBytes, x3);
    src += ldaB;
    out += 16;
  }
}

/**
 * C (M×N) (=|+=) op(A) (M×kc) · B, B packed with panels `panelStride` bytes apart (kc rows
 * used from each). op(A) = A (M×kc, row stride ldaB) or, when transA, Aᵀ with A (kc×M, ldaB).
 * Rows go 4 at a time, each strip of A against every panel.
 */
function multiplyPanels(c: usize, ldcB: usize, a: usize, ldaB: usize, transA: bool, bp: usize, panelStride: usize, M: i32, N: i32, kc: i32, accumulate: bool, bias: usize): void {
  let i = 0;
  let cRow = c;
  const stripBytes = <usize>kc << 4;
  let group = 0, groupEnd = 0; // transposed: rows [group, groupEnd) were gathered as 4 strips
  for (; i + 4 <= M; i += 4) {
    let strip = APACK;
    if (!transA) interleaveRows4(APACK, a + <usize>i * ldaB, ldaB, kc);
    else if (i < groupEnd) strip = APACK + <usize>((i - group) >> 2) * stripBytes;
    else if (i + 16 <= M) {
      gatherColumns16(APACK, a + (<usize>i << 2), ldaB, kc);
      group = i;
      groupEnd = i + 16;
    } else gatherColumns4(APACK, a + (<usize>i << 2), ldaB, kc);
    let panel = bp, cTile = cRow;
    for (let j0 = 0; j0 < N; j0 += NR) {
      const biasJ = bias == 0 ? <usize>0 : bias + (<usize>j0 << 2);
      kernel4x8(cTile, ldcB, strip, panel, kc, accumulate, biasJ, min(NR, N - j0));
      cTile += NR << 2;
      panel += panelStride;
    }
    cRow += ldcB << 2;
  }
  for (; i < M; i++) {
    const row = transA ? a + (<usize>i << 2) : a + <usize>i * ldaB;
    const stride: usize = transA ? ldaB : 4;
    let panel = bp, cTile = cRow;
    for (let j0 = 0; j0 < N; j0 += NR) {
      const biasJ = bias == 0 ? <usize>0 : bias + (<usize>j0 << 2);
      kernel1x8(cTile, row, stride, panel, kc, accumulate, biasJ, min(NR, N - j0));
      cTile += NR << 2;
      panel += panelStride;
    }
    cRow += ldcB;
  }
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
  const panelStride = <usize>K << 5;
  for (let k0 = 0; k0 < K; k0 += KP) {
    const first = k0 == 0;
    multiplyPanels(c, ldcB, a + (<usize>k0 << 2), ldaB, false, bp + (<usize>k0 << 5), panelStride, M, N, min(KP, K - k0), accumulate || !first, first ? bias : 0);
  }
}

/** Floats of scratch `gemm` needs: one packed k-block of B. */
export function gemmScratchSize(M: i32, N: i32, K: i32): i32 {
  return packedSize(min(KC, max(K, 1)), N);
}

/**
 * C (M×N, ldc) = (accumulate ? C : 0) + op(A) · B (K×N, ldb), op(A) = A (M×K, lda) or Aᵀ with
 * A (K×M, lda). B is packed KC rows at a time into scratch; A is copied 4 rows (or columns) at a
 * time into the module's strip.
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
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packB(scratch, b + <usize>k0 * ldbB, ldb, kc, N, false);
    const aBlock = transA ? a + <usize>k0 * ldaB : a + (<usize>k0 << 2);
    multiplyPanels(c, ldcB, aBlock, ldaB, transA, scratch, <usize>kc << 5, M, N, kc, accumulate || k0 > 0, 0);
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
