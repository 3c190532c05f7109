// The WebAssembly SIMD backend: the kernels of assembly/*.ts on a heap that is the module's
// own WebAssembly.Memory. The module is compiled once per thread (synchronously, from the
// base64 bytes build.mjs embedded) and instantiated once per backend, so each runner owns its
// memory and the garbage collector reclaims it with the runner.

import { KERNELS_WASM_BASE64 } from './wasm-bytes.generated';
import type { Backend, Kernels, Ptr } from './kernels';

interface Exports {
  packB(dst: number, src: number, ld: number, K: number, N: number, transposed: number): void;
  gemmPacked(c: number, ldc: number, a: number, lda: number, bp: number, M: number, N: number, K: number, accumulate: number, bias: number): void;
  gemm(c: number, ldc: number, a: number, lda: number, transA: number, b: number, ldb: number, M: number, N: number, K: number, accumulate: number, scratch: number): void;
  gemmScratchSize(M: number, N: number, K: number): number;
  transpose(dst: number, ldDst: number, src: number, ldSrc: number, rows: number, cols: number): void;
  broadcastRows(dst: number, ld: number, vec: number, rows: number, cols: number): void;
  copy(dst: number, ldDst: number, src: number, ldSrc: number, rows: number, cols: number): void;
  add(dst: number, ldDst: number, a: number, ldA: number, b: number, ldB: number, rows: number, cols: number): void;
  multiply(dst: number, a: number, b: number, n: number): void;
  fill(dst: number, value: number, n: number): void;
  columnSums(out: number, src: number, ld: number, rows: number, cols: number, accumulate: number): void;
  rnnForward(h: number, ldh: number, pre: number, ldPre: number, B: number, H: number): void;
  rnnBackward(dPre: number, dh: number, h: number, ldh: number, B: number, H: number): void;
  lstmForward(gates: number, c: number, tanhC: number, h: number, ldh: number, cPrev: number, B: number, H: number): void;
  lstmBackward(dGates: number, dc: number, dh: number, gates: number, cPrev: number, tanhC: number, B: number, H: number): void;
  gruForward(gx: number, h: number, ldh: number, gh: number, hPrev: number, ldhPrev: number, B: number, H: number): void;
  gruBackward(dGx: number, dGh: number, dhPrev: number, dh: number, gates: number, gh: number, hPrev: number, ldhPrev: number, B: number, H: number): void;
}

// The few WebAssembly JS-API members used here (the Node tsconfig has no DOM lib, and
// @types/node 20 does not declare the WebAssembly global).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE_FLOATS = 16384; // 64 KiB
/** The first page is the module's (statics from byte 1024); runners allocate above it. */
const BASE: Ptr = PAGE_FLOATS;
const MAX_PAGES = 65536;

let compiled: object | null = null;
let failure: Error | null = null;

