import { sameAnswer } from './compare.ts';

/**
 * The pieces of `eval:math` that do not need a browser: reading the shared suites (GSM8K test, SVAMP, GSM-Hard
 * JSONL as stored in ../shared/data), scoring a predicted answer against the gold one, and accuracy mean ± std over
 * repeats. The driver that solves each item through the real extension is separate.
 */

export type SuiteName = 'gsm8k' | 'svamp' | 'gsm-hard';

export const SUITE_FILES: Record<SuiteName, string> = {
  gsm8k: 'gsm8k/test.jsonl',
  svamp: 'svamp/svamp.jsonl',
  'gsm-hard': 'gsm-hard/gsmhardv2.jsonl',
};

export interface EvalItem {
  id: string;
  question: string;
  gold: number;
}

function goldNumber(raw: unknown): number | null {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/,/g, '').trim()) : Number.NaN;
  return Number.isFinite(value) ? value : null;
}

/** One item per JSONL line; a line whose gold answer is not a finite number is skipped (and counted). */
export function parseSuite(name: SuiteName, jsonl: string): { items: EvalItem[]; skipped: number } {
  const items: EvalItem[] = [];
  let skipped = 0;
  jsonl.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const record = JSON.parse(line) as Record<string, unknown>;
    let question: unknown;
    let gold: number | null;
    if (name === 'gsm8k') {
      question = record['question'];
      gold = goldNumber(/####\s*(.+)\s*$/.exec(String(record['answer'] ?? ''))?.[1]);
    } else if (name === 'svamp') {
      question = `${String(record['Body'] ?? '').trim()} ${String(record['Question'] ?? '').trim()}`;
      gold = goldNumber(record['Answer']);
    } else {
      question = record['input'];
      gold = goldNumber(record['target']);
    }
    if (typeof question !== 'string' || !question.trim() || gold === null) {
      skipped++;
      return;
    }
    items.push({ id: name === 'svamp' && typeof record['ID'] === 'string' ? record['ID'] : `${name}-${index}`, question, gold });
  });
  return { items, skipped };
}

export const isCorrect = (predicted: number | null, gold: number): boolean => sameAnswer(predicted, gold);

export interface Accuracy {
  /** Accuracy of each repeat, 0..1. */
  perRepeat: number[];
  mean: number;
  /** Sample standard deviation over repeats (0 for a single repeat). */
  std: number;
}

export function accuracy(repeats: readonly (readonly boolean[])[]): Accuracy {
  const perRepeat = repeats.map((r) => (r.length ? r.filter(Boolean).length / r.length : 0));
  const mean = perRepeat.length ? perRepeat.reduce((a, b) => a + b, 0) / perRepeat.length : 0;
  const variance = perRepeat.length > 1 ? perRepeat.reduce((a, b) => a + (b - mean) ** 2, 0) / (perRepeat.length - 1) : 0;
  return { perRepeat, mean, std: Math.sqrt(variance) };
}
