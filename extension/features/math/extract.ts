/**
 * Final-answer extraction from free model text: "#### 42", "\boxed{42}", "The answer is $1,234.50", fractions,
 * mixed numbers, decimals, percentages, negatives, a unit after the number, then the last number as a fallback, and
 * an honest `null` ("no answer") when the text holds no number at all. Pure functions, no model, no DOM.
 */

export type ExtractionHow = 'hash' | 'boxed' | 'answer-phrase' | 'last-number' | 'program' | 'none';

export interface Extracted {
  /** The numeric answer, or null for "no answer". */
  value: number | null;
  /** The span of text the value came from ("$1,234.50", "3/4", "50%"). */
  text: string;
  /** '%', a currency sign, or the word right after the number ("cm", "apples"), when there is one. */
  unit?: string;
  how: ExtractionHow;
}

export const NO_ANSWER: Extracted = { value: null, text: '', how: 'none' };

const WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** Words that multiply the number before them ("1.5 million", "two hundred"). */
// Not "dozen": "5 dozen" answers "how many dozen" as often as it means 60.
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/**
 * A number written in words at the start of the text ("twenty-five", "one hundred and five", "three thousand two
 * hundred", "a million", "minus seven"), or null.
 */
export function wordNumber(text: string): { value: number; text: string } | null {
  const match = /^\W*?(?:is\s+)?((?:(?:minus|negative)\s+)?(?:an?\s+)?[a-z]+(?:(?:[\s-]+|\s+and\s+)[a-z]+)*)/i.exec(text);
  if (!match) return null;
  let total = 0;
  let current = 0;
  let sign = 1;
  let used = 0;
  let seen = false;
  const words = match[1]!.toLowerCase().split(/[\s-]+/);
  for (const [i, word] of words.entries()) {
    if (i === 0 && (word === 'minus' || word === 'negative')) sign = -1;
    else if ((word === 'a' || word === 'an') && !seen && SCALES[words[i + 1] ?? ''] !== undefined) current = 1;
    // British "one hundred and five": an "and" only after a scale word ("two and three quarters" is not 5).
    else if (word === 'and' && SCALES[words[i - 1] ?? ''] !== undefined && WORDS[words[i + 1] ?? ''] !== undefined) continue;
    else if (WORDS[word] !== undefined) current += WORDS[word]!;
    else if (SCALES[word] !== undefined && (seen || current > 0)) {
      const scale = SCALES[word]!;
      if (scale >= 1000) {
        total += (current || 1) * scale;
        current = 0;
      } else current = (current || 1) * scale;
    } else break;
    if (WORDS[word] !== undefined || SCALES[word] !== undefined) seen = true;
    used = i + 1;
  }
  if (!seen) return null;
  return { value: sign * (total + current), text: words.slice(0, used).join(' ') };
}

/** Words after a number that are not its unit. */
const NOT_UNITS = new Set([
  'and', 'or', 'is', 'are', 'was', 'were', 'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'so', 'then', 'it',
  'that', 'this', 'which', 'by', 'with', 'from', 'as', 'be', 'if', 'x', 'times', 'plus', 'minus', 'equals', 'more',
  'less', 'than', 'each', 'per', 'we', 'he', 'she', 'they', 'i', 'you', 'answer', 'total', 'question',
]);

/**
 * One number in running text. A minus counts only where it cannot be a subtraction (not right after a digit, a
 * letter or a closing bracket, nor after a digit and a space: "48 - 6"). A sentence's full stop after a fraction
 * ("1/2.") ends it. Thousands separators need groups of exactly three digits, so "1,2,3" is three numbers.
 * Two more forms exist where the text allows decimal commas (see `decimalCommas`): `eu`, European thousands dots with
 * a decimal comma ("1.234,5"), and `dc`, a decimal comma ("2,5", "3,75", "0,125"), never inside a list ("1,2,3").
 */
