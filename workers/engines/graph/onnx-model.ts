/**
 * An ONNX model as a list of graph nodes that can be rewritten and written back (onnx.proto field numbers). Only the
 * graph's nodes and initializers are parsed; everything else (inputs, outputs, value infos, metadata) is carried over
 * as it was.
 */
import {
  bytesField, decodeMessage, encodeMessage, floatField, intField, messageField, packedInts, stringField, text, type WireField,
} from './protobuf.ts';

// ModelProto / GraphProto / NodeProto / AttributeProto / TensorProto field numbers.
const MODEL = { graph: 7, opsetImport: 8 } as const;
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
const ATTR = { name: 1, f: 2, i: 3, ints: 8, type: 20 } as const;
const ATTR_TYPE = { FLOAT: 1, INT: 2, INTS: 7 } as const;
const TENSOR = { dims: 1, dataType: 2, floatData: 4, int64Data: 7, name: 8, rawData: 9, externalData: 13, dataLocation: 14 } as const;
const EXTERNAL_LOCATION = 1n;
export const DATA_TYPE = { FLOAT: 1, INT64: 7 } as const;

export interface OnnxNode {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** AttributeProto messages, each as its fields. */
  attributes: WireField[][];
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  fields: WireField[];
}

export interface OnnxModel {
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  graphInputs: string[];
  graphOutputs: string[];
  /** Initializers added by a rewrite (written after the existing ones). */
  added: OnnxTensor[];
  domains: Set<string>;
  fields: WireField[];
  graphFields: WireField[];
}

function parseNode(fields: WireField[]): OnnxNode {
  const node: OnnxNode = { opType: '', domain: '', name: '', inputs: [], outputs: [], attributes: [] };
  for (const field of fields) {
    if (field.no === NODE.input) node.inputs.push(text(field));
    else if (field.no === NODE.output) node.outputs.push(text(field));
    else if (field.no === NODE.name) node.name = text(field);
    else if (field.no === NODE.opType) node.opType = text(field);
    else if (field.no === NODE.domain) node.domain = text(field);
    else if (field.no === NODE.attribute && field.wire === 2) node.attributes.push(decodeMessage(field.bytes));
  }
  return node;
}

function encodeNode(node: OnnxNode): WireField[] {
  return [
    ...node.inputs.map((name) => stringField(NODE.input, name)),
    ...node.outputs.map((name) => stringField(NODE.output, name)),
    ...(node.name ? [stringField(NODE.name, node.name)] : []),
    stringField(NODE.opType, node.opType),
    ...node.attributes.map((fields) => messageField(NODE.attribute, fields)),
    ...(node.domain ? [stringField(NODE.domain, node.domain)] : []),
  ];
}

function parseTensor(fields: WireField[]): OnnxTensor {
  const name = fields.find((f) => f.no === TENSOR.name);
  const type = fields.find((f) => f.no === TENSOR.dataType);
  return {
    name: name ? text(name) : '',
    dims: packedInts(fields, TENSOR.dims).map(Number),
    dataType: type?.wire === 0 ? Number(type.value) : 0,
    fields,
  };
}

/**
 * The files a graph keeps weights in (TensorProto.external_data `location`, relative to the graph's folder), in first
 * use order; empty for a self-contained model.
 */
export function externalDataLocations(bytes: Uint8Array): string[] {
  const graph = decodeMessage(bytes).find((f) => f.no === MODEL.graph && f.wire === 2);
  if (!graph || graph.wire !== 2) throw new Error('not an ONNX model: no graph');
  const locations = new Set<string>();
  for (const field of decodeMessage(graph.bytes)) {
    if (field.no !== GRAPH.initializer || field.wire !== 2) continue;
    for (const entry of decodeMessage(field.bytes)) {
      if (entry.no !== TENSOR.externalData || entry.wire !== 2) continue;
      const kv = decodeMessage(entry.bytes);
      const key = kv.find((f) => f.no === 1);
      const value = kv.find((f) => f.no === 2);
      if (key && value && text(key) === 'location') locations.add(text(value));
    }
  }
  return [...locations];
}

export function parseModel(bytes: Uint8Array): OnnxModel {
  const fields = decodeMessage(bytes);
  const graph = fields.find((f) => f.no === MODEL.graph);
  if (!graph || graph.wire !== 2) throw new Error('not an ONNX model: no graph');
  const graphFields = decodeMessage(graph.bytes);
  const nodes: OnnxNode[] = [];
  const initializers = new Map<string, OnnxTensor>();
  const graphInputs: string[] = [];
  const graphOutputs: string[] = [];
  for (const field of graphFields) {
    if (field.wire !== 2) continue;
    if (field.no === GRAPH.node) nodes.push(parseNode(decodeMessage(field.bytes)));
    else if (field.no === GRAPH.initializer) {
      const tensor = parseTensor(decodeMessage(field.bytes));
      initializers.set(tensor.name, tensor);
    } else if (field.no === GRAPH.output || field.no === GRAPH.input) {
      const name = decodeMessage(field.bytes).find((f) => f.no === 1);
      if (name) (field.no === GRAPH.input ? graphInputs : graphOutputs).push(text(name));
    }
  }
  const domains = new Set<string>();
  for (const field of fields) {
    if (field.no !== MODEL.opsetImport || field.wire !== 2) continue;
    const domain = decodeMessage(field.bytes).find((f) => f.no === 1);
    domains.add(domain ? text(domain) : '');
  }
  return { nodes, initializers, graphInputs, graphOutputs, added: [], domains, fields, graphFields };
}

