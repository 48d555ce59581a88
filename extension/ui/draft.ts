import { type Dispatch, type StateUpdater, useEffect, useState } from 'preact/hooks';

/**
 * What the user typed or chose in a panel. Only the selected tab's panel is mounted, so a plain useState would lose a
 * typed task or a run's settings on every switch of tab; and the popup closes whenever focus leaves it, so drafts are
 * also kept in extension storage (wired by the page's entry point, `persistDrafts`) and read back before the first
 * render: a reopened popup shows the settings and text the user left, not the defaults.
 */
const drafts = new Map<string, unknown>();
/** What storage held at this page's start, read into a draft when its panel first mounts. */
const loaded = new Map<string, unknown>();

/** Where drafts are kept between openings: 'local' lasts across browser restarts, 'session' until the browser closes. */
export interface DraftStore {
  load(area: DraftArea): Promise<Record<string, unknown> | undefined>;
  save(area: DraftArea, values: Record<string, unknown>): Promise<void>;
}
export type DraftArea = 'local' | 'session';

/**
 * Drafts tied to one tab (its id is in the key) last only as long as the browser session; a saved script's
 * parameters and an answer to a script's question (they may be a password) only while the page is open, and so does
 * a run's mode (`automate.panel.`: step by step, letting a replay call the model): each opening of the panel starts
 * without them. The rest are kept (the Automate model too).
 */
const MEMORY_ONLY = ['automate.params.', 'automate.answer.', 'automate.panel.'];
export const draftArea = (key: string): DraftArea | 'memory' =>
  (MEMORY_ONLY.some((prefix) => key.startsWith(prefix)) ? 'memory' : key !== 'automate.model' && key.startsWith('automate.') ? 'session' : 'local');

/** A draft bigger than this (a pasted book) is kept for this opening only. */
const MAX_STORED_CHARS = 100_000;
const SAVE_DELAY_MS = 100;

let store: DraftStore | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Keys this page changed since its last save: only those are written (merged into what is stored), so a popup
 * and a side panel open together do not undo each other's drafts. */
const dirty = new Set<string>();

function scheduleSave(): void {
  if (!store || saveTimer) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    void saveNow();
  }, SAVE_DELAY_MS);
}

async function saveNow(): Promise<void> {
  if (!store || !dirty.size) return;
  const changed = [...dirty];
  dirty.clear();
  // Storage that cannot be read or written (full, gone) costs the drafts only their next opening.
  await Promise.all((['local', 'session'] as const).map(async (area) => {
    const keys = changed.filter((key) => draftArea(key) === area);
    if (!keys.length) return;
    const stored = { ...(await store!.load(area).catch(() => undefined) ?? {}) };
    for (const key of keys) {
      const value = drafts.get(key);
      if (value !== undefined && JSON.stringify(value).length <= MAX_STORED_CHARS) stored[key] = value;
      else delete stored[key];
    }
    await store!.save(area, stored).catch(() => undefined);
  }));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * A stored draft as this version uses it: settings objects keep the fields this version has (a new one gets its
 * default, a dropped one goes) and each field the type of its default; anything else of the wrong type is dropped.
 */
function upToDate<T>(stored: unknown, initial: T): T | undefined {
  if (isPlainObject(initial)) {
    if (!isPlainObject(stored)) return undefined;
    const out: Record<string, unknown> = { ...initial };
    for (const [field, value] of Object.entries(initial)) {
      const kept = stored[field];
      if (kept !== undefined && (value === undefined || typeof kept === typeof value) && Array.isArray(kept) === Array.isArray(value)) out[field] = kept;
    }
    // Optional fields this version leaves out of its defaults (a chosen judge model) are kept when plain values.
    for (const [field, kept] of Object.entries(stored)) if (!(field in out) && (typeof kept === 'string' || typeof kept === 'number')) out[field] = kept;
    return out as T;
  }
  return typeof stored === typeof initial ? (stored as T) : undefined;
}

/**
 * Reads the stored drafts into memory (what this page already holds wins) and keeps saving them from now on. Called
 * once, before the first render.
 */
export async function persistDrafts(into: DraftStore): Promise<void> {
  store = into;
  for (const area of ['local', 'session'] as const) {
    const values = await into.load(area).catch(() => undefined);
    if (!values || typeof values !== 'object') continue;
    for (const [key, value] of Object.entries(values)) if (draftArea(key) === area && !drafts.has(key)) loaded.set(key, value);
  }
  // A page being hidden or closed saves at once (the popup closes when focus leaves it).
  globalThis.addEventListener?.('pagehide', () => void saveNow());
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void saveNow();
  });
}

/** useState that remembers its value under `key` across unmounts; `override` (an intent's text, say) wins when given. */
export function useDraft<T>(key: string, initial: T, override?: T): [T, Dispatch<StateUpdater<T>>] {
  const [value, setValue] = useState<T>(() => {
    if (override !== undefined) return override;
    if (drafts.has(key)) return drafts.get(key) as T;
    const stored = loaded.has(key) ? upToDate(loaded.get(key), initial) : undefined;
    return stored !== undefined ? stored : initial;
  });
  useEffect(() => {
    // Only a value that changed is saved: an untouched default stays a default (a later version's may differ).
    const before = drafts.has(key) ? drafts.get(key) : loaded.get(key);
    drafts.set(key, value);
    if (JSON.stringify(before) !== JSON.stringify(value) && (before !== undefined || JSON.stringify(value) !== JSON.stringify(initial))) {
      dirty.add(key);
      scheduleSave();
    }
  }, [key, value]);
  return [value, setValue];
}

/** For tests: forget every draft and the store. */
export function clearDrafts(): void {
  drafts.clear();
  loaded.clear();
  dirty.clear();
  store = undefined;
  clearTimeout(saveTimer);
  saveTimer = undefined;
}
