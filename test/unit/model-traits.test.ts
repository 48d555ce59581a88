import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { PocketDb } from '../../extension/storage/db.ts';
import { DownloadService } from '../../models/downloads/download-service.ts';
import { finalPath } from '../../models/downloads/download-manager.ts';
import { MemoryFileStore } from '../../models/downloads/file-store.ts';
import { customRowEntry, resolveModel } from '../../models/registry.ts';

/** A user-added model downloaded by a version that did not record whether it is a chat model: the host finds out. */
describe('traits of models downloaded before they were recorded', () => {
  test('the model host reads the chat template from the files on disk, once; other rows are left alone', async () => {
    const db = new PocketDb(`pocket-traits-${Date.now()}`);
    const store = new MemoryFileStore();
    const files = ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'].map((path) => ({ path, url: `https://x.org/${path}`, bytes: 1, sha256: null }));
    const custom = (id: string) => ({ id, name: id, contextLength: 512, files });
    await db.models.bulkPut([
      { id: 'old-chat', state: 'complete', bytes: 4, custom: custom('old-chat'), updatedAt: 1 },
      { id: 'old-plain', state: 'complete', bytes: 4, custom: custom('old-plain'), updatedAt: 1 },
      { id: 'half', state: 'paused', bytes: 2, custom: custom('half'), updatedAt: 1 },
    ]);
    const config = (template?: string) => new TextEncoder().encode(JSON.stringify({ bos_token: '<s>', ...(template ? { chat_template: template } : {}) }));
    store.files.set(finalPath('old-chat', 'tokenizer_config.json'), config('{{ messages }}'));
    store.files.set(finalPath('old-plain', 'tokenizer_config.json'), config());
    const service = new DownloadService({ db, store, fetch, freeBytes: async () => 1e12 });

    expect((await resolveModel('old-chat', db))?.promptFormat).toBe('plain');
    await service.recordMissingTraits(customRowEntry);
    expect((await db.models.get('old-chat'))?.chatTemplate).toBe(true);
    expect((await db.models.get('old-plain'))?.chatTemplate).toBe(false);
    expect((await db.models.get('half'))?.chatTemplate).toBeUndefined();
    expect((await resolveModel('old-chat', db))?.promptFormat).toBe('chat');
    expect((await resolveModel('old-plain', db))?.promptFormat).toBe('plain');
    db.close();
  });
});
