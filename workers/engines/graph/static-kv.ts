/**
 * A fixed-shape decode step for WebGPU graph capture (issue 4). A decode step of a small model costs per kernel
 * launch, not per multiply; onnxruntime-web can record a whole step once and replay it (`enableGraphCapture`), but
 * only when every shape is the same on every step and every input and output stays in one GPU buffer. The KV cache of
 * the exported graph grows by one row a step, so this pass rewrites the fused graph (graph/fuse-decoder.ts) into one
 * whose cache has `maxLength` rows:
 * - `past_key_values.N.*` are [1, kvHeads, maxLength, dim] buffers; row `position_ids` is this step's row;
 * - `present.N.*` are the same buffers with that row filled in (the engine copies the new row back into its cache);
 * - attention runs over all rows, with the rows after `position_ids` masked out.
 * Each GroupQueryAttention becomes Split, RotaryEmbedding, Where, MatMul, Softmax, MatMul: the same function as the
 * fused node for one token at a time. undefined when the graph is not one the fusion pass produced.
 */
import { removeDead, topologicalOrder } from './fuse-decoder.ts';
import {
  floatAttribute, floatTensor, int64Tensor, intAttr, intAttribute, intsAttr, makeNode, type OnnxModel, type OnnxNode, parseModel, serializeModel,
} from './onnx-model.ts';

export interface StaticDecodeGraph {
  bytes: Uint8Array;
  maxLength: number;
  /** Free dimensions to fix when loading it (onnxruntime `freeDimensionOverrides`). */
  dimensions: Record<string, number>;
}

const PREFIX = 'pocket_static/';

export function staticDecodeGraph(fusedBytes: Uint8Array, maxLength: number): StaticDecodeGraph | undefined {
  let model: OnnxModel;
  try {
    model = parseModel(fusedBytes);
  } catch {
    return undefined;
  }
  const attentions = model.nodes.filter((n) => n.opType === 'GroupQueryAttention' && n.domain === 'com.microsoft');
  if (!attentions.length || !model.graphInputs.includes('position_ids')) return undefined;
  const n = (s: string) => PREFIX + s;
  const rows = Float32Array.from({ length: maxLength }, (_, i) => i);
  model.added.push(
    floatTensor(n('rows_col'), [1, 1, maxLength, 1], rows), floatTensor(n('rows_row'), [1, 1, 1, maxLength], rows),
    floatTensor(n('masked'), [], Float32Array.of(-1e9)), floatTensor(n('zero'), [], Float32Array.of(0)),
    int64Tensor(n('shape_1111'), [4], [1, 1, 1, 1]),
  );
  const shared: OnnxNode[] = [
    makeNode('Cast', ['position_ids'], [n('position_f')], [intAttr('to', 1)]),
    makeNode('Reshape', [n('position_f'), n('shape_1111')], [n('position_4d')]),
    // This step's row of the cache, and the rows after it (not written yet in this generation).
    makeNode('Equal', [n('rows_col'), n('position_4d')], [n('this_row')]),
    makeNode('Greater', [n('rows_row'), n('position_4d')], [n('later_rows')]),
    makeNode('Where', [n('later_rows'), n('masked'), n('zero')], [n('mask_bias')]),
  ];
  const replaced = new Map<OnnxNode, OnnxNode[]>();
  for (const [layer, gqa] of attentions.entries()) {
    const heads = intAttribute(gqa, 'num_heads');
    const kvHeads = intAttribute(gqa, 'kv_num_heads');
    const scale = floatAttribute(gqa, 'scale');
    const cos = model.initializers.get(gqa.inputs[7] ?? '') ?? model.added.find((t) => t.name === gqa.inputs[7]);
    if (!heads || !kvHeads || scale === undefined || intAttribute(gqa, 'do_rotary') !== 1 || intAttribute(gqa, 'rotary_interleaved') || !cos || cos.dims.length !== 2) return undefined;
    const dim = 2 * cos.dims[1]!;
    const group = heads / kvHeads;
    const [qkv, key, value, pastKey, pastValue] = gqa.inputs as [string, string, string, string, string];
    const [output, presentKey, presentValue] = gqa.outputs as [string, string, string];
    const l = (s: string) => n(`${layer}/${s}`);
    model.added.push(
      int64Tensor(l('split'), [3], [heads * dim, kvHeads * dim, kvHeads * dim]),
      int64Tensor(l('q_shape'), [4], [1, kvHeads, group, dim]),
      int64Tensor(l('kv_shape'), [4], [1, kvHeads, 1, dim]),
      int64Tensor(l('out_shape'), [3], [1, 1, heads * dim]),
      floatTensor(l('scale'), [], Float32Array.of(scale)),
    );
    const nodes: OnnxNode[] = [];
    let [q, k, v] = [qkv, key, value];
    if (!key) {
      nodes.push(makeNode('Split', [qkv, l('split')], [l('q'), l('k'), l('v')], [intAttr('axis', -1)]));
      [q, k, v] = [l('q'), l('k'), l('v')];
    }
    nodes.push(
      makeNode('RotaryEmbedding', [q, 'position_ids', gqa.inputs[7]!, gqa.inputs[8]!], [l('q_rot')], [intAttr('interleaved', 0), intAttr('num_heads', heads)], 'com.microsoft'),
      makeNode('RotaryEmbedding', [k, 'position_ids', gqa.inputs[7]!, gqa.inputs[8]!], [l('k_rot')], [intAttr('interleaved', 0), intAttr('num_heads', kvHeads)], 'com.microsoft'),
      // Query heads grouped by the key/value head they share: [1, kvHeads, group, dim].
      makeNode('Reshape', [l('q_rot'), l('q_shape')], [l('q_grouped')]),
      makeNode('Reshape', [l('k_rot'), l('kv_shape')], [l('k_new')]),
      makeNode('Reshape', [v, l('kv_shape')], [l('v_new')]),
      makeNode('Where', [n('this_row'), l('k_new'), pastKey], [presentKey]),
      makeNode('Where', [n('this_row'), l('v_new'), pastValue], [presentValue]),
      makeNode('Transpose', [presentKey], [l('keys_t')], [intsAttr('perm', [0, 1, 3, 2])]),
      makeNode('MatMul', [l('q_grouped'), l('keys_t')], [l('scores')]),
      makeNode('Mul', [l('scores'), l('scale')], [l('scaled')]),
      makeNode('Add', [l('scaled'), n('mask_bias')], [l('biased')]),
      makeNode('Softmax', [l('biased')], [l('probs')], [intAttr('axis', -1)]),
      makeNode('MatMul', [l('probs'), presentValue], [l('context')]),
      makeNode('Reshape', [l('context'), l('out_shape')], [output]),
    );
    replaced.set(gqa, nodes);
  }
  const nodes: OnnxNode[] = [...shared];
  for (const node of model.nodes) nodes.push(...(replaced.get(node) ?? [node]));
  model.nodes = topologicalOrder(nodes, model);
  removeDead(model);
  return {
    bytes: serializeModel(model, { 'com.microsoft': 1 }),
    maxLength,
    dimensions: { batch_size: 1, sequence_length: 1, past_sequence_length: maxLength, total_sequence_length: maxLength },
  };
}
