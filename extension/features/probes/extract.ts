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

export function extractChoice(reply: string, count = 26): string | null {
  const text = ownPart(reply);
  const region = afterAnswerPhrase(text);
  const max = String.fromCharCode(64 + Math.min(26, Math.max(1, count)));
  const inRange = (letter: string) => letter >= 'A' && letter <= max;
  for (const pattern of [/\(([A-Z])\)/g, /(?:^|[^A-Za-z])([A-Z])(?:[.):]|$|\s)/g]) {
    const scoped = region === text ? [...text.matchAll(pattern)].reverse() : [...region.matchAll(pattern)];
    const hit = scoped.find((m) => inRange(m[1]!));
    if (hit) return hit[1]!;
  }
  return null;
}

export function extractExact(reply: string): string | null {
  const region = afterAnswerPhrase(ownPart(reply)).trim();
  const line = region.split('\n').map((l) => l.trim()).find(Boolean);
  if (!line) return null;
  return line.replace(/^[("'`]+|[)"'`.!]+$/g, '').trim() || null;
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
    const value = extractChoice(reply, item.choices?.length ?? 26);
    return { value, correct: value === item.answer };
  }
  if (answerType === 'exact') {
    const value = extractExact(reply);
    return { value, correct: value !== null && value.toLowerCase() === item.answer.trim().toLowerCase() };
  }
  const list = extractList(reply);
  const gold = item.answer.trim().split(/\s+/);
  const numeric = gold.every((g) => Number.isFinite(Number(g)));
  const same = list !== null && list.length === gold.length
    && list.every((x, i) => (numeric ? Number(x) === Number(gold[i]) : x.toLowerCase() === gold[i]!.toLowerCase()));
  return { value: list ? list.join(' ') : null, correct: same };
}

/** Exact match: the reply (its own part, trimmed, without a final period or a "(A)" wrapper) is the gold answer. */
export function exactMatch(reply: string, item: ProbeItem): boolean {
  const text = ownPart(reply).trim().replace(/\.$/, '').replace(/^\(([A-Z])\)$/, '$1').trim();
  return text.toLowerCase() === item.answer.trim().toLowerCase();
}

/** A judge's verdict: true for yes, false for no, null when it says neither (or both). */
export function parseJudge(reply: string): boolean | null {
  // "not correct" / "not right" is a no, whatever word comes first.
  const words = (ownPart(reply).toLowerCase().match(/\bnot\s+(?:correct|right)\b|\b(?:yes|no|correct|incorrect)\b/g) ?? []);
  const first = words[0];
  if (first === undefined) return null;
  return first === 'yes' || first === 'correct';
}
