// Fused element-wise work of one time step of the recurrent cells, f32x4 over the hidden units.
// Same contracts as the TypeScript oracle (engine/math/kernels.ts). Each kernel's body handles
// 4 units, or 1 unit through the same vector code (load32_splat, store lane 0) for the last
// H mod 4 units, so every unit gets identical arithmetic wherever it sits. `one` is always a
// constant at the call sites, so the inlined bodies carry no branches.
// The forward kernels take 8 units per iteration where they can: two 4-unit vectors computed
// side by side (the same arithmetic as two 4-unit bodies), so that the long dependency chains
// of their activations overlap instead of waiting on each other's latency.

import { sigmoid4, tanh4 } from './activations';

// @ts-ignore: decorator
@inline function ld(p: usize, one: bool): v128 {
  return one ? v128.load32_splat(p) : v128.load(p);
}
// @ts-ignore: decorator
@inline function st(p: usize, v: v128, one: bool): void {
  if (one) store<f32>(p, f32x4.extract_lane(v, 0));
  else v128.store(p, v);
}

// ---- rnn ------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function rnnForwardUnits(hr: usize, pr: usize, one: bool): void {
  st(hr, tanh4(ld(pr, one)), one);
}

export function rnnForward(h: usize, ldh: i32, pre: usize, ldPre: i32, B: i32, H: i32): void {
  for (let b = 0; b < B; b++) {
    const hr = h + (<usize>(b * ldh) << 2), pr = pre + (<usize>(b * ldPre) << 2);
    let j = 0;
    for (; j + 8 <= H; j += 8) {
      const o = <usize>j << 2;
      const ya = tanh4(v128.load(pr + o)), yb = tanh4(v128.load(pr + o, 16));
      v128.store(hr + o, ya);
      v128.store(hr + o, yb, 16);
    }
    for (; j + 4 <= H; j += 4) rnnForwardUnits(hr + (<usize>j << 2), pr + (<usize>j << 2), false);
    for (; j < H; j++) rnnForwardUnits(hr + (<usize>j << 2), pr + (<usize>j << 2), true);
  }
}

// @ts-ignore: decorator
@inline function rnnBackwardUnits(dp: usize, dhp: usize, hp: usize, one: bool): void {
  const y = ld(hp, one);
  st(dp, f32x4.mul(ld(dhp, one), f32x4.sub(f32x4.splat(1.0), f32x4.mul(y, y))), one);
}

export function rnnBackward(dPre: usize, dh: usize, h: usize, ldh: i32, B: i32, H: i32): void {
  for (let b = 0; b < B; b++) {
    const hr = h + (<usize>(b * ldh) << 2), row = <usize>(b * H) << 2;
    let j = 0;
    for (; j + 4 <= H; j += 4) {
      const o = <usize>j << 2;
      rnnBackwardUnits(dPre + row + o, dh + row + o, hr + o, false);
    }
    for (; j < H; j++) {
      const o = <usize>j << 2;
      rnnBackwardUnits(dPre + row + o, dh + row + o, hr + o, true);
    }
  }
}

// ---- lstm -----------------------------------------------------------------------------------

// The forward step runs in two passes over a row: first each gate's activation over its H
// units, then the cell update, each 8 units per iteration.

// @ts-ignore: decorator
@inline function sigmoidUnits(p: usize, one: bool): void {
  st(p, sigmoid4(ld(p, one)), one);
}

// @ts-ignore: decorator
@inline function tanhUnits(p: usize, one: bool): void {
  st(p, tanh4(ld(p, one)), one);
}

/** p[0..n) = σ(p[0..n)) in place. */
function sigmoidInPlace(p: usize, n: i32): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const q = p + (<usize>j << 2);
    const a = sigmoid4(v128.load(q)), b = sigmoid4(v128.load(q, 16));
    v128.store(q, a);
    v128.store(q, b, 16);
  }
  for (; j + 4 <= n; j += 4) sigmoidUnits(p + (<usize>j << 2), false);
  for (; j < n; j++) sigmoidUnits(p + (<usize>j << 2), true);
}

/** p[0..n) = tanh(p[0..n)) in place. */
function tanhInPlace(p: usize, n: i32): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const q = p + (<usize>j << 2);
    const a = tanh4(v128.load(q)), b = tanh4(v128.load(q, 16));
    v128.store(q, a);
    v128.store(q, b, 16);
  }
  for (; j + 4 <= n; j += 4) tanhUnits(p + (<usize>j << 2), false);
  for (; j < n; j++) tanhUnits(p + (<usize>j << 2), true);
}

// @ts-ignore: decorator
@inline function lstmCellUnits(gi: usize, hb: usize, c: usize, tc: usize, h: usize, cp: usize, one: bool): void {
  const i = ld(gi, one), f = ld(gi + hb, one), n = ld(gi + 2 * hb, one), out = ld(gi + 3 * hb, one);
  const cv = f32x4.add(f32x4.mul(f, ld(cp, one)), f32x4.mul(i, n));
  const t = tanh4(cv);
  st(c, cv, one);
  st(tc, t, one);
  st(h, f32x4.mul(out, t), one);
}

