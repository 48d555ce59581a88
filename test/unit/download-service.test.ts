import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PocketDb } from '../../extension/storage/db.ts';
import { DownloadService, webLlmProgress, type ManagedDownloads } from '../../models/downloads/download-service.ts';
import { DeviceLostError, ModelNotFoundError } from '../../extension/protocol/errors.ts';
import { finalPath, partPath } from '../../models/downloads/download-manager.ts';
import { MemoryFileStore } from '../../models/downloads/file-store.ts';
import { webLlmEntry, type CatalogueEntry } from '../../models/catalogue.ts';
import { startModelServer } from '../support/model-server.ts';

/** The model host's side of downloads: rows in Dexie that every surface reads, across host restarts. */
const modelBytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../models/bundled/tinystories-656k/model.onnx')));
const tokenizerBytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../models/bundled/tinystories-656k/tokenizer.json')));

let server: Awaited<ReturnType<typeof startModelServer>> | undefined;
let db: PocketDb | undefined;
afterEach(async () => {
  await server?.close();
  db?.close();
  server = undefined;
});

async function setup(options: { chunkDelayMs?: number; sizes?: boolean } = {}) {
  server = await startModelServer({
    '/m/tokenizer.json': { body: tokenizerBytes, etag: '"t1"' },
    '/m/model.onnx': { body: modelBytes, etag: '"m1"', chunkDelayMs: options.chunkDelayMs ?? 0 },
  });
  const sized = options.sizes ?? true;
  const entry: CatalogueEntry = {
    id: 'hub-tiny', name: 'Hub tiny', architecture: 'decoder-only', engine: 'ort-decoder',
    source: { kind: 'hub', repo: 'local', revision: 'main', pinned: false },
    files: [
      { path: 'tokenizer.json', url: `${server.origin}/m/tokenizer.json`, ...(sized ? { bytes: tokenizerBytes.length } : {}), sha256: null },
      { path: 'model.onnx', url: `${server.origin}/m/model.onnx`, ...(sized ? { bytes: modelBytes.length } : {}), sha256: null },
    ],
    dtype: 'fp32', params: '656K', contextLength: 512, requiredFeatures: [], memoryMb: 20, license: 'test',
    goodFor: ['story'], description: 'test', promptFormat: 'plain',
  };
  db = new PocketDb(`pocket-downloads-${Date.now()}-${Math.random()}`);
  const store = new MemoryFileStore();
  const service = (now?: () => number) => new DownloadService({ db: db!, store, fetch, freeBytes: async () => 1e12, ...(now ? { now } : {}) });
  return { entry, store, db, service };
}

