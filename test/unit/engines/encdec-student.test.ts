import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OrtSeq2SeqEngine } from '../../../workers/engines/ort-seq2seq.ts';
import { seq2seqConfigFrom } from '../../../workers/engines/seq2seq-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { catalogue } from '../../../models/catalogue.ts';
import { collect } from './collect.ts';

/**
 * The bundled distilled encoder-decoder (models/bundled/tinystories-encdec, made by `npm run train:encdec`) against
 * the torch reference committed with it (test/fixtures/encdec-student/reference.json, from export_encdec.py): our
 * OrtSeq2SeqEngine on WASM reproduces the torch greedy ids exactly, and the ONNX graphs' logits (KV cache fed back)
 * match the torch logits (full recompute) within 1e-4.
 */
const bundle = join(import.meta.dirname, '../../../models/bundled/tinystories-encdec');
const fixture = join(import.meta.dirname, '../../fixtures/encdec-student');
const file = (name: string) => new Uint8Array(readFileSync(join(bundle, name)));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
interface Case { text: string; input_ids: number[]; generated_ids: number[]; step_logits?: number[][] }
const reference = json(join(fixture, 'reference.json')) as unknown as { new_tokens: number; decoder_start_token_id: number; cases: Case[] };
const config = seq2seqConfigFrom(json(join(bundle, 'config.json')), json(join(bundle, 'generation_config.json')),
  json(join(bundle, 'tokenizer_config.json')));
const tokenizer = new TextTokenizer({ tokenizerJson: json(join(bundle, 'tokenizer.json')), tokenizerConfig: json(join(bundle, 'tokenizer_config.json')) });

let engine: OrtSeq2SeqEngine;
beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  engine = await OrtSeq2SeqEngine.load({
    ort, modelId: 'tinystories-encdec', backend: 'wasm', tokenizer, config, encoder: file('encoder_model.onnx'),
    decoder: { merged: file('decoder_model_merged.onnx') },
  });
});
afterAll(() => engine?.unload());

describe('bundled encoder-decoder student (WASM, Node) against its torch reference', () => {
  test('config: BART-style names, decoder starts from pad, EOS <|end_story|>, 512-token window', () => {
    expect(config).toMatchObject({ decoderLayers: 3, decoderHeads: 6, headDim: 16, vocabSize: 2048, decoderStartTokenId: 0,
      eosTokenIds: [2], encoderContext: 512 });
  });

  test('the catalogue entry lists every bundled file with its size and sha256, for the Story panel', () => {
    const entry = catalogue.find((e) => e.id === 'tinystories-encdec')!;
    expect(entry).toMatchObject({ engine: 'ort-seq2seq', architecture: 'encoder-decoder', source: { kind: 'bundled' } });
    expect(entry.goodFor).toContain('story');
    for (const f of entry.files) {
      const bytes = file(f.path);
      expect(bytes.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      expect(bytes.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    }
  });

  test.each(reference.cases.map((c) => [c.text, c] as const))('%s: the engine reproduces the torch greedy ids', async (_name, c) => {
    expect(tokenizer.encode(c.text)).toEqual(c.input_ids);
    const { final, tokens } = await collect(engine.generate({ id: 't', prompt: c.text,
      params: { maxTokens: reference.new_tokens, temperature: 0, stopAtEos: false } }));
    expect(final.tokenIds).toEqual(c.generated_ids);
    expect(tokens).toEqual(c.generated_ids);
    expect(final.stats).toMatchObject({ backend: 'wasm', tokensIn: c.input_ids.length, tokensOut: reference.new_tokens });
  });

  test('ONNX logits (encoder, merged decoder with the KV cache) match the torch logits within 1e-4', async () => {
    const open = (name: string) => ort.InferenceSession.create(file(name), { executionProviders: ['wasm'] });
    const [encoder, decoder] = await Promise.all([open('encoder_model.onnx'), open('decoder_model_merged.onnx')]);
    const empty = () => new ort.Tensor('float32', new Float32Array(0), [1, config.decoderHeads, 0, config.headDim]);
    const useCache = (on: boolean) => new ort.Tensor('bool', Uint8Array.of(on ? 1 : 0), [1]);
    const emptyPast = () => Object.fromEntries(Array.from({ length: config.decoderLayers }, (_, i) => ['decoder', 'encoder']
      .flatMap((side) => ['key', 'value'].map((kind) => [`past_key_values.${i}.${side}.${kind}`, empty()]))).flat());
    const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
    let compared = 0;
    let maxDiff = 0;
    for (const c of reference.cases.filter((x) => x.step_logits)) {
      const mask = int64(c.input_ids.map(() => 1));
      const hidden = (await encoder.run({ input_ids: int64(c.input_ids), attention_mask: mask })).last_hidden_state!;
      const inputs = [reference.decoder_start_token_id, ...c.generated_ids];
      let past: Record<string, ort.Tensor> = {};
      const cross: Record<string, ort.Tensor> = {};
      for (const [step, expected] of c.step_logits!.entries()) {
        const out = step === 0
          ? await decoder.run({ input_ids: int64([inputs[0]!]), encoder_attention_mask: mask, encoder_hidden_states: hidden, use_cache_branch: useCache(false), ...emptyPast() })
          : await decoder.run({ input_ids: int64([inputs[step]!]), encoder_attention_mask: mask, encoder_hidden_states: hidden, use_cache_branch: useCache(true), ...past, ...cross });
        past = {};
        for (let i = 0; i < config.decoderLayers; i++) {
          for (const kind of ['key', 'value']) {
            past[`past_key_values.${i}.decoder.${kind}`] = out[`present.${i}.decoder.${kind}`]!;
            if (step === 0) cross[`past_key_values.${i}.encoder.${kind}`] = out[`present.${i}.encoder.${kind}`]!;
          }
        }
        const logits = out.logits!.data as Float32Array;
        expect(logits.length).toBe(expected.length);
        expected.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - logits[i]!)); });
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(2 * 4 * 2048);
    expect(maxDiff).toBeLessThanOrEqual(1e-4);
    await Promise.all([encoder, decoder].map((s) => s.release()));
  });
});
