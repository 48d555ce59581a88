import { extractAnswer } from '../math/extract.ts';
import { sameAnswer } from '../math/compare.ts';
import type { AnswerType, ProbeItem } from './suites.ts';

/**
 * Scoring a reply three ways, side by side: parse-based (extract the answer of the suite's type, compare), exact
 * match (the whole reply, trimmed, is the gold answer), and a model as judge (its yes/no, or null for neither).
 */

/** The part of a reply that is its own answer: up to the next exemplar the model may have started. */
export function ownPart(reply: string): string {
  const next = /\n\s*Q\s*:/.exec(reply);
  return next ? reply.slice(0, next.index) : reply;
}

/** Text after the last "answer is" (or the whole reply when there is none). */
function afterAnswerPhrase(reply: string): string {
  const hits = [...reply.matchAll(/\banswer\s*(?:is|:)\s*:?/gi)];
  const last = hits[hits.length - 1];
  return last ? reply.slice(last.index + last[0].length) : reply;
}

/** How many options a question lists as "(A) …" lines (BBH writes its options into the question), or undefined. */
export function optionCount(question: string): number | undefined {
  const letters = [...question.matchAll(/^\s*\(([A-Z])\)/gm)].map((m) => m[1]!.charCodeAt(0) - 64);
  return letters.length >= 2 ? Math.max(...letters) : undefined;
}

/**
 * The option letter a reply chose: right after its last "answer is" (the first letter there, also lowercase or
 * followed by a comma: "The answer is C, not A." → C), else a letter opening the reply, also lowercase or in markdown
 * bold ("B. A dog…", "**A**", "(b)", "c) a spoon", "b" → B, A, B, C, B), else its last "(X)", else its last lone
 * capital — not the article "A" or the pronoun "I" before a word.
 */
