/**
 * Saved scripts (Dexie `scripts`: origin, name, source, params): a finished run's script kept for its site, with
 * `{{param}}` holes filled in at replay. Replay runs the script with no model call; values are inserted as
 * string-literal text (escaped), never as code.
 */
import { checkParamPlaces, paramsOf } from './params.ts';
import { database, type ScriptRow } from '../../storage/db.ts';

export { checkParamPlaces, fillParams, paramsOf } from './params.ts';

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 200);
  }
}

export async function saveScript(origin: string, name: string, source: string): Promise<number> {
  checkParamPlaces(source);
  const row: ScriptRow = { origin, name: name.trim().slice(0, 200) || 'script', source, params: paramsOf(source), createdAt: Date.now() };
  const existing = await database().scripts.where('[origin+name]').equals([origin, row.name]).first();
  if (existing?.id !== undefined) {
    await database().scripts.update(existing.id, { source: row.source, params: row.params, createdAt: row.createdAt });
    return existing.id;
  }
  return database().scripts.add(row);
}

export function listScripts(origin: string): Promise<ScriptRow[]> {
  return database().scripts.where('origin').equals(origin).sortBy('createdAt');
}

export function deleteScript(id: number): Promise<void> {
  return database().scripts.delete(id);
}
