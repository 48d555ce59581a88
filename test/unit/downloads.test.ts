import { afterEach, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadModel, finalPath, partPath, reservationSlack, type DownloadProgress, type LearnedFile } from '../../models/downloads/download-manager.ts';
import { MemoryFileStore } from '../../models/downloads/file-store.ts';
import type { CatalogueEntry } from '../../models/catalogue.ts';
import { AbortError, IntegrityError, QuotaError } from '../../extension/protocol/errors.ts';
import { startModelServer, type ServedFile } from '../support/model-server.ts';

const modelBytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../models/bundled/tinystories-656k/model.onnx')));
const tokenizerBytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../models/bundled/tinystories-656k/tokenizer.json')));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Compared by hash: a deep toEqual on 2.6 MB of bytes takes seconds. */
function expectModelCommitted(store: MemoryFileStore) {
  const file = store.files.get(finalPath('local-tiny', 'model.onnx'));
  expect(file && sha(file)).toBe(sha(modelBytes));
}

let server: Awaited<ReturnType<typeof startModelServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(model: Partial<ServedFile> = {}, options: { sha256?: string | null } = {}) {
  server = await startModelServer({
    '/m/model.onnx': { body: modelBytes, ...model },
    '/m/tokenizer.json': { body: tokenizerBytes },
  });
  const entry: CatalogueEntry = {
    id: 'local-tiny', name: 'Local tiny', architecture: 'decoder-only', engine: 'ort-decoder',
    source: { kind: 'hub', repo: 'local', revision: 'test', pinned: true },
    files: [
      { path: 'model.onnx', url: `${server.origin}/m/model.onnx`, bytes: modelBytes.length,
        sha256: options.sha256 === undefined ? sha(modelBytes) : options.sha256 },
      { path: 'tokenizer.json', url: `${server.origin}/m/tokenizer.json`, bytes: tokenizerBytes.length, sha256: sha(tokenizerBytes) },
    ],
    dtype: 'fp32', params: '656K', contextLength: 512, requiredFeatures: [], memoryMb: 20, license: 'test',
    goodFor: ['story'], description: 'test', promptFormat: 'plain',
  };
  return { entry, store: new MemoryFileStore(), progress: [] as DownloadProgress[] };
}

const deps = (store: MemoryFileStore, progress: DownloadProgress[], extra: object = {}) => ({
  store, fetch, freeBytes: async () => 1e12, onProgress: (p: DownloadProgress) => progress.push(p), retryDelayMs: 1, ...extra,
});

