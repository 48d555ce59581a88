import { ApiError, ScriptRuntimeError } from '../../protocol/errors.ts';
import { hostIntl, intlOptions, localesArg } from './intl.ts';
import { MatchArray, ScriptRegExp, stringMatch, stringMatchAll, stringReplace, stringSearch, stringSplit } from './regexp.ts';
import {
  assertChangeable, Capability, type CallSite, checkCompared, isCallable, MethodOf, NativeFunction, sameValueZero, ScriptArray,
  ScriptFunction, ScriptObject, strictEquals, toNumber, toStr, toStrEach, truthy, typeOf, type Value,
} from './values.ts';

/**
 * Methods of strings, numbers and arrays: our own implementations. Host string and number methods are only ever
 * called on primitives with arguments we have already turned into primitives, so no script value reaches them.
 */

type Method<T> = (self: T, args: Value[], site: CallSite) => Value | Promise<Value>;

function int(value: Value, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Math.trunc(toNumber(value));
  return Number.isNaN(n) ? 0 : n;
}

/** Relative index as slice() reads it. */
function relative(value: Value, length: number, fallback: number): number {
  const n = int(value, fallback);
  if (n < 0) return Math.max(0, length + n);
  return Math.min(n, length);
}

function fresh(site: CallSite, text: string): string {
  return site.meter.string(text, site, true);
}

function textArg(args: Value[], i: number): string {
  return toStr(args[i]);
}

/**
 * `s.lastIndexOf(p, from)` in linear time: V8's own is quadratic for long patterns (seconds for 100k characters, in one
 * step no budget can interrupt), so long patterns are searched forwards in the reversed text.
 */
export function lastIndexOfText(s: string, p: string, from: number): number {
  if (p.length <= 64) return s.lastIndexOf(p, from);
  const startK = Math.min(Number.isNaN(from) ? Infinity : Math.max(from, 0), s.length - p.length);
  if (startK < 0) return -1;
  const reverse = (text: string) => text.split('').reverse().join('');
  const k = reverse(s).indexOf(reverse(p), s.length - startK - p.length);
  return k < 0 ? -1 : s.length - k - p.length;
}

/**
 * The first (or last) index from `start` on (back to 0) where `match` holds, with the clock checked every 1,024 items:
 * comparing long strings item by item is real work, and the step that asked for it must not outlast the time budget.
 */
function scan(items: readonly Value[], site: CallSite, match: (item: Value) => boolean, fromEnd = false, start = fromEnd ? items.length - 1 : 0): number {
  site.meter.step(site, Math.ceil(items.length / 1024));
  const count = fromEnd ? start + 1 : items.length - start;
  for (let n = 0; n < count; n++) {
    if ((n & 1023) === 1023) site.meter.checkTime(site);
    const i = fromEnd ? start - n : start + n;
    if (match(items[i]!)) return i;
  }
  return -1;
}

