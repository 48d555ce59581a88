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
  /** Why what stands where the answer should be was not read as a number ("3:30" is a time or a ratio). */
  unread?: string;
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
// Thousands dots need two groups or more ("1.000.000"): a single one ("1.000") is a decimal point, as English writes it.
// A sentence's full stop may follow ("is 1.000.000.").
const DOTS = String.raw`(?<dots>\d{1,3}(?:\.\d{3}){2,}(?![\d,]|\.\d))|`;
const DIGITS = String.raw`(?<eu>\d{1,3}(?:\.\d{3})+,\d+(?![\d,]))|${DOTS}` +
  String.raw`(?<dc>(?<!\d,)(?:0,\d+|\d+,(?:\d{1,2}|\d{4,}))(?!\d|,\d))|`;
const numberPattern = (commaDecimals: boolean) => new RegExp(
  String.raw`(?<![\w.)\]])(?:(?<![\d)\]]\s+)(?<sign>[-−–]\s?))?(?<cur>[$€£¥₹]\s?)?(?<sign2>[-−])?` +
  String.raw`(?<num>${commaDecimals ? DIGITS : DOTS}(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)` +
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

/** Numbers joined by colons with no space ("3:30", "12:45:10", "3:4"): a time or a ratio, never one number. */
const COLON_GROUP = /(?<![\w.,:])\d+(?::\d+)+(?![\d:])/g;
const NOT_ONE_NUMBER = 'a time or a ratio, not one number';

function colonGroups(text: string): Array<{ index: number; end: number; text: string }> {
  return [...text.matchAll(COLON_GROUP)].map((m) => ({ index: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** Every number in the text, in order, leaving out those inside a time or a ratio ("3:30"). `commaDecimals`: read
 * "2,5" as 2.5 (by default, as the text's own style says). */
export function findNumbers(text: string, commaDecimals: boolean = decimalCommas(text)): Found[] {
  const found: Found[] = [];
  const colons = colonGroups(text);
  let next = 0;
  for (const match of text.matchAll(commaDecimals ? NUMBER_COMMA_DECIMALS : NUMBER)) {
    // Both lists are in text order: one pass (a text of many "1:2" must not cost numbers × groups).
    while (next < colons.length && colons[next]!.end <= match.index) next++;
    if (next < colons.length && match.index + match[0].length > colons[next]!.index) continue;
    const parsed = parseMatch(match as RegExpExecArray);
    if (parsed) found.push(parsed);
  }
  return found;
}

/** A time or a ratio standing where the answer is: no answer, and why. */
const unreadColon = (group: { text: string }, how: ExtractionHow): Extracted => ({ value: null, text: group.text, how, unread: NOT_ONE_NUMBER });

/**
 * After an answer marker, a number grouped with plain spaces ("#### 1 235") is one number; elsewhere "3 100 ml bottles"
 * may be two.
 */
const spaceGrouped = (text: string) =>
  text.replace(/^(\s*[$€£¥₹]?\s?-?)(\d{1,3}(?: \d{3})+)(?![\d/]| \d| ?\/)/, (_all, lead: string, digits: string) => lead + digits.replace(/ /g, ''));

function firstNumberIn(text: string, how: ExtractionHow, commaDecimals: boolean): Extracted | null {
  const grouped = spaceGrouped(text);
  const first = findNumbers(grouped, commaDecimals)[0];
  const colon = colonGroups(grouped)[0];
  if (colon && (!first || colon.index < first.index)) return unreadColon(colon, how);
  if (first) return strip({ ...first, how });
  const words = wordNumber(text);
  return words ? { ...words, how } : null;
}

function strip(found: Found): Extracted {
  const { value, text, how, unit } = found;
  return { value, text, how, ...(unit ? { unit } : {}) };
}

const VULGAR_FRACTIONS: Record<string, string> = {
  '½': '1/2', '⅓': '1/3', '⅔': '2/3', '¼': '1/4', '¾': '3/4', '⅕': '1/5', '⅖': '2/5', '⅗': '3/5', '⅘': '4/5', '⅙': '1/6',
  '⅚': '5/6', '⅐': '1/7', '⅛': '1/8', '⅜': '3/8', '⅝': '5/8', '⅞': '7/8', '⅑': '1/9', '⅒': '1/10',
};
const VULGAR = new RegExp(`(\\d?)\\s?([${Object.keys(VULGAR_FRACTIONS).join('')}])`, 'g');

/**
 * Digits and fractions as ASCII: "2½" is the mixed number "2 1/2", "⁄" a slash, full-width "１２．５" is 12.5 (NFKC, on
 * full-width forms only: NFKC elsewhere would make "5²" into 52) and Arabic-Indic digits are digits.
 */
function plainNumerals(text: string): string {
  return text
    .replace(VULGAR, (_all, whole: string, fraction: string) => `${whole}${whole ? ' ' : ''}${VULGAR_FRACTIONS[fraction]}`)
    .replace(/\u2044/g, '/')
    .replace(/[\uff01-\uff5e\u3000]/g, (c) => c.normalize('NFKC'))
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x6f0))
    .replace(/\u066b/g, '.');
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
  const cleaned = plainNumerals(text).replace(/<<[^<>]*>>/g, '')
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
  const colon = colonGroups(text).at(-1);
  if (colon && (!last || colon.index > last.index)) return unreadColon(colon, 'last-number');
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

/**
 * The whole number the text wrote ("99,999,999,999,999,999,999,999" → its digits), or null when the text is not a plain
 * whole number (a decimal, 1e30, "2 billion"): a value past Number.MAX_SAFE_INTEGER keeps only ~16 of its digits.
 */
function writtenDigits(text: string | undefined): string | null {
  if (!text || /[a-z]/i.test(text)) return null;
  const bare = text.replace(/[\s$€£¥₹%+\-−–]/g, '');
  const digits = /^\d{1,3}(?:,\d{3})+$/.test(bare) ? bare.replace(/,/g, '')
    : /^\d{1,3}(?:\.\d{3}){2,}$/.test(bare) ? bare.replace(/\./g, '') : bare;
  return /^\d+$/.test(digits) ? digits : null;
}

/**
 * A readable number: at most 6 decimals, no float noise, thousands separators, its unit when it is % or money. A whole
 * number too long for a double shows the digits the text wrote, or is marked "≈" when there are none to show (a vote
 * bucket's value, 1e30): never the nearest double's digits as if exact.
 */
export function formatAnswer(answer: Pick<Extracted, 'value' | 'unit'> & { text?: string }): string {
  if (answer.value === null) return 'no answer';
  // Whole numbers have no float noise to round away (9,007,199,254,740,991 is not …990).
  const rounded = Number.isInteger(answer.value) ? answer.value : Number(answer.value.toPrecision(15));
  const magnitude = Math.abs(rounded);
  const sign = rounded < 0 ? '-' : '';
  const money = !!answer.unit && /^[$€£¥₹]$/.test(answer.unit);
  let body: string;
  let approximate = '';
  if (magnitude > Number.MAX_SAFE_INTEGER) {
    const digits = writtenDigits(answer.text);
    if (digits) body = BigInt(digits).toLocaleString('en-US');
    else {
      approximate = '≈';
      body = String(Number(magnitude.toPrecision(15)));
    }
  } else {
    // Very small values keep their digits (2e-7 is not 0).
    // Money with cents shows both digits ($1,234.50, not $1,234.5).
    const cents = !Number.isInteger(magnitude) && money && Number.isInteger(Math.round(magnitude * 1e6) / 1e4);
    body = magnitude !== 0 && magnitude < 1e-6 ? String(magnitude)
      : magnitude.toLocaleString('en-US', {
        minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: Number.isInteger(magnitude) ? 0 : 6, useGrouping: true,
      });
  }
  if (answer.unit === '%') return `${approximate}${sign}${body}%`;
  if (money) return `${approximate}${sign}${answer.unit}${body}`;
  return `${approximate}${sign}${body}`;
}
