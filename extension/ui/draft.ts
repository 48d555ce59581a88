import { type Dispatch, type StateUpdater, useEffect, useState } from 'preact/hooks';

/**
 * What the user typed or chose in a panel, kept for as long as the popup or side panel is open: only the selected tab's
 * panel is mounted, so a plain useState would lose a typed task or a run's settings on every switch of tab.
 */
const drafts = new Map<string, unknown>();

/** useState that remembers its value under `key` across unmounts; `override` (an intent's text, say) wins when given. */
export function useDraft<T>(key: string, initial: T, override?: T): [T, Dispatch<StateUpdater<T>>] {
  const [value, setValue] = useState<T>(() => (override !== undefined ? override : drafts.has(key) ? (drafts.get(key) as T) : initial));
  useEffect(() => {
    drafts.set(key, value);
  }, [key, value]);
  return [value, setValue];
}

/** For tests: forget every draft. */
export function clearDrafts(): void {
  drafts.clear();
}
