import { database, type PocketDb, type RatingRow, type StoryRow } from '../../storage/db.ts';
import { textStats, type TextStats } from './stats.ts';
import type { Scores } from './rating.ts';
import hanna from './data/hanna-human-subset.json';

export const HUMAN_WRITER = 'human (HANNA)';

export interface HannaStory { id: number; prompt: string; story: string }
/**
 * HANNA's stories come tokenized ("do n't", "It 's", "here ."): put the words back together as written, or the
 * human story would give itself away in a blind pair (no model writes like that).
 */
export function detokenize(text: string): string {
  return text
    .replace(/(\w) (n't)\b/gi, '$1$2')
    .replace(/(\w) ('(?:s|m|re|ve|ll|d))\b/gi, '$1$2')
    .replace(/ ([.,!?;:])(?=\s|$)/g, '$1');
}

export const HANNA_STORIES: HannaStory[] = hanna.map((h) => ({ ...h, story: detokenize(h.story) }));

/**
 * The opening a model story for a HANNA prompt starts from: the human story's own first words. A fixed opening
 * ("Once upon a time", which no human story here uses) would tell the writer in a blind pair; a shared one tells
 * nothing, and still gives a small model something to continue.
 */
export function hannaOpening(story: HannaStory): string {
  return story.story.trim().split(/\s+/).slice(0, 5).join(' ');
}

/** A library story: the version-2 `stories` row plus fields that need no index (Dexie keeps them as given). */
export interface SavedStory extends StoryRow {
  seed: number | null;
  stopped: boolean;
  finishReason: string;
  timings: { ttftMs: number; totalMs: number; decodeTokS: number; tokensIn: number; tokensOut: number; promptTokensDropped: number } | null;
  stats: TextStats;
  source: 'model' | 'hanna';
  hannaId?: number;
}

/** A rating row keeps the writer, prompt and statistics of the story it rates, so results survive a deletion. */
export interface SavedRating extends RatingRow {
  scores: Scores;
  writer: string;
  prompt: string;
  pairSeed: number;
  stats: TextStats;
}

export type NewStory = Omit<SavedStory, 'id' | 'stats' | 'createdAt'> & { createdAt?: number };

export async function saveStory(story: NewStory, db: PocketDb = database()): Promise<number> {
  const row: SavedStory = { ...story, createdAt: story.createdAt ?? Date.now(), stats: textStats(story.text, story.prompt) };
  return db.stories.add(row);
}

export async function allStories(db: PocketDb = database()): Promise<SavedStory[]> {
  return (await db.stories.orderBy('createdAt').reverse().toArray()) as SavedStory[];
}

/** The search: prompt, text, or writer — its id or the name it is shown by (`writerName`). */
export function matches(story: Pick<StoryRow, 'prompt' | 'text' | 'writer'>, query: string, writerName?: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [story.prompt, story.text, story.writer, writerName ?? ''].some((field) => field.toLowerCase().includes(q));
}

export async function deleteStory(id: number, db: PocketDb = database()): Promise<void> {
  await db.stories.delete(id);
}

/** The bundled human story as a library row, added once (looked up by its HANNA id). */
export async function ensureHannaStory(hannaId: number, db: PocketDb = database()): Promise<number> {
  const existing = (await db.stories.where('writer').equals(HUMAN_WRITER).toArray() as SavedStory[])
    .find((s) => s.hannaId === hannaId);
  if (existing?.id !== undefined) return existing.id;
  const source = HANNA_STORIES.find((s) => s.id === hannaId);
  if (!source) throw new Error(`No bundled HANNA story ${hannaId}`);
  return saveStory({ prompt: source.prompt, writer: HUMAN_WRITER, text: source.story, params: {}, seed: null, stopped: false,
    finishReason: 'human', timings: null, source: 'hanna', hannaId }, db);
}

export async function saveRatings(rows: Omit<SavedRating, 'id'>[], db: PocketDb = database()): Promise<void> {
  await db.ratings.bulkAdd(rows);
}

export async function allRatings(db: PocketDb = database()): Promise<SavedRating[]> {
  return (await db.ratings.toArray()) as SavedRating[];
}
