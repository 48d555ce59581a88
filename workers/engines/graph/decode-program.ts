/**
 * A fused decoder graph (fuse-decoder.ts) read as a list of single-token operations on vectors, so a decode step can
 * run on our own WGSL kernels (shaders/decode-step.ts) instead of onnxruntime's: on WebGPU a step of a small model
 * costs per kernel launch and per session run, not per multiply, and onnxruntime spends dozens of launches and its own
 * bookkeeping where this needs one launch per node and one submit.
 *
 * Only what the fusion pass writes is accepted: Gather (embedding), SimplifiedLayerNormalization,
 * SkipSimplifiedLayerNormalization, MatMul by a constant (or a transposed constant), GroupQueryAttention with a packed
 * q/k/v input and rotary inside, Sigmoid, Mul, Add; plus the nodes that turn attention_mask into lengths, which a step
 * replaces by its position. Anything else: undefined (the engine keeps onnxruntime for the steps).
 */
import { attribute, floatAttribute, intAttribute, intsAttribute, type OnnxModel, type OnnxTensor, parseModel, DATA_TYPE, storedExternally } from './onnx-model.ts';

export type DecodeOp =
  | { op: 'gather'; table: string; rows: number; width: number; out: number }
  | { op: 'norm'; x: number; skip: number | undefined; weight: string; eps: number; out: number; sum: number | undefined }
  | { op: 'matmul'; x: number; weight: string; rows: number; cols: number; out: number }
  | { op: 'attention'; qkv: number; layer: number; heads: number; kvHeads: number; headDim: number; scale: number;
    rotaryHalf: number; interleaved: boolean; cos: string; sin: string; out: number }
  | { op: 'sigmoid'; x: number; out: number }
  | { op: 'mul' | 'add'; a: number; b: number; out: number };

export interface DecodeProgram {
  ops: DecodeOp[];
  /** Length of each vector value (ops refer to values by index). */
  sizes: number[];
  weights: Map<string, Float32Array<ArrayBuffer>>;
  logits: number;
  /** Logits per step (the output head's width). */
  vocab: number;
  /** Token ids a step may take (the embedding table's rows; a padded output head may be wider). */
  tokens: number;
  layers: number;
  kvHeads: number;
  headDim: number;
  /** Rows of the rotary tables: the highest position a step may take is one less. */
  maxPositions: number;
}

/** A program without its weights: what a decoder keeps once they are uploaded. */
export type DecodeShape = Omit<DecodeProgram, 'weights'>;

export function shapeOf(program: DecodeProgram): DecodeShape {
  const { weights: _weights, ...shape } = program;
  return shape;
}

export class UnsupportedGraphError extends Error {
  override name = 'UnsupportedGraphError';
}

function floats(tensor: OnnxTensor): Float32Array<ArrayBuffer> {
  if (tensor.dataType !== DATA_TYPE.FLOAT || storedExternally(tensor)) throw new UnsupportedGraphError(`${tensor.name}: not an inline float32 tensor`);
  const raw = tensor.fields.find((f) => f.no === 9);
  if (raw && raw.wire === 2) {
    const copy = raw.bytes.slice();
    return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  }
  const out: number[] = [];
  for (const field of tensor.fields) {
    if (field.no !== 4 || field.wire === 0) continue;
    const view = new DataView(field.bytes.buffer, field.bytes.byteOffset, field.bytes.byteLength);
    for (let i = 0; i + 4 <= field.bytes.byteLength; i += 4) out.push(view.getFloat32(i, true));
  }
  return Float32Array.from(out);
}

const PAST = /^past_key_values\.(\d+)\.key$/;

/** The program of a fused graph when its shape is the model config's (layers, kv heads, head size), else undefined. */
export function decodeProgramFor(bytes: Uint8Array, config: { layers: number; kvHeads: number; headDim: number }): DecodeProgram | undefined {
  const program = decodeProgram(bytes);
  return program && program.layers === config.layers && program.kvHeads === config.kvHeads && program.headDim === config.headDim ? program : undefined;
}

export function decodeProgram(bytes: Uint8Array): DecodeProgram | undefined {
  try {
    return build(parseModel(bytes));
  } catch (error) {
    if (error instanceof UnsupportedGraphError) return undefined;
    throw error;
  }
}

