/**
 * Regular expressions as script values: `/\d+/g` and `RegExp(text, flags)` make a ScriptRegExp, run by our own matcher
 * (regex/) under the run's budgets, never by the host's. String methods that take a pattern (match, matchAll, replace,
 * replaceAll, split, search) call the functions here, which follow JavaScript's algorithms step by step.
 */
import { ScriptRuntimeError } from '../../protocol/errors.ts';
import { compile, type Program, RegexSyntaxError } from './regex/compile.ts';
import { advance, type Captures, search, type Ticker } from './regex/match.ts';
import {
  Capability, type CallSite, isCallable, isPrimitive, MethodOf, ScriptArray, ScriptObject, toNumber, toStr, typeOf, type Value,
} from './values.ts';

export const REGEXP_MEMBERS = [
  'source', 'flags', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'sticky', 'hasIndices', 'lastIndex', 'test', 'exec', 'toString',
];
/** A match's own fields beside its items (`m.index`, `m.groups.year`). */
export const MATCH_MEMBERS = ['index', 'input', 'groups', 'indices'];

/** Script steps charged per matcher instruction batch: a pattern's work counts as 1 step per 64 instructions. */
const INSTRUCTIONS_PER_STEP = 64;

/**
 * Compiled patterns kept for the next evaluation of the same literal (a regex in a loop): short patterns only, and few
 * of them — a cache of big ones kept hundreds of megabytes alive after the runs that made them (explorer, session 33).
 */
const cache = new Map<string, Program>();
const CACHED_SOURCE = 1_000;
const CACHED_PATTERNS = 100;

/** Compiles (or reuses) a pattern; a bad one is the script's error with JavaScript's message. */
export function program(source: string, flags: string): Program {
  const key = `${flags}/${source}`;
  let found = cache.get(key);
  if (!found) {
    try {
      found = compile(source, flags);
    } catch (error) {
      if (error instanceof RegexSyntaxError) throw new ScriptRuntimeError(error.message);
      throw error;
    }
    if (source.length <= CACHED_SOURCE) {
      if (cache.size >= CACHED_PATTERNS) cache.delete(cache.keys().next().value!);
      cache.set(key, found);
    }
  }
  return found;
}

/** A match array: its items, and `index`, `input` and `groups` as JavaScript gives them. */
export class MatchArray extends ScriptArray {
  constructor(items: Value[], readonly extras: ReadonlyMap<string, Value>) {
    super(items);
  }
}

/**
 * A pattern's `source` as JavaScript shows it (EscapeRegExpPattern): a `/` outside a class and line breaks escaped, so
 * `/${source}/` reads back as the same pattern; `(?:)` for the empty one.
 */
function shownSource(source: string): string {
  if (source === '') return '(?:)';
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      out += next === undefined ? c : c + next;
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c === '/' && !inClass ? '\\/' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\u2028' ? '\\u2028' : c === '\u2029' ? '\\u2029' : c;
  }
  return out;
}

/** lastIndex as a search reads it (ToLength): a whole number from 0 on; NaN and negatives are 0. */
function toLength(value: Value): number {
  const n = Math.trunc(toNumber(value));
  return Number.isNaN(n) || n < 0 ? 0 : Math.min(n, Number.MAX_SAFE_INTEGER);
}

export class ScriptRegExp extends Capability {
  readonly kind = 'regexp';
  /** What the script set (JavaScript keeps `1.5` or `"3"` as given); searches read it as a length. */
  private lastIndexValue: Value = 0;

  constructor(readonly program: Program) {
    super();
  }

  get lastIndex(): number {
    return toLength(this.lastIndexValue);
  }

  set lastIndex(value: number) {
    this.lastIndexValue = value;
  }

  describe(): string {
    return `/${shownSource(this.program.source)}/${this.program.flags}`;
  }

  memberNames(): string[] {
    return REGEXP_MEMBERS;
  }

  member(key: string): Value | undefined {
    const { parsed } = this.program;
    switch (key) {
      case 'source': return shownSource(this.program.source);
      case 'flags': return this.program.flags;
      case 'global': return parsed.global;
      case 'ignoreCase': return parsed.ignoreCase;
      case 'multiline': return parsed.multiline;
      case 'dotAll': return parsed.dotAll;
      case 'unicode': return parsed.unicode;
      case 'sticky': return parsed.sticky;
      case 'hasIndices': return parsed.hasIndices;
      case 'lastIndex': return this.lastIndexValue;
      case 'test': return new MethodOf('test', (a, site) => exec(this, toStr(a[0]), site) !== null, this);
      case 'exec': return new MethodOf('exec', (a, site) => {
        const input = toStr(a[0]);
        const caps = exec(this, input, site);
        return caps ? matchArray(this.program, input, caps, site) : null;
      }, this);
      case 'toString': return new MethodOf('toString', () => this.describe(), this);
      default: return undefined;
    }
  }

