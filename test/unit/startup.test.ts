import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { PocketDb } from '../../extension/storage/db.ts';
import { forgetTabRuns } from '../../extension/storage/tab-runs.ts';

test('at browser start, per-tab automation run records are forgotten (tab ids start over); other settings stay', async () => {
  const db = new PocketDb(`pocket-startup-${Date.now()}`);
  await db.settings.bulkPut([
    { key: 'automate.run.5', value: { runId: 'old', status: 'done' }, updatedAt: 1 },
    { key: 'automate.run.12', value: { runId: 'older', status: 'running' }, updatedAt: 1 },
    { key: 'defaultModel.automate', value: 'scriptwriter-encdec', updatedAt: 1 },
  ]);
  expect(await forgetTabRuns(db)).toBe(2);
  expect((await db.settings.toArray()).map((r) => r.key)).toEqual(['defaultModel.automate']);
  db.close();
});
