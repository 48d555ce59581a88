import { sameAnswer } from './compare.ts';

export interface Candidate {
  /** Where the answer came from: "CoT", "PoT", "CoT (vote)"… */
  source: string;
  value: number | null;
}

export type VerdictStatus = 'agree' | 'disagree' | 'unverified' | 'none';

export interface Verdict {
  status: VerdictStatus;
  message: string;
  /** Plausibility notes about the final answer (never change it, only warn). */
  warnings: string[];
}

/**
 * The verifier's decision: two independent methods (chain-of-thought text and an executed program) agree, disagree,
 * or cannot be compared because one of them gave no answer.
 */
export function crossCheck(candidates: readonly Candidate[]): Omit<Verdict, 'warnings'> {
  const answered = candidates.filter((c) => c.value !== null);
  if (answered.length === 0) return { status: 'none', message: 'No method produced an answer, so there is nothing to check.' };
  if (answered.length < candidates.length || answered.length === 1) {
    const missing = candidates.filter((c) => c.value === null).map((c) => c.source);
    return { status: 'unverified', message: `Not verified: ${missing.join(' and ') || 'the second method'} gave no answer.` };
  }
  const first = answered[0]!;
  const odd = answered.filter((c) => !sameAnswer(c.value, first.value));
  if (odd.length === 0) return { status: 'agree', message: `Verified: ${answered.map((c) => c.source).join(' and ')} agree.` };
  return { status: 'disagree', message: `Disagreement: ${answered.map((c) => `${c.source} says ${c.value}`).join(', ')}. Check the work before trusting either.` };
}

/**
 * Re-substitution lite: what the question asks for constrains the answer. "How many" wants a whole, non-negative
 * count; a price or a length is not negative. These are warnings, the answer is left as it is.
 */
/** "How many hours / dollars / miles…" asks for a measure, which may well be a fraction, not a count of things. */
const MEASURES = /^(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|dollars?|cents?|euros?|pounds?|miles?|kilometers?|kilometres?|km|meters?|metres?|feet|foot|inches?|yards?|gallons?|liters?|litres?|ounces?|grams?|kilograms?|kg|cups?|percent|degrees?|acres?|tons?|servings?|times)$/i;
/** Words that allow a negative answer: a change, a difference, a balance can go below zero. */
const SIGNED = /\b(change|changed|difference|differ|profit|gain|loss|lose|net|balance|temperature|below zero|debt|deficit|drop|fell)\b/i;

export function plausibility(problem: string, value: number | null): string[] {
  if (value === null) return [];
  const warnings: string[] = [];
  const counted = /\bhow many\b(?:\s+(?:more|fewer|less|extra|total)\b)?(?:\s+([A-Za-z]+))?/i.exec(problem);
  const asksCount = counted !== null && !(counted[1] && MEASURES.test(counted[1]));
  if (asksCount && !Number.isInteger(Number(value.toPrecision(12)))) warnings.push('The problem asks "how many", but the answer is not a whole number.');
  if ((counted !== null || /\bhow (?:much|long|far|old)\b/i.test(problem)) && value < 0 && !SIGNED.test(problem)) {
    warnings.push('The problem asks for an amount, but the answer is negative.');
  }
  return warnings;
}

export function verify(problem: string, candidates: readonly Candidate[], final: number | null): Verdict {
  return { ...crossCheck(candidates), warnings: plausibility(problem, final) };
}
