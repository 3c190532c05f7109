// Moving numeric data between threads without copies: find the buffers to transfer in a
// value, or put an array in shared memory once so many jobs read it in place.

/**
 * The distinct ArrayBuffers behind every typed array / ArrayBuffer inside `value` (plain
 * objects, arrays, Maps and Sets are walked). SharedArrayBuffers are left out: they are shared,
 * never transferred. Transferring detaches the buffers on the sending side. A view on a buffer
 * that cannot be detached (WebAssembly memory) is silently copied whole by Node, so results
 * should hold arrays of their own, not views into a kernel's heap.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  collect(value, found, seen);
  return [...found];
}

function collect(value: unknown, found: Set<ArrayBuffer>, seen: Set<object>): void {
  if (value === null || typeof value !== 'object') return;
  if (seen.has(value)) return;
  seen.add(value);
  if (value instanceof ArrayBuffer) {
    found.add(value);
    return;
  }
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
    return;
  }
  if (value instanceof SharedArrayBuffer) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, found, seen);
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      collect(k, found, seen);
      collect(v, found, seen);
    }
    return;
  }
  if (value instanceof Set) {
    for (const item of value) collect(item, found, seen);
    return;
  }
  for (const key of Object.keys(value)) collect((value as Record<string, unknown>)[key], found, seen);
}

/**
 * A copy of `data` in a SharedArrayBuffer: posting it to a worker then shares the memory
 * instead of copying it. Worth it for a dataset that several jobs read (backtest folds, model
 * search); nobody may write to it while jobs run.
 */
export function toShared<T extends Float64Array | Float32Array | Int32Array>(data: T): T {
  const Ctor = data.constructor as new (buffer: SharedArrayBuffer) => T;
  const shared = new Ctor(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}
