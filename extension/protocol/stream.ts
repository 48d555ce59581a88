import * as v from 'valibot';
import { EnvelopeSchema, newMessageId, StreamFrameSchema, type StreamFrame } from './envelope.ts';
import { AbortError, deserializeError, DisconnectedError, serializeError, ValidationError } from './errors.ts';
import { parseOrThrow } from './dispatcher.ts';

/** The minimal port surface both runtime.Port and test fakes provide. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** A streaming message kind: one request, many events, one final result. */
export interface StreamRoute<Req, Ev, Res> {
  kind: string;
  request: v.GenericSchema<unknown, Req>;
  event: v.GenericSchema<unknown, Ev>;
  response: v.GenericSchema<unknown, Res>;
}

/**
 * Client side: the request envelope goes first, then `event` frames arrive until `end` or `error`.
 * A port that drops before `end` rejects, so a stream never ends silently; aborting disconnects the port,
 * which the server sees as its abort signal.
 */
export function openStream<Req, Ev, Res>(
  port: PortLike,
  route: StreamRoute<Req, Ev, Res>,
  payload: Req,
  onEvent: (event: Ev) => void,
  signal?: AbortSignal,
): Promise<Res> {
  const id = newMessageId();
  return new Promise((resolve, reject) => {
    // Already stopped (the caller went away while the stream was being set up): nothing is sent.
    if (signal?.aborted) {
      port.disconnect();
      reject(new AbortError(`stream "${route.kind}" aborted`));
      return;
    }
    let settled = false;
    const onAbort = () => finish(() => reject(new AbortError(`stream "${route.kind}" aborted`)));
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      port.disconnect();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    port.onMessage.addListener((raw) => {
      try {
        const frame: StreamFrame = parseOrThrow(StreamFrameSchema, raw, `stream frame for "${route.kind}"`);
        if (frame.id !== id) return;
        if (frame.type === 'alive') return;
        if (frame.type === 'event') onEvent(parseOrThrow(route.event, frame.payload, `"${route.kind}" event`));
        else if (frame.type === 'end') {
          const result = parseOrThrow(route.response, frame.payload, `"${route.kind}" result`);
          finish(() => resolve(result));
        } else finish(() => reject(deserializeError(frame.error)));
      } catch (error) {
        finish(() => reject(error));
      }
    });
    port.onDisconnect.addListener(() =>
      finish(() => reject(new DisconnectedError(`stream "${route.kind}" closed before it ended`))));
    port.postMessage({ kind: route.kind, id, payload });
  });
}

/**
 * After how long without a frame a stream whose handler runs says it is alive. Chrome stops an extension service
 * worker after 30 s without events; a message arriving on a port counts as one, an open port does not. The background
 * relays generations between a page and the model host, and a prefill can be silent for longer than that.
 */
export const ALIVE_EVERY_MS = 10_000;

export type StreamHandler<Req, Ev, Res> = (payload: Req, emit: (event: Ev) => void, signal: AbortSignal) => Promise<Res>;

/** Server side: validates the first frame, runs the handler, forwards events; a client disconnect aborts the handler. */
export function serveStream<Req, Ev, Res>(
  port: PortLike,
  route: StreamRoute<Req, Ev, Res>,
  handler: StreamHandler<Req, Ev, Res>,
): void {
  const controller = new AbortController();
  let started = false;
  let open = true;
  const post = (frame: StreamFrame) => {
    if (!open) return;
    try {
      port.postMessage(frame);
    } catch {
      open = false; // disconnected from this side; the client already got its disconnect
    }
  };
  // An alive frame after ALIVE_EVERY_MS without any other: a stream that is sending tokens sends none.
  let alive: ReturnType<typeof setTimeout> | undefined;
  let streamId = '';
  const stayAlive = () => {
    clearTimeout(alive);
    alive = setTimeout(() => {
      post({ type: 'alive', id: streamId });
      stayAlive();
    }, ALIVE_EVERY_MS);
  };
  port.onDisconnect.addListener(() => {
    open = false;
    clearTimeout(alive);
    controller.abort();
  });
  port.onMessage.addListener(async (raw) => {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? String((raw as { id: string }).id).slice(0, 64) : '';
    try {
      if (started) throw new ValidationError('a stream takes exactly one request');
      started = true;
      const envelope = parseOrThrow(EnvelopeSchema, raw, 'stream request');
      if (envelope.kind !== route.kind) throw new ValidationError(`this port streams "${route.kind}" only`);
      const payload = parseOrThrow(route.request, envelope.payload, `"${route.kind}" request`);
      streamId = id;
      stayAlive();
      let result: Res;
      try {
        result = await handler(payload, (event) => {
          post({ type: 'event', id, payload: parseOrThrow(route.event, event, `"${route.kind}" event`) });
          stayAlive();
        }, controller.signal);
      } finally {
        clearTimeout(alive);
      }
      post({ type: 'end', id, payload: parseOrThrow(route.response, result, `"${route.kind}" result`) });
    } catch (error) {
      post({ type: 'error', id, error: serializeError(error) });
    }
  });
}
