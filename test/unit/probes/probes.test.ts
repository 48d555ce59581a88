import { describe, expect, test } from 'vitest';
import { exactMatch, extractChoice, extractList, parseAnswer, parseJudge } from '../../../extension/features/probes/extract.ts';
import { perturb, DISTRACTORS } from '../../../extension/features/probes/perturb.ts';
import { buildPrompt } from '../../../extension/features/probes/prompts.ts';
import { meanStd, summarize, robustnessDrops, itemsCsv, type ItemResult } from '../../../extension/features/probes/stats.ts';
import { loadSuite, sortingItems, suiteFromRecords, SUITE_NAMES, type ProbeItem } from '../../../extension/features/probes/suites.ts';

const item = (answer: string, extra: Partial<ProbeItem> = {}): ProbeItem => ({ id: 'x', question: 'q?', answer, ...extra });

describe('extraction per answer type', () => {
  test.each([
    ['number', ' 4 + 5 = 9. So the answer is 9.', '9', true],
    ['number', ' The answer is $1,200.', '1200', true],
    ['number', ' I do not know.', '7', false],
    ['number', ' 18\nQ: next question 99', '18', true],
    ['choice', " Let's see. So the answer is (B).", 'B', true],
    ['choice', ' (C)', 'C', true],
    ['choice', ' B. the Sun', 'B', true],
    ['choice', ' The answer is (Z).', 'B', false],
    ['exact', ' not True is False. So the answer is False.', 'False', true],
    ['exact', ' True', 'False', false],
    ['list', ' So the answer is -3 0 4 10.', '-3 0 4 10', true],
    ['list', ' [-3, 0, 4, 10]', '-3 0 4 10', true],
    ['list', ' -3 4 0 10', '-3 0 4 10', false],
    ['list', ' So the answer is apple banana cherry.', 'apple banana cherry', true],
    // Ordinary phrasings (review, session 13).
    ['choice', ' The answer is C, because the Sun is a star.', 'C', true],
    ['choice', ' The answer is C, not A.', 'C', true],
    ['choice', ' B. A dog is the right one.', 'B', true],
    ['choice', ' the answer is b', 'B', true],
    ['choice', ' The answer is a dog, I think.', 'A', false],
    ['choice', ' I think it is D', 'D', true],
    ['list', ' Sorted: -5 -2 0 3', '-5 -2 0 3', true],
    ['list', ' Here are the numbers in ascending order: -5, -2, 0, and 3', '-5 -2 0 3', true],
    ['list', ' The answer is:\n-5\n-2\n0\n3', '-5 -2 0 3', true],
    ['list', ' \u22125 \u22122 0 3', '-5 -2 0 3', true],
    ['list', ' Sort the following numbers: 3, -5, 0, -2. Sorted: -5, -2, 3, 0', '-5 -2 0 3', false],
    ['list', ' So the answer is apple, banana and cherry.', 'apple banana cherry', true],
    // What chat models write (exploratory test, session 20): bold, lowercase, a letter with its option's text.
    ['choice', ' **A**', 'A', true],
    ['choice', ' b', 'B', true],
    ['choice', ' (b)', 'B', true],
    ['choice', ' c) a spoon', 'C', true],
    ['choice', ' A dog, surely.', 'A', false],
    ['exact', ' **False**', 'False', true],
    ['exact', ' The answer is: **False**', 'False', true],
    ['list', ' The numbers 5, 3, 1 sorted are 1, 3, 5', '1 3 5', true],
    ['list', ' The sorted list: 1, 3, 5. There are 3 numbers.', '1 3 5', true],
  ] as const)('%s: %j → gold %s is %s', (type, reply, gold, correct) => {
    const it = item(gold, type === 'choice' ? { choices: ['a', 'b', 'c', 'd'] } : {});
    expect(parseAnswer(reply, type, it).correct).toBe(correct);
  });
  test('BBH options written into the question bound the letters', () => {
    const bbh = { id: 'b', question: 'Which is first?\nOptions:\n(A) the owl\n(B) the hawk\n(C) the crow', answer: 'B' };
    expect(parseAnswer(' B. I am sure.', 'choice', bbh)).toEqual({ value: 'B', correct: true });
    expect(parseAnswer(' I am sure it is the hawk.', 'choice', bbh).value).toBeNull();
  });
  test('choice letters beyond the options do not count; no letter is null', () => {
    expect(extractChoice('The answer is (E).', 4)).toBeNull();
    expect(extractChoice('nothing here', 4)).toBeNull();
    expect(extractList('')).toBeNull();
  });
  test('exact match is the whole reply, parse-based is lenient', () => {
    expect(exactMatch(' 9.', item('9'))).toBe(true);
    expect(exactMatch(' So the answer is 9.', item('9'))).toBe(false);
    expect(exactMatch(' (B)', item('B'))).toBe(true);
  });
  test('judge: yes, no, neither', () => {
    expect(parseJudge(' Yes, it is right.')).toBe(true);
    expect(parseJudge(' No.')).toBe(false);
    expect(parseJudge(' Incorrect')).toBe(false);
    expect(parseJudge(' Maybe, hard to say')).toBeNull();
    expect(parseJudge(' The student answer is not correct.')).toBe(false);
    expect(parseJudge(' That is not right, the answer is correct only for x')).toBe(false);
    expect(parseJudge(" The answer isn't correct.")).toBe(false);
    expect(parseJudge(' It isn\u2019t right.')).toBe(false);
    // Both at once is neither; a "not correct" after a "yes" is a no (exploratory test, session 20).
    expect(parseJudge(' yes and no')).toBeNull();
    expect(parseJudge(' Yes, it is not correct')).toBe(false);
  });
});

