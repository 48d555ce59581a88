/**
 * Name-constrained decoding (issue 11): while a script's `$name` reference is being written, only tokens that keep it
 * a prefix of a name the page document really has are allowed, and a reference can only end on a whole name, so a
 * hallucinated element cannot be produced. With the API shape (which names are lists, with which item fields) the
 * members written after a handle are held to what that handle has: `$form__email.` takes an element method,
 * `$shop__items[0].` or `$shop__items.find("Lamp").` an item field or method, `.price.` a field method. Everything
 * else is looser: a member of a variable or of a call's result is one the interpreter's values have, a list field or
 * a word the script wrote itself; code outside references is free, and `$` inside string literals ("$12.50") is
 * text. Works on any vocabulary: each token's text is run through a tiny lexer.
 */
import {
  CAUGHT_ERROR_MEMBERS, ELEMENT_MEMBERS, elementMembersFor, FIELD_MEMBERS, ITEM_MEMBERS, LIST_MEMBERS, PRESS_KEYS, TAKES_ARGUMENT, VALUE_MEMBERS,
} from '../../../extension/protocol/script-api.ts';
import { SETTERS, TaskOrder, taskWords } from './task-order.ts';

/** What is known of the page API: list names with their item fields, and names that are single elements. */
export interface ScriptApiShape {
  lists: Readonly<Record<string, readonly string[]>>;
  elements: readonly string[];
  /** Element kinds, where known: `$field.` then takes only the methods that fit (no `.check()` on a text field). */
  kinds?: Readonly<Record<string, string>> | undefined;
  /** Element methods this model may not write (the bundled script writer was never trained on `press`). */
  leaveOut?: readonly string[] | undefined;
}

/**
 * A handle whose members are known; `head`: the element named at the start of a top-level statement; `keysOnly`: one
 * whose value a statement has set, which may still take a key (`$search.type("x")` then `$search.press("Enter")`).
 */
type Handle = { type: 'element'; kind: string | undefined; head?: string; keysOnly?: boolean } | { type: 'list'; list: string } | { type: 'item'; list: string } | { type: 'field' };
/**
 * Right after a complete handle, or after a member that is called (`(` comes next) and returns `result`; `bare`: a
 * method that takes no argument, so its `(` is followed by `)`.
 */
type After = Handle | { type: 'call'; result: Handle | undefined; bare?: boolean; spent?: boolean; key?: boolean; keysOf?: string };
/**
 * An open bracket that, once closed, leaves this handle (`$list[0]` → item, `.find(…)` → item); `spent`: the call
 * returns nothing worth reading (an action, `exists()`), so nothing may be read from it or called on it.
 */
interface Pending { depth: number; handle: Handle | undefined; empty?: boolean; spent?: boolean; reads?: boolean;
  /** `press(`: its argument is a key's name in quotes (`open`), then only `)` (`written`). */
  key?: 'open' | 'written';
  /** A press in a field already set, heading a statement: each key up to its limit there (see `pressed`). */
  keysOf?: string }

/** Calls whose arguments report a value (`done(…)`, `say(…)`): nothing inside them may act on the page. */
const READ_CALLS = new Set(['done', 'say']);
const ACTIONS = new Set(['click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll', 'open']);
const reading = (stack: readonly Pending[]) => stack.some((pending) => pending.reads);
const KEYS_ONLY: readonly string[] = ['press'];
/** How often a top-level statement may press each key in a field it has set: Enter and Escape once, the arrows that
 * walk a list of suggestions up to 10 times (review, session 24: the second suggestion was out of reach). */
const KEY_LIMITS: Readonly<Record<string, number>> = { Enter: 1, Escape: 1, ArrowDown: 10, ArrowUp: 10 };

/** Handle methods whose result has no members: actions (undefined), `exists()` and `forEach` (a boolean, nothing). */
const SPENT_RESULT = new Set(['click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll', 'open', 'exists', 'forEach']);

