// What a network is (NetworkSpec), its validation, and where each parameter sits in the one flat
// float32 block: PyTorch's names, shapes, gate orders and order of parameters().
//
// Layout (llm.c's ParameterTensors, in torch.nn.RNN/LSTM/GRU + nn.Linear order), G = gates:
//   for layer k, for direction ('' then '_reverse'):
//     weight_ih_l{k}{dir}  (G·H, D_in)      D_in = D for k = 0, H·dirs above
//     weight_hh_l{k}{dir}  (G·H, H)
//     bias_ih_l{k}{dir}    (G·H)
//     bias_hh_l{k}{dir}    (G·H)
//   head.weight            (K, H·dirs + E)      E = head extras (0 = none): per-window inputs
//   head.bias              (K)                   the head reads beside the final states

/** The recurrent cells, in PyTorch's naming; every list of cells elsewhere derives from this one. */
export const CELL_KINDS = ['rnn', 'lstm', 'gru'] as const;

export type CellKind = (typeof CELL_KINDS)[number];

export function isCellKind(value: unknown): value is CellKind {
  return (CELL_KINDS as readonly unknown[]).includes(value);
}

export interface NetworkSpec {
  cell: CellKind;
  bidirectional: boolean;
  layers: number;
  /** D: features per time step. */
  inputSize: number;
  /** H: hidden units per direction. */
  hiddenSize: number;
  /** K: outputs of the dense head (the forecast horizon). */
  outputSize: number;
  /** Dropout probability between recurrent layers, training only; 0 = none. */
  dropout: number;
  /**
   * E: inputs of the dense head per window beside the final states (e.g. covariate values
   * known for every forecast step). Absent or 0 = none: the head reads the final states only.
   */
  headExtras?: number;
}

/** Gates per cell, in PyTorch's order: rnn [h], lstm [i f g o], gru [r z n]. */
export const GATES: Readonly<Record<CellKind, number>> = { rnn: 1, lstm: 4, gru: 3 };

export interface ParameterEntry {
  readonly name: string;
  readonly shape: readonly number[];
  /** Index of the first float in the flat block. */
  readonly offset: number;
  readonly size: number;
}

/** Offsets of one layer × direction's four tensors in the flat block. */
export interface RecurrentOffsets {
  readonly layer: number;
  readonly reverse: boolean;
  /** Input width of this layer: D for layer 0, H·dirs above. */
  readonly inputSize: number;
  readonly weightIh: number;
  readonly weightHh: number;
  readonly biasIh: number;
  readonly biasHh: number;
}

export interface ParameterLayout {
  readonly entries: readonly ParameterEntry[];
  readonly byName: ReadonlyMap<string, ParameterEntry>;
  /** Index [layer * dirs + direction]. */
  readonly recurrent: readonly RecurrentOffsets[];
  readonly headWeight: number;
  readonly headBias: number;
  readonly total: number;
}

const MAX_SIZE = 1 << 16;

function checkInteger(value: unknown, field: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Network spec: "${field}" must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
}

/** Throws a clear error naming the bad field; returns a clean copy of the spec. */
export function validateSpec(spec: unknown): NetworkSpec {
  if (typeof spec !== 'object' || spec === null) throw new Error('Network spec must be an object.');
  const s = spec as Record<string, unknown>;
  if (!isCellKind(s.cell)) {
    const names = CELL_KINDS.map((c) => `"${c}"`);
    throw new Error(`Network spec: "cell" must be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}, got ${JSON.stringify(s.cell)}.`);
  }
  if (typeof s.bidirectional !== 'boolean') {
    throw new Error(`Network spec: "bidirectional" must be true or false, got ${JSON.stringify(s.bidirectional)}.`);
  }
  checkInteger(s.layers, 'layers', 1, 16);
  checkInteger(s.inputSize, 'inputSize', 1, MAX_SIZE);
  checkInteger(s.hiddenSize, 'hiddenSize', 1, 4096);
  checkInteger(s.outputSize, 'outputSize', 1, MAX_SIZE);
  if (typeof s.dropout !== 'number' || !(s.dropout >= 0 && s.dropout < 1)) {
    throw new Error(`Network spec: "dropout" must be a number in [0, 1), got ${JSON.stringify(s.dropout)}.`);
  }
  if (s.headExtras !== undefined) checkInteger(s.headExtras, 'headExtras', 0, MAX_SIZE);
  const extras = (s.headExtras as number | undefined) ?? 0;
  return {
    cell: s.cell,
    bidirectional: s.bidirectional,
    layers: s.layers as number,
    inputSize: s.inputSize as number,
    hiddenSize: s.hiddenSize as number,
    outputSize: s.outputSize as number,
    dropout: s.dropout,
    // A network without head extras has exactly the spec it had before they existed.
    ...(extras > 0 ? { headExtras: extras } : {}),
  };
}

/** E: the head's extra inputs per window (0 = none). */
export function headExtras(spec: NetworkSpec): number {
  return spec.headExtras ?? 0;
}

export function directions(spec: NetworkSpec): number {
  return spec.bidirectional ? 2 : 1;
}

export function sameSpec(a: NetworkSpec, b: NetworkSpec): boolean {
  return a.cell === b.cell && a.bidirectional === b.bidirectional && a.layers === b.layers &&
    a.inputSize === b.inputSize && a.hiddenSize === b.hiddenSize && a.outputSize === b.outputSize &&
    a.dropout === b.dropout && headExtras(a) === headExtras(b);
}

export function describeSpec(s: NetworkSpec): string {
  const extras = headExtras(s) > 0 ? `, E=${headExtras(s)}` : '';
  return `${s.cell} ${s.bidirectional ? 'bi' : 'uni'} ${s.layers}×${s.hiddenSize} (D=${s.inputSize}, K=${s.outputSize}${extras})`;
}

export function parameterLayout(spec: NetworkSpec): ParameterLayout {
  const G = GATES[spec.cell];
  const H = spec.hiddenSize;
  const dirs = directions(spec);
  const entries: ParameterEntry[] = [];
  const recurrent: RecurrentOffsets[] = [];
  let offset = 0;
  const add = (name: string, shape: number[]): number => {
    const size = shape.reduce((p, q) => p * q, 1);
    entries.push({ name, shape, offset, size });
    offset += size;
    return offset - size;
  };
  for (let layer = 0; layer < spec.layers; layer++) {
    const inputSize = layer === 0 ? spec.inputSize : H * dirs;
    for (let d = 0; d < dirs; d++) {
      const suffix = `_l${layer}${d === 1 ? '_reverse' : ''}`;
      const weightIh = add(`weight_ih${suffix}`, [G * H, inputSize]);
      const weightHh = add(`weight_hh${suffix}`, [G * H, H]);
      const biasIh = add(`bias_ih${suffix}`, [G * H]);
      const biasHh = add(`bias_hh${suffix}`, [G * H]);
      recurrent.push({ layer, reverse: d === 1, inputSize, weightIh, weightHh, biasIh, biasHh });
    }
  }
  const headWeight = add('head.weight', [spec.outputSize, H * dirs + headExtras(spec)]);
  const headBias = add('head.bias', [spec.outputSize]);
  return {
    entries,
    byName: new Map(entries.map((e) => [e.name, e])),
    recurrent,
    headWeight,
    headBias,
    total: offset,
  };
}
