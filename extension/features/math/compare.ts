/** Numeric answers compared the way a grader would: 0.1 + 0.2 equals 0.3, 72 equals 72.0, "no answer" equals nothing. */

const RELATIVE = 1e-6;

/** Below this, a difference is rounding ("$33.33" for 33.333…), whatever the size of the numbers. */
const ABSOLUTE = 0.01;

/**
 * Whole numbers must be equal (−9,867,624 is not −9,867,630, however close in relative terms); otherwise float noise
 * and rounded decimals are forgiven: within a millionth of the larger value and under a hundredth.
 */
export function sameAnswer(a: number | null, b: number | null): boolean {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  const difference = Math.abs(a - b);
  return difference <= RELATIVE * Math.max(1, Math.abs(a), Math.abs(b)) && difference < ABSOLUTE;
}

/** A stable key for grouping equal answers: 12 significant digits, no float noise; "none" for no answer. */
export function answerKey(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'none';
  const rounded = Number(value.toPrecision(12));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