describe('download manager against a local HTTP server', () => {
  test('downloads, verifies and commits every file; progress reaches 100%', async () => {
    const { entry, store, progress } = await setup();
    await downloadModel(entry, deps(store, progress));
    expectModelCommitted(store);
    expect(store.files.has(partPath('local-tiny', 'model.onnx'))).toBe(false);
    const last = progress.at(-1)!;
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.bytesTotal).toBe(modelBytes.length + tokenizerBytes.length);
    expect(progress.map((p) => p.bytesDone)).toEqual([...progress.map((p) => p.bytesDone)].sort((a, b) => a - b));
  });

  test('an interrupted transfer resumes with a Range request instead of starting over', async () => {
    const { entry, store, progress } = await setup({ dropAfter: 1_000_000, dropTimes: 1 });
    await downloadModel(entry, deps(store, progress));
    expectModelCommitted(store);
    const modelRequests = server!.requests.filter((r) => r.path === '/m/model.onnx');
    expect(modelRequests).toHaveLength(2);
    expect(modelRequests[1]!.status).toBe(206);
    expect(Number(/bytes=(\d+)-/.exec(modelRequests[1]!.range!)![1])).toBeGreaterThanOrEqual(1_000_000);
  });

  test('a server that ignores Range makes the file start over, still verified', async () => {
    const { entry, store, progress } = await setup({ dropAfter: 500_000, dropTimes: 1, ignoreRange: true });
    await downloadModel(entry, deps(store, progress));
    expectModelCommitted(store);
  });

  test('a flipped byte is rejected and fetched once more', async () => {
    const { entry, store, progress } = await setup({ corruptTimes: 1 });
    await downloadModel(entry, deps(store, progress));
    expectModelCommitted(store);
    expect(server!.requests.filter((r) => r.path === '/m/model.onnx')).toHaveLength(2);
  });

  test('a file that stays corrupt fails with IntegrityError and nothing is kept', async () => {
    const { entry, store, progress } = await setup({ corruptTimes: 5 });
    const failure = downloadModel(entry, deps(store, progress));
    await expect(failure).rejects.toBeInstanceOf(IntegrityError);
    expect(store.files.has(finalPath('local-tiny', 'model.onnx'))).toBe(false);
    expect(store.files.has(partPath('local-tiny', 'model.onnx'))).toBe(false);
  });

  test('without a known hash a wrong size is still caught', async () => {
    const { entry, store, progress } = await setup({}, { sha256: null });
    entry.files[0]!.bytes = modelBytes.length + 1;
    await expect(downloadModel(entry, deps(store, progress, { freeBytes: async () => 1e12 }))).rejects.toBeInstanceOf(IntegrityError);
  });

  test('too little space: a clear QuotaError before a single byte is fetched', async () => {
    const { entry, store, progress } = await setup();
    const failure = downloadModel(entry, deps(store, progress, { freeBytes: async () => 1_000_000 }));
    await expect(failure).rejects.toBeInstanceOf(QuotaError);
    await expect(failure).rejects.toThrow(/needs 2\.7 MB more, but only 1\.0 MB is free/);
    expect(server!.requests).toHaveLength(0);
    expect(store.files.size).toBe(0);
  });

  test('room for the file but not for what Chrome reserves while writing it: QuotaError that says so', async () => {
    const { entry, store, progress } = await setup();
    const needed = modelBytes.length + tokenizerBytes.length;
    const failure = downloadModel(entry, deps(store, progress, { freeBytes: async () => needed + 1000 }));
    await expect(failure).rejects.toBeInstanceOf(QuotaError);
    await expect(failure).rejects.toThrow(/needs 2\.7 MB more \(and up to 1\.6 MB more while a file is being written\), but only 2\.7 MB is free/);
    expect(server!.requests).toHaveLength(0);
  });

  test('reservation slack: up to the next power of two (1 MiB at least), then 128 MiB steps', () => {
    const MiB = 1024 * 1024;
    expect(reservationSlack(2_635_917)).toBe(4 * MiB - 2_635_917);
    expect(reservationSlack(10)).toBe(MiB - 10);
    expect(reservationSlack(200 * MiB)).toBe(56 * MiB);
    expect(reservationSlack(1000 * MiB)).toBe(24 * MiB);
    expect(reservationSlack(1024 * MiB)).toBe(0);
  });

  test('a connection that drops often but makes progress each time is not given up on (failures count in a row)', async () => {
    const { entry, store, progress } = await setup({ dropAfter: 400_000, dropTimes: 6 });
    await downloadModel(entry, deps(store, progress));
    expectModelCommitted(store);
    // 7 × 64 KiB per connection: five drops (more than the 4 attempts allowed in a row), then the rest.
    expect(server!.requests.filter((r) => r.path === '/m/model.onnx')).toHaveLength(6);
  });

  test('a connection that stops sending (open, silent) counts as dropped after stallMs: resumed with Range, not stuck forever', async () => {
    const { entry, store, progress } = await setup({ holdAfter: 500_000 });
    await downloadModel(entry, deps(store, progress, { stallMs: 300 }));
    expectModelCommitted(store);
    const modelRequests = server!.requests.filter((r) => r.path === '/m/model.onnx');
    expect(modelRequests).toHaveLength(2);
    expect(modelRequests[1]!.status).toBe(206);
  });

  test('a server that ignores Range and keeps dropping makes no progress: given up after 4 failures, not retried forever', async () => {
    const { entry, store, progress } = await setup({ ignoreRange: true, dropAfter: 200_000, dropTimes: 50 });
    await expect(downloadModel(entry, deps(store, progress))).rejects.toThrow(/failed after 4 attempts in a row/);
    expect(server!.requests.filter((r) => r.path === '/m/model.onnx')).toHaveLength(4);
  });

  test('cancel stops at once, marks nothing complete, and a later download resumes from the part file', async () => {
    const { entry, store, progress } = await setup({ chunkDelayMs: 20 });
    const controller = new AbortController();
    const failure = downloadModel(entry, deps(store, (progress), { signal: controller.signal, onProgress: (p: DownloadProgress) => {
      progress.push(p);
      if (p.bytesDone > 300_000) controller.abort();
    } }));
    await expect(failure).rejects.toBeInstanceOf(AbortError);
    expect(store.files.has(finalPath('local-tiny', 'model.onnx'))).toBe(false);
    const kept = store.files.get(partPath('local-tiny', 'model.onnx'))!.length;
    expect(kept).toBeGreaterThan(300_000);
    expect(kept).toBeLessThan(modelBytes.length);

    server!.files['/m/model.onnx']!.chunkDelayMs = 0;
    await downloadModel(entry, deps(store, []));
    expectModelCommitted(store);
    expect(server!.requests.at(-2)!.range).toBe(`bytes=${kept}-`);
  });

  test('files already complete are not fetched again', async () => {
    const { entry, store, progress } = await setup();
    await downloadModel(entry, deps(store, progress));
    const before = server!.requests.length;
    await downloadModel(entry, deps(store, progress));
    expect(server!.requests.length).toBe(before);
  });

  test('a 404 fails at once with the status, no endless retries', async () => {
    const { entry, store, progress } = await setup();
    entry.files[0]!.url = `${server!.origin}/missing.onnx`;
    await expect(downloadModel(entry, deps(store, progress))).rejects.toThrow(/the server answered 404 \(not found: check the address/);
    expect(server!.requests.filter((r) => r.path === '/missing.onnx')).toHaveLength(1);
  });
});

