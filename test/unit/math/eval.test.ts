import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { accuracy, isCorrect, parseSuite, SUITE_FILES } from '../../../extension/features/math/eval.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/data');

describe('eval:math scoring', () => {
  test('suites parse to question + numeric gold', () => {
    expect(parseSuite('gsm8k', '{"question":"Q1?","answer":"steps\\n#### 1,234"}\n').items).toEqual([{ id: 'gsm8k-0', question: 'Q1?', gold: 1234 }]);
    expect(parseSuite('svamp', '{"ID":"chal-1","Body":"Each pack costs 76 dollars.","Question":"How much?","Answer":51.0}').items)
      .toEqual([{ id: 'chal-1', question: 'Each pack costs 76 dollars. How much?', gold: 51 }]);
    const hard = parseSuite('gsm-hard', '{"input":"Q?","target":2.5}\n{"input":"Q?","target":null}\n');
    expect(hard.items).toEqual([{ id: 'gsm-hard-0', question: 'Q?', gold: 2.5 }]);
    expect(hard.skipped).toBe(1);
  });

  test.runIf(existsSync(`${shared}/${SUITE_FILES.gsm8k}`))('the shared files parse in full', () => {
    expect(parseSuite('gsm8k', readFileSync(`${shared}/${SUITE_FILES.gsm8k}`, 'utf8')).items).toHaveLength(1319);
    expect(parseSuite('svamp', readFileSync(`${shared}/${SUITE_FILES.svamp}`, 'utf8')).items).toHaveLength(1000);
  });

  test('correctness and mean ± std over repeats', () => {
    expect(isCorrect(0.1 + 0.2, 0.3)).toBe(true);
    expect(isCorrect(null, 0)).toBe(false);
    const acc = accuracy([[true, false, true, true], [true, false, false, true], [true, true, true, true]]);
    expect(acc.perRepeat).toEqual([0.75, 0.5, 1]);
    expect(acc.mean).toBeCloseTo(0.75, 12);
    expect(acc.std).toBeCloseTo(0.25, 12);
    expect(accuracy([[false, true]]).std).toBe(0);
  });
});
