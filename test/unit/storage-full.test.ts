import 'fake-indexeddb/auto';
import { expect, test, vi } from 'vitest';
import Dexie from 'dexie';
import { PocketDb } from '../../extension/storage/db.ts';
import { isStorageFull } from '../../extension/storage/full.ts';
import { writeSetting } from '../../extension/storage/settings.ts';

test('a full disk under Dexie (named or wrapped) is a QuotaError, not an internal error (review, session 14)', async () => {
  expect(isStorageFull(new DOMException('full', 'QuotaExceededError'))).toBe(true);
  expect(isStorageFull(new Dexie.AbortError('Transaction aborted', new DOMException('full', 'QuotaExceededError')))).toBe(true);
  expect(isStorageFull(new Error('other'))).toBe(false);
  const db = new PocketDb(`full-${Math.random()}`);
  vi.spyOn(db.settings, 'put').mockRejectedValue(new Dexie.AbortError('Transaction aborted', new DOMException('full', 'QuotaExceededError')));
  await expect(writeSetting('theme', 'dark', db)).rejects.toMatchObject({ name: 'QuotaError' });
  db.close();
});