// Eight units of the cell update: the arithmetic of two lstmCellUnits, side by side.
// @ts-ignore: decorator
@inline function lstmCellUnits8(gi: usize, hb: usize, c: usize, tc: usize, h: usize, cp: usize): void {
  const ca = f32x4.add(f32x4.mul(v128.load(gi + hb), v128.load(cp)), f32x4.mul(v128.load(gi), v128.load(gi + 2 * hb)));
  const cb = f32x4.add(f32x4.mul(v128.load(gi + hb, 16), v128.load(cp, 16)), f32x4.mul(v128.load(gi, 16), v128.load(gi + 2 * hb, 16)));
  const ta = tanh4(ca), tb = tanh4(cb);
  v128.store(c, ca);
  v128.store(c, cb, 16);
  v128.store(tc, ta);
  v128.store(tc, tb, 16);
  v128.store(h, f32x4.mul(v128.load(gi + 3 * hb), ta));
  v128.store(h, f32x4.mul(v128.load(gi + 3 * hb, 16), tb), 16);
}

export function lstmForward(gates: usize, c: usize, tanhC: usize, h: usize, ldh: i32, cPrev: usize, B: i32, H: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const g = gates + (<usize>(b * 4 * H) << 2);
    const row = <usize>(b * H) << 2;
    const hr = h + (<usize>(b * ldh) << 2);
    sigmoidInPlace(g, 2 * H); // i, f
    tanhInPlace(g + 2 * hb, H); // g
    sigmoidInPlace(g + 3 * hb, H); // o
    let j = 0;
    for (; j + 8 <= H; j += 8) {
      const o = <usize>j << 2;
      lstmCellUnits8(g + o, hb, c + row + o, tanhC + row + o, hr + o, cPrev + row + o);
    }
    for (; j + 4 <= H; j += 4) {
      const o = <usize>j << 2;
      lstmCellUnits(g + o, hb, c + row + o, tanhC + row + o, hr + o, cPrev + row + o, false);
    }
    for (; j < H; j++) {
      const o = <usize>j << 2;
      lstmCellUnits(g + o, hb, c + row + o, tanhC + row + o, hr + o, cPrev + row + o, true);
    }
  }
}

// @ts-ignore: decorator
@inline function lstmBackwardUnits(g: usize, dg: usize, hb: usize, dc: usize, dh: usize, cp: usize, tc: usize, one: bool): void {
  const one4 = f32x4.splat(1.0);
  const i = ld(g, one), f = ld(g + hb, one), n = ld(g + 2 * hb, one), out = ld(g + 3 * hb, one);
  const t = ld(tc, one);
  const dhv = ld(dh, one);
  const dct = f32x4.add(ld(dc, one), f32x4.mul(f32x4.mul(dhv, out), f32x4.sub(one4, f32x4.mul(t, t))));
  st(dg, f32x4.mul(f32x4.mul(dct, n), f32x4.mul(i, f32x4.sub(one4, i))), one);
  st(dg + hb, f32x4.mul(f32x4.mul(dct, ld(cp, one)), f32x4.mul(f, f32x4.sub(one4, f))), one);
  st(dg + 2 * hb, f32x4.mul(f32x4.mul(dct, i), f32x4.sub(one4, f32x4.mul(n, n))), one);
  st(dg + 3 * hb, f32x4.mul(f32x4.mul(dhv, t), f32x4.mul(out, f32x4.sub(one4, out))), one);
  st(dc, f32x4.mul(dct, f), one);
}

export function lstmBackward(dGates: usize, dc: usize, dh: usize, gates: usize, cPrev: usize, tanhC: usize, B: i32, H: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const g = gates + (<usize>(b * 4 * H) << 2);
    const dg = dGates + (<usize>(b * 4 * H) << 2);
    const row = <usize>(b * H) << 2;
    let j = 0;
    for (; j + 4 <= H; j += 4) {
      const o = <usize>j << 2;
      lstmBackwardUnits(g + o, dg + o, hb, dc + row + o, dh + row + o, cPrev + row + o, tanhC + row + o, false);
    }
    for (; j < H; j++) {
      const o = <usize>j << 2;
      lstmBackwardUnits(g + o, dg + o, hb, dc + row + o, dh + row + o, cPrev + row + o, tanhC + row + o, true);
    }
  }
}

// ---- gru ------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function gruForwardUnits(x: usize, y: usize, hb: usize, h: usize, hp: usize, one: bool): void {
  const r = sigmoid4(f32x4.add(ld(x, one), ld(y, one)));
  const z = sigmoid4(f32x4.add(ld(x + hb, one), ld(y + hb, one)));
  const n = tanh4(f32x4.add(ld(x + 2 * hb, one), f32x4.mul(r, ld(y + 2 * hb, one))));
  st(x, r, one);
  st(x + hb, z, one);
  st(x + 2 * hb, n, one);
  st(h, f32x4.add(f32x4.mul(f32x4.sub(f32x4.splat(1.0), z), n), f32x4.mul(z, ld(hp, one))), one);
}

