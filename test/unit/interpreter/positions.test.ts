import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { parseScript, runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { ScriptSyntaxError } from '../../../extension/protocol/errors.ts';

function syntaxError(source: string): ScriptSyntaxError {
  try {
    parseScript(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptSyntaxError);
    return error as ScriptSyntaxError;
  }
  throw new Error(`expected a syntax error for ${source}`);
}

describe('error positions', () => {
  test.each([
    ['let a = 1;\nlet b = 2;\n    class A {}', '`class` is not supported at 3:5', 3, 5],
    ['new WeakSet()', '`new WeakSet` is not supported at 1:1 (use a Set)', 1, 1],
    ['const x = 1;\nx.__proto__', '`__proto__` is not supported at 2:3 (scripts only reach the page API and their own values)', 2, 3],
    ['if (x) {\n  eval("1")\n}', '`eval` is not supported at 2:3 (scripts only reach the page API and their own values)', 2, 3],
    ['var x = 1', '`var` is not supported at 1:1 (use let or const)', 1, 1],
    ['"abc".replace(/(b/, "")', 'Invalid regular expression: /(b/: Unterminated group at 1:16', 1, 16],
    ['({ get x() { return 1; } })', 'a getter is not supported at 1:4 (objects hold plain data)', 1, 4],
    ['function f() {\n  return this;\n}', '`this` is not supported at 2:10', 2, 10],
    ['a`b`', 'a tagged template is not supported at 1:1', 1, 1],
    ['let x = ;', 'Unexpected token at 1:9', 1, 9],
    ['let x = 1\nlet y = (2', 'the script ends too early (something opened is not closed) at 2:11', 2, 11],
    ['const = 5', 'Unexpected token at 1:7', 1, 7],
  ])('%s', (source, message, line, column) => {
    const error = syntaxError(source);
    expect(error.message).toBe(message);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
  });

  test('deep nesting and huge sources are syntax errors, not crashes', () => {
    expect(syntaxError(`${'('.repeat(5000)}1${')'.repeat(5000)}`).message).toMatch(/not supported|nested too deeply/);
    expect(syntaxError('1;'.repeat(60_000)).message).toMatch(/longer than 100000 characters/);
  });

  test.each([
    ['let o = {};\nlet v = o.a.b;', 2, 9, 'ScriptRuntimeError'],
    ['const list = [1, 2];\nfor (const x of list) {\n  Math.sqr(x);\n}', 3, 3, 'ApiError'],
    ['function f(n) {\n  if (n > 2) throw "too big: " + n;\n  return f(n + 1);\n}\nf(0);', 2, 14, 'ScriptRuntimeError'],
    ['print(1);\nprint(2);\n  undefinedHelper(3);', 3, 3, 'ApiError'],
    ['const xs = [3, 1];\nxs.sort((a, b) => a.value.x - b);', 2, 19, 'ScriptRuntimeError'],
  ])('runtime error in %s is at %i:%i', async (source, line, column, name) => {
    const run = await runScript(source, mathCapabilities());
    expect(run.error?.name).toBe(name);
    expect(run.error?.data).toMatchObject({ line, column });
    expect(run.error?.message).toMatch(new RegExp(` at ${line}:${column}$`));
  });

  test('a budget error names the budget and where the script was', async () => {
    const run = await runScript('let n = 0;\nwhile (n >= 0) {\n  n = n + 1;\n}', mathCapabilities(), { budgets: { steps: 1000 } });
    expect(run.error?.name).toBe('BudgetError');
    expect(run.error?.data?.budget).toBe('steps');
    expect([2, 3]).toContain(run.error?.data?.line);
  });
});