describe('suites', () => {
  test('every bundled suite loads with items, a licence and a declared answer type; golds parse as their type', () => {
    for (const name of SUITE_NAMES) {
      const suite = loadSuite(name);
      expect(suite.items.length, name).toBeGreaterThanOrEqual(5);
      expect(suite.skipped, name).toEqual([]);
      if (!name.startsWith('sorting')) expect(suite.license, name).toMatch(/^LICENSE-/);
      for (const it of suite.items) {
        const reply = ` So the answer is ${suite.answerType === 'choice' ? `(${it.answer})` : it.answer}.`;
        expect(parseAnswer(reply, suite.answerType, it).correct, `${name} ${it.id}`).toBe(true);
      }
    }
  });
  test('a malformed record is skipped and reported, the rest load', () => {
    const suite = suiteFromRecords('t', 'number', [{ id: 'a', question: 'q', answer: '3' }, { id: 'b', question: 'q', answer: 'x' }, null]);
    expect(suite.items.map((i) => i.id)).toEqual(['a']);
    expect(suite.skipped).toEqual([{ index: 1, reason: 'answer is not a number' }, { index: 2, reason: 'not an object' }]);
  });
  test('sorting generator: seeded, sized, signed as asked, gold sorted', () => {
    expect(sortingItems(8, false, 3, 5)).toEqual(sortingItems(8, false, 3, 5));
    expect(sortingItems(8, false, 3, 5)).not.toEqual(sortingItems(8, false, 3, 6));
    for (const [size, mixed] of [[8, false], [16, true], [32, true]] as const) {
      const items = sortingItems(size, mixed, 20, 1);
      for (const it of items) {
        const numbers = it.question.split(': ')[1]!.split(', ').map(Number);
        expect(numbers).toHaveLength(size);
        if (!mixed) expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
        expect(it.answer).toBe([...numbers].sort((a, b) => a - b).join(' '));
      }
      if (mixed) expect(items.some((it) => it.answer.startsWith('-'))).toBe(true);
    }
  });
});

