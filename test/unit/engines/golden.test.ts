import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OrtDecoderEngine } from '../../../workers/engines/ort-decoder.ts';
import { decoderConfigFrom } from '../../../workers/engines/model-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import type { FinalEvent, GenerateParams } from '../../../workers/engines/types.ts';

const bundled = join(import.meta.dirname, '../../../models/bundled/tinystories-656k');
const shared = join(import.meta.dirname, '../../../../shared/models/TinyStories-656K');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const reference = json(join(shared, 'reference.json')) as {
  new_tokens: number;
  prompts: { prompt: string; input_ids: number[]; generated_ids: number[]; generated_text: string }[];
};

let engine: OrtDecoderEngine;
const tokenizer = new TextTokenizer({
  tokenizerJson: json(join(bundled, 'tokenizer.json')),
  tokenizerConfig: json(join(bundled, 'tokenizer_config.json')),
});

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  engine = await OrtDecoderEngine.load({
    ort, modelId: 'tinystories-656k', backend: 'wasm', tokenizer,
    model: readFileSync(join(bundled, 'model.onnx')),
    config: decoderConfigFrom(json(join(bundled, 'config.json')), json(join(bundled, 'generation_config.json'))),
  });
});
afterAll(() => engine?.unload());

async function run(prompt: string, params: GenerateParams, signal?: AbortSignal) {
  const stream = engine.generate({ id: 't', prompt, params }, signal);
  const tokens: number[] = [];
  let streamed = '';
  for (;;) {
    const next = await stream.next();
    if (next.done) return { final: next.value as FinalEvent, tokens, streamed };
    tokens.push(next.value.tokenId);
    streamed += next.value.text;
  }
}

describe('OrtDecoderEngine on WASM (Node) against the golden reference', () => {
  test('the bundled model file is the shared one', () => {
    expect(readFileSync(join(bundled, 'model.onnx')).equals(readFileSync(join(shared, 'onnx/model.onnx')))).toBe(true);
  });

  test.each(reference.prompts.map((p) => [p.prompt, p] as const))('%s: ids and 32 greedy tokens match exactly', async (_name, golden) => {
    expect(tokenizer.encode(golden.prompt)).toEqual(golden.input_ids);
    const { final, tokens, streamed } = await run(golden.prompt, { maxTokens: reference.new_tokens, temperature: 0, stopAtEos: false });
    expect(final.tokenIds).toEqual(golden.generated_ids);
    expect(tokens).toEqual(golden.generated_ids);
    expect(final.finishReason).toBe('length');
    expect(final.stats).toMatchObject({ backend: 'wasm', tokensIn: golden.input_ids.length, tokensOut: 32, promptTokensDropped: 0 });
    expect(final.stats.decodeTokS).toBeGreaterThan(0);
    // Streamed increments add up to the final text, which continues the prompt with its leading space intact.
    expect(streamed).toBe(final.text);
    expect((golden.prompt + final.text).startsWith(golden.prompt)).toBe(true);
    expect(final.text.trimStart()).toBe(golden.generated_text.trimStart());
  });
});
