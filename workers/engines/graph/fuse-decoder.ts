/**
 * A load-time graph rewrite for decoder-only ONNX models of the Llama family (issue 4): the graph as exported spends
 * a decode step on ~150 small nodes (RMSNorm as six ops, rotary embedding, key/value repetition for grouped heads,
 * the causal mask rebuilt every step), and on WASM and WebGPU alike a step costs per node, not per multiply. This pass
 * finds those patterns and replaces them with onnxruntime's fused kernels: SimplifiedLayerNormalization, and one
 * com.microsoft GroupQueryAttention per layer (rotary inside, causal masking from the attention mask's length). The
 * weights and the model's inputs and outputs are untouched; the result computes the same function.
 *
 * All or nothing: if any attention block or norm does not match the patterns exactly, the model is left as it was.
 */
import {
  attribute, floatAttr, floatTensor, int64Tensor, intAttr, intAttribute, intsAttribute, makeNode, type OnnxModel, type OnnxNode,
  parseModel, serializeModel, storedExternally, tensorValues,
} from './onnx-model.ts';

export interface FusedGraph {
  bytes: Uint8Array;
  nodesBefore: number;
  nodesAfter: number;
  attention: number;
  norms: number;
  /** What the fused graph runs, e.g. "2 GroupQueryAttention, 4 SkipSimplifiedLayerNormalization, …". */
  summary: string;
}

const FUSED_OPS = ['GroupQueryAttention', 'SkipSimplifiedLayerNormalization', 'SimplifiedLayerNormalization'];

const PREFIX = 'pocket_fused/';

class Graph {
  readonly producer = new Map<string, OnnxNode>();
  readonly consumers = new Map<string, OnnxNode[]>();
  constructor(readonly model: OnnxModel) {
    for (const node of model.nodes) {
      for (const out of node.outputs) this.producer.set(out, node);
      for (const input of node.inputs) {
        const list = this.consumers.get(input);
        if (list) list.push(node); else this.consumers.set(input, [node]);
      }
    }
  }

  /** The node producing `name` if it is `op` (and, optionally, passes `check`). */
  op(name: string | undefined, op: string): OnnxNode | undefined {
    const node = name === undefined ? undefined : this.producer.get(name);
    return node && node.opType === op && node.domain === '' ? node : undefined;
  }

  constant(name: string | undefined): number[] | undefined {
    const tensor = name === undefined ? undefined : this.model.initializers.get(name);
    if (!tensor) return undefined;
    try {
      return tensorValues(tensor);
    } catch {
      return undefined;
    }
  }
}

/** x·(1/√(mean(x²)+ε))·w → SimplifiedLayerNormalization(x, w). */
function matchNorm(g: Graph, out: OnnxNode): { x: string; weight: string; eps: number; output: string; nodes: OnnxNode[] } | undefined {
  if (out.opType !== 'Mul' || out.domain !== '') return undefined;
  for (const [wi, ni] of [[0, 1], [1, 0]] as const) {
    const weight = out.inputs[wi]!;
    if (!g.model.initializers.has(weight)) continue;
    const scaled = g.op(out.inputs[ni], 'Mul');
    if (!scaled) continue;
    for (const [xi, ri] of [[0, 1], [1, 0]] as const) {
      const x = scaled.inputs[xi]!;
      const recip = g.op(scaled.inputs[ri], 'Reciprocal');
      const sqrt = g.op(recip?.inputs[0], 'Sqrt');
      const add = g.op(sqrt?.inputs[0], 'Add');
      if (!add) continue;
      const epsName = add.inputs.find((i) => g.model.initializers.has(i));
      const mean = g.op(add.inputs.find((i) => i !== epsName), 'ReduceMean');
      const square = g.op(mean?.inputs[0], 'Mul');
      const eps = g.constant(epsName);
      if (!mean || !square || !eps || eps.length !== 1 || square.inputs[0] !== x || square.inputs[1] !== x) continue;
      const axes = intsAttribute(mean, 'axes') ?? g.constant(mean.inputs[1]);
      if (!axes || axes.length !== 1 || axes[0] !== -1 || intAttribute(mean, 'keepdims') === 0) continue;
      return { x, weight, eps: eps[0]!, output: out.outputs[0]!, nodes: [out, scaled, recip!, sqrt!, add, mean, square] };
    }
  }
  return undefined;
}

