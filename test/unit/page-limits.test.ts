import { expect, test } from 'vitest';
import { answerLimit, pageAnswerLimits } from '../../extension/background/page-limits.ts';

test('a page answers an action within 45 s, a read within 30 s, and `waitFor` within its own wait and 45 s more', () => {
  expect(answerLimit('content.act', { action: 'click', args: [] })).toBe(pageAnswerLimits.actMs);
  expect(answerLimit('content.page.document', {})).toBe(pageAnswerLimits.readMs);
  expect(answerLimit('content.act', { action: 'held', args: [] })).toBe(20_000);
  expect(answerLimit('content.act', { action: 'waitFor', args: [50_000] })).toBe(50_000 + pageAnswerLimits.actMs);
  expect(answerLimit('content.act', { action: 'waitFor', args: [] })).toBe(5_000 + pageAnswerLimits.actMs);
  // The executor waits at most 60 s whatever the script asks.
  expect(answerLimit('content.act', { action: 'waitFor', args: [10 ** 9] })).toBe(60_000 + pageAnswerLimits.actMs);
  expect(answerLimit('content.act', { action: 'waitFor', args: ['soon'] })).toBe(pageAnswerLimits.actMs);
});