/** The model with its (rewritten) nodes and added initializers; `opsets` are imported if the model lacks them. */
export function serializeModel(model: OnnxModel, opsets: Record<string, number> = {}): Uint8Array {
  const graph: WireField[] = [];
  let nodesWritten = false;
  let lastInitializer = -1;
  for (const field of model.graphFields) {
    if (field.no === GRAPH.node) {
      if (!nodesWritten) {
        for (const node of model.nodes) graph.push(messageField(GRAPH.node, encodeNode(node)));
        nodesWritten = true;
      }
      continue;
    }
    graph.push(field);
    if (field.no === GRAPH.initializer) lastInitializer = graph.length - 1;
  }
  const added = model.added.map((t) => messageField(GRAPH.initializer, t.fields));
  graph.splice(lastInitializer + 1, 0, ...added);
  const out: WireField[] = [];
  for (const field of model.fields) {
    out.push(field.no === MODEL.graph ? bytesField(MODEL.graph, encodeMessage(graph)) : field);
  }
  for (const [domain, version] of Object.entries(opsets)) {
    if (!model.domains.has(domain)) out.push(messageField(MODEL.opsetImport, [stringField(1, domain), intField(2, version)]));
  }
  return encodeMessage(out);
}

// ------------------------------------------------------------------ attributes and tensors

export function attribute(node: OnnxNode, name: string): WireField[] | undefined {
  return node.attributes.find((fields) => fields.some((f) => f.no === ATTR.name && text(f) === name));
}

export function intAttribute(node: OnnxNode, name: string): number | undefined {
  const value = attribute(node, name)?.find((f) => f.no === ATTR.i);
  return value?.wire === 0 ? Number(BigInt.asIntN(64, value.value)) : undefined;
}

export function floatAttribute(node: OnnxNode, name: string): number | undefined {
  const field = attribute(node, name)?.find((f) => f.no === ATTR.f);
  return field?.wire === 5 ? new DataView(field.bytes.buffer, field.bytes.byteOffset, 4).getFloat32(0, true) : undefined;
}

export function intsAttribute(node: OnnxNode, name: string): number[] | undefined {
  const fields = attribute(node, name);
  return fields ? packedInts(fields, ATTR.ints).map(Number) : undefined;
}

export const intAttr = (name: string, value: number): WireField[] => [stringField(ATTR.name, name), intField(ATTR.i, value), intField(ATTR.type, ATTR_TYPE.INT)];
export const intsAttr = (name: string, values: number[]): WireField[] => [stringField(ATTR.name, name), ...values.map((v) => intField(ATTR.ints, v)), intField(ATTR.type, ATTR_TYPE.INTS)];
export const floatAttr = (name: string, value: number): WireField[] => [stringField(ATTR.name, name), floatField(ATTR.f, value), intField(ATTR.type, ATTR_TYPE.FLOAT)];

/** A float or int64 initializer's values as numbers (raw_data or the typed repeated field). */
/** An initializer whose bytes live in another file (TensorProto.data_location = EXTERNAL). */
export function storedExternally(tensor: OnnxTensor): boolean {
  return tensor.fields.some((f) => f.no === TENSOR.dataLocation && f.wire === 0 && f.value === EXTERNAL_LOCATION);
}

export function tensorValues(tensor: OnnxTensor): number[] {
  const raw = tensor.fields.find((f) => f.no === TENSOR.rawData);
  if (raw && raw.wire === 2) {
    const view = new DataView(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
    if (tensor.dataType === DATA_TYPE.FLOAT) return Array.from({ length: raw.bytes.byteLength / 4 }, (_, i) => view.getFloat32(4 * i, true));
    if (tensor.dataType === DATA_TYPE.INT64) return Array.from({ length: raw.bytes.byteLength / 8 }, (_, i) => Number(view.getBigInt64(8 * i, true)));
    throw new Error(`initializer ${tensor.name}: data type ${tensor.dataType} is not read here`);
  }
  if (tensor.dataType === DATA_TYPE.INT64) return packedInts(tensor.fields, TENSOR.int64Data).map(Number);
  if (tensor.dataType === DATA_TYPE.FLOAT) {
    const out: number[] = [];
    for (const field of tensor.fields) {
      if (field.no !== TENSOR.floatData || field.wire === 0) continue;
      const bytes = field.bytes;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i + 4 <= bytes.byteLength; i += 4) out.push(view.getFloat32(i, true));
    }
    return out;
  }
  throw new Error(`initializer ${tensor.name}: data type ${tensor.dataType} is not read here`);
}

export function floatTensor(name: string, dims: number[], values: Float32Array): OnnxTensor {
  const raw = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  return {
    name, dims, dataType: DATA_TYPE.FLOAT,
    fields: [...dims.map((d) => intField(TENSOR.dims, d)), intField(TENSOR.dataType, DATA_TYPE.FLOAT), stringField(TENSOR.name, name), bytesField(TENSOR.rawData, raw)],
  };
}

export function int64Tensor(name: string, dims: number[], values: number[]): OnnxTensor {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(8 * i, BigInt(v), true));
  return {
    name, dims, dataType: DATA_TYPE.INT64,
    fields: [...dims.map((d) => intField(TENSOR.dims, d)), intField(TENSOR.dataType, DATA_TYPE.INT64), stringField(TENSOR.name, name), bytesField(TENSOR.rawData, raw)],
  };
}

export function makeNode(opType: string, inputs: string[], outputs: string[], attributes: WireField[][] = [], domain = ''): OnnxNode {
  return { opType, domain, name: '', inputs, outputs, attributes };
}
