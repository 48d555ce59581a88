/**
 * Forwards a generation's events while letting the worker's event loop run. On WASM a decode step settles through
 * microtasks only (the plain build's session.run and our CPU kernels never wait on anything), so without a turn of
 * the event loop a `worker.abort` message would sit in the queue until the whole generation had finished.
 */
import { yieldToEventLoop } from '../extension/sandbox/interpreter/budget.ts';

const YIELD_EVERY_MS = 8;

export async function pumpStream<E, R>(stream: AsyncGenerator<E, R>, emit: (event: E) => void,
  now: () => number = () => performance.now()): Promise<R> {
  let lastTurn = now();
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) return next.value;
      emit(next.value);
      if (now() - lastTurn >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastTurn = now();
      }
    }
  } catch (error) {
    // An event that could not be sent (emit threw): the engine's own cleanup (its `finally`: GPU buffers, sessions,
    // listeners) still runs.
    await stream.return(undefined as R).catch(() => undefined);
    throw error;
  }
}
