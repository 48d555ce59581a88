import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { SCRIPT_ECMA_VERSION } from '../../../protocol/script-api.ts';

/**
 * Regular expressions for scripts, compiled to a small backtracking program that match.ts runs with a step budget: a
 * native RegExp could run for ever inside one step (`(a+)+$`), where nothing can stop it. regexpp checks the syntax
 * exactly as JavaScript does and gives the tree; the program follows JavaScript's matching rules (leftmost alternative
 * first, greedy or lazy repeats, captures reset on each repetition, an optional repetition may not match empty).
 */

export type Inst =
  | { op: 'char'; c: number; back: boolean }
  | { op: 'set'; test: (c: number) => boolean; back: boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; slot: number }
  | { op: 'reset'; from: number; to: number }
  | { op: 'mark'; r: number }
  | { op: 'check'; r: number }
  | { op: 'assert'; kind: 'start' | 'end' | 'word' | 'notword' }
  | { op: 'backref'; group: number; back: boolean }
  | { op: 'look'; negate: boolean; start: number; next: number }
  | { op: 'match' };

export interface Flags {
  global: boolean;
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  unicode: boolean;
  sticky: boolean;
  /** `d`: matches say where each group was found (`indices`). */
  hasIndices: boolean;
}

export interface Program {
  source: string;
  flags: string;
  parsed: Flags;
  insts: Inst[];
  /** Capturing groups, not counting the whole match. */
  groups: number;
  /** Group number → name, for `groups` and `$<name>`; empty when the pattern names none. */
  names: Map<string, number>;
  registers: number;
  /** A character every match starts with, when the pattern says so (no `i` flag): the search skips to it. */
  firstChar: number | undefined;
}

/** A pattern or its flags that JavaScript refuses, or one too big to run: the message is JavaScript's kind of message. */
export class RegexSyntaxError extends Error {}

/** The most instructions a pattern may compile to (`a{1000}` repeats its atom), and the deepest nesting. */
const MAX_INSTRUCTIONS = 200_000;
/** The most capturing groups: every search start and lookaround copies their positions. */
const MAX_GROUPS = 1_000;
const MAX_DEPTH = 100;
const KNOWN_FLAGS = 'dgimsuy';

export function parseFlags(flags: string): Flags {
  for (let i = 0; i < flags.length; i++) {
    if (!KNOWN_FLAGS.includes(flags[i]!) || flags.indexOf(flags[i]!) !== i) {
      throw new RegexSyntaxError(`Invalid regular expression flags '${flags.slice(0, 20)}'`);
    }
  }
  return {
    global: flags.includes('g'), ignoreCase: flags.includes('i'), multiline: flags.includes('m'),
    dotAll: flags.includes('s'), unicode: flags.includes('u'), sticky: flags.includes('y'), hasIndices: flags.includes('d'),
  };
}

/** Flags in JavaScript's canonical order, as `re.flags` gives them. */
export function canonicalFlags(flags: Flags): string {
  return `${flags.hasIndices ? 'd' : ''}${flags.global ? 'g' : ''}${flags.ignoreCase ? 'i' : ''}${flags.multiline ? 'm' : ''}${flags.dotAll ? 's' : ''}${flags.unicode ? 'u' : ''}${flags.sticky ? 'y' : ''}`;
}

const parser = new RegExpParser({ ecmaVersion: SCRIPT_ECMA_VERSION });

export function compile(source: string, flagText: string): Program {
  const flags = parseFlags(flagText);
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: flags.unicode });
  } catch (error) {
    if (error instanceof RangeError) throw new RegexSyntaxError(`Invalid regular expression: /${source.slice(0, 60)}/: nested too deeply`);
    throw new RegexSyntaxError(error instanceof Error ? error.message : String(error));
  }
  return new Compiler(source, flags).program(pattern, canonicalFlags(flags));
}

// ── characters ──────────────────────────────────────────────────────────────────────────────────────────────

export const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
export const isWordChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f;
const isSpace = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
  || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const canonicalCache = new Map<number, number>();

/**
 * The character an `i` pattern compares (JavaScript's Canonicalize): upper case without `u` (never a non-ASCII letter
 * to an ASCII one), simple lower case with it. One character in, one out; anything longer keeps the character.
 */
