import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * Random programs from a small grammar that leans on the dangerous corners (forbidden names as properties and
 * strings, callbacks, spreads, destructuring, handles). Every run must end in a result or one of our typed script
 * errors — an InternalError would mean a host exception escaped the interpreter — and the host stays untouched.
 */
const names = ['x', 'y', 'f', 'Math', 'JSON', 'Object', 'Array', 'String', 'Number', 'print', 'console', '$go', '$items', 'answer', 'done', 'say'];
const props = ['length', 'push', 'map', 'filter', 'x', 'y', 'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'call', 'apply', 'max', 'keys', 'stringify', 'parse', 'click', 'text', 'subject', 'find', 'split', 'join', 'sort', 'reduce', 'slice', 'repeat', 'assign', 'fromEntries', '0', '1'];
const strings = ['"constructor"', '"__proto__"', '"prototype"', '"a"', '""', '"1"', '"x".repeat(3)', '"{\\"__proto__\\":{\\"p\\":1}}"'];

const { program } = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(...names),
    fc.integer({ min: -3, max: 1000 }).map(String),
    fc.constantFrom(...strings, 'null', 'undefined', 'true', 'NaN', '[]', '{}', '[1, 2, 3]', '{ x: 1 }', '(() => 1)'),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf') as fc.Arbitrary<string>,
    fc.tuple(tie('expr') as fc.Arbitrary<string>, fc.constantFrom('+', '-', '*', '/', '===', '==', '<', '&&', '||', '??', '%', 'in'), tie('expr') as fc.Arbitrary<string>).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, fc.constantFrom(...props)).map(([a, p]) => `${a}${/^\d/.test(p) ? `[${p}]` : `.${p}`}`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, tie('expr') as fc.Arbitrary<string>).map(([a, k]) => `${a}[${k}]`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, fc.constantFrom(...props)).map(([a, p]) => `${a}?.${/^\d/.test(p) ? `[${p}]` : p}`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, fc.array(tie('expr') as fc.Arbitrary<string>, { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom('a', 'b'), tie('expr') as fc.Arbitrary<string>).map(([p, body]) => `((${p}) => ${body})`),
    fc.array(tie('expr') as fc.Arbitrary<string>, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([a]) => `[...${a}]`),
    fc.tuple(fc.constantFrom('x', 'y', '"k"', '[x]'), tie('expr') as fc.Arbitrary<string>).map(([k, v]) => `({ ${k.startsWith('"') || k.startsWith('[') ? k : k}: ${v} })`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, tie('expr') as fc.Arbitrary<string>, tie('expr') as fc.Arbitrary<string>).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([a]) => `\`t\${${a}}\``),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([a]) => `typeof ${a}`),
  ),
  statement: fc.oneof(
    { depthSize: 'small' },
    (tie('expr') as fc.Arbitrary<string>).map((e) => `${e};`),
    fc.tuple(fc.constantFrom('x', 'y'), tie('expr') as fc.Arbitrary<string>).map(([v, e]) => `${v} = ${e};`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, tie('expr') as fc.Arbitrary<string>).map(([t, e]) => `if (${t}) { x = ${e}; } else { y = x; }`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, tie('expr') as fc.Arbitrary<string>).map(([it, e]) => `for (const v of ${it}) { y = ${e}; }`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([e]) => `while (${e}) { x = [x]; }`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>, tie('expr') as fc.Arbitrary<string>).map(([a, b]) => `try { x = ${a}; } catch (err) { y = err; } finally { x = ${b}; }`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([e]) => `function f(a, b) { return ${e}; }`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([e]) => `const { a, ...r } = ${e} ?? {}; y = r;`),
    fc.tuple(tie('expr') as fc.Arbitrary<string>).map(([e]) => `throw ${e};`),
  ),
  program: fc.array(tie('statement') as fc.Arbitrary<string>, { minLength: 1, maxLength: 6 }).map((lines) => `let x = 1; let y = 2;\n${lines.join('\n')}`),
}));

const TYPED = new Set(['ScriptSyntaxError', 'ApiError', 'ScriptRuntimeError', 'BudgetError', 'NotFoundError', 'ActionError', 'NavigationError']);

describe('fuzz: random programs stay contained', () => {
  test('every run ends in a result or a typed script error; the host is untouched', async () => {
    const objectKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const globalKeys = Object.getOwnPropertyNames(globalThis).sort();
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(program, fc.boolean(), async (source, automation) => {
        const bridge = new FakeBridge({ elements: { go: { kind: 'button' } }, lists: { items: [{ subject: 'a' }, { subject: 'b' }] } });
        const capabilities = automation ? automationCapabilities(bridge, bridge.names()) : mathCapabilities();
        const run = await runScript(source, capabilities, { budgets: { steps: 3000, timeMs: 1000, stringLength: 100_000 } });
        const outcome = run.ok ? 'ok' : run.error!.name;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (!run.ok && !TYPED.has(run.error!.name)) throw new Error(`${source}\n→ ${run.error!.name}: ${run.error!.message}`);
        expect(({} as Record<string, unknown>).p).toBeUndefined();
      }),
      { numRuns: 400, seed: 20240607 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectKeys);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(globalKeys);
    if (process.env.FUZZ_REPORT) console.log(Object.fromEntries(outcomes));
    // The grammar reaches both successful runs and several kinds of errors (otherwise the fuzz tests nothing).
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(20);
    expect(outcomes.size).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
