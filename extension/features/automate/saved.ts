/**
 * Saved scripts (Dexie `scripts`: origin, name, source, params): a finished run's script kept for its site, with
 * `{{param}}` holes filled in at replay. Replay runs the script with no model call; values are inserted as
 * string-literal text (escaped), never as code.
 */
import { parseScript } from '../../sandbox/interpreter/parse.ts';
import { ValidationError } from '../../protocol/errors.ts';
import { checkParamPlaces, paramsOf } from './params.ts';
import { database, type ScriptRow } from '../../storage/db.ts';
import { namesUsed, withNamesRenamed } from './replayable.ts';
import { MAX_SAVED_ELEMENTS, MAX_SAVED_LISTS, type SavedElement, type SavedList } from './run-state.ts';

export { checkParamPlaces, fillParams, paramsOf } from './params.ts';

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 200);
  }
}

/** The longest name a script is stored under; the panel cuts a typed name the same way, so what it says is what is stored. */
export const MAX_SCRIPT_NAME = 200;
/** The longest value a `{{param}}` takes (what `automate.start` accepts). */
export const MAX_PARAM_VALUE = 4000;

/** A name as it is stored: trimmed, cut at MAX_SCRIPT_NAME, "script" when empty. */
export function scriptName(name: string): string {
  return name.trim().slice(0, MAX_SCRIPT_NAME).trim() || 'script';
}