  /** `re.lastIndex = 0`: the one field a script may set. */
  assign(key: string, value: Value): boolean {
    if (key !== 'lastIndex') return false;
    // Kept as given, as JavaScript keeps it; only primitives (a handle or an object is no index).
    this.lastIndexValue = isPrimitive(value) ? value : toLength(value);
    return true;
  }
}

/**
 * Charges the matcher's instructions to the run as steps, carrying what is left over from one search to the next: a
 * split tries a search at every position, and rounding each up to a step made a 95k-character text a step budget.
 */
class StepTicker implements Ticker {
  private carried = 0;

  constructor(private readonly site: CallSite) {}

  tick(instructions: number): void {
    this.carried += instructions;
    const steps = Math.floor(this.carried / INSTRUCTIONS_PER_STEP);
    if (steps > 0) {
      this.carried -= steps * INSTRUCTIONS_PER_STEP;
      this.site.meter.step(this.site, steps);
    }
  }
}

/** The first match from `from` (only there when `anchored`); `ticker`: one per string method call. */
function find(program: Program, input: string, from: number, anchored: boolean, site: CallSite, ticker: Ticker = new StepTicker(site)): Captures | null {
  site.meter.checkTime(site);
  return search(program, input, from, anchored, ticker);
}

/** RegExpBuiltinExec: where a global or sticky pattern starts (its lastIndex) and what it leaves there. */
export function exec(re: ScriptRegExp, input: string, site: CallSite): Captures | null {
  const { global, sticky } = re.program.parsed;
  const from = global || sticky ? re.lastIndex : 0;
  if (from > input.length) {
    if (global || sticky) re.lastIndex = 0;
    return null;
  }
  const caps = find(re.program, input, from, sticky, site);
  if (global || sticky) re.lastIndex = caps ? caps[1]! : 0;
  return caps;
}

function groupText(input: string, caps: Captures, n: number): string | undefined {
  const start = caps[2 * n]!;
  const end = caps[2 * n + 1]!;
  return start < 0 || end < 0 ? undefined : input.slice(start, end);
}

function namedGroups(program: Program, input: string, caps: Captures): ScriptObject | undefined {
  if (program.names.size === 0) return undefined;
  const groups = new ScriptObject();
  for (const [name, n] of program.names) groups.props.set(name, groupText(input, caps, n));
  return groups;
}

/** With the `d` flag, where each group was found: `[start, end]`, undefined for a group that took no part. */
function indicesOf(program: Program, caps: Captures, site: CallSite): MatchArray {
  const pair = (n: number): Value => (caps[2 * n]! < 0 ? undefined : new ScriptArray([caps[2 * n]!, caps[2 * n + 1]!]));
  const items: Value[] = [];
  for (let n = 0; n <= program.groups; n++) items.push(pair(n));
  site.meter.array(items.length, site, items.length * 3);
  let groups: ScriptObject | undefined;
  if (program.names.size) {
    groups = new ScriptObject();
    for (const [name, n] of program.names) groups.props.set(name, pair(n));
  }
  return new MatchArray(items, new Map<string, Value>([['groups', groups]]));
}

function matchArray(program: Program, input: string, caps: Captures, site: CallSite): MatchArray {
  const items: Value[] = [];
  for (let n = 0; n <= program.groups; n++) items.push(groupText(input, caps, n));
  site.meter.array(items.length, site, items.length);
  const extras = new Map<string, Value>([['index', caps[0]!], ['input', input], ['groups', namedGroups(program, input, caps)]]);
  if (program.parsed.hasIndices) extras.set('indices', indicesOf(program, caps, site));
  return new MatchArray(items, extras);
}

/** What a string method's pattern argument means: a regex as it is, anything else as the source of one. */
function asRegExp(pattern: Value, flags: string): ScriptRegExp {
  if (pattern instanceof ScriptRegExp) return pattern;
  return new ScriptRegExp(program(pattern === undefined ? '(?:)' : toStr(pattern), flags));
}

