import { writing } from './full.ts';
import { database, type PocketDb } from './db.ts';

export async function readSetting<T>(key: string, fallback: T, db: PocketDb = database()): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function writeSetting(key: string, value: unknown, db: PocketDb = database()): Promise<void> {
  await writing(() => db.settings.put({ key, value, updatedAt: Date.now() }), 'a setting');
}
