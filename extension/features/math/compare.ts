/** Numeric answers compared the way a grader would: 0.1 + 0.2 equals 0.3, 72 equals 72.0, "no answer" equals nothing. */

const RELATIVE = 1e-6;

export function sameAnswer(a: number | null, b: number | null): boolean {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= RELATIVE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A stable key for grouping equal answers: 12 significant digits, no float noise; "none" for no answer. */
export function answerKey(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'none';
  const rounded = Number(value.toPrecision(12));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