/**
 * `head`: at the start of a statement outside any bracket or block (straight-line code). `word`: the identifier or
 * number just written; `closed`: a bracket just closed on a plain value (`f(x)`, `a[0]`), so `.` reads a member.
 */
type Lexer =
  | { mode: 'code'; after: After | undefined; depth: number; stack: readonly Pending[]; head?: boolean; quoted?: boolean; word?: string; closed?: boolean; spent?: boolean; slash?: boolean;
    /** The `/` just written starts a regex literal, not a division (no value came before it). */
    regex?: boolean;
    /** Spaces after a value (`a /`): a `/` now divides. */
    valued?: boolean;
    /** `?` right after a handle: only the `.` of `?.` may follow. */
    optional?: boolean;
    /** `done`/`say` written, then only spaces: a `(` now opens a report (`done (…)`). */
    callee?: string }
  | { mode: 'comment'; line: boolean; star: boolean; depth: number; stack: readonly Pending[] }
  | { mode: 'name'; prefix: string; depth: number; stack: readonly Pending[]; head?: boolean }
  | { mode: 'member'; prefix: string; of: Handle; depth: number; stack: readonly Pending[] }
  | { mode: 'value'; prefix: string; depth: number; stack: readonly Pending[] }
  | { mode: 'string'; quote: string; escaped: boolean; depth: number; stack: readonly Pending[];
    /** The key's name written so far, in `press("…")`. */
    key?: string }
  /** A regex literal's pattern (`/[$,]/g`): text, as a string's is; `$` and `\` in it are no names or escapes of code. */
  | { mode: 'regex'; escaped: boolean; inClass: boolean; depth: number; stack: readonly Pending[] };

/** Words after which a `/` starts a regex literal (`return /x/.test(s)`). */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'await']);

const IDENTIFIER = /[\p{L}\p{M}\p{N}_]/u;
const AFTER_HANDLE = new Set([')', ']', '}', ',', ';']);
const START: Lexer = { mode: 'code', after: undefined, depth: 0, stack: [], head: true };
/** One character of a regex literal's pattern; its closing `/` leaves a value (flags and `.test(…)` may follow). */
function regexText(state: Extract<Lexer, { mode: 'regex' }>, ch: string): Lexer | null {
  if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') return null;
  if (state.escaped) return { ...state, escaped: false };
  if (ch === '\\') return { ...state, escaped: true };
  if (ch === '[') return { ...state, inClass: true };
  if (ch === ']') return { ...state, inClass: false };
  if (ch === '/' && !state.inClass) return { mode: 'code', after: undefined, depth: state.depth, stack: state.stack, closed: true };
  return state;
}

export class NameConstraint {
  private readonly names: ReadonlySet<string>;
  private readonly prefixes = new Set<string>();
  private readonly lists = new Map<string, readonly string[]>();
  private readonly itemMembers = new Map<string, readonly string[]>();
  private readonly elements: ReadonlySet<string>;
  private readonly kinds: ReadonlyMap<string, string>;
  /** Prefix → the most task words any name with that prefix shares (prefixes of no such name are absent). */
  private readonly best = new Map<string, number>();
  private weight = 0;
  /** The task's order (`prefer.order`): which names may head the next top-level statement. */
  private order: TaskOrder | undefined;
  private orderWeight = 0;
  /** Names top-level statements of the script have started with so far. */
  private readonly used = new Set<string>();
  private state: Lexer = START;
  /** Elements whose state a top-level statement has set: they cannot head another top-level statement (a second
   * `.type`/`.select`/`.check` would overwrite the first; no gold script of the corpus does: a model repeating
   * `$field.type(…)` is looping). */
  private readonly set = new Set<string>();
  /** Keys pressed by top-level statements in a field once it was set, counted up to KEY_LIMITS (review, session 24: a
   * looping model wrote `$form__email.press("Enter");` forever after a type); with every key used up it is ruled out again. */
  private readonly pressed = new Map<string, Map<string, number>>();
  /** Prefixes of the names that may still head a top-level statement (all prefixes while `set` is empty). */
  private headPrefixes: ReadonlySet<string> | undefined;
  private recording = false;
  /** Members a plain value may have: the interpreter's, the handles', the list fields (and all their prefixes). */
  private readonly valueMembers = new Set<string>();
  private readonly valuePrefixes = new Set<string>();
  /** Words the script has written (its variables and object keys): members of its own objects. */
  private readonly written = new Set<string>();
  private readonly writtenPrefixes = new Set<string>();
  private readonly leaveOut: ReadonlySet<string>;
  private readonly elementMembersByKind = new Map<string | undefined, readonly string[]>();