/** Each match of a global pattern from 0, as JavaScript's global match and replace walk it (an empty match moves on). */
function allMatches(re: ScriptRegExp, input: string, site: CallSite): Captures[] {
  const found: Captures[] = [];
  const unicode = re.program.parsed.unicode;
  const ticker = new StepTicker(site);
  for (let from = 0; from <= input.length;) {
    const caps = find(re.program, input, from, re.program.parsed.sticky, site, ticker);
    if (!caps) break;
    found.push(caps.slice());
    // Each match keeps its groups' positions: all of them count (5,000 groups × 99,000 matches was 4 GB).
    site.meter.array(found.length, site, caps.length);
    from = caps[1] === caps[0] ? advance(input, caps[1]!, unicode) : caps[1]!;
  }
  return found;
}

export function stringMatch(input: string, pattern: Value, site: CallSite): Value {
  const re = asRegExp(pattern, '');
  if (!re.program.parsed.global) {
    const caps = exec(re, input, site);
    return caps ? matchArray(re.program, input, caps, site) : null;
  }
  re.lastIndex = 0;
  const found = allMatches(re, input, site);
  re.lastIndex = 0;
  return found.length === 0 ? null : new ScriptArray(found.map((caps) => input.slice(caps[0], caps[1])));
}

/** `matchAll`: every match as a match array (an array of them, which for…of, spread and Array.from read as JavaScript's iterator). */
export function stringMatchAll(input: string, pattern: Value, site: CallSite): Value {
  if (pattern instanceof ScriptRegExp && !pattern.program.parsed.global) {
    throw new ScriptRuntimeError('matchAll() needs a global regular expression (add the g flag)');
  }
  const re = pattern instanceof ScriptRegExp ? new ScriptRegExp(pattern.program) : asRegExp(pattern, 'g');
  const out: Value[] = [];
  let from = pattern instanceof ScriptRegExp ? pattern.lastIndex : 0; // ToLength: never negative
  const ticker = new StepTicker(site);
  while (from <= input.length) {
    const caps = find(re.program, input, from, re.program.parsed.sticky, site, ticker);
    if (!caps) break;
    out.push(matchArray(re.program, input, caps, site));
    site.meter.array(out.length, site, 1);
    from = caps[1] === caps[0] ? advance(input, caps[1]!, re.program.parsed.unicode) : caps[1]!;
  }
  return new ScriptArray(out);
}

export function stringSearch(input: string, pattern: Value, site: CallSite): number {
  const re = asRegExp(pattern, '');
  const caps = find(re.program, input, 0, re.program.parsed.sticky, site);
  return caps ? caps[0]! : -1;
}

