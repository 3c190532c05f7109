// The kernel backends the engine tests run on: the TypeScript oracle and the WebAssembly kernels.

import type { BackendKind } from '../../../engine/math/backend';

export function availableBackends(): BackendKind[] {
  return ['ts', 'wasm'];
}