  /**
   * @param names the document's names, without `$`
   * @param pieces each token id's text (specials as '')
   * @param endIds ids that end the output (EOS): allowed only outside an unfinished name
   * @param api which names are lists (with their item fields) and which are elements; members of others are free
   */
  constructor(names: Iterable<string>, private readonly pieces: readonly string[], private readonly endIds: readonly number[] = [],
    api?: ScriptApiShape, prefer?: { text: string; weight: number; order?: number | undefined }) {
    this.names = new Set(names);
    for (const name of this.names) for (let i = 0; i <= name.length; i++) this.prefixes.add(name.slice(0, i));
    if (prefer && prefer.weight > 0) {
      const terms = taskTerms(prefer.text);
      for (const name of this.names) {
        const score = sharedWords(name, terms);
        if (score > 0) for (let i = 0; i <= name.length; i++) this.best.set(name.slice(0, i), Math.max(this.best.get(name.slice(0, i)) ?? 0, score));
      }
      this.weight = prefer.weight;
    }
    for (const [name, fields] of Object.entries(api?.lists ?? {})) {
      this.lists.set(name, fields);
      this.itemMembers.set(name, [...fields, ...ITEM_MEMBERS]);
    }
    this.elements = new Set(api?.elements ?? []);
    const fields = Object.values(api?.lists ?? {}).flat();
    for (const member of [...VALUE_MEMBERS, ...CAUGHT_ERROR_MEMBERS, ...ELEMENT_MEMBERS, ...LIST_MEMBERS, ...ITEM_MEMBERS, ...FIELD_MEMBERS, ...fields]) {
      this.valueMembers.add(member);
      for (let i = 0; i <= member.length; i++) this.valuePrefixes.add(member.slice(0, i));
    }
    this.kinds = new Map(Object.entries(api?.kinds ?? {}));
    this.leaveOut = new Set(api?.leaveOut ?? []);
    if (prefer?.order) {
      this.order = new TaskOrder(this.names, this.kinds, prefer.text);
      this.orderWeight = prefer.order;
    }
  }

  private setByStatement(name: string): void {
    if (this.set.has(name)) return;
    this.set.add(name);
    this.ruleOut();
  }

  private ruleOut(): void {
    const prefixes = new Set<string>();
    for (const other of this.names) if (!this.set.has(other) || this.pressable(other)) for (let i = 0; i <= other.length; i++) prefixes.add(other.slice(0, i));
    this.headPrefixes = prefixes;
  }

  /** An element that takes keys (a field): set once, it may still head statements that press a key in it (KEY_LIMITS). */
  private pressable(name: string): boolean {
    return this.elements.has(name) && this.elementMembers(this.kinds.get(name)).includes('press') && this.keysLeft(name).length > 0;
  }

  /** The keys a statement may still press in `name` (all of them for a field not set, or where none is counted). */
  private keysLeft(name: string | undefined): readonly string[] {
    const pressed = name === undefined ? undefined : this.pressed.get(name);
    return pressed ? PRESS_KEYS.filter((key) => (pressed.get(key) ?? 0) < (KEY_LIMITS[key] ?? 1)) : PRESS_KEYS;
  }

  private keyPressed(name: string, key: string): void {
    const pressed = this.pressed.get(name) ?? new Map<string, number>();
    pressed.set(key, (pressed.get(key) ?? 0) + 1);
    this.pressed.set(name, pressed);
    if (!this.keysLeft(name).length) this.ruleOut();
  }

