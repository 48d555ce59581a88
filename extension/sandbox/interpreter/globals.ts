import { ApiError, ScriptRuntimeError } from '../../protocol/errors.ts';
import {
  assertChangeable, Capability, type CallSite, displayBrief, ErrorObject, freeze, isFrozen, importValue, isCallable, misuseIn, NativeFunction, type NativeImpl, ScriptArray,
  ScriptObject, stringify, toNumber, toStr, truthy, type Value,
} from './values.ts';
import { ERROR_CONSTRUCTORS } from './parse.ts';
import { ScriptMap, ScriptSet } from './collections.ts';
import { makeRegExp, ScriptRegExp } from './regexp.ts';
import { dateConstructor } from './dates.ts';

/** A read-only namespace of values we provide (Math, JSON, Object…): a capability, so scripts cannot change it. */
export class Namespace extends Capability {
  readonly kind = 'namespace';
  constructor(private readonly name: string, private readonly members: ReadonlyMap<string, Value>) {
    super();
  }
  describe(): string {
    return this.name;
  }
  member(key: string): Value | undefined {
    return this.members.get(key);
  }
  memberNames(): string[] {
    return [...this.members.keys()];
  }
}

export function native(name: string, impl: NativeImpl, props?: Iterable<[string, Value]>): NativeFunction {
  return new NativeFunction(name, impl, props ? new Map(props) : undefined);
}

function numeric(name: string, fn: (...n: number[]) => number): [string, Value] {
  return [name, native(name, (args) => fn(...args.map(toNumber)))];
}

const MATH_FUNCTIONS: Array<[string, (...n: number[]) => number]> = [
  ['abs', Math.abs], ['ceil', Math.ceil], ['floor', Math.floor], ['round', Math.round], ['trunc', Math.trunc],
  ['sign', Math.sign], ['sqrt', Math.sqrt], ['cbrt', Math.cbrt], ['pow', Math.pow], ['exp', Math.exp],
  ['expm1', Math.expm1], ['log', Math.log], ['log2', Math.log2], ['log10', Math.log10], ['log1p', Math.log1p],
  ['sin', Math.sin], ['cos', Math.cos], ['tan', Math.tan], ['asin', Math.asin], ['acos', Math.acos],
  ['atan', Math.atan], ['atan2', Math.atan2], ['sinh', Math.sinh], ['cosh', Math.cosh], ['tanh', Math.tanh],
  ['hypot', Math.hypot], ['min', Math.min], ['max', Math.max], ['fround', Math.fround],
];