export const STRING_METHODS: ReadonlyMap<string, Method<string>> = new Map<string, Method<string>>([
  ['includes', (s, a) => s.includes(textArg(a, 0), int(a[1], 0))],
  ['startsWith', (s, a) => s.startsWith(textArg(a, 0), int(a[1], 0))],
  ['endsWith', (s, a) => s.endsWith(textArg(a, 0), a[1] === undefined ? s.length : int(a[1], s.length))],
  ['indexOf', (s, a) => s.indexOf(textArg(a, 0), int(a[1], 0))],
  ['lastIndexOf', (s, a) => lastIndexOfText(s, textArg(a, 0), a[1] === undefined ? Infinity : int(a[1], Infinity))],
  ['trim', (s) => s.trim()],
  ['trimStart', (s) => s.trimStart()],
  ['trimEnd', (s) => s.trimEnd()],
  ['toLowerCase', (s, _a, site) => fresh(site, s.toLowerCase())],
  ['toUpperCase', (s, _a, site) => fresh(site, s.toUpperCase())],
  ['slice', (s, a) => s.slice(relative(a[0], s.length, 0), relative(a[1], s.length, s.length))],
  ['substring', (s, a) => s.substring(int(a[0], 0), a[1] === undefined ? s.length : int(a[1], s.length))],
  ['charAt', (s, a) => s.charAt(int(a[0], 0))],
  ['charCodeAt', (s, a) => s.charCodeAt(int(a[0], 0))],
  ['at', (s, a) => {
    const i = int(a[0], 0);
    return s.at(i);
  }],
  ['split', (s, a, site) => {
    if (a[0] instanceof ScriptRegExp) return stringSplit(s, a[0], a[1], site);
    // A limit is read as JavaScript does (ToUint32): -1 is "no limit", not none at all.
    const limit = a[1] === undefined ? undefined : toNumber(a[1]) >>> 0;
    const parts = a[0] === undefined ? [s] : s.split(textArg(a, 0), limit);
    site.meter.array(parts.length, site, parts.length);
    return new ScriptArray(parts);
  }],
  ['replace', (s, a, site) => stringReplace(s, a[0], a[1], false, site)],
  ['replaceAll', (s, a, site) => stringReplace(s, a[0], a[1], true, site)],
  ['match', (s, a, site) => stringMatch(s, a[0], site)],
  ['matchAll', (s, a, site) => stringMatchAll(s, a[0], site)],
  ['search', (s, a, site) => stringSearch(s, a[0], site)],
  ['repeat', (s, a, site) => {
    const n = int(a[0], 0);
    if (n < 0 || !Number.isFinite(n)) throw new ScriptRuntimeError(`repeat() count must be a non-negative number, not ${n}`);
    if (s.length * n > site.meter.budgets.stringLength) throw site.meter.exceeded('stringLength', site);
    return fresh(site, s.repeat(n));
  }],
  ['padStart', (s, a, site) => {
    const n = int(a[0], 0);
    if (n > site.meter.budgets.stringLength) throw site.meter.exceeded('stringLength', site);
    return fresh(site, s.padStart(n, a[1] === undefined ? ' ' : textArg(a, 1)));
  }],
  ['padEnd', (s, a, site) => {
    const n = int(a[0], 0);
    if (n > site.meter.budgets.stringLength) throw site.meter.exceeded('stringLength', site);
    return fresh(site, s.padEnd(n, a[1] === undefined ? ' ' : textArg(a, 1)));
  }],
  ['concat', (s, a, site) => {
    // Measured before it is built: 500 references to a long string would be half a gigabyte first. One walk for all
    // the parts: each part's own limit would let thousands of deep arrays cost a minute in one step.
    const parts = toStrEach(a, site.meter.budgets.stringLength);
    const length = parts.reduce((sum, part) => sum + part.length, s.length);
    if (length > site.meter.budgets.stringLength) throw site.meter.exceeded('stringLength', site);
    return fresh(site, s + parts.join(''));
  }],
  ['normalize', (s, a, site) => {
    const form = a[0] === undefined ? 'NFC' : toStr(a[0]);
    if (!['NFC', 'NFD', 'NFKC', 'NFKD'].includes(form)) throw new ScriptRuntimeError(`normalize() takes NFC, NFD, NFKC or NFKD, not ${form.slice(0, 20)}`);
    // A decomposition can make a text longer than the text it came from: measured before it is kept.
    return fresh(site, s.normalize(form));
  }],
  ['substr', (s, a) => s.substr(int(a[0], 0), a[1] === undefined ? undefined : int(a[1], 0))],
  ['codePointAt', (s, a) => s.codePointAt(int(a[0], 0))],
  ['localeCompare', (s, a) => hostIntl('localeCompare', () => s.localeCompare(textArg(a, 0), localesArg(a[1]), intlOptions(a[2])))],
  ['toString', (s) => s],
  ['valueOf', (s) => s],
]);