export function canonical(c: number, unicode: boolean): number {
  if (c < 0x80) {
    if (unicode) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
    return c >= 0x61 && c <= 0x7a ? c - 32 : c;
  }
  const key = unicode ? -c : c;
  let known = canonicalCache.get(key);
  if (known === undefined) {
    const text = String.fromCodePoint(c);
    if (unicode) {
      // Simple case folding, near enough: the lower case of the upper case, each one character (ς → Σ → σ, ſ → S →
      // s, K (Kelvin) → k, µ → Μ → μ); a character whose upper case is longer (ß → SS) folds to its own lower case.
      const upper = text.toUpperCase();
      const folded = ([...upper].length === 1 ? upper : text).toLowerCase();
      known = [...folded].length === 1 ? folded.codePointAt(0)! : c;
      // Only ſ and K (Kelvin) fold to ASCII letters: Turkish ı stays ı (its upper case I is not what it folds to).
      if (c >= 0x80 && known < 0x80 && c !== 0x17f && c !== 0x212a) known = c;
    } else {
      const changed = text.toUpperCase();
      const n = changed.codePointAt(0)!;
      known = [...changed].length !== 1 || n < 0x80 ? c : n;
    }
    if (canonicalCache.size < 10_000) canonicalCache.set(key, known);
  }
  return known;
}

/** `\p{…}` tested one character at a time with the host's own tables: a fixed one-character pattern cannot run away. */
const propertyCache = new Map<string, RegExp>();
function propertyTest(key: string, value: string | null): (c: number) => boolean {
  const name = value === null ? key : `${key}=${value}`;
  let re = propertyCache.get(name);
  if (!re) {
    re = new RegExp(`^\\p{${name}}$`, 'u');
    propertyCache.set(name, re);
  }
  const property = re;
  return (c) => property.test(String.fromCodePoint(c));
}

// ── the compiler ────────────────────────────────────────────────────────────────────────────────────────────

class Compiler {
  private readonly insts: Inst[] = [];
  private readonly groupNumbers = new Map<AST.CapturingGroup, number>();
  private registers = 0;
  private depth = 0;
  /**
   * Inside a lookbehind, JavaScript matches right to left: its elements are compiled in reverse, characters are read
   * before the position, and a group saves its end before its start. So greedy parts inside take what JavaScript's do.
   */
  private back = false;

  constructor(private readonly source: string, private readonly flags: Flags) {}

  program(pattern: AST.Pattern, flagText: string): Program {
    const names = new Map<string, number>();
    const groups: AST.CapturingGroup[] = [];
    const collect = (node: AST.Node): void => {
      if (node.type === 'CapturingGroup') groups.push(node);
      for (const child of childrenOf(node)) collect(child);
    };
    collect(pattern);
    if (groups.length > MAX_GROUPS) {
      throw new RegexSyntaxError(`Invalid regular expression: /${this.source.slice(0, 60)}/: more than ${MAX_GROUPS} capturing groups`);
    }
    groups.sort((a, b) => a.start - b.start).forEach((group, i) => {
      this.groupNumbers.set(group, i + 1);
      if (group.name) names.set(group.name, i + 1);
    });
    this.emit({ op: 'save', slot: 0 });
    this.alternatives(pattern.alternatives);
    this.emit({ op: 'save', slot: 1 });
    this.emit({ op: 'match' });
    const first = this.insts[1];
    return {
      source: this.source, flags: flagText, parsed: this.flags, insts: this.insts, groups: groups.length, names,
      registers: this.registers,
      firstChar: first?.op === 'char' && !this.flags.ignoreCase && pattern.alternatives.length === 1 ? first.c : undefined,
    };
  }

  private emit(inst: Inst): number {
    if (this.insts.length >= MAX_INSTRUCTIONS) {
      throw new RegexSyntaxError(`Invalid regular expression: /${this.source.slice(0, 60)}/: too large to run (repeat counts multiply its size)`);
    }
    this.insts.push(inst);
    return this.insts.length - 1;
  }

  private alternatives(alternatives: readonly AST.Alternative[]): void {
    if (++this.depth > MAX_DEPTH) throw new RegexSyntaxError(`Invalid regular expression: /${this.source.slice(0, 60)}/: nested too deeply`);
    const jumps: Inst[] = [];
    const elementsOf = (alternative: AST.Alternative) => (this.back ? [...alternative.elements].reverse() : alternative.elements);
    alternatives.forEach((alternative, i) => {
      if (i < alternatives.length - 1) {
        const split: Inst = { op: 'split', x: 0, y: 0 };
        this.emit(split);
        (split as { x: number }).x = this.insts.length;
        for (const element of elementsOf(alternative)) this.element(element);
        const jump: Inst = { op: 'jmp', x: 0 };
        this.emit(jump);
        jumps.push(jump);
        (split as { y: number }).y = this.insts.length;
      } else {
        for (const element of elementsOf(alternative)) this.element(element);
      }
    });
    for (const jump of jumps) (jump as { x: number }).x = this.insts.length;
    this.depth--;
  }

