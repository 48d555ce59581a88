import { AbortError, ValidationError } from '../protocol/errors.ts';
import { usableModel } from './usable-model.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';
import type { PocketDb, ProbeRunRow } from '../storage/db.ts';
import type { ProbeConfig, ProbeRunDoc } from '../features/probes/config.ts';
import { executeRun, type Generate, type ProbeStore } from '../features/probes/runner.ts';
import { resolveModel } from '../../models/registry.ts';
import { SUITE_NAMES } from '../features/probes/suites.ts';
import { callFailed, type ItemResult } from '../features/probes/stats.ts';

type HostGenerate = (request: GenerateRequestPayload, emit: (event: GenerateEvent) => void, signal: AbortSignal) => Promise<GenerateResult>;

export function dexieProbeStore(db: PocketDb): ProbeStore {
  return {
    getRun: (id) => db.probeRuns.get(id),
    putRun: async (row) => void await db.probeRuns.put(row),
    // Items whose model call failed are not done: a resumed run tries them again.
    doneKeys: async (runId) => new Set((await db.probeItems.where('runId').equals(runId).toArray())
      .filter((row) => !callFailed(row.result as ItemResult)).map((row) => row.itemKey)),
    putItem: async (row) => void await db.probeItems.put(row),
  };
}

/**
 * Probe runs live here, in the model host, so closing the popup does not stop them. One run at a time; others wait
 * as "queued". A run left "running" (the browser or the host went away) is picked up again when the host starts,
 * and only its unfinished items run.
 */
/** A run's models and its judge, each once. */
const modelIds = (config: ProbeConfig): string[] => [...new Set([...config.models, ...(config.judge ? [config.judge] : [])])];

export class ProbeHost {
  private active: { runId: string; abort: AbortController } | null = null;
  private pumping: Promise<void> | null = null;
  /** Runs whose failure could not be written (storage full): left alone by this host until resumed or restarted. */
  private readonly unwritable = new Map<string, string>();
  /** Runs a Cancel reached while they were not active (see cancel). */
  private readonly cancelled = new Set<string>();
  private readonly store: ProbeStore;
  private readonly generate: Generate;

  constructor(private readonly db: PocketDb, hostGenerate: HostGenerate) {
    this.store = dexieProbeStore(db);
    this.generate = async (r, signal) => {
      const result = await hostGenerate({
        model: r.model, prompt: r.prompt, ...(r.messages ? { messages: r.messages } : {}), ...(r.backend ? { backend: r.backend } : {}),
        params: {
          maxTokens: r.maxTokens, temperature: r.temperature, seed: r.seed, stop: r.stop,
          ...(r.temperature > 0 ? { topK: 40, topP: 0.95 } : {}),
        },
      }, () => undefined, signal);
      // An engine stopped mid-stream answers with what it had: that is no answer to score (and would be kept as done).
      if (signal.aborted || result.finishReason === 'abort') throw new AbortError('stopped');
      return result.text;
    };
  }

  async start(config: ProbeConfig): Promise<string> {
    const unknown = config.suites.filter((name) => !SUITE_NAMES.includes(name));
    if (unknown.length) throw new ValidationError(`no probe suite ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${SUITE_NAMES.join(', ')}`);
    await this.checkModels(config);
    const now = Date.now();
    const runId = `probe-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const doc: ProbeRunDoc = { config, total: 0, done: 0, etaS: null, skipped: [], startedAt: now, updatedAt: now };
    await this.db.probeRuns.put({ id: runId, status: 'queued', config: doc, createdAt: now });
    void this.pump();
    return runId;
  }

  async resume(runId: string): Promise<string> {
    const row = await this.db.probeRuns.get(runId);
    if (!row) throw new ValidationError(`no probe run "${runId}"`);
    if (row.status === 'done') throw new ValidationError('that run has finished; start a new one');
    // The models may have changed since it was queued (deleted, no longer packaged, or one that cannot serve probes).
    await this.checkModels((row.config as ProbeRunDoc).config);
    this.unwritable.delete(runId);
    this.cancelled.delete(runId);
    if (this.active?.runId !== runId) await this.db.probeRuns.update(runId, { status: 'queued' });
    void this.pump();
    return runId;
  }

  async cancel(runId: string): Promise<void> {
    if (this.active?.runId === runId) {
      this.active.abort.abort();
      return;
    }
    // The pump may be about to start this run from a read made before this cancel: it checks this set first.
    this.cancelled.add(runId);
    const row = await this.db.probeRuns.get(runId);
    if (row && (row.status === 'queued' || row.status === 'running')) await this.db.probeRuns.update(runId, { status: 'cancelled' });
  }

  status(): { active: string | null } {
    void this.pump();
    return { active: this.active?.runId ?? null };
  }

  /** Each of the run's models (and judge) exists, can run here and can serve probes (`usableModel`). */
  private async checkModels(config: ProbeConfig): Promise<void> {
    for (const id of modelIds(config)) usableModel(id, await resolveModel(id, this.db), 'probes');
  }

  /** The run's models (and judge) whose catalogue entry says their chat template applies: they get chat turns. */
  private async chatModels(row: ProbeRunRow): Promise<Set<string>> {
    const { config } = row.config as ProbeRunDoc;
    const ids = modelIds(config);
    const entries = await Promise.all(ids.map((id) => resolveModel(id, this.db)));
    return new Set(ids.filter((_, i) => entries[i]?.promptFormat === 'chat'));
  }

  /** Runs what waits: interrupted runs first (oldest first), then queued ones. */
  pump(): Promise<void> {
    this.pumping ??= (async () => {
      try {
        for (;;) {
          const waiting = (await this.db.probeRuns.where('status').anyOf('running', 'queued').sortBy('createdAt'))
            .filter((row) => !this.unwritable.has(row.id))
            .sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running'));
          const next: ProbeRunRow | undefined = waiting[0];
          if (!next) return;
          const abort = new AbortController();
          this.active = { runId: next.id, abort };
          if (this.cancelled.has(next.id)) abort.abort();
          try {
            await executeRun(next.id, this.store, this.generate, abort.signal, { chatModels: await this.chatModels(next), onlyIfWaiting: true });
          } catch (error) {
            const doc = (await this.db.probeRuns.get(next.id))?.config as ProbeRunDoc | undefined;
            const message = `The run stopped: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
            try {
              await this.db.probeRuns.update(next.id, { status: 'failed', ...(doc ? { config: { ...doc, message, etaS: null } } : {}) });
            } catch (writeError) {
              // Storage refuses even this small write (a full disk): hold the run here so it is not picked up again and again.
              this.unwritable.set(next.id, message);
              console.error(`probe run ${next.id}: ${message}; its status could not be saved`, writeError);
            }
          } finally {
            this.active = null;
          }
        }
      } finally {
        this.pumping = null;
      }
    })();
    return this.pumping;
  }
}
