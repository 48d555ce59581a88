// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { WorkerClient } from '../../extension/offscreen/worker-client.ts';
import { WorkerPool } from '../../extension/offscreen/worker-pool.ts';
import { AbortError, DeviceLostError, WorkerCrashedError } from '../../extension/protocol/errors.ts';
import { ModelHost } from '../../extension/offscreen/model-host.ts';
import type { GenerateRequestPayload } from '../../extension/protocol/schemas.ts';
import { serializeError } from '../../extension/protocol/errors.ts';

const probe = {
  gpu: { available: false, reason: 'none', vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false, features: [], limits: {} },
  wasm: { available: true, simd: true, threads: false, crossOriginIsolated: false },
  builtin: 'absent' as const,
  hardwareConcurrency: 2,
};

/** A Worker stand-in: answers each request with `respond`, or stays silent when it returns undefined. */
class FakeWorker extends EventTarget {
  terminated = false;
  constructor(private readonly respond: (message: { id: string; kind: string }) => unknown) {
    super();
  }
  postMessage(message: { id: string; kind: string }) {
    const reply = this.respond(message);
    if (reply !== undefined) queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: reply })));
  }
  terminate() {
    this.terminated = true;
  }
  crash(message: string) {
    this.dispatchEvent(new ErrorEvent('error', { message, cancelable: true }));
  }
}

const answering = () => new FakeWorker(({ id }) => ({ id, ok: true, payload: probe }));
const asWorker = (fake: FakeWorker) => fake as unknown as Worker;

describe('WorkerClient', () => {
  test('a request gets its validated reply', async () => {
    const client = new WorkerClient(asWorker(answering()), 'probe');
    expect(await client.request('worker.device.probe', {})).toEqual(probe);
  });

  test('errors from the worker come back as their class', async () => {
    const fake = new FakeWorker(({ id }) => ({ id, ok: false, error: serializeError(new DeviceLostError('lost')) }));
    await expect(new WorkerClient(asWorker(fake), 'probe').request('worker.device.probe', {}))
      .rejects.toBeInstanceOf(DeviceLostError);
  });

  test('a crash rejects pending requests with WorkerCrashedError and marks the client dead', async () => {
    const fake = new FakeWorker(() => undefined);
    const client = new WorkerClient(asWorker(fake), 'probe');
    const pending = client.request('worker.device.probe', {});
    fake.crash('out of memory');
    await expect(pending).rejects.toThrow(/crashed: out of memory/);
    expect(client.alive).toBe(false);
    await expect(client.request('worker.device.probe', {})).rejects.toBeInstanceOf(WorkerCrashedError);
    // An error event does not stop a worker: the client does (else it keeps its engine and GPU memory).
    expect(fake.terminated).toBe(true);
  });
});

describe('ModelHost queue', () => {
  /** A pool whose one worker finishes each stream when `finish` is called (or at once for an aborted signal). */
  function slowPool() {
    const finishers: (() => void)[] = [];
    const client = {
      stream: (_kind: string, _request: unknown, _emit: unknown, signal: AbortSignal) => new Promise((resolve) => {
        const done = () => resolve({ text: signal.aborted ? 'partial' : 'full', tokenIds: [], finishReason: signal.aborted ? 'abort' : 'stop', stats: {} });
        finishers.push(done);
        signal.addEventListener('abort', done, { once: true });
      }),
    };
    return { pool: { get: () => client, terminate: () => true, labels: () => [] } as unknown as WorkerPool, finishers };
  }
  const request = { model: 'm', prompt: 'p', params: { maxTokens: 4 } } as GenerateRequestPayload;

  test('a request aborted while queued is rejected at once, not when the one ahead finishes; the running one keeps its text', async () => {
    const { pool, finishers } = slowPool();
    const host = new ModelHost(pool);
    const first = new AbortController();
    const second = new AbortController();
    const running = host.generate(request, () => {}, first.signal);
    const queued = host.generate(request, () => {}, second.signal);
    await Promise.resolve();
    second.abort();
    await expect(queued).rejects.toBeInstanceOf(AbortError);
    expect(finishers).toHaveLength(1);
    first.abort();
    await expect(running).resolves.toMatchObject({ text: 'partial', finishReason: 'abort' });
    // The queue goes on: the next request runs.
    const third = host.generate(request, () => {}, new AbortController().signal);
    await new Promise((r) => setTimeout(r, 0));
    finishers.at(-1)!();
    await expect(third).resolves.toMatchObject({ text: 'full' });
  });
});