describe('download rows across host restarts', () => {
  test('a row left "downloading" by a host that went away becomes paused with what is on disk; it resumes from there', async () => {
    const { entry, store, db, service } = await setup();
    store.files.set(partPath(entry.id, 'tokenizer.json'), tokenizerBytes.slice(0, 1000));
    await db.models.put({ id: entry.id, state: 'downloading', bytes: 0, updatedAt: 1, progress: { file: 'tokenizer.json', bytesDone: 1000, bytesTotal: 1, rateBps: 1, etaS: 1 } });
    const host = service();
    await host.recoverInterrupted(async (id) => (id === entry.id ? entry : undefined));
    expect(await db.models.get(entry.id)).toMatchObject({ state: 'paused', bytes: 1000, progress: undefined });
    await host.start(entry);
    expect((await db.models.get(entry.id))?.state).toBe('complete');
    expect(server!.requests.find((r) => r.path === '/m/tokenizer.json')?.range).toBe('bytes=1000-');
  });

  test('Cancel on such a row (nothing runs it) pauses it instead of doing nothing', async () => {
    const { entry, db, service } = await setup();
    await db.models.put({ id: entry.id, state: 'downloading', bytes: 0, updatedAt: 1 });
    await service().cancel(entry);
    expect((await db.models.get(entry.id))?.state).toBe('paused');
  });

  test('recovery leaves a download this host runs alone', async () => {
    const { entry, db, service } = await setup({ chunkDelayMs: 10 });
    const host = service();
    const done = host.start(entry);
    await expect.poll(async () => (await db.models.get(entry.id))?.state).toBe('downloading');
    await host.recoverInterrupted(async () => entry);
    expect((await db.models.get(entry.id))?.state).toBe('downloading');
    server!.files['/m/model.onnx']!.chunkDelayMs = 0;
    await done;
    expect((await db.models.get(entry.id))?.state).toBe('complete');
  });

  test('sizes and validators learned from the server are kept in Dexie: a new host resumes with If-Range', async () => {
    const { entry, db, service } = await setup({ chunkDelayMs: 10, sizes: false });
    const first = service();
    const done = first.start(entry);
    await expect.poll(async () => (await db.models.get(entry.id))?.progress?.file, { timeout: 10_000 }).toBe('model.onnx');
    await first.cancel(entry);
    await done;
    expect(await db.modelFiles.get([entry.id, 'model.onnx'])).toMatchObject({ complete: false, bytes: modelBytes.length, validator: '"m1"' });
    expect(await db.modelFiles.get([entry.id, 'tokenizer.json'])).toMatchObject({ complete: true, bytes: tokenizerBytes.length });
    server!.files['/m/model.onnx']!.chunkDelayMs = 0;
    await service().start(entry);
    expect(server!.requests.at(-1)).toMatchObject({ ifRange: '"m1"', status: 206 });
    expect((await db.models.get(entry.id))?.state).toBe('complete');
  });
});

describe('progress rows', () => {
  test('throttled by time even when the total is unknown; "bytes" counts files committed before the resume', async () => {
    const { entry, store, db, service } = await setup({ sizes: false });
    store.files.set(finalPath(entry.id, 'tokenizer.json'), tokenizerBytes);
    let writes = 0;
    const seen: number[] = [];
    db.models.hook('updating', (changes: { bytes?: number }) => {
      writes += 1;
      if (changes.bytes !== undefined) seen.push(changes.bytes);
    });
    db.models.hook('creating', () => void (writes += 1));
    await service(() => 1000).start(entry); // a clock that does not move: one progress write at most
    expect(writes).toBeLessThanOrEqual(4);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(tokenizerBytes.length);
    expect((await db.models.get(entry.id))?.state).toBe('complete');
  });
});

describe('delete', () => {
  test('a Resume that arrives while the files are being deleted does not bring the model back', async () => {
    const { entry, store, db, service } = await setup({ chunkDelayMs: 10 });
    const host = service();
    const done = host.start(entry);
    await expect.poll(async () => (await db.models.get(entry.id))?.state).toBe('downloading');
    const removal = host.remove(entry);
    await done;
    const late = host.start(entry); // another surface still showed Resume, pressed while the files are removed
    await Promise.all([removal, late]);
    expect(await db.models.get(entry.id)).toBeUndefined();
    expect([...store.files.keys()].filter((k) => k.startsWith(`${entry.id}/`))).toEqual([]);
  });
});

