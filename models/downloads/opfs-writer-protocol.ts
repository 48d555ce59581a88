/** Messages between OpfsFileStore (a window) and workers/opfs-writer.worker.ts. */
export type WriterRequest =
  | { seq: number; op: 'open'; handle: number; root: string; path: string }
  | { seq: number; op: 'write'; handle: number; bytes: Uint8Array }
  | { seq: number; op: 'flush'; handle: number }
  | { seq: number; op: 'close'; handle: number };

export type WriterReply =
  | { seq: number; ok: true; value?: number | undefined }
  | { seq: number; ok: false; error: { name: string; message: string } };

type Request = WriterRequest extends infer R ? (R extends WriterRequest ? Omit<R, 'seq'> : never) : never;

/** Requests to one writer worker, answered in order; a failure comes back as an Error with the worker's name for it. */
export class WriterClient {
  private seq = 0;
  private handles = 0;
  private readonly waiting = new Map<number, { resolve: (value: number | undefined) => void; reject: (error: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<WriterReply>) => {
      const reply = event.data;
      const waiter = this.waiting.get(reply.seq);
      if (!waiter) return;
      this.waiting.delete(reply.seq);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    worker.addEventListener('error', (event) => {
      this.stopped = new Error(`the file writer stopped: ${event.message || 'unknown error'}`);
      for (const waiter of this.waiting.values()) waiter.reject(this.stopped);
      this.waiting.clear();
      worker.terminate();
    });
  }

  /** Set once the worker failed: nothing more is sent to it (the store starts another). */
  stopped: Error | undefined;

  newHandle(): number {
    return ++this.handles;
  }

  send(request: Request): Promise<number | undefined> {
    if (this.stopped) return Promise.reject(this.stopped);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ ...request, seq });
    });
  }
}
