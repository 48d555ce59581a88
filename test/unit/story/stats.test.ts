import { describe, expect, test } from 'vitest';
import { fleschReadingEase, mtld, mtldFactors, repeatedNgramRate, sentences, syllablesOf, textStats, words } from '../../../extension/features/story/stats.ts';

describe('story text statistics (hand-computed)', () => {
  // "The cat sat. The cat ran! A dog sat?"
  // words: the cat sat the cat ran a dog sat → 9; sentences: 3 → mean length 9/3 = 3
  // types: the cat sat ran a dog → 6 → TTR 6/9 = 0.6667
  // syllables: every word has one vowel group ("the": 1 group, a final e after one letter word stays ≥1) → 9
  // Flesch = 206.835 − 1.015·3 − 84.6·9/9 = 206.835 − 3.045 − 84.6 = 119.19
  // 3-grams: the-cat-sat, cat-sat-the, sat-the-cat, the-cat-ran, cat-ran-a, ran-a-dog, a-dog-sat: 7 distinct → 0
  // MTLD forward: TTRs 1,1,1,3/4,3/5=0.6≤0.72 → factor 1 after "the cat"; rest ran a dog sat TTR 1 → partial 0 → 9/1
  //      backward: sat dog a ran cat the sat(6/7) cat(6/8) the(6/9=0.667≤0.72) → factor 1, nothing left → 9/1 → MTLD 9
  // prompt "the cat": story words in prompt: the cat the cat → 4/9 = 0.4444, novelty 5/9
  // story bigrams 8 (the-cat ×2, cat-sat, sat-the, cat-ran, ran-a, a-dog, dog-sat); prompt bigram the-cat → novel 6/8
  const text = 'The cat sat. The cat ran! A dog sat?';
  test('counts, ratios, Flesch, MTLD and prompt overlap', () => {
    const s = textStats(text, 'the cat');
    expect(s.words).toBe(9);
    expect(s.sentences).toBe(3);
    expect(s.meanSentenceLength).toBe(3);
    expect(s.typeTokenRatio).toBeCloseTo(6 / 9, 10);
    expect(s.syllables).toBe(9);
    expect(s.fleschReadingEase).toBeCloseTo(119.19, 10);
    expect(s.repeatedTrigramRate).toBe(0);
    expect(s.mtld).toBe(9);
    expect(s.promptOverlap).toBeCloseTo(4 / 9, 10);
    expect(s.novelty).toBeCloseTo(5 / 9, 10);
    expect(s.novelBigramRate).toBeCloseTo(6 / 8, 10);
  });

  test('word and sentence splitting', () => {
    expect(words("Don't stop, Tom’s 2 dogs!")).toEqual(["don't", 'stop', "tom's", '2', 'dogs']);
    expect(sentences('Hi... Is it? Yes!! ')).toEqual(['Hi', 'Is it', 'Yes']);
    expect(sentences('no end mark')).toHaveLength(1);
    expect(textStats('').words).toBe(0);
    expect(textStats('').fleschReadingEase).toBe(0);
  });

  test('syllable heuristic', () => {
    // vowel groups, minus a silent final e, but "-le" after a consonant counts
    expect(syllablesOf('make')).toBe(1); // a, e → 2 − silent e
    expect(syllablesOf('table')).toBe(2); // a, e ("-ble")
    expect(syllablesOf('beautiful')).toBe(3); // eau, i, u
    expect(syllablesOf('rhythm')).toBe(1); // y
    expect(syllablesOf('see')).toBe(1); // ee, "ee" is not a silent e
    expect(syllablesOf('the')).toBe(1); // never below 1
    // "Beautiful tables make people happy." → 3 + 2 + 1 + 2 (eo, -ple) + 2 (a, y) = 10 syllables, 5 words, 1 sentence
    // Flesch = 206.835 − 1.015·5 − 84.6·10/5 = 206.835 − 5.075 − 169.2 = 32.56
    const s = textStats('Beautiful tables make people happy.');
    expect(s.syllables).toBe(10);
    expect(s.fleschReadingEase).toBeCloseTo(32.56, 10);
    expect(fleschReadingEase(5, 1, 10)).toBeCloseTo(32.56, 10);
  });

  test('MTLD with a partial factor, and undefined when no factor builds', () => {
    // "a b a c" forward: a(1) b(1) a(2/3=0.667 → factor) c(1/1 → partial 0) → 1 factor → 4/1 = 4
    // backward "c a b a": 1, 1, 1, 3/4 = 0.75 left over → partial (1 − 0.75)/(1 − 0.72) = 0.892857 → 4/0.892857 = 4.48
    // MTLD = (4 + 4.48)/2 = 4.24
    expect(mtldFactors(['a', 'b', 'a', 'c'])).toBe(1);
    expect(mtldFactors(['c', 'a', 'b', 'a'])).toBeCloseTo(0.25 / 0.28, 10);
    expect(mtld(['a', 'b', 'a', 'c'])).toBeCloseTo(4.24, 10);
    // "a a b b": a(1) a(1/2 → factor) b(1) b(1/2 → factor) → 2 factors both ways → 4/2 = 2
    expect(mtld(['a', 'a', 'b', 'b'])).toBe(2);
    expect(mtld(['one', 'two', 'three'])).toBeNull();
  });

  test('repeated 3-gram rate', () => {
    // the cat sat the cat sat → 3-grams the-cat-sat, cat-sat-the, sat-the-cat, the-cat-sat: 4 total, 3 distinct → 1/4
    expect(repeatedNgramRate(words('the cat sat the cat sat'))).toBe(0.25);
    expect(repeatedNgramRate(['a', 'b'])).toBe(0);
  });
});
