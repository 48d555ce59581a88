// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
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
    return { pool: { get: () => client, terminate: () => true } as unknown as WorkerPool, finishers };
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
