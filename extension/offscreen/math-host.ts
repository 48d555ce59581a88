import type { CatalogueEntry } from '../../models/catalogue.ts';
import { interrupted, type MathRunStore } from '../features/math/last-run.ts';
import type { MathStart } from '../features/math/messages.ts';
import { prepareProblem } from '../features/math/prompts.ts';
import { solve, type MathRun, type ModelCall, type ModelReply, type ProgramRun } from '../features/math/solve.ts';
import { AbortError, BusyError, ValidationError } from '../protocol/errors.ts';
import { usableModel } from './usable-model.ts';
import { notStoredError } from './not-stored.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';

type HostGenerate = (request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal) => Promise<GenerateResult>;

export interface MathHostDeps {
  store: MathRunStore;
  /** The model host's generate (the model's worker, queued per model). */
  generate: HostGenerate;
  /** Runs a program-of-thought program in the sandbox page with the math capabilities. */
  runProgram(source: string, signal: AbortSignal): Promise<ProgramRun>;
  resolveModel(id: string): Promise<Pick<CatalogueEntry, 'name' | 'promptFormat' | 'unavailableReason'> & { contextLength?: number } | undefined>;
  /** Streamed text is stored at most this often (ms); a new attempt, a finished one and the end are stored at once. */
  saveEveryMs?: number;
}

/**
 * Math runs live here, in the model host, so closing the popup does not stop them. One run at a time per profile
 * (a second start is a BusyError). The run is stored as it goes; every open Math tab shows it from storage. A stored
 * run still "running" when no run is active here (the host went away mid-run) is marked interrupted.
 */
export class MathHost {
  private active: { id: string; abort: AbortController; done: Promise<MathRun> } | null = null;
  private starting = false;
  private writes: Promise<void> = Promise.resolve();
  private unsaved: MathRun | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastMark = '';
  private writeError: unknown = null;

  constructor(private readonly deps: MathHostDeps) {}

  async start(request: MathStart): Promise<string> {
    this.refuseIfBusy();
    const prepared = prepareProblem(request.problem);
    const problem = request.typedLength !== undefined && request.typedLength > request.problem.length
      ? { ...prepared, truncated: true, originalLength: request.typedLength } : prepared;
    if (!problem.text) throw new ValidationError('the problem is empty: type or paste a math problem');
    this.starting = true;
    let entry: Awaited<ReturnType<MathHostDeps['resolveModel']>>;
    try {
      entry = await this.deps.resolveModel(request.model);
    } finally {
      this.starting = false;
    }
    entry = usableModel(request.model, entry, 'math');
    this.refuseIfBusy();

    const id = `math-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const abort = new AbortController();
    const { model, backend, problem: _typed, typedLength: _length, ...options } = request;
    this.lastMark = '';
    this.writeError = null;
    const solving = solve(problem, model, entry.promptFormat === 'chat', options, {
      signal: abort.signal,
      generate: (call, onText, signal) => this.generate(model, backend, call, onText, signal ?? abort.signal),
      runProgram: (source, signal) => this.deps.runProgram(source, signal ?? abort.signal),
      onUpdate: (run) => this.progress(run),
      ...(entry.contextLength ? { contextTokens: entry.contextLength } : {}),
    }, id);
    const done = solving.then(async (final) => {
      await this.flush();
      return final;
    }).finally(() => {
      if (this.active?.id === id) this.active = null;
    });
    this.active = { id, abort, done };
    // The first row (the run, its first attempt opened) is stored before the caller hears the id; a run that cannot be
    // stored could never be shown, so it stops and the caller hears why.
    await this.writes;
    if (this.writeError) {
      abort.abort();
      await done.catch(() => undefined);
      throw notStoredError('the math run', this.writeError);
    }
    return id;
  }

  /** Stops the active run (it ends "stopped", with what it had). Another id: only a stale stored run is tidied. */
  async cancel(runId: string): Promise<void> {
    if (this.active?.id === runId) {
      this.active.abort.abort();
      await this.active?.done.catch(() => undefined);
      return;
    }
    await this.status();
  }

  /** The active run's id; a stored run left "running" with nothing active here is marked interrupted first. */
  async status(): Promise<{ active: string | null }> {
    await this.enqueue(async () => {
      if (this.active || this.starting) return;
      const stored = await this.deps.store.load();
      if (stored?.status === 'running') await this.deps.store.save(interrupted(stored));
    });
    return { active: this.active?.id ?? null };
  }

  /** Resolves when the active run (if any) has finished and is stored: for tests and shutdown. */
  async settled(): Promise<MathRun | null> {
    return this.active ? this.active.done : null;
  }

  private refuseIfBusy(): void {
    if (this.active || this.starting) {
      throw new BusyError('a math run is already going (one at a time): stop it, or wait for it to finish', { runId: this.active?.id ?? null });
    }
  }

  private async generate(model: string, backend: MathStart['backend'], call: ModelCall, onText: (text: string) => void,
    signal: AbortSignal): Promise<ModelReply> {
    const result = await this.deps.generate({
      model, ...(backend ? { backend } : {}), prompt: call.prompt, ...(call.messages ? { messages: call.messages } : {}),
      params: {
        maxTokens: call.maxTokens, temperature: call.temperature, seed: call.seed,
        ...(call.stop.length ? { stop: call.stop } : {}), ...(call.temperature > 0 ? { topK: 40, topP: 0.95 } : {}),
      },
    }, (event) => {
      if (event.type === 'token') onText(event.text);
    }, signal);
    // An engine stopped mid-stream answers with what it had; the run itself must end as stopped.
    if (signal.aborted) throw new AbortError('stopped');
    return {
      text: result.text, finishReason: result.finishReason, tokensIn: result.stats.tokensIn, tokensOut: result.stats.tokensOut,
      promptTokensDropped: result.stats.promptTokensDropped, backend: result.stats.backend, totalMs: result.stats.totalMs,
    };
  }

  /** Every change arrives here; a change of shape (attempt added or finished, status) is stored at once, text later. */
  private progress(run: MathRun): void {
    this.unsaved = run;
    const mark = [run.status, run.attempts.length, run.attempts.filter((a) => a.done).length, run.attempts.filter((a) => a.program).length].join(':');
    if (mark !== this.lastMark) {
      this.lastMark = mark;
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.deps.saveEveryMs ?? 250);
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.unsaved;
    this.unsaved = null;
    return run ? this.enqueue(() => this.deps.store.save(run)) : this.writes;
  }

  /** Storage writes happen one after another, in order, so an older snapshot never lands after a newer one. */
  private enqueue(write: () => Promise<void>): Promise<void> {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.writeError = error;
      console.warn('math run: could not store progress', error);
    });
    return this.writes;
  }
}