describe('models another library downloads (web-llm)', () => {
  const webLlm = webLlmEntry({ modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC', name: 'Qwen', params: '0.5B', dtype: 'q4f32',
    memoryMb: 1060, goodFor: [], description: '', libFile: 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm' }, ['Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm']);
  const MB = 1024 * 1024;

  function managedService(fetchModel: ManagedDownloads['fetch']) {
    db = new PocketDb(`pocket-managed-${Date.now()}-${Math.random()}`);
    const removed: string[] = [];
    let t = 0;
    const service = new DownloadService({
      db, store: new MemoryFileStore(), fetch, freeBytes: async () => 1e12, now: () => (t += 300),
      managed: { fetch: fetchModel, remove: async (entry) => void removed.push(entry.id) },
    });
    return { service, db, removed };
  }

  test('its progress is recorded like ours (bytes from its report), then complete with the bytes it holds', async () => {
    const seen: unknown[] = [];
    const { service, db } = managedService(async (_entry, onProgress) => {
      onProgress(webLlmProgress({ fraction: 0, text: 'Start to fetch params' }));
      onProgress(webLlmProgress({ fraction: 0.25, text: 'Fetching param cache[3/20]: 100MB fetched. 25% completed, 4 secs elapsed. It can take a while…' }));
      await expect.poll(async () => (await db.models.get(webLlm.id))?.progress).toBeDefined();
      seen.push((await db.models.get(webLlm.id))?.progress);
      onProgress(webLlmProgress({ fraction: 1, text: 'Fetching param cache[20/20]: 400MB fetched. 100% completed, 9 secs elapsed.' }));
      await expect.poll(async () => (await db.models.get(webLlm.id))?.bytes).toBe(400 * MB);
      // web-llm then reads the weights back from its cache, from 0 again: the row keeps its full size.
      onProgress(webLlmProgress({ fraction: 0.1, text: 'Loading model from cache[2/20]: 40MB loaded. 10% completed, 10 secs elapsed.' }));
      onProgress(webLlmProgress({ fraction: 0.5, text: 'Loading GPU shader modules[10/20]: 50% completed, 10 secs elapsed.' }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push((await db.models.get(webLlm.id))?.bytes);
      return { bytes: 400 * MB };
    });
    await service.start(webLlm);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toMatchObject({ bytesDone: 100 * MB, bytesTotal: 400 * MB });
    expect(seen[1]).toBe(400 * MB);
    expect(await db.models.get(webLlm.id)).toMatchObject({ state: 'complete', bytes: 400 * MB, progress: undefined });
  });

  test('a failure keeps its typed error on the row; Cancel pauses; Delete empties the library\'s cache', async () => {
    const failing = managedService(async () => {
      throw new ModelNotFoundError('web-llm failed: Failed to fetch');
    });
    await failing.service.start(webLlm);
    expect(await failing.db.models.get(webLlm.id)).toMatchObject({ state: 'failed', error: { name: 'ModelNotFoundError', message: /Failed to fetch/ } });
    failing.db.close();

    const { service, db: rows, removed } = managedService((_entry, _onProgress, signal) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('worker "model:x" was stopped')));
    }));
    const done = service.start(webLlm);
    await expect.poll(async () => (await rows.models.get(webLlm.id))?.state).toBe('downloading');
    await service.cancel(webLlm);
    await done;
    expect(await rows.models.get(webLlm.id)).toMatchObject({ state: 'paused', error: undefined });
    await service.remove(webLlm);
    expect(removed).toEqual([webLlm.id]);
    expect(await rows.models.get(webLlm.id)).toBeUndefined();
  });

  test('a host without web-llm says so instead of marking it downloaded', async () => {
    db = new PocketDb(`pocket-managed-${Date.now()}-${Math.random()}`);
    await new DownloadService({ db, store: new MemoryFileStore(), fetch, freeBytes: async () => 1e12 }).start(webLlm);
    expect(await db.models.get(webLlm.id)).toMatchObject({ state: 'failed', error: { name: 'ModelNotFoundError' } });
  });
});

