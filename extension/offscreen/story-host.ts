import type { CatalogueEntry } from '../../models/catalogue.ts';
import type { StoryRun, StoryRunStore } from '../features/story/current.ts';
import type { NewStory } from '../features/story/library.ts';
import type { StoryStart } from '../features/story/messages.ts';
import { AbortError, BusyError, isErrorNamed, serializeError, ValidationError } from '../protocol/errors.ts';
import { usableModel } from './usable-model.ts';
import { describeError, notStoredError } from './not-stored.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';

type HostGenerate = (request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal) => Promise<GenerateResult>;

export interface StoryHostDeps {
  store: StoryRunStore;
  generate: HostGenerate;
  saveStory(story: NewStory): Promise<number>;
  resolveModel(id: string): Promise<Pick<CatalogueEntry, 'name' | 'promptFormat' | 'unavailableReason'> | undefined>;
  /** Streamed text is stored at most this often (ms); the start and the end are stored at once. */
  saveEveryMs?: number;
}

/**
 * Stories are written here, in the model host, so closing the popup does not stop one (issue: the popup closes
 * whenever focus leaves it). One story at a time; it is stored as it streams, and a finished or stopped story is saved
 * to the library here too. A stored story still "running" with nothing active here (the host went away) is marked
 * interrupted and what it had is saved, marked stopped.
 */
/**
 * Whether the model wrote anything: the run's text starts with the user's opening (`\n\n` + opening), which alone is
 * not a story (a Stop before the first token would have saved it as one).
 */
function written(run: Pick<StoryRun, 'text' | 'opening'>): boolean {
  const opening = run.opening.trim() ? `\n\n${run.opening.trim()}` : '';
  return (run.text.startsWith(opening) ? run.text.slice(opening.length) : run.text).trim().length > 0;
}

export class StoryHost {
  private active: { id: string; abort: AbortController; done: Promise<StoryRun> } | null = null;
  private starting = false;
  private writes: Promise<void> = Promise.resolve();
  private writeError: unknown = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsaved: StoryRun | null = null;

  constructor(private readonly deps: StoryHostDeps) {}

