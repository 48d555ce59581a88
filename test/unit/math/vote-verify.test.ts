import { describe, expect, test } from 'vitest';
import { answerKey, sameAnswer } from '../../../extension/features/math/compare.ts';
import { majorityVote } from '../../../extension/features/math/vote.ts';
import { crossCheck, plausibility, verify } from '../../../extension/features/math/verify.ts';

describe('comparison', () => {
  test('equal within float noise, never equal to no answer', () => {
    expect(sameAnswer(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameAnswer(72, 72.0000001)).toBe(true);
    expect(sameAnswer(72, 73)).toBe(false);
    expect(sameAnswer(null, null)).toBe(false);
    expect(sameAnswer(Infinity, Infinity)).toBe(false);
    expect(answerKey(0.1 + 0.2)).toBe('0.3');
    expect(answerKey(-0)).toBe('0');
    expect(answerKey(null)).toBe('none');
  });

  test('whole numbers must be equal, however large; decimals forgive rounding only under a hundredth', () => {
    expect(sameAnswer(-9867624, -9867630)).toBe(false);
    expect(sameAnswer(6277334000, 6277330000)).toBe(false);
    expect(sameAnswer(6277334000, 6277334000)).toBe(true);
    expect(sameAnswer(14053029.67, 14053029.666666666)).toBe(true);
    expect(sameAnswer(14053030, 14053029.666666666)).toBe(false);
    expect(sameAnswer(0.1 * 3 * 10, 3)).toBe(true);
    expect(sameAnswer(33.33, 100 / 3)).toBe(true);
    expect(sameAnswer(0.001, 0.005)).toBe(false);
    const vote = majorityVote([-9867624, -9867630, -9867630, 5]);
    expect([vote.winner, vote.winnerCount]).toEqual([-9867630, 2]);
  });
});

describe('majorityVote', () => {
  test('the majority beats a wrong first sample', () => {
    const vote = majorityVote([17, 18, 18, null, 18.0000000001]);
    expect(vote.winner).toBe(18);
    expect(vote.winnerCount).toBe(3);
    expect(vote.total).toBe(5);
    expect(vote.tie).toBe(false);
    expect(vote.distribution.map((b) => [b.key, b.count, b.samples])).toEqual([['18', 3, [1, 2, 4]], ['17', 1, [0]], ['none', 1, [3]]]);
  });

  test('answers that are the same through one another vote together whatever their order; the group shows its commonest value', () => {
    // 5.004 is the same answer as 5 and as 5.008 (within a thousandth), 5 is not 5.008: before, 5.004 coming first
    // made one group of four, 5 coming first two groups of two, and 7 won.
    for (const order of [[5, 5.008, 5.004, 5.008, 7, 7, 7], [5.004, 5, 5.008, 5.008, 7, 7, 7], [7, 5.008, 7, 5, 7, 5.008, 5.004]]) {
      const vote = majorityVote(order);
      expect([vote.winner, vote.winnerCount]).toEqual([5.008, 4]);
    }
    // Not without end: steps of 0.006 (each the same answer as the next) do not make one answer of 10 and 10.024.
    expect(majorityVote([10, 10.006, 10.012, 10.018, 10.024]).winnerCount).toBe(4);
  });

  test('no answer never wins, even with most votes', () => {
    const vote = majorityVote([null, null, null, 4]);
    expect(vote.winner).toBe(4);
    expect(vote.distribution[0]!.key).toBe('none');
  });

  test('all empty → no winner; ties go to the earliest answer and are flagged', () => {
    expect(majorityVote([null, null]).winner).toBeNull();
    expect(majorityVote([]).winner).toBeNull();
    const tie = majorityVote([5, 6, 6, 5]);
    expect(tie.winner).toBe(5);
    expect(tie.tie).toBe(true);
  });
});

describe('verifier decisions', () => {
  test('agree, disagree, unverified, none', () => {
    expect(crossCheck([{ source: 'CoT', value: 72 }, { source: 'PoT', value: 72.0 }]).status).toBe('agree');
    const flagged = crossCheck([{ source: 'CoT', value: 72 }, { source: 'PoT', value: 70 }]);
    expect(flagged.status).toBe('disagree');
    expect(flagged.message).toMatch(/CoT says 72, PoT says 70/);
    const half = crossCheck([{ source: 'CoT', value: 72 }, { source: 'PoT', value: null }]);
    expect(half.status).toBe('unverified');
    expect(half.message).toMatch(/PoT gave no answer/);
    expect(crossCheck([{ source: 'CoT', value: null }, { source: 'PoT', value: null }]).status).toBe('none');
  });

  test('plausibility: "how many" wants a whole non-negative count', () => {
    expect(plausibility('How many apples are left?', 2.5)).toHaveLength(1);
    expect(plausibility('How many apples are left?', -3)).toHaveLength(1);
    expect(plausibility('How many apples are left?', 3)).toEqual([]);
    expect(plausibility('How many apples?', 0.1 + 0.2 + 2.7)).toEqual([]);
    expect(plausibility('What is 2 minus 5?', -3)).toEqual([]);
    expect(plausibility('How much did she pay?', -3)[0]).toMatch(/negative/);
    expect(verify('How many?', [{ source: 'a', value: 1.5 }, { source: 'b', value: 1.5 }], 1.5)).toMatchObject({ status: 'agree', warnings: [expect.stringMatching(/whole/)] });
  });
});

test('money given to the cent is the exact value rounded (review, session 13); whole numbers stay exact', async () => {
  const { sameAnswer } = await import('../../../extension/features/math/compare.ts');
  expect(sameAnswer(1.67, 5 / 3)).toBe(true);
  expect(sameAnswer(0.33, 1 / 3)).toBe(true);
  expect(sameAnswer(2.33, 7 / 3)).toBe(true);
  expect(sameAnswer(2, 2.4)).toBe(false);
  expect(sameAnswer(0.3, 0.25)).toBe(false);
  expect(sameAnswer(1.68, 5 / 3)).toBe(false);
  expect(sameAnswer(-9867630, -9867624)).toBe(false);
  const { formatAnswer } = await import('../../../extension/features/math/extract.ts');
  expect(formatAnswer({ value: 1234567890123 })).toBe('1,234,567,890,123');
  expect(formatAnswer({ value: 2e-7 })).toBe('2e-7');
});

test('plausibility does not flag measures asked with "how many", nor changes and differences that may be negative (review, session 13)', async () => {
  const { plausibility } = await import('../../../extension/features/math/verify.ts');
  expect(plausibility('How many hours did she work?', 2.5)).toEqual([]);
  expect(plausibility('How many more dollars does he need?', 12.5)).toEqual([]);
  expect(plausibility('How much did the temperature change?', -5)).toEqual([]);
  expect(plausibility('How many apples are left?', 2.5)).toHaveLength(1);
  expect(plausibility('How much did she pay?', -3)).toHaveLength(1);
});
