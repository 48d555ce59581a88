/**
 * Regular expressions run by our own matcher (extension/sandbox/interpreter/regex): each script here is run by the
 * interpreter and by Node itself (the oracle, in a fresh vm context), and must give the same answer.
 */
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { compile } from '../../../extension/sandbox/interpreter/regex/compile.ts';
import { search } from '../../../extension/sandbox/interpreter/regex/match.ts';

async function ours(source: string, budgets = {}): Promise<unknown> {
  const outcome = await runScript(source, mathCapabilities(), { budgets });
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/** Node's answer as plain data, as a script's result leaves the interpreter (undefined inside arrays as null). */
function node(source: string): unknown {
  const value: unknown = runInNewContext(source);
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item instanceof RegExp ? String(item) : item)) ?? 'null');
}

const scripts = [
  // what models write to read prices, counts and dates
  '"$1,299.00".replace(/[$,]/g, "")',
  'Number("Total: $12.50".match(/\\d+(\\.\\d+)?/)[0])',
  '"a  b\\tc\\n d".split(/\\s+/)',
  '"3 apples and 12 pears".match(/\\d+/g).map(Number)',
  '/^\\d{4}-\\d{2}-\\d{2}$/.test("2026-12-02")',
  '"Order #12345 shipped".match(/#(\\d+)/)[1]',
  'const m = "2026-12-02".match(/(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})/); [m.groups.y, m.groups.d, m.index, m.length]',
  '"John Smith".replace(/(\\w+)\\s(\\w+)/, "$2, $1")',
  '"aaa".replace("a", "$&$&")',
  '"x-y-z".replace(/-/g, (s) => s + s)',
  '"price 10, tax 2".replace(/\\d+/g, (n, offset) => `${Number(n) * 2}@${offset}`)',
  '[..."a1b22c333".matchAll(/[a-z](\\d+)/g)].map((m) => [m[0], m[1], m.index])',
  '"Hello World".search(/o/)',
  '"Hello World".search(/xyz/)',
  '"CamelCaseString".split(/(?=[A-Z])/)',
  '"one, two;three".split(/[,;]\\s*/)',
  '"a1b2c3".split(/(\\d)/)',
  '"a1b2c3".split(/\\d/, 2)',
  '"".split(/,/)',
  '"".split(/(?:)/)',
  '"abc".split(/(?:)/)',
  '"abc".split("")',
  '"test".match(/x/)',
  '"test".match(/t/g)',
  '"aaa".match(/a*?/)[0]',
  '"aaa".match(/a{2}/)[0]',
  '"aaaa".match(/a{1,3}?/)[0]',
  '"aaaa".match(/a{2,}/)[0]',
  '/(a|ab)(c|bcd)(d*)/.exec("abcd")',
  '/(z)((a+)?(b+)?(c))*/.exec("zaacbbbcac")',
  '/(a*)*/.exec("b")',
  '/(a*)b\\1+/.exec("baaaac")',
  '/(?=(a+))/.exec("baaabac")',
  '/(?=(a+))a*b\\1/.exec("baaabac")',
  '/(.*?)a(?!(a+)b\\2c)\\2(.*)/.exec("baaabaac")',
  '/(?<=\\$)\\d+(\\.\\d\\d)?/.exec("cost: $10.99 or 12")',
  '/(?<!\\$)\\b\\d+/.exec("cost: $10 or 12")',
  '"The Quick Brown".match(/quick/i)[0]',
  '/[a-z]+/i.exec("ABC def")[0]',
  '/[^a-z]+/i.exec("ABC def")',
  '"line1\\nline2\\nline3".match(/^line\\d$/gm)',
  '"line1\\nline2".match(/^line\\d$/g)',
  '/a.c/.test("a\\nc")',
  '/a.c/s.test("a\\nc")',
  '/\\bfoo\\b/.test("a foo b")',
  '/\\Bfoo/.test("afoo")',
  '"😀x😀".match(/./gu)',
  '"😀x😀".match(/./g).length',
  '/\\p{L}+/u.exec("123 héllo")[0]',
  '/\\u{1F600}/u.test("😀")',
  '"a.b*c".replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&")',
  'const re = /o/g; const seen = []; let m; while ((m = re.exec("foo boo")) !== null) seen.push(m.index, re.lastIndex); seen',
  'const re = /a/g; [re.test("aa"), re.lastIndex, re.test("aa"), re.lastIndex, re.test("aa"), re.lastIndex]',
  'const re = /a/y; [re.test("ba"), re.lastIndex, (re.lastIndex = 1, re.test("ba")), re.lastIndex]',
  'const re = /a/g; re.lastIndex = -5; [re.test("ab"), re.lastIndex, (re.lastIndex = 9, re.exec("ab")), re.lastIndex]',
  'const re = new RegExp("\\\\d+", "g"); "a1b22".match(re)',
  'RegExp("a|b").source + "/" + new RegExp(/x/g, "i").flags + "/" + /a/gimsuy.flags',
  'String(/a\\/b/g) + " " + String(new RegExp(""))',
  '"aaa".replaceAll(/a/g, "b")',
  '"a.b.c".replaceAll(".", "-")',
  '"abc".replaceAll("", "-")',
  '"x".replace(/(y)?x/, "[$1]")',
  '"abc".replace(/b/, "$`|$\'|$$|$0|$9")',
  '"2026-12-02".replace(/(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)/, "$<d>/$<m>/$<y>")',
  '"k1=v1;k2=v2".split(";").map((kv) => kv.match(/^(\\w+)=(\\w+)$/).slice(1))',
  '"aBc".replace(/b/i, (m) => m.toUpperCase() === "B" ? "!" : "?")',
  '/(\\d+)\\s*(kg|g)\\b/i.exec("Weight: 12 KG")',
  '"tel: 555-123-4567".match(/\\d{3}-\\d{3}-\\d{4}/)[0]',
  '"  padded  ".replace(/^\\s+|\\s+$/g, "")',
  '"a,b;c d".split(/[,; ]/).length',
  '/[\\d.]+/.exec("v1.2.3")[0]',
  '/[\\w-]+@[\\w-]+\\.\\w+/.exec("mail me: a-b@c-d.org now")[0]',
  '"AbC".match(/[A-Z]/g).join("")',
  '/(a)|(b)/.exec("b")',
  '/(?:ab)+/.exec("ababab")[0]',
  '/(ab)+/.exec("ababab")',
  '/(a|b)*c/.exec("abbac")',
  '/^(?:(a)|b)+$/.exec("ab")',
  '/x*/.exec("")',
  '/\\w+(?=,)/.exec("foo, bar")',
  '/\\d+(?!px)\\b/.exec("12px 34em")',
  '/[\\s\\S]+?end/.exec("a\\nb end")[0]',
  '/\\x41\\u0042\\103/.test("ABC")',
  '/[\\u00e0-\\u00ff]+/.exec("caf\\u00e9!")[0]',
  '/É/i.test("é")',
  '/ſ/i.test("s")',
  '/\\u212a/i.test("k")',
  '/\\u212a/iu.test("k")',
  '/(?:)/.exec("abc")',
  '"tic tac toe".match(/t(?<vowel>[aeiou])c/g)',
  '/\\cJ/.test("\\n")',
  '/[\\b]/.test("\\b")',
  '/a{,2}/.test("a{,2}")',
  '/\\1(a)/.exec("aa")',
  // a lookbehind reads right to left, as JavaScript's does
  '/(?<=(\\d+)(\\d+))$/.exec("1053")',
  '/(?<=\\$(\\d+)\\.)\\d+/.exec("$10.99")',
  '/(?<=([ab]+)([bc]+))$/.exec("abbc")',
  '/(?<=(?:a|b)+)c/.exec("abc")',
  '/(?<=\\1(a))b/.exec("aab")',
  '/(?<=😀)x/u.exec("😀x")',
  '"😀😀".replace(/(?<=😀)/gu, "|")',
  // found by the regex explorer (session 33)
  '"naïve café".normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")',
  '[/[a-z]/iu.test("ſ"), /s/iu.test("ſ"), /ſ/iu.test("S"), /\\w/iu.test("ſ"), /\\W/iu.test("ſ"), /\\W/iu.test("\\u212a"), /\\bx/iu.test("\\u212ax"), /[^\\W]/iu.test("ſ")]',
  '[/σ/iu.test("ς"), /ς/iu.test("Σ"), /[ς]/i.test("σ"), /[σ]/i.test("ς"), /[ς]/iu.test("σ"), /[ǅ]/i.test("ǆ"), /[ǅ]/iu.test("Ǆ"), /µ/iu.test("Μ"), /\\u1c80/iu.test("\\u0412")]',
  '[/(\\u{10400})\\1/iu.test("\\u{10400}\\u{10428}"), /(ſ)\\1/iu.test("ſs")]',
  '[/istanbul/iu.test("ıstanbul"), "KIRMIZI kırmızı".match(/kirmizi/giu), /ı/iu.test("I"), /ı/i.test("I")]',
  '[/(?:){2147483647}/.test("a"), RegExp("(?:(?:){100000}){100000}").test("a"), RegExp("(?:a{0}){100000000}b").test("ab")]',
  'const cls = RegExp("[" + "a-b".repeat(300000) + "]"); [cls.test("c".repeat(100000)), RegExp("[" + "x-y".repeat(1000) + "]", "i").test("Y")]',
  '["line of text\\n".repeat(10000).split(/\\n/).length, "word ".repeat(30000).split(/\\s+/).length]',
  '[RegExp("\\\\b(?:" + Array.from({length: 8000}, (_, i) => "w" + i).join("|") + ")\\\\b").exec("say w7999 now")[0]]',
  '[/[A-Z]{2}/iu.exec("\\u212a\\u212aK")[0], /[A-Z]+/iu.exec("\\u212akx\\u212aS ")[0], /[^\\w]s+?[A-Z]/iu.exec(" A\\u1e9exKés\\u212ax")]',
  'const re = /a/g; const out = []; for (const v of [1.5, "3", -2]) { re.lastIndex = v; out.push(re.lastIndex); } out',
  'const re = /(?:)/g; re.lastIndex = -3; [..."ab".matchAll(re)].map(m => m.index)',
  'const re = /./gu; re.lastIndex = 1; const m = re.exec("😀x"); [m[0], m.index, re.lastIndex]',
  '[/\\ude00/u.exec("😀"), "😀".search(/\\ude00/u), "😀".search(/\\ude00/)]',
  '[new RegExp("a/b").source, String(new RegExp("a/b")), new RegExp("\\n").source, String(new RegExp("a\\nb", "g")), new RegExp("[/]").source, /a\\/b/.source]',
];