/** t·cos + rotate_half(t)·sin, with rotate_half = concat(−t[half:], t[:half]); gives t, cos, sin. */
function matchRotary(g: Graph, name: string): { t: string; cos: string; sin: string; half: number } | undefined {
  const add = g.op(name, 'Add');
  if (!add) return undefined;
  for (const [a, b] of [[0, 1], [1, 0]] as const) {
    const direct = g.op(add.inputs[a], 'Mul');
    const rotated = g.op(add.inputs[b], 'Mul');
    if (!direct || !rotated) continue;
    for (const [ti, ci] of [[0, 1], [1, 0]] as const) {
      const t = direct.inputs[ti]!;
      for (const [ri, si] of [[0, 1], [1, 0]] as const) {
        const concat = g.op(rotated.inputs[ri], 'Concat');
        const neg = g.op(concat?.inputs[0], 'Neg');
        const hi = g.op(neg?.inputs[0], 'Slice');
        const lo = g.op(concat?.inputs[1], 'Slice');
        if (hi?.inputs[0] !== t || lo?.inputs[0] !== t) continue;
        // rotate_half: lo = t[..., :half], hi = t[..., half:] on the last axis, step 1.
        const bounds = (slice: OnnxNode) => ({
          starts: g.constant(slice.inputs[1]), ends: g.constant(slice.inputs[2]),
          axes: slice.inputs[3] ? g.constant(slice.inputs[3]) : [-1], steps: slice.inputs[4] ? g.constant(slice.inputs[4]) : [1],
        });
        const l = bounds(lo);
        const h = bounds(hi);
        const half = l.ends?.[0];
        const lastAxis = (axes: number[] | undefined) => axes?.length === 1 && (axes[0] === -1 || axes[0] === 3);
        if (half === undefined || l.starts?.[0] !== 0 || h.starts?.[0] !== half || !((h.ends?.[0] ?? -1) >= 2 * half)
          || !lastAxis(l.axes) || !lastAxis(h.axes) || l.steps?.[0] !== 1 || h.steps?.[0] !== 1) continue;
        return { t, cos: direct.inputs[ci]!, sin: rotated.inputs[si]!, half };
      }
    }
  }
  return undefined;
}

/** Transpose(Reshape(x, [.., .., heads, dim])) to [B, heads, S, dim]: gives x and the heads. */
function matchHeads(g: Graph, name: string): { x: string; heads: number; dim: number } | undefined {
  const transpose = g.op(name, 'Transpose');
  const reshape = g.op(transpose?.inputs[0], 'Reshape');
  const shape = g.constant(reshape?.inputs[1]);
  const perm = transpose && intsAttribute(transpose, 'perm');
  if (!reshape || !shape || shape.length !== 4 || perm?.join() !== '0,2,1,3') return undefined;
  return { x: reshape.inputs[0]!, heads: shape[2]!, dim: shape[3]! };
}

/** Reshape(Expand(Unsqueeze(kv))) repeating each key/value head for its query heads (or kv itself): gives kv. */
function unrepeat(g: Graph, name: string): string {
  const reshape = g.op(name, 'Reshape');
  const expand = g.op(reshape?.inputs[0], 'Expand');
  const unsqueeze = g.op(expand?.inputs[0], 'Unsqueeze');
  return unsqueeze ? unsqueeze.inputs[0]! : name;
}

