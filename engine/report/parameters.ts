// A network's parameters as a model card counts them: per layer and direction (the four tensors
// PyTorch names weight_ih_l{k}[_reverse], weight_hh_…, bias_ih_…, bias_hh_…), then the dense head,
// read from engine/nn's layout so the card counts exactly what the file holds.
import { directions, parameterLayout, type NetworkSpec, type ParameterEntry } from '../nn/spec';

export interface ParameterTensor {
  /** PyTorch's name, e.g. "weight_ih_l0_reverse". */
  name: string;
  shape: number[];
  count: number;
}

export interface ParameterGroup {
  /** What the tensors belong to, e.g. "layer 1, backward" or "dense head". */
  part: string;
  /** 0-based layer index; null for the head. */
  layer: number | null;
  direction: 'forward' | 'backward' | null;
  tensors: ParameterTensor[];
  count: number;
}

export interface ParameterCount {
  groups: ParameterGroup[];
  total: number;
}

function tensor(entry: ParameterEntry): ParameterTensor {
  return { name: entry.name, shape: [...entry.shape], count: entry.size };
}

/** Parameters of one network, grouped by layer × direction, then the head. */
export function countParameters(spec: NetworkSpec): ParameterCount {
  const layout = parameterLayout(spec);
  const dirs = directions(spec);
  const groups: ParameterGroup[] = [];
  for (let layer = 0; layer < spec.layers; layer++) {
    for (let d = 0; d < dirs; d++) {
      const suffix = `_l${layer}${d === 1 ? '_reverse' : ''}`;
      const tensors = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'].map((base) => tensor(layout.byName.get(base + suffix)!));
      const direction = d === 1 ? 'backward' : 'forward';
      groups.push({
        part: `layer ${layer + 1}${spec.bidirectional ? `, ${direction}` : ''}`,
        layer,
        direction,
        tensors,
        count: tensors.reduce((sum, t) => sum + t.count, 0),
      });
    }
  }
  const head = ['head.weight', 'head.bias'].map((name) => tensor(layout.byName.get(name)!));
  groups.push({ part: 'dense head', layer: null, direction: null, tensors: head, count: head.reduce((sum, t) => sum + t.count, 0) });
  return { groups, total: layout.total };
}
