import type { CatalogueEntry } from '../models/catalogue.ts';
import { downloadModel } from '../models/downloads/download-manager.ts';
import { OpfsFileStore } from '../models/downloads/opfs-store.ts';

/**
 * `npm run bench:downloads`: the real download path (downloadModel: checkpoints every 8 MB, sha256 of every byte)
 * writing one generated file into OPFS, through the writer worker the model host uses (in place) and through a
 * window's writable stream (what it used before: each checkpoint reopens the file, which copies it). No network: the
 * bytes come from a stream made in the page.
 */
const startWriter = () => new Worker(new URL('../workers/opfs-writer.worker.ts', import.meta.url), { type: 'module', name: 'opfs-writer' });

function generated(bytes: number): Response {
  let sent = 0;
  const chunk = new Uint8Array(256 * 1024).map((_, i) => i * 31);
  return new Response(new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const next = chunk.slice(0, Math.min(chunk.length, bytes - sent));
      sent += next.length;
      controller.enqueue(next);
    },
  }));
}

async function run(way: 'worker' | 'writable', megabytes: number): Promise<number> {
  const bytes = megabytes * 1024 * 1024;
  const root = `bench-${way}`;
  const store = new OpfsFileStore(root, way === 'worker' ? startWriter : undefined);
  const entry = {
    id: 'bench', name: 'bench', files: [{ path: 'model.onnx', url: 'http://bench.invalid/model.onnx', bytes, sha256: null }],
  } as unknown as CatalogueEntry;
  await store.removeFolder('bench');
  const started = performance.now();
  await downloadModel(entry, { store, fetch: async () => generated(bytes), freeBytes: async () => 1e15 });
  const ms = performance.now() - started;
  await store.removeFolder('bench');
  return ms;
}

Object.assign(globalThis, { pocketBench: { run } });
document.getElementById('status')!.textContent = 'ready';
