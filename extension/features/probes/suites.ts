import { seededRandom } from '../../../workers/engines/decoding/sampler.ts';
import bundled from './data/suites.json';

/**
 * The probe suites: small samples bundled from ../shared/data (see data/make-data.mjs; each source's licence sits next
 * to it as data/LICENSE-*), and generated sorting tasks (8/16/32 numbers, positive-only or mixed-sign, seeded).
 */
export type AnswerType = 'number' | 'choice' | 'exact' | 'list';

export interface ProbeItem {
  id: string;
  question: string;
  /** Multiple-choice options (shown as A., B., …); the answer is then a letter. */
  choices?: string[];
  /** The gold answer as text: a number, a letter, an exact string, or a space-separated list. */
  answer: string;
}

export interface Suite {
  name: string;
  answerType: AnswerType;
  items: ProbeItem[];
  /** Malformed records left out, with the reason, so a run can report them and go on. */
  skipped: { index: number; reason: string }[];
  /** BBH ships chain-of-thought exemplars; others get generic ones (see prompts.ts). */
  cotPrompt?: string;
  license?: string;
}

interface RawSuite { answerType: AnswerType; license: string; cotPrompt?: string; items: unknown[] }
const BUNDLED = bundled as unknown as Record<string, RawSuite>;

export const SORTING_SUITES = ['sorting-8', 'sorting-16', 'sorting-32', 'sorting-8-mixed', 'sorting-16-mixed', 'sorting-32-mixed'] as const;
export const SUITE_NAMES: string[] = [...Object.keys(BUNDLED), ...SORTING_SUITES];

/** Checks one raw record: a malformed one yields a reason instead of an item. */
export function validateItem(raw: unknown, answerType: AnswerType): ProbeItem | string {
  if (typeof raw !== 'object' || raw === null) return 'not an object';
  const r = raw as Record<string, unknown>;
  if (typeof r['id'] !== 'string' || !r['id']) return 'no id';
  if (typeof r['question'] !== 'string' || !r['question'].trim()) return 'no question';
  if (typeof r['answer'] !== 'string' || !r['answer'].trim()) return 'no answer';
  const choices = r['choices'];
  if (choices !== undefined && (!Array.isArray(choices) || choices.length < 2 || !choices.every((c) => typeof c === 'string'))) return 'bad choices';
  if (answerType === 'number' && !Number.isFinite(Number(r['answer'].replace(/,/g, '')))) return 'answer is not a number';
  if (answerType === 'choice' && !/^[A-Z]$/.test(r['answer'])) return 'answer is not a letter';
  if (answerType === 'choice' && Array.isArray(choices) && r['answer'].charCodeAt(0) - 65 >= choices.length) return 'answer letter out of range';
  return { id: r['id'], question: r['question'], answer: r['answer'], ...(Array.isArray(choices) ? { choices: choices as string[] } : {}) };
}

export function suiteFromRecords(name: string, answerType: AnswerType, records: unknown[], extra: Partial<Suite> = {}): Suite {
  const items: ProbeItem[] = [];
  const skipped: Suite['skipped'] = [];
  records.forEach((raw, index) => {
    const item = validateItem(raw, answerType);
    if (typeof item === 'string') skipped.push({ index, reason: item });
    else items.push(item);
  });
  return { name, answerType, items, skipped, ...extra };
}

/** `count` sorting problems of `size` integers in [-99, 99] (mixed) or [0, 99]; same seed → same items. */
export function sortingItems(size: number, mixed: boolean, count: number, seed: number): ProbeItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const numbers = Array.from({ length: size }, () => Math.floor(random() * (mixed ? 199 : 100)) - (mixed ? 99 : 0));
    return {
      id: `sorting-${size}${mixed ? '-mixed' : ''}-${seed}-${i}`,
      question: `Sort the following numbers in ascending order: ${numbers.join(', ')}`,
      answer: [...numbers].sort((a, b) => a - b).join(' '),
    };
  });
}

/** How many items a suite has; null for a generated one (sorting), which makes as many as a run asks for. */
export function suiteSize(name: string): number | null {
  if (SORTING_SUITES.includes(name as (typeof SORTING_SUITES)[number])) return null;
  const raw = BUNDLED[name];
  return raw ? raw.items.length : null;
}

export function loadSuite(name: string, seed = 7, count = 20): Suite {
  const sorting = /^sorting-(8|16|32)(-mixed)?$/.exec(name);
  if (sorting) return { name, answerType: 'list', items: sortingItems(Number(sorting[1]), Boolean(sorting[2]), count, seed), skipped: [] };
  const raw = BUNDLED[name];
  if (!raw) throw new Error(`no probe suite "${name}"`);
  return suiteFromRecords(name, raw.answerType, raw.items, { license: raw.license, ...(raw.cotPrompt ? { cotPrompt: raw.cotPrompt } : {}) });
}

/**
 * GSM-Hard rewrites GSM8K test problems with larger numbers, but not in GSM8K's order and not for every problem:
 * make-data.mjs pairs them by their text with the numbers taken out and keeps a twin only where its gold answer is
 * sensible (same sign, whole when GSM8K's is). Undefined when the item has none.
 */
export function largeNumberTwin(item: ProbeItem): ProbeItem | undefined {
  if (!/^gsm8k-\d+$/.test(item.id)) return undefined;
  const raw = BUNDLED.gsm8k?.items.find((r) => (r as { id?: unknown }).id === item.id) as { large?: { question: string; answer: string } } | undefined;
  return raw?.large ? { id: item.id, question: raw.large.question, answer: raw.large.answer } : undefined;
}