describe('regular expressions agree with JavaScript', () => {
  for (const source of scripts) {
    test(source, async () => {
      expect(await ours(source)).toEqual(node(source));
    });
  }
});

test('bad patterns and flags are the script\'s own catchable errors, with JavaScript\'s words', async () => {
  await expect(ours('new RegExp("(")')).rejects.toThrow(/Invalid regular expression.*Unterminated group/);
  await expect(ours('RegExp("a", "gg")')).rejects.toThrow(/Invalid regular expression flags/);
  await expect(ours('RegExp("a", "x")')).rejects.toThrow(/Invalid regular expression flags/);
  expect(await ours('let r; try { RegExp("[") } catch (e) { r = "caught: " + e.message } r')).toMatch(/^caught: Invalid regular expression/);
  await expect(ours('"a".replaceAll(/a/, "b")')).rejects.toThrow(/replaceAll\(\) needs a global regular expression/);
  await expect(ours('"a".matchAll(/a/)')).rejects.toThrow(/matchAll\(\) needs a global regular expression/);
  await expect(ours('const r = /a/; r.source = "b"')).rejects.toThrow(/cannot be assigned/);
});

test('a runaway pattern ends the run with the step budget, not a hang', async () => {
  const started = Date.now();
  await expect(ours('/(a+)+$/.test("a".repeat(40) + "b")')).rejects.toMatchObject({ name: 'BudgetError', data: { budget: 'steps' } });
  await expect(ours('/^(\\w+\\s?)*$/.test("a long line of words that ends badly!".repeat(3))')).rejects.toMatchObject({ name: 'BudgetError' });
  await expect(ours('/(?:a|a)*c/.test("a".repeat(50))')).rejects.toMatchObject({ name: 'BudgetError' });
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('a backreference compares as many characters as it holds: each is work the budget counts (explorer, session 33: the clock stopped it)', async () => {
  await expect(ours('/(a*)\\1x/.test("a".repeat(100000))', { timeMs: 60_000 })).rejects.toMatchObject({ name: 'BudgetError', data: { budget: 'steps' } });
});

test('what a global match keeps of each match counts against the allocation budget; a replacement past the string budget is that budget, not a host error (explorer, session 33)', async () => {
  await expect(ours('const re = RegExp("(?:x" + "()".repeat(900) + "|)", "g"); "a".repeat(99000).match(re).length', { timeMs: 60_000 }))
    .rejects.toMatchObject({ name: 'BudgetError', data: { budget: 'allocation' } });
  await expect(ours('"a".repeat(1000000).replace(/$/, "$`".repeat(600)).length')).rejects.toMatchObject({ name: 'BudgetError', data: { budget: 'stringLength' } });
  await expect(ours('RegExp("()".repeat(1001))')).rejects.toThrow(/more than 1000 capturing groups/);
});

test('a pattern too big to run, or nested too deeply, is refused with a message', async () => {
  await expect(ours('RegExp("(?:a{1000}){1000}")')).rejects.toThrow(/too large to run/);
  await expect(ours('RegExp("(?:a{0,1000000})")')).rejects.toThrow(/too large to run/);
  await expect(ours(`RegExp("${'('.repeat(500)}a${')'.repeat(500)}")`)).rejects.toThrow(/nested too deeply|Invalid regular expression/);
  await expect(ours(`/${'('.repeat(5000)}a${')'.repeat(5000)}/`)).rejects.toThrow();
});

test('a long text is searched in linear work: a 200,000-character page text finds its last price', async () => {
  const result = await ours('const text = "lorem ipsum ".repeat(20000) + "price $42.50"; text.match(/\\$(\\d+\\.\\d\\d)/)[1]', { steps: 2_000_000 });
  expect(result).toBe('42.50');
});

test('a regex leaves a run as its text; a match as its items', async () => {
  expect(await ours('/a+/gi')).toBe('/a+/gi');
  expect(await ours('"x1".match(/\\d/)')).toEqual(['1']);
});

describe('the matcher agrees with the host on generated patterns and texts', () => {
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '\\w', '\\s', '\\b', '^', '$', '(a)', '(?:ab)', '(a|b)', '(?=a)', '(?!b)', '(?<=a)', '(?<!b)', '(a*)', '\\1', '(?<=(a+))', '(?<=a(b)?)', '(?<n>b)', '\\k<n>', '[a-c]', '\\W', '\\D');
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,2}', '{0,}', '{1,3}?');
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => (/^[\\^$]|^\(\?[=!<]|^\\b/.test(a) && q ? a : a + q));
  const pattern = fc.array(fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join('')), { minLength: 1, maxLength: 3 }).map((alts) => alts.join('|'));
  const text = fc.array(fc.constantFrom('a', 'b', 'c', '1', ' ', '\n', 'A'), { maxLength: 12 }).map((chars) => chars.join(''));
  const flags = fc.constantFrom('', 'i', 'm', 's', 'g', 'gi', 'u', 'iu', 'y');

  test('exec positions and groups', () => {
    fc.assert(fc.property(pattern, text, flags, (source, input, flagText) => {
      let host: RegExp;
      try {
        host = new RegExp(source, flagText.replace('g', ''));
      } catch {
        return;
      }
      const expected = host.exec(input);
      const program = compile(source, flagText.replace('g', ''));
      const caps = search(program, input, 0, program.parsed.sticky, { tick: () => {} });
      if (!expected) {
        expect(caps).toBeNull();
        return;
      }
      expect(caps).not.toBeNull();
      const groups = [...expected].map((g, n) => (g === undefined ? undefined : [caps![2 * n], caps![2 * n + 1], g]));
      const mine = [...expected].map((_g, n) => (caps![2 * n]! < 0 ? undefined : [caps![2 * n], caps![2 * n + 1], input.slice(caps![2 * n], caps![2 * n + 1])]));
      expect(caps![0]).toBe(expected.index);
      expect(mine.map((g) => g?.[2])).toEqual(groups.map((g) => g?.[2]));
    }), { numRuns: 3000 });
  });
});

