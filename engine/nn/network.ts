// A network = its spec + one flat float32 parameter block with PyTorch-named views.
// Creation (PyTorch's default init from a seeded PRNG), access by name, copy and clone.

import { Rng } from '../math/prng';
import { describeSpec, directions, headExtras, parameterLayout, sameSpec, validateSpec } from './spec';
import type { NetworkSpec, ParameterLayout } from './spec';

export interface Network {
  readonly spec: NetworkSpec;
  readonly layout: ParameterLayout;
  /** Every parameter, in layout order (see spec.ts). */
  readonly params: Float32Array;
}

class NetworkImpl implements Network {
  readonly layout: ParameterLayout;
  readonly params: Float32Array;
  constructor(readonly spec: NetworkSpec) {
    this.layout = parameterLayout(spec);
    this.params = new Float32Array(this.layout.total);
  }
}

/** A network with all parameters zero (callers fill them). */
export function allocateNetwork(spec: NetworkSpec): Network {
  return new NetworkImpl(Object.freeze(validateSpec(spec)));
}

/**
 * PyTorch's default init, drawn from xoshiro128** seeded with `seed`: every recurrent weight and
 * bias ~ U(−1/√H, 1/√H) (torch.nn.RNNBase.reset_parameters); the head's weight and bias ~
 * U(−1/√fan_in, 1/√fan_in) with fan_in = H·dirs + E (torch.nn.Linear's kaiming_uniform(a=√5)).
 * Parameters are drawn in layout order, so a seed fixes every value.
 */
export function createNetwork(spec: NetworkSpec, seed: number): Network {
  const net = allocateNetwork(spec);
  const rng = new Rng(seed);
  const p = net.params;
  const rnnBound = 1 / Math.sqrt(net.spec.hiddenSize);
  const headBound = 1 / Math.sqrt(net.spec.hiddenSize * directions(net.spec) + headExtras(net.spec));
  for (const e of net.layout.entries) {
    const bound = e.name.startsWith('head.') ? headBound : rnnBound;
    for (let i = 0; i < e.size; i++) p[e.offset + i] = rng.uniform(-bound, bound);
  }
  return net;
}

/** PyTorch's names in PyTorch's order (rnn.named_parameters(), then the head's). */
export function parameterNames(net: Network): string[] {
  return net.layout.entries.map((e) => e.name);
}

function entryOf(net: Network, name: string) {
  const e = net.layout.byName.get(name);
  if (!e) {
    throw new Error(`No parameter "${name}" in a ${describeSpec(net.spec)} network; it has: ${parameterNames(net).join(', ')}.`);
  }
  return e;
}

/** A live row-major view of one parameter (writes go into the network). */
export function getParameter(net: Network, name: string): Float32Array {
  const e = entryOf(net, name);
  return net.params.subarray(e.offset, e.offset + e.size);
}

export function parameterShape(net: Network, name: string): readonly number[] {
  return entryOf(net, name).shape;
}

export function setParameter(net: Network, name: string, values: ArrayLike<number>): void {
  const e = entryOf(net, name);
  if (values.length !== e.size) {
    throw new Error(`Parameter "${name}" has shape [${e.shape.join(', ')}] (${e.size} values), got ${values.length} values.`);
  }
  for (let i = 0; i < e.size; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`Parameter "${name}" value ${i} is ${v}; parameters must be finite.`);
  }
  net.params.set(values, e.offset);
}

/** Copies every parameter of `from` into `to` (same spec), e.g. to restore the best weights. */
export function copyParameters(from: Network, to: Network): void {
  if (!sameSpec(from.spec, to.spec)) {
    throw new Error(`copyParameters: specs differ (${describeSpec(from.spec)} vs ${describeSpec(to.spec)}).`);
  }
  to.params.set(from.params);
}

export function cloneNetwork(net: Network): Network {
  const copy = allocateNetwork(net.spec);
  copy.params.set(net.params);
  return copy;
}
