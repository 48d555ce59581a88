import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * The escape corpus: ways out of a JavaScript sandbox. Each must end in one of our typed errors or a harmless value
 * (plain data), and the host must be untouched afterwards (prototypes, globals, a sentinel).
 */
const TYPED = new Set(['ScriptSyntaxError', 'ApiError', 'ScriptRuntimeError', 'BudgetError', 'NotFoundError']);

const corpus: string[] = [
  // constructor chains
  '[].constructor.constructor("return globalThis")()',
  '[]["constructor"]["constructor"]("return globalThis")()',
  'const k = "constructor"; [][k][k]("globalThis.__pwned = 1")()',
  'const k = ["constr", "uctor"].join(""); [][k][k]("globalThis.__pwned = 1")()',
  'const k = "constructor"; ({})[k]',
  'const k = "constructor"; "abc"[k]',
  'const k = "constructor"; (1)[k]',
  'const k = "constructor"; const f = () => 1; f[k]',
  'const k = "constructor"; Math.max[k]',
  'const k = "constructor"; Math[k]',
  '(() => 1).constructor',
  '(function () {}).constructor("return this")()',
  '"".constructor.fromCharCode(65)',
  '(1).toString.constructor("return process")()',
  '[].\\u0063onstructor',
  '[]["\\u0063onstructor"]',
  'const { constructor: c } = []; c',
  'const k = "constructor"; const { [k]: c } = []; c',
  'const k = "constructor"; const o = {}; o[k] = 1; o',
  'try { null.x } catch (e) { e.constructor }',
  // error objects (`new Error` is the one `new` allowed)
  'new Error("x").constructor', 'const k = "constructor"; new Error("x")[k][k]("return globalThis")()',
  'const e = new TypeError("x"); const p = "__proto__"; e[p].polluted = 1', 'Error.prototype', 'const E = Error; new E("x")',
  'const Error = Function; new Error("return globalThis")()', 'Error.call(null, "x")', 'new Error({ toString() { return globalThis; } }).message',
  'const e = new Error("x"); e.stack', 'try { throw new RangeError("x") } catch (e) { const k = "constructor"; e[k] }',
  'new Error("x", { cause: globalThis })', 'new Error(Error)', 'Object.assign(new Error("x"), JSON.parse(\'{"__proto__": {"polluted": 1}}\')).polluted',
  'try { null.x } catch (e) { const k = "constructor"; e[k] }',
  'const k = "constructor"; try { throw 1 } catch (e) { e[k] }',
  // prototypes and pollution
  '({}).__proto__',
  '({}).__proto__.polluted = 1',
  'const o = {}; o["__proto__"]["polluted"] = 1',
  'const p = "__proto__"; const o = {}; o[p].polluted = 1',
  'const p = "__" + "proto__"; const o = {}; o[p] = { polluted: 1 }; o.polluted',
  'Object.prototype.polluted = 1',
  'const p = "prototype"; Object[p]',
  'Object.assign(Object, { polluted: 1 })',
  'Object.assign({}, JSON.parse(\'{"__proto__": {"polluted": 1}}\')).polluted',
  'JSON.parse(\'{"__proto__": {"polluted": 1}}\').polluted',
  'Object.fromEntries([["__proto__", { polluted: 1 }]])',
  'const o = JSON.parse(\'{"__proto__": {"polluted": 1}}\'); const p = "__proto__"; o[p]',
  '[].__proto__.push = 1',
  'Math.abs = () => 1',
  'Math.polluted = 1',
  'JSON.stringify = 1',
  'const a = []; a.push = 1',
  'String.prototype',
  'const k = "__defineGetter__"; ({})[k]("x", () => 1)',
  '({}).__lookupGetter__',
  // globals
  'globalThis', 'window', 'self', 'document', 'document.cookie', 'Function', 'Function("return 1")',
  'eval("1")', 'const e = eval; e("1")', 'require("fs")', 'process.exit(1)', 'chrome.runtime', 'browser.runtime',
  'Reflect.ownKeys({})', 'new Proxy({}, {})', 'fetch("http://127.0.0.1/")', 'XMLHttpRequest',
  'importScripts("x.js")', 'postMessage("x", "*")', 'setTimeout("1", 0)', 'setInterval(() => 1, 1)',
  'queueMicrotask(() => 1)', 'location.href', 'parent.postMessage("x", "*")', 'top', 'frames', 'Symbol.iterator',
  'WebAssembly', 'navigator.userAgent', 'indexedDB', 'localStorage', 'caches', 'crypto', 'Atomics', 'SharedArrayBuffer',
  'arguments', 'function f() { return arguments; } f()',
  // syntax outside the subset
  'import("data:text/javascript,1")', 'import x from "y"', 'new Object()', 'new Date()', 'this', 'this.x = 1',
  'function f() { return this; } f()', 'class A {}', 'class B { #x = 1; static { globalThis.y = 1; } has(o) { return #x in o; } }', 'class C { static z = Function; }', 'const A = class {}', 'with (Math) { abs(1) }',
  '({ get x() { return 1; } })', '({ set x(v) {} })', 'function* g() { yield 1; }', '/a+/.test("aaa")',
  '"a".match(/a/)', '10n', 'x: for (;;) { break x; }', 'debugger', 'var x = 1', 'String.raw`x`',
  'function f() { return new.target; } f()', 'super.x', 'async function* g() {}',
  // toString / valueOf tricks
  'const o = { toString() { globalThis.__pwned = 1; return "x"; } }; "" + o',
  'const o = { valueOf() { return 42; } }; o * 2',
  'const o = { toString: () => "x" }; [o].join()',
  'const o = { toJSON: () => "x" }; JSON.stringify(o)',
  'const o = { toString: () => "constructor" }; ({})[o]',
  'const o = { toString: () => "__proto__" }; const t = {}; t[o] = 1; t',
  '[].sort.call([3, 2, 1])', 'Math.max.apply(null, [1, 2])', 'const b = print.bind(null); b(1)',
  '"abc".replace("b", () => globalThis)',
  '"abc".split({ [Symbol.split]: () => 1 })',
  // resource exhaustion
  'while (true) {}', 'for (;;) { try { for (;;) {} } catch (e) {} }', 'const f = () => f(); f()',
  'function f() { try { return f(); } finally { f(); } } f()',
  'let s = "a"; while (true) s += s', '"x".repeat(2 ** 30)', 'const a = []; while (true) a.push([])',
  'const a = []; a[1e9] = 1', '[..."x".repeat(1e6)]', 'Array.from({ length: 2 ** 32 })',
  '"((((".repeat(1)', `${'('.repeat(3000)}1${')'.repeat(3000)}`, `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{'.repeat(3000)}${'}'.repeat(3000)}`, `x${'.y'.repeat(5000)}`, `1${' + 1'.repeat(20000)}`,
];

