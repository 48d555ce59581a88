/** Numeric answers compared the way a grader would: 0.1 + 0.2 equals 0.3, 72 equals 72.0, "no answer" equals nothing. */


export { sameAnswer } from './same-answer.js';

/** A stable key for grouping equal answers: 15 significant digits, no float noise; "none" for no answer. */
export function answerKey(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'none';
  const rounded = Number(value.toPrecision(15));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
