/** Numeric answers compared the way a grader would: 0.1 + 0.2 equals 0.3, 72 equals 72.0, "no answer" equals nothing. */


/** Rounding of a decimal answer is forgiven up to a thousandth of its size, and never a hundredth or more. */
const ROUNDING = 1e-3;
const ABSOLUTE = 0.01;
/** Float noise (0.1 + 0.2). */
const NOISE = 1e-9;

/**
 * Whole numbers must be equal (−9,867,624 is not −9,867,630, however close in relative terms). A decimal may be
 * rounded: "$33.33" for 33.333… and 14,053,029.67 for 14,053,029.666… are right, 14,053,030 is not, nor is 0.001 for
 * 0.005. Float noise is always forgiven.
 */
export function sameAnswer(a: number | null, b: number | null): boolean {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  const difference = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return difference <= NOISE * Math.max(1, scale) || difference < Math.min(ABSOLUTE, ROUNDING * scale);
}

/** A stable key for grouping equal answers: 12 significant digits, no float noise; "none" for no answer. */
export function answerKey(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'none';
  const rounded = Number(value.toPrecision(12));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
