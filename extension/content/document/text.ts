/** Small text helpers: whitespace, slugs for names, quoting of page text. */
import { cutUnits } from '../../protocol/fit.ts';

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** At most `max` UTF-16 units (what the message schemas count) with an ellipsis, never half a surrogate pair. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${cutUnits(text, Math.max(0, max - 1))}…`;
}

/** Text all in ASCII, and what separates words there (what is no letter or digit: slug's separators, in ASCII). */
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/**
 * A name part from free text: lowercase letters and digits joined by `_`, at most `words` words and 40 chars.
 * Letters of any script survive (a JS identifier may hold them); everything else is a separator, so page text
 * can never put punctuation, quotes or newlines into a name.
 */
/** Words that link a cut name to what was cut; not particles (`sign_in`, `sort_by`, `leave_at`, `log_on`). */
const LINKING_WORDS: ReadonlySet<string> = new Set(['to', 'for', 'of', 'the', 'a', 'an', 'and', 'or', 'with', 'your', 'my', 'our', 'their', 'its']);

export const isLinkingWord = (word: string): boolean => LINKING_WORDS.has(word);

export function slug(text: string, words = 4): string {
  // ASCII (most names): nothing to normalize, strip or take marks from; letters and digits are a-z and 0-9. The
  // same parts as the general way below, without its normalizations and Unicode-property regexes.
  const all = ASCII_ONLY.test(text) ? text.toLowerCase().split(ASCII_SEPARATORS).filter(Boolean) : text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Put back together what only Latin accents were taken from: "ボ" stays one letter, not "ホ" and a mark. Hangul
    // stays in jamo, as names were before (saved scripts hold them).
    .normalize('NFC')
    .replace(/[\uAC00-\uD7A3]/g, (syllable) => syllable.normalize('NFD'))
    // Emoji presentation selectors and enclosing marks ("✉️", the keycap of "1️⃣") belong to no word, and a script
    // name may not hold an enclosing mark.
    .replace(/[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]|\p{Me}/gu, '')
    .toLowerCase()
    // Marks are part of a word (Devanagari and Thai vowel signs, the virama): identifiers may hold them, not start them.
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .map((part) => part.replace(/^\p{M}+/u, ''))
    .filter(Boolean);
  const parts = all.slice(0, words);
  // Cut before what it links to, a name does not end on the linking word ("What happens to the…": `what_happens`, was
  // `what_happens_to_the`; explorer, session 57). A particle stays (`sign_in` of "Sign in to your account").
  if (all.length > words) while (parts.length > 1 && LINKING_WORDS.has(parts[parts.length - 1]!)) parts.pop();
  let out = parts.join('_');
  if (out.length > 40 && words <= 12) out = cutUnits(out, 40).replace(/_[^_]*$/, '') || cutUnits(out, 40);
  return out;
}

/** A readable id or class: letters with - or _ separators, no long digit runs (auto-generated ids are not names). */
export function readableToken(token: string | null | undefined): string | undefined {
  if (!token || token.length > 40) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(token)) return undefined;
  if (/\d{3,}|^[a-z]{1,2}\d|[A-Z0-9]{6,}/.test(token)) return undefined;
  if ((token.match(/\d/g) ?? []).length > 2) return undefined;
  if (token.split(/[-_]+/).some(hashedPart)) return undefined;
  return token;
}

/** Short letter runs without a vowel that are words in class names all the same. */
const ABBREVIATIONS = new Set(['btn', 'msg', 'img', 'txt', 'lbl', 'hdr', 'ftr', 'nvbr', 'pnl', 'ctrl', 'cnt', 'bg', 'fg', 'sm', 'md', 'lg', 'xl', 'xs',
  'xxl', 'px', 'py', 'pt', 'pb', 'pl', 'pr', 'mt', 'mb', 'ml', 'mr', 'mx', 'my', 'hr', 'th', 'td', 'tr', 'dl', 'dt', 'dd', 'li', 'ul', 'ol', 'nth',
  'svg', 'pdf', 'css', 'rtl', 'ltr', 'qty', 'pwd', 'src', 'cls', 'cb', 'dm', 'pm', 'rss', 'sr', 'cta', 'kbd', 'tbl', 'ct', 'st', 'nd', 'rd', 'mdc', 'fld',
  // Review, session 49: YouTube's `html5-video-player`, `menu-lvl1`, `jsNav`, `pkgName`, `dbTable`, `mp3`.
  'html', 'xml', 'js', 'jsx', 'tsx', 'lvl', 'pkg', 'db', 'sql', 'cms', 'chk', 'mp', 'npm', 'cdn', 'url', 'dns', 'ssl', 'sdk', 'crm', 'pdp', 'plp', 'thmb']);
const VOWEL = /[aeiouy]/i;

/**
 * A part of a class that a build tool hashed, not a word (Kayak's `c_cgF`, `xdW8`, `nrc6`, Google's `KL4NAf`):
 * digits between letters, or a camel hump or trailing digits after letters with no vowel that are no known
 * abbreviation. Such names say nothing and change with the site's next build (explorer, session 48: flight cards'
 * fields `c_cg_f`, `xd_w8`).
 */
function hashedPart(part: string): boolean {
  if (/[A-Za-z]\d+[A-Za-z]/.test(part)) return true;
  // Small letters only, five or more, no vowel (Google Maps' `hfpxzc`, Google's cite `tjvcx`; not `thmbs`, `ctrls`).
  if (/^[a-z]{5,}$/.test(part) && !VOWEL.test(part) && !ABBREVIATIONS.has(part) && !ABBREVIATIONS.has(part.replace(/s$/, ''))) return true;
  // Capitals only, one vowel at most (Outlook's sender `OZZZK`; explorer, session 65).
  if (/^[A-Z]{5,8}$/.test(part) && (part.match(/[AEIOUY]/g)?.length ?? 0) <= 1 && !ABBREVIATIONS.has(part.toLowerCase())) return true;
  // Capitals then small letters without a vowel, or one small letter, in a short part (Google's `QUXPNb`, `TIQqpf`; not
  // `URLs`, `URLbar`).
  const tail = /^[A-Z]{2,}([a-z]+)$/.exec(part)?.[1];
  if (tail && part.length <= 8 && (tail.length === 1 ? tail !== 's' : !VOWEL.test(tail) && !ABBREVIATIONS.has(tail))) return true;
  const letters = part.replace(/\d+$/, '');
  const humps = letters.split(/(?<=[a-z])(?=[A-Z])/);
  const voiceless = (run: string) => run.length >= 2 && !VOWEL.test(run) && !ABBREVIATIONS.has(run.toLowerCase());
  if (humps.length > 1 && part.length <= 8 && humps.some(voiceless)) return true;
  // A short part of two capitals and more ending in one capital (Google's `MBeuO`).
  if (humps.length > 1 && part.length <= 8 && /^[A-Z]$/.test(humps.at(-1)!) && /[A-Z]{2}/.test(part)) return true;
  // Or a hump of capitals and small letters after the first (Google's `yuRUbf`; not `myURLs`).
  if (humps.length > 1 && part.length <= 8 && humps.slice(1).some((hump) => /^[A-Z]{2,}[a-z]{2,}$/.test(hump))) return true;
  // Or with a hump of capitals and one small letter (Google's `asEBEc`; not `myURLs`).
  if (humps.length > 1 && part.length <= 8 && humps.some((hump) => /^[A-Z]{2,}[a-rt-z]$/.test(hump))) return true;
  // Three humps and more in six letters at most (Outlook's `xUuWy`, `tUaEn`; explorer, session 65): no words are that short.
  if (humps.length >= 3 && part.length <= 6) return true;
  // Letters then digits: no vowel past the first letter either (`Iqt3`; not `col2`, `item1`).
  return letters !== part && (voiceless(letters) || (letters.length <= 4 && voiceless(letters.slice(1)) && !ABBREVIATIONS.has(letters.toLowerCase())));
}

/** Text to match as itself inside a regular expression. */
export const escapeRegExp = (text: string): string => text.replace(/[\^$.*+?()[\]{}|\\/]/g, '\\$&');

/** Page text inside a prompt line: JSON-quoted, so it can open no new line, section or name. */
export const quote = (text: string, max = 80): string => JSON.stringify(truncate(collapse(text), max));

/**
 * The words of a label that go into a name: counts ("Inbox (2)", "Cart [3]", "Comments (5 posted)", "312 reviews")
 * change as the page lives, so they are left out.
 */
export const nameWords = (label: string): string => withoutCounts(label.replace(LEADING_COUNT, (_, word: string) => plural(word)));

/**
 * A label without the counts names leave out, but for a count of what people left that it starts with ("312 reviews"):
 * a rendered line says its label beside its name where the name does not hold all of that (the count, here).
 */
export const withoutCounts = (label: string): string => {
  const out = label.replace(BRACKETED_COUNT, ' ').replace(COUNT_IN_WORDS, ' ').replace(PROGRESS_SAID, ' $1');
  // A label that is only such a count ("(128 reviews)": a product's link to its reviews) keeps its words, as one
  // ("(1 review)" and "(2 reviews)" are one name: review, session 50).
  return /[\p{L}\p{N}]/u.test(out) ? out : label.replace(BRACKETED_COUNT, (_, words?: string) => ` ${(words ?? '').replace(PLURAL, singular)} `);
};
/** How far along something is, as it grows ("Storage: 28% full", "3 of 5 uploaded"): the words without the number. */
const PROGRESS_SAID = /\b\d+(?:[.,]\d+)?\s?%\s+(full|used|complete|completed|done|uploaded|downloaded|charged|remaining|left)\b/giu;

/**
 * A count of what people left that a label starts with ("312 reviews", "24 questions answered", "1.2k comments"): the
 * thing counted, in the plural ("1 review" and "312 reviews" are one name, `reviews`, as "12 Answers" heads `answers`).
 * Not other leading numbers ("5 stars" of a rating filter, "3 bedrooms": they tell twins apart).
 */
const LEADING_COUNT = /^\s*\d[\d,.]*[KkMm]?\+?\s+(reviews?|ratings?|comments?|questions?|answers?|repl(?:y|ies)|followers?|likes?|votes?|views?|reactions?|shares?|downloads?|subscribers?)\b/iu;
const plural = (word: string): string => (/s$/i.test(word) ? word : /y$/i.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`);
const PLURAL = /(\p{L}{2,}?)(?:ies|s)\b/gu;
const singular = (word: string, stem: string): string => (word.endsWith('ies') ? `${stem}y` : word.endsWith('ss') ? word : stem);
// "(4.2k)" too (not a brand's "(3M)"); not a phone number's area code ("(503) 555-0142").
const BRACKETED_COUNT = /[([]\s*\d[\d,]*(?:\.\d+[KkMm]|k)?(?:\s+([\p{L}\s]{1,20}?))?\s*[)\]](?!\s*\d{3}[-.\s]?\d{4})/gu;
/** A count in running words: "Show 120 more flights", "See all 24 photos", "3 new" (not "Windows 11 new features"). */
const COUNT_IN_WORDS = /(?<=^\s*|\b(?:show|see|load|view|get|display)\s+)\d[\d,.]*[KkMm]?\+?\s+(?=(?:more|new|older|newer|earlier|additional)\b)|(?<=\b(?:show|see|view)\s+all\s+)\d[\d,.]*[KkMm]?\+?(?=\s+\p{L})/giu;

