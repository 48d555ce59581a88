import type { Value } from './values.ts';

export interface Binding {
  value: Value;
  mutable: boolean;
  /** False between block entry and the declaration (the temporal dead zone of let/const). */
  initialized: boolean;
}

/** A block's variables; lookups walk up to the run's globals. */
export class Scope {
  readonly vars = new Map<string, Binding>();
  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Binding | undefined {
    const own = this.vars.get(name);
    if (own) return own;
    for (let scope = this.parent; scope; scope = scope.parent) {
      const binding = scope.vars.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  declare(name: string, value: Value, mutable: boolean, initialized = true): Binding {
    const binding = { value, mutable, initialized };
    this.vars.set(name, binding);
    return binding;
  }

  /** Every visible name, innermost first (for "did you mean" suggestions). */
  names(): string[] {
    const out: string[] = [...this.vars.keys()];
    for (let scope = this.parent; scope; scope = scope.parent) out.push(...scope.vars.keys());
    return out;
  }
}

/** Levenshtein distance, for suggesting the closest existing name. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

const MAX_SUGGESTED = 100;
const MAX_SUGGESTION_WORK = 3_000_000;

/**
 * Names models write for a member another library or language has, and ours by its name here: a suggestion by spelling
 * would point the wrong way (`setValue` → `value`, a read; `append` → nothing; explorer, session 32).
 */
const MEANT: ReadonlyMap<string, readonly string[]> = new Map([
  ['setvalue', ['type']], ['settext', ['type']], ['fill', ['type']], ['input', ['type']], ['sendkeys', ['type']],
  ['entertext', ['type']], ['typetext', ['type']], ['gettext', ['text']], ['innertext', ['text']], ['textcontent', ['text']],
  ['getvalue', ['value']], ['tap', ['click']], ['choose', ['select']], ['selectoption', ['select']], ['append', ['push']],
  ['add', ['push']], ['contains', ['includes']], ['size', ['length']], ['len', ['length']], ['count', ['length']],
  ['sum', ['reduce']], ['sort', ['filter', 'map']], ['getyear', ['getFullYear']], ['setyear', ['setFullYear']],
  ['togmtstring', ['toUTCString']],
]);

/** The closest candidate, when it is close enough to be a likely typo (or contains / is contained in the name). */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  // Typos are in names a person or model would write; the edit distance of two long strings (keys a script built) is
  // quadratic work inside one step, where no budget can stop it.
  if (name.length > MAX_SUGGESTED) return undefined;
  const meant = MEANT.get(name.toLowerCase());
  if (meant) {
    const known = new Set(candidates);
    const found = meant.find((member) => known.has(member));
    if (found) return found;
    candidates = known;
  }
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = name.toLowerCase();
  let work = 0;
  for (const candidate of new Set(candidates)) {
    if (candidate === name || candidate.length > MAX_SUGGESTED) continue;
    // An object of many thousand keys would make one suggestion seconds of work (and a script can catch and repeat);
    // a page's few thousand names fit.
    work += (name.length + 1) * (candidate.length + 1);
    if (work > MAX_SUGGESTION_WORK) break;
    const other = candidate.toLowerCase();
    let score = editDistance(lower, other);
    if (score > Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3))) {
      // Both at least three letters: a one-letter key inside a method name is no likely meaning (`a` for hasOwnProperty).
      // Page names compared without their `$`: `$most_read` is in `$aside__most_read` (a section prefix left out).
      const [a, b] = [lower.replace(/^\$/, ''), other.replace(/^\$/, '')];
      if (a.length >= 3 && b.length >= 3 && (b.includes(a) || a.includes(b))) score = Math.abs(other.length - lower.length) + 3;
      else continue;
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
