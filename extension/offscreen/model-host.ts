import type * as v from 'valibot';
import { AbortError, DeviceLostError } from '../protocol/errors.ts';
import type { EngineInfoSchema, FetchProgressEvent, GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface ResidencyLimits {
  /** Model workers (each holds its model's weights and, on WebGPU, its own device) kept loaded at once. */
  maxLoaded: number;
  /** A model nobody has used for this long is unloaded. */
  idleUnloadMs: number;
}

export const DEFAULT_RESIDENCY: ResidencyLimits = { maxLoaded: 2, idleUnloadMs: 10 * 60_000 };

/**
 * One worker per model. Requests for the same model queue (a model generates one stream at a time); requests for
 * different models run side by side in their own workers. An aborted request leaves the queue at once. Models are
 * unloaded when idle for a while, and the least recently used idle one makes room when a third would load: a probe run
 * over several models plus a judge would otherwise keep every one of them in memory until the host closed.
 */
export class ModelHost {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly waiting = new Map<string, number>();
  private readonly lastUsed = new Map<string, number>();
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private clock = 0;

  /** @param onResult sees every finished generation (the host records its first-token time). */
  constructor(private readonly pool: WorkerPool, private readonly onResult?: (request: GenerateRequestPayload, result: GenerateResult) => void,
    private readonly limits: ResidencyLimits = DEFAULT_RESIDENCY) {}

  /** Runs `work` on a model's worker (loading it if need be), counted as a use: it is not unloaded meanwhile. */
  async withModel<T>(model: string, work: (worker: ReturnType<WorkerPool['get']>) => Promise<T>): Promise<T> {
    const label = `model:${model}`;
    this.hold(label);
    try {
      return await work(this.load(label));
    } finally {
      this.release(label);
    }
  }

  private hold(label: string) {
    this.waiting.set(label, (this.waiting.get(label) ?? 0) + 1);
    clearTimeout(this.idleTimers.get(label));
    this.idleTimers.delete(label);
  }

  private release(label: string) {
    const left = (this.waiting.get(label) ?? 1) - 1;
    this.waiting.set(label, left);
    if (left > 0) return;
    this.idleTimers.set(label, setTimeout(() => {
      this.idleTimers.delete(label);
      if (!this.waiting.get(label)) this.pool.terminate(label);
    }, this.limits.idleUnloadMs));
  }

  /** The worker for `label`, after unloading the least recently used idle models beyond the limit. */
  private load(label: string) {
    this.lastUsed.set(label, ++this.clock);
    const loaded = this.pool.labels().filter((l) => l.startsWith('model:') && l !== label);
    const idle = loaded.filter((l) => !this.waiting.get(l)).sort((a, b) => (this.lastUsed.get(a) ?? 0) - (this.lastUsed.get(b) ?? 0));
    for (let excess = loaded.length + 1 - this.limits.maxLoaded; excess > 0 && idle.length; excess--) {
      const victim = idle.shift()!;
      clearTimeout(this.idleTimers.get(victim));
      this.idleTimers.delete(victim);
      this.pool.terminate(victim);
    }
    return this.pool.get(label);
  }

  generate(request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal): Promise<GenerateResult> {
    const label = `model:${request.model}`;
    const busy = (this.waiting.get(label) ?? 0) > 0;
    this.hold(label);
    if (busy) emit({ type: 'status', stage: 'queued' });
    const attempt = async (mayRetry: boolean): Promise<GenerateResult> => {
      let tokens = 0;
      const counting = (event: GenerateEvent) => {
        if (event.type === 'token') tokens += 1;
        emit(event);
      };
      try {
        const result = await this.load(label).stream('worker.generate', request, counting, signal);
        this.onResult?.(request, result);
        return result;
      } catch (error) {
        // A worker whose GPU device is gone cannot get it back (ORT keeps one device per worker): replace the worker,
        // so the next request starts on a fresh device, or on WASM if none can be had.
        if (!(error instanceof DeviceLostError)) throw error;
        this.pool.terminate(label);
        // Lost while idle, before this request began: it runs again on a fresh worker.
        const idle = (error.data as { idle?: unknown } | undefined)?.idle === true;
        if (mayRetry && idle && tokens === 0 && !signal.aborted) return attempt(false);
        throw error;
      }
    };
    return this.enqueue(label, () => attempt(true), signal);
  }

  /**
   * Runs `work` in the model's queue (held: not unloaded meanwhile). Aborted while still waiting its turn, the caller
   * hears at once (the queue still skips it when its turn comes); once running, `work` answers the abort itself.
   */
  private enqueue<T>(label: string, work: () => Promise<T>, signal: AbortSignal): Promise<T> {
    let started = false;
    const run = async () => {
      started = true;
      if (signal.aborted) throw new AbortError('cancelled while queued');
      return work();
    };
    const queued = (this.queues.get(label) ?? Promise.resolve()).then(run, run);
    const settled = queued.catch(() => undefined).finally(() => this.release(label));
    this.queues.set(label, settled);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (!started) reject(new AbortError('cancelled while queued'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      queued.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * Loads a model whose engine downloads its own files first (web-llm), passing on the engine's progress: in the
   * model's queue, with the backend generations ask for, so the engine it loads is the one they use. The engine cannot
   * stop a download it began, so an abort stops the model's worker.
   */
  fetchModel(model: string, onEvent: (event: FetchProgressEvent) => void, signal: AbortSignal): Promise<v.InferOutput<typeof EngineInfoSchema>> {
    const label = `model:${model}`;
    this.hold(label);
    return this.enqueue(label, async () => {
      const stop = () => this.pool.terminate(label);
      signal.addEventListener('abort', stop, { once: true });
      try {
        return await this.load(label).stream('worker.model.fetch', { model }, onEvent, signal);
      } finally {
        signal.removeEventListener('abort', stop);
      }
    }, signal);
  }

  /** Whether a task is using the model now (generating, loading, or waiting its turn). */
  inUse(model: string): boolean {
    return (this.waiting.get(`model:${model}`) ?? 0) > 0;
  }

  /** `error`: what a task running on it fails with (default: the worker was stopped). */
  unload(model: string, error?: Error): boolean {
    return this.pool.terminate(`model:${model}`, error);
  }
}
