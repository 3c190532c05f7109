// The subset of the ONNX file format (onnx/onnx.proto, proto2) that an exported network uses:
// a model with one graph of nodes, float32/int64 initializers and typed inputs and outputs.
// Field numbers are onnx.proto's; repeated scalars are written unpacked, as proto2 declares them.
import { ProtoWriter } from './protobuf';

/** TensorProto.DataType values. */
export const DATA_TYPE = { float: 1, int64: 7 } as const;
export type DataTypeName = keyof typeof DATA_TYPE;

export type OnnxTensor =
  | { name: string; dataType: 'float'; dims: readonly number[]; values: Float32Array }
  | { name: string; dataType: 'int64'; dims: readonly number[]; values: readonly number[] };

export type OnnxAttribute =
  | { name: string; type: 'float'; value: number }
  | { name: string; type: 'int'; value: number }
  | { name: string; type: 'ints'; value: readonly number[] }
  | { name: string; type: 'string'; value: string }
  | { name: string; type: 'strings'; value: readonly string[] };

export interface OnnxNode {
  opType: string;
  name: string;
  /** "" stands for an optional input or output left out. */
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  dataType: DataTypeName;
  /** A number is a fixed size; a string names a size chosen at run time (e.g. "batch"). */
  shape: readonly (number | string)[];
  doc: string;
}

export interface OnnxGraph {
  name: string;
  doc: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  /** Version of the default ("ai.onnx") operator set. */
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  doc: string;
  graph: OnnxGraph;
  /** Free-form key/value metadata (ModelProto.metadata_props). */
  metadata: Readonly<Record<string, string>>;
}

// AttributeProto.AttributeType values.
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7, strings: 8 } as const;

export function encodeModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter()
    .int(1, model.irVersion)
    .string(2, model.producerName)
    .string(3, model.producerVersion)
    .string(6, model.doc)
    .message(7, encodeGraph(model.graph))
    .message(8, new ProtoWriter().string(1, '').int(2, model.opsetVersion));
  for (const [key, value] of Object.entries(model.metadata)) {
    w.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return w.finish().slice();
}

function encodeGraph(graph: OnnxGraph): ProtoWriter {
  const w = new ProtoWriter();
  for (const node of graph.nodes) w.message(1, encodeNode(node));
  w.string(2, graph.name);
  for (const tensor of graph.initializers) w.message(5, encodeTensor(tensor));
  w.string(10, graph.doc);
  for (const input of graph.inputs) w.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) w.message(12, encodeValueInfo(output));
  return w;
}

function encodeNode(node: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name).string(4, node.opType);
  for (const attribute of node.attributes ?? []) w.message(5, encodeAttribute(attribute));
  return w;
}

function encodeAttribute(a: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name).int(20, ATTRIBUTE_TYPE[a.type]);
  switch (a.type) {
    case 'float': return w.float(2, a.value);
    case 'int': return w.int(3, a.value);
    case 'string': return w.string(4, a.value);
    case 'ints':
      for (const v of a.value) w.int(8, v);
      return w;
    case 'strings':
      for (const v of a.value) w.string(9, v);
      return w;
  }
}

function encodeTensor(t: OnnxTensor): ProtoWriter {
  const count = t.dims.reduce((p, d) => p * d, 1);
  if (t.values.length !== count) {
    throw new RangeError(`ONNX tensor "${t.name}": ${t.values.length} values for shape [${t.dims.join(', ')}] (${count}).`);
  }
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, DATA_TYPE[t.dataType]).string(8, t.name);
  // raw_data is little-endian whatever the machine (onnx.proto, TensorProto.raw_data).
  const raw = new Uint8Array(count * (t.dataType === 'float' ? 4 : 8));
  const view = new DataView(raw.buffer);
  for (let i = 0; i < count; i++) {
    if (t.dataType === 'float') view.setFloat32(i * 4, t.values[i], true);
    else view.setBigInt64(i * 8, BigInt(t.values[i]), true);
  }
  return w.bytes(9, raw);
}

function encodeValueInfo(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, DATA_TYPE[v.dataType]).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType)).string(3, v.doc);
}
