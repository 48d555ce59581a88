import * as v from 'valibot';
import { SerializedErrorSchema } from './errors.ts';

export const MAX_KIND_LENGTH = 64;
export const MAX_ID_LENGTH = 64;

/** The one message shape on every channel: `{kind, id, payload}`. The payload is checked per kind afterwards. */
export const EnvelopeSchema = v.strictObject({
  kind: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_KIND_LENGTH)),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH)),
  payload: v.unknown(),
});
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

export const ReplySchema = v.variant('ok', [
  v.strictObject({ id: v.string(), ok: v.literal(true), payload: v.unknown() }),
  v.strictObject({ id: v.string(), ok: v.literal(false), error: SerializedErrorSchema }),
]);
export type Reply = v.InferOutput<typeof ReplySchema>;

/** 128 random bits as hex: crypto.randomUUID exists only in secure contexts, not on plain-http pages. */
export function randomHex(separator = ''): string {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(16).padStart(8, '0')).join(separator);
}

export function newMessageId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  return randomHex('-');
}

/** Streams (ports) carry the request envelope first, then events until `end` or `error`. */
export const StreamFrameSchema = v.variant('type', [
  v.strictObject({ type: v.literal('event'), id: v.string(), payload: v.unknown() }),
  v.strictObject({ type: v.literal('end'), id: v.string(), payload: v.unknown() }),
  v.strictObject({ type: v.literal('error'), id: v.string(), error: SerializedErrorSchema }),
  /** Sent while a long step (a prefill) emits nothing: a message keeps the service worker that relays the port alive. */
  v.strictObject({ type: v.literal('alive'), id: v.string() }),
]);
export type StreamFrame = v.InferOutput<typeof StreamFrameSchema>;