/**
 * A store whose disk fills up at `limit` bytes: the write that crosses it throws QuotaExceededError (as OPFS does) and,
 * the worst case, the writer's unclosed chunks are lost with it, so the file on disk holds less than was written.
 */
class FullDiskStore extends MemoryFileStore {
  constructor(public limit: number) {
    super();
  }
  private used() {
    return [...this.files.values()].reduce((sum, file) => sum + file.length, 0);
  }
  override async openAppend(path: string) {
    const inner = await super.openAppend(path);
    let pending = 0;
    let failed = false;
    return {
      write: async (chunk: Uint8Array) => {
        if (this.used() + pending + chunk.length > this.limit) {
          failed = true;
          throw Object.assign(new Error('The operation failed because it would cause the application to exceed its storage quota.'), { name: 'QuotaExceededError' });
        }
        pending += chunk.length;
        await inner.write(chunk);
      },
      close: async () => {
        if (!failed) await inner.close();
      },
    };
  }
}

describe('storage that fills up during a download', () => {
  test('stops at once with QuotaError, keeps only what is really on disk, and resumes from there once space is freed', async () => {
    const { entry, progress } = await setup({ chunkDelayMs: 5 });
    const store = new FullDiskStore(1_000_000);
    // A first pass that fits part of the file: the writer commits it (the cancel path), so some bytes are kept.
    const controller = new AbortController();
    await expect(downloadModel(entry, deps(store, progress, { signal: controller.signal, onProgress: (p: DownloadProgress) => {
      if (p.bytesDone > 300_000) controller.abort();
    } }))).rejects.toBeInstanceOf(AbortError);
    const kept = store.files.get(partPath('local-tiny', 'model.onnx'))!.length;
    expect(kept).toBeGreaterThan(300_000);

    // Now the disk fills: the chunks written since the resume are lost with the failed writer.
    const before = server!.requests.length;
    const failure = await downloadModel(entry, deps(store, [])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QuotaError);
    expect((failure as QuotaError).message).toMatch(/storage is full: model\.onnx of "Local tiny" stopped after .* of 2\.\d MB; those bytes are kept, and the download continues/);
    expect((failure as QuotaError).data).toMatchObject({ file: 'model.onnx', keptBytes: kept });
    expect(server!.requests.length - before).toBe(1); // no retries against a full disk
    expect(store.files.has(finalPath('local-tiny', 'model.onnx'))).toBe(false);
    expect(store.files.get(partPath('local-tiny', 'model.onnx'))!.length).toBe(kept);

    // Space freed: Resume asks for exactly what is missing and the file verifies (no gap, no second full fetch).
    store.limit = 1e12;
    await downloadModel(entry, deps(store, []));
    expectModelCommitted(store);
    const modelRequests = server!.requests.filter((r) => r.path === '/m/model.onnx');
    expect(modelRequests.at(-1)!.range).toBe(`bytes=${kept}-`);
    expect(modelRequests).toHaveLength(3);
  });
});