export const NUMBER_METHODS: ReadonlyMap<string, Method<number>> = new Map<string, Method<number>>([
  ['toFixed', (n, a) => {
    const digits = int(a[0], 0);
    if (digits < 0 || digits > 100) throw new ScriptRuntimeError(`toFixed() digits must be between 0 and 100, not ${digits}`);
    return n.toFixed(digits);
  }],
  ['toPrecision', (n, a) => {
    if (a[0] === undefined) return String(n);
    const digits = int(a[0], 1);
    if (digits < 1 || digits > 100) throw new ScriptRuntimeError(`toPrecision() digits must be between 1 and 100, not ${digits}`);
    return n.toPrecision(digits);
  }],
  ['toString', (n, a) => {
    const radix = int(a[0], 10);
    if (radix < 2 || radix > 36) throw new ScriptRuntimeError(`toString() radix must be between 2 and 36, not ${radix}`);
    return n.toString(radix);
  }],
  ['toLocaleString', (n, a) => hostIntl('toLocaleString', () => n.toLocaleString(localesArg(a[0]) ?? 'en-US', intlOptions(a[1])))],
  ['valueOf', (n) => n],
]);

/**
 * An array search (`includes`, `indexOf`, `lastIndexOf`) compares the value sought with every item, as `===` compares
 * them: a handle among the items of a search for text, a number or a boolean — or text among the items of a search for
 * a handle — is the handle's ApiError (call .text()), wherever it sits and whatever else matches. So
 * `["Sale", "Promo"].includes(item.subject)` is no silent false, and `["a", $x].includes("a")` fails as
 * `[$x, "a"].includes("a")` does. Null and undefined, and handles sought among handles, compare as themselves.
 */
function search(arr: ScriptArray, wanted: Value, site: CallSite, same: (a: Value, b: Value) => boolean, from: Value, fromEnd = false): number {
  scan(arr.items, site, (item) => {
    checkCompared(item, wanted);
    return false;
  });
  // Where the search starts, as JavaScript reads its second argument (`a.indexOf(x, i + 1)`: a later duplicate).
  const length = arr.items.length;
  const n = int(from, fromEnd ? length - 1 : 0);
  const start = fromEnd ? (n >= 0 ? Math.min(n, length - 1) : length + n) : (n >= 0 ? n : Math.max(0, length + n));
  if (fromEnd ? start < 0 : start >= length) return -1;
  return scan(arr.items, site, (item) => same(item, wanted), fromEnd, start);
}

function callback(value: Value, method: string): Value {
  if (!isCallable(value)) throw new ScriptRuntimeError(`${method}() needs a function, got ${typeOf(value)}`);
  return value;
}

