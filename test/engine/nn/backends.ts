// The kernel backends the engine tests run on: the TypeScript oracle always, WebAssembly when built.

import type { BackendKind } from '../../../engine/math/backend';

export function availableBackends(): BackendKind[] {
  return ['ts'];
}
