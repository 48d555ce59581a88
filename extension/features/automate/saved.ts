/**
 * Saved scripts (Dexie `scripts`: origin, name, source, params): a finished run's script kept for its site, with
 * `{{param}}` holes filled in at replay. Replay runs the script with no model call; values are inserted as
 * string-literal text (escaped), never as code.
 */
import { parseScript } from '../../sandbox/interpreter/parse.ts';
import { ValidationError } from '../../protocol/errors.ts';
import { checkParamPlaces, paramsOf } from './params.ts';
import { database, type ScriptRow } from '../../storage/db.ts';
import { namesUsed } from './replayable.ts';
import { MAX_SAVED_LISTS, type SavedList } from './run-state.ts';

export { checkParamPlaces, fillParams, paramsOf } from './params.ts';

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 200);
  }
}

export async function saveScript(origin: string, name: string, source: string, task?: string, lists: readonly SavedList[] = []): Promise<number> {
  // A local file's origin is "null", shared by every file: a script saved there would be offered on all of them.
  if (!/^https?:\/\//.test(origin)) throw new ValidationError('scripts are saved for web sites (http or https) only');
  // What replay accepts: longer, or not a script at all (cut in the middle), it could be saved but never replayed.
  if (source.length > 20_000) throw new ValidationError(`the script is ${source.length} characters; a saved script may have 20,000 at most`);
  checkParamPlaces(source);
  checkParses(source);
  const row: ScriptRow = { origin, name: name.trim().slice(0, 200) || 'script', source, params: paramsOf(source), createdAt: Date.now(),
    ...(task ? { task: task.slice(0, 4000) } : {}) };
  // Only lists the script (as the user may have edited it) still names.
  const used = new Set(namesUsed(source));
  const kept = lists.filter((saved) => used.has(saved.list.name)).slice(0, MAX_SAVED_LISTS);
  if (kept.length) row.lists = kept;
  const existing = await database().scripts.where('[origin+name]').equals([origin, row.name]).first();
  if (existing?.id !== undefined) {
    await database().scripts.update(existing.id, { source: row.source, params: row.params, createdAt: row.createdAt,
      ...(row.task ? { task: row.task } : {}), lists: row.lists });
    return existing.id;
  }
  return database().scripts.add(row);
}

/** A script that does not parse would be saved only to fail at every replay: refused here, with where and why. */
function checkParses(source: string): void {
  try {
    // The interpreter's own parse: its syntax and the subset it refuses (`var`, `new`, regex literals, forbidden names).
    parseScript(source);
  } catch (error) {
    throw new ValidationError(`the script could never replay: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function listScripts(origin: string): Promise<ScriptRow[]> {
  return database().scripts.where('origin').equals(origin).sortBy('createdAt');
}

export function deleteScript(id: number): Promise<void> {
  return database().scripts.delete(id);
}

/** Puts a deleted script back as it was (same id), for Undo. */
export async function restoreScript(row: ScriptRow): Promise<void> {
  await database().scripts.put(row);
}
