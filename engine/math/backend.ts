// Chooses and creates kernel backends: the WebAssembly SIMD kernels when they load, else the
// plain TypeScript oracle. Each backend owns its heap; create one per runner.

import type { Backend } from './kernels';
import { createTsBackend } from './kernels-ts';
import { createWasmBackend, wasmAvailable } from './kernels-wasm';

export type BackendKind = 'wasm' | 'ts';

let preferred: BackendKind | null = null;

/** The backend new runners use unless told otherwise. */
export function defaultBackendKind(): BackendKind {
  if (preferred) return preferred;
  preferred = wasmAvailable() ? 'wasm' : 'ts';
  return preferred;
}

/** Overrides the default backend on this thread (tests, benchmarks). */
export function setDefaultBackendKind(kind: BackendKind | null): void {
  preferred = kind;
}

export function createBackend(kind: BackendKind = defaultBackendKind()): Backend {
  if (kind === 'ts') return createTsBackend();
  if (kind === 'wasm') return createWasmBackend();
  throw new Error(`Unknown kernel backend "${kind}".`);
}