/** cos/sin of a rotary embedding computed from position_ids: the inverse frequencies (half the head dim). */
function rotaryFrequencies(g: Graph, cos: string, sin: string): number[] | undefined {
  const find = (name: string, op: 'Cos' | 'Sin') => {
    let node = g.producer.get(name);
    while (node && node.opType === 'Unsqueeze') node = g.producer.get(node.inputs[0]!);
    return node?.opType === op ? node.inputs[0] : undefined;
  };
  const angles = find(cos, 'Cos');
  if (!angles || angles !== find(sin, 'Sin')) return undefined;
  const concat = g.op(angles, 'Concat');
  const freqs = concat && concat.inputs.length === 2 && concat.inputs[0] === concat.inputs[1] ? g.op(concat.inputs[0], 'Mul') : undefined;
  if (!freqs) return undefined;
  for (const input of freqs.inputs) {
    const values = g.constant(input);
    if (!values) continue;
    // The other side must come from position_ids alone (Cast/Unsqueeze), so positions are the token positions.
    let node = g.producer.get(freqs.inputs.find((i) => i !== input)!);
    while (node && (node.opType === 'Cast' || node.opType === 'Unsqueeze')) {
      if (node.inputs[0] === 'position_ids') return values;
      node = g.producer.get(node.inputs[0]!);
    }
  }
  return undefined;
}

interface Attention {
  q: string; k: string; v: string; pastKey: string; pastValue: string; presentKey: string; presentValue: string;
  output: string; heads: number; kvHeads: number; dim: number; scale: number; frequencies: number[]; nodes: OnnxNode[];
}

/**
 * softmax(rope(q)·repeat(concat(past_k, rope(k)))ᵀ·scale + causal/padding bias)·repeat(concat(past_v, v)), heads
 * merged back by Transpose + Reshape.
 */
function matchAttention(g: Graph, softmax: OnnxNode): Attention | undefined {
  // Over the keys (the last axis of [B, heads, S, T]); any other axis is another computation.
  const axis = intAttribute(softmax, 'axis') ?? -1;
  if (axis !== -1 && axis !== 3) return undefined;
  const inner = new Set<OnnxNode>([softmax]);
  const add = g.op(softmax.inputs[0], 'Add');
  if (!add) return undefined;
  let scaled: OnnxNode | undefined;
  let bias: string | undefined;
  for (const [si, bi] of [[0, 1], [1, 0]] as const) {
    const mul = g.op(add.inputs[si], 'Mul');
    if (mul && g.op(mul.inputs[0], 'MatMul')) {
      scaled = mul;
      bias = add.inputs[bi];
    }
  }
  if (!scaled || !bias || !maskFromAttentionMask(g, bias)) return undefined;
  const scaleValue = g.constant(scaled.inputs[1]);
  const scores = g.op(scaled.inputs[0], 'MatMul');
  if (!scores || !scaleValue || scaleValue.length !== 1) return undefined;
  const keysT = g.op(scores.inputs[1], 'Transpose');
  if (!keysT || intsAttribute(keysT, 'perm')?.join() !== '0,1,3,2') return undefined;
  const presentKey = unrepeat(g, keysT.inputs[0]!);
  const concatK = g.op(presentKey, 'Concat');
  const qRope = matchRotary(g, scores.inputs[0]!);
  const kRope = concatK && matchRotary(g, concatK.inputs[1]!);
  if (!concatK || !qRope || !kRope || qRope.cos !== kRope.cos || qRope.sin !== kRope.sin || qRope.half !== kRope.half) return undefined;
  // The cache grows along the sequence axis of [B, kvHeads, T, dim].
  const concatAxis = (node: OnnxNode) => intAttribute(node, 'axis');
  const q = matchHeads(g, qRope.t);
  const k = matchHeads(g, kRope.t);
  // probs · V, then back to [B, S, heads·dim]
  const consumers = g.consumers.get(softmax.outputs[0]!) ?? [];
  const context = consumers.length === 1 && consumers[0]!.opType === 'MatMul' ? consumers[0] : undefined;
  const presentValue = context && unrepeat(g, context.inputs[1]!);
  const concatV = g.op(presentValue, 'Concat');
  const v = concatV && matchHeads(g, concatV.inputs[1]!);
  const merge = context && (g.consumers.get(context.outputs[0]!) ?? [])[0];
  const merged = merge?.opType === 'Transpose' ? (g.consumers.get(merge.outputs[0]!) ?? [])[0] : undefined;
  const frequencies = rotaryFrequencies(g, qRope.cos, qRope.sin);
  if (!q || !k || !v || !context || !concatV || !merged || merged.opType !== 'Reshape' || !frequencies) return undefined;
  if (intsAttribute(merge!, 'perm')?.join() !== '0,2,1,3' || k.heads !== v.heads || q.dim !== k.dim || frequencies.length * 2 !== q.dim) return undefined;
  if (q.heads % k.heads !== 0 || qRope.half * 2 !== q.dim) return undefined;
  if (![-2, 2].includes(concatAxis(concatK) ?? NaN) || ![-2, 2].includes(concatAxis(concatV) ?? NaN)) return undefined;
  for (const node of [add, scaled, scores, keysT, concatK, context, concatV, merge!, merged]) inner.add(node);
  return {
    q: q.x, k: k.x, v: v.x, pastKey: concatK.inputs[0]!, pastValue: concatV.inputs[0]!, presentKey, presentValue: presentValue!,
    output: merged.outputs[0]!, heads: q.heads, kvHeads: k.heads, dim: q.dim, scale: scaleValue[0]!, frequencies, nodes: [...inner],
  };
}

