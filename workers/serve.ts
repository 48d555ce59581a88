import { createDispatcher, parseOrThrow, type Handlers } from '../extension/protocol/dispatcher.ts';
import { EnvelopeSchema, type StreamFrame } from '../extension/protocol/envelope.ts';
import { serializeError } from '../extension/protocol/errors.ts';
import { streamRoutes, type StreamKind } from '../extension/protocol/messages.ts';
import type { StreamHandler } from '../extension/protocol/stream.ts';
import type * as v from 'valibot';

/**
 * A dedicated worker only hears its parent (the offscreen model host), so every message is treated as coming from our
 * extension; envelopes and payloads are still validated like on every other channel.
 */
const PARENT = { id: 'model-host', origin: 'model-host' };

type Route<K extends StreamKind> = (typeof streamRoutes)[K];
export type WorkerStreamHandlers = {
  [K in StreamKind]?: StreamHandler<v.InferOutput<Route<K>['request']>, v.InferOutput<Route<K>['event']>, v.InferOutput<Route<K>['response']>>;
};

export function serveWorker(handlers: Handlers, streams: WorkerStreamHandlers = {}): void {
  const running = new Map<string, AbortController>();
  const { accepts, dispatch } = createDispatcher('worker', () => PARENT, {
    ...handlers,
    'worker.abort': ({ requestId }) => {
      running.get(requestId)?.abort();
      return {};
    },
  });
  const post = (frame: StreamFrame) => self.postMessage(frame);

  async function serveStream(kind: StreamKind, raw: unknown) {
    const id = String((raw as { id?: unknown }).id ?? '').slice(0, 64);
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const route = streamRoutes[kind];
      const envelope = parseOrThrow(EnvelopeSchema, raw, 'stream request');
      const payload = parseOrThrow(route.request, envelope.payload, `"${kind}" request`);
      // Each kind's handler takes what that kind's schema just validated.
      const handler = streams[kind] as StreamHandler<unknown, unknown, unknown>;
      const result = await handler(payload, (event) => post({ type: 'event', id, payload: parseOrThrow(route.event, event, 'event') }),
        controller.signal);
      post({ type: 'end', id, payload: parseOrThrow(route.response, result, `"${kind}" result`) });
    } catch (error) {
      post({ type: 'error', id, error: serializeError(error) });
    } finally {
      running.delete(id);
    }
  }

  self.addEventListener('message', (event: MessageEvent) => {
    const kind = (event.data as { kind?: unknown } | null)?.kind;
    if (typeof kind === 'string' && Object.hasOwn(streams, kind)) return void serveStream(kind as StreamKind, event.data);
    if (!accepts(event.data)) return;
    void dispatch(event.data, PARENT).then((reply) => self.postMessage(reply));
  });
}
