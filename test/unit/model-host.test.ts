// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { WorkerPool } from '../../extension/offscreen/worker-pool.ts';
import { ModelHost } from '../../extension/offscreen/model-host.ts';
import type { GenerateRequestPayload } from '../../extension/protocol/schemas.ts';

/** Fake model workers: a generation ends at once; `crash()` fires an error event. */
class FakeWorker extends EventTarget {
  terminated = false;
  constructor(readonly label: string) { super(); }
  postMessage(message: { id: string; kind: string }) {
    queueMicrotask(() => {
      this.dispatchEvent(new MessageEvent('message', { data: { id: message.id, type: 'end', payload: {
        type: 'final', text: '', tokenIds: [], finishReason: 'stop',
        stats: { backend: 'wasm', ttftMs: 1, prefillTokS: 0, decodeTokS: 0, tokensIn: 1, tokensOut: 1, totalMs: 1, promptTokensDropped: 0 },
        engine: { modelId: 'x', backend: 'wasm', contextLength: 1, loadMs: 0 },
      } } }));
    });
  }
  terminate() { this.terminated = true; }
  crash() { this.dispatchEvent(new ErrorEvent('error', { message: 'oom', cancelable: true })); }
}

test('a crashed worker holds no model: a live idle model is not evicted in its place (review, session 13)', async () => {
  const workers: FakeWorker[] = [];
  const pool = new WorkerPool((label) => { const w = new FakeWorker(label); workers.push(w); return w as unknown as Worker; });
  const host = new ModelHost(pool, undefined, { maxLoaded: 2, idleUnloadMs: 600_000 });
  const ask = (model: string) => host.generate({ model, prompt: 'p', params: { maxTokens: 1 } } as GenerateRequestPayload, () => {}, new AbortController().signal);
  const live = () => workers.filter((w) => !w.terminated).map((w) => w.label).sort();
  await ask('b');
  await ask('a');
  workers.find((w) => w.label === 'model:a')!.crash();
  await ask('c');
  // b (older, alive) stays; the dead a made the room.
  expect(live().filter((l) => l !== 'model:a')).toEqual(['model:b', 'model:c']);
  expect(pool.labels().sort()).toEqual(['model:b', 'model:c']);
});

test('a GPU device lost while the model sat idle: the next request runs again on a fresh worker, not failing once (review, session 13)', async () => {
  const workers: FakeWorker[] = [];
  class LostOnce extends FakeWorker {
    override postMessage(message: { id: string; kind: string }) {
      queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: { id: message.id, type: 'error',
        error: { name: 'DeviceLostError', message: 'lost while idle', data: { idle: true } } } })));
    }
  }
  const pool = new WorkerPool((label) => {
    const w = workers.length === 0 ? new LostOnce(label) : new FakeWorker(label);
    workers.push(w);
    return w as unknown as Worker;
  });
  const host = new ModelHost(pool, undefined, { maxLoaded: 2, idleUnloadMs: 600_000 });
  const result = await host.generate({ model: 'm', prompt: 'p', params: { maxTokens: 1 } } as GenerateRequestPayload, () => {}, new AbortController().signal);
  expect(result.finishReason).toBe('stop');
  expect(workers).toHaveLength(2);
  expect(workers[0]!.terminated).toBe(true);
});
