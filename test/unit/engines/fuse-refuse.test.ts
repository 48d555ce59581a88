import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuseDecoderGraph } from '../../../workers/engines/graph/fuse-decoder.ts';
import { int64Tensor, intAttr, makeNode, type OnnxModel, parseModel, serializeModel } from '../../../workers/engines/graph/onnx-model.ts';

/**
 * Graphs that look like the Llama decoder but compute something else: the fusion pass (full causal attention, rotary
 * over halves) must leave them as exported, or the tokens would silently change. Mutations of the bundled graph.
 */
const original = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../models/bundled/tinystories-656k/model.onnx')));
function mutate(change: (m: OnnxModel) => void): Uint8Array {
  const model = parseModel(original);
  change(model);
  return serializeModel(model);
}

describe('the fusion pass refuses what it would compute differently', () => {
  test('the bundled graph itself is fused (the mutations below start from a graph the pass accepts)', () => {
    // TinyStories-656K: two attention layers become GroupQueryAttention.
    expect(fuseDecoderGraph(original, 512)?.attention).toBe(2);
  });

  test.each([
    ['a sliding-window mask (Mistral style)', (m: OnnxModel) => {
      m.added.push(int64Tensor('win', [], [4]));
      const i = m.nodes.findIndex((n) => n.outputs[0] === 'causal_35');
      m.nodes.splice(i + 1, 0, makeNode('Sub', ['q_col_33', 'win'], ['q_minus_w']), makeNode('Greater', ['k_idx_29', 'q_minus_w'], ['in_window']),
        makeNode('And', ['causal_35', 'in_window'], ['causal_sw']));
      m.nodes.find((n) => n.outputs[0] === 'causal4_37')!.inputs[0] = 'causal_sw';
    }],
    ['softmax over another axis', (m: OnnxModel) => {
      for (const n of m.nodes) if (n.opType === 'Softmax') n.attributes = [intAttr('axis', 2)];
    }],
    ['a padding-only (bidirectional) mask made with Greater(attention_mask, 0)', (m: OnnxModel) => {
      m.added.push(int64Tensor('zero_b', [], [0]));
      Object.assign(m.nodes.find((n) => n.outputs[0] === 'am_bool_39')!, makeNode('Greater', ['attention_mask', 'zero_b'], ['am_bool_39']));
      Object.assign(m.nodes.find((n) => n.outputs[0] === 'allowed_43')!, makeNode('Identity', ['am4_41'], ['allowed_43']));
    }],
    ['rotate_half over the wrong slices (0:4 / 4:)', (m: OnnxModel) => {
      m.added.push(int64Tensor('q_e', [1], [4]), int64Tensor('q_s', [1], [4]));
      for (const n of m.nodes) if (n.opType === 'Slice') {
        if (n.inputs[1] === 'half_lo_s') n.inputs[2] = 'q_e';
        else n.inputs[1] = 'q_s';
      }
    }],
    ['the cache concatenated on another axis', (m: OnnxModel) => {
      for (const n of m.nodes) if (n.opType === 'Concat' && n.inputs[0]!.startsWith('past_key_values')) n.attributes = [intAttr('axis', 3)];
    }],
  ])('%s', (_name, change) => {
    expect(fuseDecoderGraph(mutate(change), 512)).toBeFalsy();
  });
});
