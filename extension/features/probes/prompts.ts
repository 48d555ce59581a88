import exemplars from '../math/data/gsm8k-train-exemplars.json';
import type { AnswerType, ProbeItem, Suite } from './suites.ts';

/**
 * Prompting strategies: direct, chain of thought, few-shot, few-shot chain of thought. Base models get plain
 * completion prompts ("Q: … A:"); chat models get the same content as chat turns (buildMessages), which the engine
 * renders with the model's own chat template.
 */
export type Strategy = 'direct' | 'cot' | 'fewshot' | 'fewshot-cot';
export const STRATEGIES: Strategy[] = ['direct', 'cot', 'fewshot', 'fewshot-cot'];
export const STRATEGY_LABELS: Record<Strategy, string> = {
  direct: 'Direct', cot: 'Chain of thought', fewshot: 'Few-shot', 'fewshot-cot': 'Few-shot CoT',
};
export const COT_CUE = "Let's think step by step.";
export const STOP = ['\nQ:', '\n\nQ:'];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function questionText(item: ProbeItem): string {
  if (!item.choices) return item.question;
  return `${item.question}\nOptions:\n${item.choices.map((c, i) => `(${LETTERS[i]}) ${c}`).join('\n')}`;
}

interface Shot { q: string; cot: string; a: string }

/** BBH's own CoT exemplars: "Q: …\nA: Let's think step by step.\n… So the answer is X." */
function bbhShots(cotPrompt: string): Shot[] {
  return cotPrompt.split(/\n\s*\n(?=Q:)/).map((block) => {
    const [, q = '', rest = ''] = /^Q:\s*([\s\S]*?)\nA:\s*([\s\S]*)$/.exec(block.trim()) ?? [];
    const a = /So the answer is\s*([\s\S]*?)\.?\s*$/.exec(rest)?.[1]?.trim() ?? '';
    return { q: q.trim(), cot: rest.replace(COT_CUE, '').trim(), a };
  }).filter((s) => s.q && s.a);
}

function gsmShots(): Shot[] {
  return (exemplars.exemplars as { question: string; answer: string }[]).slice(0, 3).map((e) => {
    const a = /####\s*(.+)$/.exec(e.answer)?.[1]?.trim() ?? '';
    const cot = e.answer.replace(/<<[^<>]*>>/g, '').replace(/\n?####.*$/, '').trim();
    return { q: e.question, cot: `${cot} So the answer is ${a}.`, a };
  });
}

/** Exemplars that are not test items: other items of the suite family would leak, so use fixed ones per type. */
function genericShots(suite: Suite): Shot[] {
  if (suite.cotPrompt) return bbhShots(suite.cotPrompt);
  if (suite.answerType === 'number') return gsmShots();
  if (suite.answerType === 'choice') {
    return [{
      q: 'Which of these is a source of light?\nOptions:\n(A) a rock\n(B) the Sun\n(C) a spoon\n(D) a shadow',
      cot: 'A rock, a spoon and a shadow give no light of their own; the Sun does. So the answer is (B).', a: '(B)',
    }, {
      q: 'Where do people usually keep milk cold?\nOptions:\n(A) oven\n(B) bookshelf\n(C) refrigerator\n(D) garden',
      cot: 'Milk stays cold in a refrigerator. So the answer is (C).', a: '(C)',
    }];
  }
  return [{
    q: 'Sort the following numbers in ascending order: 5, -2, 9, 0',
    cot: 'The smallest is -2, then 0, then 5, then 9. So the answer is -2 0 5 9.', a: '-2 0 5 9',
  }, {
    q: 'Sort the following numbers in ascending order: 12, 3, 7',
    cot: '3 is smallest, then 7, then 12. So the answer is 3 7 12.', a: '3 7 12',
  }];
}

export function buildPrompt(suite: Suite, item: ProbeItem, strategy: Strategy): string {
  const target = `Q: ${questionText(item)}\nA:`;
  const cot = strategy === 'cot' || strategy === 'fewshot-cot';
  const shots = strategy.startsWith('fewshot') ? genericShots(suite) : [];
  const blocks = shots.map((s) => `Q: ${s.q}\nA: ${cot ? `${COT_CUE} ${s.cot}` : s.a}`);
  return [...blocks, cot ? `${target} ${COT_CUE}` : target].join('\n\n');
}

export function judgePrompt(item: ProbeItem, reply: string): string {
  return `You are grading an answer.\nQuestion: ${questionText(item)}\nReference answer: ${item.answer}\n`
    + `Student answer: ${reply.trim().slice(0, 1500)}\nIs the student answer correct? Reply yes or no.\nVerdict:`;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const ANSWER_FORMAT: Record<AnswerType, string> = {
  number: 'The answer is a number.',
  choice: 'The answer is the letter of the right option, like (B).',
  exact: 'The answer is a word or a short phrase, exactly as asked.',
  list: 'The answer is the items in order, separated by spaces.',
};

/** The system instruction for a strategy and answer type: answer only, or think step by step and end with the answer. */
export function systemInstruction(answerType: AnswerType, strategy: Strategy): string {
  const cot = strategy === 'cot' || strategy === 'fewshot-cot';
  const how = cot ? 'Think step by step, then end with "So the answer is X."' : 'Reply with the answer only.';
  return `Answer the question. ${how} ${ANSWER_FORMAT[answerType]}`;
}

/**
 * The chat form of buildPrompt: a system instruction, few-shot exemplars as alternating user/assistant turns, and
 * the item as the last user turn (chain of thought: the exemplar answers reason first).
 */
export function buildMessages(suite: Suite, item: ProbeItem, strategy: Strategy): ChatTurn[] {
  const cot = strategy === 'cot' || strategy === 'fewshot-cot';
  const shots = strategy.startsWith('fewshot') ? genericShots(suite) : [];
  return [
    { role: 'system', content: systemInstruction(suite.answerType, strategy) },
    ...shots.flatMap((s): ChatTurn[] => [{ role: 'user', content: s.q }, { role: 'assistant', content: cot ? `${COT_CUE} ${s.cot}` : s.a }]),
    { role: 'user', content: questionText(item) },
  ];
}

/** The judge's chat: the grading instruction as the system turn, the case as the user turn. */
export function judgeMessages(item: ProbeItem, reply: string): ChatTurn[] {
  return [
    { role: 'system', content: 'You are grading an answer. Reply yes or no.' },
    { role: 'user', content: `Question: ${questionText(item)}\nReference answer: ${item.answer}\nStudent answer: ${reply.trim().slice(0, 1500)}\nIs the student answer correct?` },
  ];
}
