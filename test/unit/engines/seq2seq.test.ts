import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { fitEncoderInput, OrtSeq2SeqEngine, type Seq2SeqDecoderFiles } from '../../../workers/engines/ort-seq2seq.ts';
import { seq2seqConfigFrom } from '../../../workers/engines/seq2seq-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { seq2seqFiles } from '../../../models/registry.ts';
import type { FinalEvent, GenerateParams } from '../../../workers/engines/types.ts';
import { collect } from './collect.ts';

const fixture = join(import.meta.dirname, '../../fixtures/seq2seq-tiny');
const file = (name: string) => new Uint8Array(readFileSync(join(fixture, name)));
const json = (name: string) => JSON.parse(readFileSync(join(fixture, name), 'utf8')) as Record<string, unknown>;
interface Case { text: string; input_ids: number[]; generated_ids: number[]; dropped?: number }
const reference = json('reference.json') as unknown as {
  new_tokens: number; eos_token_id: number; cases: Case[];
  case0_first_step_logits: number[]; case0_encoder_hidden_first_row: number[];
};
const tokenizer = new TextTokenizer({ tokenizerJson: json('tokenizer.json'), tokenizerConfig: json('tokenizer_config.json') });
const config = seq2seqConfigFrom(json('config.json'), json('generation_config.json'), json('tokenizer_config.json'));
// The reference truncates as Hugging Face does (the end of an over-long input goes).
const greedy: GenerateParams = { maxTokens: reference.new_tokens, temperature: 0, stopAtEos: false, dropFrom: 'end' };

const layouts: [string, () => Seq2SeqDecoderFiles][] = [
  ['merged decoder (use_cache_branch)', () => ({ merged: file('decoder_model_merged.onnx') })],
  ['decoder + decoder_with_past', () => ({ decoder: file('decoder_model.onnx'), withPast: file('decoder_with_past_model.onnx') })],
];
const load = (decoder: Seq2SeqDecoderFiles, encoder = file('encoder_model.onnx')) =>
  OrtSeq2SeqEngine.load({ ort, modelId: 'seq2seq-tiny', backend: 'wasm', tokenizer, config, encoder, decoder });

function run(engine: OrtSeq2SeqEngine, prompt: string, params: GenerateParams, signal?: AbortSignal) {
  return collect(engine.generate({ id: 't', prompt, params }, signal));
}

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

describe('seq2seq fixture and config', () => {
  test('the config reader understands the fixture (BART names) and T5 names', () => {
    expect(config).toEqual({ decoderLayers: 2, decoderHeads: 4, headDim: 4, encoderContext: 64, decoderContext: 64,
      vocabSize: 128, decoderStartTokenId: 2, eosTokenIds: [2] });
    // flan-t5-small's config.json: relative positions, so the tokenizer's window applies; T5 starts with pad (0).
    const t5 = seq2seqConfigFrom({ d_model: 512, d_kv: 64, num_heads: 6, num_layers: 8, num_decoder_layers: 8,
      vocab_size: 32128, decoder_start_token_id: 0, eos_token_id: 1, pad_token_id: 0 }, {}, { model_max_length: 512 });
    expect(t5).toMatchObject({ decoderLayers: 8, decoderHeads: 6, headDim: 64, encoderContext: 512, decoderStartTokenId: 0, eosTokenIds: [1] });
    expect(() => seq2seqConfigFrom({ d_model: 16 })).toThrow(/lacks/);
    expect(() => seq2seqConfigFrom({ d_model: 16, decoder_layers: 1, decoder_attention_heads: 4, max_position_embeddings: 8, vocab_size: 9 }))
      .toThrow(/decoder start/);
  });

  test('the tokenizer reproduces the reference input ids (the long one after truncation)', () => {
    for (const c of reference.cases) {
      const ids = tokenizer.encode(c.text);
      const fitted = fitEncoderInput(ids, config.encoderContext, (id) => tokenizer.specialText(id) !== undefined, 'end');
      expect(fitted.ids).toEqual(c.input_ids);
      expect(fitted.dropped).toBe(c.dropped ?? 0);
    }
    expect(reference.cases.some((c) => (c.dropped ?? 0) > 0)).toBe(true);
  });

  test('optimum encoder-decoder file sets are recognised (merged preferred), anything else is not', () => {
    expect(seq2seqFiles(['onnx/encoder_model.onnx', 'onnx/decoder_model.onnx', 'onnx/decoder_with_past_model.onnx', 'onnx/decoder_model_merged.onnx']))
      .toEqual({ encoder: 'onnx/encoder_model.onnx', merged: 'onnx/decoder_model_merged.onnx' });
    expect(seq2seqFiles(['encoder_model_quantized.onnx', 'decoder_model_quantized.onnx', 'decoder_with_past_model_quantized.onnx']))
      .toEqual({ encoder: 'encoder_model_quantized.onnx', first: 'decoder_model_quantized.onnx', withPast: 'decoder_with_past_model_quantized.onnx' });
    expect(seq2seqFiles(['model.onnx', 'tokenizer.json'])).toBeUndefined();
    expect(seq2seqFiles(['encoder_model.onnx', 'decoder_model.onnx'])).toBeUndefined();
  });

  test('truncation keeps leading and trailing specials; the content loses its start (default) or its end (Hugging Face)', () => {
    const special = (id: number) => id < 3;
    expect(fitEncoderInput([0, 5, 6, 7, 8, 2], 4, special, 'end')).toEqual({ ids: [0, 5, 6, 2], dropped: 2 });
    expect(fitEncoderInput([5, 6, 7, 8, 1], 3, special, 'end')).toEqual({ ids: [5, 6, 1], dropped: 2 });
    expect(fitEncoderInput([0, 5, 6, 7, 8, 2], 4, special)).toEqual({ ids: [0, 7, 8, 2], dropped: 2 });
    expect(fitEncoderInput([5, 6, 7, 8, 1], 3, special)).toEqual({ ids: [7, 8, 1], dropped: 2 });
    expect(fitEncoderInput([0, 5, 2], 3, special)).toEqual({ ids: [0, 5, 2], dropped: 0 });
  });

  test('ONNX encoder and first decoder step agree with the numpy reference values', async () => {
    const c = reference.cases[0]!;
    const encoder = await ort.InferenceSession.create(file('encoder_model.onnx'));
    const decoder = await ort.InferenceSession.create(file('decoder_model.onnx'));
    const ids = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
    const mask = ids(c.input_ids.map(() => 1));
    const hidden = (await encoder.run({ input_ids: ids(c.input_ids), attention_mask: mask })).last_hidden_state!;
    const firstRow = Array.from((hidden.data as Float32Array).slice(0, 16));
    firstRow.forEach((x, i) => expect(x).toBeCloseTo(reference.case0_encoder_hidden_first_row[i]!, 4));
    const out = await decoder.run({ input_ids: ids([config.decoderStartTokenId]), encoder_attention_mask: mask, encoder_hidden_states: hidden });
    Array.from(out.logits!.data as Float32Array).forEach((x, i) => expect(x).toBeCloseTo(reference.case0_first_step_logits[i]!, 3));
    await encoder.release();
    await decoder.release();
  });
});

