import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { AbortError, IntegrityError, ModelNotFoundError, PocketError, QuotaError } from '../../extension/protocol/errors.ts';
import type { CatalogueEntry, ModelFile } from '../catalogue.ts';
import type { FileStore } from './file-store.ts';
import { isStorageFull } from '../../extension/storage/full.ts';
import { statusWords } from '../http-status.ts';
import { comesSafelyFrom } from '../custom-model.ts';

export interface DownloadProgress {
  modelId: string;
  file: string;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the last few seconds. */
  rateBps: number;
  etaS: number | null;
}

/** What the server told us about a file whose size the catalogue does not give (kept across sessions). */
export interface LearnedFile {
  bytes?: number;
  /** A strong ETag or a Last-Modified date: sent as If-Range, so a resume never joins two versions of the file. */
  validator?: string;
}

export interface LearnedFiles {
  get(path: string): Promise<LearnedFile | undefined>;
  set(path: string, learned: LearnedFile): Promise<void>;
}

export interface DownloadDeps {
  store: FileStore;
  fetch: typeof fetch;
  /** Free bytes the browser will still give us (quota − usage). */
  freeBytes: () => Promise<number>;
  onProgress?: (progress: DownloadProgress) => void;
  /** Called when one file is verified and committed, with what was verified. */
  onFileComplete?: (file: ModelFile, verified: { bytes: number; sha256: string }) => Promise<void> | void;
  /** Where sizes and validators learned from the server are kept (files the catalogue gives no size for). */
  learned?: LearnedFiles;
  signal?: AbortSignal;
  now?: () => number;
  /** Attempts per file for dropped connections (each resumes with a Range request). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** A connection that sends nothing for this long (headers or body) counts as dropped: retried with Range. */
  stallMs?: number;
}

/** See DownloadDeps.stallMs: long enough for a slow mobile link's pauses, short enough that a hung one gives way. */
export const STALL_MS = 30_000;

export const partPath = (modelId: string, path: string) => `${modelId}/${path}.part`;
export const finalPath = (modelId: string, path: string) => `${modelId}/${path}`;

const CHECKPOINT_BYTES = 8 * 1024 * 1024;

/** Rate over a sliding window, for progress bars that do not jump around. */
class RateMeter {
  private samples: [number, number][] = [];
  constructor(private readonly now: () => number) {}
  add(totalBytes: number): number {
    const t = this.now();
    this.samples.push([t, totalBytes]);
    while (this.samples.length > 2 && t - this.samples[0]![0] > 3000) this.samples.shift();
    const [t0, b0] = this.samples[0]!;
    return t > t0 ? ((totalBytes - b0) * 1000) / (t - t0) : 0;
  }
}

function describeBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Downloads every file of a model that is not complete yet. Each file streams into `<path>.part` while its sha256 is
 * computed incrementally; a dropped connection resumes with an HTTP Range request; only a file whose size and hash
 * match is renamed to its final name. A file that fails verification is fetched once more from scratch, then the
 * download fails with IntegrityError and the bad bytes are deleted.
 */
export async function downloadModel(entry: CatalogueEntry, deps: DownloadDeps): Promise<void> {
  const { store } = deps;
  const pending: { file: ModelFile; expected: number | undefined }[] = [];
  for (const file of entry.files) {
    if (!file.url) throw new ModelNotFoundError(`"${entry.name}" has no download address for ${file.path}`);
    if (await store.exists(finalPath(entry.id, file.path))) continue;
    pending.push({ file, expected: file.bytes ?? (await deps.learned?.get(file.path))?.bytes });
  }
  let needed = 0;
  let slack = 0;
  for (const { file, expected } of pending) {
    const remaining = Math.max(0, (expected ?? 0) - (await store.size(partPath(entry.id, file.path))));
    needed += remaining;
    if (remaining > 0) slack = Math.max(slack, reservationSlack(expected ?? 0)); // files are written one at a time
  }
  await checkSpace(entry, needed, slack, deps);
  // Files already here count in both the total and what is done, so a resumed download's line goes on from where it
  // stopped instead of restarting near 0 (exploratory test, session 24). Unknown (0) unless every pending file's size
  // is known: a bar must not reach its end before the download does.
  let kept = 0;
  for (const file of entry.files) {
    if (!pending.some((p) => p.file === file)) kept += await store.size(finalPath(entry.id, file.path));
  }
  const total = pending.every((p) => p.expected !== undefined) ? kept + pending.reduce((sum, p) => sum + p.expected!, 0) : 0;
  let doneBefore = kept;
  for (const { file } of pending) {
    const verified = await downloadFile(entry, file, deps, { total, doneBefore });
    doneBefore += verified.bytes;
    await deps.onFileComplete?.(file, verified);
  }
}

