import { database, type PocketDb } from '../../storage/db.ts';
import { readSetting, writeSetting } from '../../storage/settings.ts';
import type { MathRun } from './solve.ts';

/**
 * The math run of this profile (one at a time), kept in Dexie's settings table under one key. The model host writes
 * it as the run progresses (streamed text included, throttled); every open Math tab reads it live, so a reopened popup
 * shows the run still going, then its result.
 */
export const LAST_RUN_KEY = 'math.lastRun';

export interface MathRunStore {
  load(): Promise<MathRun | null>;
  save(run: MathRun): Promise<void>;
}

export function saveLastRun(run: MathRun, db: PocketDb = database()): Promise<void> {
  return writeSetting(LAST_RUN_KEY, { ...run, savedAt: Date.now() }, db);
}

/** The stored run as it is (a "running" one may be going on in the host right now), or null. */
export async function loadLastRun(db: PocketDb = database()): Promise<MathRun | null> {
  const run = await readSetting<MathRun | null>(LAST_RUN_KEY, null, db);
  if (!run || typeof run !== 'object' || !Array.isArray(run.attempts) || typeof run.id !== 'string') return null;
  return run;
}

export function settingsRunStore(db: PocketDb = database()): MathRunStore {
  return { load: () => loadLastRun(db), save: (run) => saveLastRun(run, db) };
}

/**
 * A run found "running" that no host is running (the browser closed, or the host was restarted). It ended when it was
 * last saved, not when it was found: the time the browser stood closed is not the run's.
 */
export function interrupted(run: MathRun): MathRun {
  return {
    ...run, status: 'interrupted', finishedAt: run.finishedAt ?? run.savedAt ?? Date.now(),
    message: 'The model host stopped before this run finished (the browser closed or the host restarted); this is what it had done.',
  };
}
