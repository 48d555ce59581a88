/**
 * Text statistics for stories, after the linguistic analysis in "SLMs can outperform humans in short creative
 * writing". Pure functions, no DOM. Definitions (all case-insensitive):
 * - word: a run of letters or digits, with inner apostrophes kept ("don't" is one word).
 * - sentence: a stretch of text ended by one or more of . ! ? (or the end of the text) that contains a word.
 * - syllables (heuristic): groups of consecutive vowels (a e i o u y) in the word; a final silent "e" is not counted
 *   (but "-le" after a consonant is, as in "table"); every word has at least one syllable.
 * - Flesch reading ease: 206.835 − 1.015 · words/sentences − 84.6 · syllables/words.
 * - MTLD (McCarthy & Jarvis 2010): walk the words keeping the type-token ratio of the current segment; when it
 *   falls to ≤ 0.72 a factor ends and a new segment starts. The leftover segment adds a partial factor
 *   (1 − TTR) / (1 − 0.72). MTLD = words / factors, computed forwards and backwards and averaged. When no factor
 *   builds at all (factors = 0, e.g. all words distinct) it is undefined and reported as null.
 * - repeated 3-gram rate: of all word 3-grams, the share that repeat one seen earlier: (total − distinct) / total.
 * - prompt overlap: share of story words (tokens) that also occur in the prompt; novelty is 1 − overlap.
 * - novel bigram rate: share of story word 2-grams that do not occur in the prompt.
 */

export interface TextStats {
  words: number;
  sentences: number;
  meanSentenceLength: number;
  typeTokenRatio: number;
  mtld: number | null;
  repeatedTrigramRate: number;
  syllables: number;
  fleschReadingEase: number;
  promptOverlap: number;
  novelty: number;
  novelBigramRate: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export function words(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.toLowerCase().replace(/’/g, "'"));
}

export function sentences(text: string): string[] {
  return text.split(/[.!?]+/).map((s) => s.trim()).filter((s) => words(s).length > 0);
}

export function syllablesOf(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 1;
  const groups = w.match(/[aeiouy]+/g)?.length ?? 0;
  const silentE = w.length > 2 && w.endsWith('e') && !/[aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w) ? 1 : 0;
  return Math.max(1, groups - silentE);
}

export function typeTokenRatio(tokens: string[]): number {
  return tokens.length === 0 ? 0 : new Set(tokens).size / tokens.length;
}

/** One direction of MTLD: the number of factors (full ones plus the partial one). */
export function mtldFactors(tokens: string[], threshold = 0.72): number {
  let factors = 0;
  let types = new Set<string>();
  let count = 0;
  for (const token of tokens) {
    types.add(token);
    count += 1;
    if (types.size / count <= threshold) {
      factors += 1;
      types = new Set();
      count = 0;
    }
  }
  if (count > 0) factors += (1 - types.size / count) / (1 - threshold);
  return factors;
}

export function mtld(tokens: string[], threshold = 0.72): number | null {
  const forward = mtldFactors(tokens, threshold);
  const backward = mtldFactors([...tokens].reverse(), threshold);
  if (forward === 0 || backward === 0) return null;
  return (tokens.length / forward + tokens.length / backward) / 2;
}

export function ngrams(tokens: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

export function repeatedNgramRate(tokens: string[], n = 3): number {
  const grams = ngrams(tokens, n);
  return grams.length === 0 ? 0 : (grams.length - new Set(grams).size) / grams.length;
}

export function fleschReadingEase(wordCount: number, sentenceCount: number, syllableCount: number): number {
  if (wordCount === 0 || sentenceCount === 0) return 0;
  return 206.835 - 1.015 * (wordCount / sentenceCount) - 84.6 * (syllableCount / wordCount);
}

export function textStats(text: string, prompt = ''): TextStats {
  const tokens = words(text);
  const sentenceCount = sentences(text).length;
  const syllables = tokens.reduce((sum, w) => sum + syllablesOf(w), 0);
  const promptTokens = new Set(words(prompt));
  const promptBigrams = new Set(ngrams(words(prompt), 2));
  const storyBigrams = ngrams(tokens, 2);
  const overlap = tokens.length === 0 ? 0 : tokens.filter((w) => promptTokens.has(w)).length / tokens.length;
  return {
    words: tokens.length,
    sentences: sentenceCount,
    meanSentenceLength: sentenceCount === 0 ? 0 : tokens.length / sentenceCount,
    typeTokenRatio: typeTokenRatio(tokens),
    mtld: mtld(tokens),
    repeatedTrigramRate: repeatedNgramRate(tokens, 3),
    syllables,
    fleschReadingEase: fleschReadingEase(tokens.length, sentenceCount, syllables),
    promptOverlap: overlap,
    novelty: tokens.length === 0 ? 0 : 1 - overlap,
    novelBigramRate: storyBigrams.length === 0 ? 0 : storyBigrams.filter((g) => !promptBigrams.has(g)).length / storyBigrams.length,
  };
}

/** The statistics shown in tables, in order, with how to print them. */
export const STAT_COLUMNS: { key: keyof TextStats; label: string; digits: number }[] = [
  { key: 'words', label: 'Words', digits: 0 },
  { key: 'sentences', label: 'Sentences', digits: 0 },
  { key: 'meanSentenceLength', label: 'Mean sentence length', digits: 1 },
  { key: 'typeTokenRatio', label: 'Type-token ratio', digits: 2 },
  { key: 'mtld', label: 'MTLD', digits: 1 },
  { key: 'repeatedTrigramRate', label: 'Repeated 3-grams', digits: 2 },
  { key: 'fleschReadingEase', label: 'Flesch reading ease', digits: 1 },
  { key: 'novelty', label: 'Novelty (words not in prompt)', digits: 2 },
];

/** Mean of each statistic over several stories (null MTLDs are left out of the MTLD mean). */
export function meanStats(all: TextStats[]): Partial<Record<keyof TextStats, number | null>> {
  const out: Partial<Record<keyof TextStats, number | null>> = {};
  for (const { key } of STAT_COLUMNS) {
    const values = all.map((s) => s[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    out[key] = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return out;
}
