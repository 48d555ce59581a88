import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { expect, test } from 'vitest';
import { OrtDecoderEngine } from '../../../workers/engines/ort-decoder.ts';
import { parseModel, serializeModel, makeNode, intAttr } from '../../../workers/engines/graph/onnx-model.ts';
import { decodeMessage, encodeMessage, messageField, intField, text, type WireField } from '../../../workers/engines/graph/protobuf.ts';
import { decoderConfigFrom } from '../../../workers/engines/model-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { catalogue } from '../../../models/catalogue.ts';

const bundled = join(import.meta.dirname, '../../../models/bundled/tinystories-656k');
const json = (p: string) => JSON.parse(readFileSync(join(bundled, p), 'utf8'));

/** ValueInfoProto(name=1, type=2 {tensor_type=1 {elem_type=1, shape=2}}) with elem_type set to `elem`. */
function retype(valueInfo: Uint8Array, elem: number): Uint8Array {
  return encodeMessage(decodeMessage(valueInfo).map((f): WireField => {
    if (f.no !== 2 || f.wire !== 2) return f;
    return messageField(2, decodeMessage(f.bytes).map((t): WireField => {
      if (t.no !== 1 || t.wire !== 2) return t;
      return messageField(1, decodeMessage(t.bytes).map((e) => (e.no === 1 ? intField(1, elem) : e)));
    }));
  }));
}

/** The bundled model with float16 cache inputs/outputs and logits, as optimum's fp16 and q4f16 exports have. */
function fp16io(bytes: Uint8Array): Uint8Array {
  const model = parseModel(bytes);
  const FLOAT = 1;
  const FLOAT16 = 10;
  const casts = [];
  for (const name of model.graphInputs.filter((n) => n.startsWith('past_key_values'))) {
    for (const node of model.nodes) node.inputs = node.inputs.map((i) => (i === name ? `${name}_f32` : i));
    casts.push(makeNode('Cast', [name], [`${name}_f32`], [intAttr('to', FLOAT)]));
  }
  for (const name of model.graphOutputs.filter((n) => n.startsWith('present') || n === 'logits')) {
    for (const node of model.nodes) {
      node.outputs = node.outputs.map((o) => (o === name ? `${name}_f32` : o));
      node.inputs = node.inputs.map((i) => (i === name ? `${name}_f32` : i));
    }
    casts.push(makeNode('Cast', [`${name}_f32`], [name], [intAttr('to', FLOAT16)]));
  }
  model.nodes = [...casts.slice(0, 4), ...model.nodes, ...casts.slice(4)];
  model.graphFields = model.graphFields.map((f) => {
    if ((f.no === 11 || f.no === 12) && f.wire === 2) {
      const name = text(decodeMessage(f.bytes).find((x) => x.no === 1)!);
      if (name.startsWith('past_key_values') || name.startsWith('present') || name === 'logits') return { ...f, bytes: retype(f.bytes, FLOAT16) };
    }
    return f;
  });
  return serializeModel(model);
}

test('a graph with a float16 cache and logits (a *_fp16 / *_q4f16 export) is refused at load with what to use instead', async () => {
  ort.env.wasm.numThreads = 1;
  const model = fp16io(new Uint8Array(readFileSync(join(bundled, 'model.onnx'))));
  const tokenizer = new TextTokenizer({ tokenizerJson: json('tokenizer.json'), tokenizerConfig: json('tokenizer_config.json') });
  const failure = await OrtDecoderEngine.load({
    ort, modelId: 'fp16-io', backend: 'wasm', tokenizer, model, config: decoderConfigFrom(json('config.json'), json('generation_config.json')),
  }).catch((e: unknown) => e);
  expect((failure as Error).name).toBe('ModelNotFoundError');
  expect((failure as Error).message).toMatch(/float16.*model_q4\.onnx/);
});

test('the catalogue offers no float16-IO ONNX export to the ONNX decoder engine', () => {
  for (const entry of catalogue.filter((e) => e.engine === 'ort-decoder')) {
    expect(entry.files.map((f) => f.path).join(' ')).not.toMatch(/_(fp16|q4f16)\.onnx/);
  }
});
