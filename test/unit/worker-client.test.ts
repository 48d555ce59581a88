// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { WorkerClient } from '../../extension/offscreen/worker-client.ts';
import { WorkerPool } from '../../extension/offscreen/worker-pool.ts';
import { DeviceLostError, WorkerCrashedError } from '../../extension/protocol/errors.ts';
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