/** JavaScript's GetSubstitution: `$&`, `` $` ``, `$'`, `$1`…`$99`, `$<name>` and `$$` in a replacement string. */
export function substitute(replacement: string, input: string, caps: Captures, groups: number, names: ReadonlyMap<string, number> | undefined, limit = Infinity): string {
  if (!replacement.includes('$')) return replacement;
  const start = caps[0]!;
  const end = caps[1]!;
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    // Measured as it grows: 600 `` $` `` of a million-character text would be past any string the host can make.
    if (out.length > limit) throw new SubstitutionTooLong();
    const c = replacement[i]!;
    const next = replacement[i + 1];
    if (c !== '$' || next === undefined) {
      out += c;
      continue;
    }
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '&') {
      out += input.slice(start, end);
      i++;
    } else if (next === '`') {
      out += input.slice(0, start);
      i++;
    } else if (next === "'") {
      out += input.slice(end);
      i++;
    } else if (next >= '0' && next <= '9') {
      const two = replacement[i + 2];
      const twoDigit = two !== undefined && two >= '0' && two <= '9' ? Number(next + two) : NaN;
      if (twoDigit >= 1 && twoDigit <= groups) {
        out += groupText(input, caps, twoDigit) ?? '';
        i += 2;
      } else if (Number(next) >= 1 && Number(next) <= groups) {
        out += groupText(input, caps, Number(next)) ?? '';
        i++;
      } else {
        out += c;
      }
    } else if (next === '<' && names && names.size > 0) {
      const close = replacement.indexOf('>', i + 2);
      if (close < 0) {
        out += c;
        continue;
      }
      const n = names.get(replacement.slice(i + 2, close));
      out += n === undefined ? '' : groupText(input, caps, n) ?? '';
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

class SubstitutionTooLong extends Error {}

/** Builds the replaced string piece by piece, with the string budget checked as it grows. */
async function replaced(input: string, matches: Captures[], replacement: Value, program: Program | undefined, site: CallSite): Promise<string> {
  const groups = program?.groups ?? 0;
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  const add = (part: string) => {
    length += part.length;
    if (length > site.meter.budgets.stringLength) throw site.meter.exceeded('stringLength', site);
    parts.push(part);
  };
  for (const caps of matches) {
    add(input.slice(last, caps[0]));
    if (isCallable(replacement)) {
      const args: Value[] = [];
      for (let n = 0; n <= groups; n++) args.push(groupText(input, caps, n));
      args.push(caps[0]!, input);
      const named = program ? namedGroups(program, input, caps) : undefined;
      if (named) args.push(named);
      add(toStr(await site.call(replacement, args)));
    } else {
      let piece: string;
      try {
        piece = substitute(toStr(replacement), input, caps, groups, program?.names, site.meter.budgets.stringLength - length);
      } catch (error) {
        if (error instanceof SubstitutionTooLong) throw site.meter.exceeded('stringLength', site);
        throw error;
      }
      add(piece);
    }
    last = caps[1]!;
  }
  add(input.slice(last));
  return site.meter.string(parts.join(''), site, true);
}

/** A plain-text search's matches as capture positions: the first, or all of them (an empty search matches between characters). */
function textMatches(input: string, search: string, all: boolean, site: CallSite): Captures[] {
  const found: Captures[] = [];
  for (let at = input.indexOf(search); at >= 0; at = input.indexOf(search, at + Math.max(search.length, 1))) {
    found.push(Int32Array.of(at, at + search.length));
    if (!all) break;
    site.meter.array(found.length, site, 1);
    if (at >= input.length) break;
  }
  return found;
}

export async function stringReplace(input: string, pattern: Value, replacement: Value, all: boolean, site: CallSite): Promise<string> {
  if (pattern instanceof ScriptRegExp) {
    const { global } = pattern.program.parsed;
    if (all && !global) throw new ScriptRuntimeError('replaceAll() needs a global regular expression (add the g flag)');
    let matches: Captures[];
    if (global) {
      pattern.lastIndex = 0;
      matches = allMatches(pattern, input, site);
      pattern.lastIndex = 0;
    } else {
      const caps = exec(pattern, input, site);
      matches = caps ? [caps.slice()] : [];
    }
    return replaced(input, matches, replacement, pattern.program, site);
  }
  return replaced(input, textMatches(input, toStr(pattern), all, site), replacement, undefined, site);
}

/** `split` by a pattern, as JavaScript's @@split does it: each match's groups go between the pieces. */
export function stringSplit(input: string, separator: ScriptRegExp, limitValue: Value, site: CallSite): ScriptArray {
  const limit = limitValue === undefined ? 2 ** 32 - 1 : toNumber(limitValue) >>> 0;
  const out: Value[] = [];
  const push = (value: Value) => {
    out.push(value);
    site.meter.array(out.length, site, 1);
  };
  if (limit === 0) return new ScriptArray([]);
  const program = separator.program;
  if (input.length === 0) {
    return new ScriptArray(find(program, input, 0, true, site) ? [] : [input]);
  }
  let p = 0;
  let q = p;
  const ticker = new StepTicker(site);
  while (q < input.length) {
    const caps = find(program, input, q, true, site, ticker);
    const end = caps ? Math.min(caps[1]!, input.length) : -1;
    if (!caps || end === p) {
      q = advance(input, q, program.parsed.unicode);
      continue;
    }
    push(input.slice(p, q));
    if (out.length === limit) return new ScriptArray(out);
    for (let n = 1; n <= program.groups; n++) {
      push(groupText(input, caps, n));
      if (out.length === limit) return new ScriptArray(out);
    }
    p = end;
    q = p;
  }
  push(input.slice(p));
  return new ScriptArray(out);
}

/** `RegExp(pattern, flags)` and `new RegExp(…)`: text (or another regex, whose flags it keeps unless given new ones). */
export function makeRegExp(args: Value[]): ScriptRegExp {
  const [pattern, flags] = args;
  if (flags !== undefined && typeof flags !== 'string') throw new ScriptRuntimeError(`RegExp() flags must be text, not ${typeOf(flags)}`);
  if (pattern instanceof ScriptRegExp) return new ScriptRegExp(program(pattern.program.source, flags ?? pattern.program.flags));
  return new ScriptRegExp(program(pattern === undefined ? '' : toStr(pattern), flags ?? ''));
}
