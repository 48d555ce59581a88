import { createOffscreenDocument, offscreenDocumentExists, request } from '../platform/index.ts';
import { ModelHostError, PocketError } from '../protocol/errors.ts';
import type { Kind, RequestOf, ResponseOf } from '../protocol/messages.ts';

const OFFSCREEN_PATH = 'offscreen/index.html';
let creating: Promise<void> | undefined;

/**
 * The offscreen document hosts the model workers (a service worker cannot start workers). It is created on demand and
 * again whenever it is gone: Chrome may close it, a crash may take it, or a test may close it on purpose.
 */
export async function ensureModelHost(): Promise<void> {
  const exists = await offscreenDocumentExists();
  // A document that exists because another caller is creating it may not be listening yet: wait for that caller.
  if (creating) return creating;
  if (exists) return;
  creating ??= createOffscreenDocument(OFFSCREEN_PATH, 'Hosts the workers that run language models with WebGPU/WASM.')
    .catch(async (error: unknown) => {
      // Two callers may race past the existence check; the loser's "only one offscreen document" is fine.
      if (!(await offscreenDocumentExists())) {
        throw new ModelHostError(`could not start the model host: ${error instanceof Error ? error.message : error}`);
      }
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

/** The model host's creation while one is under way (a message sent before it ends would find no listener). */
export function modelHostStarting(): Promise<void> | undefined {
  return creating;
}

export async function callModelHost<K extends Kind & `host.${string}`>(kind: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  await ensureModelHost();
  try {
    return await request(kind, payload);
  } catch (error) {
    // The host may have been closed between the check and the send; one fresh start, then the error stands.
    if (error instanceof PocketError) throw error;
    if (!(error instanceof Error) || !/Receiving end does not exist/.test(error.message)) throw hostGone(error);
    await ensureModelHost();
    try {
      return await request(kind, payload);
    } catch (again) {
      throw again instanceof PocketError ? again : hostGone(again);
    }
  }
}

/** Chrome's own messaging errors ("message channel closed", the host closed mid-request) as our named error. */
const hostGone = (error: unknown) =>
  new ModelHostError(`the model host did not answer: ${error instanceof Error ? error.message : String(error)}`);