  private handleOf(name: string, head = false): Handle | undefined {
    if (this.lists.has(name)) return { type: 'list', list: name };
    if (!this.elements.has(name)) return undefined;
    return head ? { type: 'element', kind: this.kinds.get(name), head: name } : { type: 'element', kind: this.kinds.get(name) };
  }

  /** `reads`: inside `done(…)`/`say(…)`, where a handle is read, not acted on (`done($x.click())` reports nothing). */
  private membersOf(handle: Handle, reads = false): readonly string[] {
    const all = this.allMembersOf(handle);
    if (!reads) return all;
    // A list's own field may be called `open` or `type`: it is read like any field.
    const fields = handle.type === 'item' ? this.lists.get(handle.list) ?? [] : [];
    return all.filter((member) => !ACTIONS.has(member) || fields.includes(member));
  }

  private elementMembers(kind: string | undefined): readonly string[] {
    if (!this.leaveOut.size) return elementMembersFor(kind);
    let members = this.elementMembersByKind.get(kind);
    if (!members) {
      members = elementMembersFor(kind).filter((member) => !this.leaveOut.has(member));
      this.elementMembersByKind.set(kind, members);
    }
    return members;
  }

  private allMembersOf(handle: Handle): readonly string[] {
    switch (handle.type) {
      case 'element': return handle.keysOnly ? KEYS_ONLY.filter((member) => !this.leaveOut.has(member)) : this.elementMembers(handle.kind);
      case 'list': return LIST_MEMBERS;
      case 'item': return this.itemMembers.get(handle.list) ?? ITEM_MEMBERS;
      case 'field': return FIELD_MEMBERS;
    }
  }

  /** What a complete member of `of` leaves: a field handle, a call (find → item, filter → list), or a plain value. */
  private afterMember(of: Handle, member: string): After | undefined {
    if (of.type === 'item' && member !== 'index' && (this.lists.get(of.list) ?? []).includes(member)) return { type: 'field' };
    if (of.type === 'list' && member === 'length') return undefined;
    if (of.type === 'item' && member === 'index') return undefined;
    if (of.type === 'list' && (member === 'find' || member === 'at')) return { type: 'call', result: { type: 'item', list: of.list } };
    if (of.type === 'list' && (member === 'filter' || member === 'slice')) return { type: 'call', result: { type: 'list', list: of.list } };
    const spent = SPENT_RESULT.has(member) ? { spent: true } : {};
    if (member === 'press' && of.type === 'element') return { type: 'call', result: undefined, spent: true, key: true, ...(of.keysOnly && of.head ? { keysOf: of.head } : {}) };
    return TAKES_ARGUMENT.has(member) ? { type: 'call', result: undefined, ...spent } : { type: 'call', result: undefined, bare: true, ...spent };
  }