describe('a model the user added is loaded once before it is called downloaded', () => {
  async function userAdded(tryLoad: (entry: CatalogueEntry) => Promise<void>) {
    const { entry, store, db } = await setup();
    const added: CatalogueEntry = { ...entry, source: { kind: 'hub', repo: 'local', revision: 'custom', pinned: false } };
    const stages: (string | undefined)[] = [];
    const service = new DownloadService({
      db, store, fetch, freeBytes: async () => 1e12,
      tryLoad: async (loading) => {
        stages.push((await db.models.get(loading.id))?.progress?.stage);
        await tryLoad(loading);
      },
    });
    await service.start(added);
    return { row: await db.models.get(added.id), stages };
  }

  test('one that loads is complete; the row said it was checking meanwhile', async () => {
    const { row, stages } = await userAdded(async () => undefined);
    expect(row).toMatchObject({ state: 'complete', progress: undefined });
    expect(stages).toEqual(['check']);
  });

  test('one the engine refuses is failed with the engine\'s reason and error class, not "ready to use"', async () => {
    const { row } = await userAdded(async () => {
      throw new ModelNotFoundError('not a decoder-only KV-cache model (the layout this engine runs): inputs input_ids');
    });
    expect(row?.state).toBe('failed');
    expect(row?.error).toEqual({ name: 'ModelNotFoundError', message: 'its files arrived whole, but "Hub tiny" does not run here: not a decoder-only KV-cache model (the layout this engine runs): inputs input_ids' });
  });

  test('a lost GPU says nothing about the model: it is complete', async () => {
    const { row } = await userAdded(async () => {
      throw new DeviceLostError('the GPU went away');
    });
    expect(row?.state).toBe('complete');
  });

  test('a catalogue model is not loaded to check it (its files are pinned)', async () => {
    const { entry, store, db } = await setup();
    let loads = 0;
    await new DownloadService({ db, store, fetch, freeBytes: async () => 1e12, tryLoad: async () => void loads++ }).start(entry);
    expect([(await db.models.get(entry.id))?.state, loads]).toEqual(['complete', 0]);
  });
});

test('a trial load still going after its limit is left to the first use: the model is downloaded', async () => {
  const { entry, store, db } = await setup();
  const added: CatalogueEntry = { ...entry, source: { kind: 'hub', repo: 'local', revision: 'custom', pinned: false } };
  let askedToStop = false;
  const service = new DownloadService({
    db, store, fetch, freeBytes: async () => 1e12, tryLoadLimitMs: 50,
    // An engine that ignores the abort and never finishes.
    tryLoad: (_entry, signal) => {
      signal.addEventListener('abort', () => { askedToStop = true; });
      return new Promise<void>(() => undefined);
    },
  });
  await service.start(added);
  expect((await db.models.get(added.id))?.state).toBe('complete');
  expect(askedToStop).toBe(true);
});