const COMPARISONS = new Set(['LessOrEqual', 'GreaterOrEqual', 'Less', 'Greater']);

/**
 * Every node `name` depends on, up to `depth` producers back. With `valuesOnly`, what a Shape reads is not followed:
 * depending on a tensor's length is not depending on its values.
 */
function ancestry(g: Graph, name: string, depth = 12, valuesOnly = false): { names: Set<string>; nodes: OnnxNode[] } {
  const names = new Set<string>();
  const nodes: OnnxNode[] = [];
  const visit = (n: string, d: number) => {
    if (names.has(n) || d > depth) return;
    names.add(n);
    const node = g.producer.get(n);
    if (!node) return;
    nodes.push(node);
    if (valuesOnly && node.opType === 'Shape') return;
    for (const input of node.inputs) visit(input, d + 1);
  };
  visit(name, 0);
  return { names, nodes };
}

/**
 * The additive mask is attention_mask (padding) and ONE causal comparison of positions, nothing else: a second
 * comparison (a sliding window) or a comparison on attention_mask itself (a padding-only, bidirectional mask) is not
 * the full causal attention the fused kernel computes, so such graphs are left as exported.
 */
function maskFromAttentionMask(g: Graph, bias: string): boolean {
  const where = g.op(bias, 'Where');
  if (!where) return false;
  const condition = ancestry(g, where.inputs[0]!);
  if (!condition.names.has('attention_mask')) return false;
  const comparisons = condition.nodes.filter((node) => COMPARISONS.has(node.opType));
  if (comparisons.length !== 1) return false;
  // Positions may use attention_mask's length (the total length T), never its values.
  const positions = ancestry(g, comparisons[0]!.outputs[0]!, 12, true);
  return !positions.names.has('attention_mask') && positions.nodes.some((node) => node.opType === 'Range');
}

export function removeDead(model: OnnxModel): void {
  const keep = new Set(model.graphOutputs);
  const live: OnnxNode[] = [];
  for (let i = model.nodes.length - 1; i >= 0; i--) {
    const node = model.nodes[i]!;
    if (node.outputs.some((o) => keep.has(o))) {
      live.push(node);
      for (const input of node.inputs) keep.add(input);
    }
  }
  model.nodes = live.reverse();
}

/**
 * The fused model, or undefined when this graph is not one the pass knows (it is then loaded as exported).
 * @param maxPositions rows of the rotary cos/sin tables (the model's context length)
 */
export function fuseDecoderGraph(bytes: Uint8Array, maxPositions: number): FusedGraph | undefined {
  let model: OnnxModel;
  try {
    model = parseModel(bytes);
  } catch {
    return undefined;
  }
  // Weights kept in another file (external data) cannot be read or repacked here: such a model runs as exported.
  if ([...model.initializers.values()].some(storedExternally)) return undefined;
  try {
    return fuse(model, maxPositions);
  } catch {
    return undefined; // a graph this pass misreads runs as exported rather than not at all
  }
}

