import { newMessageId, ReplySchema, type Envelope } from './envelope.ts';
import { deserializeError, InternalError } from './errors.ts';
import { routes, type Kind, type RequestOf, type ResponseOf } from './messages.ts';
import { parseOrThrow } from './dispatcher.ts';

export type Send = (envelope: Envelope) => Promise<unknown>;

/** Sends one request through `send` and returns the validated response, or throws the named error that came back. */
export async function requestVia<K extends Kind>(send: Send, kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope = { kind, id: newMessageId(), payload };
  const raw = await send(envelope);
  if (raw === undefined) throw new InternalError(`no receiver answered "${kind}"`);
  const reply = parseOrThrow(ReplySchema, raw, `reply to "${kind}"`);
  if (!reply.ok) throw deserializeError(reply.error);
  return parseOrThrow(routes[kind].response, reply.payload, `"${kind}" response`) as ResponseOf<K>;
}

