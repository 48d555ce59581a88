import { csvCell } from '../../ui/csv.ts';
import type { TextStats } from './stats.ts';
import { STAT_COLUMNS, meanStats } from './stats.ts';
import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';

export const CRITERIA = ['grammaticality', 'relevance', 'creativity', 'attractiveness'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Scores = Record<Criterion, number>;

// The blind order of a pair is reproducible from its seed: the engines' seeded PRNG serves here too.
export { seededRandom };

/** Shows the two stories in an order drawn from the seed: the same seed always gives the same order. */
export function blindOrder<T>(pair: readonly [T, T], seed: number): [T, T] {
  return seededRandom(seed)() < 0.5 ? [pair[0], pair[1]] : [pair[1], pair[0]];
}

export interface Candidate { id: number | string; writer: string; prompt: string }

export const normalizePrompt = (prompt: string) => prompt.trim().replace(/\s+/g, ' ').toLowerCase();

/** Prompts with stories from at least two different writers, each with its stories. */
export function ratablePrompts<T extends Candidate>(stories: T[]): { prompt: string; stories: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const story of stories) {
    const key = normalizePrompt(story.prompt);
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), story]);
  }
  return [...groups.values()]
    .filter((group) => new Set(group.map((s) => s.writer)).size >= 2)
    .map((group) => ({ prompt: group[0]!.prompt, stories: group }));
}

/**
 * Two stories by different writers for one prompt, chosen by the seed, in blind order; null when there are not two
 * writers. The same seed and the same stories (in any order) give the same pair in the same order.
 */
export function pickPair<T extends Candidate>(stories: T[], seed: number): [T, T] | null {
  const random = seededRandom(seed ^ 0x9e3779b9);
  // Sorted, so the pair depends on the seed and the set of stories only, not on the order they come in.
  const writers = [...new Set(stories.map((s) => s.writer))].sort();
  if (writers.length < 2) return null;
  const firstWriter = writers[Math.floor(random() * writers.length)]!;
  const others = writers.filter((w) => w !== firstWriter);
  const secondWriter = others[Math.floor(random() * others.length)]!;
  const pick = (writer: string) => {
    const mine = stories.filter((s) => s.writer === writer).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    return mine[Math.floor(random() * mine.length)]!;
  };
  return blindOrder([pick(firstWriter), pick(secondWriter)], seed);
}

export interface RatingRecord { writer: string; scores: Scores; stats?: TextStats }

export interface MeanStd { mean: number; std: number | null }

/** Mean and sample standard deviation (n − 1); the deviation is null for fewer than two values. */
export function meanStd(values: number[]): MeanStd {
  const n = values.length;
  const mean = n === 0 ? NaN : values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, std: null };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(variance) };
}

export interface WriterResult {
  writer: string;
  n: number;
  criteria: Record<Criterion, MeanStd>;
  /** Per rating, the mean of its four criteria; then mean ± std over ratings. */
  overall: MeanStd;
  stats: ReturnType<typeof meanStats>;
}

export function aggregate(ratings: RatingRecord[]): WriterResult[] {
  const byWriter = new Map<string, RatingRecord[]>();
  for (const rating of ratings) byWriter.set(rating.writer, [...(byWriter.get(rating.writer) ?? []), rating]);
  return [...byWriter.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([writer, rows]) => ({
    writer,
    n: rows.length,
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, meanStd(rows.map((r) => r.scores[c]))])) as Record<Criterion, MeanStd>,
    overall: meanStd(rows.map((r) => CRITERIA.reduce((sum, c) => sum + r.scores[c], 0) / CRITERIA.length)),
    stats: meanStats(rows.flatMap((r) => (r.stats ? [r.stats] : []))),
  }));
}

export const formatMeanStd = ({ mean, std }: MeanStd) =>
  `${Number.isFinite(mean) ? mean.toFixed(2) : '—'} ± ${std === null ? '—' : std.toFixed(2)}`;

export { csvCell };

/** The results table as CSV: one row per writer, mean and std columns per criterion, then mean statistics. */
export function resultsCsv(results: WriterResult[]): string {
  const header = ['writer', 'n', ...CRITERIA.flatMap((c) => [`${c}_mean`, `${c}_std`]), 'overall_mean', 'overall_std',
    ...STAT_COLUMNS.map((s) => `mean_${s.key}`)];
  const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : Number(v.toFixed(4)));
  const rows = results.map((r) => [r.writer, r.n,
    ...CRITERIA.flatMap((c) => [num(r.criteria[c].mean), num(r.criteria[c].std)]), num(r.overall.mean), num(r.overall.std),
    ...STAT_COLUMNS.map((s) => num(r.stats[s.key]))]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export interface RawRating extends RatingRecord { pairId: string; storyId: number; prompt: string; pairSeed: number; createdAt: number }

/** Every rating as one CSV row (for your own analysis): pair, story, writer, the four scores, seed, time, prompt. */
export function ratingsCsv(ratings: RawRating[]): string {
  const header = ['pair_id', 'story_id', 'writer', ...CRITERIA, 'pair_seed', 'rated_at', 'prompt'];
  const rows = ratings.map((r) => [r.pairId, r.storyId, r.writer, ...CRITERIA.map((c) => r.scores[c]), r.pairSeed,
    new Date(r.createdAt).toISOString(), r.prompt]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