  private element(node: AST.Element): void {
    switch (node.type) {
      case 'Character':
        this.emit({ op: 'char', c: this.flags.ignoreCase ? canonical(node.value, this.flags.unicode) : node.value, back: this.back });
        return;
      case 'CharacterSet':
        this.emit({ op: 'set', test: this.caseless(this.characterSet(node)), back: this.back });
        return;
      case 'CharacterClass': {
        // `[^…]` with `i` is "no member has the same canonical form": the case-blind test first, then the negation.
        const test = this.caseless(this.characterClass(node));
        this.emit({ op: 'set', test: node.negate ? (c) => !test(c) : test, back: this.back });
        return;
      }
      case 'Group':
        this.alternatives(node.alternatives);
        return;
      case 'CapturingGroup': {
        const n = this.groupNumbers.get(node)!;
        this.emit({ op: 'save', slot: this.back ? 2 * n + 1 : 2 * n });
        this.alternatives(node.alternatives);
        this.emit({ op: 'save', slot: this.back ? 2 * n : 2 * n + 1 });
        return;
      }
      case 'Backreference': {
        const target = Array.isArray(node.resolved) ? node.resolved[0]! : node.resolved;
        this.emit({ op: 'backref', group: this.groupNumbers.get(target)!, back: this.back });
        return;
      }
      case 'Assertion':
        this.assertion(node);
        return;
      case 'Quantifier':
        this.quantifier(node);
        return;
      default:
        throw new RegexSyntaxError(`Invalid regular expression: /${this.source.slice(0, 60)}/: ${node.type} is not supported`);
    }
  }

  private assertion(node: AST.Assertion): void {
    if (node.kind === 'start' || node.kind === 'end') {
      this.emit({ op: 'assert', kind: node.kind });
      return;
    }
    if (node.kind === 'word') {
      this.emit({ op: 'assert', kind: node.negate ? 'notword' : 'word' });
      return;
    }
    this.lookaround(node as AST.LookaroundAssertion);
  }

  private lookaround(node: AST.LookaroundAssertion): void {
    const look = { op: 'look' as const, negate: node.negate, start: 0, next: 0 };
    this.emit(look);
    look.start = this.insts.length;
    const outer = this.back;
    this.back = node.kind === 'lookbehind';
    this.alternatives(node.alternatives);
    this.back = outer;
    this.emit({ op: 'match' });
    look.next = this.insts.length;
  }

  /** The slots of the capturing groups inside `node`, which each repetition starts without (JavaScript resets them). */
  private slotsInside(node: AST.Node): [number, number] | undefined {
    let low = Infinity;
    let high = -Infinity;
    const visit = (n: AST.Node): void => {
      if (n.type === 'CapturingGroup') {
        const number = this.groupNumbers.get(n)!;
        low = Math.min(low, number);
        high = Math.max(high, number);
      }
      for (const child of childrenOf(n)) visit(child);
    };
    visit(node);
    return low === Infinity ? undefined : [2 * low, 2 * high + 2];
  }

  private quantifier(node: AST.Quantifier): void {
    const slots = this.slotsInside(node.element);
    const once = (optional: boolean, register: number) => {
      if (optional) this.emit({ op: 'mark', r: register });
      if (slots) this.emit({ op: 'reset', from: slots[0], to: slots[1] });
      this.element(node.element);
      if (optional) this.emit({ op: 'check', r: register });
    };
    for (let i = 0; i < node.min; i++) {
      const before = this.insts.length;
      once(false, -1);
      // An atom that compiles to nothing (`(?:)`, `a{0}`) matches empty however often it repeats: once is all of them
      // (`(?:){2147483647}` looped two billion times here before any budget could stop it; explorer, session 33).
      if (this.insts.length === before) break;
    }
    if (node.max === node.min) return;
    const register = this.registers++;
    if (node.max === Infinity) {
      const split = { op: 'split' as const, x: 0, y: 0 };
      const loop = this.emit(split);
      const body = this.insts.length;
      once(true, register);
      this.emit({ op: 'jmp', x: loop });
      const out = this.insts.length;
      split.x = node.greedy ? body : out;
      split.y = node.greedy ? out : body;
      return;
    }
    // {n,m}: m - n optional copies, each reached only after the one before it matched.
    const splits: { op: 'split'; x: number; y: number }[] = [];
    for (let i = node.min; i < node.max; i++) {
      const split = { op: 'split' as const, x: 0, y: 0 };
      this.emit(split);
      splits.push(split);
      (split as { body?: number }).body = this.insts.length;
      once(true, register);
    }
    const out = this.insts.length;
    for (const split of splits) {
      const body = (split as { body?: number }).body!;
      delete (split as { body?: number }).body;
      split.x = node.greedy ? body : out;
      split.y = node.greedy ? out : body;
    }
  }

