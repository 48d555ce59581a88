import { createDispatcher, type Handlers } from '../extension/protocol/dispatcher.ts';

/**
 * A dedicated worker only hears its parent (the offscreen model host), so every message is treated as coming from our
 * extension; envelopes and payloads are still validated like on every other channel.
 */
const PARENT = { id: 'model-host', origin: 'model-host' };

export function serveWorker(handlers: Handlers): void {
  const { accepts, dispatch } = createDispatcher('worker', () => PARENT, handlers);
  self.addEventListener('message', (event: MessageEvent) => {
    if (!accepts(event.data)) return;
    void dispatch(event.data, PARENT).then((reply) => self.postMessage(reply));
  });
}