const DIGITS = String.raw`(?<eu>\d{1,3}(?:\.\d{3})+,\d+(?![\d,]))|(?<dots>\d{1,3}(?:\.\d{3}){2,}(?![\d,.]))|` +
  String.raw`(?<dc>(?<!\d,)(?:0,\d+|\d+,(?:\d{1,2}|\d{4,}))(?!\d|,\d))|`;
const numberPattern = (commaDecimals: boolean) => new RegExp(
  String.raw`(?<![\w.)\]])(?:(?<![\d)\]]\s+)(?<sign>[-−–]\s?))?(?<cur>[$€£¥₹]\s?)?(?<sign2>[-−])?` +
  String.raw`(?<num>${commaDecimals ? DIGITS : String.raw`(?<dots>\d{1,3}(?:\.\d{3}){2,}(?![\d,.]))|`}(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)` +
  // Scientific notation and powers: "1e6", "2.5E-3", "10^6".
  String.raw`(?:(?<exp>[eE][+-]?\d{1,3}(?!\d|\.\d))|(?<pow>\^[+-]?\d{1,3}(?!\d|\.\d)))?` +
  String.raw`(?:\s+(?<mixn>\d+)\s*\/\s*(?<mixd>\d+)|\s*\/\s*(?<den>\d+(?:\.\d+)?)(?!\d|\.\d))?` +
  String.raw`(?<pct>\s?%|\s+percent\b)?(?:\s?(?<unit>[A-Za-z]{1,15})\b)?`,
  'g',
);
const NUMBER = numberPattern(false);
const NUMBER_COMMA_DECIMALS = numberPattern(true);

/**
 * Whether "2,5" in this text is two and a half: yes, unless the text writes thousands with commas elsewhere
 * ("1,234", "12,500"); European "1.234,5" always says yes.
 */
export function decimalCommas(text: string): boolean {
  if (/(?<![\w.,])\d{1,3}(?:\.\d{3})+,\d/.test(text)) return true;
  return !/(?<![\w.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])/.test(text);
}

interface Found extends Extracted {
  index: number;
}

function numberValue(g: Record<string, string | undefined>): number {
  const raw = g['num'] ?? '';
  if (g['eu'] !== undefined) return Number(raw.replace(/\./g, '').replace(',', '.'));
  if (g['dots'] !== undefined) return Number(raw.replace(/\./g, ''));
  if (g['dc'] !== undefined) return Number(raw.replace(',', '.'));
  return Number(raw.replace(/,/g, ''));
}

function parseMatch(match: RegExpExecArray): Found | null {
  const g = match.groups ?? {};
  let value = numberValue(g);
  if (g['mixn'] !== undefined && g['mixd'] !== undefined) {
    const d = Number(g['mixd']);
    if (d === 0) return null;
    value += Number(g['mixn']) / d;
  } else if (g['den'] !== undefined) {
    const d = Number(g['den']);
    if (d === 0) return null;
    value /= d;
  }
  if (g['exp'] !== undefined) value *= 10 ** Number(g['exp'].slice(1));
  if (g['pow'] !== undefined) value **= Number(g['pow'].slice(1));
  if (g['sign'] !== undefined || g['sign2'] !== undefined) value = -value;
  const scale = g['pct'] === undefined ? SCALES[g['unit']?.toLowerCase() ?? ''] : undefined;
  if (scale !== undefined) value *= scale;
  if (!Number.isFinite(value)) return null;
  const unitWord = scale === undefined ? g['unit'] : undefined;
  const unit = g['pct'] !== undefined ? '%'
    : g['cur'] !== undefined ? g['cur'].trim()
    : unitWord !== undefined && !NOT_UNITS.has(unitWord.toLowerCase()) ? unitWord : undefined;
  // The word after the number is not part of the span.
  const text = (unitWord === undefined ? match[0] : match[0].slice(0, match[0].length - unitWord.length)).trim();
  return { value: Object.is(value, -0) ? 0 : value, text, how: 'last-number', index: match.index, ...(unit ? { unit } : {}) };
}