export async function saveScript(origin: string, name: string, source: string, task?: string, lists: readonly SavedList[] = [],
  elements: readonly SavedElement[] = []): Promise<number> {
  // A local file's origin is "null", shared by every file: a script saved there would be offered on all of them.
  if (!/^https?:\/\//.test(origin)) throw new ValidationError('scripts are saved for web sites (http or https) only');
  // What replay accepts: longer, or not a script at all (cut in the middle), it could be saved but never replayed.
  if (source.length > 20_000) throw new ValidationError(`the script is ${source.length} characters; a saved script may have 20,000 at most`);
  checkParamPlaces(source);
  checkParses(source);
  const now = Date.now();
  const row: ScriptRow = { origin, name: scriptName(name), source, params: paramsOf(source), createdAt: now, updatedAt: now,
    ...(task ? { task: task.slice(0, 4000) } : {}) };
  // Only lists the script (as the user may have edited it) still names.
  const used = new Set(namesUsed(source));
  const kept = lists.filter((saved) => used.has(saved.list.name)).slice(0, MAX_SAVED_LISTS);
  if (kept.length) row.lists = kept;
  const keptElements = elements.filter((saved) => used.has(saved.element.name)).slice(0, MAX_SAVED_ELEMENTS);
  if (keptElements.length) row.elements = keptElements;
  const existing = await database().scripts.where('[origin+name]').equals([origin, row.name]).first();
  if (existing?.id !== undefined) {
    // Replaced in place: it keeps its createdAt, so its place in the list. Its task is the new one, none included (an
    // old task could name a value the new script no longer has).
    await database().scripts.update(existing.id, { source: row.source, params: row.params, updatedAt: now,
      task: row.task, lists: row.lists, elements: row.elements });
    return existing.id;
  }
  return database().scripts.add(row);
}

/** A script that does not parse would be saved only to fail at every replay: refused here, with where and why. */
function checkParses(source: string): void {
  try {
    // The interpreter's own parse: its syntax and the subset it refuses (`var`, `new` of what it may not make, forbidden names).
    parseScript(source);
  } catch (error) {
    throw new ValidationError(`the script could never replay: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A site's scripts in the order they were first saved. */
export function listScripts(origin: string): Promise<ScriptRow[]> {
  return database().scripts.where('origin').equals(origin).sortBy('createdAt');
}

/** The script as stored now (another panel may have replaced or deleted it since this one read the list). */
export function getScript(id: number): Promise<ScriptRow | undefined> {
  return database().scripts.get(id);
}

export function deleteScript(id: number): Promise<void> {
  return database().scripts.delete(id);
}

/** `name`, or the first of "name (restored)", "name (restored 2)"… that `taken` does not hold, within MAX_SCRIPT_NAME. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (restored)' : ` (restored ${n})`;
    const candidate = `${name.slice(0, MAX_SCRIPT_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Puts a deleted script back (same id, same place in the list), for Undo. A script saved under its name since takes
 * precedence: this one comes back under a free name ("name (restored)"), never as a second script of one name.
 * Resolves to the row as stored.
 */
export function restoreScript(row: ScriptRow): Promise<ScriptRow> {
  const scripts = database().scripts;
  return database().transaction('rw', scripts, async () => {
    const others = await scripts.where('origin').equals(row.origin).filter((other) => other.id !== row.id).toArray();
    const restored = { ...row, name: freeName(row.name, new Set(others.map((other) => other.name))) };
    await scripts.put(restored);
    return restored;
  });
}

/** Renames a saved script; refused when the site has another script of that name. Resolves to the name stored. */
export function renameScript(id: number, name: string): Promise<string> {
  const scripts = database().scripts;
  return database().transaction('rw', scripts, async () => {
    const row = await scripts.get(id);
    if (!row) throw new ValidationError('this script is no longer saved (deleted in another panel?)');
    const stored = scriptName(name);
    const clash = await scripts.where('[origin+name]').equals([row.origin, stored]).first();
    if (clash && clash.id !== id) throw new ValidationError(`a script named "${stored}" is already saved for this site: choose another name`);
    await scripts.update(id, { name: stored, updatedAt: Date.now() });
    return stored;
  });
}

/** Replaces one saved script's source (a replay's repaired version), keeping its name, task and place. */
export function replaceSource(id: number, source: string): Promise<ScriptRow> {
  const scripts = database().scripts;
  return database().transaction('rw', scripts, async () => {
    const row = await scripts.get(id);
    if (!row) throw new ValidationError('this script is no longer saved (deleted in another panel?): save the repaired script under a name instead');
    await saveScript(row.origin, row.name, source, row.task, row.lists, row.elements);
    return (await scripts.get(id))!;
  });
}

/**
 * After a replay found names the page no longer has by their saved locators: the saved script with the page's names
 * now (`renamed`: old → new, without `$`), its kept elements and lists renamed with it, so the next replay finds them
 * by name.
 */
export function renameInScript(id: number, renamed: ReadonlyArray<{ from: string; to: string }>): Promise<ScriptRow> {
  const scripts = database().scripts;
  const map: Record<string, string> = Object.fromEntries(renamed.map(({ from, to }) => [from, to]));
  return database().transaction('rw', scripts, async () => {
    const row = await scripts.get(id);
    if (!row) throw new ValidationError('this script is no longer saved (deleted in another panel?)');
    const elements = row.elements?.map((saved) => (Object.hasOwn(map, saved.element.name) ? { ...saved, element: { ...saved.element, name: map[saved.element.name]! } } : saved));
    const lists = row.lists?.map((saved) => (Object.hasOwn(map, saved.list.name) ? { ...saved, list: { ...saved.list, name: map[saved.list.name]! } } : saved));
    await saveScript(row.origin, row.name, withNamesRenamed(row.source, map), row.task, lists, elements);
    return (await scripts.get(id))!;
  });
}

/** The saved scripts a filter's words all appear in (name or task, any case). */
export function filterScripts<Row extends ScriptRow>(rows: readonly Row[], query: string): Row[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    const text = `${row.name}\n${row.task ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/**
 * Why a replay with these values cannot start (a value missing, or longer than a run takes), naming the parameter;
 * undefined when it can.
 */
export function valuesProblem(params: readonly string[], values: Readonly<Record<string, string>>): { param: string; message: string } | undefined {
  for (const param of params) {
    const value = values[param] ?? '';
    if (!value.trim()) return { param, message: `fill in "${param}" before replaying` };
    if (value.length > MAX_PARAM_VALUE) {
      return { param, message: `"${param}" is ${value.length.toLocaleString('en')} characters; a value may have ${MAX_PARAM_VALUE.toLocaleString('en')} at most` };
    }
  }
  return undefined;
}
