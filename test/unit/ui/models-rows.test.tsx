// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

vi.mock('../../../extension/platform/index.ts', () => ({
  request: vi.fn(async (kind: string) => (kind === 'system.info'
    ? { gpu: { available: false }, builtin: 'absent' }
    : kind === 'models.storage' ? { usageBytes: 0, quotaBytes: 1e9 } : {})),
  requestHostPermissions: vi.fn(async () => true),
}));
import { ModelsPanel } from '../../../extension/features/models/ModelsPanel.tsx';
import { catalogue } from '../../../models/catalogue.ts';
import { database } from '../../../extension/storage/db.ts';

/** What a model's row in the Models tab says (exploratory test, session 24). */
const hub = catalogue.find((entry) => entry.source.kind === 'hub' && entry.files.some((file) => file.sha256 === null))!;
const added = {
  id: 'broken', name: 'Local broken', contextLength: 512,
  files: ['onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'].map((path) => ({ path, url: `https://example.com/m/${path}`, sha256: null })),
};

async function panel() {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => render(<ModelsPanel />, root));
  return root;
}

test('a download with no ETA yet (a stall, the first moments) has no dangling "·" at the end of its line', async () => {
  await database().models.put({ id: hub.id, state: 'downloading', bytes: 66_000, updatedAt: 1,
    progress: { file: 'onnx/model.onnx', bytesDone: 66_000, bytesTotal: 88_000, rateBps: 0, etaS: null } });
  const root = await panel();
  await vi.waitFor(() => expect(root.querySelector(`tr[data-model="${hub.id}"] [data-field="download.progress"]`)?.textContent).toBe('66 kB of 88 kB · 0 kB/s'));
});

test('a model added by URL that does not run here says "does not run here" once, and the hint is a sentence of its own', async () => {
  await database().models.put({ id: 'broken', state: 'failed', bytes: 2_700_000, updatedAt: 1, custom: added,
    error: { name: 'IntegrityError', message: 'its files arrived whole, but "Local broken" does not run here: config.json lacks layers, heads, hidden size, context length or vocabulary size' } });
  const root = await panel();
  await vi.waitFor(() => expect(root.querySelector('tr[data-model="broken"] [role="alert"]')).not.toBeNull());
  const text = root.querySelector('tr[data-model="broken"] [role="alert"]')!.textContent!;
  expect(text.match(/does not run here/g)).toHaveLength(1);
  expect(text).toBe('Downloaded, but it does not run here: config.json lacks layers, heads, hidden size, context length or vocabulary size. Remove this model and add it again with the files it needs.');
});
