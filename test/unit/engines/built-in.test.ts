import { describe, expect, test } from 'vitest';
import { ModelNotFoundError, ValidationError } from '../../../extension/protocol/errors.ts';
import { builtInAvailability, type LanguageModelApi, type LanguageModelCreateOptions } from '../../../models/builtin.ts';
import { BuiltInEngine, samplingOptions, toPrompts } from '../../../workers/engines/built-in.ts';
import type { FinalEvent, GenerateRequest, TokenEvent } from '../../../workers/engines/types.ts';

/**
 * A stand-in for Chrome's `LanguageModel` with the documented shape (availability, params, create, a session with
 * promptStreaming / measureInputUsage / destroy). Chrome's real model cannot run on this machine (availability
 * "unavailable", checked in the e2e test), so the engine's use of the API is tested against this.
 */
function fakeApi(options: { availability?: string; pieces?: (input: string) => string[]; failWith?: DOMException; window?: number } = {}) {
  const log = { creates: [] as LanguageModelCreateOptions[], prompts: [] as { input: string; responseConstraint?: unknown }[], destroyed: 0 };
  const api: LanguageModelApi = {
    availability: async () => options.availability ?? 'available',
    params: async () => ({ defaultTopK: 3, maxTopK: 128, defaultTemperature: 1, maxTemperature: 2 }),
    create: async (createOptions = {}) => {
      log.creates.push(createOptions);
      return {
        contextWindow: options.window ?? 9216,
        measureInputUsage: async (text: string) => text.split(/\s+/).filter(Boolean).length,
        destroy: () => void log.destroyed++,
        promptStreaming(input: string, promptOptions: { signal?: AbortSignal; responseConstraint?: unknown } = {}) {
          log.prompts.push({ input, responseConstraint: promptOptions.responseConstraint });
          const pieces = options.pieces?.(input) ?? ['Hello', ' there', ', friend', '.'];
          let i = 0;
          return new ReadableStream<string>({
            pull(controller) {
              if (options.failWith) return controller.error(options.failWith);
              if (promptOptions.signal?.aborted) return controller.error(new DOMException('aborted', 'AbortError'));
              if (i < pieces.length) controller.enqueue(pieces[i++]!);
              else controller.close();
            },
          });
        },
      };
    },
  };
  return { api, log };
}

async function run(engine: BuiltInEngine, request: Omit<Partial<GenerateRequest>, 'params'> & { params?: Partial<GenerateRequest['params']> }, signal?: AbortSignal) {
  const stream = engine.generate({ id: 't', prompt: 'Say hello', ...request, params: { maxTokens: 64, temperature: 0, ...request.params } }, signal);
  const events: TokenEvent[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { events, final: next.value as FinalEvent };
    events.push(next.value);
  }
}