describe.each(layouts)('OrtSeq2SeqEngine on WASM, %s', (_name, decoderFiles) => {
  let engine: OrtSeq2SeqEngine;
  beforeAll(async () => {
    engine = await load(decoderFiles());
  });
  afterAll(() => engine?.unload());

  test.each(reference.cases.map((c, i) => [i, c] as const))('case %i: greedy ids match the reference exactly', async (_i, c) => {
    const { final, tokens, streamed } = await run(engine, c.text, greedy);
    expect(final.tokenIds).toEqual(c.generated_ids);
    expect(tokens).toEqual(c.generated_ids);
    expect(final.finishReason).toBe('length');
    expect(final.stats).toMatchObject({ backend: 'wasm', tokensIn: c.input_ids.length, tokensOut: reference.new_tokens,
      promptTokensDropped: c.dropped ?? 0 });
    expect(final.stats.ttftMs).toBeGreaterThan(0);
    expect(final.stats.prefillTokS).toBeGreaterThan(0);
    expect(final.stats.decodeTokS).toBeGreaterThan(0);
    expect(streamed).toBe(final.text);
    expect(final.text).toBe(tokenizer.decode(c.generated_ids));
  });

  test('EOS ends generation where the reference produces it (EOS not streamed, not in the text)', async () => {
    const c = reference.cases.find((x) => x.generated_ids.slice(1, -1).includes(reference.eos_token_id))!;
    const at = c.generated_ids.indexOf(reference.eos_token_id);
    const { final, tokens } = await run(engine, c.text, { maxTokens: reference.new_tokens, temperature: 0 });
    expect(final.finishReason).toBe('stop');
    expect(final.tokenIds).toEqual(c.generated_ids.slice(0, at + 1));
    expect(tokens).toEqual(c.generated_ids.slice(0, at));
    expect(final.text).toBe(tokenizer.decode(c.generated_ids.slice(0, at)));
  });
});

