import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

async function value(source: string): Promise<unknown> {
  const run = await runScript(source, mathCapabilities());
  if (!run.ok) throw run.error;
  return run.result;
}

async function failure(source: string) {
  const run = await runScript(source, mathCapabilities());
  expect(run.ok, `expected ${source} to fail`).toBe(false);
  return run.error!;
}

/** Small programs and what they evaluate to (the last top-level expression, or answer()). */
const table: Array<[string, unknown]> = [
  ['1 + 2 * 3', 7],
  ['(1 + 2) * 3 ** 2', 27],
  ['7 % 3 + 10 / 4', 3.5],
  ['"a" + 1 + 2', 'a12'],
  ['1 + 2 + "a"', '3a'],
  ['[1, 2] + ""', '1,2'],
  ['({}) + ""', '[object Object]'],
  ['"5" * "2"', 10],
  ['"10" < "9"', true],
  ['10 < 9', false],
  ['"2" == 2', true],
  ['"2" === 2', false],
  ['null == undefined', true],
  ['null === undefined', false],
  ['NaN === NaN', false],
  ['[1] == 1', false],
  ['typeof 1 + typeof "" + typeof null + typeof undefined + typeof (() => 1) + typeof [] + typeof Math', 'numberstringobjectundefinedfunctionobjectobject'],
  ['typeof notDeclaredAnywhere', 'undefined'],
  ['!0 && !"" && !null && !!"x" && !![]', true],
  ['null ?? 3', 3],
  ['0 ?? 3', 0],
  ['0 || "x"', 'x'],
  ['1 && "y"', 'y'],
  ['true ? "a" : "b"', 'a'],
  ['let x = 1; x += 4; x *= 2; x -= 1; x', 9],
  ['let i = 0; const a = i++; const b = ++i; [a, b, i]', [0, 2, 2]],
  ['const o = { n: 1 }; o.n++; o["n"] += 10; o.n', 12],
  ['const a = [1, 2]; a[0]--; a[2] = 9; a', [0, 2, 9]],
  ['let s = 0; for (let i = 0; i < 10; i++) { if (i === 3) continue; if (i === 7) break; s += i; } s', 18],
  ['let s = 0; for (const x of [1, 2, 3]) s += x; s', 6],
  ['let s = ""; for (const c of "héllo") s = c + s; s', 'olléh'],
  ['const keys = []; for (const k in { a: 1, b: 2 }) keys.push(k); keys', ['a', 'b']],
  ['let n = 0; while (n < 5) n++; n', 5],
  ['let n = 10; do { n++; } while (n < 5); n', 11],
  ['function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); } fact(10)', 3628800],
  ['const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2); fib(15)', 610],
  ['hoisted(); function hoisted() { return 42; } hoisted()', 42],
  ['function counter() { let c = 0; return () => ++c; } const c = counter(); c(); c(); c()', 3],
  ['const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); fs.map((f) => f())', [0, 1, 2]],
  ['const f = function g(n) { return n ? g(n - 1) + 1 : 0; }; f(4)', 4],
  ['function f(a, b = a * 2, ...rest) { return [a, b, rest]; } f(1)', [1, 2, []]],
  ['function f(a, b = a * 2, ...rest) { return [a, b, rest]; } f(1, 5, 6, 7)', [1, 5, [6, 7]]],
  ['const { a, b: { c }, ...rest } = { a: 1, b: { c: 2 }, d: 3, e: 4 }; [a, c, rest]', [1, 2, { d: 3, e: 4 }]],
  ['const [x, , y = 5, ...z] = [1, 2, undefined, 4, 5]; [x, y, z]', [1, 5, [4, 5]]],
  ['let a = 1, b = 2; [a, b] = [b, a]; [a, b]', [2, 1]],
  ['const f = ({ x, y = 2 }) => x + y; f({ x: 1 })', 3],
  ['`sum: ${1 + 2}, list: ${[1, 2]}`', 'sum: 3, list: 1,2'],
  ['[...[1, 2], ...[3], ..."ab"]', [1, 2, 3, 'a', 'b']],
  ['Math.max(...[3, 9, 2])', 9],
  ['const o = { a: 1 }; ({ ...o, b: 2, ["c" + 1]: 3 })', { a: 1, b: 2, c1: 3 }],
  ['const o = { f(x) { return x * 2; } }; o.f(4)', 8],
  ['const o = { a: { b: null } }; [o?.a?.b?.c, o.x?.y.z, o.a.b ?? "d"]', [null, null, 'd']],
  ['const o = {}; o.method?.(1)', null],
  ['let r; try { throw "boom"; } catch (e) { r = "caught " + e; } finally { r += "!"; } r', 'caught boom!'],
  ['let r = []; try { try { throw 1; } finally { r.push("inner"); } } catch (e) { r.push(e); } r', ['inner', 1]],
  ['function f() { try { return "try"; } finally { return "finally"; } } f()', 'finally'],
  ['let r; try { null.x; } catch (e) { r = e.name; } r', 'ScriptRuntimeError'],
  ['let r; try { throw { code: 7 }; } catch ({ code }) { r = code; } r', 7],
  ['switch (3) { case 1: "one"; break; case 3: case 4: "three or four"; break; default: "other"; }', undefined],
  ['let r = ""; switch ("b") { case "a": r += "a"; case "b": r += "b"; case "c": r += "c"; break; default: r += "d"; } r', 'bc'],
  ['let r = ""; switch (9) { case 1: r = "one"; break; default: r = "default"; } r', 'default'],
  ['[3, 1, 2].sort()', [1, 2, 3]],
  ['[10, 9, 1].sort()', [1, 10, 9]],
  ['[10, 9, 1].sort((a, b) => a - b)', [1, 9, 10]],
  ['[{ n: "b", v: 1 }, { n: "a", v: 1 }, { n: "c", v: 0 }].sort((x, y) => x.v - y.v).map((x) => x.n)', ['c', 'b', 'a']],
  ['[1, 2, 3, 4].filter((x) => x % 2).map((x) => x * 10)', [10, 30]],
  ['[1, 2, 3].reduce((a, b) => a + b, 0)', 6],
  ['[1, 2, 3].reduce((a, b) => a + b)', 6],
  ['[1, 2, 3].find((x) => x > 1)', 2],
  ['[1, 2, 3].findIndex((x) => x > 5)', -1],
  ['[[1, 2], [3, [4]]].flat()', [1, 2, 3, [4]]],
  ['[1, 2, 3].some((x) => x > 2) && [1, 2, 3].every((x) => x > 0)', true],
  ['[1, 2, 3].slice(-2).concat([4], 5).join("-")', '2-3-4-5'],
  ['const a = [1, 2, 3, 4]; const r = a.splice(1, 2, "x"); [a, r]', [[1, 'x', 4], [2, 3]]],
  ['const a = [1, 2]; a.push(3, 4); a.unshift(0); [a.pop(), a.shift(), a.length, a.includes(2), a.indexOf(3), a.at(-1)]', [4, 0, 3, true, 2, 3]],
  ['[NaN].includes(NaN)', true],
  ['let s = 0; [1, 2, 3].forEach((x, i) => { s += x * i; }); s', 8],
  ['"  Hello, World  ".trim().toLowerCase().split(", ")', ['hello', 'world']],
  ['"a-b-c".replaceAll("-", "+").replace("+", "$&$$")', 'a+$b+c'],
  ['"abc".includes("b") && "abc".startsWith("a") && "abc".endsWith("c")', true],
  ['["abc".slice(1), "abc".slice(-1), "abc".substring(2, 0), "abc".at(-1), "abc"[1], "abc".length]', ['bc', 'c', 'ab', 'c', 'b', 3]],
  ['"7".padStart(3, "0") + "x".repeat(3) + "ab".padEnd(4, ".")', '007xxxab..'],
  ['(1234.5678).toFixed(2) + " " + (255).toString(16) + " " + (0.000123).toPrecision(2)', '1234.57 ff 0.00012'],
  ['[parseInt("42px"), parseInt("ff", 16), parseFloat("3.5e2"), Number("12"), String(12) + 1, Boolean("")]', [42, 255, 350, 12, '121', false]],
  ['[Number.isInteger(5), Number.isInteger(5.5), isNaN("x"), isFinite("12")]', [true, false, true, true]],
  ['[Math.round(2.5), Math.floor(-1.5), Math.abs(-3), Math.sqrt(16), Math.min(), Math.PI > 3]', [3, -2, 3, 4, Infinity, true]],
  ['JSON.stringify({ a: [1, "x", null, true], b: { c: undefined } })', '{"a":[1,"x",null,true],"b":{}}'],
  ['JSON.stringify([1, { a: 2 }], null, 2)', '[\n  1,\n  {\n    "a": 2\n  }\n]'],
  ['JSON.parse(\'{"a": [1, 2], "b": "c"}\').a[1]', 2],
  ['Object.keys({ a: 1, b: 2 }).concat(Object.values({ c: 3 }))', ['a', 'b', 3]],
  ['Object.entries({ a: 1 })', [['a', 1]]],
  ['Object.fromEntries([["a", 1], ["b", 2]])', { a: 1, b: 2 }],
  ['Array.isArray([]) && !Array.isArray({})', true],
  ['Array.from({ length: 3 }, (_, i) => i * i)', [0, 1, 4]],
  ['Array.from("abc")', ['a', 'b', 'c']],
  ['"a" in { a: 1 } && 0 in [5] && !(3 in [5])', true],
  ['const o = { a: 1, b: 2 }; delete o.a; o', { b: 2 }],
  ['void 0', undefined],
  ['(1, 2, 3)', 3],
  ['[1, 2, 3].length', 3],
  ['~5 | 2 & 3 ^ 1 << 2 >> 1 >>> 0', -6 | 2 & 3 ^ 1 << 2 >> 1 >>> 0],
  ['1 / 0', Infinity],
  ['const x = await 5; x', 5],
  ['async function f() { return 2; } await f()', 2],
  ['answer(6 * 7); 1', 42],
  ['return 5; 6', 5],
  ['let x = 1; { let x = 2; } x', 1],
  ['let x = 1; { x = 2; } x', 2],
  ['const a = [3, 1, 2]; const b = a; b.sort(); a', [1, 2, 3]],
  ['const o = { toString() { return "evil"; } }; "" + o', '[object Object]'],
  ['const o = { valueOf() { return 42; } }; o * 1', NaN],
  ['[1, [2, 3]].toString()', '1,2,3'],
  ['"x".toString()', 'x'],
  ['const s = "abc"; s.concat("d", 1)', 'abcd1'],
];