function fuse(model: OnnxModel, maxPositions: number): FusedGraph | undefined {
  const g = new Graph(model);
  const nodesBefore = model.nodes.length;
  const softmaxes = model.nodes.filter((n) => n.opType === 'Softmax' && n.domain === '');
  const attentions = softmaxes.map((s) => matchAttention(g, s));
  if (!attentions.length || attentions.some((a) => !a)) return undefined;
  const norms = model.nodes.map((n) => matchNorm(g, n)).filter((n) => n !== undefined);
  if (!norms.length) return undefined;
  const first = attentions[0]!;
  if (attentions.some((a) => a!.frequencies.join() !== first.frequencies.join())) return undefined;

  // Shared inputs of every GroupQueryAttention: per-row key lengths − 1 and the total length, from attention_mask;
  // the rotary tables for positions 0…maxPositions−1.
  const n = (s: string) => PREFIX + s;
  const half = first.frequencies.length;
  const cos = new Float32Array(maxPositions * half);
  const sin = new Float32Array(maxPositions * half);
  for (let p = 0; p < maxPositions; p++) {
    for (let j = 0; j < half; j++) {
      // As the exported graph computes it: the angle in float32, then cos/sin.
      const angle = Math.fround(p * Math.fround(first.frequencies[j]!));
      cos[p * half + j] = Math.cos(angle);
      sin[p * half + j] = Math.sin(angle);
    }
  }
  model.added.push(floatTensor(n('cos_cache'), [maxPositions, half], cos), floatTensor(n('sin_cache'), [maxPositions, half], sin),
    int64Tensor(n('one'), [1], [1]), int64Tensor(n('scalar'), [0], []));
  const shared: OnnxNode[] = [
    makeNode('ReduceSum', ['attention_mask', n('one')], [n('mask_sum')], [intAttr('keepdims', 0)]),
    makeNode('Sub', [n('mask_sum'), n('one')], [n('seqlens_k64')]),
    makeNode('Cast', [n('seqlens_k64')], [n('seqlens_k')], [intAttr('to', 6)]),
    makeNode('Shape', ['attention_mask'], [n('mask_shape')]),
    makeNode('Gather', [n('mask_shape'), n('one')], [n('total64')]),
    makeNode('Cast', [n('total64')], [n('total32')], [intAttr('to', 6)]),
    makeNode('Reshape', [n('total32'), n('scalar')], [n('total_length')]),
  ];

  const replaced = new Map<OnnxNode, OnnxNode | null>();
  for (const norm of norms) {
    for (const node of norm.nodes) replaced.set(node, null);
    replaced.set(norm.nodes[0]!, makeNode('SimplifiedLayerNormalization', [norm.x, norm.weight], [norm.output], [intAttr('axis', -1), floatAttr('epsilon', norm.eps)]));
  }
  for (const a of attentions as Attention[]) {
    for (const node of a.nodes) replaced.set(node, null);
    const last = a.nodes.find((node) => node.outputs.includes(a.output))!;
    replaced.set(last, makeNode('GroupQueryAttention',
      [a.q, a.k, a.v, a.pastKey, a.pastValue, n('seqlens_k'), n('total_length'), n('cos_cache'), n('sin_cache')],
      [a.output, a.presentKey, a.presentValue],
      [intAttr('num_heads', a.heads), intAttr('kv_num_heads', a.kvHeads), intAttr('do_rotary', 1), intAttr('rotary_interleaved', 0), floatAttr('scale', a.scale)],
      'com.microsoft'));
  }
  // The present Concat nodes are gone; the present outputs are now produced by the attention nodes (in order).
  const nodes: OnnxNode[] = [...shared];
  for (const node of model.nodes) {
    const swap = replaced.get(node);
    if (swap === undefined) nodes.push(node);
    else if (swap) nodes.push(swap);
  }
  model.nodes = topologicalOrder(nodes, model);
  removeDead(model);
  packQkv(model);
  fuseResidualNorms(model);
  removeDead(model);
  const summary = FUSED_OPS.map((op) => [op, model.nodes.filter((node) => node.opType === op).length] as const)
    .filter(([, count]) => count > 0).map(([op, count]) => `${count} ${op}`).join(', ');
  return {
    bytes: serializeModel(model, { 'com.microsoft': 1 }),
    nodesBefore, nodesAfter: model.nodes.length, attention: attentions.length, norms: norms.length, summary,
  };
}