test('match, replace, split and matchAll through the interpreter agree with JavaScript on generated patterns', async () => {
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\d', '\\s', '\\b', '^', '$', '(a)', '(a|b)', '(?=a)', '(?<=b)', '(a*)', '\\1');
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '{1,2}');
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => (/^[\\^$]|^\(\?|^\\b/.test(a) && q ? a : a + q));
  const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const text = fc.array(fc.constantFrom('a', 'b', '1', ' ', '\n'), { maxLength: 10 }).map((chars) => chars.join(''));
  const call = fc.constantFrom(
    (re: string, s: string) => `${JSON.stringify(s)}.match(/${re}/g)`,
    (re: string, s: string) => `${JSON.stringify(s)}.replace(/${re}/g, "<$&|$1>")`,
    (re: string, s: string) => `${JSON.stringify(s)}.replace(/${re}/gm, (m, g, i) => "[" + m + ":" + i + "]")`,
    (re: string, s: string) => `${JSON.stringify(s)}.split(/${re}/)`,
    (re: string, s: string) => `[...${JSON.stringify(s)}.matchAll(/${re}/gi)].map((m) => [m.index, ...m])`,
    (re: string, s: string) => `${JSON.stringify(s)}.search(/${re}/m)`,
  );
  await fc.assert(fc.asyncProperty(pattern, text, call, async (re, s, make) => {
    try {
      new RegExp(re);
    } catch {
      return;
    }
    const source = make(re, s);
    expect(await ours(source)).toEqual(node(source));
  }), { numRuns: 400 });
});
