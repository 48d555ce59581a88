import { type Dispatch, type StateUpdater, useEffect, useState } from 'preact/hooks';

/**
 * What the user typed or chose in a panel. Only the selected tab's panel is mounted, so a plain useState would lose a
 * typed task or a run's settings on every switch of tab; and the popup closes whenever focus leaves it, so drafts are
 * also kept in extension storage (wired by the page's entry point, `persistDrafts`) and read back before the first
 * render: a reopened popup shows the settings and text the user left, not the defaults.
 */
const drafts = new Map<string, unknown>();

/** Where drafts are kept between openings: 'local' lasts across browser restarts, 'session' until the browser closes. */
export interface DraftStore {
  load(area: DraftArea): Promise<Record<string, unknown> | undefined>;
  save(area: DraftArea, values: Record<string, unknown>): Promise<void>;
}
export type DraftArea = 'local' | 'session';

/** Drafts tied to one tab (its id is in the key) last only as long as the browser session; the rest are kept. */
export const draftArea = (key: string): DraftArea => (key.startsWith('automate.') ? 'session' : 'local');

/** A draft bigger than this (a pasted book) is kept for this opening only. */
const MAX_STORED_CHARS = 100_000;
const SAVE_DELAY_MS = 100;

let store: DraftStore | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleSave(): void {
  if (!store || saveTimer) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    void saveNow();
  }, SAVE_DELAY_MS);
}

async function saveNow(): Promise<void> {
  if (!store) return;
  const byArea: Record<DraftArea, Record<string, unknown>> = { local: {}, session: {} };
  for (const [key, value] of drafts) {
    if (JSON.stringify(value ?? null).length <= MAX_STORED_CHARS) byArea[draftArea(key)][key] = value;
  }
  // Storage that cannot be written (full, gone) costs the drafts only their next opening.
  await Promise.all((['local', 'session'] as const).map((area) => store!.save(area, byArea[area]).catch(() => undefined)));
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
    for (const [key, value] of Object.entries(values)) if (draftArea(key) === area && !drafts.has(key)) drafts.set(key, value);
  }
  // A page being hidden or closed saves at once (the popup closes when focus leaves it).
  globalThis.addEventListener?.('pagehide', () => void saveNow());
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void saveNow();
  });
}

/** useState that remembers its value under `key` across unmounts; `override` (an intent's text, say) wins when given. */
export function useDraft<T>(key: string, initial: T, override?: T): [T, Dispatch<StateUpdater<T>>] {
  const [value, setValue] = useState<T>(() => (override !== undefined ? override : drafts.has(key) ? (drafts.get(key) as T) : initial));
  useEffect(() => {
    drafts.set(key, value);
    scheduleSave();
  }, [key, value]);
  return [value, setValue];
}

/** For tests: forget every draft and the store. */
export function clearDrafts(): void {
  drafts.clear();
  store = undefined;
  clearTimeout(saveTimer);
  saveTimer = undefined;
}
