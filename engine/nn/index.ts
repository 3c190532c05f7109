// The recurrent-network engine's public API: networks (RNN / LSTM / GRU, uni- or bidirectional,
// stacked, dense head) in PyTorch's layout, training with Adam, inference, save/load.

export type { CellKind, NetworkSpec, ParameterEntry } from './spec';
export { CELL_KINDS, GATES, isCellKind, validateSpec, describeSpec, sameSpec } from './spec';
export type { Network } from './network';
export {
  createNetwork,
  parameterNames,
  parameterShape,
  getParameter,
  setParameter,
  copyParameters,
  cloneNetwork,
} from './network';
export { predict, evaluateLoss } from './predict';
export type { LossKind } from './loss';
export { lossAndGradient } from './loss';
export { Trainer, NonFiniteError } from './trainer';
export type { TrainerOptions } from './trainer';
export { networkToJson, networkFromJson, NETWORK_FORMAT, NETWORK_FORMAT_VERSION } from './serialize';
export type { NetworkJson, SavedParameter } from './serialize';
export { forwardBackward } from './check';
export type { ForwardBackwardResult, ForwardBackwardOptions } from './check';
export type { BackendKind } from '../math/backend';
export { defaultBackendKind, setDefaultBackendKind } from '../math/backend';