async function compare(a: Value, b: Value, fn: Value, site: CallSite): Promise<number> {
  site.step();
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  if (fn === undefined) {
    const x = toStr(a);
    const y = toStr(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const result = toNumber(await site.call(fn, [a, b]));
  return Number.isNaN(result) ? 0 : result;
}

/** Stable merge sort with an async comparator (a script function may be the comparator). */
async function mergeSort(items: Value[], fn: Value, site: CallSite): Promise<Value[]> {
  if (items.length <= 1) return items;
  const mid = items.length >> 1;
  const left = await mergeSort(items.slice(0, mid), fn, site);
  const right = await mergeSort(items.slice(mid), fn, site);
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if ((await compare(left[i], right[j], fn, site)) <= 0) out.push(left[i++]);
    else out.push(right[j++]);
  }
  while (i < left.length) out.push(left[i++]);
  while (j < right.length) out.push(right[j++]);
  return out;
}

function grow(arr: ScriptArray, extra: number, site: CallSite): void {
  site.meter.array(arr.items.length + extra, site, extra);
}

function made(items: Value[], site: CallSite): ScriptArray {
  site.meter.array(items.length, site, items.length);
  return new ScriptArray(items);
}

type Each = (item: Value, i: number) => Promise<boolean | void>;

async function each(arr: ScriptArray, site: CallSite, visit: Each): Promise<void> {
  // Live length, as JavaScript does: a callback that pushes sees its own pushes (and the budgets stop it).
  for (let i = 0; i < arr.items.length; i++) {
    site.step();
    if ((await visit(arr.items[i], i)) === true) return;
  }
}

export const ARRAY_METHODS: ReadonlyMap<string, Method<ScriptArray>> = new Map<string, Method<ScriptArray>>([
  ['push', (arr, a, site) => {
    grow(arr, a.length, site);
    arr.items.push(...a);
    return arr.items.length;
  }],
  ['pop', (arr) => arr.items.pop()],
  ['shift', (arr) => arr.items.shift()],
  ['unshift', (arr, a, site) => {
    grow(arr, a.length, site);
    arr.items.unshift(...a);
    return arr.items.length;
  }],
  ['slice', (arr, a, site) => made(arr.items.slice(relative(a[0], arr.items.length, 0), relative(a[1], arr.items.length, arr.items.length)), site)],
  ['splice', (arr, a, site) => {
    const start = relative(a[0], arr.items.length, 0);
    const count = a.length < 2 ? arr.items.length - start : Math.max(0, Math.min(int(a[1], 0), arr.items.length - start));
    const inserted = a.slice(2);
    grow(arr, Math.max(0, inserted.length - count), site);
    return made(arr.items.splice(start, count, ...inserted), site);
  }],
  ['concat', (arr, a, site) => {
    const out = [...arr.items];
    for (const item of a) {
      if (item instanceof ScriptArray) {
        site.meter.array(out.length + item.items.length, site);
        out.push(...item.items);
      } else out.push(item);
    }
    return made(out, site);
  }],
  ['join', (arr, a, site) => {
    const sep = a[0] === undefined ? ',' : textArg(a, 0);
    let length = 0;
    // One walk for all the items (see concat).
    const texts = toStrEach(arr.items.map((item) => (item === null || item === undefined ? '' : item)), site.meter.budgets.stringLength);
    const parts = texts.map((text) => {
      length += text.length + sep.length;
      if (length > site.meter.budgets.stringLength) throw site.meter.exceeded('stringLength', site);
      return text;
    });
    return fresh(site, parts.join(sep));
  }],
  ['reverse', (arr) => {
    arr.items.reverse();
    return arr;
  }],
  ['includes', (arr, a, site) => search(arr, a[0], site, sameValueZero, a[1]) >= 0],
  ['indexOf', (arr, a, site) => search(arr, a[0], site, strictEquals, a[1])],
  ['lastIndexOf', (arr, a, site) => search(arr, a[0], site, strictEquals, a[1], true)],
  ['at', (arr, a) => {
    const i = int(a[0], 0);
    return arr.items[i < 0 ? arr.items.length + i : i];
  }],
  ['flat', (arr, a, site) => {
    const depth = int(a[0], 1);
    const flatten = (items: Value[], d: number): Value[] => items.flatMap((item) => {
      site.step();
      return item instanceof ScriptArray && d > 0 ? flatten(item.items, d - 1) : [item];
    });
    return made(flatten(arr.items, Math.min(depth, 50)), site);
  }],
  ['flatMap', async (arr, a, site) => {
    const fn = callback(a[0], 'flatMap');
    const out: Value[] = [];
    await each(arr, site, async (item, i) => {
      const result = await site.call(fn, [item, i, arr]);
      if (result instanceof ScriptArray) {
        site.meter.array(out.length + result.items.length, site);
        out.push(...result.items);
      } else out.push(result);
    });
    return made(out, site);
  }],
  ['fill', (arr, a, site) => {
    const start = relative(a[1], arr.items.length, 0);
    const end = relative(a[2], arr.items.length, arr.items.length);
    site.step(Math.ceil(Math.max(0, end - start) / 1024));
    for (let i = start; i < end; i++) arr.items[i] = a[0];
    return arr;
  }],
  ['copyWithin', (arr, a, site) => {
    const length = arr.items.length;
    const target = relative(a[0], length, 0);
    const start = relative(a[1], length, 0);
    const end = relative(a[2], length, length);
    const count = Math.min(end - start, length - target);
    site.step(Math.ceil(Math.max(0, count) / 1024));
    if (count > 0) arr.items.splice(target, count, ...arr.items.slice(start, start + count));
    return arr;
  }],
  ['map', async (arr, a, site) => {
    const fn = callback(a[0], 'map');
    const out: Value[] = [];
    await each(arr, site, async (item, i) => {
      out.push(await site.call(fn, [item, i, arr]));
    });
    return made(out, site);
  }],
  ['filter', async (arr, a, site) => {
    const fn = callback(a[0], 'filter');
    const out: Value[] = [];
    await each(arr, site, async (item, i) => {
      if (truthy(await site.call(fn, [item, i, arr]))) out.push(item);
    });
    return made(out, site);
  }],
  ['forEach', async (arr, a, site) => {
    const fn = callback(a[0], 'forEach');
    await each(arr, site, async (item, i) => {
      await site.call(fn, [item, i, arr]);
    });
    return undefined;
  }],
  ['find', async (arr, a, site) => {
    const fn = callback(a[0], 'find');
    let found: Value;
    await each(arr, site, async (item, i) => {
      if (truthy(await site.call(fn, [item, i, arr]))) {
        found = item;
        return true;
      }
    });
    return found;
  }],
  ['findIndex', async (arr, a, site) => {
    const fn = callback(a[0], 'findIndex');
    let found = -1;
    await each(arr, site, async (item, i) => {
      if (truthy(await site.call(fn, [item, i, arr]))) {
        found = i;
        return true;
      }
    });
    return found;
  }],
  ['findLast', async (arr, a, site) => {
    const fn = callback(a[0], 'findLast');
    for (let i = arr.items.length - 1; i >= 0; i--) {
      site.step();
      const item = arr.items[i];
      if (truthy(await site.call(fn, [item, i, arr]))) return item;
    }
    return undefined;
  }],
  ['findLastIndex', async (arr, a, site) => {
    const fn = callback(a[0], 'findLastIndex');
    for (let i = arr.items.length - 1; i >= 0; i--) {
      site.step();
      if (truthy(await site.call(fn, [arr.items[i], i, arr]))) return i;
    }
    return -1;
  }],
  ['some', async (arr, a, site) => {
    const fn = callback(a[0], 'some');
    let result = false;
    await each(arr, site, async (item, i) => {
      if (truthy(await site.call(fn, [item, i, arr]))) return (result = true);
    });
    return result;
  }],
  ['every', async (arr, a, site) => {
    const fn = callback(a[0], 'every');
    let result = true;
    await each(arr, site, async (item, i) => {
      if (!truthy(await site.call(fn, [item, i, arr]))) {
        result = false;
        return true;
      }
    });
    return result;
  }],
  ['reduce', async (arr, a, site) => {
    const fn = callback(a[0], 'reduce');
    let start = 0;
    let acc: Value;
    if (a.length >= 2) acc = a[1];
    else if (arr.items.length) acc = arr.items[start++];
    else throw new ScriptRuntimeError('reduce() of an empty array with no initial value');
    for (let i = start; i < arr.items.length; i++) {
      site.step();
      acc = await site.call(fn, [acc, arr.items[i], i, arr]);
    }
    return acc;
  }],
  ['reduceRight', async (arr, a, site) => {
    const fn = callback(a[0], 'reduceRight');
    let start = arr.items.length - 1;
    let acc: Value;
    if (a.length >= 2) acc = a[1];
    else if (arr.items.length) acc = arr.items[start--];
    else throw new ScriptRuntimeError('reduceRight() of an empty array with no initial value');
    for (let i = start; i >= 0; i--) {
      site.step();
      acc = await site.call(fn, [acc, arr.items[i], i, arr]);
    }
    return acc;
  }],
  ['sort', async (arr, a, site) => {
    if (a[0] !== undefined) callback(a[0], 'sort');
    const sorted = await mergeSort([...arr.items], a[0], site);
    arr.items.splice(0, arr.items.length, ...sorted);
    return arr;
  }],
  ['toSorted', async (arr, a, site) => {
    if (a[0] !== undefined) callback(a[0], 'toSorted');
    return made(await mergeSort([...arr.items], a[0], site), site);
  }],
  ['toReversed', (arr, _a, site) => made([...arr.items].reverse(), site)],
  // Arrays here, not iterators: `for (const [i, x] of a.entries())` and `[...a.keys()]` read them the same.
  ['entries', (arr, _a, site) => {
    site.meter.array(arr.items.length, site, arr.items.length * 3);
    return new ScriptArray(arr.items.map((item, i) => new ScriptArray([i, item])));
  }],
  ['keys', (arr, _a, site) => made(arr.items.map((_item, i) => i), site)],
  ['values', (arr, _a, site) => made([...arr.items], site)],
  ['toString', (arr, _a, site) => ARRAY_METHODS.get('join')!(arr, [], site)],
]);

/** Array methods that change the array: refused on one the script froze. */
const CHANGING = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'reverse', 'fill', 'sort', 'copyWithin']);