export function extractChoice(reply: string, count = 26): string | null {
  const text = ownPart(reply);
  const region = afterAnswerPhrase(text);
  const max = String.fromCharCode(64 + Math.min(26, Math.max(1, count)));
  const inRange = (letter: string) => letter >= 'A' && letter <= max;
  const pick = (letter: string | undefined) => (letter !== undefined && inRange(letter.toUpperCase()) ? letter.toUpperCase() : null);
  if (region !== text) {
    const lead = /^\s*[(["'*]*(?:option\s+)?([A-Z])[)\]"'*]*(?=$|[\s.,;:!)])/i.exec(region);
    // A lowercase letter counts only on its own ("answer is b."), not as a word ("answer is a dog").
    if (lead && (/[A-Z]/.test(lead[1]!) || /^\s*[(["'*]*(?:option\s+)?[a-z][)\]"'*]*\s*(?:$|[.,;:!])/i.test(region))) {
      const letter = pick(lead[1]);
      if (letter) return letter;
    }
    for (const pattern of [/\(([A-Z])\)/g, /(?:^|[^A-Za-z])([A-Z])(?=[.):,;!]|$|\s)/g]) {
      const hit = [...region.matchAll(pattern)].find((m) => inRange(m[1]!));
      if (hit) return hit[1]!;
    }
    return null;
  }
  const opening = /^\s*[*_(["'“]*([A-Za-z])[*_"'”]*(?:[)\].:]|\s*$)/.exec(text);
  if (opening && inRange(opening[1]!.toUpperCase())) return opening[1]!.toUpperCase();
  const wrapped = [...text.matchAll(/\(([A-Z])\)/g)].reverse().find((m) => inRange(m[1]!));
  if (wrapped) return wrapped[1]!;
  const lone = [...text.matchAll(/(?:^|[^A-Za-z])([A-Z])(?=[.):,;!]|$|\s)/g)].reverse()
    .find((m) => inRange(m[1]!) && !(/[AI]/.test(m[1]!) && /^\s+[a-z]/.test(text.slice(m.index + m[0].length))));
  return lone ? lone[1]! : null;
}

/** The answer's first line after the answer phrase, without quotes, brackets or markdown emphasis ("**False**"). */
export function extractExact(reply: string): string | null {
  const region = afterAnswerPhrase(ownPart(reply)).trim();
  const line = region.split('\n').map((l) => l.trim()).find(Boolean);
  if (!line) return null;
  return line.replace(/^[("'`*_]+|[)"'`.!*_]+$/g, '').trim() || null;
}

/** Numbers one after another, apart only by commas, semicolons, spaces, line breaks or "and". */
const NUMBER_RUN = /-?\d+(?:\.\d+)?(?:(?:\s*[,;]\s*(?:and\s+)?|\s+(?:and\s+)?)-?\d+(?:\.\d+)?)*/g;

/**
 * A list of numbers: the first run of numbers after the answer phrase, else after the reply's last colon ("Sorted: -5
 * -2 0 3", "in ascending order: -5, -2, 0, and 3", across lines — not "There are 4 numbers." after it), else the
 * reply's last run ("The numbers 5, 3, 1 sorted are 1, 3, 5" → 1 3 5); "−" (U+2212) is a minus.
 */
export function extractNumberList(reply: string): string[] | null {
  const text = ownPart(reply).replace(/\u2212/g, '-');
  let region = afterAnswerPhrase(text);
  if (region === text) {
    const colon = text.lastIndexOf(':');
    if (colon >= 0 && /\d/.test(text.slice(colon))) region = text.slice(colon + 1);
  }
  const runs = region.match(NUMBER_RUN);
  if (!runs?.length) return null;
  const run = region === text ? runs[runs.length - 1]! : runs[0]!;
  return run.match(/-?\d+(?:\.\d+)?/g);
}

export function extractList(reply: string): string[] | null {
  const region = afterAnswerPhrase(ownPart(reply)).trim();
  const line = region.split('\n').map((l) => l.trim()).find(Boolean);
  if (!line) return null;
  const parts = line.replace(/[[\]().]+$|^[[\]]+/g, '').split(/[\s,;]+/).map((p) => p.replace(/^[[("']+|[\])"'.]+$/g, '')).filter(Boolean);
  return parts.length ? parts : null;
}

export interface Parsed {
  /** The extracted answer as text (a number, a letter, a string, a space-joined list), or null for none. */
  value: string | null;
  correct: boolean;
}

export function parseAnswer(reply: string, answerType: AnswerType, item: ProbeItem): Parsed {
  if (answerType === 'number') {
    const { value } = extractAnswer(ownPart(reply));
    return { value: value === null ? null : String(value), correct: sameAnswer(value, Number(item.answer.replace(/,/g, ''))) };
  }
  if (answerType === 'choice') {
    const value = extractChoice(reply, item.choices?.length ?? optionCount(item.question) ?? 26);
    return { value, correct: value === item.answer };
  }
  if (answerType === 'exact') {
    const value = extractExact(reply);
    return { value, correct: value !== null && value.toLowerCase() === item.answer.trim().toLowerCase() };
  }
  const gold = item.answer.trim().split(/\s+/);
  const numeric = gold.every((g) => Number.isFinite(Number(g)));
  const list = numeric ? extractNumberList(reply) : extractList(reply)?.filter((word) => !/^and$/i.test(word)) ?? null;
  const same = list !== null && list.length === gold.length
    && list.every((x, i) => (numeric ? Number(x) === Number(gold[i]) : x.toLowerCase() === gold[i]!.toLowerCase()));
  return { value: list ? list.join(' ') : null, correct: same };
}

/** Exact match: the reply (its own part, trimmed, without a final period or a "(A)" wrapper) is the gold answer. */
export function exactMatch(reply: string, item: ProbeItem): boolean {
  const text = ownPart(reply).trim().replace(/\.$/, '').replace(/^\(([A-Z])\)$/, '$1').trim();
  return text.toLowerCase() === item.answer.trim().toLowerCase();
}

/**
 * A judge's verdict: true for yes, false for no, null when it says neither or both ("yes and no"). "Not correct" /
 * "isn't right" anywhere is a no ("Yes, it is not correct").
 */
export function parseJudge(reply: string): boolean | null {
  const words = (ownPart(reply).toLowerCase().match(/(?:\bnot|n['’]t)\s+(?:correct|right)\b|\b(?:yes|no|correct|incorrect)\b/g) ?? []);
  if (words.some((word) => /\s/.test(word))) return false;
  const verdicts = new Set(words.map((word) => word === 'yes' || word === 'correct'));
  return verdicts.size === 1 ? [...verdicts][0]! : null;
}