describe('files the catalogue gives no size or hash for (the hub ONNX entries)', () => {
  const v1 = modelBytes;
  const v2 = (() => {
    const bytes = modelBytes.slice();
    bytes.fill(7, 0, 4096); // a new upload of the "same" file: same length, other bytes
    return bytes;
  })();

  function memoryLearned() {
    const rows = new Map<string, LearnedFile>();
    return { rows, get: async (path: string) => rows.get(path), set: async (path: string, learned: LearnedFile) => void rows.set(path, learned) };
  }

  async function unknownSize(model: Partial<ServedFile> = {}) {
    const ctx = await setup({ etag: '"v1"', ...model }, { sha256: null });
    delete ctx.entry.files[0]!.bytes;
    ctx.entry.files = [ctx.entry.files[0]!];
    return { ...ctx, learned: memoryLearned() };
  }

  async function pauseAfter(entry: CatalogueEntry, store: MemoryFileStore, extra: object, bytes: number) {
    const controller = new AbortController();
    const paused = downloadModel(entry, deps(store, [], { ...extra, signal: controller.signal, onProgress: (p: DownloadProgress) => {
      if (p.bytesDone > bytes) controller.abort();
    } }));
    await expect(paused).rejects.toBeInstanceOf(AbortError);
    return store.files.get(partPath('local-tiny', 'model.onnx'))!.length;
  }

  test('the size comes from the first response and is checked at the end; progress says the total is unknown', async () => {
    const { entry, store, progress, learned } = await unknownSize();
    await downloadModel(entry, deps(store, progress, { learned }));
    expectModelCommitted(store);
    expect(learned.rows.get('model.onnx')).toEqual({ bytes: v1.length, validator: '"v1"' });
    expect(progress.every((p) => p.bytesTotal === 0 && p.etaS === null)).toBe(true);
  });

  test('a resume sends If-Range; the file changed upstream during the pause: it starts over, never joins two versions', async () => {
    const { entry, store, learned } = await unknownSize({ chunkDelayMs: 5 });
    const kept = await pauseAfter(entry, store, { learned }, 300_000);
    Object.assign(server!.files['/m/model.onnx']!, { body: v2, etag: '"v2"', chunkDelayMs: 0 });
    await downloadModel(entry, deps(store, [], { learned }));
    const resumed = server!.requests.at(-1)!;
    expect(resumed).toMatchObject({ range: `bytes=${kept}-`, ifRange: '"v1"', status: 200 });
    expect(sha(store.files.get(finalPath('local-tiny', 'model.onnx'))!)).toBe(sha(v2));
    expect(learned.rows.get('model.onnx')).toEqual({ bytes: v2.length, validator: '"v2"' });
  });

  test('unchanged upstream: the resume gets the rest (206) and the file is whole', async () => {
    const { entry, store, learned } = await unknownSize({ chunkDelayMs: 5 });
    const kept = await pauseAfter(entry, store, { learned }, 300_000);
    server!.files['/m/model.onnx']!.chunkDelayMs = 0;
    await downloadModel(entry, deps(store, [], { learned }));
    expect(server!.requests.at(-1)).toMatchObject({ range: `bytes=${kept}-`, ifRange: '"v1"', status: 206 });
    expectModelCommitted(store);
  });

  test('without a validator, a total in Content-Range that differs from the learned size starts the file over', async () => {
    const { entry, store, learned } = await unknownSize({ etag: undefined, chunkDelayMs: 5 });
    await pauseAfter(entry, store, { learned }, 300_000);
    const longer = new Uint8Array(v1.length + 10);
    longer.set(v1);
    Object.assign(server!.files['/m/model.onnx']!, { body: longer, chunkDelayMs: 0 });
    await downloadModel(entry, deps(store, [], { learned }));
    expect(server!.requests.at(-1)).toMatchObject({ range: undefined, status: 200 });
    expect(sha(store.files.get(finalPath('local-tiny', 'model.onnx'))!)).toBe(sha(longer));
  });

  test('a size learned at the first response gets the space check before a byte is written', async () => {
    const { entry, store, learned } = await unknownSize();
    const failure = downloadModel(entry, deps(store, [], { learned, freeBytes: async () => 1_000_000 }));
    await expect(failure).rejects.toBeInstanceOf(QuotaError);
    await expect(failure).rejects.toThrow(/needs 2\.6 MB more/);
    expect(store.files.get(partPath('local-tiny', 'model.onnx'))?.length ?? 0).toBe(0);
  });

  test('a part file that already holds the whole file (the host stopped before verifying it): the 416 is verified and committed', async () => {
    const { entry, store, learned } = await unknownSize({ etag: undefined });
    const handle = await store.openAppend(partPath('local-tiny', 'model.onnx'));
    await handle.write(v1);
    await handle.close();
    await downloadModel(entry, deps(store, [], { learned }));
    expect(server!.requests.at(-1)!.status).toBe(416);
    expectModelCommitted(store);
  });

  test('a part file longer than the file on the server (it shrank upstream): fetched again from the start, not a 416 forever', async () => {
    const { entry, store, learned } = await unknownSize({ etag: undefined });
    const handle = await store.openAppend(partPath('local-tiny', 'model.onnx'));
    await handle.write(new Uint8Array(v1.length + 5000));
    await handle.close();
    await downloadModel(entry, deps(store, [], { learned }));
    expect(server!.requests.map((r) => r.status)).toEqual([416, 200]);
    expectModelCommitted(store);
  });

  test('a streamed body without any length still downloads (checked by the bytes that came)', async () => {
    const { entry, store, progress, learned } = await unknownSize({ noLength: true, etag: undefined });
    await downloadModel(entry, deps(store, progress, { learned }));
    expectModelCommitted(store);
    expect(learned.rows.get('model.onnx')).toEqual({});
  });
});

