import { useState } from 'preact/hooks';
import { useDraft } from '../../ui/draft.ts';
import type { TextStats } from './stats.ts';
import { CRITERIA, type Scores } from './rating.ts';

/**
 * A blind rating in progress (the open pair, the pair seed, the scores ticked) is kept as a draft, like the other
 * panels' settings: the popup closes whenever focus leaves it, and a half-finished rating must survive that. What is
 * read back is checked first: a draft stored by another version, or damaged, is dropped (no pair, no scores).
 */
export interface OpenPair {
  seed: number;
  prompt: string;
  ids: [number, number];
  writers: [string, string];
  texts: [string, string];
  stats: [TextStats, TextStats];
  revealed: boolean;
}

export type PairScores = [Partial<Scores>, Partial<Scores>];

const pairOf = <T>(value: unknown, each: (x: unknown) => x is T): value is [T, T] =>
  Array.isArray(value) && value.length === 2 && value.every(each);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isObject = (x: unknown): x is TextStats => !!x && typeof x === 'object' && !Array.isArray(x);

export function isOpenPair(value: unknown): value is OpenPair {
  if (!isObject(value)) return false;
  const p = value as unknown as Record<string, unknown>;
  return isNumber(p['seed']) && isString(p['prompt']) && typeof p['revealed'] === 'boolean' && pairOf(p['ids'], isNumber)
    && pairOf(p['writers'], isString) && pairOf(p['texts'], isString) && pairOf(p['stats'], isObject);
}

/** The scores of a stored draft that are scores (1–5 on a known criterion); the rest is dropped. */
export function validScores(value: unknown): PairScores {
  const side = (raw: unknown): Partial<Scores> => {
    if (!raw || typeof raw !== 'object') return {};
    const kept: Partial<Scores> = {};
    for (const criterion of CRITERIA) {
      const score = (raw as Record<string, unknown>)[criterion];
      if (isNumber(score) && Number.isInteger(score) && score >= 1 && score <= 5) kept[criterion] = score;
    }
    return kept;
  };
  return Array.isArray(value) ? [side(value[0]), side(value[1])] : [{}, {}];
}

/** The open pair (null: none), kept across tab switches and popup openings. */
export function useOpenPair(): [OpenPair | null, (pair: OpenPair | null) => void] {
  const [stored, setStored] = useDraft<OpenPair | null>('story.rate.pair', null);
  return [isOpenPair(stored) ? stored : null, setStored];
}

/** The scores ticked for the open pair. */
export function useRateScores(): [PairScores, (update: PairScores | ((scores: PairScores) => PairScores)) => void] {
  const [stored, setStored] = useDraft<PairScores>('story.rate.scores', [{}, {}]);
  return [validScores(stored), (update) => setStored((raw) => (typeof update === 'function' ? update(validScores(raw)) : update))];
}

/** The pair seed: the open pair's (a new opening shows the same seed), else a random one until the user sets one. */
export function useRateSeed(pair: OpenPair | null): [number, (seed: number) => void] {
  const [random] = useState(() => Math.floor(Math.random() * 1_000_000));
  return useDraft('story.rate.seed', pair?.seed ?? random);
}