// Eight units of gruForwardUnits, side by side.
// @ts-ignore: decorator
@inline function gruForwardUnits8(x: usize, y: usize, hb: usize, h: usize, hp: usize): void {
  const one = f32x4.splat(1.0);
  const ra = sigmoid4(f32x4.add(v128.load(x), v128.load(y)));
  const rb = sigmoid4(f32x4.add(v128.load(x, 16), v128.load(y, 16)));
  const za = sigmoid4(f32x4.add(v128.load(x + hb), v128.load(y + hb)));
  const zb = sigmoid4(f32x4.add(v128.load(x + hb, 16), v128.load(y + hb, 16)));
  const na = tanh4(f32x4.add(v128.load(x + 2 * hb), f32x4.mul(ra, v128.load(y + 2 * hb))));
  const nb = tanh4(f32x4.add(v128.load(x + 2 * hb, 16), f32x4.mul(rb, v128.load(y + 2 * hb, 16))));
  v128.store(x, ra);
  v128.store(x, rb, 16);
  v128.store(x + hb, za);
  v128.store(x + hb, zb, 16);
  v128.store(x + 2 * hb, na);
  v128.store(x + 2 * hb, nb, 16);
  v128.store(h, f32x4.add(f32x4.mul(f32x4.sub(one, za), na), f32x4.mul(za, v128.load(hp))));
  v128.store(h, f32x4.add(f32x4.mul(f32x4.sub(one, zb), nb), f32x4.mul(zb, v128.load(hp, 16))), 16);
}

export function gruForward(gx: usize, h: usize, ldh: i32, gh: usize, hPrev: usize, ldhPrev: i32, B: i32, H: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const x = gx + (<usize>(b * 3 * H) << 2);
    const y = gh + (<usize>(b * 3 * H) << 2);
    const hr = h + (<usize>(b * ldh) << 2), pr = hPrev + (<usize>(b * ldhPrev) << 2);
    let j = 0;
    for (; j + 8 <= H; j += 8) {
      const o = <usize>j << 2;
      gruForwardUnits8(x + o, y + o, hb, hr + o, pr + o);
    }
    for (; j + 4 <= H; j += 4) {
      const o = <usize>j << 2;
      gruForwardUnits(x + o, y + o, hb, hr + o, pr + o, false);
    }
    for (; j < H; j++) {
      const o = <usize>j << 2;
      gruForwardUnits(x + o, y + o, hb, hr + o, pr + o, true);
    }
  }
}

// @ts-ignore: decorator
@inline function gruBackwardUnits(g: usize, x: usize, y: usize, ghr: usize, hb: usize, dhp: usize, dh: usize, hp: usize, one: bool): void {
  const one4 = f32x4.splat(1.0);
  const r = ld(g, one), z = ld(g + hb, one), n = ld(g + 2 * hb, one);
  const dhv = ld(dh, one);
  const hprev = ld(hp, one);
  const dnPre = f32x4.mul(f32x4.mul(dhv, f32x4.sub(one4, z)), f32x4.sub(one4, f32x4.mul(n, n)));
  const dzPre = f32x4.mul(f32x4.mul(dhv, f32x4.sub(hprev, n)), f32x4.mul(z, f32x4.sub(one4, z)));
  const drPre = f32x4.mul(f32x4.mul(dnPre, ld(ghr + 2 * hb, one)), f32x4.mul(r, f32x4.sub(one4, r)));
  st(x, drPre, one);
  st(x + hb, dzPre, one);
  st(x + 2 * hb, dnPre, one);
  st(y, drPre, one);
  st(y + hb, dzPre, one);
  st(y + 2 * hb, f32x4.mul(dnPre, r), one);
  st(dhp, f32x4.mul(dhv, z), one);
}

export function gruBackward(dGx: usize, dGh: usize, dhPrev: usize, dh: usize, gates: usize, gh: usize, hPrev: usize, ldhPrev: i32, B: i32, H: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const off = <usize>(b * 3 * H) << 2;
    const g = gates + off, x = dGx + off, y = dGh + off, ghr = gh + off;
    const row = <usize>(b * H) << 2;
    const pr = hPrev + (<usize>(b * ldhPrev) << 2);
    let j = 0;
    for (; j + 4 <= H; j += 4) {
      const o = <usize>j << 2;
      gruBackwardUnits(g + o, x + o, y + o, ghr + o, hb, dhPrev + row + o, dh + row + o, pr + o, false);
    }
    for (; j < H; j++) {
      const o = <usize>j << 2;
      gruBackwardUnits(g + o, x + o, y + o, ghr + o, hb, dhPrev + row + o, dh + row + o, pr + o, true);
    }
  }
}