  async start(request: StoryStart): Promise<string> {
    this.refuseIfBusy();
    if (!request.prompt.trim()) throw new ValidationError('Write a prompt first: the story starts from it (for example "Once upon a time").');
    this.starting = true;
    let entry: Awaited<ReturnType<StoryHostDeps['resolveModel']>>;
    try {
      entry = await this.deps.resolveModel(request.model);
    } finally {
      this.starting = false;
    }
    usableModel(request.model, entry, 'story');
    this.refuseIfBusy();

    const id = `story-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const abort = new AbortController();
    const prefix = request.opening.trim() ? `\n\n${request.opening.trim()}` : '';
    const run: StoryRun = {
      ...request, id, status: 'running', stage: null, text: prefix, result: null, savedId: null, saveError: null, error: null,
      startedAt: Date.now(), finishedAt: null,
    };
    this.writeError = null;
    this.store(run, true);
    const done = this.write(run, prefix, abort.signal).finally(() => {
      if (this.active?.id === id) this.active = null;
    });
    this.active = { id, abort, done };
    await this.writes;
    if (this.writeError) {
      abort.abort();
      await done.catch(() => undefined);
      throw notStoredError('the story', this.writeError);
    }
    return id;
  }

  /** Stops the active story (saved as stopped, with what it had). */
  async stop(runId: string): Promise<void> {
    if (this.active?.id === runId) {
      this.active.abort.abort();
      await this.active?.done.catch(() => undefined);
      return;
    }
    await this.status();
  }

  /** The active story's id; a stored one left "running" with nothing active here is marked interrupted (and saved). */
  async status(): Promise<{ active: string | null }> {
    this.enqueue(async () => {
      if (this.active || this.starting) return;
      const stored = await this.deps.store.load();
      if (stored?.status !== 'running') return;
      const interrupted: StoryRun = { ...stored, status: 'interrupted', stage: null, finishedAt: stored.finishedAt ?? Date.now() };
      await this.deps.store.save(written(stored) ? await this.saveToLibrary(interrupted, null) : interrupted);
    });
    await this.writes;
    return { active: this.active?.id ?? null };
  }

  /** Resolves when the active story (if any) has finished and is stored: for tests and shutdown. */
  async settled(): Promise<StoryRun | null> {
    return this.active ? this.active.done : null;
  }

  private refuseIfBusy(): void {
    if (this.active || this.starting) {
      throw new BusyError('a story is already being written (one at a time): stop it, or wait for it to finish', { runId: this.active?.id ?? null });
    }
  }

  private async write(run: StoryRun, prefix: string, signal: AbortSignal): Promise<StoryRun> {
    const { params } = run;
    let current = run;
    try {
      const result = await this.deps.generate({
        model: run.model, backend: run.backend, prompt: run.prompt + prefix,
        params: { maxTokens: params.maxTokens, temperature: params.temperature, topK: params.topK, topP: params.topP,
          repetitionPenalty: params.repetitionPenalty, seed: params.seed },
      }, (event) => {
        current = event.type === 'token'
          ? { ...current, stage: 'generating', text: current.text + event.text }
          : { ...current, stage: event.stage };
        this.store(current, event.type !== 'token');
      }, signal);
      const stopped = signal.aborted || result.finishReason === 'abort';
      current = { ...current, text: prefix + result.text, result, stage: null, finishedAt: Date.now(),
        status: stopped ? 'stopped' : result.text.trim() ? 'done' : 'empty' };
      if (current.status !== 'empty' && written(current)) current = await this.saveToLibrary(current, result);
    } catch (error) {
      const stopped = isErrorNamed(error, AbortError) || signal.aborted;
      // Stopped by something else than the user's Stop (the model deleted under it): said why.
      const stopReason = stopped && !signal.aborted ? (error as Error).message.replace(/^stopped: /, '') : undefined;
      current = { ...current, stage: null, finishedAt: Date.now(), status: stopped ? 'stopped' : 'failed', error: stopped ? null : serializeError(error),
        ...(stopReason ? { stopReason } : {}) };
      if (stopped && written(current)) current = await this.saveToLibrary(current, null);
    }
    this.store(current, true);
    await this.writes;
    return current;
  }

  private async saveToLibrary(run: StoryRun, result: GenerateResult | null): Promise<StoryRun> {
    const stopped = run.status !== 'done';
    try {
      const savedId = await this.deps.saveStory({
        prompt: run.prompt, writer: run.model, text: run.text.trim(), params: { ...run.params, backend: result?.stats.backend ?? run.backend },
        seed: run.params.seed, stopped, finishReason: result?.finishReason ?? 'abort', source: 'model',
        timings: result ? { ttftMs: result.stats.ttftMs, totalMs: result.stats.totalMs, decodeTokS: result.stats.decodeTokS,
          tokensIn: result.stats.tokensIn, tokensOut: result.stats.tokensOut, promptTokensDropped: result.stats.promptTokensDropped } : null,
      });
      return { ...run, savedId };
    } catch (error) {
      return { ...run, saveError: describeError(error) };
    }
  }

  /** Stores `run`: at once (`now`), or with the next throttled write (streamed text). */
  private store(run: StoryRun, now: boolean): void {
    this.unsaved = run;
    if (now) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.deps.saveEveryMs ?? 250);
  }

  private flush(): void {
    const run = this.unsaved;
    this.unsaved = null;
    if (run) this.enqueue(() => this.deps.store.save(run));
  }

  /** Storage writes happen one after another, in order, so an older snapshot never lands after a newer one. */
  private enqueue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.writeError = error;
      console.warn('story: could not store progress', error);
    });
  }
}
