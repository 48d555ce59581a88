import { describe, expect, test } from 'vitest';
import { StoryHost, type StoryHostDeps } from '../../../extension/offscreen/story-host.ts';
import type { StoryRun } from '../../../extension/features/story/current.ts';
import type { NewStory } from '../../../extension/features/story/library.ts';
import type { StoryStart } from '../../../extension/features/story/messages.ts';
import { BusyError, DeviceLostError, ModelNotFoundError, ValidationError } from '../../../extension/protocol/errors.ts';
import type { GenerateResult } from '../../../extension/protocol/schemas.ts';

const request: StoryStart = {
  prompt: 'Once upon a time', opening: 'The dog', model: 'm', backend: 'wasm',
  params: { maxTokens: 8, temperature: 0.8, topK: 40, topP: 0.95, repetitionPenalty: 1.1, seed: 1 },
};

const result = (text: string, finishReason: GenerateResult['finishReason'] = 'stop'): GenerateResult => ({
  type: 'final', text, tokenIds: [1, 2], finishReason,
  stats: { backend: 'wasm', ttftMs: 1, prefillTokS: 1, decodeTokS: 1, totalMs: 2, tokensIn: 3, tokensOut: 2, promptTokensDropped: 0 },
  engine: { modelId: 'm', backend: 'wasm', contextLength: 512, loadMs: 1 },
} as GenerateResult);

/** A host over memory: `words` are streamed one per tick; the generation honours abort like the engines (partial text). */
function setup(words: string[] | Error, stored: StoryRun | null = null, generate?: StoryHostDeps['generate']) {
  let current = stored;
  const saved: NewStory[] = [];
  const deps: StoryHostDeps = {
    store: { load: async () => current, save: async (run) => void (current = structuredClone(run)) },
    saveStory: async (story) => saved.push(story),
    resolveModel: async (id) => ({ m: { name: 'M', promptFormat: 'plain' as const }, w: { name: 'W', promptFormat: 'scriptwriter' as const } })[id],
    saveEveryMs: 1,
    generate: async (_request, emit, signal) => {
      if (words instanceof Error) throw words;
      emit({ type: 'status', stage: 'generating' });
      let text = '';
      for (const word of words) {
        if (signal.aborted) return result(text, 'abort');
        await new Promise((r) => setTimeout(r, 5));
        text += word;
        emit({ type: 'token', text: word, tokenId: 1 });
      }
      return result(text);
    },
    ...(generate ? { generate } : {}),
  };
  return { host: new StoryHost(deps), saved, stored: () => current };
}

describe('StoryHost (stories written in the model host)', () => {
  test('streams into storage, then saves the story to the library', async () => {
    const { host, saved, stored } = setup([' ran', ' home', '.']);
    const id = await host.start(request);
    expect(stored()).toMatchObject({ id, status: 'running', text: '\n\nThe dog' });
    const final = await host.settled();
    expect(final).toMatchObject({ status: 'done', text: '\n\nThe dog ran home.', savedId: 1, stage: null });
    expect(stored()).toMatchObject({ status: 'done', savedId: 1 });
    expect(saved).toEqual([expect.objectContaining({ prompt: 'Once upon a time', text: 'The dog ran home.', stopped: false, finishReason: 'stop', seed: 1 })]);
  });

  test('one at a time; Stop keeps what was written, saved as stopped', async () => {
    const { host, saved } = setup(Array.from({ length: 50 }, () => ' la'));
    const id = await host.start(request);
    await expect(host.start(request)).rejects.toBeInstanceOf(BusyError);
    await new Promise((r) => setTimeout(r, 30));
    await host.stop(id);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ stopped: true, finishReason: 'abort' });
    expect(saved[0]!.text.startsWith('The dog la')).toBe(true);
  });

  test('a Stop before the first token saves nothing: the user\'s opening alone is not a story (exploratory test, session 20)', async () => {
    // A model still loading: nothing comes until the Stop.
    const { host, saved, stored } = setup([], null, async (_request, _emit, signal) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return result('', 'abort');
    });
    const id = await host.start(request);
    await host.stop(id);
    expect(stored()).toMatchObject({ status: 'stopped', savedId: null });
    expect(saved).toHaveLength(0);
    // Nor does a host that went away before the first token.
    const left = setup([], { ...(await setup([]).host.settled() ?? {}), id: 's', status: 'running', text: '\n\nThe dog', prompt: 'p', opening: 'The dog',
      model: 'm', backend: 'wasm', params: request.params, stage: null, result: null, savedId: null, saveError: null, error: null, startedAt: 1, finishedAt: null } as StoryRun);
    await left.host.status();
    expect(left.stored()).toMatchObject({ status: 'interrupted', savedId: null });
    expect(left.saved).toHaveLength(0);
  });

  test('bad input and failures: empty prompt, unknown model, nothing written, an engine error', async () => {
    await expect(setup([]).host.start({ ...request, prompt: '  ' })).rejects.toBeInstanceOf(ValidationError);
    await expect(setup([]).host.start({ ...request, model: 'x' })).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(setup([]).host.start({ ...request, model: 'w' })).rejects.toThrow(/only writes page scripts/);
    const empty = setup([]);
    await empty.host.start({ ...request, opening: '' });
    expect(await empty.host.settled()).toMatchObject({ status: 'empty', savedId: null });
    expect(empty.saved).toHaveLength(0);
    const broken = setup(new DeviceLostError('gone'));
    await broken.host.start(request);
    expect(await broken.host.settled()).toMatchObject({ status: 'failed', error: { name: 'DeviceLostError', message: 'gone' } });
  });

  test('a story left running by a host that went away: interrupted, what it had saved as stopped', async () => {
    const left = { ...request, id: 'story-x', status: 'running', stage: 'generating', text: '\n\nThe dog sat', result: null, savedId: null,
      saveError: null, error: null, startedAt: 1, finishedAt: null } satisfies StoryRun;
    const { host, saved, stored } = setup([], left);
    expect(await host.status()).toEqual({ active: null });
    expect(stored()).toMatchObject({ status: 'interrupted', savedId: 1 });
    expect(saved[0]).toMatchObject({ text: 'The dog sat', stopped: true });
  });
});