function isPlainData(value: unknown): boolean {
  if (value === null || ['boolean', 'number', 'string'].includes(typeof value)) return true;
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype && value.every(isPlainData);
  if (typeof value !== 'object') return false;
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(isPlainData);
}

let before: Record<string, string[]>;
const snapshot = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  func: Object.getOwnPropertyNames(Function.prototype).sort(),
  string: Object.getOwnPropertyNames(String.prototype).sort(),
  global: Object.getOwnPropertyNames(globalThis).sort(),
});

describe('escape corpus', () => {
  beforeAll(() => {
    before = snapshot();
  });

  afterAll(() => {
    expect(snapshot()).toEqual(before);
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('the corpus is big enough to mean something', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  test.each(corpus.map((source) => [source.length > 80 ? `${source.slice(0, 77)}…` : source, source]))('%s', async (_label, source) => {
    for (const capabilities of [mathCapabilities(), automationCapabilities(new FakeBridge(), [])]) {
      const run = await runScript(source, capabilities, { budgets: { steps: 20_000, timeMs: 2_000 } });
      if (run.ok) {
        // A harmless value: plain data that went through exportValue, never a host object or function.
        expect(isPlainData(run.result), source).toBe(true);
      } else {
        expect(TYPED, `${source} → ${run.error?.name}: ${run.error?.message}`).toContain(run.error?.name);
      }
      expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  test('an exported object with a "__proto__" key keeps it as data, not as a prototype', async () => {
    const run = await runScript('answer(JSON.parse(\'{"__proto__": {"isAdmin": true}, "a": 1}\'))', mathCapabilities());
    const result = run.result as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result.isAdmin).toBeUndefined();
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
  });

  test('forbidden names are refused before anything runs, with their position', async () => {
    const bridge = new FakeBridge({ elements: { go: { kind: 'button' } } });
    const run = await runScript('$go.click();\nconst f = [].constructor;', automationCapabilities(bridge, bridge.names()));
    expect(run.error?.name).toBe('ScriptSyntaxError');
    expect(run.error?.data).toMatchObject({ line: 2, column: 14 });
    expect(bridge.calls).toEqual([]);
  });
});
