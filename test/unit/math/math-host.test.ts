import { describe, expect, test } from 'vitest';
import { interrupted, type MathRunStore } from '../../../extension/features/math/last-run.ts';
import type { MathStart } from '../../../extension/features/math/messages.ts';
import type { MathRun, ProgramRun } from '../../../extension/features/math/solve.ts';
import { MathHost } from '../../../extension/offscreen/math-host.ts';
import { BusyError, ModelNotFoundError, QuotaError, ValidationError } from '../../../extension/protocol/errors.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { serializeError } from '../../../extension/protocol/errors.ts';

/**
 * The model host's side of a math run, with a scripted model (rules keyed on the prompt, like the replay engine), the
 * real interpreter for programs, and a store that keeps every snapshot written.
 */
function memoryStore(initial: MathRun | null = null) {
  const saved: MathRun[] = [];
  let current = initial;
  const store: MathRunStore = {
    load: async () => current,
    save: async (run) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      current = structuredClone(run);
      saved.push(current);
    },
  };
  return { store, saved, current: () => current };
}

interface Rule { match: string[]; outputs: string[] }

function scriptedModel(rules: Rule[]) {
  const requests: GenerateRequestPayload[] = [];
  const served = new Map<Rule, number>();
  let hold: Promise<void> | null = null;
  let release = () => {};
  const generate = async (request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal): Promise<GenerateResult> => {
    requests.push(request);
    const rule = rules.find((r) => r.match.every((m) => request.prompt.includes(m)));
    const turn = rule ? served.get(rule) ?? 0 : 0;
    if (rule) served.set(rule, turn + 1);
    const pieces = (rule ? rule.outputs[turn % rule.outputs.length]! : 'I do not know.').match(/\s*\S+/g) ?? [];
    let text = '';
    for (const piece of pieces) {
      if (signal.aborted) break;
      text += piece;
      emit({ type: 'token', text: piece, tokenId: -1 });
      if (hold) await hold;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return {
      type: 'final', text, tokenIds: [], finishReason: signal.aborted ? 'abort' : 'stop',
      stats: { backend: 'replay', ttftMs: 1, prefillTokS: 0, decodeTokS: 0, tokensIn: 7, tokensOut: pieces.length, totalMs: 2, promptTokensDropped: 0 },
      engine: { modelId: request.model, backend: 'replay', contextLength: 1000, loadMs: 0 },
    };
  };
  return {
    generate, requests,
    /** Pauses every stream after its next piece until `resume()`. */
    pause() {
      hold = new Promise((resolve) => {
        release = resolve;
      });
    },
    resume() {
      hold = null;
      release();
    },
  };
}

async function interpret(source: string): Promise<ProgramRun> {
  const run = await runScript(source, mathCapabilities(), {});
  return {
    ok: run.ok, finishedBy: run.finishedBy, result: run.result, output: run.output, steps: run.stats.steps, ms: run.stats.ms,
    ...(run.error ? { error: { ...serializeError(run.error), ...(run.error.data as object) } as ProgramRun['error'] } : {}),
  };
}

const models: Record<string, { name: string; promptFormat: 'plain' | 'chat' | 'scriptwriter'; unavailableReason?: string }> = {
  replay: { name: 'Replay', promptFormat: 'plain' },
  gone: { name: 'Gone', promptFormat: 'chat', unavailableReason: 'its library is not packaged' },
  writer: { name: 'Script writer', promptFormat: 'scriptwriter' },
};

function setup(rules: Rule[], initial: MathRun | null = null) {
  const storage = memoryStore(initial);
  const model = scriptedModel(rules);
  const programs: string[] = [];
  const host = new MathHost({
    store: storage.store, generate: model.generate, saveEveryMs: 5,
    runProgram: (source) => {
      programs.push(source);
      return interpret(source);
    },
    resolveModel: async (id) => models[id],
  });
  return { host, storage, model, programs };
}

const FARMER = 'A farmer has 12 cows and buys 5 more. How many cows does he have?';
const rules: Rule[] = [
  { match: ['A farmer has 12 cows', 'think step by step'], outputs: [' He buys 5 more, so 12 + 4 = 16. The answer is 16.', ' 12 + 5 = 17. The answer is 17.', ' So he has 12 + 5 = 17 cows.'] },
  { match: ['A farmer has 12 cows', 'Program:'], outputs: ['let cows = 12;\nfor (let i = 0; i < 5; i++) { cows += 1; }\nanswer(cows);\n```'] },
];
const request = (patch: Partial<MathStart> = {}): MathStart => ({
  problem: FARMER, model: 'replay', method: 'cot', samples: 1, temperature: 0.7, verify: false, shots: 0, maxTokens: 64, seed: 1, ...patch,
});

describe('MathHost: math runs in the model host', () => {
  test('self-consistency: stored from the first row through streamed text to the votes; the majority wins', async () => {
    const { host, storage, model } = setup(rules);
    const id = await host.start(request({ samples: 3 }));
    // The run is stored before start answers.
    expect(storage.current()).toMatchObject({ id, status: 'running', problem: FARMER });
    const final = await host.settled();
    expect(final?.status).toBe('done');
    const stored = storage.current()!;
    expect(stored).toMatchObject({ id, status: 'done', final: { value: 17 } });
    expect(stored.vote?.distribution.map((b) => [b.value, b.count])).toEqual([[17, 2], [16, 1]]);
    expect(stored.attempts.map((a) => a.answer.value)).toEqual([16, 17, 17]);
    // Sampled at the temperature, each with its own seed.
    expect(model.requests.map((r) => r.params.temperature)).toEqual([0.7, 0.7, 0.7]);
    expect(new Set(model.requests.map((r) => r.params.seed)).size).toBe(3);
    // Snapshots only move forward: never an older one after a newer one.
    const progress = storage.saved.map((run) => run.attempts.filter((a) => a.done).length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(storage.saved.at(-1)?.status).toBe('done');
    expect(await host.status()).toEqual({ active: null });
  });

  test('streamed text is stored while an attempt is still going', async () => {
    const { host, storage, model } = setup(rules);
    model.pause();
    const id = await host.start(request());
    // The stream is held after its first piece: that piece is stored, the attempt not finished.
    await expect.poll(() => storage.current()?.attempts[0]?.text ?? '').toBe("Let's think step by step. He");
    expect(storage.current()?.attempts[0]?.done).toBe(false);
    expect(await host.status()).toEqual({ active: id });
    model.resume();
    expect((await host.settled())?.final?.value).toBe(16);
  });

  test('one run at a time: a second start is a BusyError; after the first ends, a new one starts', async () => {
    const { host, model } = setup(rules);
    model.pause();
    await host.start(request());
    await expect(host.start(request())).rejects.toBeInstanceOf(BusyError);
    model.resume();
    await host.settled();
    const second = await host.start(request({ method: 'pot' }));
    expect((await host.settled())?.id).toBe(second);
  });

  test('program of thought: the program runs through runProgram and its answer is the result', async () => {
    const { host, storage, programs } = setup(rules);
    await host.start(request({ method: 'pot' }));
    await host.settled();
    expect(programs).toHaveLength(1);
    expect(programs[0]).toContain('cows += 1');
    expect(storage.current()).toMatchObject({ status: 'done', final: { value: 17 } });
    expect(storage.current()?.attempts[0]?.run?.ok).toBe(true);
  });

  test('cancel: the run ends "stopped" with what it had, and no further model call is made', async () => {
    const { host, storage, model } = setup(rules);
    model.pause();
    const id = await host.start(request({ samples: 3 }));
    await expect.poll(() => storage.current()?.attempts[0]?.text ?? '').toContain('He');
    const cancelling = host.cancel(id);
    model.resume();
    await cancelling;
    expect(storage.current()).toMatchObject({ id, status: 'stopped', message: 'Stopped after 0 of 3 samples: no answer was chosen.', final: null });
    expect(model.requests).toHaveLength(1);
    expect(await host.status()).toEqual({ active: null });
  });

  test('a stored run left "running" with no run active here is marked interrupted; an active one is not', async () => {
    const stale: MathRun = {
      id: 'math-old', problem: FARMER, truncated: false, originalLength: FARMER.length, model: 'replay', chat: false,
      options: { method: 'cot', samples: 1, temperature: 0, verify: false, shots: 0, maxTokens: 64, seed: 1 },
      status: 'running', attempts: [{ method: 'cot', role: 'sample', index: 0, text: ' 12 + 5', done: false, answer: { value: null, text: '', how: 'none' } }],
      warnings: [], final: null, startedAt: 1, tokensIn: 0, tokensOut: 0,
    };
    const { host, storage, model } = setup(rules, stale);
    expect(await host.status()).toEqual({ active: null });
    expect(storage.current()).toEqual({ ...interrupted(stale), finishedAt: storage.current()!.finishedAt });
    expect(storage.current()?.attempts[0]?.text).toBe(' 12 + 5');

    model.pause();
    const id = await host.start(request());
    expect(await host.status()).toEqual({ active: id });
    expect(storage.current()?.status).toBe('running');
    model.resume();
    await host.settled();
  });

  test('bad requests are typed errors and store nothing', async () => {
    const { host, storage } = setup(rules);
    await expect(host.start(request({ problem: '  \n ' }))).rejects.toBeInstanceOf(ValidationError);
    await expect(host.start(request({ model: 'nope' }))).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(host.start(request({ model: 'gone' }))).rejects.toThrow(/cannot run here: its library/);
    await expect(host.start(request({ model: 'writer' }))).rejects.toThrow(/only writes page scripts/);
    expect(storage.saved).toHaveLength(0);
  });

  test('a run that cannot be stored stops at once and start says why (a QuotaError); the host is free again', async () => {
    const { host, storage, model } = setup(rules);
    storage.store.save = () => Promise.reject(Object.assign(new Error('the disk is full'), { name: 'QuotaExceededError' }));
    await expect(host.start(request())).rejects.toThrow(QuotaError);
    expect(await host.status()).toEqual({ active: null });
    expect(model.requests.length).toBeLessThanOrEqual(1);
  });

  test('a very long problem is cut, and the stored run says so', async () => {
    const { host, storage } = setup(rules);
    await host.start(request({ problem: `${FARMER} ${'More words. '.repeat(300)}` }));
    await host.settled();
    expect(storage.current()).toMatchObject({ truncated: true, originalLength: FARMER.length + 1 + 'More words. '.length * 300 - 1 });
    expect(storage.current()!.problem.length).toBeLessThanOrEqual(1_501);
  });

  test('an enormous paste the panel cut before sending still reports its typed length', async () => {
    const { host, storage } = setup(rules);
    await host.start(request({ problem: `${FARMER} ${'x '.repeat(5_000)}`, typedLength: 3_000_000 }));
    await host.settled();
    expect(storage.current()).toMatchObject({ truncated: true, originalLength: 3_000_000 });
  });
});
