import { describe, expect, test } from 'vitest';
import { extractAnswer, formatAnswer } from '../../../extension/features/math/extract.ts';
import { majorityVote } from '../../../extension/features/math/vote.ts';

/**
 * Forms an exploratory test of the Math panel found read as another number (2½ as 2, 3:30 as 3, 1.000.000 as 1) or
 * not at all (½, full-width digits), and a long integer shown as a different one.
 */
describe('odd ways of writing an answer', () => {
  test.each([
    ['The answer is 2½.', 2.5],
    ['The answer is ½.', 0.5],
    ['Each gets 1¾ cups.', 1.75],
    ['The answer is ⅓', 1 / 3],
    ['The answer is 3 ¼ hours.', 3.25],
    ['The answer is 7⁄8.', 0.875],
    ['The answer is １２.', 12],
    ['The answer is ３．５', 3.5],
    ['The answer is ١٢.', 12],
    ['The answer is 1.000.000.', 1_000_000],
    ['The answer is 1.000.000', 1_000_000],
    ['La réponse est 12.345.678.', 12_345_678],
  ])('%j reads %s', (text, value) => {
    expect(extractAnswer(text).value).toBeCloseTo(value, 10);
  });

  // One group of three after a dot is ambiguous (1.000 is one thousand in German, one in English): it reads as a
  // decimal point, the way the models (trained mostly on English) write it.
  test('"1.000" alone is a decimal point', () => {
    expect(extractAnswer('The answer is 1.000.').value).toBe(1);
    expect(extractAnswer('The answer is 2.500 kg').value).toBe(2.5);
  });

  test.each([
    'The answer is 3:30.',
    'It took 3:30',
    '#### 12:45',
    'The ratio is 3:4.',
  ])('%j is a time or a ratio: no answer, and it says why', (text) => {
    const got = extractAnswer(text);
    expect(got.value).toBeNull();
    expect(got.unread).toMatch(/time or a ratio/);
    expect(got.text).toMatch(/^\d+:\d+$/);
  });

  test('a colon that is not between two numbers leaves the numbers alone', () => {
    expect(extractAnswer('Step 1: 5 + 3 = 8').value).toBe(8);
    expect(extractAnswer('Answer: 42').value).toBe(42);
    expect(extractAnswer('At 3:30 he had 12 apples. The answer is 12.').value).toBe(12);
    expect(extractAnswer('At 3:30 he had 12 apples.').value).toBe(12);
  });
});

describe('integers longer than a double holds exactly', () => {
  test('shows the digits as written, not the nearest double', () => {
    const got = extractAnswer('The answer is 99999999999999999999999.');
    expect(formatAnswer(got)).toBe('99,999,999,999,999,999,999,999');
    expect(formatAnswer(extractAnswer('The answer is -12,345,678,901,234,567,891.'))).toBe('-12,345,678,901,234,567,891');
  });

  test('without the digits (a vote bucket, 1e30, "30000000 billion") the value is marked approximate', () => {
    expect(formatAnswer({ value: 1e23 })).toBe('≈1e+23');
    expect(formatAnswer(extractAnswer('The answer is 1e30.'))).toBe('≈1e+30');
    expect(formatAnswer(extractAnswer('The answer is 30000000 billion'))).toMatch(/^≈/);
  });

  test('safe integers are unchanged', () => {
    expect(formatAnswer(extractAnswer('The answer is 9007199254740991.'))).toBe('9,007,199,254,740,991');
  });

  test('a vote groups answers by value (15 significant digits): the panel shows each group by a sample\'s digits', () => {
    const vote = majorityVote([extractAnswer('#### 99999999999999999999999').value, 2]);
    expect(vote.distribution.map((b) => b.count)).toEqual([1, 1]);
  });
});