/**
 * The three projections feeding a GroupQueryAttention (MatMuls of one input by constant weights) become one MatMul by
 * the weights side by side, passed as the packed query (GroupQueryAttention splits it itself).
 */
function packQkv(model: OnnxModel): void {
  const g = new Graph(model);
  for (const node of model.nodes) {
    if (node.opType !== 'GroupQueryAttention') continue;
    const projections = node.inputs.slice(0, 3).map((name) => g.op(name, 'MatMul'));
    if (projections.some((p) => !p || (g.consumers.get(p.outputs[0]!) ?? []).length !== 1)) continue;
    const [q, k, v] = projections as OnnxNode[];
    if (k!.inputs[0] !== q!.inputs[0] || v!.inputs[0] !== q!.inputs[0]) continue;
    const weights = [q!, k!, v!].map((p) => model.initializers.get(p.inputs[1]!));
    if (weights.some((w) => !w || w.dims.length !== 2 || w.dims[0] !== weights[0]!.dims[0])) continue;
    const rows = weights[0]!.dims[0]!;
    const columns = weights.map((w) => w!.dims[1]!);
    const total = columns.reduce((a, b) => a + b, 0);
    const values = weights.map((w) => tensorValues(w!));
    const packed = new Float32Array(rows * total);
    for (let r = 0; r < rows; r++) {
      let at = r * total;
      values.forEach((data, i) => {
        for (let c = 0; c < columns[i]!; c++) packed[at++] = data[r * columns[i]! + c]!;
      });
    }
    const name = `${PREFIX}${node.outputs[0]}/qkv`;
    model.added.push(floatTensor(`${name}.weight`, [rows, total], packed));
    const matmul = makeNode('MatMul', [q!.inputs[0]!, `${name}.weight`], [name]);
    model.nodes.splice(model.nodes.indexOf(node), 0, matmul);
    node.inputs = [name, '', '', ...node.inputs.slice(3)];
  }
}

/** A residual Add feeding a SimplifiedLayerNormalization becomes one SkipSimplifiedLayerNormalization (sum and norm). */
function fuseResidualNorms(model: OnnxModel): void {
  const g = new Graph(model);
  for (const norm of [...model.nodes]) {
    if (norm.opType !== 'SimplifiedLayerNormalization') continue;
    const add = g.op(norm.inputs[0], 'Add');
    if (!add || add.inputs.some((i) => model.initializers.has(i) || i === '')) continue;
    const epsilon = attribute(norm, 'epsilon');
    const skip = makeNode('SkipSimplifiedLayerNormalization', [add.inputs[0]!, add.inputs[1]!, norm.inputs[1]!],
      [norm.outputs[0]!, '', '', add.outputs[0]!], epsilon ? [epsilon] : [], 'com.microsoft');
    model.nodes.splice(model.nodes.indexOf(norm), 1, skip);
    model.nodes.splice(model.nodes.indexOf(add), 1);
  }
}

/** Nodes ordered so that each comes after the producers of its inputs (graph inputs and initializers are ready). */
export function topologicalOrder(nodes: OnnxNode[], model: OnnxModel): OnnxNode[] {
  const ready = new Set<string>(['', ...model.initializers.keys(), ...model.added.map((t) => t.name)]);
  const produced = new Set(nodes.flatMap((node) => node.outputs));
  const out: OnnxNode[] = [];
  let pending = nodes;
  while (pending.length) {
    const next: OnnxNode[] = [];
    for (const node of pending) {
      if (node.inputs.every((i) => ready.has(i) || !produced.has(i))) {
        out.push(node);
        for (const o of node.outputs) ready.add(o);
      } else next.push(node);
    }
    if (next.length === pending.length) throw new Error('graph rewrite left a cycle');
    pending = next;
  }
  return out;
}
