import { AbortError, DeviceLostError } from '../protocol/errors.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';
import type { WorkerPool } from './worker-pool.ts';

/**
 * One worker per model. Requests for the same model queue (a model generates one stream at a time); requests for
 * different models run side by side in their own workers. An aborted request leaves the queue at once.
 */
export class ModelHost {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly waiting = new Map<string, number>();

  /** @param onResult sees every finished generation (the host records its first-token time). */
  constructor(private readonly pool: WorkerPool, private readonly onResult?: (request: GenerateRequestPayload, result: GenerateResult) => void) {}

  generate(request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal): Promise<GenerateResult> {
    const label = `model:${request.model}`;
    const busy = (this.waiting.get(label) ?? 0) > 0;
    this.waiting.set(label, (this.waiting.get(label) ?? 0) + 1);
    if (busy) emit({ type: 'status', stage: 'queued' });
    let started = false;
    const run = async () => {
      started = true;
      if (signal.aborted) throw new AbortError('cancelled while queued');
      try {
        const result = await this.pool.get(label).stream('worker.generate', request, emit, signal);
        this.onResult?.(request, result);
        return result;
      } catch (error) {
        // A worker whose GPU device is gone cannot get it back (ORT keeps one device per worker): replace the worker,
        // so the next request starts on a fresh device, or on WASM if none can be had.
        if (error instanceof DeviceLostError) this.pool.terminate(label);
        throw error;
      }
    };
    const queued = (this.queues.get(label) ?? Promise.resolve()).then(run, run);
    const settled = queued.catch(() => undefined).finally(() => this.waiting.set(label, (this.waiting.get(label) ?? 1) - 1));
    this.queues.set(label, settled);
    // Aborted while still waiting its turn: the caller hears at once (the queue still skips it when its turn comes).
    // Once running, an abort stops the worker's stream, which ends with the text so far.
    return new Promise<GenerateResult>((resolve, reject) => {
      const onAbort = () => {
        if (!started) reject(new AbortError('cancelled while queued'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      queued.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  unload(model: string): boolean {
    return this.pool.terminate(`model:${model}`);
  }
}