describe('BuiltInEngine (Chrome Prompt API)', () => {
  test('streams the answer, with Chrome\'s token counts and context window, one session per request', async () => {
    const { api, log } = fakeApi();
    const engine = await BuiltInEngine.load({ modelId: 'chrome-builtin', api });
    expect(engine.info).toMatchObject({ backend: 'builtin', contextLength: 9216, constraints: ['json-schema'] });
    const { events, final } = await run(engine, {});
    expect(events.map((e) => e.text).join('')).toBe('Hello there, friend.');
    expect(final).toMatchObject({ text: 'Hello there, friend.', finishReason: 'stop', stats: { backend: 'builtin', tokensIn: 2, tokensOut: 3 } });
    expect(log.prompts).toEqual([{ input: 'Say hello', responseConstraint: undefined }]);
    // The probe session at load and the request's session are both closed.
    expect(log.destroyed).toBe(2);
  });

  test('chat turns: system and earlier turns open the session, the last user turn is the prompt', () => {
    const request = { id: 'c', prompt: '', params: { maxTokens: 8, temperature: 0 }, messages: [
      { role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: 'Hello.' }, { role: 'user' as const, content: 'Add 2 and 3.' }] };
    expect(toPrompts(request)).toEqual({ initialPrompts: request.messages.slice(0, 3), input: 'Add 2 and 3.' });
    expect(toPrompts({ id: 'p', prompt: 'Plain', params: request.params })).toEqual({ initialPrompts: [], input: 'Plain' });
  });

  test('greedy is top-k 1; sampling is clamped to Chrome\'s limits; no limits, no settings', () => {
    const limits = { defaultTopK: 3, maxTopK: 8, defaultTemperature: 1, maxTemperature: 2 };
    const req = (temperature: number, topK?: number) => ({ id: 's', prompt: '', params: { maxTokens: 1, temperature, topK } });
    expect(samplingOptions(req(0), limits)).toEqual({ topK: 1, temperature: 1 });
    expect(samplingOptions(req(0.7), limits)).toEqual({ topK: 3, temperature: 0.7 });
    expect(samplingOptions(req(5, 40), limits)).toEqual({ topK: 8, temperature: 2 });
    expect(samplingOptions(req(0.7), null)).toEqual({});
  });

  test('max tokens counts streamed pieces; stop strings end the answer and are not shown', async () => {
    const { api } = fakeApi({ pieces: () => ['one', ' two', ' three', ' four'] });
    const engine = await BuiltInEngine.load({ modelId: 'chrome-builtin', api });
    expect((await run(engine, { params: { maxTokens: 2 } })).final).toMatchObject({ text: 'one two', finishReason: 'length' });
    const stopped = await run(engine, { params: { stop: [' thr'] } });
    expect(stopped.final).toMatchObject({ text: 'one two', finishReason: 'stop' });
    expect(stopped.events.map((e) => e.text).join('')).toBe('one two');
  });

  test('a JSON schema becomes the response constraint; a schema that is not JSON is a ValidationError', async () => {
    const { api, log } = fakeApi({ pieces: () => ['{"a":', '1}'] });
    const engine = await BuiltInEngine.load({ modelId: 'chrome-builtin', api });
    await run(engine, { constraint: { jsonSchema: '{"type":"object"}' } });
    expect(log.prompts[0]!.responseConstraint).toEqual({ type: 'object' });
    await expect(run(engine, { constraint: { jsonSchema: '{nope' } })).rejects.toBeInstanceOf(ValidationError);
  });

  test('a consumer that stops reading early still closes the session', async () => {
    const { api, log } = fakeApi({ pieces: () => ['a', 'b', 'c'] });
    const engine = await BuiltInEngine.load({ modelId: 'chrome-builtin', api });
    const stream = engine.generate({ id: 'e', prompt: 'go', params: { maxTokens: 10, temperature: 0 } });
    await stream.next();
    await stream.return(undefined as never);
    expect(log.destroyed).toBe(2);
  });

  test('abort ends the stream with finishReason abort', async () => {
    const { api } = fakeApi({ pieces: () => Array.from({ length: 100 }, (_, i) => ` w${i}`) });
    const engine = await BuiltInEngine.load({ modelId: 'chrome-builtin', api });
    const controller = new AbortController();
    const stream = engine.generate({ id: 'a', prompt: 'go', params: { maxTokens: 100, temperature: 0 } }, controller.signal);
    await stream.next();
    controller.abort();
    let next = await stream.next();
    while (!next.done) next = await stream.next();
    expect(next.value.finishReason).toBe('abort');
  });

  test('Chrome\'s errors become ours: a prompt over the window, an unsupported request', async () => {
    const failing = fakeApi({ failWith: new DOMException('too many tokens', 'QuotaExceededError') });
    const tooLong = await BuiltInEngine.load({ modelId: 'x', api: failing.api });
    await expect(run(tooLong, {})).rejects.toBeInstanceOf(ValidationError);
    // The failed request's session is closed too (the probe's and this one).
    expect(failing.log.destroyed).toBe(2);
    const unsupported = await BuiltInEngine.load({ modelId: 'x', api: fakeApi({ failWith: new DOMException('no', 'NotSupportedError') }).api });
    await expect(run(unsupported, {})).rejects.toThrow(/cannot do what was asked/);
  });

  test('no Prompt API, an unavailable or not yet downloaded model: a ModelNotFoundError that says why', async () => {
    expect(await builtInAvailability(undefined)).toBe('absent');
    await expect(BuiltInEngine.load({ modelId: 'x', api: undefined })).rejects.toThrow(/no built-in model/);
    await expect(BuiltInEngine.load({ modelId: 'x', api: fakeApi({ availability: 'unavailable' }).api })).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(BuiltInEngine.load({ modelId: 'x', api: fakeApi({ availability: 'downloadable' }).api })).rejects.toThrow(/Models tab/);
    expect(await builtInAvailability(fakeApi({ availability: 'something new' }).api)).toBe('unavailable');
  });
});