describe('perturbations: seeded and answer-preserving', () => {
  const arc = loadSuite('arc-easy').items;
  test('shuffled options keep the gold option under its new letter; same seed, same order', () => {
    for (const [i, it] of arc.entries()) {
      const shuffled = perturb(it, 'shuffle-options', i)!;
      expect(shuffled.choices![shuffled.answer.charCodeAt(0) - 65]).toBe(it.choices![it.answer.charCodeAt(0) - 65]);
      expect([...shuffled.choices!].sort()).toEqual([...it.choices!].sort());
      expect(perturb(it, 'shuffle-options', i)).toEqual(shuffled);
    }
    expect(arc.some((it, i) => perturb(it, 'shuffle-options', i)!.answer !== it.answer)).toBe(true);
    expect(perturb(item('3'), 'shuffle-options', 1)).toBeUndefined();
  });
  test('reorder-premises: logical-deduction premises in another order, set-up and options kept; elsewhere it does not apply', () => {
    const deduction = loadSuite('bbh-logical_deduction_three_objects').items;
    const sentences = (q: string) => q.split('\nOptions:')[0]!.split(/(?<=\.)\s+/);
    for (const [i, it] of deduction.entries()) {
      const r = perturb(it, 'reorder-premises', i)!;
      expect(r.answer).toBe(it.answer);
      expect(r.question).not.toBe(it.question);
      expect(r.question.split('\nOptions:')[1]).toBe(it.question.split('\nOptions:')[1]);
      expect([...sentences(r.question)].sort()).toEqual([...sentences(it.question)].sort());
      expect(sentences(r.question).slice(0, 3)).toEqual(sentences(it.question).slice(0, 3)); // intro + set-up first
      expect(perturb(it, 'reorder-premises', i)).toEqual(r);
    }
    expect(perturb(loadSuite('gsm8k').items[0]!, 'reorder-premises', 1)).toBeUndefined();
  });

  test('distractor: one irrelevant sentence with no numbers, before the final question; the answer stays', () => {
    for (const it of loadSuite('gsm8k').items) {
      const d = perturb(it, 'distractor', 3)!;
      expect(d.answer).toBe(it.answer);
      const added = DISTRACTORS.find((s) => d.question.includes(s))!;
      expect(added).toBeDefined();
      expect(d.question.replace(added, '').replace(/\s+/g, ' ').trim()).toBe(it.question.replace(/\s+/g, ' ').trim());
      expect(d.question.match(/\d+/g)).toEqual(it.question.match(/\d+/g));
      expect(d.question.endsWith(it.question.slice(-20))).toBe(true);
      expect(perturb(it, 'distractor', 3)).toEqual(d);
    }
  });
  test('large numbers: a GSM8K item becomes its GSM-Hard twin (the same text but its numbers) with the twin\'s gold', () => {
    const shape = (text: string) => text.replace(/\$?-?\d[\d,]*(\.\d+)?|\b(three|four|five|half|twice)\b/gi, '#').replace(/\s+/g, ' ').trim();
    const items = loadSuite('gsm8k').items;
    const twins = items.map((item) => [item, perturb(item, 'large-numbers', 1)] as const).filter(([, big]) => big);
    expect(twins.length).toBeGreaterThanOrEqual(8);
    for (const [item, big] of twins) {
      expect(big!.id).toBe(`${item.id}~large`);
      expect(big!.question).not.toBe(item.question);
      expect(shape(big!.question)).toBe(shape(item.question));
      expect(Math.sign(Number(big!.answer))).toBe(Math.sign(Number(item.answer)));
    }
    // Josh's house flip (gsm8k-3) and its GSM-Hard twin, which sits at another index in GSM-Hard.
    expect(perturb(items[3]!, 'large-numbers', 1)!.answer).toBe('322886700');
    // Janet's ducks: GSM-Hard's twin has a negative gold (more eggs used than laid): left without a twin.
    expect(perturb(items[0]!, 'large-numbers', 1)).toBeUndefined();
    expect(perturb(arc[0]!, 'large-numbers', 1)).toBeUndefined();
  });

  test('distractor: never inside a decimal number; each item of a repeat gets its own shuffle and sentence', () => {
    const decimal = { id: 'd', question: 'A ball rolls 2.5 m. It stops after a distance of 1.0 m? No: how far did it go in 3.75 s?', answer: '1' };
    const d = perturb(decimal, 'distractor', 2)!;
    expect(d.question.match(/\d+(\.\d+)?/g)).toEqual(['2.5', '1.0', '3.75']);
    expect(d.question.endsWith('No: how far did it go in 3.75 s?')).toBe(true);
    const noSentence = perturb({ id: 'e', question: 'What is 1.5 + 2.25?', answer: '3.75' }, 'distractor', 2)!;
    expect(noSentence.question.endsWith('What is 1.5 + 2.25?')).toBe(true);
    const orders = new Set(arc.filter((item) => item.choices?.length === 4)
      .map((item) => perturb(item, 'shuffle-options', 1)!.choices!.map((c) => item.choices!.indexOf(c)).join('')));
    expect(orders.size).toBeGreaterThan(3);
  });
});