/** "(optional)", "Required" said at the end of a field's label: a hint, not what the field is (`email_optional`). */
const BRACKETED_MARK = /\s*[([]\s*(?:required|optional)\s*[)\]]\s*\*?\s*$/i;
const BARE_MARK = /[\s*–—-]+(?:required|optional)\s*\*?\s*$/i;
/** Words that make a bare "required" part of a sentence ("Is a visa required", "Fields marked * are required"). */
const SENTENCE_WORDS = /\b(?:is|are|be|been|was|were|not|if|when|where|whether|will|marked)\b|\?/i;
/** Fields whose labels may end with such a hint (names.ts leaves it out, render.ts leaves it unsaid). */
export const MARKED_KINDS: ReadonlySet<string> = new Set(['text_input', 'text_area', 'select', 'combobox', 'editable']);
export const withoutFieldMark = (label: string): string => {
  let out = label.replace(BRACKETED_MARK, '');
  if (out === label && !SENTENCE_WORDS.test(label)) out = label.replace(BARE_MARK, '');
  return /[\p{L}\p{N}]/u.test(out) ? out : label;
};

/** A word that is only a number ("941", "1", "2,5"; not "1.4m", "v2"). */
const NUMBER_WORD = /(?<![\p{L}\p{N}]|[\p{N}][.,])[#№]?\d(?:[\d,.]*\d)?(?![\p{L}\p{N}]|[.,]\d)/gu;

/** The label's standalone numbers that are in `drop` taken out ("View comments 941" without "941"). */
export const withoutNumbers = (label: string, drop: ReadonlySet<string>): string =>
  drop.size ? label.replace(NUMBER_WORD, (number) => (drop.has(number) ? ' ' : number)) : label;

/** The standalone numbers of a text. */
export const numbersIn = (text: string): string[] => text.match(NUMBER_WORD) ?? [];

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

/** Two characters that meet inside one word only by accident of markup: a letter and a digit, a small letter and a capital. */
const differInKind = (a: string, b: string): boolean =>
  (LETTER.test(a) && DIGIT.test(b)) || (DIGIT.test(a) && LETTER.test(b)) || (LOWER.test(a) && UPPER.test(b));

/** Whether text has such a meeting at all (most texts do not: then `spacedLike` has nothing to do). */
export const mayRunTogether = (text: string): boolean => /\p{L}\p{N}|\p{N}\p{L}|\p{Ll}\p{Lu}/u.test(text);

/**
 * `shown` (what the page draws, innerText) with a space where `words` (the same characters, spaced at every element's
 * edge: textOf) has one and the characters either side differ in kind: `<span>View comments</span><span>941</span>`
 * drawn apart by a style sheet is "View comments 941", as the page document shows it, not "View comments941". A drop
 * cap (`<b>O</b>nce`) or markup inside a word (`Hel<b>lo</b>`) stays whole. Where the two texts differ in anything
 * but spaces (hidden words, alt text), `shown` as it is.
 */
export function spacedLike(shown: string, words: string): string {
  let out = '';
  let j = 0;
  let previous = '';
  for (let i = 0; i < shown.length; i++) {
    const c = shown[i]!;
    if (/\s/.test(c)) {
      out += c;
      previous = ' ';
      continue;
    }
    let spaced = false;
    while (j < words.length && /\s/.test(words[j]!)) {
      spaced = true;
      j++;
    }
    // `words` may be cut shorter: the rest as shown.
    if (j >= words.length) return out + shown.slice(i);
    if (words[j] !== c) return shown;
    if (spaced && previous && previous !== ' ' && differInKind(previous, c)) out += ' ';
    out += c;
    previous = c;
    j++;
  }
  return out;
}

/**
 * A UI kit's class prefix (Ant Design's `ant-`, Element's `el-`, Vuetify's `v-`, Angular Material's `mat-`…), and the
 * namespaces of CSS conventions: ITCSS's `c-` component and `o-` object (Slack's `c-message__sender`), Stack
 * Overflow's Stacks `s-`, and `js-` hooks (explorer, session 50: fields `c_message_sender`, `c_reaction_bar`); any
 * one letter (microformats' `p-name`, a queue's `q-title`: explorer, session 59); Amazon's cart `sc-`
 * (`sc-product-title`) and IMDb's `ipc-` (explorer, session 64).
 */
const KIT_PREFIX = /^(?:ant|el|chakra|mantine|mat|mdc|bp[3-6]?|[a-z]|js|sc|ipc)-(?=[a-z])/i;

/**
 * Design systems whose classes name their own components and styles, never the page's parts: Expedia's `uitk-heading`,
 * `uitk-layout-flex`, Etsy's `wt-text-title`, `wt-display-inline`, Shopify's `Polaris-Badge`, Fluent's `ms-Button`,
 * `fui-Button`, Spotify's `encore-text`, Salesforce's `slds-truncate`, YouTube's `yt-core-attributed-string`
 * (explorer, session 65: fields `uitk_price_lockup`, `wt_display_inline_2`, `polaris_badge_3`); Amazon's `a-section`,
 * `a-row`, `a-link-normal`, `puis-card-container` (explorer, session 66: a product's title was `section`).
 */
const DESIGN_KIT_CLASS = /^(?:(?:uitk|wt|polaris|encore|ms|fui|slds|yt-core|yt-spec|puis|s|aok|rush)(?:-|$)|a-(?:section|row|size|color|spacing|link|text|declarative|popover|icon|button|fixed|list|unordered|box|col|column|container|nostyle|span\d*)(?![^-]))/i;

export const designKitClass = (name: string): boolean => DESIGN_KIT_CLASS.test(name);

/** A class without its UI kit's prefix: `ant-pagination-item` → `pagination-item`. */
export const withoutKitPrefix = (name: string): string => name.replace(KIT_PREFIX, '');

/** Attributes a page's developers name parts by for their tests. */
export const TEST_HOOKS = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'];

// A mail list's "Sun 6:12 PM", "Thu 6/6", "6/10/2024", "2024-06-10" too (explorer, session 65: Outlook's times were `text_2`).
const WEEKDAY = String.raw`(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\.?,?`;
/** Words that say when: "3 months ago", "yesterday", "9:14 AM", "Jun 9", "Jan 5 at 10:02". */
export const WHEN = new RegExp([
  String.raw`^(?:(?:about|over|almost|around)\s+)?(?:an?|one|\d+)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)\s+ago$`,
  String.raw`^\d+(?:s|m|h|d|w|mo|y)$`, '^(?:just now|today|yesterday)$', String.raw`^(?:${WEEKDAY}\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$`,
  String.raw`^${WEEKDAY}(?:\s+\d{1,2}\/\d{1,2})?$`, String.raw`^(?:${WEEKDAY}\s+)?\d{1,2}\/\d{1,2}\/\d{2,4}$`, String.raw`^\d{4}-\d{2}-\d{2}$`,
  String.raw`^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?$`,
  String.raw`^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?$`,
  // A comment's "edited Jan 5 at 10:02", "May 2, 2024 at 3:15 PM" (Stack Overflow's, Facebook's).
  String.raw`^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?,?\s+at\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$`,
].join('|'), 'i');
