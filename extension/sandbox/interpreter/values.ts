import type { Node } from 'acorn';
import { ApiError, ScriptRuntimeError } from '../../protocol/errors.ts';
import type { Meter } from './budget.ts';

/**
 * The values a script can hold. Script objects and arrays are our own classes (a Map, a plain array behind a
 * field), never host objects, so no member access can reach a host prototype: every property read goes through
 * `getMember` in members.ts, which only knows our tables.
 */
export type Primitive = undefined | null | boolean | number | string;
export type Value = Primitive | ScriptArray | ScriptObject | ScriptFunction | NativeFunction | Capability;

export class ScriptArray {
  constructor(readonly items: Value[] = []) {}
}

/** A key JavaScript treats as an array index ("0", "42"; not "007", "-1" or "1.5"): such keys come first, in order. */
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;

/**
 * An object's properties in JavaScript's order, whoever reads them (Object.keys/entries, for…in, JSON, print, exports):
 * index-like keys first in ascending order, then the others as they were added. So counting votes into `c[n]` and
 * taking the first of the most common picks what JavaScript picks (explorer, session 32: insertion order gave 5, not 3).
 */
class Props extends Map<string, Value> {
  /** Whether the keys were added in JavaScript's order (so the Map's own order is it): the usual case, kept cheap. */
  private inOrder = true;
  private lastIndex = -1;
  private named = false;
  /** The keys in JavaScript's order, while no key is added or removed. */
  private ordered: [string, Value][] | undefined;

  override set(key: string, value: Value): this {
    if (!super.has(key)) {
      this.ordered = undefined;
      if (!isIndexKey(key)) this.named = true;
      else {
        const index = Number(key);
        if (this.named || index < this.lastIndex) this.inOrder = false;
        this.lastIndex = index;
      }
    } else if (this.ordered) {
      this.ordered = undefined;
    }
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.ordered = undefined;
    return super.delete(key);
  }

  override clear(): void {
    this.ordered = undefined;
    super.clear();
  }

  private inJavaScriptOrder(): [string, Value][] {
    if (!this.ordered) {
      const all = [...super.entries()];
      const indices = all.filter(([key]) => isIndexKey(key)).sort((a, b) => Number(a[0]) - Number(b[0]));
      this.ordered = [...indices, ...all.filter(([key]) => !isIndexKey(key))];
    }
    return this.ordered;
  }

  override entries(): MapIterator<[string, Value]> {
    if (this.inOrder) return super.entries();
    return this.inJavaScriptOrder()[Symbol.iterator]() as MapIterator<[string, Value]>;
  }

  override keys(): MapIterator<string> {
    if (this.inOrder) return super.keys();
    return this.inJavaScriptOrder().map(([key]) => key)[Symbol.iterator]() as MapIterator<string>;
  }

  override values(): MapIterator<Value> {
    if (this.inOrder) return super.values();
    return this.inJavaScriptOrder().map(([, value]) => value)[Symbol.iterator]() as MapIterator<Value>;
  }

  override [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }

  override forEach(callback: (value: Value, key: string, map: Map<string, Value>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** Objects and arrays a script froze (`Object.freeze`): shallow, as JavaScript's; changing one is the script's error. */
const FROZEN = new WeakSet<ScriptObject | ScriptArray>();

export function freeze(value: Value): Value {
  if (value instanceof ScriptObject || value instanceof ScriptArray) FROZEN.add(value);
  return value;
}

export const isFrozen = (value: Value): boolean =>
  value instanceof ScriptObject || value instanceof ScriptArray ? FROZEN.has(value) : !(value instanceof Capability) && !isCallable(value);

/** Throws where a script changes what it froze. */
export function assertChangeable(value: Value, what: string): void {
  if ((value instanceof ScriptObject || value instanceof ScriptArray) && FROZEN.has(value)) {
    throw new ScriptRuntimeError(`cannot ${what}: the ${value instanceof ScriptArray ? 'array' : 'object'} is frozen (Object.freeze)`, { js: 'TypeError' });
  }
}

export class ScriptObject {
  readonly props: Map<string, Value> = new Props();
  constructor(entries?: Iterable<[string, Value]>) {
    if (entries) for (const [key, value] of entries) this.props.set(key, value);
  }
}

/**
 * An error as a script holds it (`new Error(message)`, what `catch (e)` gets): plain data, `name` and `message` among
 * its properties, that reads as `Name: message` in text, as a JavaScript error does.
 */
export class ErrorObject extends ScriptObject {
  /**
   * The constructor that made it (`Error`, `TypeError`, `RangeError`), for `instanceof`; a script error caught by the
   * script (ApiError, NotFoundError…) is an `Error`. Its `name` property may be changed, this may not.
   */
  constructor(name: string, message: string, extra?: Iterable<[string, Value]>, readonly madeBy: string = 'Error') {
    super(extra);
    this.props.set('name', name);
    this.props.set('message', message);
  }
}

/** A function written in the script: its AST, and the scope it closes over. */
/** A function's name is shown in messages and exports; one named after a computed key can be any length. */
const MAX_FUNCTION_NAME = 100;

export class ScriptFunction {
  readonly name: string;
  constructor(
    name: string,
    readonly node: FunctionNode,
    readonly closure: unknown, // a Scope; typed loosely here to keep this file free of the interpreter
  ) {
    this.name = name.length > MAX_FUNCTION_NAME ? `${name.slice(0, MAX_FUNCTION_NAME)}…` : name;
  }
}

export interface FunctionNode extends Node {
  type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression';
  params: Node[];
  body: Node;
  expression?: boolean;
}

/** Where a native function is being called from, and what it may use of the interpreter. */
export interface CallSite {
  readonly line: number;
  readonly column: number;
  readonly meter: Meter;
  /** Calls a script or native function value (for callbacks such as `filter(fn)`). */
  call(fn: Value, args: Value[]): Promise<Value>;
  /** Counts one unit of work against the step budget (natives that loop call it per item). */
  step(count?: number): void;
}

export type NativeImpl = (args: Value[], site: CallSite) => Value | Promise<Value>;

/**
 * A function we provide (Math.max, say, $x.click…). `props` are its own fields, e.g. Number.isInteger. `notAValue`: a
 * page handle's method is no data (`$x.value` for `$x.value()`); what to say when a script compares, joins or returns it.
 */
export class NativeFunction {
  constructor(
    readonly name: string,
    readonly impl: NativeImpl,
    readonly props?: ReadonlyMap<string, Value>,
    readonly notAValue?: string,
    /** What `new` of it makes, where that differs from a call (`Date()` is text, `new Date()` a date). */
    readonly construct?: NativeImpl,
  ) {}
}

/**
 * A method read off a value (a string, an array, a date…): it works on that value, and `call`/`apply` given another
 * value of the same kind read the same method off that one (`[].concat.apply([], lists)`).
 */
export class MethodOf extends NativeFunction {
  constructor(name: string, impl: NativeImpl, readonly receiver: Value, like?: NativeFunction) {
    super(name, impl, like?.props, like?.notAValue, like?.construct);
  }
}

/**
 * A function read off a capability (`$a.click`, `set.has`), as a method of it: `$a.click.call($b)` clicks b, not a.
 * A namespace's functions (Math, JSON, Object, console) are no methods: they ignore `thisArg`, as JavaScript's do
 * (`Math.max.apply({}, xs)`), and stay the same value read twice (`Math.max === Math.max`).
 */
export function methodOfCapability(owner: Capability, key: string, fn: NativeFunction): NativeFunction {
  return fn instanceof MethodOf || owner.kind === 'namespace' ? fn : new MethodOf(key, fn.impl, owner, fn);
}

/**
 * A value a capability set hands to scripts (an element handle, a list, the Math namespace…). Member reads go to
 * `member`, which returns undefined for names it does not know; the interpreter then raises ApiError with a
 * suggestion from `memberNames`.
 */
export abstract class Capability {
  abstract readonly kind: string;
  abstract describe(): string;
  abstract member(key: string, site: CallSite): Value | Promise<Value> | undefined;
  abstract memberNames(): string[];
  /** `x[i]` with a number; undefined when the capability is not indexable. */
  getIndex?(i: number, site: CallSite): Value | Promise<Value>;
  /** `for…of` and spread; undefined when not iterable. */
  iterate?(site: CallSite): Promise<Value[]>;
  /** What the value becomes when it leaves the interpreter (a result, a log entry). */
  exportAs(): ExportedValue {
    return this.describe();
  }
  /**
   * A page handle is no text of its own: where a script compares it with text, joins it into a string or returns it,
   * this says what to call instead (`.text()`). Undefined for capabilities that may be used as values.
   */
  notAValue?(): string;
  /** What to write instead of a member the capability does not have (a list's `.text()`: its items' texts). */
  missingHint?(key: string): string | undefined;
  /**
   * The primitive a value stands for in arithmetic, comparisons and text (a date: its time, or its text), as
   * JavaScript's ToPrimitive with that hint; undefined for capabilities that are no number or text of their own.
   */
  primitive?(hint: 'number' | 'string' | 'default'): Primitive;
}

/** Plain data that leaves the interpreter (results, logs, messages); structured-clone safe. */
export type ExportedValue = null | boolean | number | string | ExportedValue[] | { [key: string]: ExportedValue };

/** Names that no script may use, as a variable or as a property: the usual ways out of a JavaScript sandbox. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'caller', 'callee', 'arguments',
]);
export const FORBIDDEN_IDENTIFIERS: ReadonlySet<string> = new Set([
  ...FORBIDDEN_PROPERTIES, 'globalThis', 'window', 'self', 'document', 'Function', 'eval', 'require', 'process',
  'chrome', 'browser', 'Reflect', 'Proxy', 'WebAssembly', 'importScripts', 'fetch', 'XMLHttpRequest',
]);

/** Why `value` may not stand for data (a page handle, one of its methods), else undefined. */
export function misuseOf(value: Value): string | undefined {
  if (value instanceof Capability) return value.notAValue?.();
  if (value instanceof NativeFunction) return value.notAValue;
  return undefined;
}

/** The first value inside `value` (itself, its items and properties, at most `limit` looked at) that `misuseOf` names. */
export function misuseIn(value: Value, limit = 100_000): string | undefined {
  const seen = new Set<ScriptArray | ScriptObject>();
  const stack: Value[] = [value];
  for (let left = limit; stack.length && left > 0; left--) {
    const next = stack.pop();
    const misuse = misuseOf(next);
    if (misuse) return misuse;
    if (!(next instanceof ScriptArray || next instanceof ScriptObject) || seen.has(next)) continue;
    seen.add(next);
    const inner = next instanceof ScriptArray ? next.items : [...next.props.values()];
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
  }
  return undefined;
}

/**
 * `item.sender === "Maya Chen"` is always false: a page handle (or one of its methods) is not its text. Compared with
 * text, a number or a boolean (`===`, `switch`, an array's `includes`/`indexOf`) it is an ApiError saying what to call;
 * with null or undefined (`row !== null` after find()) or another value (`$a === $b`) it compares as itself.
 */
export function checkCompared(a: Value, b: Value): void {
  for (const [x, y] of [[a, b], [b, a]]) {
    const misuse = misuseOf(x);
    if (misuse && y !== null && y !== undefined && isPrimitive(y)) throw new ApiError(misuse);
  }
}

export function isCallable(value: Value): value is ScriptFunction | NativeFunction {
  return value instanceof ScriptFunction || value instanceof NativeFunction;
}

export function typeOf(value: Value): string {
  if (value === null) return 'object';
  if (isCallable(value)) return 'function';
  const t = typeof value;
  return t === 'object' ? 'object' : t;
}

export function truthy(value: Value): boolean {
  if (value === null || value === undefined) return false;
  // `if ($x.exists)`: a page method is always there; what the script means is its answer.
  if (value instanceof NativeFunction && value.notAValue) throw new ApiError(value.notAValue);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

export function isPrimitive(value: Value): value is Primitive {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/**
 * Thrown by the walks below (toStr, stringify) when their output would pass the limit: arrays may share parts, so a
 * small value can print as an exponentially long string. The interpreter turns it into a BudgetError.
 */
export class TooLarge extends Error {}

/** Default output limit for the walks below, in characters (the interpreter passes the run's string budget). */
export const DEFAULT_TEXT_LIMIT = 1_000_000;

interface Walk {
  left: number;
  seen: Set<unknown>;
  /** Characters of string data still allowed (exports only). */
  chars?: number;
  /** Printing, not JSON: NaN, Infinity, -0, undefined and functions show as themselves (`display`). */
  shown?: boolean;
  /** JSON.stringify's array replacer: the only object keys written, at every depth. */
  keys?: ReadonlySet<string>;
}

function charge(walk: Walk, n: number): void {
  walk.left -= n;
  if (walk.left < 0) throw new TooLarge();
}

/** String conversion without ever calling a host or script `toString`. */
export function toStr(value: Value, limit = DEFAULT_TEXT_LIMIT): string {
  if (typeof value === 'string') return value;
  return toStrWalk(value, { left: limit, seen: new Set() });
}

/**
 * Several values' strings (join, concat) within one walk: what they cost together — characters and every array
 * visited, so a deep chain that prints as "" is paid for each time it appears — stays within `limit`.
 */
export function toStrEach(values: readonly Value[], limit = DEFAULT_TEXT_LIMIT): string[] {
  const walk: Walk = { left: limit, seen: new Set() };
  return values.map((value) => {
    if (typeof value !== 'string') return toStrWalk(value, walk);
    charge(walk, value.length);
    return value;
  });
}

function toStrWalk(value: Value, walk: Walk): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    charge(walk, value.length);
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value);
    charge(walk, text.length);
    return text;
  }
  if (value instanceof ScriptArray) {
    if (walk.seen.has(value)) return '';
    charge(walk, 1);
    walk.seen.add(value);
    const parts: string[] = [];
    for (const item of value.items) {
      charge(walk, 1);
      parts.push(item === null || item === undefined ? '' : toStrWalk(item, walk));
    }
    walk.seen.delete(value);
    return parts.join(',');
  }
  if (value instanceof ErrorObject) {
    if (walk.seen.has(value)) return '';
    // Each visit costs: errors whose name and message are the next error would print 2^depth times (review, session 26).
    charge(walk, 1);
    walk.seen.add(value);
    const part = (key: string, fallback: string) => {
      const item = value.props.get(key);
      return item === undefined ? fallback : toStrWalk(item, walk);
    };
    const name = part('name', 'Error');
    const message = part('message', '');
    walk.seen.delete(value);
    const text = name && message ? `${name}: ${message}` : name || message;
    charge(walk, text.length);
    return text;
  }
  const misuse = misuseOf(value);
  if (misuse) throw new ApiError(misuse);
  const text = value instanceof Capability && value.primitive ? String(value.primitive('string'))
    : value instanceof ScriptObject ? '[object Object]'
    : value instanceof ScriptFunction || value instanceof NativeFunction ? `function ${value.name}() { … }` : value.describe();
  charge(walk, text.length);
  return text;
}

/**
 * A value as a number, as JavaScript converts it (no valueOf/toString is ever run). A page handle or one of its methods
 * (`a.price - b.price`, `Number(item.price)`, `Math.max(h, 1)`) is no number of its own: the ApiError that says what to
 * call, not a silent NaN.
 */
export function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (value === undefined) return NaN;
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return Number(value);
  if (value instanceof ScriptArray) {
    if (value.items.length === 0) return 0;
    if (value.items.length === 1) return toNumber(isPrimitive(value.items[0]) || misuseOf(value.items[0]) ? value.items[0] : NaN);
  }
  if (value instanceof Capability && value.primitive) return toNumber(value.primitive('number'));
  const misuse = misuseOf(value);
  if (misuse) throw new ApiError(misuse);
  return NaN;
}

/**
 * Turns a value into plain data; functions become their description, cycles are cut, and past `limit` nodes or
 * `charLimit` characters of strings the rest is cut too. Shared parts are exported each time they appear, so the
 * character limit is what keeps one million-character string referenced a thousand times from becoming a billion.
 */
export function exportValue(value: Value, limit = 100_000, charLimit = 2_000_000): ExportedValue {
  return exportWalk(value, { left: limit, seen: new Set(), chars: charLimit }, 0);
}

/** Deeper than this, exported data is cut (`[…]`): the host's structured clone and JSON have stack limits too. */
const MAX_EXPORT_DEPTH = 200;

function exportWalk(value: Value, walk: Walk, depth: number): ExportedValue {
  if (value === undefined || value === null) return null;
  if (depth > MAX_EXPORT_DEPTH && (value instanceof ScriptArray || value instanceof ScriptObject)) return '[…]';
  if (typeof value === 'string' && walk.chars !== undefined) {
    if (value.length <= walk.chars) {
      walk.chars -= value.length;
      return value;
    }
    const kept = Math.max(0, walk.chars);
    walk.chars = 0;
    return `${value.slice(0, kept)}…`;
  }
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (walk.seen.has(value)) return '[circular]';
  if (value instanceof ScriptArray || value instanceof ScriptObject) {
    if (walk.left <= 0) return '[…]';
    walk.left -= 1;
  }
  if (value instanceof ScriptArray) {
    walk.seen.add(value);
    const out: ExportedValue[] = [];
    for (const item of value.items) {
      if (walk.left-- <= 0) break;
      out.push(exportWalk(item, walk, depth + 1));
    }
    walk.seen.delete(value);
    return out;
  }
  if (value instanceof ScriptObject) {
    walk.seen.add(value);
    const out: { [key: string]: ExportedValue } = {};
    for (const [key, item] of value.props) {
      if (item === undefined || isCallable(item)) continue;
      if (walk.left-- <= 0) break;
      // Keys count like the strings they are (a million-character key referenced a thousand times).
      if (walk.chars !== undefined) {
        if (key.length > walk.chars) break;
        walk.chars -= key.length;
      }
      // defineProperty: a key named "__proto__" stays an own data property instead of setting a prototype.
      Object.defineProperty(out, key, { value: exportWalk(item, walk, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    walk.seen.delete(value);
    return out;
  }
  if (isCallable(value)) return `[function ${value.name}]`;
  return value.exportAs();
}

/**
 * Host data (JSON.parse output, bridge results) into script values: only plain data is kept. `made` counts the arrays
 * and objects created and the longest array, for the caller to charge (each costs far more memory than a character).
 */
export function importValue(data: unknown, depth = 0, made?: { containers: number; longest: number }): Value {
  if (depth > 100) return null;
  if (data === undefined || data === null) return data as null | undefined;
  if (typeof data === 'boolean' || typeof data === 'number' || typeof data === 'string') return data;
  if (Array.isArray(data)) {
    if (made) {
      made.containers += 1;
      made.longest = Math.max(made.longest, data.length);
    }
    return new ScriptArray(data.map((item) => importValue(item, depth + 1, made)));
  }
  if (typeof data === 'object') {
    if (made) made.containers += 1;
    const obj = new ScriptObject();
    for (const key of Object.keys(data)) obj.props.set(key, importValue((data as Record<string, unknown>)[key], depth + 1, made));
    return obj;
  }
  return undefined;
}

/** Printed form for print()/say()/logs: strings as they are, everything else JSON-like. */
export function display(value: Value, limit = DEFAULT_TEXT_LIMIT): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (isCallable(value)) return `[function ${value.name}]`;
  // JSON-like, but what JSON turns to null or leaves out is shown as it is: `[NaN,Infinity,undefined,-0]`.
  return stringifyWalk(value, undefined, { left: limit, seen: new Set(), shown: true }, '') ?? 'undefined';
}

/**
 * `display` for messages and printed lines: never throws. A value too long to show within `limit` (or that contains
 * itself) is named by its kind, so a long object in an error message is not a string-budget failure.
 */
export function displayBrief(value: Value, limit = DEFAULT_TEXT_LIMIT): string {
  try {
    return display(value, limit).slice(0, limit);
  } catch {
    return `[${typeOf(value)} too long or circular to show]`;
  }
}

/** Our own JSON.stringify over script values (no toJSON, no replacer functions; `keys`: an array replacer's keys). */
export function stringify(value: Value, indent: string | undefined, limit = DEFAULT_TEXT_LIMIT, keys?: ReadonlySet<string>): string | undefined {
  return stringifyWalk(value, indent, { left: limit, seen: new Set(), ...(keys ? { keys } : {}) }, '');
}

function stringifyWalk(value: Value, indent: string | undefined, walk: Walk, depth: string): string | undefined {
  if (walk.shown && value === undefined) return 'undefined';
  if (walk.shown && isCallable(value)) return `[function ${value.name}]`;
  if (value === undefined || isCallable(value)) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') {
    const text = walk.shown && Object.is(value, -0) ? '-0'
      : typeof value === 'number' && !Number.isFinite(value) && !walk.shown ? 'null' : String(value);
    charge(walk, text.length);
    return text;
  }
  if (typeof value === 'string') {
    charge(walk, value.length + 2);
    return JSON.stringify(value);
  }
  if (value instanceof Capability) {
    // A set or map (collections.ts) is `{}` in JSON, as in JavaScript; printed, its kind, size and contents.
    if (value.kind === 'regexp') return walk.shown ? value.describe() : '{}';
    // A date is its ISO text in JSON (its toJSON; null when invalid); printed, that text bare, as a console shows it.
    if (value.kind === 'date') {
      const iso = value.exportAs();
      if (walk.shown) return value.describe();
      if (typeof iso !== 'string') return 'null';
      charge(walk, iso.length + 2);
      return JSON.stringify(iso);
    }
    const collection = value.kind === 'set' || value.kind === 'map';
    if (collection && walk.shown) return `${value.describe()} ${JSON.stringify(value.exportAs())}`;
    return collection ? '{}' : JSON.stringify(value.describe());
  }
  if (walk.seen.has(value)) throw new ScriptRuntimeError('JSON.stringify: the value contains itself (a cycle)');
  walk.seen.add(value);
  const inner = indent ? depth + indent : '';
  const open = indent ? `\n${inner}` : '';
  const close = indent ? `\n${depth}` : '';
  const sep = indent ? `,\n${inner}` : ',';
  let out: string;
  if (value instanceof ScriptArray) {
    const parts: string[] = [];
    for (const item of value.items) {
      charge(walk, 1 + inner.length);
      parts.push(stringifyWalk(item, indent, walk, inner) ?? 'null');
    }
    out = parts.length ? `[${open}${parts.join(sep)}${close}]` : '[]';
  } else {
    const parts: string[] = [];
    for (const [key, item] of value.props) {
      if (walk.keys && !walk.keys.has(key)) continue;
      const text = stringifyWalk(item, indent, walk, inner);
      if (text === undefined) continue;
      charge(walk, key.length + 4 + inner.length);
      parts.push(`${JSON.stringify(key)}:${indent ? ' ' : ''}${text}`);
    }
    out = parts.length ? `{${open}${parts.join(sep)}${close}}` : '{}';
  }
  walk.seen.delete(value);
  return out;
}

export function strictEquals(a: Value, b: Value): boolean {
  return a === b;
}

/** `==` on primitives as JavaScript does it; an object only equals itself (no valueOf/toString is ever called). */
export function looseEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (isPrimitive(a) && isPrimitive(b)) {
    if (a === null || a === undefined || b === null || b === undefined) return false;
    return toNumber(a) === toNumber(b) && !(typeof a === 'string' && typeof b === 'string');
  }
  return false;
}

export function sameValueZero(a: Value, b: Value): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}