function mathNamespace(): Namespace {
  const members = new Map<string, Value>(MATH_FUNCTIONS.map(([name, fn]) => numeric(name, fn)));
  members.set('random', native('random', () => Math.random()));
  for (const name of ['PI', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2'] as const) members.set(name, Math[name]);
  return new Namespace('Math', members);
}

function iterableItems(value: Value, what: string): Value[] {
  if (value instanceof ScriptArray) return [...value.items];
  if (typeof value === 'string') return [...value];
  throw new ScriptRuntimeError(`${what} needs an array or a string`);
}

function objectArg(value: Value, what: string): ScriptObject | ScriptArray | string {
  if (value instanceof ScriptObject || value instanceof ScriptArray || typeof value === 'string') return value;
  throw new ScriptRuntimeError(`${what} needs an object`);
}

/** An object's own entries as JavaScript lists them: an array's and a string's by index (`Object.entries("ab")`). */
function entriesOf(value: ScriptObject | ScriptArray | string): Array<[string, Value]> {
  if (typeof value === 'string') return [...value.split('').entries()].map(([i, c]) => [String(i), c]);
  if (value instanceof ScriptArray) return value.items.map((item, i) => [String(i), item]);
  return [...value.props];
}

/** A host URI function on text; a malformed sequence is the script's error (JavaScript's URIError). */
function uriFunction(name: string, fn: (text: string) => string): [string, Value] {
  return [name, native(name, (args, site) => {
    try {
      return site.meter.string(fn(toStr(args[0])), site, true);
    } catch (error) {
      if (error instanceof URIError) throw new ScriptRuntimeError(`${name}(): ${error.message}`);
      throw error;
    }
  })];
}

function made(items: Value[], site: CallSite): ScriptArray {
  site.meter.array(items.length, site, items.length);
  return new ScriptArray(items);
}

/** What one array or object made from JSON costs, in allocation units (a character is one). */
const CONTAINER_UNITS = 8;

function parseJson(text: string, site: CallSite): Value {
  site.meter.allocate(text.length, site);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScriptRuntimeError(`JSON.parse: ${error instanceof Error ? error.message : 'invalid JSON'}`);
  }
  const made = { containers: 0, longest: 0 };
  const value = importValue(data, 0, made);
  site.meter.array(made.longest, site);
  site.meter.allocate(made.containers * CONTAINER_UNITS, site);
  return value;
}

/**
 * `value` with JSON.stringify's replacer function applied as JavaScript applies it: to the value under the key `key`
 * (a date as its ISO text, as its toJSON gives it), then to each item or property of what it returned; new arrays and
 * objects, the script's own left as they are.
 */
async function replacedBy(fn: Value, key: string, value: Value, site: CallSite, seen: Set<ScriptArray | ScriptObject>): Promise<Value> {
  site.step();
  const json = value instanceof Capability && value.kind === 'date' ? value.exportAs() as Value : value;
  const out = await site.call(fn, [key, json]);
  if (!(out instanceof ScriptArray || out instanceof ScriptObject)) return out;
  if (seen.has(out)) throw new ScriptRuntimeError('JSON.stringify: the value contains itself (a cycle)');
  seen.add(out);
  let copy: ScriptArray | ScriptObject;
  if (out instanceof ScriptArray) {
    const items: Value[] = [];
    for (let i = 0; i < out.items.length; i++) items.push(await replacedBy(fn, String(i), out.items[i], site, seen));
    copy = made(items, site);
  } else {
    copy = new ScriptObject();
    site.meter.allocate(CONTAINER_UNITS, site);
    for (const [k, v] of [...out.props]) copy.props.set(k, await replacedBy(fn, k, v, site, seen));
  }
  seen.delete(out);
  return copy;
}

/**
 * JSON.parse's reviver applied as JavaScript applies it: to each item and property of what was parsed, innermost first,
 * then to the whole under the key ""; `undefined` from it removes a property (an array's item becomes undefined).
 */
async function revivedBy(fn: Value, key: string, value: Value, site: CallSite): Promise<Value> {
  site.step();
  if (value instanceof ScriptArray) {
    for (let i = 0; i < value.items.length; i++) value.items[i] = await revivedBy(fn, String(i), value.items[i], site);
  } else if (value instanceof ScriptObject) {
    for (const [k, v] of [...value.props]) {
      const revived = await revivedBy(fn, k, v, site);
      if (revived === undefined) value.props.delete(k);
      else value.props.set(k, revived);
    }
  }
  return site.call(fn, [key, value]);
}

/** A printed line is cut at this many characters (context.output keeps 10,000): no argument needs more. */
const LOG_LINE = 10_000;

/** The globals every capability set gets: pure helpers over our own values. */
/** `now`: the clock `Date` reads (tests fix it). */
export function baseGlobals(print: (line: string) => void, now: () => number = Date.now): Map<string, Value> {
  const toInt = (args: Value[]) => {
    const radix = args[1] === undefined ? undefined : toNumber(args[1]);
    return Number.parseInt(toStr(args[0]), radix);
  };
  const parseFloatImpl = (args: Value[]) => Number.parseFloat(toStr(args[0]));
  const logFn = native('log', (args) => {
    // Each argument cut, and no more arguments than fit the line: a thousand long objects are not all printed first.
    const parts: string[] = [];
    let length = 0;
    for (const arg of args) {
      if (length >= LOG_LINE) break;
      const part = displayBrief(arg, LOG_LINE);
      parts.push(part);
      length += part.length + 1;
    }
    print(parts.join(' '));
    return undefined;
  });
  const globals = new Map<string, Value>([
    ['undefined', undefined],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['Math', mathNamespace()],
    ['parseInt', native('parseInt', toInt)],
    ['parseFloat', native('parseFloat', parseFloatImpl)],
    ['isNaN', native('isNaN', (args) => Number.isNaN(toNumber(args[0])))],
    ['isFinite', native('isFinite', (args) => Number.isFinite(toNumber(args[0])))],
    ['Number', native('Number', (args) => (args.length ? toNumber(args[0]) : 0), [
      ['isInteger', native('isInteger', (args) => Number.isInteger(args[0]))],
      ['isFinite', native('isFinite', (args) => Number.isFinite(args[0]))],
      ['isNaN', native('isNaN', (args) => Number.isNaN(args[0]))],
      ['isSafeInteger', native('isSafeInteger', (args) => Number.isSafeInteger(args[0]))],
      ['parseInt', native('parseInt', toInt)],
      ['parseFloat', native('parseFloat', parseFloatImpl)],
      ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER], ['MIN_SAFE_INTEGER', Number.MIN_SAFE_INTEGER],
      ['EPSILON', Number.EPSILON], ['MAX_VALUE', Number.MAX_VALUE], ['MIN_VALUE', Number.MIN_VALUE],
      ['POSITIVE_INFINITY', Infinity], ['NEGATIVE_INFINITY', -Infinity], ['NaN', NaN],
    ])],
    // A new string (an array's text): charged like any other.
    ['String', native('String', (args, site) => (args.length ? site.meter.string(toStr(args[0], site.meter.budgets.stringLength), site, typeof args[0] !== 'string') : ''), [
      ['fromCharCode', native('fromCharCode', (args) => String.fromCharCode(...args.map(toNumber)))],
    ])],
    ['Boolean', native('Boolean', (args) => truthy(args[0]))],
    // `Error(m)` and `new Error(m)` (the one `new` there is): an ErrorObject of that name.
    ...[...ERROR_CONSTRUCTORS].map((name): [string, Value] => [name, native(name, (args, site) => {
      site.meter.array(2, site, 2);
      const message = args[0] === undefined ? '' : site.meter.string(toStr(args[0], site.meter.budgets.stringLength), site, typeof args[0] !== 'string');
      return new ErrorObject(name, message, undefined, name);
    })]),
    // `new Set(values)` and `new Map(pairs)` (collections.ts); called without `new` they make one too.
    ['Set', native('Set', (args, site) => ScriptSet.from(args[0], site))],
    ['Map', native('Map', (args, site) => ScriptMap.from(args[0], site))],
    // `RegExp(re)` with no flags is `re` itself, as JavaScript's; `new RegExp(re)` a copy.
    ['RegExp', new NativeFunction('RegExp', (args) => (args[0] instanceof ScriptRegExp && args[1] === undefined ? args[0] : makeRegExp(args)), undefined, undefined, (args) => makeRegExp(args))],
    ['Date', dateConstructor(now)],
    uriFunction('encodeURIComponent', encodeURIComponent), uriFunction('decodeURIComponent', decodeURIComponent),
    uriFunction('encodeURI', encodeURI), uriFunction('decodeURI', decodeURI),
    // `Array(3)` is three undefined items (there are no holes), `Array(1, 2)` is [1, 2], as in JavaScript.
    ['Array', native('Array', (args, site) => {
      if (args.length !== 1 || typeof args[0] !== 'number') return made([...args], site);
      const length = args[0];
      if (!Number.isInteger(length) || length < 0) throw new ScriptRuntimeError(`Array(${length}): a length is a whole number, 0 or more`);
      site.meter.array(length, site);
      return made(Array.from({ length }, () => undefined), site);
    }, [
      ['isArray', native('isArray', (args) => args[0] instanceof ScriptArray)],
      ['of', native('of', (args, site) => made([...args], site))],
      ['from', native('from', async (args, site) => {
        const source = args[0];
        let items: Value[];
        if (source instanceof ScriptObject) {
          const length = Math.max(0, Math.trunc(toNumber(source.props.get('length'))) || 0);
          site.meter.array(length, site);
          items = Array.from({ length }, () => undefined);
        } else if (source instanceof Capability && source.iterate) items = await source.iterate(site); // a page list's items
        else items = iterableItems(source, 'Array.from');
        const fn = args[1];
        if (fn !== undefined) {
          if (!isCallable(fn)) throw new ScriptRuntimeError('Array.from() needs a function as its second argument');
          for (let i = 0; i < items.length; i++) {
            site.step();
            items[i] = await site.call(fn, [items[i], i]);
          }
        }
        return made(items, site);
      })],
    ])],
    ['Object', new Namespace('Object', new Map<string, Value>([
      ['keys', native('keys', (args, site) => made(entriesOf(objectArg(args[0], 'Object.keys')).map(([k]) => k), site))],
      ['values', native('values', (args, site) => made(entriesOf(objectArg(args[0], 'Object.values')).map(([, v]) => v), site))],
      ['entries', native('entries', (args, site) => {
        const pairs = entriesOf(objectArg(args[0], 'Object.entries'));
        // Each pair is an array of its own.
        site.meter.allocate(pairs.length * 2, site);
        return made(pairs.map(([k, v]) => new ScriptArray([k, v])), site);
      })],
      ['fromEntries', native('fromEntries', async (args, site) => {
        const out = new ScriptObject();
        // A Map's pairs too (`Object.fromEntries(counts)`).
        const source = args[0];
        const pairs = source instanceof Capability && source.iterate ? await source.iterate(site) : iterableItems(source, 'Object.fromEntries');
        for (const pair of pairs) {
          if (!(pair instanceof ScriptArray)) throw new ScriptRuntimeError('Object.fromEntries() needs [key, value] pairs');
          site.step();
          const key = pair.items[0];
          out.props.set(typeof key === 'string' ? key : site.meter.string(toStr(key, site.meter.budgets.stringLength), site, true), pair.items[1]);
        }
        return out;
      })],
      ['getOwnPropertyNames', native('getOwnPropertyNames', (args, site) => {
        const value = objectArg(args[0], 'Object.getOwnPropertyNames');
        const keys = entriesOf(value).map(([k]) => k);
        return made(typeof value === 'string' || value instanceof ScriptArray ? [...keys, 'length'] : keys, site);
      })],
      ['freeze', native('freeze', (args) => freeze(args[0]))],
      ['is', native('is', (args) => Object.is(args[0], args[1]))],
      ['isFrozen', native('isFrozen', (args) => isFrozen(args[0]))],
      ['assign', native('assign', (args, site) => {
        const target = args[0];
        if (!(target instanceof ScriptObject)) throw new ScriptRuntimeError('Object.assign() needs a plain object as its target');
        assertChangeable(target, 'Object.assign() to it');
        for (const source of args.slice(1)) {
          if (source === null || source === undefined) continue;
          for (const [k, v] of entriesOf(objectArg(source, 'Object.assign'))) {
            site.step();
            target.props.set(k, v);
          }
        }
        return target;
      })],
    ]))],
    ['JSON', new Namespace('JSON', new Map<string, Value>([
      ['stringify', native('stringify', async (args, site) => {
        const misuse = misuseIn(args[0]);
        if (misuse) throw new ApiError(misuse);
        const indentArg = args[2];
        const indent = typeof indentArg === 'number' ? ' '.repeat(Math.max(0, Math.min(10, indentArg)))
          : typeof indentArg === 'string' ? indentArg.slice(0, 10) : undefined;
        const replacer = args[1];
        // A replacer function sees each key and value, as JavaScript's does; what it returns is written.
        const value = isCallable(replacer) ? await replacedBy(replacer, '', args[0], site, new Set()) : args[0];
        const replacedMisuse = value === args[0] ? undefined : misuseIn(value);
        if (replacedMisuse) throw new ApiError(replacedMisuse);
        // An array replacer keeps those keys (text and numbers), at every depth.
        const keys = replacer instanceof ScriptArray
          ? new Set(replacer.items.filter((k) => typeof k === 'string' || typeof k === 'number').map((k) => String(k))) : undefined;
        const text = stringify(value, indent || undefined, undefined, keys);
        return text === undefined ? undefined : site.meter.string(text, site, true);
      })],
      ['parse', native('parse', async (args, site) => {
        const value = parseJson(toStr(args[0]), site);
        // A reviver sees each key and value from the innermost out, as JavaScript's (`(k, v) => k === "date" ? new Date(v) : v`).
        return isCallable(args[1]) ? revivedBy(args[1], '', value, site) : value;
      })],
    ]))],
    ['console', new Namespace('console', new Map<string, Value>([
      ['log', logFn], ['info', logFn], ['warn', logFn], ['error', logFn],
    ]))],
  ]);
  return globals;
}