/** Every number in the text, in order. `commaDecimals`: read "2,5" as 2.5 (by default, as the text's own style says). */
export function findNumbers(text: string, commaDecimals: boolean = decimalCommas(text)): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(commaDecimals ? NUMBER_COMMA_DECIMALS : NUMBER)) {
    const parsed = parseMatch(match as RegExpExecArray);
    if (parsed) found.push(parsed);
  }
  return found;
}

/**
 * After an answer marker, a number grouped with plain spaces ("#### 1 235") is one number; elsewhere "3 100 ml bottles"
 * may be two.
 */
const spaceGrouped = (text: string) =>
  text.replace(/^(\s*[$€£¥₹]?\s?-?)(\d{1,3}(?: \d{3})+)(?![\d/]| \d| ?\/)/, (_all, lead: string, digits: string) => lead + digits.replace(/ /g, ''));

function firstNumberIn(text: string, how: ExtractionHow, commaDecimals: boolean): Extracted | null {
  const first = findNumbers(spaceGrouped(text), commaDecimals)[0];
  if (first) return strip({ ...first, how });
  const words = wordNumber(text);
  return words ? { ...words, how } : null;
}

function strip(found: Found | Extracted): Extracted {
  const { value, text, how, unit } = found;
  return { value, text, how, ...(unit ? { unit } : {}) };
}

const CURRENCY_WORDS: Record<string, string> = { dollar: '$', euro: '€', pound: '£' };
/** "42 dollars and 50 cents", "$3 and 5 cents", "2 pounds 40 pence": one amount, $42.50, $3.05, £2.40. */
// `(?=(x+))\k<…>` takes the whole run at once (JavaScript has no atomic groups): no backtracking through long runs of
// spaces between the overlapping optional parts.
const MONEY_IN_WORDS = /(?:(?<![\w.])(?<sign>[$€£])\s?(?<before>\d+(?:,\d{3})*)|\b(?<after>\d+(?:,\d{3})*)\s+(?<word>dollars?|euros?|pounds?))(?=(?<gap>[\s,]+))\k<gap>(?:and(?=(?<gap2>\s+))\k<gap2>)?(?<small>\d{1,2})\s+(?:cents?|pence)\b/gi;

/**
 * Removes what is not the model's own answer: GSM8K calculator annotations (`<<48/2=24>>`), and anything after the
 * model starts writing a new problem of its own (few-shot prompts invite that).
 */
export function answerRegion(text: string): string {
  // LaTeX the models write: \frac{3}{4} is 3/4, {,} a thousands comma.
  const cleaned = text.replace(/<<[^<>]*>>/g, '')
    // No two quantifiers that can take the same spaces (the old `\{\s*([^{}]*?)\s*\}` was cubic on "\frac{" + spaces).
    .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_all, top: string, bottom: string) => `${top.trim()}/${bottom.trim()}`)
    .replace(/\{,\}/g, ',')
    .replace(MONEY_IN_WORDS, (...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      return `${g['sign'] ?? CURRENCY_WORDS[g['word']!.toLowerCase().replace(/s$/, '')]}${g['before'] ?? g['after']}.${g['small']!.padStart(2, '0')}`;
    })
    // Thousands grouped with no-break or thin spaces ("1 235", as French and SI write them).
    .replace(/(?<![\d,.])\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?!\d)/g, (digits) => digits.replace(/[\u00a0\u2009\u202f]/g, ''));
  // `[^\S\n]*`, not `\s*`: a run of newlines must not be rescanned from each of them (quadratic).
  const next = /\n[^\S\n]*(?:Question|Problem|Q)\s*:/i.exec(cleaned);
  return next ? cleaned.slice(0, next.index) : cleaned;
}

