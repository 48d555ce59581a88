/** Small text helpers: whitespace, slugs for names, quoting of page text. */
import { cutUnits } from '../../protocol/fit.ts';

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** At most `max` UTF-16 units (what the message schemas count) with an ellipsis, never half a surrogate pair. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${cutUnits(text, Math.max(0, max - 1))}…`;
}

/**
 * A name part from free text: lowercase letters and digits joined by `_`, at most `words` words and 40 chars.
 * Letters of any script survive (a JS identifier may hold them); everything else is a separator, so page text
 * can never put punctuation, quotes or newlines into a name.
 */
export function slug(text: string, words = 4): string {
  const parts = text
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
    .filter(Boolean)
    .slice(0, words);
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
  return token;
}

/** Page text inside a prompt line: JSON-quoted, so it can open no new line, section or name. */
export const quote = (text: string, max = 80): string => JSON.stringify(truncate(collapse(text), max));

/**
 * The words of a label that go into a name: counts ("Inbox (2)", "Cart [3]", "Comments (5 posted)") change as the page
 * lives, so they are left out.
 */
export const nameWords = (label: string): string => label.replace(/[([]\s*\d[\d,.]*(?:\s+[\p{L}\s]{1,20}?)?\s*[)\]]/gu, ' ');

/** A word that is only a number ("941", "1", "2,5"; not "1.4m", "v2"). */
const NUMBER_WORD = /(?<![\p{L}\p{N}]|[\p{N}][.,])[#№]?\d(?:[\d,.]*\d)?(?![\p{L}\p{N}]|[.,]\d)/gu;

/** The label's standalone numbers that are in `drop` taken out ("View comments 941" without "941"). */
export const withoutNumbers = (label: string, drop: ReadonlySet<string>): string =>
  drop.size ? label.replace(NUMBER_WORD, (number) => (drop.has(number) ? ' ' : number)) : label;

/** The standalone numbers of a text. */
export const numbersIn = (text: string): string[] => text.match(NUMBER_WORD) ?? [];