  private characterSet(node: AST.CharacterSet | AST.EscapeCharacterSet): (c: number) => boolean {
    switch (node.kind) {
      case 'any':
        return this.flags.dotAll ? () => true : (c) => !isLineTerminator(c);
      case 'digit':
        return node.negate ? (c) => !isDigit(c) : isDigit;
      case 'space':
        return node.negate ? (c) => !isSpace(c) : isSpace;
      case 'word': {
        // With `i` and `u`, ſ and K (Kelvin) are word characters (they fold to s and k), and so not \W.
        const word = this.flags.ignoreCase && this.flags.unicode ? (c: number) => isWordChar(c) || c === 0x17f || c === 0x212a : isWordChar;
        return node.negate ? (c) => !word(c) : word;
      }
      case 'property': {
        if (node.strings) throw new RegexSyntaxError(`Invalid regular expression: /${this.source.slice(0, 60)}/: properties of strings are not supported`);
        const test = propertyTest(node.key, node.value);
        return node.negate ? (c) => !test(c) : test;
      }
    }
  }

  /**
   * The class's members, whether or not it is negated: its characters and ranges as sorted, merged ranges searched in
   * halves (a class of 300,000 ranges costs a character 19 comparisons, not 300,000), then its escapes (`\d`, `\p{L}`).
   */
  private characterClass(node: AST.CharacterClass): (c: number) => boolean {
    const escapes: ((c: number) => boolean)[] = [];
    const chars = new Set<number>();
    const spans: Array<[number, number]> = [];
    const seen = new Set<string>();
    for (const element of node.elements) {
      if (element.type === 'Character') {
        chars.add(element.value);
        spans.push([element.value, element.value]);
      } else if (element.type === 'CharacterClassRange') spans.push([element.min.value, element.max.value]);
      else if (element.type === 'CharacterSet') {
        // Each kind of escape once (`[\d\d\d…]` is `[\d]`).
        const set = element as AST.EscapeCharacterSet | AST.CharacterUnicodePropertyCharacterSet;
        const key = `${set.kind}:${set.negate}:${set.kind === 'property' ? `${set.key}=${set.value}` : ''}`;
        if (!seen.has(key)) {
          seen.add(key);
          escapes.push(this.characterSet(set));
        }
      }
      else throw new RegexSyntaxError(`Invalid regular expression: /${this.source.slice(0, 60)}/: ${element.type} is not supported`);
    }
    const ranges = mergedRanges(spans);
    const tests = [(c: number) => inRanges(ranges, c), ...escapes];
    if (this.flags.ignoreCase) {
      // With `i`, a listed character stands for every character of its canonical form (`[ς]` holds σ and Σ).
      const unicode = this.flags.unicode;
      const folded = new Set([...chars].map((c) => canonical(c, unicode)));
      return (c: number) => chars.has(c) || folded.has(canonical(c, unicode)) || tests.some((test) => test(c));
    }
    return (c: number) => chars.has(c) || tests.some((test) => test(c));
  }

  /** With `i`, a class holds a character when it holds any character of the same canonical form. */
  private caseless(test: (c: number) => boolean): (c: number) => boolean {
    if (!this.flags.ignoreCase) return test;
    const unicode = this.flags.unicode;
    return (c) => {
      if (test(c)) return true;
      const folded = canonical(c, unicode);
      if (folded !== c && test(folded)) return true;
      // The other characters of the same canonical form a class may hold: the folded one's other case (Kelvin K folds
      // to k, whose upper case K is in [A-Z]), and this one's own cases.
      const text = String.fromCodePoint(c);
      const shown = String.fromCodePoint(folded);
      for (const other of [text.toLowerCase(), text.toUpperCase(), shown.toUpperCase(), shown.toLowerCase()]) {
        const n = other.codePointAt(0)!;
        if (n !== c && [...other].length === 1 && canonical(n, unicode) === folded && test(n)) return true;
      }
      return false;
    };
  }
}

/** Sorted, merged ranges as one flat array (start, end, start, end…). */
function mergedRanges(spans: Array<[number, number]>): Int32Array {
  spans.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of spans) {
    if (out.length && start <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
    else out.push(start, end);
  }
  return Int32Array.from(out);
}

function inRanges(ranges: Int32Array, c: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (c < ranges[2 * mid]!) high = mid - 1;
    else if (c > ranges[2 * mid + 1]!) low = mid + 1;
    else return true;
  }
  return false;
}

function childrenOf(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return node.kind === 'lookahead' || node.kind === 'lookbehind' ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    default:
      return [];
  }
}