const NUM = String.raw`\$?\s?[\d.,]+`;
/** Numbers joined by operators ("7 - 2", "3 × 4 + 1"). */
const EXPRESSION = new RegExp(String.raw`^\s*${NUM}(?:\s*[-+*/×÷−–x]\s*${NUM})+\s*$`);
/** A further step of a chain ("3 + 4 = 7 + 1 = 8"): an expression or a number. */
const OPERAND = new RegExp(String.raw`^\s*${NUM}(?:\s*[-+*/×÷−–x]\s*${NUM})*\s*$`);

/** The final answer in a model's text, or NO_ANSWER. Markers win over position; the last marker wins. */
export function extractAnswer(raw: string): Extracted {
  const text = answerRegion(raw);
  // Decided on the whole answer, not on the few characters after a marker.
  const commaDecimals = decimalCommas(text);
  const markers: Array<[RegExp, ExtractionHow]> = [
    [/####\s*/g, 'hash'],
    [/\\boxed\{/g, 'boxed'],
    [/\banswer\s*(?:is|:|=|would be|will be)\s*:?\s*/gi, 'answer-phrase'],
  ];
  for (const [marker, how] of markers) {
    const hits = [...text.matchAll(marker)].reverse();
    for (const hit of hits) {
      const after = text.slice(hit.index + hit[0].length, hit.index + hit[0].length + 60);
      // "The answer is 7 - 2 = 5.": the result, after the last "=" of that sentence, when what comes before it is
      // arithmetic (not "12, since x=3", "18 (= 9 × 2)" or "5 km = 5000 m", where the first number is the answer).
      const line = after.split(/\n|\.(?:\s|$)/)[0]!;
      const equals = line.lastIndexOf('=');
      const chain = equals >= 0 && line.slice(0, equals).split('=').every((part, i) => (i === 0 ? EXPRESSION : OPERAND).test(part));
      const got = (chain ? firstNumberIn(line.slice(equals + 1), how, commaDecimals) : null) ?? firstNumberIn(after, how, commaDecimals);
      if (got) return got;
    }
  }
  const all = findNumbers(text, commaDecimals);
  const last = all[all.length - 1];
  return last ? strip(last) : NO_ANSWER;
}

/** The answer of a program-of-thought run: a number, a numeric string, or nothing usable. */
export function answerFromValue(value: unknown): Extracted {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { value: Object.is(value, -0) ? 0 : value, text: String(value), how: 'program' } : NO_ANSWER;
  }
  if (typeof value === 'string') {
    // A program may return a string of up to a million characters: its answer is in the first few thousand.
    const got = extractAnswer(value.slice(0, 4000));
    return got.value === null ? NO_ANSWER : { ...got, how: 'program' };
  }
  if (typeof value === 'boolean' || value === null || value === undefined) return NO_ANSWER;
  return NO_ANSWER;
}

/** A readable number: at most 6 decimals, no float noise, thousands separators, its unit when it is % or money. */
export function formatAnswer(answer: Pick<Extracted, 'value' | 'unit'>): string {
  if (answer.value === null) return 'no answer';
  const rounded = Number(answer.value.toPrecision(15));
  const magnitude = Math.abs(rounded);
  // Very small values keep their digits (2e-7 is not 0).
  // Money with cents shows both digits ($1,234.50, not $1,234.5).
  const cents = !Number.isInteger(magnitude) && !!answer.unit && /^[$€£¥₹]$/.test(answer.unit) && Number.isInteger(Math.round(magnitude * 1e6) / 1e4);
  const body = magnitude !== 0 && magnitude < 1e-6 ? String(magnitude)
    : magnitude.toLocaleString('en-US', {
      minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: Number.isInteger(magnitude) ? 0 : 6, useGrouping: true,
    });
  const sign = rounded < 0 ? '-' : '';
  if (answer.unit === '%') return `${sign}${body}%`;
  if (answer.unit && /^[$€£¥₹]$/.test(answer.unit)) return `${sign}${answer.unit}${body}`;
  return `${sign}${body}`;
}
