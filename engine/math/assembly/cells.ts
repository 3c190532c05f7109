// Fused element-wise work of one time step of the recurrent cells, f32x4 over the hidden units.
// Same contracts as the TypeScript oracle (engine/math/kernels.ts). Each kernel's body handles
// 4 units, or 1 unit through the same vector code (load32_splat, store lane 0) for the last
// H mod 4 units, so every unit gets identical arithmetic wherever it sits. `one` is always a
// constant at the call sites, so the inlined bodies carry no branches.

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

// @ts-ignore: decorator
@inline function lstmForwardUnits(gi: usize, hb: usize, c: usize, tc: usize, h: usize, cp: usize, one: bool): void {
  const gf = gi + hb, gg = gf + hb, go = gg + hb;
  const i = sigmoid4(ld(gi, one));
  const f = sigmoid4(ld(gf, one));
  const n = tanh4(ld(gg, one));
  const out = sigmoid4(ld(go, one));
  st(gi, i, one);
  st(gf, f, one);
  st(gg, n, one);
  st(go, out, one);
  const cv = f32x4.add(f32x4.mul(f, ld(cp, one)), f32x4.mul(i, n));
  const t = tanh4(cv);
  st(c, cv, one);
  st(tc, t, one);
  st(h, f32x4.mul(out, t), one);
}

export function lstmForward(gates: usize, c: usize, tanhC: usize, h: usize, ldh: i32, cPrev: usize, B: i32, H: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const g = gates + (<usize>(b * 4 * H) << 2);
    const row = <usize>(b * H) << 2;
    const hr = h + (<usize>(b * ldh) << 2);
    let j = 0;
    for (; j + 4 <= H; j += 4) {
      const o = <usize>j << 2;
      lstmForwardUnits(g + o, hb, c + row + o, tanhC + row + o, hr + o, cPrev + row + o, false);
    }
    for (; j < H; j++) {
      const o = <usize>j << 2;
      lstmForwardUnits(g + o, hb, c + row + o, tanhC + row + o, hr + o, cPrev + row + o, true);
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

export function gruForward(gx: usize, h: usize, ldh: i32, gh: usize, hPrev: usize, ldhPrev: i32, B: i32, H: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const x = gx + (<usize>(b * 3 * H) << 2);
    const y = gh + (<usize>(b * 3 * H) << 2);
    const hr = h + (<usize>(b * ldh) << 2), pr = hPrev + (<usize>(b * ldhPrev) << 2);
    let j = 0;
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
