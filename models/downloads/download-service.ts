import { AbortError, DeviceLostError, deserializeError, IntegrityError, ModelNotFoundError, serializeError } from '../../extension/protocol/errors.ts';
import type { PocketDb, ModelRow } from '../../extension/storage/db.ts';
import { type CatalogueEntry, isUserAdded, type ModelFile } from '../catalogue.ts';
import { downloadModel, finalPath, partPath, type DownloadProgress } from './download-manager.ts';
import type { FileStore } from './file-store.ts';
import { hasChatTemplate } from '../custom-model.ts';
import { externalDataLocations } from '../../workers/engines/graph/onnx-model.ts';
import { checkOnnxFraming } from '../../workers/engines/graph/onnx-framing.ts';

const TOKENIZER_CONFIG = 'tokenizer_config.json';

/** How a catalogue model's file that arrived as something else ends its message (the Models tab reads it). */
const NOT_WHAT_WAS_ASKED = 'the server sent something else (a sign-in page, a captive portal or a proxy may be answering for it); it was deleted, so another try fetches it again';

export interface ServiceDeps {
  db: PocketDb;
  store: FileStore;
  fetch: typeof fetch;
  freeBytes: () => Promise<number>;
  now?: () => number;
  /** Models whose files another library fetches and keeps (web-llm, in its own cache). */
  managed?: ManagedDownloads;
  /**
   * Loads a downloaded model once (a one-token generation), for a model the user added: its files can all be whole
   * and still not make a model this engine runs (a graph of another layout, a config or tokenizer that does not fit).
   */
  tryLoad?: (entry: CatalogueEntry, signal: AbortSignal) => Promise<void>;
  /** How long that load may take before it is left to the model's first use (default TRY_LOAD_LIMIT_MS). */
  tryLoadLimitMs?: number;
}

const TRY_LOAD_LIMIT_MS = 180_000;

/** Errors of a trial load that say nothing about the model (the GPU went away, the load was stopped). */
const NOT_THE_MODELS_FAULT = new Set([AbortError.errorName, DeviceLostError.errorName]);

/**
 * How far a managed download is, as its library reports it: a fraction, bytes where it says them, and the stage
 * (web-llm downloads the weights, then reads them back from its cache onto the GPU, each from 0 to 100%).
 */
export interface ManagedProgress {
  fraction: number;
  bytesDone?: number;
  stage: 'fetch' | 'load' | 'other';
}

export interface ManagedDownloads {
  /** Fetches (and loads) the model; resolves with the bytes it holds. An abort must end it. */
  fetch(entry: CatalogueEntry, onProgress: (progress: ManagedProgress) => void, signal: AbortSignal): Promise<{ bytes: number }>;
  /** Deletes what the library keeps of the model (`source` absent: a stored row no entry describes any more). */
  remove(entry: Pick<CatalogueEntry, 'id'> & Partial<Pick<CatalogueEntry, 'source'>>): Promise<void>;
}

const isManaged = (entry: Partial<Pick<CatalogueEntry, 'source'>>) => entry.source?.kind === 'web-llm';

/**
 * web-llm reports "Fetching param cache[3/20]: 120MB fetched. 15% completed, …" (or "…MB loaded." from its cache)
 * with the fraction of bytes; other stages (shader compilation) only a fraction.
 */
export function webLlmProgress(report: { fraction: number; text: string }): ManagedProgress {
  const megabytes = /(\d+)MB (fetched|loaded)\./.exec(report.text);
  if (!megabytes) return { fraction: report.fraction, stage: 'other' };
  return { fraction: report.fraction, bytesDone: Number(megabytes[1]) * 1024 * 1024, stage: megabytes[2] === 'fetched' ? 'fetch' : 'load' };
}

/**
 * Runs downloads in the model host (they outlive the popup) and mirrors their state into Dexie, where every surface
 * reads it: state, progress (at most a few writes a second), bytes on disk, the last error.
 */
