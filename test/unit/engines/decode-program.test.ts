import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, test } from 'vitest';
import { DecodeTwin } from '../../../shaders/decode-twin.ts';
import { CpuDecoder } from '../../../workers/engines/cpu/cpu-decoder.ts';
import { matvecModuleBytes } from '../../../workers/engines/cpu/matvec-wasm.ts';
import { decodeProgram } from '../../../workers/engines/graph/decode-program.ts';
import { fuseDecoderGraph } from '../../../workers/engines/graph/fuse-decoder.ts';
import { parseModel, serializeModel } from '../../../workers/engines/graph/onnx-model.ts';

const MODEL_DIR = join(import.meta.dirname, '../../../../shared/models/TinyStories-656K');
const reference = JSON.parse(readFileSync(join(MODEL_DIR, 'reference.json'), 'utf8')) as {
  new_tokens: number; prompts: { input_ids: number[]; generated_ids: number[] }[];
};
const original = new Uint8Array(readFileSync(join(MODEL_DIR, 'onnx/model.onnx')));
const fused = fuseDecoderGraph(original, 512)!;
ort.env.wasm.numThreads = 1;

const argmax = (row: Float32Array) => row.reduce((best, value, i) => (value > row[best]! ? i : best), 0);

describe('decode program (a fused graph as single-token operations) and its CPU twin', () => {
  test('TinyStories-656K: one operation per fused node, the mask arithmetic dropped', () => {
    const program = decodeProgram(fused.bytes)!;
    expect(program).toBeDefined();
    expect(program.ops.map((op) => op.op).join(' ')).toBe(
      'gather norm matmul attention matmul norm matmul matmul sigmoid mul mul matmul norm matmul attention matmul norm matmul matmul sigmoid mul mul matmul norm matmul');
    expect(program).toMatchObject({ layers: 2, kvHeads: 4, headDim: 16, vocab: 2048, maxPositions: 512 });
    // The tied output head reads the embedding transposed: [128, 2048].
    const head = program.ops.at(-1)!;
    expect(head).toMatchObject({ op: 'matmul', rows: 128, cols: 2048 });
  });

  test('the twin, fed the prompt one token at a time, reproduces the golden greedy ids', () => {
    const program = decodeProgram(fused.bytes)!;
    for (const prompt of reference.prompts) {
      const twin = new DecodeTwin(program, 64);
      let logits: Float32Array = new Float32Array(0);
      prompt.input_ids.forEach((id, position) => (logits = twin.step(id, position)));
      const out: number[] = [];
      for (let position = prompt.input_ids.length; out.length < reference.new_tokens; position++) {
        out.push(argmax(logits));
        logits = twin.step(out.at(-1)!, position);
      }
      expect(out).toEqual(prompt.generated_ids);
    }
  });

  test('its logits and cache agree with onnxruntime running the fused graph (WASM)', async () => {
    const program = decodeProgram(fused.bytes)!;
    const session = await ort.InferenceSession.create(fused.bytes, { executionProviders: ['wasm'] });
    const ids = reference.prompts[0]!.input_ids;
    const result = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (_, i) => BigInt(i)), [1, ids.length]),
      ...Object.fromEntries([0, 1].flatMap((i) => ['key', 'value'].map((kind) => [`past_key_values.${i}.${kind}`, new ort.Tensor('float32', new Float32Array(0), [1, 4, 0, 16])]))),
    });
    const twin = new DecodeTwin(program, 32);
    let logits: Float32Array = new Float32Array(0);
    ids.forEach((id, position) => (logits = twin.step(id, position)));
    const theirs = (result.logits!.data as Float32Array).subarray((ids.length - 1) * 2048);
    let worst = 0;
    for (let i = 0; i < 2048; i++) worst = Math.max(worst, Math.abs(logits[i]! - theirs[i]!));
    expect(worst).toBeLessThan(1e-3);
    // present.0.key is [1, kvHeads, length, headDim]; the twin's cache is [kvHeads, rows, headDim].
    const present = result['present.0.key']!.data as Float32Array;
    for (let h = 0; h < 4; h++) {
      for (let t = 0; t < ids.length; t++) {
        for (let d = 0; d < 16; d++) expect(twin.keys[0]![(h * 32 + t) * 16 + d]).toBeCloseTo(present[(h * ids.length + t) * 16 + d]!, 4);
      }
    }
    await session.release();
  });

  test('the CPU decoder (WebAssembly SIMD products) agrees with the twin every step and reproduces the golden ids', () => {
    expect(WebAssembly.validate(matvecModuleBytes())).toBe(true);
    const program = decodeProgram(fused.bytes)!;
    for (const [i, prompt] of reference.prompts.entries()) {
      const rows = i === 0 ? 512 : 40;
      const cpu = CpuDecoder.create(program, rows)!;
      const twin = new DecodeTwin(program, rows);
      let logits: Float32Array = new Float32Array(0);
      let worst = 0;
      const out: number[] = [];
      for (let position = 0; position < prompt.input_ids.length + reference.new_tokens - 1; position++) {
        const token = position < prompt.input_ids.length ? prompt.input_ids[position]! : out.at(-1)!;
        logits = cpu.step(token, position);
        const expected = twin.step(token, position);
        for (let j = 0; j < logits.length; j++) worst = Math.max(worst, Math.abs(logits[j]! - expected[j]!));
        if (position >= prompt.input_ids.length - 1) out.push(argmax(logits));
      }
      expect(out).toEqual(prompt.generated_ids);
      expect(worst).toBeLessThan(1e-3);
      expect(() => cpu.step(1, rows)).toThrow(RangeError);
      expect(() => cpu.step(5000, 0)).toThrow(RangeError);
    }
  });

  test('the CPU decoder continues from a prompt cache onnxruntime computed (as the engine runs it)', async () => {
    const program = decodeProgram(fused.bytes)!;
    const session = await ort.InferenceSession.create(fused.bytes, { executionProviders: ['wasm'] });
    const prompt = reference.prompts[1]!;
    const ids = prompt.input_ids;
    const result = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (_, i) => BigInt(i)), [1, ids.length]),
      ...Object.fromEntries([0, 1].flatMap((i) => ['key', 'value'].map((kind) => [`past_key_values.${i}.${kind}`, new ort.Tensor('float32', new Float32Array(0), [1, 4, 0, 16])]))),
    });
    const cpu = CpuDecoder.create(program, 64)!;
    cpu.loadPrompt([0, 1].flatMap((i) => ['key', 'value'].map((kind) => ({ data: result[`present.${i}.${kind}`]!.data as Float32Array, rows: ids.length }))), ids.length);
    const out = [argmax((result.logits!.data as Float32Array).subarray((ids.length - 1) * 2048))];
    for (let position = ids.length; out.length < reference.new_tokens; position++) out.push(argmax(cpu.step(out.at(-1)!, position)));
    expect(out).toEqual(prompt.generated_ids);
    await session.release();
  });

  test('graphs it does not know: the exported graph, an unknown op, garbage', () => {
    expect(decodeProgram(original)).toBeUndefined();
    const model = parseModel(fused.bytes);
    model.nodes.find((n) => n.opType === 'Sigmoid')!.opType = 'Tanh';
    expect(decodeProgram(serializeModel(model))).toBeUndefined();
    expect(() => decodeProgram(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
