/**
 * Scripts a model writes that gave another answer here than in JavaScript, or were refused though common (explorer,
 * session 32: 201 program-of-thought snippets run here and in Node side by side). Each expected value is what Node gives.
 */
import { expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { localesArg } from '../../../extension/sandbox/interpreter/intl.ts';
import { ScriptArray } from '../../../extension/sandbox/interpreter/values.ts';
import { MATH_BUDGETS } from '../../../extension/features/math/sandbox-client.ts';

async function run(source: string, budgets = {}) {
  return runScript(source, mathCapabilities(), { budgets });
}

async function value(source: string): Promise<unknown> {
  const outcome = await run(source);
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

const agree: Array<[string, unknown]> = [
  // Index-like keys come first, ascending, wherever keys are read.
  ['const c = {}; for (const n of [5, 3, 5, 3, 1]) c[n] = (c[n] ?? 0) + 1; Object.entries(c).sort((a, b) => b[1] - a[1])[0][0]', '3'],
  ['const votes = {7: 2, 3: 2, 5: 1}; let best; for (const k in votes) { if (best === undefined || votes[k] > votes[best]) best = k; } best', '3'],
  ['Object.keys({10: "x", 9: "y", b: 1, a: 2, "01": 3})', ['9', '10', 'b', 'a', '01']],
  ['JSON.stringify({b: 1, 2: "two", a: 3, 1: "one"})', '{"1":"one","2":"two","b":1,"a":3}'],
  ['Object.values({z: 1, 4294967294: 2, 4294967295: 3})', [2, 1, 3]],
  // An array search starts where its second argument says.
  ['const a = [4, 7, 4, 9]; a.filter((x, i) => a.indexOf(x, i + 1) !== -1)', [4]],
  ['[1, 2, 3].includes(1, 1)', false],
  ['[1, 2, 3].includes(3, -1)', true],
  ['[1, 2, 1, 2].lastIndexOf(2, 2)', 1],
  ['[1, 2, 1, 2].lastIndexOf(2, -3)', 1],
  ['[1, 2, 1].indexOf(1, -1)', 2],
  ['[1, 2, 1].indexOf(1, 5)', -1],
  // The target's object and key are read before the value.
  ['let i = 0; const a = []; a[i++] = i; a', [1]],
  ['const order = []; const o = {}; const k = () => (order.push("key"), "x"); const v = () => (order.push("value"), 1); o[k()] = v(); order', ['key', 'value']],
  // Locales and options reach Intl.
  ['["item10", "item2", "item1"].sort((a, b) => a.localeCompare(b, undefined, {numeric: true}))', ['item1', 'item2', 'item10']],
  ['"a".localeCompare("A", undefined, {sensitivity: "base"})', 0],
  ['(1234.5).toLocaleString("en-US", {style: "currency", currency: "USD"})', '$1,234.50'],
  ['(1234.5).toLocaleString("en-US", {minimumFractionDigits: 2})', '1,234.50'],
  ['(1234.5).toLocaleString("de-DE")', '1.234,5'],
  ['(1234.5).toLocaleString()', '1,234.5'],
  // A split limit is read as JavaScript reads it.
  ['"a,b,,c".split(",", -1)', ['a', 'b', '', 'c']],
  ['"a,b,c".split(",", 2)', ['a', 'b']],
  // `instanceof` of the built-in types (session 35; it was refused).
  ['[[1] instanceof Array, ({}) instanceof Array, "a" instanceof String, 5 instanceof Number, true instanceof Boolean, [] instanceof Object, ({}) instanceof Object, null instanceof Object, undefined instanceof Object]', [true, false, false, false, false, true, true, false, false]],
  ['function f() { try { throw new TypeError("x"); } catch (e) { return [e instanceof TypeError, e instanceof Error, e instanceof RangeError, e instanceof Object]; } } f()', [true, true, false, true]],
  ['const e = new Error("m"); e.name = "TypeError"; [e instanceof TypeError, e instanceof Error, RangeError("r") instanceof RangeError]', [false, true, true]],
  ['[new Set([1]) instanceof Set, new Map() instanceof Map, /a/ instanceof RegExp, RegExp("b") instanceof RegExp, new Set() instanceof Map, (() => 1) instanceof Object, ({...new Error("x")}) instanceof Error]', [true, true, true, true, false, true, false]],
  ['function g() { try { [1].nope(); } catch (e) { return e instanceof Error; } } g()', true],
  ['const items = [[1, 2], 3, [4]]; items.filter((x) => !(x instanceof Array)).length', 1],
  // ES2021 syntax.
  ['let x = null; x ??= 5; let y = 0; y ||= 7; let z = 1; z &&= 9; [x, y, z]', [5, 7, 9]],
  ['1_000_000 + 2_500', 1_002_500],
  // Members models reach for.
  ['const out = []; for (const [i, x] of ["a", "b"].entries()) out.push(`${i}:${x}`); out.join(" ")', '0:a 1:b'],
  ['[...Array(4).keys()].map((i) => i * i)', [0, 1, 4, 9]],
  ['[...["x", "y"].values()]', ['x', 'y']],
  ['[1, [2, 3]].toString()', '1,2,3'],
  ['({a: 1}).hasOwnProperty("a") && !({a: 1}).hasOwnProperty("b")', true],
  ['"abcdef".substr(-4, 2) + "abc".substr(1)', 'cdbc'],
  ['"😀".codePointAt(0)', 128512],
  ['const dp = new Array(4).fill(0); dp[2] = 5; dp', [0, 0, 5, 0]],
  ['new Array(2, 3)', [2, 3]],
  // Sets and maps, as models count distinct values and tally them.
  ['new Set([3, 1, 3, 2, 1]).size', 3],
  ['[...new Set(["b", "a", "b"])]', ['b', 'a']],
  ['const s = new Set(); s.add(1).add(NaN).add(NaN); [s.has(NaN), s.has("1"), s.size, s.delete(1), s.size]', [true, false, 2, true, 1]],
  ['Array.from(new Set("hello")).join("")', 'helo'],
  ['const m = new Map(); for (const w of "a b a c a".split(" ")) m.set(w, (m.get(w) ?? 0) + 1); [...m.entries()].sort((x, y) => y[1] - x[1])[0]', ['a', 3]],
  ['const m = new Map([["x", 1], ["y", 2]]); const out = []; m.forEach((v, k) => out.push(k + v)); for (const [k, v] of m) out.push(v); [out, m.size, m.has("y"), [...m.keys()]]', [['x1', 'y2', 1, 2], 2, true, ['x', 'y']]],
  ['JSON.stringify({ s: new Set([1]), m: new Map() })', '{"s":{},"m":{}}'],
  ['typeof new Map()', 'object'],
  ['new Map([[1, "one"], [2, "two"]])', { 1: 'one', 2: 'two' }],
  ['new Set([1, [2]])', [1, [2]]],
  // Session 33 (the list left by session 32's explorer, and a second pass of it).
  ['({..."ab"})', { 0: 'a', 1: 'b' }],
  ['const out = []; for (const k in "abc") out.push(k); out', ['0', '1', '2']],
  ['function f(a, b = 1, ...c) {} const g = (x) => x; [f.name, f.length, g.name, g.length, Math.max.name, [].push.name]', ['f', 1, 'g', 1, 'max', 'push']],
  ['[Object.entries("ab"), Object.keys("xy"), Object.assign({}, "ab")]', [[['0', 'a'], ['1', 'b']], ['0', '1'], { 0: 'a', 1: 'b' }]],
  ['const m = new Map([["a", 1], ["b", 2]]); Object.fromEntries(m)', { a: 1, b: 2 }],
  ['const s = new Set([1]); const seen = []; s.forEach((v) => { seen.push(v); if (v < 3) s.add(v + 1); }); seen', [1, 2, 3]],
  ['const m = new Map([[1, "a"]]); const seen = []; m.forEach((v, k) => { seen.push(k); if (k < 3) m.set(k + 1, v); }); seen', [1, 2, 3]],
  ['[[1, 2, 3].reduceRight((a, b) => a + "" + b), [[1, 2], [3]].reduceRight((a, b) => a.concat(b), [])]', ['321', [3, 1, 2]]],
  ['Array.of(7, 8)', [7, 8]],
  ['["/search?q=" + encodeURIComponent("a b&c"), decodeURIComponent("%E2%9C%93"), encodeURI("/a b?x=1")]', ['/search?q=a%20b%26c', '✓', '/a%20b?x=1']],
  ['JSON.stringify({a: 1, b: {a: 2, c: 3}, c: 4}, ["a", "b"])', '{"a":1,"b":{"a":2}}'],
  // Session 37, explorer of dates and data: revivers, call/apply/bind, Object.is (each expected value is Node's).
  ['JSON.parse(\'{"a":"1","b":["2"]}\', (k, v) => (typeof v === "string" ? Number(v) : v))', {a: 1, b: [2]}],
  ['const keys = []; JSON.parse(\'{"a":{"b":1},"c":[2]}\', (k, v) => { keys.push(k); return v; }); keys', ['b', 'a', '0', 'c', '']],
  ['JSON.parse(\'{"a":1,"drop":2}\', (k, v) => (k === "drop" ? undefined : v))', {a: 1}],
  ['const data = JSON.parse(\'{"orders":[{"placed":"2026-11-24"}]}\', (k, v) => (k === "placed" ? new Date(v) : v)); [typeof data.orders[0].placed, data.orders[0].placed.getUTCDate()]', ['object', 24]],
  ['[Math.max.apply(null, [3, 9, 2]), Math.min.call(null, 4, 1), Math.max.apply(null, [])]', [9, 1, -Infinity]],
  ['function add(a, b) { return a + b; } const inc = add.bind(null, 1); [inc(2), add.call(null, 2, 3), add.apply(undefined, [4, 5]), inc.name]', [3, 5, 9, 'bound add']],
  ['const dates = [new Date("2026-03-01"), new Date("2026-01-01")]; new Date(Math.min.apply(null, dates)).toISOString().slice(0, 10)', '2026-01-01'],
  // copyWithin; RegExp(re) is re itself, new RegExp(re) a copy (session 38).
  ['[[1, 2, 3, 4, 5].copyWithin(0, 3), [1, 2, 3, 4, 5].copyWithin(-2, 0, 1), [1, 2, 3].copyWithin(1)]', [[4, 5, 3, 4, 5], [1, 2, 3, 1, 5], [1, 1, 2]]],
  ['const re = /a/g; [RegExp(re) === re, new RegExp(re) === re, RegExp(re, "i") === re, String(new RegExp(re))]', [true, false, false, '/a/g']],
  // The `d` flag: where each group was found (ES2022; scripts parse as ES2022 since session 38).
  ['const m = /(?<y>\\d{4})-(\\d+)?x?/d.exec("on 2026-x"); [m.indices, m.indices.groups.y, /a/dg.flags, /a/d.hasIndices]', [[[3, 9], [3, 7], null], [3, 7], 'dg', true]],
  ['const m = new RegExp("(a)(b)?", "d").exec("xa"); [m.indices[0], m.indices[2], m.indices.groups]', [[1, 2], null, null]],
  ['[..."a1b22".matchAll(/\\d+/dg)].map((m) => m.indices[0])', [[1, 2], [3, 5]]],
  // A method read off one value, given another of its kind as `this` (review, session 38).
  ['({}).hasOwnProperty.call({a: 1}, "a")', true],
  ['const d1 = new Date(0), d2 = new Date(5000); d1.getTime.call(d2)', 5000],
  ['/a/.test.call(/b/, "b")', true],
  ['[].concat.apply([], [[1], [2, 3]])', [1, 2, 3]],
  ['const other = [1]; [].push.call(other, 2); other', [1, 2]],
  ['"abc".toUpperCase.call("xyz")', 'XYZ'],
  ['const up = "".toUpperCase.bind("hey"); up()', 'HEY'],
  ['"a-b".split.call("a-b", "-")', ['a', 'b']],
  // Review of session 38: Object.prototype's hasOwnProperty answers from the object given, its own fields or not; a
  // method read off a Set, a Map or the Math namespace works on the one given.
  ['const p = {hasOwnProperty: () => "mine", x: 1}; [({}).hasOwnProperty.call(p, "x"), ({}).hasOwnProperty.call(p, "y")]', [true, false]],
  ['[({}).hasOwnProperty.call([5], 0), ({}).hasOwnProperty.call([5], 1), ({}).hasOwnProperty.call([5], "length")]', [true, false, true]],
  ['const a = new Set([1]), b = new Set([2]); [a.has.call(b, 2), a.has.call(b, 1), a.has.call(a, 1)]', [true, false, true]],
  ['const a = new Map([["k", 1]]), b = new Map([["k", 2]]); a.get.call(b, "k")', 2],
  ['[Math.max.apply(Math, [1, 3]), Math.max.call(null, 1, 4), Math.max === Math.max]', [3, 4, true]],
  // A namespace's functions ignore `thisArg` whatever it is (review, session 39).
  ['[Math.max.apply([], [1, 5, 3]), Math.max.apply({}, [2]), Math.max.call(0, 1, 5), Math.max.call(JSON, 1, 6), [1, 4].map(Math.sqrt.bind({})), JSON.stringify.call({}, {a: 1})]', [5, 2, 5, 6, [1, 2], '{"a":1}']],
  ['[Object.is(NaN, NaN), Object.is(0, -0), Object.is("a", "a")]', [true, false, true]],
  ['new Date([2026, 10, 24]).getFullYear()', 2026],
  ['new Date("2026-11-24T12:00:00Z").toLocaleDateString({})', '11/24/2026'],
  // Session 37: replacer functions, Object.freeze, getOwnPropertyNames (each expected value is Node's).
  ['JSON.stringify({a: 1, b: "x", c: [1, 2]}, (k, v) => (typeof v === "number" ? v * 10 : v))', '{"a":10,"b":"x","c":[10,20]}'],
  ['JSON.stringify({a: 1, secret: "s", n: {secret: 2, b: 3}}, (k, v) => (k === "secret" ? undefined : v))', '{"a":1,"n":{"b":3}}'],
  ['const keys = []; JSON.stringify({a: [1, {b: 2}]}, (k, v) => { keys.push(k); return v; }); keys', ['', 'a', '0', '1', 'b']],
  ['JSON.stringify([1, 2, 3], (k, v) => (v === 2 ? undefined : v))', '[1,null,3]'],
  ['JSON.stringify({d: new Date(0)}, (k, v) => (k === "d" ? typeof v : v))', '{"d":"string"}'],
  ['JSON.stringify(5, (k, v) => (k === "" ? {wrapped: v} : v), 1)', '{\n "wrapped": 5\n}'],
  ['const o = Object.freeze({a: 1}); [Object.isFrozen(o), Object.isFrozen({}), Object.isFrozen(1), o.a, o === Object.freeze(o)]', [true, false, true, 1, true]],
  ['const c = Object.freeze({limit: 5, items: []}); c.items.push(1); c.items', [1]],
  ['[Object.getOwnPropertyNames({b: 1, a: 2}), Object.getOwnPropertyNames([7, 8]), Object.getOwnPropertyNames("hi")]', [['b', 'a'], ['0', '1', 'length'], ['0', '1', 'length']]],
  ['JSON.stringify([/x/g, {r: /y/}])', '[{},{"r":{}}]'],
  // A labelled loop: `continue outer` / `break outer` from a loop inside it (session 34).
  ['const r = []; outer: for (const a of [1, 2, 3]) { for (const b of [1, 2, 3]) { if (b === 2) continue outer; if (a === 3) break outer; r.push(a * 10 + b); } } r', [11, 21]],
  ['const r = []; rows: for (let i = 0; i < 3; i++) { let j = 0; while (true) { j++; if (j > i) continue rows; r.push([i, j]); } } r', [[1, 1], [2, 1], [2, 2]]],
  ['let n = 0; a: b: for (const x of [1, 2, 3]) { for (;;) { n++; if (x === 2) break a; continue b; } } n', 2],
  ['let n = 0; loop: do { n++; switch (n) { case 2: continue loop; case 4: break loop; } } while (n < 10); n', 4],
  ['let n = 0; w: while (n < 5) { n++; for (const k in {a: 1, b: 2}) { if (k === "b") continue w; } } n', 5],
  ['function f() { outer: for (const a of [1, 2]) { for (const b of [3]) { if (a + b > 3) return a + b; } } } f()', 4],
  ['const log = []; outer: for (const a of [1, 2]) { try { continue outer; } finally { log.push(a); } } log', [1, 2]],
  ['let hit = null; search: for (const row of [[1, 2], [3, 4]]) { for (const cell of row) { if (cell > 2) { hit = cell; break search; } } } hit', 3],
];

test.each(agree)('%s', async (source, expected) => {
  expect(await value(source)).toEqual(expected);
});

test('print shows NaN, Infinity, undefined and -0 as JavaScript prints them, not as JSON', async () => {
  const outcome = await run('print([NaN, Infinity, -Infinity, undefined, -0]); print(-0); print({a: undefined, b: NaN}); print(new Set([1, 2])); answer(1)');
  expect(outcome.output).toEqual(['[NaN,Infinity,-Infinity,undefined,-0]', '-0', '{"a":undefined,"b":NaN}', 'Set(2) [1,2]']);
  // JSON.stringify is still JSON.
  expect(await value('JSON.stringify([NaN, undefined, -0])')).toBe('[null,null,0]');
});

test('a bad locale or option is the script\'s error, saying what Intl said', async () => {
  const outcome = await run('(5).toLocaleString("en-US", {style: "currency"})');
  expect(outcome.ok).toBe(false);
  expect(outcome.error?.message).toMatch(/toLocaleString\(\): .*currency/i);
});

test('the Math panel\'s budgets fit real work: primes below 10,000 by trial division, fib(20), a recursion 400 deep', async () => {
  const primes = 'let c = 0; for (let n = 2; n < 10000; n++) { let p = true; for (let d = 2; d * d <= n; d++) { if (n % d === 0) { p = false; break; } } if (p) c++; } c';
  expect((await run(primes, MATH_BUDGETS)).result).toBe(1229);
  expect((await run('function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(20)', MATH_BUDGETS)).result).toBe(6765);
  expect((await run('function sum(n) { return n === 0 ? 0 : n + sum(n - 1); } sum(400)', MATH_BUDGETS)).result).toBe(80200);
  const endless = await run('let i = 0; while (true) i++;', MATH_BUDGETS);
  expect(endless.error?.message).toMatch(/more than 2000000 steps \(an endless loop, or more work than a script may do\)/);
});

test('suggestions point to what a model meant: setValue → type is for handles; append → push; no one-letter key for hasOwnProperty', async () => {
  const append = await run('const a = []; a.append(1)');
  expect(append.error?.message).toMatch(/did you mean `push`\?/);
  const key = await run('const o = {a: 1}; o.hasOwnPropertyX("a")');
  expect(key.error?.message).not.toMatch(/did you mean `a`/);
});

test('`new` of what scripts do not have says what to write instead', async () => {
  for (const [source, hint] of [['new WeakSet()', /`new WeakSet` is not supported at 1:1 \(use a Set\)/], ['new WeakMap()', /`new WeakMap` is not supported at 1:1 \(use a Map\)/]] as const) {
    const outcome = await run(source);
    expect(outcome.error?.name, source).toBe('ScriptSyntaxError');
    expect(outcome.error?.message, source).toMatch(hint);
  }
});

test('a set or a map reaches nothing past its own methods', async () => {
  for (const source of ['new Set().constructor', 'new Map()["__proto__"]', 'const s = new Set(); const k = "constructor"; s[k]', 'new Map().prototype']) {
    const outcome = await run(source);
    expect(outcome.ok, source).toBe(false);
  }
  const big = await run('const s = new Set(); for (let i = 0; i < 200000; i++) s.add(i); s.size', { arrayLength: 1000, steps: 10_000_000, timeMs: 20_000 });
  expect(big.error?.name).toBe('BudgetError');
});

test('a bad URI escape is the script\'s error', async () => {
  await expect(value('decodeURIComponent("%E0%A4%A")')).rejects.toThrow(/decodeURIComponent\(\): URI malformed/);
});

test('a built-in\'s error JavaScript throws as a RangeError or TypeError is one when caught', async () => {
  expect(await value('let r; try { new Date("bad").toISOString(); } catch (e) { r = [e instanceof RangeError, e instanceof Error, e.name]; } r')).toEqual([true, true, 'RangeError']);
  expect(await value('let r; try { new Date(0).toLocaleDateString("en-US", {month: "huge"}); } catch (e) { r = [e instanceof RangeError, e.name]; } r')).toEqual([true, 'RangeError']);
  expect(await value('let r; try { Object.freeze([1]).push(2); } catch (e) { r = [e instanceof TypeError, e.name]; } r')).toEqual([true, 'TypeError']);
  for (const change of ['o.a = 2', 'delete o.a', 'a[0] = 5']) {
    expect(await value(`const o = Object.freeze({a: 1}), a = Object.freeze([1]); let r; try { ${change}; } catch (e) { r = [e instanceof TypeError, e.name]; } r`), change).toEqual([true, 'TypeError']);
  }
  // No locale (`[]`) is the default, en-US here, not the host's (the host here is en-US too, so also asked directly).
  expect(localesArg(new ScriptArray([]))).toBeUndefined();
  expect(await value('[(1234.5).toLocaleString([]), new Date(0).toLocaleDateString([], {timeZone: "UTC"})]')).toEqual(['1,234.5', '1/1/1970']);
});

test('what scripts do not have says what to write instead', async () => {
  for (const [source, pattern] of [
    ['new Intl.DateTimeFormat("en-US").format(new Date())', /`new Intl\.…` is not supported at 1:1 \(format with date\.toLocaleDateString/],
    ['Intl.DateTimeFormat().resolvedOptions()', /`Intl` is not defined: format with date\.toLocaleDateString/],
    ['new Date().getYear()', /did you mean `getFullYear`/],
    ['[].push.call("ab", 2)', /`push\.call\(\)` with string: call the method on that value/],
    ['Object.freeze([1]).push.call(Object.freeze([2]), 3)', /cannot push\(\): the array is frozen/],
    ['Math.max.apply(null, 5)', /takes its arguments as an array/],
  ] as const) {
    const outcome = await run(source);
    expect(outcome.ok, source).toBe(false);
    expect(outcome.error?.message, source).toMatch(pattern);
  }
});

test('changing what a script froze is the script\'s error, with where (JavaScript\'s strict mode throws too)', async () => {
  for (const [source, message] of [
    ['const o = Object.freeze({a: 1});\no.a = 2', /cannot set `a`: the object is frozen \(Object\.freeze\) at 2:1/],
    ['const o = Object.freeze({a: 1});\no.b = 2', /cannot set `b`: the object is frozen/],
    ['const o = Object.freeze({a: 1});\ndelete o.a', /cannot delete `a`: the object is frozen/],
    ['const a = Object.freeze([3, 1]);\na.sort()', /cannot sort\(\): the array is frozen/],
    ['const a = Object.freeze([3, 1]);\na[0] = 5', /cannot set `0`: the array is frozen/],
    ['const a = Object.freeze([3, 1]);\na.push(2)', /cannot push\(\): the array is frozen/],
    ['const a = Object.freeze([3, 1]);\na.copyWithin(0, 1)', /cannot copyWithin\(\): the array is frozen/],
    ['const o = Object.freeze({});\nObject.assign(o, {a: 1})', /cannot Object\.assign\(\) to it: the object is frozen/],
    ['const o = Object.freeze({n: 1});\no.n++', /cannot set `n`/],
  ] as const) {
    const outcome = await run(source);
    expect(outcome.error?.name, source).toBe('ScriptRuntimeError');
    expect(outcome.error?.message, source).toMatch(message);
  }
  // What is not changed still reads: a frozen array's copies are not frozen.
  expect(await value('const a = Object.freeze([3, 1, 2]); [a.toSorted(), [...a].sort(), a.slice().reverse(), a]')).toEqual([[1, 2, 3], [1, 2, 3], [2, 1, 3], [3, 1, 2]]);
});

test('a label on anything but a loop is refused, saying what was likely meant', async () => {
  for (const source of ['total: 1', 'x: { break x; }', 'name: "Ada"; done(name)']) {
    const outcome = await run(source);
    expect(outcome.error?.name, source).toBe('ScriptSyntaxError');
    expect(outcome.error?.message, source).toMatch(/^a label is not supported at 1:1 \(only on a loop, .*an object is written `\{ key: value \}`\)$/);
  }
});

test('`instanceof` a script\'s own function or a value that is no type says what it takes', async () => {
  for (const source of ['function F() {}\n({}) instanceof F', '[] instanceof Math', '[] instanceof 5']) {
    const outcome = await run(source);
    expect(outcome.ok, source).toBe(false);
    expect(outcome.ok ? '' : outcome.error?.message, source).toMatch(/^`instanceof` takes Array, Object, Error, TypeError, RangeError, Set, Map, RegExp, Date, String, Number or Boolean on its right, not `(F|Math|5)`; use typeof or Array.isArray at \d:\d+$/);
  }
});

test('call, apply and bind charge the arguments they copy: a bind chain of big spreads ends in the budget', async () => {
  const chain = 'const a = Array(50000).fill(1); let f = Math.max; for (let i = 0; i < 200; i++) f = f.bind(null, ...a); f()';
  const outcome = await run(chain, { arrayLength: 100_000, allocation: 2_000_000, timeMs: 20_000 });
  expect(outcome.error?.name).toBe('BudgetError');
  const applied = await run('const a = Array(50000).fill(1); let n = 0; for (let i = 0; i < 200; i++) n += Math.max.apply(null, a); n', { arrayLength: 100_000, allocation: 2_000_000, timeMs: 20_000 });
  expect(applied.error?.name).toBe('BudgetError');
});