describe('interpreter semantics', () => {
  test.each(table)('%s', async (source, expected) => {
    const result = await value(source);
    if (typeof expected === 'number' && Number.isNaN(expected)) expect(result).toBeNaN();
    else expect(result).toEqual(expected === undefined ? null : expected);
  });

  test('print collects output lines', async () => {
    const run = await runScript('print("total", 3, [1, 2], { a: 1 }); console.log("x")', mathCapabilities());
    expect(run.output).toEqual(['total 3 [1,2] {"a":1}', 'x']);
  });

  test('answer() ends the run and is logged', async () => {
    const run = await runScript('let x = 2; answer(x * 21); print("not reached")', mathCapabilities());
    expect(run.finishedBy).toBe('answer');
    expect(run.result).toBe(42);
    expect(run.output).toEqual([]);
    expect(run.log.map((e) => [e.call, e.args, e.line])).toEqual([['answer', [42], 1]]);
  });

  test('answer() cannot be caught, and finally does not run after it', async () => {
    const run = await runScript('try { answer(1); } catch (e) { answer(2); } finally { print("f"); }', mathCapabilities());
    expect(run.result).toBe(1);
    expect(run.output).toEqual([]);
  });

  test('round(x, digits) for money answers', async () => {
    expect(await value('[round(8.025, 2), round(1.005, 2), round(1234.5), round(1e-7, 3)]')).toEqual([8.03, 1.01, 1235, 0]);
  });

  test.each([
    ['const x = 1; x = 2;', 'ScriptRuntimeError', /`x` is a constant at 1:14/],
    ['y = 2;', 'ScriptRuntimeError', /`y` is not declared/],
    ['x; let x = 1;', 'ScriptRuntimeError', /`x` is used before its let\/const declaration at 1:1/],
    ['const f = () => g; f(); const g = 1;', 'ScriptRuntimeError', /before its let\/const/],
    ['let o; o.x', 'ScriptRuntimeError', /cannot read `x` of undefined \(o\.x\) at 1:8/],
    ['const n = 5;\nn();', 'ScriptRuntimeError', /`n` is not a function .* at 2:1/],
    ['throw "bad thing"', 'ScriptRuntimeError', /Uncaught bad thing at 1:1/],
    ['[1].pusj(2)', 'ApiError', /an array has no method `pusj`; did you mean `push`\?/],
    ['"x".toUppercase()', 'ApiError', /did you mean `toUpperCase`/],
    ['Math.sqroot(4)', 'ApiError', /Math has no `sqroot`; did you mean `sqrt`\?/],
    ['prnt(1)', 'ApiError', /`prnt` is not defined; did you mean `print`\?/],
    ['[1, 2].reduce()', 'ScriptRuntimeError', /reduce\(\) needs a function/],
    ['[].reduce((a, b) => a)', 'ScriptRuntimeError', /empty array/],
    ['const a = []; a[5] = 1;', 'ScriptRuntimeError', /past the end/],
    ['const a = []; a.length = 0;', 'ScriptRuntimeError', /index assignments/],
    ['"abc".split(RegExp("("))', 'ScriptRuntimeError', /Invalid regular expression: \/\(\/: Unterminated group/],
    ['JSON.parse("{")', 'ScriptRuntimeError', /JSON.parse/],
    ['const o = {}; o.self = o; JSON.stringify(o)', 'ScriptRuntimeError', /cycle/],
    ['for (const x of { a: 1 }) {}', 'ScriptRuntimeError', /cannot iterate over a plain object/],
    ['(5).toFixed(200)', 'ScriptRuntimeError', /toFixed\(\) digits/],
    ['answer()', 'ScriptRuntimeError', /answer\(\) needs/],
  ])('%s fails with %s', async (source, name, message) => {
    const error = await failure(source);
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
  });

  test('caught script errors are data with name, message and position', async () => {
    expect(await value('let r; try { [].zzzzzzz(); } catch (e) { r = [e.name, e.line, e.column, e.suggestion]; } r'))
      .toEqual(['ApiError', 1, 14, null]);
    expect(await value('let r; try {\n  Math.flor(1);\n} catch (e) { r = [e.name, e.line, e.column, e.suggestion]; } r'))
      .toEqual(['ApiError', 2, 3, 'floor']);
  });
});