function build(model: OnnxModel): DecodeProgram {
  const fail = (why: string): never => {
    throw new UnsupportedGraphError(why);
  };
  const sizes: number[] = [];
  const values = new Map<string, number>();
  const weights = new Map<string, Float32Array<ArrayBuffer>>();
  const transposed = new Map<string, OnnxTensor>();
  const lengths = new Set<string>(['attention_mask']);
  const ops: DecodeOp[] = [];
  const layers = new Set<number>();
  let kvHeads = 0;
  let headDim = 0;
  let maxPositions = Infinity;

  const value = (name: string | undefined): number => {
    const id = name === undefined ? undefined : values.get(name);
    return id ?? fail(`${name ?? '(none)'} is not a vector this program computes`);
  };
  const define = (name: string, size: number): number => {
    sizes.push(size);
    values.set(name, sizes.length - 1);
    return sizes.length - 1;
  };
  const weight = (name: string, dims: number[]): string => {
    const tensor = model.initializers.get(name) ?? fail(`${name} is not a constant`);
    if (tensor.dims.join() !== dims.join()) fail(`${name} is [${tensor.dims.join(', ')}], expected [${dims.join(', ')}]`);
    if (!weights.has(name)) weights.set(name, floats(tensor));
    return name;
  };

  for (const node of model.nodes) {
    const inputs = node.inputs.filter((i) => i !== '');
    // The attention mask's length arithmetic: a decode step knows its position instead.
    if (inputs.some((i) => lengths.has(i)) && inputs.every((i) => lengths.has(i) || model.initializers.has(i))) {
      if (node.opType === 'GroupQueryAttention') fail('attention fed by the mask alone');
      for (const out of node.outputs) lengths.add(out);
      continue;
    }
    const contrib = node.domain === 'com.microsoft';
    if (node.domain !== '' && !contrib) fail(`${node.domain}.${node.opType}`);
    switch (contrib ? `ms.${node.opType}` : node.opType) {
      case 'Gather': {
        const table = model.initializers.get(node.inputs[0]!);
        if (!table || node.inputs[1] !== 'input_ids' || table.dims.length !== 2 || (intAttribute(node, 'axis') ?? 0) !== 0) fail('Gather that is not the token embedding');
        ops.push({ op: 'gather', table: weight(table!.name, table!.dims), rows: table!.dims[0]!, width: table!.dims[1]!, out: define(node.outputs[0]!, table!.dims[1]!) });
        break;
      }
      case 'SimplifiedLayerNormalization':
      case 'ms.SkipSimplifiedLayerNormalization': {
        const skip = node.opType.startsWith('Skip');
        const x = value(node.inputs[0]);
        const other = skip ? value(node.inputs[1]) : undefined;
        const size = sizes[x]!;
        if (other !== undefined && sizes[other] !== size) fail('skip norm of vectors of different sizes');
        const weightName = node.inputs[skip ? 2 : 1]!;
        if ((skip && node.inputs[3]) || (!skip && node.inputs[2])) fail('norm with a bias');
        if ((intAttribute(node, 'axis') ?? -1) !== -1 && (intAttribute(node, 'axis') ?? -1) !== 2) fail('norm over another axis');
        if (node.outputs.slice(1, 3).some((o) => o)) fail('norm whose statistics are used');
        // onnxruntime's defaults: 1e-5 for SimplifiedLayerNormalization, 1e-12 for the Skip variant.
        const eps = floatAttribute(node, 'epsilon') ?? (skip ? 1e-12 : 1e-5);
        ops.push({
          op: 'norm', x, skip: other, weight: weight(weightName, [size]), eps, out: define(node.outputs[0]!, size),
          sum: skip && node.outputs[3] ? define(node.outputs[3], size) : undefined,
        });
        break;
      }
      case 'Transpose': {
        const tensor = model.initializers.get(node.inputs[0]!);
        const perm = intsAttribute(node, 'perm');
        if (!tensor || tensor.dims.length !== 2 || (perm?.length && perm.join() !== '1,0')) fail('Transpose of something other than a matrix constant');
        transposed.set(node.outputs[0]!, tensor!);
        break;
      }
      case 'MatMul': {
        const x = value(node.inputs[0]);
        const rows = sizes[x]!;
        const source = transposed.get(node.inputs[1]!);
        let name: string;
        let cols: number;
        if (source) {
          if (source.dims[1] !== rows) fail(`MatMul by a transposed [${source.dims.join(', ')}] of a ${rows}-vector`);
          name = `${source.name}^T`;
          cols = source.dims[0]!;
          if (!weights.has(name)) {
            const data = floats(source);
            const out = new Float32Array(data.length);
            for (let r = 0; r < cols; r++) for (let c = 0; c < rows; c++) out[c * cols + r] = data[r * rows + c]!;
            weights.set(name, out);
          }
        } else {
          const tensor = model.initializers.get(node.inputs[1]!) ?? fail('MatMul by something other than a constant');
          if (tensor.dims.length !== 2 || tensor.dims[0] !== rows) fail(`MatMul by [${tensor.dims.join(', ')}] of a ${rows}-vector`);
          cols = tensor.dims[1]!;
          name = weight(tensor.name, tensor.dims);
        }
        ops.push({ op: 'matmul', x, weight: name, rows, cols, out: define(node.outputs[0]!, cols) });
        break;
      }
      case 'ms.GroupQueryAttention': {
        const [qkvName, k, v, pastKey, pastValue, seqlens, total, cos, sin] = node.inputs;
        if (k || v) fail('attention with separate key and value inputs');
        const layer = Number(PAST.exec(pastKey ?? '')?.[1] ?? NaN);
        if (!Number.isInteger(layer) || pastValue !== `past_key_values.${layer}.value` || layers.has(layer)) fail('attention over an unknown cache');
        if (node.outputs[1] !== `present.${layer}.key` || node.outputs[2] !== `present.${layer}.value`) fail('attention whose cache is not the present output');
        if (!lengths.has(seqlens!) || !lengths.has(total!)) fail('attention lengths not from the mask');
        if (intAttribute(node, 'do_rotary') !== 1) fail('attention without rotary');
        if ((intAttribute(node, 'softcap') ?? 0) !== 0 || (floatAttribute(node, 'softcap') ?? 0) !== 0) fail('attention softcap');
        if ((intAttribute(node, 'local_window_size') ?? -1) !== -1) fail('sliding-window attention');
        if (attribute(node, 'smooth_softmax') && intAttribute(node, 'smooth_softmax') !== 0) fail('smooth softmax');
        if (node.inputs.length > 9 && node.inputs.slice(9).some((i) => i)) fail('attention with extra inputs');
        const heads = intAttribute(node, 'num_heads') ?? 0;
        const kv = intAttribute(node, 'kv_num_heads') ?? 0;
        const qkv = value(qkvName);
        const dim = sizes[qkv]! / (heads + 2 * kv);
        if (!heads || !kv || heads % kv !== 0 || !Number.isInteger(dim) || dim > 256) fail('attention heads do not divide the packed input');
        const cosTensor = model.initializers.get(cos!);
        const sinTensor = model.initializers.get(sin!);
        if (!cosTensor || !sinTensor || cosTensor.dims.length !== 2 || cosTensor.dims.join() !== sinTensor.dims.join() || cosTensor.dims[1]! * 2 > dim) fail('rotary tables');
        if ((kvHeads && kvHeads !== kv) || (headDim && headDim !== dim)) fail('layers of different shapes');
        kvHeads = kv;
        headDim = dim;
        maxPositions = Math.min(maxPositions, cosTensor!.dims[0]!);
        layers.add(layer);
        ops.push({
          op: 'attention', qkv, layer, heads, kvHeads: kv, headDim: dim, scale: floatAttribute(node, 'scale') || 1 / Math.sqrt(dim),
          rotaryHalf: cosTensor!.dims[1]!, interleaved: intAttribute(node, 'rotary_interleaved') === 1,
          cos: weight(cos!, cosTensor!.dims), sin: weight(sin!, sinTensor!.dims), out: define(node.outputs[0]!, heads * dim),
        });
        break;
      }
      case 'Sigmoid':
        ops.push({ op: 'sigmoid', x: value(node.inputs[0]), out: define(node.outputs[0]!, sizes[value(node.inputs[0])]!) });
        break;
      case 'Mul':
      case 'Add': {
        const a = value(node.inputs[0]);
        const b = value(node.inputs[1]);
        if (sizes[a] !== sizes[b]) fail(`${node.opType} of vectors of different sizes`);
        ops.push({ op: node.opType === 'Mul' ? 'mul' : 'add', a, b, out: define(node.outputs[0]!, sizes[a]!) });
        break;
      }
      default:
        fail(`${node.domain ? `${node.domain}.` : ''}${node.opType}`);
    }
  }
  const logits = value('logits');
  const count = layers.size;
  if (!count || [...layers].some((layer) => layer >= count)) fail('attention layers are not 0…N−1');
  if (ops[0]?.op !== 'gather') fail('the step does not start from the token embedding');
  const presents = model.graphOutputs.filter((o) => o !== 'logits');
  if (presents.length !== 2 * count) fail('outputs other than logits and the cache');
  const embedding = ops[0] as Extract<DecodeOp, { op: 'gather' }>;
  return { ops, sizes, weights, logits, vocab: sizes[logits]!, tokens: embedding.rows, layers: count, kvHeads, headDim, maxPositions };
}