describe('prompts', () => {
  test('strategies: cue, exemplars, options', () => {
    const suite = loadSuite('bbh-boolean_expressions');
    const it = suite.items[0]!;
    expect(buildPrompt(suite, it, 'direct')).toBe(`Q: ${it.question}\nA:`);
    expect(buildPrompt(suite, it, 'cot').endsWith("A: Let's think step by step.")).toBe(true);
    const fewshot = buildPrompt(suite, it, 'fewshot');
    expect(fewshot.match(/^Q:/gm)).toHaveLength(4);
    expect(fewshot).not.toContain('step by step');
    expect(buildPrompt(suite, it, 'fewshot-cot').match(/step by step/g)).toHaveLength(4);
    const arc = loadSuite('arc-easy');
    expect(buildPrompt(arc, arc.items[0]!, 'direct')).toContain('\n(D) ');
  });
});

describe('statistics', () => {
  test('mean ± sample std', () => {
    expect(meanStd([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, std: 0, n: 3 });
    const { mean, std } = meanStd([0.2, 0.4, 0.6]);
    expect(mean).toBeCloseTo(0.4, 12);
    expect(std).toBeCloseTo(0.2, 12);
  });
  const row = (repeat: number, id: string, parse: boolean, exact: boolean, judge: boolean | null, perturbation = 'none'): ItemResult => ({
    model: 'm', suite: 's', strategy: 'direct', perturbation, repeat, seed: repeat, itemId: id, gold: '1', reply: 'r', parsed: '1',
    correct: { parse, exact, judge }, judgeReply: 'j', ms: 1, finishedAt: 0,
  });
  test('cells: per-repeat accuracy, judge over verdicts only, disagreements, robustness drop, CSV', () => {
    const rows = [
      row(0, 'a', true, true, true), row(0, 'b', false, false, null),
      row(1, 'a', true, false, true), row(1, 'b', true, true, false),
      row(0, 'a', false, false, false, 'distractor'), row(0, 'b', false, false, false, 'distractor'),
    ];
    const [clean, noisy] = summarize(rows);
    expect(clean!.methods.parse.perRepeat).toEqual([0.5, 1]);
    expect(clean!.methods.parse.mean).toBe(0.75);
    expect(clean!.methods.exact.perRepeat).toEqual([0.5, 0.5]);
    expect(clean!.methods.judge.perRepeat).toEqual([1, 0.5]);
    expect(clean!.judgeNeither).toBe(1);
    expect(clean!.disagreements).toEqual({ parseVsExact: 1, parseVsJudge: 1 });
    // A judge call that failed is no verdict and not a "neither" (exploratory test, session 20).
    const [failedJudge] = summarize([{ ...row(0, 'a', true, true, null), judgeReply: '', error: 'judge: the worker crashed' }]);
    expect([failedJudge!.judgeNeither, failedJudge!.judgeErrors, failedJudge!.methods.parse.mean]).toEqual([0, 1, 1]);
    expect(noisy!.methods.parse.mean).toBe(0);
    expect(robustnessDrops([clean!, noisy!])).toEqual([{ key: noisy!.key, perturbation: 'distractor', drop: 0.75 }]);
    expect(itemsCsv([{ ...rows[0]!, reply: 'a, "b"' }]).split('\n')[1]).toContain('"a, ""b"""');
    // A bare CR is quoted (it would end the row); formulas are defused; negative numbers and lists stay as written.
    expect(itemsCsv([{ ...rows[0]!, reply: 'one\rtwo' }]).split('\n')).toHaveLength(2);
    const line = itemsCsv([{ ...rows[0]!, gold: '-5 -2 0 3', reply: '=HYPERLINK("http://x","y")', parsed: '-5' }]).split('\n')[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(line).toContain(",'-5 -2 0 3,-5,");
  });
});