async function checkSpace(entry: CatalogueEntry, needed: number, slack: number, deps: DownloadDeps): Promise<void> {
  const free = await deps.freeBytes();
  if (needed + slack > free) {
    const extra = slack > 0 && needed <= free ? ` (and up to ${describeBytes(slack)} more while a file is being written)` : '';
    throw new QuotaError(`"${entry.name}" needs ${describeBytes(needed)} more${extra}, but only ${describeBytes(free)} is free for Pocket SLM`,
      { neededBytes: needed, slackBytes: slack, freeBytes: free });
  }
}

async function downloadFile(entry: CatalogueEntry, file: ModelFile, deps: DownloadDeps,
  overall: { total: number; doneBefore: number }): Promise<{ bytes: number; sha256: string }> {
  for (let integrityTry = 0; ; integrityTry++) {
    const bytes = await fetchWithResume(entry, file, deps, overall);
    const part = partPath(entry.id, file.path);
    // What was counted must be what is on disk (a write that silently kept less would leave a gap).
    const sizeOk = (bytes.expected === undefined || bytes.size === bytes.expected) && bytes.size === await deps.store.size(part);
    const hashOk = file.sha256 === null || bytes.sha256 === file.sha256.toLowerCase();
    if (sizeOk && hashOk) {
      await deps.store.commit(part, finalPath(entry.id, file.path));
      return { bytes: bytes.size, sha256: bytes.sha256 };
    }
    await deps.store.remove(part);
    if (integrityTry >= 1) {
      throw new IntegrityError(`${file.path} of "${entry.name}" failed verification twice (${sizeOk ? 'sha256' : 'size'} mismatch); nothing was kept`,
        { file: file.path, expectedSha256: file.sha256, actualSha256: bytes.sha256, expectedBytes: bytes.expected ?? null, actualBytes: bytes.size });
    }
  }
}


/** The sha256 state of what a part file holds, read in pieces (a multi-GB file never sits in memory at once). */
async function hashOnDisk(store: FileStore, path: string) {
  const hash = sha256.create();
  for await (const chunk of store.chunks(path)) hash.update(chunk);
  return hash;
}

/**
 * Space Chrome reserves beyond a file's own bytes while it is written in place: reservations grow in doubling steps up
 * to 128 MiB (a 2.6 MB file holds 4 MiB at its end), and the last step must fit for the last byte to be written.
 */
export function reservationSlack(bytes: number): number {
  const step = 128 * 1024 * 1024;
  const reserved = bytes <= step ? 2 ** Math.ceil(Math.log2(Math.max(bytes, 1024 * 1024))) : Math.ceil(bytes / step) * step;
  return reserved - bytes;
}

/** What an HTTP error status means (shared with the Add-a-model form). */
export { statusWords };

// `bytes a-b/T` → {start: a, total: T}; `bytes */T` (a 416's) → {total: T}; no total where the server says `*`.
export function parseContentRange(header: string | null): { start?: number; total?: number } | undefined {
  const m = header ? /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/i.exec(header.trim()) : null;
  if (!m) return undefined;
  return { ...(m[1] !== undefined ? { start: Number(m[1]) } : {}), ...(m[2] !== '*' ? { total: Number(m[2]) } : {}) };
}

/** A validator If-Range accepts: a strong ETag, else a Last-Modified date. */
function validatorOf(response: Response): string | undefined {
  const etag = response.headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return response.headers.get('last-modified') ?? undefined;
}

/** The length of the bytes a 200 body will give us: Content-Length, unless the body arrives compressed. */
function identityLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return undefined;
  const length = response.headers.get('content-length');
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

class StartOver extends Error {}

/** The answer is a web page: not retried (the same page would come again), and what is on disk is kept. */
class NotAModelFile extends IntegrityError {}

/** The words the Models tab reads as "a web page came instead of the file" (extension/features/models/failure.ts). */
const WEB_PAGE_ANSWER = 'the server answered with a web page (text/html), not a model file';

function isWebPage(response: Response): boolean {
  return /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(response.headers.get('content-type') ?? '');
}

