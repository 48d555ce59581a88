import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';
import { largeNumberTwin, type ProbeItem } from './suites.ts';

/**
 * Seeded robustness perturbations. Each returns a new item whose gold answer is still right for it, or undefined
 * when the perturbation does not apply to the item (no options to shuffle, no GSM-Hard twin).
 * - shuffle-options: the options in another order, the gold letter follows its option.
 * - distractor: one irrelevant sentence (no numbers, no options) before the question's last sentence.
 * - large-numbers: GSM8K item → its GSM-Hard twin (same problem, larger numbers, its own gold answer).
 */
export type Perturbation = 'none' | 'shuffle-options' | 'distractor' | 'large-numbers';
export const PERTURBATIONS: Perturbation[] = ['none', 'shuffle-options', 'distractor', 'large-numbers'];

export const DISTRACTORS = [
  'The library down the street was painted blue last spring.',
  'A gentle breeze was blowing through the open window.',
  'Her cousin enjoys reading mystery novels on the weekend.',
  'The old clock in the hallway had stopped working long ago.',
  'Birds were singing in the garden behind the house.',
];

export function perturb(item: ProbeItem, kind: Perturbation, seed: number): ProbeItem | undefined {
  const random = seededRandom(seed ^ 0x9e3779b9);
  if (kind === 'none') return item;
  if (kind === 'shuffle-options') {
    if (!item.choices) return undefined;
    const order = item.choices.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const goldIndex = item.answer.charCodeAt(0) - 65;
    return {
      ...item, id: `${item.id}~shuffle`, choices: order.map((i) => item.choices![i]!),
      answer: String.fromCharCode(65 + order.indexOf(goldIndex)),
    };
  }
  if (kind === 'distractor') {
    const sentence = DISTRACTORS[Math.floor(random() * DISTRACTORS.length)]!;
    // Before the last sentence (the question), so the task the item asks stays the last thing said.
    const cut = item.question.search(/[^.!?\n]*[?:=]?\s*$/);
    const at = cut > 0 && /[.!?]\s*$/.test(item.question.slice(0, cut)) ? cut : 0;
    const question = at ? `${item.question.slice(0, at).trimEnd()} ${sentence} ${item.question.slice(at).trimStart()}` : `${sentence} ${item.question}`;
    return { ...item, id: `${item.id}~distractor`, question };
  }
  const twin = largeNumberTwin(item);
  return twin ? { ...twin, id: `${item.id}~large` } : undefined;
}
