import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, test } from 'vitest';
import { fuseDecoderGraph } from '../../../workers/engines/graph/fuse-decoder.ts';
import { parseModel, serializeModel } from '../../../workers/engines/graph/onnx-model.ts';

const MODEL_DIR = join(import.meta.dirname, '../../../../shared/models/TinyStories-656K');
const reference = JSON.parse(readFileSync(join(MODEL_DIR, 'reference.json'), 'utf8')) as {
  new_tokens: number; prompts: { input_ids: number[]; generated_ids: number[] }[];
};
const original = new Uint8Array(readFileSync(join(MODEL_DIR, 'onnx/model.onnx')));
ort.env.wasm.numThreads = 1;

/** Greedy ids with the KV cache fed back, as the engine runs a decoder. */
async function greedy(bytes: Uint8Array, ids: number[], steps: number): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  let past: ort.Tensor[] = Array.from({ length: 4 }, () => new ort.Tensor('float32', new Float32Array(0), [1, 4, 0, 16]));
  let input = ids;
  let position = 0;
  const out: number[] = [];
  for (let step = 0; step < steps; step++) {
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(input, BigInt), [1, input.length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(position + input.length).fill(1n), [1, position + input.length]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from(input, (_, i) => BigInt(position + i)), [1, input.length]),
    };
    for (let i = 0; i < 2; i++) {
      feeds[`past_key_values.${i}.key`] = past[2 * i]!;
      feeds[`past_key_values.${i}.value`] = past[2 * i + 1]!;
    }
    const result = await session.run(feeds);
    past = [0, 1].flatMap((i) => [result[`present.${i}.key`]!, result[`present.${i}.value`]!]);
    const logits = result.logits!.data as Float32Array;
    const row = logits.subarray((input.length - 1) * 2048, input.length * 2048);
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
    out.push(best);
    position += input.length;
    input = [best];
  }
  await session.release();
  return out;
}

describe('decoder graph fusion', () => {
  test('TinyStories-656K: norms, residual adds, projections and attention become fused kernels, a fifth of the nodes remain', () => {
    const fused = fuseDecoderGraph(original, 512)!;
    expect(fused).toBeDefined();
    expect(fused.attention).toBe(2);
    expect(fused.norms).toBe(5);
    expect(fused.nodesBefore).toBe(156);
    expect(fused.nodesAfter).toBeLessThan(35);
    const ops = parseModel(fused.bytes).nodes.map((n) => n.opType);
    expect(ops.filter((op) => op === 'GroupQueryAttention')).toHaveLength(2);
    expect(fused.summary).toBe('2 GroupQueryAttention, 4 SkipSimplifiedLayerNormalization, 1 SimplifiedLayerNormalization');
    // q, k and v projections packed into one MatMul per layer: 2 layers × (qkv, o, gate, up, down) + the output head.
    expect(ops.filter((op) => op === 'MatMul')).toHaveLength(11);
    expect(ops).not.toContain('Softmax');
  });

  test('the fused graph reproduces the golden greedy ids exactly (WASM)', async () => {
    const fused = fuseDecoderGraph(original, 512)!;
    for (const prompt of reference.prompts) {
      expect(await greedy(fused.bytes, prompt.input_ids, reference.new_tokens)).toEqual(prompt.generated_ids);
    }
  });

  test('rewriting nothing writes back a model that runs the same', async () => {
    const copy = serializeModel(parseModel(original));
    const prompt = reference.prompts[0]!;
    expect(await greedy(copy, prompt.input_ids, 8)).toEqual(prompt.generated_ids.slice(0, 8));
  });

  test('a graph it does not know is left alone', () => {
    const student = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../models/bundled/tinystories-encdec/encoder_model.onnx')));
    expect(fuseDecoderGraph(student, 512)).toBeUndefined();
    expect(fuseDecoderGraph(new Uint8Array([1, 2, 3]), 512)).toBeUndefined();
  });
});
