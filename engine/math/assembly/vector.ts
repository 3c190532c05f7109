// Data movement and reductions over rows (broadcast, copy, add, multiply, fill, column sums),
// f32x4 where the rows allow. Byte pointers; leading dimensions in floats.

export function broadcastRows(dst: usize, ld: i32, vec: usize, rows: i32, cols: i32): void {
  const ldb = <usize>ld << 2, n = <usize>cols << 2;
  for (let r = 0; r < rows; r++) memory.copy(dst + <usize>r * ldb, vec, n);
}

export function copy(dst: usize, ldDst: i32, src: usize, ldSrc: i32, rows: i32, cols: i32): void {
  const n = <usize>cols << 2;
  for (let r = 0; r < rows; r++) memory.copy(dst + (<usize>(r * ldDst) << 2), src + (<usize>(r * ldSrc) << 2), n);
}

export function add(dst: usize, ldDst: i32, a: usize, ldA: i32, b: usize, ldB: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const d = dst + (<usize>(r * ldDst) << 2), x = a + (<usize>(r * ldA) << 2), y = b + (<usize>(r * ldB) << 2);
    let q = 0;
    for (; q + 4 <= cols; q += 4) {
      const o = <usize>q << 2;
      v128.store(d + o, f32x4.add(v128.load(x + o), v128.load(y + o)));
    }
    for (; q < cols; q++) {
      const o = <usize>q << 2;
      store<f32>(d + o, load<f32>(x + o) + load<f32>(y + o));
    }
  }
}

export function multiply(dst: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(a + o) * load<f32>(b + o));
  }
}

export function fill(dst: usize, value: f32, n: i32): void {
  if (value == 0 && (1 / value) > 0) {
    memory.fill(dst, 0, <usize>n << 2);
    return;
  }
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v);
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), value);
}

/** out (cols) = (accumulate ? out : 0) + Σ_r src (rows×cols, ld); rows summed in order. */
export function columnSums(out: usize, src: usize, ld: i32, rows: i32, cols: i32, accumulate: bool): void {
  const ldb = <usize>ld << 2;
  let q = 0;
  for (; q + 16 <= cols; q += 16) {
    const o = <usize>q << 2;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let p = src + o;
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32));
      s3 = f32x4.add(s3, v128.load(p, 48));
      p += ldb;
    }
    if (accumulate) {
      s0 = f32x4.add(v128.load(out + o), s0);
      s1 = f32x4.add(v128.load(out + o, 16), s1);
      s2 = f32x4.add(v128.load(out + o, 32), s2);
      s3 = f32x4.add(v128.load(out + o, 48), s3);
    }
    v128.store(out + o, s0);
    v128.store(out + o, s1, 16);
    v128.store(out + o, s2, 32);
    v128.store(out + o, s3, 48);
  }
  for (; q < cols; q++) {
    const o = <usize>q << 2;
    let s: f32 = 0;
    let p = src + o;
    for (let r = 0; r < rows; r++) {
      s += load<f32>(p);
      p += ldb;
    }
    store<f32>(out + o, accumulate ? load<f32>(out + o) + s : s);
  }
}
