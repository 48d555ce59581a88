// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { PageBridge } from '../../../extension/features/automate/page-bridge.ts';
import type { ChatMessage } from '../../../extension/features/automate/prompt.ts';
import { parseStep, parseTarget, runStepwise, type StepwiseDeps } from '../../../extension/features/automate/stepwise.ts';
import { ScriptSyntaxError } from '../../../extension/protocol/errors.ts';

/** The step-wise baseline over the real executor (happy-dom page) and page bridge; only the model is canned. */
function mount(): void {
  document.body.innerHTML = `
    <form aria-label="Add todo" onsubmit="return false"><label for="new">New todo</label><input id="new" />
      <button type="button" id="add">Add</button></form>
    <ul id="todos" aria-label="Todos"></ul>`;
  const list = document.getElementById('todos')!;
  const add = (text: string) => {
    const li = document.createElement('li');
    const span = document.createElement('span');
    span.className = 'title';
    span.textContent = text;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => li.remove());
    li.append(span, ' ', remove);
    list.append(li);
  };
  for (const t of ['buy milk', 'walk dog', 'write report', 'call bank']) add(t);
  document.getElementById('add')!.addEventListener('click', () => {
    const input = document.getElementById('new') as HTMLInputElement;
    if (input.value) add(input.value);
    input.value = '';
  });
}

function deps(answers: string[], confirm = true): { deps: StepwiseDeps; prompts: ChatMessage[][] } {
  const prompts: ChatMessage[][] = [];
  const readDocument = async () => buildPageDocument(document);
  let bridge: PageBridge | undefined;
  return {
    prompts,
    deps: {
      readDocument,
      async generate(messages) {
        prompts.push(messages);
        const text = answers.shift();
        if (text === undefined) throw new Error('the fake model ran out of answers');
        return { text, tokensIn: messages.map((m) => m.content).join('').length, tokensOut: text.length };
      },
      async act(call) {
        bridge ??= new PageBridge({
          act: (request) => act(document, { settleMs: 20, ...request }), readDocument,
          confirm: async () => confirm, ask: async () => '', say: () => undefined,
        }, await readDocument());
        return bridge.call(call);
      },
    },
  };
}

describe('step-wise baseline: one model call per action, the document every time', () => {
  beforeEach(mount);

  test('targets and steps parse; bad ones are ScriptSyntaxErrors', () => {
    expect(parseTarget('$todos[2].title')).toEqual({ name: 'todos', index: 2, field: 'title' });
    expect(parseTarget('add_todo__add_button')).toEqual({ name: 'add_todo__add_button' });
    expect(() => parseTarget('$a.b.c')).toThrow(ScriptSyntaxError);
    expect(parseStep('Sure: {"action": "type", "target": "$x", "text": "hi"} ok')).toEqual({ action: 'type', target: { name: 'x' }, text: 'hi' });
    expect(parseStep('{"action":"done","result":3}')).toEqual({ action: 'done', result: 3 });
    expect(() => parseStep('click the button')).toThrow(ScriptSyntaxError);
    expect(() => parseStep('{"action":"explode"}')).toThrow(/unknown action/);
    expect(() => parseStep('{"action":"click"}')).toThrow(/needs a "target"/);
    expect(() => parseStep('{"action":"type","target":"$x"}')).toThrow(/needs a "text"/);
  });

  test('a two-action task takes three model calls, each with the whole page document and the actions so far', async () => {
    const { deps: d, prompts } = deps([
      '{"action":"type","target":"$add_todo__new_todo","text":"call mom"}',
      '{"action":"click","target":"$add_todo__add_button"}',
      '{"action":"done","result":5}',
    ]);
    const report = await runStepwise('add call mom', d);
    expect(report, report.summary).toMatchObject({ ok: true, status: 'done', result: 5, modelCalls: 3 });
    expect(document.querySelectorAll('#todos li')).toHaveLength(5);
    expect(prompts).toHaveLength(3);
    for (const prompt of prompts) expect(prompt[1]!.content).toContain('$add_todo__add_button');
    expect(prompts[2]![1]!.content).toContain('1. type $add_todo__new_todo "call mom" → ok\n2. click $add_todo__add_button → ok');
    expect(prompts[2]![1]!.content).toContain('NEXT ACTION (step 3)');
    // The tokens of every call add up: the document is paid for on each step.
    expect(report.tokensIn).toBe(prompts.reduce((n, p) => n + p.map((m) => m.content).join('').length, 0));
  });

  test('a failed action is shown to the model on the next step; three failures in a row end the run', async () => {
    const { deps: d, prompts } = deps([
      '{"action":"click","target":"$nope"}', '{"action":"click","target":"$nope"}', 'no idea', '{"action":"done"}',
    ]);
    const report = await runStepwise('x', d);
    expect(report.status).toBe('failed');
    expect(report.modelCalls).toBe(3);
    expect(prompts[1]![1]!.content).toMatch(/1\. click \$nope → failed: NotFoundError/);
    expect(report.summary).toMatch(/3 failed steps in a row, the last: The script does not parse/);
  });

  test('an irreversible action goes through the same confirmation; cancelled ends the run', async () => {
    const { deps: d } = deps(['{"action":"click","target":"$page__todos[0].remove"}', '{"action":"done"}'], false);
    const report = await runStepwise('remove the first', d);
    expect(report.status).toBe('cancelled');
    expect(document.querySelectorAll('#todos li')).toHaveLength(4);
  });

  test('the step budget ends a model that never says done', async () => {
    const { deps: d } = deps(Array.from({ length: 5 }, () => '{"action":"hover","target":"$add_todo__add_button"}'));
    const report = await runStepwise('loop', d, { maxSteps: 4 });
    expect(report).toMatchObject({ status: 'failed', modelCalls: 4 });
    expect(report.summary).toMatch(/no "done" within 4 model calls/);
  });
});

test('a step answer with text after it (holding a brace) is read; an unreadable one is recorded as no action (review, session 14)', async () => {
  const { parseStep, stepMessages } = await import('../../../extension/features/automate/stepwise.ts');
  expect(parseStep('{"action": "click", "target": "$add_button"} — then {done}')).toMatchObject({ action: 'click', target: { name: 'add_button' } });
  expect(parseStep('Plan {first}: {"action": "done"}')).toMatchObject({ action: 'done' });
  document.body.innerHTML = '<button>Add</button>';
  const text = stepMessages(buildPageDocument(document), 'add', [{ step: null, outcome: 'unreadable answer: not JSON' }]).map((m) => m.content).join('\n');
  expect(text).toContain('1. (no action) → unreadable answer');
});
