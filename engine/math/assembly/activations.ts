// Vectorised sigmoid and tanh on f32x4, accurate to a few float32 ulps and saturating cleanly.
// Both rest on e^x and e^x − 1 for x ≤ 0 only (Cephes expf polynomial, Cody–Waite reduction), so no
// intermediate can overflow: for any finite input the results are finite and in range, and
// NaN inputs propagate (so the trainer's non-finite guard sees them).
//
// Cost matters as much as accuracy here (the gates' activations cost about what the products
// do at these sizes), hence: pmin/pmax (one instruction each on x64, where f32x4.min/max with
// NaN semantics are long sequences), 2^n built from the bits of a "magic-number" rounding
// instead of nearest + trunc_sat, and a single division per activation.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375; // ln 2 = LN2_HI + LN2_LO, LN2_HI with few bits so n·LN2_HI is exact
const LN2_LO: f32 = -2.12194440e-4;
const MAGIC: f32 = 12582912.0; // 1.5·2^23: adding it rounds to an integer held in the low mantissa bits
const MAGIC_BITS: i32 = 0x4b400000;
const EXP_MIN: f32 = -87.0; // n ≥ −126: 2^n stays a normal float

/**
 * For x ≤ 0: e^x − 1 when `minus1`, else e^x (each accurate to a few ulps relative: sigmoid
 * needs e^x for tiny values, tanh needs e^x − 1 near 0). Inputs below −87 count as −87.
 * `minus1` is a constant at every call, so the inlined code has no branch.
 */
// @ts-ignore: decorator
@inline function expNeg(x: v128, minus1: bool): v128 {
  x = f32x4.pmax(x, f32x4.splat(EXP_MIN));
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(MAGIC));
  const n = f32x4.sub(t, f32x4.splat(MAGIC)); // round(x·log2 e)
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO))); // |r| ≤ ln2/2
  // e^r − 1 = r + r²·P(r)
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const q = f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r);
  // s = 2^n from the bits of t (= MAGIC_BITS + n); e^x = s·(e^r − 1) + s
  const s = i32x4.shl(i32x4.add(t, i32x4.splat(127 - MAGIC_BITS)), 23);
  return f32x4.add(f32x4.mul(s, q), minus1 ? f32x4.sub(s, f32x4.splat(1.0)) : s);
}

/** σ(x) = 1/(1 + e^−x), computed from e = e^−|x| ≤ 1: σ = (x ≥ 0 ? 1 : e) / (1 + e). */
// @ts-ignore: decorator
@inline export function sigmoid4(x: v128): v128 {
  const one = f32x4.splat(1.0);
  const e = expNeg(f32x4.neg(f32x4.abs(x)), false);
  const num = v128.bitselect(e, one, f32x4.lt(x, f32x4.splat(0)));
  return f32x4.div(num, f32x4.add(one, e));
}

/** tanh(x) = sign(x)·(−m)/(m + 2) with m = e^{−2|x|} − 1: no cancellation near 0. */
// @ts-ignore: decorator
@inline export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const m = expNeg(f32x4.neg(f32x4.add(ax, ax)), true);
  const t = f32x4.div(f32x4.neg(m), f32x4.add(m, f32x4.splat(2.0)));
  return v128.or(t, v128.and(x, i32x4.splat(0x80000000)));
}
