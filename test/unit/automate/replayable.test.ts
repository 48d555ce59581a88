import { describe, expect, test } from 'vitest';
import { completedStatements, replayableScript } from '../../../extension/features/automate/replayable.ts';
import { parseScript } from '../../../extension/sandbox/interpreter/parse.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

const answer = (script: string) => ({ plan: '', elements: [], script });

describe('the script saved from a repaired run', () => {
  const step1 = 'const who = "Ada";\n$form__name.type(who);\n$form__next.click();\n$form__plann.select("Team");\ndone(1);';

  test('completed statements: those that end before the error position (1-based column)', () => {
    expect(completedStatements(step1, 4, 1)).toBe('const who = "Ada";\n$form__name.type(who);\n$form__next.click();');
    expect(completedStatements(step1, 1, 1)).toBe('');
    expect(completedStatements('for (const x of $l) {\n  x.open.click();\n}', 2, 3)).toBe('');
    expect(completedStatements('this is not a script (', 1, 5)).toBe('');
  });

  test('one attempt: its script as is; none: nothing', () => {
    expect(replayableScript([{ answer: answer('done(1);') }])).toBe('done(1);');
    expect(replayableScript([])).toBeUndefined();
    expect(replayableScript([{ failure: { name: 'ScriptSyntaxError', message: 'x' } }])).toBeUndefined();
  });

  test('after a repair: the first attempt\'s done part in a block, then the repair; it parses (no let/const clash)', () => {
    const repair = 'const who = "Ada";\n$form__plan.select("Team");\ndone(who);';
    const script = replayableScript([
      { answer: answer(step1), failure: { name: 'NotFoundError', message: 'no $form__plann', line: 4, column: 1 } },
      { answer: answer(repair) },
    ])!;
    expect(script).toBe(`{\nconst who = "Ada";\n$form__name.type(who);\n$form__next.click();\n}\n${repair}`);
    expect(() => parseScript(script)).not.toThrow();
  });

  test('an attempt refused before it ran (`var`, `new`…) adds nothing, whatever line its error names', () => {
    const refused = '$todo__new.type("milk");\n$todo__add_button.click();\nvar n = 1;\ndone(n);';
    expect(replayableScript([
      { answer: answer(refused), failure: { name: 'ScriptSyntaxError', message: '`var` is not supported', line: 3, column: 1 } },
      { answer: answer('$todo__new.type("milk");\n$todo__add_button.click();\ndone(1);') },
    ])).toBe('$todo__new.type("milk");\n$todo__add_button.click();\ndone(1);');
  });

  test('top-level await (which the interpreter runs) is read too: its completed steps are kept', () => {
    expect(completedStatements('await $form__name.type("Ada");\nawait $form__next.click();\n$form__plann.select("x");', 3, 1))
      .toBe('await $form__name.type("Ada");\nawait $form__next.click();');
  });

  test('an unreadable answer in between adds nothing', () => {
    expect(replayableScript([
      { failure: { name: 'ScriptSyntaxError', message: 'not JSON' } },
      { answer: answer('done(2);') },
    ])).toBe('done(2);');
  });
});

describe('what a failed attempt did, when the error is inside a function (review, session 14)', () => {
  const page = {
    elements: {
      compose_button: { kind: 'button' as const, text: 'Compose' },
      compose_form__to: { kind: 'text_input' as const },
      compose_form__send: { kind: 'button' as const, text: 'Send', disabled: true },
      settings__dark: { kind: 'checkbox' as const, checked: false },
    },
    lists: {},
  };
  const failureOf = async (script: string) => {
    const bridge = new FakeBridge(page);
    const { error } = await runScript(script, automationCapabilities(bridge, bridge.names()));
    const data = error!.data as { line: number; column: number; statement: number };
    return { name: error!.name, message: error!.message, line: data.line, column: data.column, statement: data.statement };
  };

  test('a function declared after the statement that failed in it: the statements after are not saved, done() least of all', async () => {
    const first = '$compose_button.click();\nhelper();\n$settings__dark.check();\ndone(1);\nfunction helper() {\n  $compose_form__send.click();\n}';
    const failure = await failureOf(first);
    expect(failure).toMatchObject({ name: 'ActionError', line: 6, statement: 1 });
    const saved = replayableScript([{ answer: answer(first), failure }, { answer: answer('$settings__dark.check();\ndone(2);') }])!;
    expect(saved).toBe('{\n$compose_button.click();\nfunction helper() {\n  $compose_form__send.click();\n}\n}\n$settings__dark.check();\ndone(2);');
    expect(() => parseScript(saved)).not.toThrow();
  });

  test('a script\'s own uncaught throw says which top-level statement was running too', async () => {
    const failure = await failureOf('$compose_button.click();\nhelper();\n$settings__dark.check();\nfunction helper() {\n  throw "nope";\n}');
    expect(failure).toMatchObject({ name: 'ScriptRuntimeError', line: 5, statement: 1 });
  });

  test('a function declared before: the statements that ran before the call are saved', async () => {
    const first = 'function fill(x) {\n  $compose_form__send.click();\n}\n$compose_form__to.type("a");\n$compose_button.click();\nfill("b");';
    const failure = await failureOf(first);
    expect(failure).toMatchObject({ line: 2, statement: 3 });
    const saved = replayableScript([{ answer: answer(first), failure }, { answer: answer('done(2);') }])!;
    expect(saved).toContain('$compose_form__to.type("a");\n$compose_button.click();');
    expect(saved).not.toContain('fill("b")');
  });
});
