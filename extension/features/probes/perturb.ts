import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';
import { largeNumberTwin, type ProbeItem } from './suites.ts';

/**
 * Seeded robustness perturbations. Each returns a new item whose gold answer is still right for it, or undefined
 * when the perturbation does not apply to the item (no options to shuffle, no GSM-Hard twin).
 * - shuffle-options: the options in another order, the gold letter follows its option.
 * - distractor: one irrelevant sentence (no numbers, no options) before the question's last sentence.
 * - large-numbers: GSM8K item → its GSM-Hard twin (same problem, larger numbers, its own gold answer).
 * - reorder-premises: where the premises are independent statements (BBH logical deduction: every constraint after
 *   the set-up sentence holds on its own), the same premises in another order.
 */
export type Perturbation = 'none' | 'shuffle-options' | 'distractor' | 'large-numbers' | 'reorder-premises';
export const PERTURBATIONS: Perturbation[] = ['none', 'shuffle-options', 'distractor', 'large-numbers', 'reorder-premises'];

export const DISTRACTORS = [
  'The library down the street was painted blue last spring.',
  'A gentle breeze was blowing through the open window.',
  'Her cousin enjoys reading mystery novels on the weekend.',
  'The old clock in the hallway had stopped working long ago.',
  'Birds were singing in the garden behind the house.',
];

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Logical-deduction items say their statements are consistent: each premise after the set-up holds on its own. */
const INDEPENDENT = /The statements are logically consistent within each paragraph\./;

function reorderPremises(item: ProbeItem, random: () => number): ProbeItem | undefined {
  if (!INDEPENDENT.test(item.question)) return undefined;
  const end = item.question.indexOf('\nOptions:');
  const paragraph = end >= 0 ? item.question.slice(0, end) : item.question;
  const sentences = paragraph.split(/(?<=\.)\s+/);
  // The set-up lists the objects after a colon ("…there are three birds: …", "A fruit stand sells three fruits: …").
  const setup = sentences.findIndex((s) => s.includes(': '));
  const premises = sentences.slice(setup + 1);
  if (setup < 0 || premises.length < 2) return undefined;
  let order = shuffled(premises, random);
  // A shuffle may land on the original order; rotate by one so the item really changes.
  if (order.every((s, i) => s === premises[i])) order = [...premises.slice(1), premises[0]!];
  const question = [...sentences.slice(0, setup + 1), ...order].join(' ') + (end >= 0 ? item.question.slice(end) : '');
  return { ...item, id: `${item.id}~reorder`, question };
}

/** A 32-bit FNV-1a hash: each item gets its own stream, so the items of one repeat are not shuffled alike. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Where the question's last sentence starts: after the last ". ", "! " or "? " (never a decimal point). */
function lastSentenceStart(question: string): number {
  const body = question.trimEnd();
  let at = 0;
  for (const match of body.matchAll(/[.!?]["')\]]?\s+/g)) {
    const end = match.index + match[0].length;
    if (end < body.length) at = end;
  }
  return at;
}

export function perturb(item: ProbeItem, kind: Perturbation, seed: number): ProbeItem | undefined {
  const random = seededRandom((seed ^ 0x9e3779b9 ^ hashText(item.id)) >>> 0);
  if (kind === 'none') return item;
  if (kind === 'reorder-premises') return reorderPremises(item, random);
  if (kind === 'shuffle-options') {
    if (!item.choices) return undefined;
    const order = shuffled(item.choices.map((_, i) => i), random);
    const goldIndex = item.answer.charCodeAt(0) - 65;
    return {
      ...item, id: `${item.id}~shuffle`, choices: order.map((i) => item.choices![i]!),
      answer: String.fromCharCode(65 + order.indexOf(goldIndex)),
    };
  }
  if (kind === 'distractor') {
    const sentence = DISTRACTORS[Math.floor(random() * DISTRACTORS.length)]!;
    // Before the last sentence (the question), so the task the item asks stays the last thing said.
    const at = lastSentenceStart(item.question);
    const question = at ? `${item.question.slice(0, at).trimEnd()} ${sentence} ${item.question.slice(at).trimStart()}` : `${sentence} ${item.question}`;
    return { ...item, id: `${item.id}~distractor`, question };
  }
  const twin = largeNumberTwin(item);
  return twin ? { ...twin, id: `${item.id}~large` } : undefined;
}
