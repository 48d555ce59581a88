import type { GenerateResult } from '../../protocol/schemas.ts';
import type { SerializedError } from '../../protocol/errors.ts';
import { database, type PocketDb } from '../../storage/db.ts';
import { readSetting, writeSetting } from '../../storage/settings.ts';
import type { StoryStart } from './messages.ts';

/**
 * The story being written (one at a time), kept in Dexie's settings table under one key. The model host writes it as
 * the story streams (throttled); every open Story tab reads it live, so a reopened popup shows the story still being
 * written, then the saved one.
 */
export const CURRENT_STORY_KEY = 'story.current';

export interface StoryRun extends StoryStart {
  id: string;
  status: 'running' | 'done' | 'stopped' | 'empty' | 'failed' | 'interrupted';
  stage: 'queued' | 'loading' | 'generating' | null;
  /** The opening (if any) and what the model has written so far. */
  text: string;
  result: GenerateResult | null;
  /** The library row the finished or stopped story was saved as. */
  savedId: number | null;
  saveError: string | null;
  /** Why a story stopped that the user did not stop (the model was deleted), in words. */
  stopReason?: string;
  error: SerializedError | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface StoryRunStore {
  load(): Promise<StoryRun | null>;
  save(run: StoryRun): Promise<void>;
}

export async function loadCurrentStory(db: PocketDb = database()): Promise<StoryRun | null> {
  const run = await readSetting<StoryRun | null>(CURRENT_STORY_KEY, null, db);
  if (!run || typeof run !== 'object' || typeof run.id !== 'string' || typeof run.text !== 'string') return null;
  return run;
}

export function settingsStoryStore(db: PocketDb = database()): StoryRunStore {
  return { load: () => loadCurrentStory(db), save: (run) => writeSetting(CURRENT_STORY_KEY, run, db) };
}
