import { describe, expect, test } from 'vitest';
import { robustnessDrops, summarize, type ItemResult } from '../../../extension/features/probes/stats.ts';
import { disagreeText, dropText } from '../../../extension/features/probes/wording.ts';
import { itemsNote } from '../../../extension/features/probes/items-note.ts';

const row = (item: string, parse: boolean, perturbation = 'none', repeat = 0): ItemResult => ({
  model: 'm', suite: 'gsm8k', strategy: 'direct', perturbation, repeat, seed: repeat, itemId: item, gold: '1', reply: 'r', parsed: '1',
  correct: { parse, exact: parse, judge: null }, ms: 1, finishedAt: 0,
});

describe('robustness drop on the same items (exploratory test: 20 clean items against the 10 with a GSM-Hard twin)', () => {
  // Clean: items a–d right, e–h wrong (50%). Only a–d have a large-numbers twin, and half of those are right.
  const rows = [
    ...['a', 'b', 'c', 'd'].map((id) => row(id, true)), ...['e', 'f', 'g', 'h'].map((id) => row(id, false)),
    // A perturbed item is named after its original (perturb.ts): "a~large".
    row('a~large', true, 'large-numbers'), row('b~large', true, 'large-numbers'), row('c~large', false, 'large-numbers'), row('d~large', false, 'large-numbers'),
  ];
  const cells = summarize(rows);
  const large = cells.find((c) => c.perturbation === 'large-numbers')!;

  test('the clean accuracy is taken over the items the perturbation applies to, and says how many', () => {
    // On the same four items: 100% clean, 50% with large numbers: a drop of 50 points (not 0 against all eight).
    expect(robustnessDrops(cells, rows)).toEqual([{ key: large.key, perturbation: 'large-numbers', drop: 0.5, items: 4 }]);
  });

  test('a perturbation that applies to every item compares whole cells, as before', () => {
    const all = [...rows.filter((r) => r.perturbation === 'none'), ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => row(`${id}~distractor`, false, 'distractor'))];
    const distractor = summarize(all).find((c) => c.perturbation === 'distractor')!;
    expect(robustnessDrops(summarize(all), all)).toEqual([{ key: distractor.key, perturbation: 'distractor', drop: 0.5 }]);
  });

  test('shown in percentage points, as the run comparison shows differences, with the items when fewer', () => {
    expect(dropText({ drop: 0.25 })).toBe('25.0 pp');
    expect(dropText({ drop: -0.05, items: 10 })).toBe('-5.0 pp (on the 10 items it applies to)');
  });
});

describe('disagreements say what disagrees with what', () => {
  test('parse-based vs exact match, and vs the judge when there is one', () => {
    expect(disagreeText({ parseVsExact: 1, parseVsJudge: 5 }, true)).toBe('1 vs exact · 5 vs judge');
    expect(disagreeText({ parseVsExact: 3, parseVsJudge: 0 }, false)).toBe('3 vs exact');
  });
});

describe('items per suite beyond what a suite has', () => {
  test('the bundled suites have 20 items: asking for more says so', () => {
    expect(itemsNote({ suites: ['gsm8k', 'arc-easy'], n: 50 })).toBe('gsm8k and arc-easy have 20 items each: a run uses those 20, not 50.');
    expect(itemsNote({ suites: ['gsm8k'], n: 50 })).toBe('gsm8k has 20 items: a run uses those 20, not 50.');
  });

  test('no note when every suite has enough, or makes as many as asked (sorting)', () => {
    expect(itemsNote({ suites: ['gsm8k'], n: 20 })).toBe('');
    expect(itemsNote({ suites: ['sorting-8', 'sorting-16-mixed'], n: 100 })).toBe('');
    expect(itemsNote({ suites: ['sorting-8', 'svamp'], n: 30 })).toBe('svamp has 20 items: a run uses those 20, not 30.');
  });
});
