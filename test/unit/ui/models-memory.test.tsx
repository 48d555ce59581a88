// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

const deviceMemoryGb = 2;
vi.mock('../../../extension/platform/index.ts', () => ({
  request: vi.fn(async (kind: string) => (kind === 'system.info'
    ? { gpu: { available: false }, builtin: 'absent', deviceMemoryGb }
    : kind === 'models.storage' ? { usageBytes: 0, quotaBytes: 1e9 } : {})),
  requestHostPermissions: vi.fn(async () => true),
}));
import { ModelsPanel } from '../../../extension/features/models/ModelsPanel.tsx';
import { catalogue, memoryWarning } from '../../../models/catalogue.ts';

test('a model that needs more than half the memory the device reports is flagged (review: memoryMb was never read)', async () => {
  const lamini = catalogue.find((e) => e.memoryMb === 1100)!;
  expect(memoryWarning(lamini, 2)).toBe('may not fit: needs about 1.1 GB of memory, and this device reports 2 GB in all');
  expect(memoryWarning(lamini, 4)).toBeUndefined();
  expect(memoryWarning(lamini, undefined)).toBeUndefined();

  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => render(<ModelsPanel />, root));
  await vi.waitFor(() => expect(root.querySelector(`tr[data-model="${lamini.id}"] [data-field="model.memory"]`)?.textContent)
    .toBe('May not fit: needs about 1.1 GB of memory, and this device reports 2 GB in all.'));
  // Small models carry no note.
  const small = catalogue.find((e) => e.memoryMb > 0 && e.memoryMb <= 1024 && e.source.kind !== 'bundled')!;
  expect(root.querySelector(`tr[data-model="${small.id}"] [data-field="model.memory"]`)).toBeNull();
});
