import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OrtDecoderEngine } from '../../../workers/engines/ort-decoder.ts';
import { decoderConfigFrom } from '../../../workers/engines/model-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import type { FinalEvent, GenerateParams } from '../../../workers/engines/types.ts';
import { collect } from './collect.ts';

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

function run(prompt: string, params: GenerateParams, signal?: AbortSignal, promptHasSpecialTokens = false) {
  return collect(engine.generate({ id: 't', prompt, params, promptHasSpecialTokens }, signal));
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

describe('OrtDecoderEngine behaviour', () => {
  test('same seed → same story; another seed → another story', async () => {
    const params = { maxTokens: 40, temperature: 0.9, topK: 40, topP: 0.95, seed: 11 };
    const a = await run('Once upon a time', params);
    const b = await run('Once upon a time', params);
    const c = await run('Once upon a time', { ...params, seed: 12 });
    expect(a.final.tokenIds).toEqual(b.final.tokenIds);
    expect(a.final.text).toBe(b.final.text);
    expect(c.final.tokenIds).not.toEqual(a.final.tokenIds);
  });

  test('a stop string ends generation and is not part of the text', async () => {
    const free = await run('Once upon a time', { maxTokens: 32, temperature: 0, stopAtEos: false });
    const stop = 'girl';
    expect(free.final.text).toContain(stop);
    const stopped = await run('Once upon a time', { maxTokens: 32, temperature: 0, stop: [stop] });
    expect(stopped.final.finishReason).toBe('stop');
    expect(stopped.final.text).toBe(free.final.text.slice(0, free.final.text.indexOf(stop)));
    expect(stopped.streamed).toBe(stopped.final.text);
  });

  test('abort ends the stream at once with finishReason abort', async () => {
    const controller = new AbortController();
    const stream = engine.generate({ id: 'a', prompt: 'The cat', params: { maxTokens: 100, temperature: 0 } }, controller.signal);
    await stream.next();
    await stream.next();
    controller.abort();
    const last = await stream.next();
    expect(last.done).toBe(true);
    expect((last.value as FinalEvent).finishReason).toBe('abort');
    expect((last.value as FinalEvent).tokenIds).toHaveLength(2);
  });

  test('a prompt longer than the context keeps BOS, drops the front and says how much', async () => {
    const long = 'The dog ran to the park and played with a ball. '.repeat(100);
    const { final } = await run(long, { maxTokens: 8, temperature: 0 });
    expect(final.stats.promptTokensDropped).toBeGreaterThan(0);
    expect(final.stats.tokensIn + 8).toBe(512);
    expect(final.tokenIds).toHaveLength(8);
  });

  test('a prompt that already carries special tokens (a rendered chat template) gets no second BOS', async () => {
    const text = '<|start_story|>Once upon a time';
    const asIs = tokenizer.encode(text, false);
    expect(asIs[0]).toBe(1); // the template's own BOS
    expect(tokenizer.encode(text, true)).toEqual([1, ...asIs]); // what the default path would feed: BOS twice
    const templated = await run(text, { maxTokens: 4, temperature: 0 }, undefined, true);
    expect(templated.final.stats.tokensIn).toBe(asIs.length);
  });

  test('max tokens beyond the context is clipped, never a crash', async () => {
    const { final } = await run('The cat', { maxTokens: 100_000, temperature: 0, stopAtEos: false });
    expect(final.stats.tokensIn + final.stats.tokensOut).toBe(512);
    expect(final.finishReason).toBe('length');
  }, 120_000);

  test('EOS ends a story when stopAtEos is on (default)', async () => {
    const { final } = await run('Once upon a time', { maxTokens: 400, temperature: 0.8, seed: 3 });
    expect(final.finishReason).toBe('stop');
    expect(final.tokenIds.length).toBeLessThan(400);
    expect(final.text).not.toContain('<|end_story|>');
    expect(final.text.length).toBeGreaterThan(50);
  }, 120_000);

  test('a corrupt or truncated model file is refused with an error, not a hang', async () => {
    const bytes = readFileSync(join(bundled, 'model.onnx'));
    const load = (model: Uint8Array) => OrtDecoderEngine.load({
      ort, modelId: 'broken', backend: 'wasm', tokenizer, model,
      config: decoderConfigFrom(json(join(bundled, 'config.json'))),
    });
    await expect(load(bytes.subarray(0, bytes.length / 2))).rejects.toThrow();
    await expect(load(new TextEncoder().encode('not a model'))).rejects.toThrow();
  });
});

describe('decode steps on our WebAssembly SIMD kernels', () => {
  test('give the tokens of onnxruntime steps for greedy, penalty, seeded top-k/top-p and full sampling, and after a long prompt', async () => {
    const ortSteps = await OrtDecoderEngine.load({
      ort, modelId: 'tinystories-656k', backend: 'wasm', tokenizer, ownSteps: false,
      model: readFileSync(join(bundled, 'model.onnx')),
      config: decoderConfigFrom(json(join(bundled, 'config.json')), json(join(bundled, 'generation_config.json'))),
    });
    try {
      expect(engine.info.graph).toContain('decode steps run on our WebAssembly SIMD kernels (KV cache of 512 rows)');
      expect(ortSteps.info.graph).not.toContain('decode steps run on our');
      const long = reference.prompts.map((p) => p.generated_text).join(' ');
      const cases: [string, GenerateParams][] = [
        ['Once upon a time', { maxTokens: 64, temperature: 0, repetitionPenalty: 1.3, stopAtEos: false }],
        ['The dog', { maxTokens: 64, temperature: 0.9, topK: 40, topP: 0.95, repetitionPenalty: 1.1, seed: 7, stopAtEos: false }],
        ['Tom', { maxTokens: 64, temperature: 1, seed: 5, stopAtEos: false }],
        [long, { maxTokens: 40, temperature: 0.7, seed: 2, stopAtEos: false }],
      ];
      for (const [prompt, params] of cases) {
        const [ours, theirs] = [await collect(engine.generate({ id: 'o', prompt, params })), await collect(ortSteps.generate({ id: 'r', prompt, params }))];
        expect(ours.final.tokenIds, JSON.stringify(params)).toEqual(theirs.final.tokenIds);
      }
    } finally {
      await ortSteps.unload();
    }
  });
});

describe('graph fusion in the engine', () => {
  test('fused decode after a long prompt prefilled on the exported graph gives the tokens of the exported graph alone', async () => {
    const exported = await OrtDecoderEngine.load({
      ort, modelId: 'tinystories-656k', backend: 'wasm', tokenizer, fuse: false,
      model: readFileSync(join(bundled, 'model.onnx')),
      config: decoderConfigFrom(json(join(bundled, 'config.json')), json(join(bundled, 'generation_config.json'))),
    });
    try {
      expect(engine.info.graph).toMatch(/^fused: 2 GroupQueryAttention, 4 SkipSimplifiedLayerNormalization, 1 SimplifiedLayerNormalization \(156 → \d+ nodes\); prompts of 32\+/);
      expect(exported.info.graph).toBe('as exported (fusion off)');
      const long = reference.prompts.map((p) => p.generated_text).join(' ');
      expect(tokenizer.encode(long).length).toBeGreaterThan(32);
      for (const prompt of [long, reference.prompts[0]!.prompt]) {
        const params = { maxTokens: 48, temperature: 0, stopAtEos: false };
        const [a, b] = [await collect(engine.generate({ id: 'f', prompt, params })), await collect(exported.generate({ id: 'e', prompt, params }))];
        expect(a.final.tokenIds).toEqual(b.final.tokenIds);
      }
    } finally {
      await exported.unload();
    }
  });
});

describe('fitting a prompt and a length into the context window', () => {
  test('a length past the window shortens the output, never throws the prompt away', async () => {
    const { fitContext } = await import('../../../workers/engines/ort-decoder.ts');
    const prompt = [1, ...Array.from({ length: 8 }, (_, i) => 100 + i)];
    expect(fitContext(prompt, 600, 512, 1)).toEqual({ ids: prompt, maxNew: 503, dropped: 0 });
    expect(fitContext(prompt, 40, 512, 1)).toEqual({ ids: prompt, maxNew: 40, dropped: 0 });
    // A long prompt keeps at least half the window (its front goes first, BOS stays).
    const long = [1, ...Array.from({ length: 499 }, (_, i) => 100 + i)];
    const fitted = fitContext(long, 600, 512, 1);
    expect(fitted.ids).toHaveLength(256);
    expect(fitted.ids[0]).toBe(1);
    expect(fitted.ids.at(-1)).toBe(long.at(-1));
    expect(fitted.maxNew).toBe(256);
    expect(fitted.dropped).toBe(244);
    // A short length leaves the prompt all the rest, as before.
    expect(fitContext(long, 100, 512, 1).ids).toHaveLength(412);
  });
});

test('a config.json that does not describe the graph (layer count) is an IntegrityError at load, not a failure at every request', async () => {
  const { IntegrityError } = await import('../../../extension/protocol/errors.ts');
  const config = decoderConfigFrom({ ...json(join(bundled, 'config.json')), num_hidden_layers: 3 }, json(join(bundled, 'generation_config.json')));
  await expect(OrtDecoderEngine.load({ ort, modelId: 'wrong-config', backend: 'wasm', tokenizer, model: readFileSync(join(bundled, 'model.onnx')), config }))
    .rejects.toBeInstanceOf(IntegrityError);
});

describe('files that do not belong together, and prompts onnxruntime cannot take: typed errors, not onnxruntime internals', () => {
  const base = () => json(join(bundled, 'config.json')) as Record<string, unknown>;
  const generation = () => json(join(bundled, 'generation_config.json')) as Record<string, unknown>;
  const load = (config: Record<string, unknown>) => OrtDecoderEngine.load({
    ort, modelId: 'wrong-config', backend: 'wasm', tokenizer, model: readFileSync(join(bundled, 'model.onnx')),
    config: decoderConfigFrom(config, generation()),
  });

  test.each([
    ['key/value heads', { num_key_value_heads: 2 }, /2 key\/value heads but the graph's cache has 4/],
    ['head size', { head_dim: 32 }, /head size of 32 but the graph's cache has 16/],
  ])('config.json with the wrong %s: IntegrityError at load', async (_name, change, message) => {
    const { IntegrityError } = await import('../../../extension/protocol/errors.ts');
    const failure = await load({ ...base(), ...change }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IntegrityError);
    expect((failure as Error).message).toMatch(message);
  });

  test.each([
    ['a head size that is not whole (8 heads → 7)', { num_attention_heads: 7, num_key_value_heads: undefined }],
    ['no layers', { num_hidden_layers: 0 }],
    ['negative layers', { num_hidden_layers: -1 }],
  ])('config.json with %s: IntegrityError naming config.json', async (_name, change) => {
    const { IntegrityError } = await import('../../../extension/protocol/errors.ts');
    const read = () => decoderConfigFrom({ ...base(), ...change }, generation());
    expect(read).toThrow(IntegrityError);
    try {
      read();
    } catch (error) {
      expect((error as { data?: unknown }).data).toMatchObject({ file: 'config.json' });
    }
  });

  test('a tokenizer.json the library cannot build, and one whose ids lie beyond the model: IntegrityError naming tokenizer.json', async () => {
    const { IntegrityError } = await import('../../../extension/protocol/errors.ts');
    const broken = () => new TextTokenizer({ tokenizerJson: {}, tokenizerConfig: {} });
    expect(broken).toThrow(IntegrityError);
    expect(broken).toThrow(/tokenizer\.json cannot be used/);

    const wide = json(join(bundled, 'tokenizer.json')) as { added_tokens: { id: number; content: string; special: boolean }[] };
    wide.added_tokens = [...wide.added_tokens, { id: 99_999, content: '<|far|>', special: false, single_word: false, lstrip: false, rstrip: false, normalized: false } as never];
    const farTokenizer = new TextTokenizer({ tokenizerJson: wide, tokenizerConfig: json(join(bundled, 'tokenizer_config.json')) });
    const far = await OrtDecoderEngine.load({ ort, modelId: 'far', backend: 'wasm', tokenizer: farTokenizer,
      model: readFileSync(join(bundled, 'model.onnx')), config: decoderConfigFrom(base(), generation()) });
    try {
      const failure = await collect(far.generate({ id: 'f', prompt: 'Once <|far|> upon', params: { maxTokens: 4, temperature: 0 } })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(IntegrityError);
      expect((failure as Error).message).toMatch(/token id 99999.*vocabulary has 2048/);
    } finally {
      await far.unload();
    }
  });

  test('a prompt that is empty after the tokenizer is a ValidationError', async () => {
    const { ValidationError } = await import('../../../extension/protocol/errors.ts');
    const { checkPromptIds } = await import('../../../workers/engines/prompt-ids.ts');
    expect(() => checkPromptIds([], 2048)).toThrow(ValidationError);
    expect(() => checkPromptIds([1, 5, 2047], 2048)).not.toThrow();
  });

  test('a huge prompt is cut before tokenizing: the same ids reach the model, and the worker is not blocked for minutes', async () => {
    const { fitContext } = await import('../../../workers/engines/ort-decoder.ts');
    const { promptTail, estimateCutTokens } = await import('../../../workers/engines/prompt-ids.ts');
    const story = reference.prompts.map((p) => p.prompt).join(' The next day, ');
    const prompt = `${story} `.repeat(Math.ceil(60_000 / story.length)) + 'In the end, the cat';
    const whole = tokenizer.encode(prompt);
    const tail = promptTail(prompt, 512);
    expect(tail.cutChars).toBeGreaterThan(0);
    const cutIds = tokenizer.encode(tail.text);
    expect(fitContext(cutIds, 64, 512, 1).ids).toEqual(fitContext(whole, 64, 512, 1).ids);
    const estimated = fitContext(cutIds, 64, 512, 1).dropped + estimateCutTokens(tail, cutIds.length);
    const exact = fitContext(whole, 64, 512, 1).dropped;
    expect(Math.abs(estimated - exact)).toBeLessThan(exact * 0.05);

    // Through the engine: a 5-million-character prompt gives the tokens its last part gives.
    const huge = 'x'.repeat(5_000_000) + prompt;
    const greedy = { maxTokens: 8, temperature: 0 };
    const [a, b] = await Promise.all([run(huge, greedy), run(prompt, greedy)]);
    expect(a.final.tokenIds).toHaveLength(8);
    expect(a.final.tokenIds).toEqual(b.final.tokenIds);
    expect(a.final.stats.promptTokensDropped).toBeGreaterThan(b.final.stats.promptTokensDropped);
  });
});