describe('OrtSeq2SeqEngine behaviour', () => {
  let engine: OrtSeq2SeqEngine;
  beforeAll(async () => {
    engine = await load(layouts[0]![1]());
  });
  afterAll(() => engine?.unload());

  test('a stop string ends generation and is not part of the text', async () => {
    const c = reference.cases.find((x) => !x.generated_ids.slice(0, 12).includes(reference.eos_token_id))!;
    const free = await run(engine, c.text, greedy);
    const stop = free.final.text.slice(8, 11);
    expect(stop.trim()).not.toBe('');
    const stopped = await run(engine, c.text, { ...greedy, stop: [stop] });
    expect(stopped.final.finishReason).toBe('stop');
    expect(stopped.final.text).toBe(free.final.text.slice(0, free.final.text.indexOf(stop)));
    expect(stopped.streamed).toBe(stopped.final.text);
    expect(stopped.final.tokenIds.length).toBeLessThan(reference.new_tokens);
  });

  test('same seed → same sample; another seed → another', async () => {
    const params = { maxTokens: 20, temperature: 1.2, topK: 50, topP: 0.95, seed: 11, stopAtEos: false };
    const prompt = reference.cases[1]!.text;
    const a = await run(engine, prompt, params);
    const b = await run(engine, prompt, params);
    const c = await run(engine, prompt, { ...params, seed: 12 });
    expect(a.final.tokenIds).toEqual(b.final.tokenIds);
    expect(a.final.text).toBe(b.final.text);
    expect(c.final.tokenIds).not.toEqual(a.final.tokenIds);
    expect(a.final.tokenIds).not.toEqual(reference.cases[1]!.generated_ids.slice(0, 20));
  });

  test('abort ends the stream at once with finishReason abort', async () => {
    const controller = new AbortController();
    const stream = engine.generate({ id: 'a', prompt: reference.cases[1]!.text, params: { maxTokens: 60, temperature: 0 } }, controller.signal);
    await stream.next();
    await stream.next();
    controller.abort();
    const last = await stream.next();
    expect(last.done).toBe(true);
    expect((last.value as FinalEvent).finishReason).toBe('abort');
    expect((last.value as FinalEvent).tokenIds).toEqual(reference.cases[1]!.generated_ids.slice(0, 2));
  });

  test('max tokens beyond the decoder positions is clipped, never a crash', async () => {
    const { final } = await run(engine, reference.cases[1]!.text, { maxTokens: 10_000, temperature: 0, stopAtEos: false });
    expect(final.tokenIds).toHaveLength(config.decoderContext);
    expect(final.tokenIds.slice(0, reference.new_tokens)).toEqual(reference.cases[1]!.generated_ids);
    expect(final.finishReason).toBe('length');
  });

  test('a corrupt, truncated or wrong-kind model file is refused with a clear error', async () => {
    const encoder = file('encoder_model.onnx');
    await expect(load({ merged: file('decoder_model_merged.onnx') }, encoder.subarray(0, encoder.length / 2))).rejects.toThrow();
    await expect(load({ merged: new TextEncoder().encode('not a model') })).rejects.toThrow();
    // A decoder-only model where the merged decoder belongs, and the encoder given as the decoder.
    const tinyStories = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../models/bundled/tinystories-656k/model.onnx')));
    await expect(load({ merged: tinyStories })).rejects.toThrow(/not an encoder-decoder model.*missing decoder input encoder_hidden_states/);
    await expect(load({ merged: encoder })).rejects.toThrow(/not an encoder-decoder model/);
    await expect(load({ merged: file('decoder_model.onnx') })).rejects.toThrow(/use_cache_branch/);
  });
});

test('an encoder-decoder config.json with broken numbers, or a start token outside the vocabulary, is an IntegrityError naming config.json', async () => {
  const { IntegrityError } = await import('../../../extension/protocol/errors.ts');
  const good = json('config.json') as Record<string, unknown>;
  for (const change of [{ decoder_layers: 0 }, { decoder_attention_heads: 7, d_model: 100 }, { decoder_start_token_id: 10 ** 9 }]) {
    const read = () => seq2seqConfigFrom({ ...good, ...change }, {}, {});
    expect(read).toThrow(IntegrityError);
  }
  expect(() => seq2seqConfigFrom(good, json('generation_config.json'), json('tokenizer_config.json'))).not.toThrow();
});

describe('an over-long input keeps its end by default (a story\'s opening, a task, a question come last)', () => {
  let engine: OrtSeq2SeqEngine;
  beforeAll(async () => {
    engine = await load({ merged: file('decoder_model_merged.onnx') });
  });
  afterAll(() => engine?.unload());

  test('two long inputs that differ only at their end are written on differently; differing only at their start, alike', async () => {
    const long = 'the cat sat on the mat. '.repeat(200);
    const params: GenerateParams = { maxTokens: 8, temperature: 0, stopAtEos: false };
    const endA = await run(engine, `${long}Once upon a time a dog`, params);
    const endB = await run(engine, `${long}Zebra quartz jumps over`, params);
    const startA = await run(engine, `Hello there. ${long}Once upon a time a dog`, params);
    expect(endA.final.stats.promptTokensDropped).toBeGreaterThan(0);
    expect(endA.final.tokenIds).not.toEqual(endB.final.tokenIds);
    expect(startA.final.tokenIds).toEqual(endA.final.tokenIds);
    // As Hugging Face truncates, the other way round.
    const hfA = await run(engine, `${long}Once upon a time a dog`, { ...params, dropFrom: 'end' });
    const hfB = await run(engine, `${long}Zebra quartz jumps over`, { ...params, dropFrom: 'end' });
    expect(hfA.final.tokenIds).toEqual(hfB.final.tokenIds);
  });
});
