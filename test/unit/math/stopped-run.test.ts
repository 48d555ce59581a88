import { describe, expect, test } from 'vitest';
import type { MathRunStore } from '../../../extension/features/math/last-run.ts';
import type { MathStart } from '../../../extension/features/math/messages.ts';
import type { MathRun } from '../../../extension/features/math/solve.ts';
import { MathHost } from '../../../extension/offscreen/math-host.ts';
import { AbortError } from '../../../extension/protocol/errors.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';

/** How a math run that did not finish reports itself: why it stopped, and the tokens it streamed. */
function hostWith(generate: (request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal) => Promise<GenerateResult>) {
  let current: MathRun | null = null;
  const store: MathRunStore = { load: async () => current, save: async (run) => void (current = structuredClone(run)) };
  const host = new MathHost({
    store, generate, saveEveryMs: 5,
    runProgram: () => Promise.reject(new Error('no programs here')),
    resolveModel: async () => ({ name: 'Replay', promptFormat: 'plain' }),
  });
  return { host, stored: () => current };
}

const request = (patch: Partial<MathStart> = {}): MathStart => ({
  problem: 'Tom has 7 apples and 5 more. How many?', model: 'replay', method: 'cot', samples: 3, temperature: 0.7, verify: false,
  shots: 0, maxTokens: 64, seed: 1, ...patch,
});

const result = (text: string, tokensOut: number, finishReason: GenerateResult['finishReason'] = 'stop'): GenerateResult => ({
  type: 'final', text, tokenIds: [], finishReason,
  stats: { backend: 'replay', ttftMs: 1, prefillTokS: 0, decodeTokS: 0, tokensIn: 9, tokensOut, totalMs: 2, promptTokensDropped: 0 },
  engine: { modelId: 'replay', backend: 'replay', contextLength: 1000, loadMs: 0 },
});

/** Streams `count` one-word tokens, then runs `then` (which may throw, as the model host does when the model is deleted). */
async function stream(emit: (event: GenerateEvent) => void, count: number) {
  for (let i = 0; i < count; i++) {
    emit({ type: 'token', text: ' three', tokenId: -1 });
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('a math run stopped by something else than Stop', () => {
  test('the model deleted mid-run: the run says so, as a story does', async () => {
    const { host, stored } = hostWith(async (_request, emit) => {
      await stream(emit, 4);
      throw new AbortError('stopped: the model was deleted');
    });
    await host.start(request());
    await host.settled();
    expect(stored()).toMatchObject({
      status: 'stopped', stopReason: 'the model was deleted',
      message: 'Stopped (the model was deleted) after 0 of 3 samples: no answer was chosen.',
    });
  });

  test('one sample: "Stopped (the model was deleted)."', async () => {
    const { host, stored } = hostWith(async (_request, emit) => {
      await stream(emit, 2);
      throw new AbortError('stopped: the model was deleted');
    });
    await host.start(request({ samples: 1 }));
    await host.settled();
    expect(stored()).toMatchObject({ status: 'stopped', message: 'Stopped (the model was deleted).' });
  });

  test('Stop pressed by the user: no reason is added', async () => {
    let started!: () => void;
    const streaming = new Promise<void>((resolve) => (started = resolve));
    const { host, stored } = hostWith(async (_request, emit, signal) => {
      await stream(emit, 3);
      started();
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return result(' three three three', 3, 'abort');
    });
    const id = await host.start(request());
    await streaming;
    await host.cancel(id);
    expect(stored()).toMatchObject({ status: 'stopped', message: 'Stopped after 0 of 3 samples: no answer was chosen.' });
    expect(stored()?.stopReason).toBeUndefined();
  });
});

describe('tokens of a reply that did not finish', () => {
  test('a stopped reply\'s streamed tokens are counted, and said to be from an unfinished reply', async () => {
    let started!: () => void;
    const streaming = new Promise<void>((resolve) => (started = resolve));
    const { host, stored } = hostWith(async (_request, emit, signal) => {
      await stream(emit, 25);
      started();
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return result('', 25, 'abort');
    });
    const id = await host.start(request({ samples: 1 }));
    await streaming;
    await host.cancel(id);
    expect(stored()).toMatchObject({ status: 'stopped', tokensOut: 25, tokensOutUnfinished: 25, tokensIn: 0 });
  });

  test('finished replies count as the engine reports them; a later stopped one adds its streamed tokens', async () => {
    let calls = 0;
    const { host, stored } = hostWith(async (_request, emit) => {
      calls += 1;
      await stream(emit, 3);
      if (calls === 1) return result(' The answer is 12.', 6);
      throw new AbortError('stopped: the model was deleted');
    });
    await host.start(request({ samples: 2 }));
    await host.settled();
    expect(stored()).toMatchObject({ tokensIn: 9, tokensOut: 6 + 3, tokensOutUnfinished: 3 });
  });
});

describe('an answer that is not one number', () => {
  test('"3:30" gives no answer, and the message says what the model wrote and why it was not read', async () => {
    const { host, stored } = hostWith(async (_request, emit) => {
      await stream(emit, 1);
      return result(' It takes 3 hours and 30 minutes. The answer is 3:30.', 12);
    });
    await host.start(request({ samples: 1 }));
    await host.settled();
    expect(stored()).toMatchObject({
      status: 'done', final: null,
      message: 'No answer: the model answered "3:30", a time or a ratio, not one number; it was not read as one.',
    });
  });
});
