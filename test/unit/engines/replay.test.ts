import { describe, expect, test, vi } from 'vitest';
import { ValidationError } from '../../../extension/protocol/errors.ts';
import { customEntry } from '../../../models/registry.ts';
import { ReplayEngine } from '../../../workers/engines/replay.ts';
import type { GenerateParams } from '../../../workers/engines/types.ts';
import { collect } from './collect.ts';

const file = {
  format: 'pocket-replay/1',
  rules: [
    { match: ['apples', 'cost'], outputs: ['Each costs 3. The answer is 12.', 'The answer is 11.'] },
    { match: ['story'], outputs: ['Once there was a fox.'] },
  ],
  fallback: 'I do not know.',
};

function run(engine: ReplayEngine, prompt: string, params: Partial<GenerateParams> = {}, signal?: AbortSignal) {
  return collect(engine.generate({ id: 'r', prompt, params: { maxTokens: 100, temperature: 0, ...params } }, signal));
}

describe('ReplayEngine (canned answers for tests and demos)', () => {
  test('all match strings must occur; outputs rotate; the fallback answers the rest', async () => {
    const engine = ReplayEngine.load('replay', file);
    expect((await run(engine, 'If 4 apples cost 12…')).final.text).toBe('Each costs 3. The answer is 12.');
    expect((await run(engine, 'If 4 apples cost 12…')).final.text).toBe('The answer is 11.');
    expect((await run(engine, 'If 4 apples cost 12…')).final.text).toBe('Each costs 3. The answer is 12.');
    expect((await run(engine, 'apples only')).final.text).toBe('I do not know.');
    expect(engine.calls).toBe(4);
  });

  test('streams word pieces that add up, honours maxTokens, stop strings and abort', async () => {
    const engine = ReplayEngine.load('replay', file);
    const { final, streamed } = await run(engine, 'a story');
    expect(streamed).toBe(final.text);
    expect(final.stats).toMatchObject({ backend: 'replay', tokensOut: 5 });
    expect((await run(engine, 'a story', { maxTokens: 2 })).final).toMatchObject({ text: 'Once there', finishReason: 'length' });
    expect((await run(engine, 'a story', { stop: [' a'] })).final).toMatchObject({ text: 'Once there was', finishReason: 'stop' });
    const controller = new AbortController();
    controller.abort();
    expect((await run(engine, 'a story', {}, controller.signal)).final.finishReason).toBe('abort');
  });

  test('an answer with a very long word (minified JSON) streams in pieces that fit a token event', async () => {
    const long = `{"plan":"x","script":"${'a'.repeat(25_000)}"}`;
    const engine = ReplayEngine.load('replay', { format: 'pocket-replay/1', rules: [{ match: ['json'], outputs: [long] }], fallback: '' });
    const { final, streamed, tokens } = await run(engine, 'json please', { maxTokens: 1000 });
    expect(streamed).toBe(long);
    expect(final.text).toBe(long);
    expect(tokens.length).toBeGreaterThanOrEqual(26); // 25,000+ characters in pieces of at most 1,000
  });

  test('stats stay finite however fast the answer streams', async () => {
    const engine = ReplayEngine.load('replay', { format: 'pocket-replay/1', rules: [{ match: ['x'], outputs: ['a b'] }] });
    for (let i = 0; i < 20; i++) {
      const { stats } = (await run(engine, 'x')).final;
      expect(Number.isFinite(stats.decodeTokS) && Number.isFinite(stats.ttftMs)).toBe(true);
    }
  });

  test('a rule\'s delayMs paces the pieces (fake clock), and an abort during the wait ends the stream', async () => {
    vi.useFakeTimers();
    try {
      const engine = ReplayEngine.load('replay', { format: 'pocket-replay/1', rules: [{ match: ['slow'], outputs: ['one two three'], delayMs: 1000 }] });
      let count = 0;
      const controller = new AbortController();
      const done = collect(engine.generate({ id: 'r', prompt: 'slow', params: { maxTokens: 100, temperature: 0 } }, controller.signal), (n) => {
        count = n;
      });
      await vi.advanceTimersByTimeAsync(999);
      expect(count).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(count).toBe(1);
      await vi.advanceTimersByTimeAsync(500);
      controller.abort();
      await vi.advanceTimersByTimeAsync(500);
      const { final, streamed } = await done;
      expect(count).toBe(1);
      expect(streamed).toBe('one');
      expect(final.finishReason).toBe('abort');
    } finally {
      vi.useRealTimers();
    }
  });

  test('a malformed replay file is a ValidationError', () => {
    expect(() => ReplayEngine.load('r', { format: 'pocket-replay/1', rules: [{ match: ['x'], outputs: ['x'], delayMs: 60_000 }] })).toThrow(ValidationError);
    expect(() => ReplayEngine.load('r', { format: 'other', rules: [] })).toThrow(ValidationError);
    expect(() => ReplayEngine.load('r', { format: 'pocket-replay/1', rules: [{ match: [], outputs: ['x'] }] })).toThrow(ValidationError);
  });

  test('a user model whose only file is replay.json is a replay entry', () => {
    const entry = customEntry({ id: 'canned', name: 'Canned', contextLength: 4096, files: [{ path: 'replay.json', url: 'http://127.0.0.1:1/replay.json', bytes: 10, sha256: null }] });
    expect(entry).toMatchObject({ engine: 'replay', description: expect.stringMatching(/not a language model/), promptFormat: 'plain' });
  });

  test('replay.json with a tokenizer_config.json is a chat replay entry; any other file makes it an ONNX model', () => {
    const file = (path: string) => ({ path, url: `http://127.0.0.1:1/${path}`, bytes: 10, sha256: null });
    const chat = customEntry({ id: 'canned', name: 'Canned', contextLength: 4096, files: [file('replay.json'), file('tokenizer_config.json')] });
    expect(chat).toMatchObject({ engine: 'replay', promptFormat: 'chat' });
    expect(() => customEntry({ id: 'canned', name: 'Canned', contextLength: 4096, files: [file('replay.json'), file('tokenizer.json')] })).toThrow(/needs/);
  });
});
