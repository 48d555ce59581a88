import { describe, expect, test } from 'vitest';
import { aggregate, blindOrder, csvCell, meanStd, pickPair, ratablePrompts, ratingsCsv, resultsCsv, seededRandom } from '../../../extension/features/story/rating.ts';
import { textStats } from '../../../extension/features/story/stats.ts';

const scores = (g: number, r: number, c: number, a: number) => ({ grammaticality: g, relevance: r, creativity: c, attractiveness: a });

describe('blind rating', () => {
  test('the order is random across seeds and reproducible for one seed', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const order = blindOrder(['A', 'B'] as const, seed).join('');
      expect(blindOrder(['A', 'B'] as const, seed).join('')).toBe(order);
      orders.add(order);
    }
    expect(orders).toEqual(new Set(['AB', 'BA']));
    const lefts = Array.from({ length: 1000 }, (_, seed) => blindOrder([0, 1] as const, seed)[0]);
    const share = lefts.filter((x) => x === 0).length / 1000;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    expect(seededRandom(5)()).toBe(seededRandom(5)());
  });

  test('pairs come from two different writers of one prompt', () => {
    const stories = [
      { id: 1, writer: 'tiny', prompt: 'A dragon' }, { id: 2, writer: 'tiny', prompt: ' a  DRAGON' },
      { id: 3, writer: 'human', prompt: 'A dragon' }, { id: 4, writer: 'tiny', prompt: 'A cat' },
    ];
    const groups = ratablePrompts(stories);
    expect(groups.map((g) => g.stories.map((s) => s.id))).toEqual([[1, 2, 3]]);
    expect(ratablePrompts([stories[3]!])).toEqual([]);
    for (let seed = 0; seed < 20; seed++) {
      const pair = pickPair(groups[0]!.stories, seed)!;
      expect(pair[0].writer).not.toBe(pair[1].writer);
      expect(pickPair(groups[0]!.stories, seed)).toEqual(pair);
      expect(pickPair([...groups[0]!.stories].reverse(), seed)).toEqual(pair); // input order does not matter
    }
    expect(pickPair([stories[0]!, stories[1]!], 1)).toBeNull();
  });
});

describe('rating aggregation', () => {
  test('mean ± sample std per criterion and overall, n per writer', () => {
    // tiny: grammaticality 2 and 4 → mean 3, std sqrt(((−1)²+1²)/1) = 1.4142
    // tiny overall per rating: (2+3+4+3)/4 = 3, (4+5+2+1)/4 = 3 → mean 3, std 0
    // human: one rating → std undefined (null)
    const a = textStats('One cat. One dog.');
    const b = textStats('A bird sang a song.');
    const results = aggregate([
      { writer: 'tiny', scores: scores(2, 3, 4, 3), stats: a },
      { writer: 'tiny', scores: scores(4, 5, 2, 1), stats: b },
      { writer: 'human', scores: scores(5, 5, 5, 4) },
    ]);
    expect(results.map((r) => [r.writer, r.n])).toEqual([['human', 1], ['tiny', 2]]);
    const tiny = results[1]!;
    expect(tiny.criteria.grammaticality.mean).toBe(3);
    expect(tiny.criteria.grammaticality.std).toBeCloseTo(Math.SQRT2, 10);
    expect(tiny.criteria.attractiveness).toEqual({ mean: 2, std: Math.SQRT2 });
    expect(tiny.overall).toEqual({ mean: 3, std: 0 });
    // words 4 and 5 → 4.5; sentences 2 and 1 → 1.5
    expect(tiny.stats.words).toBe(4.5);
    expect(tiny.stats.sentences).toBe(1.5);
    expect(results[0]!.overall).toEqual({ mean: 4.75, std: null });
    expect(results[0]!.stats.words).toBeNull();
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3) });
  });

  test('CSV export: header, one row per writer, quoting', () => {
    const csv = resultsCsv(aggregate([
      { writer: 'tiny, v2', scores: scores(2, 3, 4, 3) },
      { writer: 'tiny, v2', scores: scores(4, 5, 2, 1) },
    ]));
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('writer,n,grammaticality_mean,grammaticality_std,relevance_mean,relevance_std,creativity_mean,creativity_std,'
      + 'attractiveness_mean,attractiveness_std,overall_mean,overall_std,mean_words,mean_sentences,mean_meanSentenceLength,'
      + 'mean_typeTokenRatio,mean_mtld,mean_repeatedTrigramRate,mean_fleschReadingEase,mean_novelty');
    expect(lines[1]).toBe('"tiny, v2",2,3,1.4142,4,1.4142,3,1.4142,2,1.4142,3,0,,,,,,,,');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    // A formula after spaces (importers may trim them) is defused too; a number with spaces stays a number.
    expect(csvCell(' =HYPERLINK("http://evil","3")')).toBe('"\' =HYPERLINK(""http://evil"",""3"")"');
    expect(csvCell('  @SUM(A1)')).toBe("'  @SUM(A1)");
    expect(csvCell(' -5')).toBe(' -5');
  });

  test('raw ratings CSV: one row per rating, prompt quoted', () => {
    expect(ratingsCsv([{ pairId: '1-2-5-9', storyId: 2, writer: 'human (HANNA)', scores: scores(5, 4, 3, 2), prompt: 'A "big" dog, lost',
      pairSeed: 5, createdAt: Date.UTC(2026, 0, 1) }])).toBe(
      'pair_id,story_id,writer,grammaticality,relevance,creativity,attractiveness,pair_seed,rated_at,prompt\n'
      + '1-2-5-9,2,human (HANNA),5,4,3,2,5,2026-01-01T00:00:00.000Z,"A ""big"" dog, lost"\n');
  });
});