/** The next chunk, or a rejection as soon as `signal` aborts (a body that merely stops sending never ends a read). */
function readOrStall(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new DOMException('the download attempt was stopped', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function fetchWithResume(entry: CatalogueEntry, file: ModelFile, deps: DownloadDeps,
  overall: { total: number; doneBefore: number }): Promise<{ size: number; sha256: string; expected: number | undefined }> {
  const { store, signal } = deps;
  const now = deps.now ?? (() => Date.now());
  const meter = new RateMeter(now);
  const part = partPath(entry.id, file.path);
  const maxAttempts = deps.maxAttempts ?? 4;
  let learned: LearnedFile = (file.bytes === undefined ? await deps.learned?.get(file.path) : undefined) ?? {};
  const expected = () => file.bytes ?? learned.bytes;
  const learn = async (next: LearnedFile) => {
    if (file.bytes !== undefined && next.bytes !== undefined && next.bytes !== file.bytes) {
      throw new IntegrityError(`${file.path} of "${entry.name}" is ${next.bytes} bytes on the server, not the ${file.bytes} expected; nothing was kept`,
        { file: file.path, expectedSha256: file.sha256, actualSha256: null, expectedBytes: file.bytes, actualBytes: next.bytes });
    }
    const sizeWasKnown = expected() !== undefined;
    learned = next;
    await deps.learned?.set(file.path, next);
    // A size just learned: the space check the catalogue's sizes get before the first byte.
    if (!sizeWasKnown && next.bytes !== undefined) {
      const remaining = Math.max(0, next.bytes - size);
      await checkSpace(entry, remaining, remaining > 0 ? reservationSlack(next.bytes) : 0, deps);
    }
  };
  let size = await store.size(part);
  // Resuming: the hash must cover what is already on disk.
  let hash = size > 0 ? await hashOnDisk(store, part) : sha256.create();
  const startOver = async () => {
    await store.truncate(part);
    size = 0;
    hash = sha256.create();
  };

  let failures = 0;
  let restarts = 0;
  for (;;) {
    if (signal?.aborted) throw new AbortError(`download of "${entry.name}" cancelled`);
    // What this attempt starts from: a failure after the file grew past it still made progress.
    const sizeAtStart = size;
    // This attempt's own signal: the user's cancel, or the watchdog when the server goes silent.
    const attempt = new AbortController();
    const onCancel = () => attempt.abort();
    signal?.addEventListener('abort', onCancel);
    if (signal?.aborted) attempt.abort();
    const stallMs = deps.stallMs ?? STALL_MS;
    let stalled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const quietFor = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        attempt.abort();
      }, stallMs);
    };
    quietFor();
    try {
      const headers: Record<string, string> = {};
      if (size > 0) {
        headers.Range = `bytes=${size}-`;
        // The server sends the whole file (200) instead of the rest when it changed since the first part was fetched.
        if (learned.validator) headers['If-Range'] = learned.validator;
      }
      const response = await deps.fetch(file.url!, { headers, signal: attempt.signal, cache: 'no-store' });
      quietFor();
      // A file with no sha256 is trusted for where it comes from: a redirect (the hub sends files on to its CDN) must
      // not take it to plain http, where anyone on the network could answer instead.
      if (response.redirected && !file.sha256 && !comesSafelyFrom(response.url)) {
        await response.body?.cancel().catch(() => undefined);
        throw new PocketError(`${file.path} was redirected to plain http (${new URL(response.url).host}), where anyone on the network could swap it, and it has no sha256 to check it by; nothing was kept from there`,
          { status: response.status, redirectedTo: response.url });
      }
      if (size > 0 && response.status === 416) {
        const total = parseContentRange(response.headers.get('content-range'))?.total ?? expected();
        // The part file already holds the whole file (the host stopped before verifying it): verify it now.
        if (total !== undefined && size === total) break;
        // Longer than the file on the server (it shrank, or the part file is wrong): fetch it again from the start.
        throw new StartOver();
      }
      if (!response.ok) throw new PocketError(`the server answered ${response.status}${statusWords(response.status)} for ${file.path}`, { status: response.status });
      // A sign-in page, a captive portal or a proxy answering for the host: a web page is never a model's file, and
      // kept it would have been called downloaded (exploratory test, session 24). What is on disk stays, to resume.
      if (isWebPage(response)) {
        await response.body?.cancel().catch(() => undefined);
        throw new NotAModelFile(`${file.path} of "${entry.name}": ${WEB_PAGE_ANSWER} — a sign-in page, a captive portal or a proxy may be answering for ${new URL(response.url || file.url!).host}; nothing of it was kept`,
          { file: file.path, keptBytes: size });
      }
      if (response.status === 206) {
        const range = parseContentRange(response.headers.get('content-range'));
        if (size === 0 || range?.start !== size) {
          await response.body?.cancel().catch(() => undefined);
          throw new StartOver();
        }
        const known = expected();
        if (range.total !== undefined && known !== undefined && range.total !== known) {
          // The file on the server is not the one the part file was begun from.
          await response.body?.cancel().catch(() => undefined);
          if (file.bytes !== undefined) await learn({ bytes: range.total });
          throw new StartOver();
        }
        if (range.total !== undefined && known === undefined) await learn({ ...learned, bytes: range.total });
      } else {
        // A whole file: the server ignored Range, or If-Range said the file changed. Start this file over.
        if (size > 0) await startOver();
        const length = identityLength(response);
        const validator = validatorOf(response);
        await learn({ ...(length !== undefined ? { bytes: length } : {}), ...(validator ? { validator } : {}) });
      }
      if (!response.body) throw new PocketError(`empty response for ${file.path}`);
      const reader = response.body.getReader();
      let handle = await store.openAppend(part);
      let sinceCheckpoint = 0;
      try {
        for (;;) {
          const { done, value } = await readOrStall(reader, attempt.signal);
          if (done) break;
          quietFor();
          const limit = expected();
          if (limit !== undefined && size + value.length > limit) {
            throw new IntegrityError(`${file.path} of "${entry.name}" is longer than its ${limit} bytes; nothing was kept`,
              { file: file.path, expectedSha256: file.sha256, actualSha256: null, expectedBytes: limit, actualBytes: size + value.length });
          }
          await handle.write(value);
          hash.update(value);
          size += value.length;
          sinceCheckpoint += value.length;
          if (sinceCheckpoint >= CHECKPOINT_BYTES) {
            // Durable on disk, so a crash loses at most one checkpoint: a flush where the store writes in place,
            // else a close (which commits) and a new writer.
            if (handle.flush) await handle.flush();
            else {
              await handle.close();
              handle = await store.openAppend(part);
            }
            sinceCheckpoint = 0;
          }
          const done_ = overall.doneBefore + size;
          const rate = meter.add(done_);
          deps.onProgress?.({
            modelId: entry.id, file: file.path, bytesDone: done_, bytesTotal: overall.total, rateBps: rate,
            etaS: rate > 0 && overall.total ? Math.max(0, (overall.total - done_) / rate) : null,
          });
        }
      } catch (error) {
        // A writer that failed (e.g. the disk is full) cannot be closed; its error is the one that matters.
        await handle.close().catch(() => undefined);
        await reader.cancel().catch(() => undefined);
        throw error;
      }
      await handle.close();
      break;
    } catch (thrown) {
      clearTimeout(watchdog);
      const error = stalled && !signal?.aborted
        ? new PocketError(`the server sent nothing for ${Math.round(stallMs / 1000)} s while sending ${file.path}`) : thrown;
      if (error instanceof StartOver && !signal?.aborted) {
        // Once: a server that keeps answering with the wrong piece is a failing server, not a changed file.
        if (++restarts > 2) throw new PocketError(`the server kept answering ${file.path} with the wrong part of the file`);
        await startOver();
        continue;
      }
      if (error instanceof NotAModelFile) throw error;
      if (error instanceof IntegrityError) {
        await store.remove(part).catch(() => undefined);
        throw error;
      }
      // Too little space for a size just learned: what is on disk stays, to go on once space is freed.
      if (error instanceof QuotaError) throw error;
      // What is on disk counts, not what was sent to it: a write or close that failed (storage full, a crash of the
      // writer) can have kept less than was counted, and a resume from the wrong offset would leave a gap.
      const onDisk = await store.size(part).catch(() => undefined);
      // Unknown (the size could not be read) counts as changed: the hash is rebuilt from the file before a retry.
      const stale = onDisk !== size;
      size = onDisk ?? size;
      // The file grew during this attempt: the connection was working, so this failure starts a new count.
      if (onDisk !== undefined && onDisk > sizeAtStart) failures = 0;
      if (signal?.aborted) throw new AbortError(`download of "${entry.name}" cancelled; ${size} bytes kept to resume`);
      if (isStorageFull(error)) {
        // Trying again cannot help until the user frees space.
        const known = expected();
        const of = known ? ` of ${describeBytes(known)}` : '';
        throw new QuotaError(size > 0
          ? `storage is full: ${file.path} of "${entry.name}" stopped after ${describeBytes(size)}${of}; those bytes are kept, and the download continues from there once space is freed`
          : `storage is full: ${file.path} of "${entry.name}" could not be written (0 B${of} kept); the download starts this file again once space is freed`,
        { file: file.path, keptBytes: size });
      }
      if (error instanceof PocketError && (error.data?.status as number) < 500 && (error.data?.status as number) !== 429) throw error;
      failures += 1;
      if (failures >= maxAttempts) {
        throw new PocketError(`download of ${file.path} failed after ${failures} attempts in a row: ${(error as Error).message}`);
      }
      // The next attempt resumes from what is on disk, so the hash must cover exactly that.
      if (stale) hash = size > 0 ? await hashOnDisk(store, part) : sha256.create();
      await new Promise((resolve) => setTimeout(resolve, (deps.retryDelayMs ?? 500) * failures));
    } finally {
      clearTimeout(watchdog);
      signal?.removeEventListener('abort', onCancel);
    }
  }
  return { size, sha256: bytesToHex(hash.digest()), expected: expected() };
}