describe('a known size the server does not keep to', () => {
  test('a Content-Length other than the catalogue size is refused before a byte is written', async () => {
    const { entry, store, progress } = await setup({ body: new Uint8Array(5_000_000) });
    const failure = downloadModel(entry, deps(store, progress));
    await expect(failure).rejects.toBeInstanceOf(IntegrityError);
    await expect(failure).rejects.toThrow(/is 5000000 bytes on the server, not the 2635917 expected/);
    expect(progress).toHaveLength(0);
    expect(server!.requests.filter((r) => r.path === '/m/model.onnx')).toHaveLength(1);
  });

  test('a body that runs past the known size (no length given) stops as soon as it does: never fills the disk', async () => {
    const { entry, store, progress } = await setup({ body: new Uint8Array(5_000_000), noLength: true });
    await expect(downloadModel(entry, deps(store, progress))).rejects.toBeInstanceOf(IntegrityError);
    expect(Math.max(...progress.map((p) => p.bytesDone))).toBeLessThanOrEqual(modelBytes.length);
    expect(store.files.has(partPath('local-tiny', 'model.onnx'))).toBe(false);
    expect(server!.requests.filter((r) => r.path === '/m/model.onnx')).toHaveLength(1);
  });
});

describe('redirects (security review: a file with no sha256 is trusted for where it comes from)', () => {
  /** The local server's answer, as if it had come through a redirect to `to`. */
  const redirectedTo = (to: string) => async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    return Object.defineProperties(response, { redirected: { value: true }, url: { value: to } });
  };

  test('a redirect to plain http is refused at once, nothing kept, when the file has no sha256', async () => {
    const { entry, store, progress } = await setup({}, { sha256: null });
    const attempts: string[] = [];
    const fetchVia = redirectedTo('http://cdn.example/model.onnx');
    const error = await downloadModel(entry, deps(store, progress, {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => (attempts.push(String(input)), fetchVia(input, init)),
    })).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toMatch(/model\.onnx was redirected to plain http \(cdn\.example\)/);
    expect(attempts).toHaveLength(1);
    expect(store.files.has(finalPath('local-tiny', 'model.onnx'))).toBe(false);
    expect(store.files.get(partPath('local-tiny', 'model.onnx'))?.length ?? 0).toBe(0);
  });

  test('a redirect to https, or any redirect of a file with a sha256, is followed', async () => {
    const https = await setup({}, { sha256: null });
    await downloadModel(https.entry, deps(https.store, https.progress, { fetch: redirectedTo('https://cdn.example/model.onnx') }));
    expectModelCommitted(https.store);
    await server?.close();
    const hashed = await setup();
    await downloadModel(hashed.entry, deps(hashed.store, hashed.progress, { fetch: redirectedTo('http://cdn.example/model.onnx') }));
    expectModelCommitted(hashed.store);
  });
});