describe('a catalogue model whose files come back as something else (exploratory test, session 24)', () => {
  const page = new TextEncoder().encode('<!doctype html><html><head><title>Sign in</title></head><body>Please sign in to continue</body></html>');

  test('a file with no sha256 that is not what it claims fails the download, is deleted, and another try fetches it', async () => {
    const { entry, store, db, service } = await setup({ sizes: false });
    // A proxy that says nothing of the type: the page arrives as the file, whole.
    server!.files['/m/model.onnx']!.body = page;
    await service().start(entry);
    const row = await db.models.get(entry.id);
    expect(row?.state).toBe('failed');
    expect(row?.error?.name).toBe('IntegrityError');
    expect(row?.error?.message).toMatch(/^model\.onnx of "Hub tiny" arrived whole but is not an ONNX model .*another try fetches it again$/);
    expect(store.files.has(finalPath(entry.id, 'model.onnx'))).toBe(false);
    expect(await db.modelFiles.get([entry.id, 'model.onnx'])).toBeUndefined();

    server!.files['/m/model.onnx']!.body = modelBytes;
    await service().start(entry);
    expect((await db.models.get(entry.id))?.state).toBe('complete');
  });

  test('every bad file of a try is deleted, so one try after the network is back completes (review, session 24)', async () => {
    const { entry, store, db, service } = await setup({ sizes: false });
    server!.files['/m/model.onnx']!.body = page;
    const tokenizer = server!.files['/m/tokenizer.json']!.body;
    server!.files['/m/tokenizer.json']!.body = page;
    await service().start(entry);
    const row = await db.models.get(entry.id);
    expect(row?.error?.message).toMatch(/^2 files of "Hub tiny" arrived whole but are not what was asked for \(.+\): .*they were deleted, so another try fetches them again$/);
    expect(row?.error?.message).toContain('model.onnx is not an ONNX model');
    expect(row?.error?.message).toContain('tokenizer.json is not JSON');
    for (const path of ['model.onnx', 'tokenizer.json']) {
      expect(store.files.has(finalPath(entry.id, path)), path).toBe(false);
      expect(await db.modelFiles.get([entry.id, path]), path).toBeUndefined();
    }
    server!.files['/m/model.onnx']!.body = modelBytes;
    server!.files['/m/tokenizer.json']!.body = tokenizer;
    await service().start(entry);
    expect((await db.models.get(entry.id))?.state).toBe('complete');
  });

  test('a JSON file that does not parse fails it too', async () => {
    const { entry, db, service } = await setup({ sizes: false });
    server!.files['/m/tokenizer.json']!.body = page;
    await service().start(entry);
    expect(await db.models.get(entry.id)).toMatchObject({ state: 'failed', error: { name: 'IntegrityError', message: expect.stringMatching(/^tokenizer\.json of "Hub tiny" arrived whole but is not JSON/) } });
  });

  test('a text/html answer fails the download as "not a model file"; the model never reads "ready to use"', async () => {
    const { entry, db } = await setup({ sizes: false });
    const html: typeof fetch = async () => new Response(page, { status: 200, headers: { 'content-type': 'text/html' } });
    await new DownloadService({ db, store: new MemoryFileStore(), fetch: html, freeBytes: async () => 1e12 }).start(entry);
    expect(await db.models.get(entry.id)).toMatchObject({ state: 'failed', error: { name: 'IntegrityError', message: expect.stringMatching(/not a model file/) } });
  });
});

describe('Resume right after Cancel (exploratory test, session 24: the Resume was lost)', () => {
  test('a start while the cancelled run is still ending starts again once it has ended', async () => {
    const { entry, db, service } = await setup({ chunkDelayMs: 10 });
    const host = service();
    const first = host.start(entry);
    await expect.poll(async () => (await db.models.get(entry.id))?.progress?.file, { timeout: 10_000 }).toBe('model.onnx');
    await host.cancel(entry);
    const again = host.start(entry);
    await first;
    server!.files['/m/model.onnx']!.chunkDelayMs = 0;
    await again;
    expect((await db.models.get(entry.id))?.state).toBe('complete');
  });

  test('a Cancel after that start wins: the model stays paused', async () => {
    const { entry, db, service } = await setup({ chunkDelayMs: 10 });
    const host = service();
    const first = host.start(entry);
    await expect.poll(async () => (await db.models.get(entry.id))?.progress?.file, { timeout: 10_000 }).toBe('model.onnx');
    await host.cancel(entry);
    const again = host.start(entry);
    await host.cancel(entry);
    await Promise.all([first, again]);
    expect(host.isRunning(entry.id)).toBe(false);
    expect((await db.models.get(entry.id))?.state).toBe('paused');
  });
});

test('the progress the throttle held back is written when its file ends (exploratory test, session 24: a stale line during a stall)', async () => {
  const { entry, db, service } = await setup();
  server!.files['/m/tokenizer.json']!.chunkDelayMs = 30;
  server!.files['/m/model.onnx']!.holdAfter = 0; // the next file's server says nothing for now
  const done = service(() => 1000).start(entry); // a clock that does not move: only the first update passes the throttle
  await expect.poll(async () => (await db.models.get(entry.id))?.progress?.bytesDone, { timeout: 10_000 }).toBe(tokenizerBytes.length);
  await expect.poll(() => server!.files['/m/model.onnx']!.release).toBeDefined();
  server!.files['/m/model.onnx']!.release!();
  await done;
  expect((await db.models.get(entry.id))?.state).toBe('complete');
});