function decodeBase64(text: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The compiled kernel module of this thread, or an error saying why WebAssembly is unusable. */
export function kernelModule(): object {
  if (compiled) return compiled;
  if (failure) throw failure;
  try {
    if (!wasmApi) throw new Error('no WebAssembly global');
    const module = new wasmApi.Module(decodeBase64(KERNELS_WASM_BASE64));
    compiled = module;
    return module;
  } catch (e) {
    failure = new Error(`The WebAssembly kernels cannot be loaded here (${(e as Error).message}); WebAssembly SIMD is required.`);
    throw failure;
  }
}

export function wasmAvailable(): boolean {
  try {
    kernelModule();
    return true;
  } catch {
    return false;
  }
}

class WasmKernels implements Kernels {
  readonly name = 'wasm';
  constructor(private readonly x: Exports) {}
  packedSize(K: number, N: number): number {
    return Math.ceil(N / 8) * 8 * K;
  }
  packB(dst: Ptr, src: Ptr, ld: number, K: number, N: number, transposed: boolean): void {
    this.x.packB(dst * 4, src * 4, ld, K, N, transposed ? 1 : 0);
  }
  gemmPacked(c: Ptr, ldc: number, a: Ptr, lda: number, bPacked: Ptr, M: number, N: number, K: number, accumulate: boolean, bias?: Ptr): void {
    // Byte address 0 lies in the module's reserved first page: it means "no bias".
    this.x.gemmPacked(c * 4, ldc, a * 4, lda, bPacked * 4, M, N, K, accumulate ? 1 : 0, bias === undefined ? 0 : bias * 4);
  }
  gemm(c: Ptr, ldc: number, a: Ptr, lda: number, transA: boolean, b: Ptr, ldb: number, M: number, N: number, K: number, accumulate: boolean, scratch: Ptr): void {
    this.x.gemm(c * 4, ldc, a * 4, lda, transA ? 1 : 0, b * 4, ldb, M, N, K, accumulate ? 1 : 0, scratch * 4);
  }
  gemmScratchSize(M: number, N: number, K: number): number {
    return this.x.gemmScratchSize(M, N, K);
  }
  transpose(dst: Ptr, ldDst: number, src: Ptr, ldSrc: number, rows: number, cols: number): void {
    this.x.transpose(dst * 4, ldDst, src * 4, ldSrc, rows, cols);
  }
  broadcastRows(dst: Ptr, ld: number, vec: Ptr, rows: number, cols: number): void {
    this.x.broadcastRows(dst * 4, ld, vec * 4, rows, cols);
  }
  columnSums(out: Ptr, src: Ptr, ld: number, rows: number, cols: number, accumulate: boolean): void {
    this.x.columnSums(out * 4, src * 4, ld, rows, cols, accumulate ? 1 : 0);
  }
  add(dst: Ptr, ldDst: number, a: Ptr, ldA: number, b: Ptr, ldB: number, rows: number, cols: number): void {
    this.x.add(dst * 4, ldDst, a * 4, ldA, b * 4, ldB, rows, cols);
  }
  copy(dst: Ptr, ldDst: number, src: Ptr, ldSrc: number, rows: number, cols: number): void {
    this.x.copy(dst * 4, ldDst, src * 4, ldSrc, rows, cols);
  }
  multiply(dst: Ptr, a: Ptr, b: Ptr, n: number): void {
    this.x.multiply(dst * 4, a * 4, b * 4, n);
  }
  fill(dst: Ptr, value: number, n: number): void {
    this.x.fill(dst * 4, value, n);
  }
  rnnForward(h: Ptr, ldh: number, pre: Ptr, ldPre: number, B: number, H: number): void {
    this.x.rnnForward(h * 4, ldh, pre * 4, ldPre, B, H);
  }
  rnnBackward(dPre: Ptr, dh: Ptr, h: Ptr, ldh: number, B: number, H: number): void {
    this.x.rnnBackward(dPre * 4, dh * 4, h * 4, ldh, B, H);
  }
  lstmForward(gates: Ptr, c: Ptr, tanhC: Ptr, h: Ptr, ldh: number, cPrev: Ptr, B: number, H: number): void {
    this.x.lstmForward(gates * 4, c * 4, tanhC * 4, h * 4, ldh, cPrev * 4, B, H);
  }
  lstmBackward(dGates: Ptr, dc: Ptr, dh: Ptr, gates: Ptr, cPrev: Ptr, tanhC: Ptr, B: number, H: number): void {
    this.x.lstmBackward(dGates * 4, dc * 4, dh * 4, gates * 4, cPrev * 4, tanhC * 4, B, H);
  }
  gruForward(gx: Ptr, h: Ptr, ldh: number, gh: Ptr, hPrev: Ptr, ldhPrev: number, B: number, H: number): void {
    this.x.gruForward(gx * 4, h * 4, ldh, gh * 4, hPrev * 4, ldhPrev, B, H);
  }
  gruBackward(dGx: Ptr, dGh: Ptr, dhPrev: Ptr, dh: Ptr, gates: Ptr, gh: Ptr, hPrev: Ptr, ldhPrev: number, B: number, H: number): void {
    this.x.gruBackward(dGx * 4, dGh * 4, dhPrev * 4, dh * 4, gates * 4, gh * 4, hPrev * 4, ldhPrev, B, H);
  }
}

/** A backend with its own WebAssembly memory (grown by reserve, never shrunk). */
export function createWasmBackend(): Backend {
  const module = kernelModule();
  const api = wasmApi as WasmApi;
  const memory = new api.Memory({ initial: 2, maximum: MAX_PAGES });
  const instance = new api.Instance(module, { env: { memory } });
  const kernels = new WasmKernels(instance.exports as unknown as Exports);
  let heap = new Float32Array(memory.buffer);
  return {
    kernels,
    get heap() {
      // A grow replaces the buffer (the old views detach): always hand out a current view.
      if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
      return heap;
    },
    base: BASE,
    reserve(floats: number) {
      const pages = Math.ceil(floats / PAGE_FLOATS);
      const have = memory.buffer.byteLength / 65536;
      if (pages <= have) return;
      if (pages > MAX_PAGES) {
        throw new Error(`The network needs ${(floats * 4 / 2 ** 30).toFixed(1)} GiB of working memory (more than the 4 GiB WebAssembly allows); use a smaller batch, window or hidden size.`);
      }
      memory.grow(pages - have);
      heap = new Float32Array(memory.buffer);
    },
  };
}
