/**
 * Which option `select("…")` means, for a native select, a page-drawn list and a datalist alike: the same text, then
 * the same but for case (or its value), then the initials of its words ("UK" is "United Kingdom", "UAE" "United Arab
 * Emirates", not "Ukraine"), then one with a word that starts so ("York" is "New York"), then one holding the text.
 * Explorer, session 39: `select("UK")` on a country list chose "Ukraine", the first option holding "uk".
 */

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
const MINOR_WORDS = new Set(['of', 'the', 'and', '&', 'de', 'du', 'des', 'la', 'le', 'y', 'et', 'und']);

/** The initials of a text's words, all of them and without its small words ("United States of America": USOA, USA). */
function initialsOf(text: string): string[] {
  const words = norm(text).toLowerCase().split(/[\s\-/,()]+/u).filter((w) => /\p{L}/u.test(w));
  const all = words.map((w) => [...w][0]).join('');
  const major = words.filter((w) => !MINOR_WORDS.has(w)).map((w) => [...w][0]).join('');
  return all === major ? [all] : [all, major];
}

/**
 * Written as an abbreviation: two to six capitals, or letters with dots ("UK", "USA", "u.s.a."). Not a word ("Home",
 * "Cat": "Health, Outdoors, Music & Entertainment" is no "Home"; review, session 40).
 */
const abbreviation = (text: string): string | undefined => {
  const written = norm(text);
  const letters = written.replace(/\./g, '');
  const capitals = /^\p{Lu}{2,6}$/u.test(written);
  const dotted = /^(?:\p{L}\.){2,6}$|^(?:\p{L}\.){1,5}\p{L}$/u.test(written);
  return (capitals || dotted) && /^\p{L}{2,6}$/u.test(letters) ? letters.toLowerCase() : undefined;
};

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How an option was matched: `partly` where it was not by its whole text or value (the reply then names it). */
export interface OptionMatch<T> {
  option: T;
  partly: boolean;
}

/**
 * The option `wanted` means among `options`, by the names each goes by (`names`: its text first, a value or first line
 * after) and, of several matching at one step, the first that `usable` allows (one not disabled), else the first.
 */
export interface MatchWays {
  /** How many of an option's names an exact match reads (a page-drawn option: its name and its first line). */
  exactNames?: number;
  /** How many a partial match reads (a datalist: its label and its value). */
  partialNames?: number;
  /** Whether initials may match (not where the option chosen is not judged before it is taken: a page-drawn picker). */
  initials?: boolean;
}

export function matchOption<T>(options: readonly T[], wanted: string, names: (option: T) => string[], usable: (option: T) => boolean = () => true,
  ways: MatchWays = {}): OptionMatch<T> | undefined {
  const { exactNames = 1, partialNames = 1, initials = true } = ways;
  const want = norm(wanted);
  const lower = want.toLowerCase();
  if (!lower) {
    const empty = options.filter((o) => names(o).some((n) => norm(n) === ''));
    return empty.length ? { option: empty.find(usable) ?? empty[0]!, partly: false } : undefined;
  }
  const short = initials ? abbreviation(want) : undefined;
  const wordStart = new RegExp(`(?<![\\p{L}\\p{N}])${escaped(lower)}`, 'u');
  const steps: Array<[(name: string, i: number) => boolean, boolean]> = [
    [(name, i) => i < exactNames && norm(name) === want, false],
    [(name) => norm(name).toLowerCase() === lower, false],
    [(name, i) => i === 0 && short !== undefined && initialsOf(name).includes(short), true],
    [(name, i) => i < partialNames && wordStart.test(norm(name).toLowerCase()), true],
    [(name, i) => i < partialNames && norm(name).toLowerCase().includes(lower), true],
  ];
  for (const [matches, partly] of steps) {
    const found = options.filter((o) => names(o).some((name, i) => matches(name, i)));
    if (found.length) return { option: found.find(usable) ?? found[0]!, partly };
  }
  return undefined;
}

/** At most `max` of `texts` nearest to `wanted` (same initials or start first), for an error that lists options. */
export function closestOptions(texts: readonly string[], wanted: string, max = 20): string[] {
  const lower = norm(wanted).toLowerCase().replace(/\./g, '');
  if (!lower || texts.length <= max) return texts.slice(0, max);
  const shared = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const scored = texts.map((text, i) => {
    const initials = initialsOf(text);
    const score = Math.max(...initials.map((x) => shared(x, lower))) * 2 + shared(norm(text).toLowerCase(), lower);
    return { text, i, score };
  });
  const near = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.i - b.i);
  return (near.length ? near : scored).slice(0, max).map((s) => s.text);
}