export class DownloadService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly removing = new Set<string>();
  /** Models asked to start while their cancelled run was still ending: started again once it has. */
  private readonly startAgain = new Set<string>();

  constructor(private readonly deps: ServiceDeps) {}

  isRunning(modelId: string): boolean {
    return this.running.has(modelId);
  }

  /** Starts (or joins) a download; resolves when it ends, whatever the outcome (the outcome is in Dexie). */
  start(entry: CatalogueEntry): Promise<void> {
    const existing = this.running.get(entry.id);
    if (existing && !existing.controller.signal.aborted) return existing.done;
    // A Resume pressed on another surface while this model's files are being deleted: the delete wins.
    if (this.removing.has(entry.id)) return Promise.resolve();
    if (existing) {
      // Resume right after Cancel, while the cancelled run is still ending: joining it lost the Resume (exploratory
      // test, session 24). It starts again once that run has recorded its end, unless a Cancel or delete came since.
      this.startAgain.add(entry.id);
      return existing.done.then(() => (this.startAgain.delete(entry.id) ? this.start(entry) : this.running.get(entry.id)?.done));
    }
    const controller = new AbortController();
    // Never rejects: the outcome (or the failure to record it) is in Dexie and on the row.
    const done = this.run(entry, controller.signal).catch(() => undefined).finally(() => this.running.delete(entry.id));
    this.running.set(entry.id, { controller, done });
    return done;
  }

  /** Stops a download; one this host is not running (its host went away mid-download) is marked paused. */
  async cancel(entry: CatalogueEntry): Promise<void> {
    this.startAgain.delete(entry.id);
    const run = this.running.get(entry.id);
    if (run) {
      run.controller.abort();
      return;
    }
    await this.releaseOrphan(entry);
  }

  /**
   * Rows left "downloading" by a host that went away (browser closed, extension updated, a crash): nothing runs them,
   * so they become paused with what is on disk, to resume or delete. Called when the host starts.
   */
  async recoverInterrupted(entryFor: (id: string) => Promise<CatalogueEntry | undefined>): Promise<void> {
    const rows = await this.deps.db.models.where('state').equals('downloading').toArray();
    for (const row of rows) {
      if (this.running.has(row.id)) continue;
      const entry = await entryFor(row.id).catch(() => undefined);
      if (entry) await this.releaseOrphan(entry);
      else await this.update(row.id, { state: 'paused', progress: undefined });
    }
  }

  private async releaseOrphan(entry: CatalogueEntry): Promise<void> {
    const row = await this.deps.db.models.get(entry.id);
    if (row?.state !== 'downloading' || this.running.has(entry.id)) return;
    const bytes = await this.bytesOnDisk(entry).catch(() => row.bytes);
    await this.update(entry.id, { state: 'paused', progress: undefined, bytes });
  }

  /**
   * Deletes a model's files and download rows. A user-added model keeps its row (its definition) as "absent", unless
   * `forget`: a row this version can no longer read goes whole.
   */
  async remove(entry: Pick<CatalogueEntry, 'id'> & Partial<CatalogueEntry>, forget = false): Promise<void> {
    this.removing.add(entry.id);
    this.startAgain.delete(entry.id);
    try {
      this.running.get(entry.id)?.controller.abort();
      await this.running.get(entry.id)?.done.catch(() => undefined);
      // A row no entry describes (`forget`) may be a web-llm model since dropped from the catalogue: swept too.
      if ((isManaged(entry) || forget) && this.deps.managed) await this.deps.managed.remove(entry);
      // Files first: on a full disk they are what frees space, even if the rows below cannot be written.
      await this.deps.store.removeFolder(entry.id);
      const { db } = this.deps;
      await db.transaction('rw', db.models, db.modelFiles, async () => {
        await db.modelFiles.where('modelId').equals(entry.id).delete();
        const row = await db.models.get(entry.id);
        if (row?.custom && !forget) await db.models.put({ id: entry.id, state: 'absent', bytes: 0, custom: row.custom, updatedAt: this.now() });
        else await db.models.delete(entry.id);
      });
    } finally {
      this.removing.delete(entry.id);
    }
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  private async update(id: string, patch: Partial<ModelRow>) {
    const { db } = this.deps;
    await db.transaction('rw', db.models, async () => {
      const row = await db.models.get(id);
      await db.models.put({ id, state: 'absent', bytes: 0, ...row, ...patch, updatedAt: this.now() });
    });
  }

  private async bytesOnDisk(entry: CatalogueEntry): Promise<number> {
    let total = 0;
    for (const file of entry.files) {
      total += await this.deps.store.size(finalPath(entry.id, file.path)) || await this.deps.store.size(partPath(entry.id, file.path));
    }
    return total;
  }

  /** Models downloaded before their traits were recorded (an older version): read them from the files on disk. */
  async recordMissingTraits(entryFor: (row: ModelRow) => CatalogueEntry | undefined): Promise<void> {
    const rows = await this.deps.db.models.where('state').equals('complete').toArray();
    for (const row of rows) {
      if (!row.custom || row.chatTemplate !== undefined) continue;
      const entry = entryFor(row);
      if (!entry) continue;
      const traits = await this.traits(entry);
      if (Object.keys(traits).length) await this.update(row.id, traits);
    }
  }

  /** What a user-added model's files say about it once they are all here (its catalogue entry reads it back). */
  private async traits(entry: CatalogueEntry): Promise<Pick<ModelRow, 'chatTemplate'>> {
    if (entry.source.kind !== 'hub' || entry.source.revision !== 'custom' || entry.engine === 'replay') return {};
    if (!entry.files.some((file) => file.path === TOKENIZER_CONFIG)) return {};
    try {
      const text = new TextDecoder().decode(await this.deps.store.read(finalPath(entry.id, TOKENIZER_CONFIG)));
      return { chatTemplate: hasChatTemplate(text) };
    } catch {
      return { chatTemplate: false };
    }
  }

  /** A model another library downloads: its progress and outcome are recorded like ours (paused when cancelled). */
  private async runManaged(entry: CatalogueEntry, signal: AbortSignal): Promise<void> {
    const started = this.now();
    let lastWrite = 0;
    try {
      const { managed } = this.deps;
      if (!managed) throw new ModelNotFoundError(`"${entry.name}" is downloaded by its engine, which this host does not run`);
      await this.update(entry.id, { state: 'downloading', error: undefined, progress: undefined });
      let fetched = false;
      const { bytes } = await managed.fetch(entry, ({ fraction, bytesDone, stage }) => {
        // Once weights were downloaded, reading them back from the cache is not more downloading: the row keeps its
        // full size (and progress) rather than counting again from 0.
        if (stage === 'fetch') fetched = true;
        if (stage === 'load' && fetched) return;
        const t = this.now();
        if (t - lastWrite < 250 || !bytesDone) return;
        lastWrite = t;
        const seconds = Math.max(0.001, (t - started) / 1000);
        const progress = {
          file: entry.id, bytesDone, bytesTotal: fraction > 0 ? Math.round(bytesDone / fraction) : 0,
          rateBps: bytesDone / seconds, etaS: fraction > 0 && fraction < 1 ? (seconds * (1 - fraction)) / fraction : null,
        };
        this.update(entry.id, { progress, bytes: bytesDone }).catch(() => undefined);
      }, signal);
      if (signal.aborted) throw new AbortError('download cancelled');
      // Loaded with no report (a generation had loaded it already, from web-llm's cache): the size known before stays.
      const known = bytes || (await this.deps.db.models.get(entry.id))?.bytes || 0;
      await this.update(entry.id, { state: 'complete', progress: undefined, bytes: known });
    } catch (error) {
      const { name, message } = serializeError(error);
      await this.finalState(entry.id, { state: signal.aborted ? 'paused' : 'failed', error: signal.aborted ? undefined : { name, message }, progress: undefined });
    }
  }

  private async run(entry: CatalogueEntry, signal: AbortSignal): Promise<void> {
    if (isManaged(entry)) return this.runManaged(entry, signal);
    const { db } = this.deps;
    let lastWrite = 0;
    // The last update the throttle held back: written when its file ends, so the line is not left short of it while
    // the next file's server is slow to answer (exploratory test, session 24).
    let held: DownloadProgress | undefined;
    const write = (progress: DownloadProgress) => {
      held = undefined;
      const { modelId: _id, ...rest } = progress;
      // bytesDone counts files committed before this run too: "bytes on disk" never drops while a download resumes.
      return this.update(entry.id, { progress: rest, bytes: progress.bytesDone }).catch(() => undefined); // a full disk: the end says so
    };
    const onProgress = (progress: DownloadProgress) => {
      const t = this.now();
      if (t - lastWrite < 250) {
        held = progress;
        return;
      }
      lastWrite = t;
      void write(progress);
    };
    try {
      await this.update(entry.id, { state: 'downloading', error: undefined });
      await downloadModel(entry, {
        store: this.deps.store, fetch: this.deps.fetch, freeBytes: this.deps.freeBytes, signal, onProgress,
        learned: {
          get: async (path) => {
            const row = await db.modelFiles.get([entry.id, path]);
            return row && !row.complete ? { ...(row.bytes ? { bytes: row.bytes } : {}), ...(row.validator ? { validator: row.validator } : {}) } : undefined;
          },
          set: async (path, learned) => {
            await db.modelFiles.put({ modelId: entry.id, path, bytes: learned.bytes ?? 0, sha256: null, complete: false, ...(learned.validator ? { validator: learned.validator } : {}) });
          },
        },
        onFileComplete: async (file, verified) => {
          if (held) await write(held);
          await db.modelFiles.put({ modelId: entry.id, path: file.path, bytes: verified.bytes, sha256: verified.sha256, complete: true });
        },
      });
      if (isUserAdded(entry)) {
        await this.checkReadable(entry, entry.files);
        await this.checkRuns(entry, signal);
      } else {
        // A catalogue model's files without a sha256 (the hub entries) are only as good as the server's answer: read
        // like a user-added model's, so a page a proxy sent instead is not "ready to use" (exploratory test, session 24).
        await this.checkReadable(entry, entry.files.filter((file) => file.sha256 === null));
      }
      await this.update(entry.id, { state: 'complete', progress: undefined, bytes: await this.bytesOnDisk(entry), ...await this.traits(entry) });
    } catch (error) {
      const state = signal.aborted ? 'paused' : 'failed';
      const { name, message } = serializeError(error);
      const bytes = await this.bytesOnDisk(entry).catch(() => undefined);
      await this.finalState(entry.id, { state, error: signal.aborted ? undefined : { name, message }, progress: undefined, ...(bytes === undefined ? {} : { bytes }) });
    }
  }

  /**
   * Files with no hash of ours can arrive whole and still be something else (an HTML page, a truncated export).
   * Before the model is called downloaded, each JSON file must parse as an object and each ONNX graph as a model (up
   * to 64 MB read whole; larger ones by their top-level fields, walked as the file streams). A catalogue model's bad
   * file is deleted, so another try fetches it again; a user-added model's address is what is wrong.
   */
  private async checkReadable(entry: CatalogueEntry, files: readonly ModelFile[]): Promise<void> {
    const custom = isUserAdded(entry);
    const bad: Array<{ path: string; why: string; bytes: number }> = [];
    for (const file of files) {
      const at = finalPath(entry.id, file.path);
      const why = await this.unreadable(at, file.path);
      if (!why) continue;
      const bytes = await this.deps.store.size(at);
      if (custom) {
        throw new IntegrityError(`${file.path} of "${entry.name}" arrived whole but ${why}: the address may not serve that file; remove this model and add it again with the right address`,
          { file: file.path, expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: bytes });
      }
      // Every bad file of the try is deleted, not just the first: another try fetches them all again (review, session 24).
      await this.deps.store.remove(at);
      await this.deps.db.modelFiles.delete([entry.id, file.path]);
      bad.push({ path: file.path, why, bytes });
    }
    if (!bad.length) return;
    const [first] = bad;
    const what = bad.length === 1 ? `${first!.path} of "${entry.name}" arrived whole but ${first!.why}`
      : `${bad.length} files of "${entry.name}" arrived whole but are not what was asked for (${bad.map((b) => `${b.path} ${b.why}`).join('; ')})`;
    throw new IntegrityError(`${what}: ${bad.length === 1 ? NOT_WHAT_WAS_ASKED : NOT_WHAT_WAS_ASKED.replace('it was deleted, so another try fetches it again', 'they were deleted, so another try fetches them again')}`,
      { file: first!.path, expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: first!.bytes });
  }

  /** Why a downloaded file cannot be what its name says (not JSON, not an ONNX graph), or undefined. */
  private async unreadable(at: string, path: string): Promise<string | undefined> {
    if (path.endsWith('.json')) {
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(await this.deps.store.read(at)));
      } catch {
        return 'is not JSON';
      }
      return !value || typeof value !== 'object' || Array.isArray(value) ? 'is not a JSON object' : undefined;
    }
    if (!path.endsWith('.onnx')) return undefined;
    if (await this.deps.store.size(at) <= READ_WHOLE_BYTES) {
      try {
        externalDataLocations(await this.deps.store.read(at));
        return undefined;
      } catch (error) {
        return `is not an ONNX model (${(error as Error).message.slice(0, 80)})`;
      }
    }
    // Too big to parse here: its top-level fields are walked as it streams (a cut-short file ends inside one).
    try {
      await checkOnnxFraming(this.deps.store.chunks(at));
      return undefined;
    } catch (error) {
      return `is not a whole ONNX model (${(error as Error).message.slice(0, 120)})`;
    }
  }

  /**
   * A model the user added is loaded once before it is called downloaded: one that cannot run here ends "failed" with
   * the engine's reason (before, it read "ready to use" and failed at every use). Canned-answer models are not models.
   */
  private async checkRuns(entry: CatalogueEntry, signal: AbortSignal): Promise<void> {
    if (!this.deps.tryLoad || entry.engine === 'replay') return;
    await this.update(entry.id, { progress: { file: '', bytesDone: 0, bytesTotal: 0, rateBps: 0, etaS: null, stage: 'check' } });
    // A load still going after the limit (a big model on a slow machine) is left to the first real use.
    const limit = new AbortController();
    const stop = () => limit.abort();
    signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(stop, this.deps.tryLoadLimitMs ?? TRY_LOAD_LIMIT_MS);
    try {
      // Raced with the limit: an engine that does not stop loading when asked still does not hold the download.
      await Promise.race([this.deps.tryLoad(entry, limit.signal), new Promise<never>((_, reject) => {
        limit.signal.addEventListener('abort', () => reject(new AbortError('the trial load was stopped')), { once: true });
      })]);
    } catch (error) {
      if (limit.signal.aborted && !signal.aborted) return;
      if (signal.aborted) throw error;
      const { name, message, data } = serializeError(error);
      if (NOT_THE_MODELS_FAULT.has(name)) return;
      throw deserializeError({ name, message: `its files arrived whole, but "${entry.name}" does not run here: ${message}`.slice(0, 4000), ...(data ? { data } : {}) });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }

  /**
   * The outcome row. On a disk so full that even this small write fails, the row is at least taken out of
   * "downloading" by a delete-and-put of the smallest row, so the model can be deleted to free space.
   */
  private async finalState(id: string, patch: Partial<ModelRow>): Promise<void> {
    try {
      await this.update(id, patch);
    } catch {
      const row = await this.deps.db.models.get(id).catch(() => undefined);
      await this.deps.db.models.put({ id, state: patch.state ?? 'failed', bytes: row?.bytes ?? 0, custom: row?.custom, updatedAt: this.now() })
        .catch(() => undefined);
    }
  }
}

/** ONNX graphs up to this size are parsed whole after a download (see checkReadable). */
const READ_WHOLE_BYTES = 64 * 1024 * 1024;

