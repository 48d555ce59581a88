import { describe, expect, test } from 'vitest';
import { WriterClient, type WriterReply, type WriterRequest } from '../../models/downloads/opfs-writer-protocol.ts';

/** A stand-in for the writer worker: answers each request through `answer`, or fails as a crashed worker does. */
class FakeWorker extends EventTarget {
  terminated = false;
  sent: WriterRequest[] = [];
  constructor(private readonly answer: (request: WriterRequest) => WriterReply | undefined) {
    super();
  }
  postMessage(request: WriterRequest) {
    this.sent.push(request);
    const reply = this.answer(request);
    if (reply) queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: reply })));
  }
  terminate() {
    this.terminated = true;
  }
  crash() {
    this.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' }));
  }
}

describe('OPFS writer client', () => {
  test('replies reach their request; a failure keeps the worker\'s error name (QuotaExceededError → storage full)', async () => {
    const worker = new FakeWorker((r) => (r.op === 'write'
      ? { seq: r.seq, ok: false, error: { name: 'QuotaExceededError', message: 'storage quota exceeded' } }
      : { seq: r.seq, ok: true, value: r.op === 'open' ? 42 : undefined }));
    const client = new WriterClient(worker as unknown as Worker);
    const id = client.newHandle();
    expect(await client.send({ op: 'open', handle: id, root: 'models', path: 'm/model.onnx.part' })).toBe(42);
    await expect(client.send({ op: 'write', handle: id, bytes: new Uint8Array(3) })).rejects.toMatchObject({ name: 'QuotaExceededError', message: 'storage quota exceeded' });
    expect(await client.send({ op: 'close', handle: id })).toBeUndefined();
  });

  test('a worker that crashes fails what was waiting and everything after, at once (no request hangs)', async () => {
    const worker = new FakeWorker(() => undefined);
    const client = new WriterClient(worker as unknown as Worker);
    const waiting = client.send({ op: 'close', handle: 1 });
    worker.crash();
    await expect(waiting).rejects.toThrow(/the file writer stopped: out of memory/);
    await expect(client.send({ op: 'close', handle: 1 })).rejects.toThrow(/stopped/);
    expect(client.stopped).toBeInstanceOf(Error);
    expect(worker.terminated).toBe(true);
    expect(worker.sent).toHaveLength(1);
  });
});