  /** One character in code mode, with what came just before it (`after`). */
  private code(from: Extract<Lexer, { mode: 'code' }>, ch: string): Lexer | null {
    let state = from;
    // A string is not called: `"("("(` is valid JavaScript and a loop a small model falls into.
    if (state.quoted) {
      // Nor is it a value with members here: `" Buy".click…` is a call left open, not a string method.
      if (ch === '(' || ch === '.' || ch === '[') return null;
      if (/\s/.test(ch)) return state;
      state = { mode: 'code', after: state.after, depth: state.depth, stack: state.stack, ...(state.head ? { head: true } : {}) };
    }
    const { after } = state;
    let { depth, stack } = state;
    if (state.optional) return ch === '.' && after && after.type !== 'call' ? { mode: 'member', prefix: '', of: after, depth, stack } : null;
    // What an action returned is not read, indexed or called: `$box.check().replace(…)`.
    if (state.spent) {
      if (ch === '.' || ch === '[' || ch === '(') return null;
      // Across line breaks too (`$x.click()\n.foo` is one expression); they start a statement as usual.
      if (/\s/.test(ch)) return { ...state, head: state.depth === 0 && (ch === '\n' || state.head === true) };
      state = { mode: 'code', after: undefined, depth: state.depth, stack: state.stack, ...(state.head ? { head: true } : {}) };
    }
    // A comment is text (`// Fill the form.`), as a string is.
    if (state.slash && (ch === '/' || ch === '*')) return { mode: 'comment', line: ch === '/', star: false, depth, stack };
    // So is a regex literal's pattern, from its first character on.
    if (state.slash && state.regex) return regexText({ mode: 'regex', escaped: false, inClass: false, depth, stack }, ch);
    // Code has no escapes (`i\u0061` is an identifier); `$` glued to a word is part of that word, not a reference.
    if (ch === '\\') return null;
    const word = after === undefined ? state.word : undefined;
    const name = word !== undefined && !/^\d/.test(word);
    if (ch === '$' && name) return null;
    // Nor is a number called: `1(x` is valid JavaScript that can only throw (a lost model's `+1(best_area…`).
    if (ch === '(' && word !== undefined && !name) return null;
    if (ch === '.' && after === undefined && (name || state.closed)) {
      if (word && this.recording) this.remember(word);
      return { mode: 'value', prefix: '', depth, stack };
    }
    // A method that takes no argument gets none (`.exists($x.click())` would click while asking).
    const open = stack[stack.length - 1];
    if (open?.empty && open.depth === depth && ch !== ')' && !/\s/.test(ch)) return null;
    // A key is named in quotes (a looping model's `$field.press(` gets no text to type through it).
    if (open?.key && open.depth === depth && !/\s/.test(ch)) {
      if (open.key === 'open') return ch === '"' || ch === "'" ? { mode: 'string', quote: ch, escaped: false, depth, stack, key: '' } : null;
      if (ch !== ')') return null;
    }
    if (ch === '.' && after && after.type !== 'call') return { mode: 'member', prefix: '', of: after, depth, stack };
    // `?.` too: `$list.find("x")?.archive.click()` acts only on a match (find gives null when none matches).
    if (ch === '?' && after && after.type !== 'call') return { mode: 'code', after, depth, stack, optional: true };
    // Handles are not functions, only lists are indexed, and a method of a handle is called where it is named.
    if (ch === '(' && after && after.type !== 'call') return null;
    if (ch === '[' && after && after.type !== 'list' && after.type !== 'call') return null;
    if (after && /\s/.test(ch)) return state;
    if (ch !== '(' && after?.type === 'call') return null;
    // A handle is used through its members or passed on (`of $list)`, `waitFor($x)`), never assigned to, compared or
    // used as an operand, nor a bare statement: `$x = 1`, `$x == 2`, `$x - 7`, `$x < 3`, `$a\n$b` are refused.
    if (after && after.type !== 'call' && ch !== '[' && !AFTER_HANDLE.has(ch)) return null;
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      if (ch === '[' && after?.type === 'list') stack = [...stack, { depth, handle: { type: 'item', list: after.list } }];
      else if (ch === '(' && after?.type === 'call') {
        stack = [...stack, { depth, handle: after.result, ...(after.bare ? { empty: true } : {}), ...(after.spent ? { spent: true } : {}), ...(after.key ? { key: 'open' as const } : {}), ...(after.keysOf ? { keysOf: after.keysOf } : {}) }];
      }
      else if (ch === '(' && after === undefined && READ_CALLS.has(word ?? state.callee ?? '')) stack = [...stack, { depth, handle: undefined, reads: true }];
      return { mode: 'code', after: undefined, depth, stack };
    }
    if (ch === ')' || ch === ']' || ch === '}') {
      const top = stack[stack.length - 1];
      if (top && top.depth === depth) {
        const result = top.spent ? { spent: true } : top.handle || ch === '}' ? {} : { closed: true };
        return { mode: 'code', after: top.handle, depth: depth - 1, stack: stack.slice(0, -1), ...result };
      }
      return { mode: 'code', after: undefined, depth: Math.max(0, depth - 1), stack, head: ch === '}' && depth === 1, ...(ch === '}' ? {} : { closed: true }) };
    }
    if (ch === '$') return { mode: 'name', prefix: '', depth, stack, head: state.head === true && depth === 0 };
    if (ch === '"' || ch === "'" || ch === '`') return { mode: 'string', quote: ch, escaped: false, depth, stack };
    const head = depth === 0 && (ch === ';' || ch === '\n' || (/\s/.test(ch) && state.head === true));
    // The word being written goes on (a number also through its decimal point); any other character ends it.
    const next = IDENTIFIER.test(ch) || (ch === '.' && word && !name) ? `${word ?? ''}${ch}` : undefined;
    if (next === undefined && name && this.recording) this.remember(word);
    const slash = ch === '/' && after === undefined;
    // What came before decides a `/`: after a value (a name, a number, a closed bracket or string) it divides.
    const valueBefore = word !== undefined ? !REGEX_AFTER_WORDS.has(word) : from.closed === true || from.quoted === true || from.valued === true;
    const valued = /\s/.test(ch) && after === undefined && valueBefore;
    if (after === undefined && head === (state.head === true) && next === state.word && !state.closed && !state.slash && !slash && valued === (state.valued === true)) return state;
    const callee = /\s/.test(ch) && after === undefined ? (word !== undefined && READ_CALLS.has(word) ? word : state.callee) : undefined;
    return { mode: 'code', after: undefined, depth, stack, head, ...(next === undefined ? {} : { word: next }), ...(slash ? { slash, ...(valueBefore ? {} : { regex: true }) } : {}),
      ...(callee ? { callee } : {}), ...(valued ? { valued } : {}) };
  }

  /** Runs `text` through the lexer from `from`; null when it would write a name or member the page does not have. */
  private advance(from: Lexer, text: string): Lexer | null {
    let state: Lexer | null = from;
    for (const ch of text) {
      if (state.mode === 'comment') {
        if (state.line ? ch === '\n' : state.star && ch === '/') {
          state = { mode: 'code', after: undefined, depth: state.depth, stack: state.stack, ...(state.line && state.depth === 0 ? { head: true } : {}) };
        } else if (!state.line) state = { ...state, star: ch === '*' };
        continue;
      }
      if (state.mode === 'string' && state.key !== undefined) {
        const call = state.stack[state.stack.length - 1]!;
        const keys = this.keysLeft(call.keysOf);
        if (ch === state.quote) {
          if (!keys.includes(state.key)) return null;
          if (this.recording && call.keysOf !== undefined) this.keyPressed(call.keysOf, state.key);
          const stack: readonly Pending[] = [...state.stack.slice(0, -1), { ...call, key: 'written' as const }];
          state = { mode: 'code', after: undefined, depth: state.depth, stack, quoted: true };
          continue;
        }
        const key: string = state.key + ch;
        if (!keys.some((name) => name.startsWith(key))) return null;
        state = { ...state, key };
        continue;
      }
      if (state.mode === 'string') {
        // A quoted string ends at a line break (JavaScript's rule; only templates span lines): what follows is code.
        if (ch === '\n' && state.quote !== '`') state = { mode: 'code', after: undefined, depth: state.depth, stack: state.stack };
        else if (state.escaped) state = { ...state, escaped: false };
        else if (ch === '\\') state = { ...state, escaped: true };
        else if (ch === state.quote) state = { mode: 'code', after: undefined, depth: state.depth, stack: state.stack, quoted: true };
        continue;
      }
      if (state.mode === 'regex') {
        state = regexText(state, ch);
        if (!state) return null;
        continue;
      }
      if (state.mode === 'name') {
        if (IDENTIFIER.test(ch)) {
          const prefix: string = state.prefix + ch;
          if (!(state.head ? this.headPrefixes ?? this.prefixes : this.prefixes).has(prefix)) return null;
          state = { ...state, prefix };
          continue;
        }
        // `$a$b` is one identifier in JavaScript: a second reference cannot be glued to a name.
        if (!this.names.has(state.prefix) || ch === '$') return null;
        const keysOnly = state.head && this.set.has(state.prefix);
        if (keysOnly && !this.pressable(state.prefix)) return null;
        if (this.recording && state.head) this.used.add(state.prefix);
        const handle = this.handleOf(state.prefix, state.head);
        state = { mode: 'code', after: keysOnly && handle?.type === 'element' ? { ...handle, keysOnly: true } : handle, depth: state.depth, stack: state.stack };
      } else if (state.mode === 'value') {
        if (IDENTIFIER.test(ch)) {
          const prefix: string = state.prefix + ch;
          if (!this.valuePrefixes.has(prefix) && !this.writtenPrefixes.has(prefix)) return null;
          state = { ...state, prefix };
          continue;
        }
        if (!this.isValueMember(state.prefix)) return null;
        // The member is the word just written: `.` after it reads the next member (`m.subject.text()`).
        state = { mode: 'code', after: undefined, depth: state.depth, stack: state.stack, word: state.prefix };
      } else if (state.mode === 'member') {
        const members = this.membersOf(state.of, reading(state.stack));
        if (IDENTIFIER.test(ch)) {
          const prefix: string = state.prefix + ch;
          if (!members.some((m) => m.startsWith(prefix))) return null;
          state = { ...state, prefix };
          continue;
        }
        if (!members.includes(state.prefix) || ch === '$') return null;
        if (this.recording && state.of.type === 'element' && state.of.head && SETTERS.has(state.prefix)) this.setByStatement(state.of.head);
        state = { mode: 'code', after: this.afterMember(state.of, state.prefix), depth: state.depth, stack: state.stack };
      }
      state = this.code(state, ch);
      if (!state) return null;
    }
    if (state.mode === 'name' && !(state.head ? this.headPrefixes ?? this.prefixes : this.prefixes).has(state.prefix)) return null;
    return state;
  }

  private remember(word: string): void {
    if (this.written.has(word)) return;
    this.written.add(word);
    for (let i = 0; i <= word.length; i++) this.writtenPrefixes.add(word.slice(0, i));
  }

  private isValueMember(name: string): boolean {
    return this.valueMembers.has(name) || this.written.has(name);
  }

  /** Whether the token may come next. */
  allows(id: number): boolean {
    const { state } = this;
    if (this.endIds.includes(id)) {
      // A statement that is only a handle (`…;\n$search__filter`) does nothing: not a way to end.
      if (state.mode === 'name') return this.names.has(state.prefix) && !state.head;
      if (state.mode === 'member') {
        return this.membersOf(state.of, reading(state.stack)).includes(state.prefix) && this.afterMember(state.of, state.prefix)?.type !== 'call';
      }
      if (state.mode === 'value') return this.isValueMember(state.prefix);
      if (state.mode === 'comment') return state.line;
      if (state.mode === 'regex') return false;
      // A method named but not called (`$todos__items.exists`) is not a finished script.
      return !(state.mode === 'code' && (state.after?.type === 'call' || (state.after?.type === 'element' && state.after.head)));
    }
    const piece = this.pieces[id];
    // Specials (pad, bos) print nothing: inside a name they would let the name stall forever without ending it.
    if (piece === undefined || piece === '') return state.mode !== 'name' && state.mode !== 'member' && state.mode !== 'value';
    if (state.mode === 'comment') return this.advance(state, piece) !== null;
    // (A `(` after a number is refused by the lexer: such pieces take the long way.)
    const numberCalled = piece.includes('(') && (/\d/.test(piece) || /^\d/.test(state.mode === 'code' ? state.word ?? '' : ''));
    if (state.mode === 'code' && !state.after && !state.quoted && !state.closed && !state.spent && !/[$.\\]/.test(piece) && !numberCalled
      && (state.stack.length === 0 || (!state.stack[state.stack.length - 1]!.empty && !state.stack[state.stack.length - 1]!.key && !/[)\]}]/.test(piece)))) return true;
    return this.advance(state, piece) !== null;
  }

  /** Sets the logits of disallowed tokens to -Infinity (left as they are if nothing would remain). */
  mask(logits: Float32Array): void {
    const allowed: boolean[] = [];
    let any = false;
    for (let id = 0; id < logits.length; id++) {
      allowed[id] = this.allows(id);
      any ||= allowed[id]! && logits[id] !== -Infinity;
    }
    if (!any) return;
    for (let id = 0; id < logits.length; id++) if (!allowed[id]) logits[id] = -Infinity;
  }

  /**
   * Inside a `$name` (or a token that opens one), each allowed token gets `weight` × the most task words a name it can
   * still become shares: of several fields, the one the task names is preferred; the model decides among equals. A
   * top-level statement's name outside what the task's order allows next (TaskOrder.heads) loses `orderWeight`
   * (forms are filled in the order asked).
   */
  bias(logits: Float32Array): void {
    const { state } = this;
    const allowed = this.order?.heads(this.used);
    const ordered = allowed !== undefined && ((state.mode === 'name' && state.head === true && allowed.has(state.prefix))
      || (state.mode === 'code' && state.head === true && !state.after));
    if (!ordered && (!this.weight || !this.best.size)) return;
    const inName = state.mode === 'name';
    // Relative to the best still reachable: opening a reference gains nothing (only which name it becomes counts),
    // so the prior never pushes a model to start a `$name` where it would have closed a call or ended.
    const base = this.best.get(state.mode === 'name' ? state.prefix : '') ?? 0;
    for (let id = 0; id < logits.length; id++) {
      if (logits[id] === -Infinity) continue;
      const piece = this.pieces[id];
      if (!piece || (!inName && !piece.includes('$'))) continue;
      const after = this.advance(this.state, piece);
      if (!after) continue;
      const reached = after.mode === 'name' ? after.prefix : inName ? this.completed(piece) : /\$([\p{L}\p{M}\p{N}_]*)/u.exec(piece)![1]!;
      const whole = after.mode === 'name' || this.names.has(reached);
      const score = whole ? this.best.get(reached) ?? 0 : 0;
      if (this.weight && score !== base) logits[id]! += this.weight * (score - base);
      if (ordered && !(whole && allowed.has(reached))) logits[id]! -= this.orderWeight;
    }
  }

  /** The name this piece completes from the open prefix (its identifier characters up to the first other one). */
  private completed(piece: string): string {
    const prefix = this.state.mode === 'name' ? this.state.prefix : '';
    let out = prefix;
    for (const ch of piece) {
      if (!IDENTIFIER.test(ch)) break;
      out += ch;
    }
    return out;
  }

  /** The chosen token moves the lexer on. */
  accept(id: number): void {
    if (this.endIds.includes(id)) return;
    this.recording = true;
    try {
      this.state = this.advance(this.state, this.pieces[id] ?? '') ?? START;
    } finally {
      this.recording = false;
    }
  }

  /** Inside a reference that is not yet a whole name (for tests and diagnostics). */
  get openName(): string | undefined {
    return this.state.mode === 'name' ? this.state.prefix : undefined;
  }

  /** Inside a member of a known handle that is not yet complete (for tests and diagnostics). */
  get openMember(): string | undefined {
    return this.state.mode === 'member' ? this.state.prefix : undefined;
  }
}

const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'then', 'into', 'from', 'that', 'this', 'all', 'every', 'its', 'put', 'set',
  'field', 'press', 'click', 'type', 'enter', 'choose', 'pick', 'tick', 'turn', 'check', 'find', 'tell', 'what', 'how', 'many']);

/** The task's words worth matching: lowercase letters and digits, three or more, common verbs and fillers left out. */
export function taskTerms(text: string): string[] {
  return [...new Set(taskWords(text).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)))];
}

/** How many task terms are words of the name (a word of four or more letters also matches its plural or stem). */
export function sharedWords(name: string, terms: readonly string[]): number {
  const words = name.toLowerCase().split('_').filter(Boolean);
  const like = (a: string, b: string) => a === b || (a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length - b.length) <= 2);
  return terms.filter((term) => words.some((word) => like(word, term))).length;
}