function bind<T extends Value>(name: string, self: T, method: Method<T>): NativeFunction {
  return new MethodOf(name, (args, site) => method(self, args, site), self);
}

/** What a function has besides its name and length. */
const FUNCTION_MEMBERS = ['call', 'apply', 'bind'];

/** The kind `call`/`apply` compare: a method of one may be given another of the same kind as `thisArg`. */
function kindOfReceiver(value: Value): string {
  if (value instanceof Capability) return `capability ${value.kind}`;
  if (value instanceof ScriptArray) return 'array';
  if (value instanceof ScriptObject) return 'object';
  return typeof value;
}

/**
 * `f.call(thisArg, …)`, `f.apply(thisArg, [args])`, `f.bind(thisArg, …)` (`Math.max.apply(null, prices)`): scripts have
 * no `this`, so `thisArg` only matters for a method read off a value: given another value of the same kind, the
 * method is read off that one (`[].concat.apply([], lists)`, `d1.getTime.call(d2)`); of another kind, it is refused.
 */
function functionMember(fn: ScriptFunction | NativeFunction, key: string): Value | undefined {
  if (!FUNCTION_MEMBERS.includes(key)) return undefined;
  const on = async (thisArg: Value, site: CallSite): Promise<ScriptFunction | NativeFunction> => {
    if (!(fn instanceof MethodOf) || thisArg === undefined || thisArg === null || sameValueZero(thisArg, fn.receiver)) return fn;
    // Object.prototype's: any object or array answers it from its own fields, whatever fields it has.
    if (fn.name === 'hasOwnProperty' && fn.receiver instanceof ScriptObject && (thisArg instanceof ScriptObject || thisArg instanceof ScriptArray)) {
      return new MethodOf('hasOwnProperty', (args) => hasOwn(thisArg, toStr(args[0])), thisArg);
    }
    if (kindOfReceiver(thisArg) === kindOfReceiver(fn.receiver)) {
      const method = thisArg instanceof Capability ? await thisArg.member(fn.name, site) : primitiveMember(thisArg, fn.name);
      if (method instanceof NativeFunction) return method;
    }
    throw new ApiError(`\`${fn.name}.${key}()\` with ${typeOf(thisArg)}: call the method on that value instead (\`value.${fn.name}(…)\`)`);
  };
  if (key === 'call') {
    return new NativeFunction('call', async (args, site) => site.call(await on(args[0], site), args.slice(1)));
  }
  if (key === 'apply') {
    return new NativeFunction('apply', async (args, site) => {
      const list = args[1];
      if (list !== undefined && list !== null && !(list instanceof ScriptArray)) throw new ScriptRuntimeError(`${fn.name || 'a function'}.apply() takes its arguments as an array, not ${typeOf(list)}`);
      const items = list ? list.items : [];
      site.meter.array(items.length, site, items.length);
      return site.call(await on(args[0], site), [...items]);
    });
  }
  return new NativeFunction('bind', async (args, site) => {
    const target = await on(args[0], site);
    const fixed = args.slice(1);
    return new NativeFunction(`bound ${fn.name}`, (rest, callSite) => {
      const all = fixed.length + rest.length;
      callSite.meter.array(all, callSite, all);
      return callSite.call(target, [...fixed, ...rest]);
    });
  });
}

