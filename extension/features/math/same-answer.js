// Plain JavaScript (with JSDoc types) so that both the extension (compare.ts) and `npm run eval:math` (Node 20, which
// cannot import TypeScript) grade with this one rule.

/** Rounding of a decimal answer is forgiven up to a thousandth of its size, and never a hundredth or more. */
const ROUNDING = 1e-3;
const ABSOLUTE = 0.01;
/** Float noise (0.1 + 0.2). */
const NOISE = 1e-9;

/** @param {number} value */
function decimalsShown(value) {
  const text = String(value);
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Whole numbers must be equal (−9,867,624 is not −9,867,630, however close in relative terms). A decimal may be
 * rounded: "$33.33" for 33.333… and 14,053,029.67 for 14,053,029.666… are right, 14,053,030 is not, nor is 0.001 for
 * 0.005; an answer given to cents (2+ decimals) is right when it is the other rounded to those cents ("$1.67" for
 * 5/3). Float noise is always forgiven.
 * @param {number | null} a
 * @param {number | null} b
 * @returns {boolean}
 */
export function sameAnswer(a, b) {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  const difference = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (difference <= NOISE * Math.max(1, scale) || difference < Math.min(ABSOLUTE, ROUNDING * scale)) return true;
  /** @param {number} shown @param {number} exact */
  const roundedTo = (shown, exact) => {
    const places = decimalsShown(shown);
    if (places < 2 || places > 6 || Number.isInteger(exact)) return false;
    const factor = 10 ** places;
    return Math.abs(Math.round(exact * factor) / factor - shown) <= NOISE * Math.max(1, Math.abs(shown));
  };
  return roundedTo(a, b) || roundedTo(b, a);
}