describe('a web page where a model file was expected (exploratory test, session 24: a sign-in page was "ready to use")', () => {
  const page = '<!doctype html><html><head><title>Sign in</title></head><body>Please sign in to continue</body></html>';
  /** A captive portal or proxy: every request for model.onnx gets its sign-in page, 200 text/html. */
  const portal = (calls: RequestInfo[]): typeof fetch => async (input, init) => {
    calls.push(input as RequestInfo);
    return String(input).endsWith('/model.onnx')
      ? new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(page.length) } })
      : fetch(input, init);
  };

  test('is refused at once as "not a model file": no retries, nothing written', async () => {
    const { entry, store, progress } = await setup({}, { sha256: null });
    delete entry.files[0]!.bytes;
    const calls: RequestInfo[] = [];
    const failure = downloadModel(entry, deps(store, progress, { fetch: portal(calls) }));
    await expect(failure).rejects.toBeInstanceOf(IntegrityError);
    await expect(failure).rejects.toThrow(/model\.onnx of "Local tiny": the server answered with a web page \(text\/html\), not a model file/);
    expect(calls).toHaveLength(1);
    expect([...store.files.keys()].filter((key) => key.includes('model.onnx'))).toEqual([]);
  });

  test('met while resuming: what was kept stays, to resume once the network lets the file through', async () => {
    const { entry, store, progress } = await setup();
    store.files.set(partPath('local-tiny', 'model.onnx'), modelBytes.slice(0, 500_000));
    await expect(downloadModel(entry, deps(store, progress, { fetch: portal([]) }))).rejects.toThrow(/not a model file/);
    expect(store.files.get(partPath('local-tiny', 'model.onnx'))?.length).toBe(500_000);
    await downloadModel(entry, deps(store, progress));
    expectModelCommitted(store);
    expect(server!.requests.find((r) => r.path === '/m/model.onnx')?.range).toBe('bytes=500000-');
  });
});

describe('progress of a resumed download (exploratory test, session 24: the line restarted near 0)', () => {
  test('files already downloaded and bytes already kept count in what is done and in the total', async () => {
    const { entry, store, progress } = await setup();
    // tokenizer.json is committed; model.onnx has its first 1,000,000 bytes kept. The files are fetched in list order:
    // model.onnx first.
    store.files.set(finalPath('local-tiny', 'tokenizer.json'), tokenizerBytes);
    store.files.set(partPath('local-tiny', 'model.onnx'), modelBytes.slice(0, 1_000_000));
    await downloadModel(entry, deps(store, progress));
    const total = modelBytes.length + tokenizerBytes.length;
    expect(progress.every((p) => p.bytesTotal === total)).toBe(true);
    expect(progress[0]!.bytesDone).toBeGreaterThan(tokenizerBytes.length + 1_000_000);
    expect(progress.at(-1)!.bytesDone).toBe(total);
  });
});