function hasOwn(object: ScriptObject | ScriptArray, key: string): boolean {
  if (object instanceof ScriptObject) return object.props.has(key);
  const index = arrayIndex(key);
  return key === 'length' || (index !== undefined && index < object.items.length);
}

/** Array index from a property key, or undefined when the key is not a canonical index. */
export function arrayIndex(key: string | number): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) && key >= 0 ? key : undefined;
  if (!/^(0|[1-9]\d{0,8})$/.test(key)) return undefined;
  return Number(key);
}

/**
 * Reads `object[key]` for the value kinds that are not capabilities. Unknown names give undefined (as JavaScript
 * does); the caller turns a call of undefined into an ApiError with a suggestion from `memberNamesOf`.
 */
export function primitiveMember(object: Value, key: string | number): Value {
  if (typeof object === 'string') {
    if (key === 'length') return object.length;
    const i = arrayIndex(key);
    if (i !== undefined) return object[i];
    const method = STRING_METHODS.get(String(key));
    return method ? bind(String(key), object, method) : undefined;
  }
  if (typeof object === 'number') {
    const method = NUMBER_METHODS.get(String(key));
    return method ? bind(String(key), object, method) : undefined;
  }
  if (object instanceof ScriptArray) {
    if (key === 'length') return object.items.length;
    const i = arrayIndex(key);
    if (i !== undefined) return object.items[i];
    if (object instanceof MatchArray && object.extras.has(String(key))) return object.extras.get(String(key));
    const method = ARRAY_METHODS.get(String(key));
    if (method && CHANGING.has(String(key))) {
      return bind(String(key), object, (arr, args, site) => {
        assertChangeable(arr, `${String(key)}()`);
        return method(arr, args, site);
      });
    }
    return method ? bind(String(key), object, method) : undefined;
  }
  if (object instanceof ScriptObject) {
    const name = String(key);
    if (object.props.has(name) || name !== 'hasOwnProperty') return object.props.get(name);
    return new MethodOf('hasOwnProperty', (args) => hasOwn(object, toStr(args[0])), object);
  }
  if (object instanceof NativeFunction) return object.props?.get(String(key)) ?? (key === 'name' ? object.name : functionMember(object, String(key)));
  if (object instanceof ScriptFunction) {
    if (key !== 'name' && key !== 'length') return functionMember(object, String(key));
    if (key === 'name') return object.name === 'anonymous' ? '' : object.name;
    // JavaScript's length: the parameters before the first with a default or a rest.
    if (key === 'length') {
      const first = object.node.params.findIndex((param) => param.type === 'AssignmentPattern' || param.type === 'RestElement');
      return first < 0 ? object.node.params.length : first;
    }
  }
  return undefined;
}

export function memberNamesOf(object: Value): string[] {
  if (typeof object === 'string') return ['length', ...STRING_METHODS.keys()];
  if (typeof object === 'number') return [...NUMBER_METHODS.keys()];
  if (object instanceof MatchArray) return ['length', ...object.extras.keys(), ...ARRAY_METHODS.keys()];
  if (object instanceof ScriptArray) return ['length', ...ARRAY_METHODS.keys()];
  if (object instanceof ScriptObject) return [...object.props.keys()];
  if (object instanceof NativeFunction) return [...(object.props?.keys() ?? []), ...FUNCTION_MEMBERS];
  if (object instanceof ScriptFunction) return ['name', 'length', ...FUNCTION_MEMBERS];
  if (object instanceof Capability) return object.memberNames();
  return [];
}
