import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, test } from 'vitest';
import { fuseDecoderGraph } from '../../../workers/engines/graph/fuse-decoder.ts';
import { parseModel } from '../../../workers/engines/graph/onnx-model.ts';
import { staticDecodeGraph } from '../../../workers/engines/graph/static-kv.ts';

const MODEL_DIR = join(import.meta.dirname, '../../../../shared/models/TinyStories-656K');
const reference = JSON.parse(readFileSync(join(MODEL_DIR, 'reference.json'), 'utf8')) as {
  new_tokens: number; prompts: { input_ids: number[]; generated_ids: number[] }[];
};
const original = new Uint8Array(readFileSync(join(MODEL_DIR, 'onnx/model.onnx')));
ort.env.wasm.numThreads = 1;
const [KV_HEADS, DIM, VOCAB] = [4, 16, 2048];

/**
 * Greedy ids through the fixed-shape graph one token at a time, as the WebGPU engine runs it: the cache is
 * maxLength rows from the start (filled with junk, which the mask must hide), each step's new row copied back from
 * `present` into the cache.
 */
async function greedyStatic(bytes: Uint8Array, dimensions: Record<string, number>, maxLength: number, ids: number[], steps: number) {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], freeDimensionOverrides: dimensions });
  const rowSize = DIM;
  const cache = Array.from({ length: 4 }, () => Float32Array.from({ length: KV_HEADS * maxLength * DIM }, (_, i) => Math.sin(i) * 50));
  const out: number[] = [];
  let token = ids[0]!;
  for (let position = 0; position < ids.length + steps - 1; position++) {
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(token)), [1, 1]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(maxLength).fill(1n), [1, maxLength]),
      position_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(position)), [1, 1]),
    };
    for (let i = 0; i < 2; i++) {
      feeds[`past_key_values.${i}.key`] = new ort.Tensor('float32', cache[2 * i]!, [1, KV_HEADS, maxLength, DIM]);
      feeds[`past_key_values.${i}.value`] = new ort.Tensor('float32', cache[2 * i + 1]!, [1, KV_HEADS, maxLength, DIM]);
    }
    const result = await session.run(feeds);
    [0, 1].forEach((i) => ['key', 'value'].forEach((kind, j) => {
      const present = result[`present.${i}.${kind}`]!;
      expect(present.dims).toEqual([1, KV_HEADS, maxLength, DIM]);
      const data = present.data as Float32Array;
      for (let h = 0; h < KV_HEADS; h++) {
        const at = (h * maxLength + position) * rowSize;
        cache[2 * i + j]!.set(data.subarray(at, at + rowSize), at);
      }
    }));
    if (position + 1 < ids.length) {
      token = ids[position + 1]!;
      continue;
    }
    const row = result.logits!.data as Float32Array;
    expect(row.length).toBe(VOCAB);
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
    out.push(best);
    token = best;
  }
  await session.release();
  return out;
}

describe('fixed-shape decode graph (for WebGPU graph capture)', () => {
  const fused = fuseDecoderGraph(original, 512)!;

  test('each GroupQueryAttention becomes plain attention over a fixed cache', () => {
    const graph = staticDecodeGraph(fused.bytes, 64)!;
    expect(graph.dimensions).toEqual({ batch_size: 1, sequence_length: 1, past_sequence_length: 64, total_sequence_length: 64 });
    const ops = parseModel(graph.bytes).nodes.map((n) => n.opType);
    expect(ops).not.toContain('GroupQueryAttention');
    expect(ops.filter((op) => op === 'RotaryEmbedding')).toHaveLength(4);
    expect(ops.filter((op) => op === 'Softmax')).toHaveLength(2);
    // Nothing of the fused graph's length bookkeeping from attention_mask is left.
    expect(ops).not.toContain('ReduceSum');
    expect(ops).not.toContain('Shape');
  });

  test('it reproduces the golden greedy ids exactly, one token a step, junk in the unused rows (WASM)', async () => {
    for (const maxLength of [40, 512]) {
      const graph = staticDecodeGraph(fused.bytes, maxLength)!;
      for (const prompt of reference.prompts) {
        expect(await greedyStatic(graph.bytes, graph.dimensions, maxLength, prompt.input_ids, reference.new_tokens)).toEqual(prompt.generated_ids);
      }
    }
  });

  test('a graph without fused attention or position ids is not rewritten', () => {
    expect(staticDecodeGraph(original, 64)).toBeUndefined();
    expect(staticDecodeGraph(new Uint8Array([1, 2, 3]), 64)).toBeUndefined();
  });
});
