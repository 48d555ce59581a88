import * as v from 'valibot';
import { ReplySchema, StreamFrameSchema, newMessageId, type Envelope } from '../protocol/envelope.ts';
import { deserializeError, WorkerCrashedError } from '../protocol/errors.ts';
import { requestVia } from '../protocol/client.ts';
import { parseOrThrow } from '../protocol/dispatcher.ts';
import { streamRoutes, type Kind, type RequestOf, type ResponseOf, type StreamKind } from '../protocol/messages.ts';

type Pending = { resolve: (reply: unknown) => void; reject: (error: Error) => void };
type Route<K extends StreamKind> = (typeof streamRoutes)[K];
type StreamPending = { kind: StreamKind; onEvent: (event: unknown) => void; resolve: (result: unknown) => void; reject: (error: Error) => void };

/**
 * Typed request/response and streams to one dedicated worker. A crash rejects everything pending and marks the
 * client dead, so nothing waits forever on a worker that is gone.
 */
export class WorkerClient {
  private readonly pending = new Map<string, Pending>();
  private readonly streams = new Map<string, StreamPending>();
  private dead = false;

  constructor(private readonly worker: Worker, readonly label: string) {
    worker.addEventListener('message', (event: MessageEvent) => this.onMessage(event.data));
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

  stream<K extends StreamKind & `worker.${string}`>(
    kind: K,
    payload: v.InferInput<Route<K>['request']>,
    onEvent: (event: v.InferOutput<Route<K>['event']>) => void,
    signal?: AbortSignal,
  ): Promise<v.InferOutput<Route<K>['response']>> {
    if (this.dead) return Promise.reject(new WorkerCrashedError(`worker "${this.label}" is gone`));
    const id = newMessageId();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (this.streams.has(id) && !this.dead) void this.request('worker.abort', { requestId: id }).catch(() => {});
      };
      // The listener goes when the stream settles: one signal may serve a whole run of streams (a probe run).
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort);
        fn(value);
      };
      this.streams.set(id, { kind, onEvent: onEvent as (event: unknown) => void, resolve: settle(resolve as (r: unknown) => void), reject: settle(reject) });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.postMessage({ kind, id, payload } satisfies Envelope);
      if (signal?.aborted) onAbort();
    });
  }

  /** Ends the worker; what was running fails with `error` (by default: the worker crashed, naming `reason`). */
  terminate(reason = 'terminated', error?: Error): void {
    this.fail(error ?? new WorkerCrashedError(`worker "${this.label}" ${reason}`));
  }

  private onMessage(data: unknown): void {
    const frame = v.safeParse(StreamFrameSchema, data);
    if (frame.success) {
      const stream = this.streams.get(frame.output.id);
      if (!stream) return;
      const route = streamRoutes[stream.kind];
      try {
        if (frame.output.type === 'alive') return;
        if (frame.output.type === 'event') return stream.onEvent(parseOrThrow(route.event, frame.output.payload, 'worker event'));
        this.streams.delete(frame.output.id);
        if (frame.output.type === 'end') stream.resolve(parseOrThrow(route.response, frame.output.payload, 'worker result'));
        else stream.reject(deserializeError(frame.output.error));
      } catch (error) {
        this.streams.delete(frame.output.id);
        stream.reject(error as Error);
      }
      return;
    }
    const reply = v.safeParse(ReplySchema, data);
    if (!reply.success) return;
    const waiting = this.pending.get(reply.output.id);
    this.pending.delete(reply.output.id);
    waiting?.resolve(data);
  }

  private fail(error: Error): void {
    // A worker that threw out of its event loop keeps running (with its engine and GPU memory): stop it for good.
    if (!this.dead) this.worker.terminate();
    this.dead = true;
    for (const waiting of this.pending.values()) waiting.reject(error);
    for (const stream of this.streams.values()) stream.reject(error);
    this.pending.clear();
    this.streams.clear();
  }
}
