import { ReplySchema, type Envelope } from '../protocol/envelope.ts';
import { WorkerCrashedError } from '../protocol/errors.ts';
import { requestVia } from '../protocol/client.ts';
import type { Kind, RequestOf, ResponseOf } from '../protocol/messages.ts';
import * as v from 'valibot';

type Pending = { resolve: (reply: unknown) => void; reject: (error: Error) => void };

/** A typed request/response channel to one dedicated worker. A crash rejects everything pending and marks it dead. */
export class WorkerClient {
  private readonly pending = new Map<string, Pending>();
  private dead = false;

  constructor(private readonly worker: Worker, readonly label: string) {
    worker.addEventListener('message', (event: MessageEvent) => {
      const parsed = v.safeParse(ReplySchema, event.data);
      if (!parsed.success) return;
      const waiting = this.pending.get(parsed.output.id);
      this.pending.delete(parsed.output.id);
      waiting?.resolve(event.data);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(new WorkerCrashedError(`worker "${label}" crashed: ${event.message || 'unknown error'}`));
    });
    worker.addEventListener('messageerror', () => this.fail(new WorkerCrashedError(`worker "${label}" sent an unreadable message`)));
  }

  get alive(): boolean {
    return !this.dead;
  }

  request<K extends Kind & `worker.${string}`>(kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    if (this.dead) return Promise.reject(new WorkerCrashedError(`worker "${this.label}" is gone`));
    return requestVia((envelope: Envelope) => new Promise((resolve, reject) => {
      this.pending.set(envelope.id, { resolve, reject });
      this.worker.postMessage(envelope);
    }), kind, payload);
  }

  terminate(reason = 'terminated'): void {
    this.worker.terminate();
    this.fail(new WorkerCrashedError(`worker "${this.label}" ${reason}`));
  }

  private fail(error: Error): void {
    this.dead = true;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
