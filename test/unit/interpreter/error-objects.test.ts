import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { parseScript, runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * `throw new Error("…")`, which models write constantly, was a ScriptSyntaxError for the whole script (`new` is
 * refused). `new Error/TypeError/RangeError(message)` make a plain error object (name, message); every other `new`
 * stays refused. Also `Array(n)` and the newer array methods models use.
 */
async function run(source: string) {
  return runScript(source, mathCapabilities());
}

async function value(source: string): Promise<unknown> {
  const result = await run(source);
  expect(result.error, source).toBeUndefined();
  return result.result;
}

describe('error objects', () => {
  test.each([
    ['try { throw new Error("no rows") } catch (e) { answer([e.name, e.message]) }', ['Error', 'no rows']],
    ['try { throw new TypeError("bad") } catch (e) { answer(e.name + ": " + e.message) }', 'TypeError: bad'],
    ['try { throw new RangeError() } catch (e) { answer([e.name, e.message]) }', ['RangeError', '']],
    ['try { throw Error("plain call") } catch (e) { answer(e.message) }', 'plain call'],
    ['answer("" + new Error("shown"))', 'Error: shown'],
    ['answer(`${new TypeError("x")}`)', 'TypeError: x'],
    ['answer(String(new Error()))', 'Error'],
    ['const e = new Error("m"); e.code = 4; answer([Object.keys(e), JSON.stringify(e), e.code])', [['name', 'message', 'code'], '{"name":"Error","message":"m","code":4}', 4]],
    ['answer(new Error("data"))', { name: 'Error', message: 'data' }],
    ['answer(typeof new Error("x"))', 'object'],
    ['function f() { throw new Error("deep"); } try { f(); } catch (e) { answer(e.message) }', 'deep'],
    // A runtime error caught reads as JavaScript's do too.
    ['try { null.x } catch (e) { answer(("" + e).startsWith("ScriptRuntimeError: cannot read `x` of null")) }', true],
    ['try { [].zzz() } catch (e) { answer(String(e).startsWith("ApiError: an array has no method")) }', true],
  ])('%s', async (source, expected) => {
    expect(await value(source)).toEqual(expected);
  });

  test('uncaught, it fails the run with its message and position', async () => {
    const result = await run('const rows = [];\nif (!rows.length) throw new Error("no rows found");');
    expect(result.error?.name).toBe('ScriptRuntimeError');
    expect(result.error?.message).toBe('Uncaught Error: no rows found at 2:19');
    expect(result.error?.data).toMatchObject({ line: 2, column: 19, thrown: { name: 'Error', message: 'no rows found' } });
  });

  test('a caught error thrown again keeps its words', async () => {
    const result = await run('try { [].zzz() } catch (e) { throw e }');
    expect(result.error?.message).toMatch(/^Uncaught ApiError: an array has no method `zzz` at 1:7 at 1:30$/);
  });

  test.each([
    ['new Intl.DateTimeFormat()', '`new Intl.…` is not supported at 1:1'],
    ['new Object()', '`new` is not supported at 1:1'],
    ['const x = new WeakMap();', '`new WeakMap` is not supported at 1:11'],
    ['new Error.constructor("x")', '`new` is not supported at 1:1'],
    ['new Array.from([1])', '`new` is not supported at 1:1'],
  ])('every other `new` stays refused: %s', (source, message) => {
    expect(() => parseScript(source)).toThrow(message);
  });

  test.each([
    ['const Error = (m) => ({ m }); new Error("x")', /`new` only makes errors, arrays, sets, maps, regexes and dates, and `Error` here is not the built-in one at 1:31/],
    ['const e = new Error("x"); const k = "constructor"; e[k]', /`constructor` is not available to scripts/],
    ['const k = "__proto__"; new Error("x")[k]', /`__proto__` is not available to scripts/],
    ['Error.captureStackTrace({})', /has no method `captureStackTrace`/],
  ])('no reach past the data: %s', async (source, message) => {
    const result = await run(source);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(message);
  });

  test('a message that contains the error itself prints without looping', async () => {
    expect(await value('const e = new Error("a"); e.message = e; answer("" + e)')).toBe('Error');
  });
});

describe('arrays', () => {
  test.each([
    ['answer(Array(3))', [null, null, null]],
    ['answer(Array(3).fill(0))', [0, 0, 0]],
    ['answer(Array(1, 2))', [1, 2]],
    ['answer(Array("a"))', ['a']],
    ['answer([1, 2, 3, 4].fill(9, 1, -1))', [1, 9, 9, 4]],
    ['answer(typeof Array + Array.isArray([]))', 'functiontrue'],
    ['answer([[1, 2], [3]].flatMap((x) => x))', [1, 2, 3]],
    ['answer([1, 2].flatMap((x) => [x, [x * 10]]))', [1, [10], 2, [20]]],
    ['answer([1, 2, 3, 4].findLast((x) => x % 2 === 1))', 3],
    ['answer([1, 2, 3, 4].findLastIndex((x) => x > 5))', -1],
    ['answer([1, 2, 3, 4].findLastIndex((x) => x < 3))', 1],
    ['const a = [3, 1, 2]; answer([a.toSorted(), a])', [[1, 2, 3], [3, 1, 2]]],
    ['const a = [3, 1, 2]; answer([a.toSorted((x, y) => y - x), a.toReversed(), a])', [[3, 2, 1], [2, 1, 3], [3, 1, 2]]],
  ])('%s', async (source, expected) => {
    expect(await value(source)).toEqual(expected);
  });

  test.each([
    ['Array(-1)', /Array\(-1\): a length is a whole number/],
    ['Array(1.5)', /Array\(1\.5\): a length is a whole number/],
    ['"abc".matchAll(/b/)', /matchAll\(\) needs a global regular expression/],
  ])('%s fails', async (source, message) => {
    const result = await run(source);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(message);
  });

  test('printing errors whose name and message are the next error costs each visit (2^depth visits were free; review, session 26)', async () => {
    const source = 'let e = new Error(""); e.name = ""; for (let i = 0; i < 40; i++) { const n = new Error(""); n.name = e; n.message = e; e = n; } answer(("" + e).length)';
    const result = await runScript(source, mathCapabilities(), { budgets: { timeMs: 2_000 } });
    expect(result.error?.name).toBe('BudgetError');
  });

  test('Array(n) is bounded by the array budget', async () => {
    const result = await runScript('Array(2 ** 30)', mathCapabilities(), { budgets: { arrayLength: 1000 } });
    expect(result.error?.name).toBe('BudgetError');
  });
});