describe('ModelHost residency: models are unloaded when idle, and at most a few stay loaded', () => {
  /** A pool of fake model workers whose streams finish when the test says so. */
  function modelPool() {
    const loaded = new Set<string>();
    const terminated: string[] = [];
    const finishers = new Map<string, () => void>();
    const pool = {
      labels: () => [...loaded],
      terminate: (label: string) => {
        terminated.push(label);
        return loaded.delete(label);
      },
      get: (label: string) => {
        loaded.add(label);
        return {
          stream: () => new Promise((resolve) => finishers.set(label, () => resolve({ text: '', tokenIds: [], finishReason: 'stop', stats: {} }))),
        };
      },
    } as unknown as WorkerPool;
    return { pool, loaded, terminated, finishers };
  }
  const ask = (host: ModelHost, model: string) => host.generate({ model, prompt: 'p', params: { maxTokens: 1 } } as GenerateRequestPayload, () => {}, new AbortController().signal);
  const settle = () => new Promise((r) => setTimeout(r, 0));

  test('a third model unloads the least recently used idle one, never one that is generating', async () => {
    const { pool, loaded, terminated, finishers } = modelPool();
    const host = new ModelHost(pool, undefined, { maxLoaded: 2, idleUnloadMs: 60_000 });
    const a = ask(host, 'a');
    await settle();
    const b = ask(host, 'b');
    await settle();
    finishers.get('model:b')!();
    await b;
    // a is still generating, b is idle: c takes b's place.
    const c = ask(host, 'c');
    await settle();
    expect(terminated).toEqual(['model:b']);
    expect([...loaded].sort()).toEqual(['model:a', 'model:c']);
    // Nothing idle to unload: a fourth model loads beside them rather than cutting a generation short.
    const d = ask(host, 'd');
    await settle();
    expect(terminated).toEqual(['model:b']);
    for (const label of ['model:a', 'model:c', 'model:d']) finishers.get(label)!();
    await Promise.all([a, c, d]);
  });

  test('a model idle for the set time is unloaded; a use before then keeps it', async () => {
    vi.useFakeTimers();
    try {
      const { pool, loaded, finishers } = modelPool();
      const host = new ModelHost(pool, undefined, { maxLoaded: 2, idleUnloadMs: 1000 });
      const first = ask(host, 'a');
      await vi.advanceTimersByTimeAsync(0);
      finishers.get('model:a')!();
      await first;
      await vi.advanceTimersByTimeAsync(900);
      const second = ask(host, 'a');
      await vi.advanceTimersByTimeAsync(500);
      expect(loaded.has('model:a')).toBe(true); // in use: no timer runs
      finishers.get('model:a')!();
      await second;
      await vi.advanceTimersByTimeAsync(999);
      expect(loaded.has('model:a')).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(loaded.has('model:a')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('WorkerPool', () => {
  test('starts a worker on first use, reuses it, and starts a new one after a crash or reset', async () => {
    const started: FakeWorker[] = [];
    const pool = new WorkerPool((label) => (label === 'probe' ? asWorker(started[started.push(answering()) - 1]!) : undefined));
    await pool.get('probe').request('worker.device.probe', {});
    await pool.get('probe').request('worker.device.probe', {});
    expect(started).toHaveLength(1);
    started[0]!.crash('boom');
    await pool.get('probe').request('worker.device.probe', {});
    expect(started).toHaveLength(2);
    expect(pool.terminateAll()).toBe(1);
    expect(started[1]!.terminated).toBe(true);
    await pool.get('probe').request('worker.device.probe', {});
    expect(started).toHaveLength(3);
    expect(() => pool.get('nope')).toThrow(/no worker named/);
  });
});
