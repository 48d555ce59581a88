// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { ContentScriptError, NavigationError } from '../../../extension/protocol/errors.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { type ConfirmRequest, PageBridge } from '../../../extension/features/automate/page-bridge.ts';
import type { ChatMessage } from '../../../extension/features/automate/prompt.ts';
import { runTask, type RunnerDeps } from '../../../extension/features/automate/runner.ts';
import { unrelatedScript } from '../../../extension/features/automate/unrelated.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';

/**
 * The repair loop over the real pieces that do not need a browser: the executor acting on a happy-dom page, the
 * page bridge, the interpreter. Only the model is fake: a list of canned answers, one per call, with every prompt
 * it was shown recorded.
 */
const PAGE = `
  <main>
    <h1>Todos</h1>
    <form id="add-form" aria-label="Add todo" onsubmit="return false">
      <label for="new">New todo</label><input id="new" name="new" />
      <button type="button" id="add">Add</button>
    </form>
    <ul id="todos" aria-label="Todos"></ul>
    <button type="button" id="clear">Delete all</button>
    <p id="count">0</p>
  </main>`;

function mount(): { deleted: () => number } {
  document.body.innerHTML = PAGE;
  let deleted = 0;
  const list = document.getElementById('todos')!;
  const add = (text: string, due = 'fri') => {
    const li = document.createElement('li');
    const span = document.createElement('span');
    span.className = 'title';
    span.textContent = text;
    const when = document.createElement('span');
    when.className = 'due';
    when.textContent = due;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => {
      deleted++;
      li.remove();
    });
    li.append(span, ' ', when, ' ', remove);
    list.append(li);
    document.getElementById('count')!.textContent = String(list.children.length);
  };
  for (const [t, d] of [['buy milk', 'mon'], ['walk dog', 'tue'], ['write report', 'wed'], ['call bank', 'thu']] as const) add(t, d);
  document.getElementById('add')!.addEventListener('click', () => {
    const input = document.getElementById('new') as HTMLInputElement;
    if (input.value) add(input.value);
    input.value = '';
  });
  document.getElementById('clear')!.addEventListener('click', () => {
    deleted++;
    list.replaceChildren();
  });
  return { deleted: () => deleted };
}

interface Harness {
  deps: RunnerDeps;
  prompts: ChatMessage[][];
  confirms: ConfirmRequest[];
  bridge: () => PageBridge;
}

function harness(answers: string[], confirm = false): Harness {
  const prompts: ChatMessage[][] = [];
  const confirms: ConfirmRequest[] = [];
  let bridge!: PageBridge;
  const readDocument = async () => buildPageDocument(document);
  const deps: RunnerDeps = {
    constrained: false,
    readDocument,
    async generate(messages) {
      prompts.push(messages);
      const text = answers.shift();
      if (text === undefined) throw new Error('the fake model ran out of answers');
      return { text, tokensIn: 100, tokensOut: 20 };
    },
    async execute(source, names, budgets, onLog, signal) {
      bridge = new PageBridge({
        act: (request) => act(document, { settleMs: 50, ...request }),
        readDocument,
        confirm: async (request) => {
          confirms.push(request);
          return confirm;
        },
        ask: async () => 'answer',
        say: () => undefined,
      }, await readDocument(), ['Task: add "call mom"']);
      return runScript(source, automationCapabilities(bridge, names), { budgets, onLog, ...(signal ? { signal } : {}) });
    },
    cancelled: () => (bridge?.stats.cancelled ?? 0) > 0,
  };
  return { deps, prompts, confirms, bridge: () => bridge };
}

const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });

describe('runTask: one model call, typed errors repaired, clear failure', () => {
  let page: ReturnType<typeof mount>;
  beforeEach(() => {
    page = mount();
  });

  test('a repair refused going to the same other site again ends the run; another site, or a different failure, is repaired (explorer, session 29)', async () => {
    const away = answer('navigate("https://www.google.com/search?q=milk");\ndone(1);');
    const again = answer('navigate("//www.google.com/?q=milk");\ndone(1);');
    const h = harness([away, again, answer('done(2);')]);
    const report = await runTask('search google for milk', h.deps);
    expect(report.status).toBe('failed');
    expect(report.modelCalls).toBe(2);
    expect(report.summary).toMatch(/the repair too went to www\.google\.com, another site/);
    expect(report.attempts.map((a) => a.failure?.name)).toEqual(['NavigationError', 'NavigationError']);
    // A repair that goes elsewhere, or a first refusal followed by another failure: the repairs go on.
    const other = harness([away, answer('navigate("https://bing.com/?q=milk");\ndone(1);'), answer('done(3);')]);
    const repaired = await runTask('search for milk', other.deps);
    expect(repaired.status, repaired.summary).toBe('done');
    expect(repaired.modelCalls).toBe(3);
    const mixed = harness([away, answer('$nope.click();'), answer('done(4);')]);
    expect((await runTask('search for milk', mixed.deps)).modelCalls).toBe(3);
  });

  test('going through a list while removing its items removes every one, in order (exploratory test, session 18: it skipped every second)', async () => {
    const h = harness([answer('for (const todo of $todos__items) { todo.remove.click(); }\ndone($todos__items.exists() ? $todos__items.length : 0);')], true);
    const report = await runTask('remove every todo', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(page.deleted()).toBe(4);
    expect(h.confirms.map((c) => c.label)).toEqual([expect.stringMatching(/buy milk/), expect.stringMatching(/walk dog/), expect.stringMatching(/write report/), expect.stringMatching(/call bank/)]);
    expect(document.querySelectorAll('#todos li')).toHaveLength(0);
  });

  test('filter() keeps its items\' places too; a loop that removes nothing is unchanged', async () => {
    const h = harness([answer('for (const todo of $todos__items.filter((t) => t.due.text() !== "tue")) { todo.remove.click(); }\ndone(1);')], true);
    expect((await runTask('remove all but tuesday', h.deps)).status).toBe('done');
    expect([...document.querySelectorAll('#todos li .title')].map((t) => t.textContent)).toEqual(['walk dog']);
    page = mount();
    const read = harness([answer('const titles = [];\nfor (const todo of $todos__items) { titles.push(todo.title.text()); }\ndone(titles.join(","));')]);
    expect((await runTask('list them', read.deps)).result).toBe('buy milk,walk dog,write report,call bank');
  });

  test('a vetted script that acts on nothing the task names is not run: the next attempt is, and the last refusal is the run\'s failure (session 21)', async () => {
    const h = harness([answer('$todos__delete_all_button.click();'), answer('$add_todo__new_todo.type("call mom");\n$add_todo__add_button.click();')], true);
    h.deps.vet = (a, task) => unrelatedScript(a.script, task);
    const report = await runTask('write "call mom" as a new entry', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(page.deleted()).toBe(0);
    expect(h.confirms).toEqual([]);
    expect(report.attempts[0]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/acts only on \$todos__delete_all_button/) });
    expect(document.querySelectorAll('#todos li')).toHaveLength(5);

    page = mount();
    const stray = harness([answer('$todos__delete_all_button.click();'), answer('$todos__delete_all_button.click();'), answer('$todos__delete_all_button.click();')], true);
    stray.deps.vet = (a, task) => unrelatedScript(a.script, task);
    const failed = await runTask('write "call mom" as a new entry', stray.deps);
    expect(failed.status).toBe('failed');
    expect(failed.summary).toMatch(/failed after 3 attempts .*nothing in the task names/);
    expect(page.deleted()).toBe(0);
    // A script known beforehand (a saved one, replayed) is not vetted.
    page = mount();
    const known = harness([], true);
    known.deps.vet = (a, task) => unrelatedScript(a.script, task);
    const replayed = await runTask('tidy up', known.deps, {}, { plan: 'saved', elements: [], script: '$todos__delete_all_button.click();' });
    expect(replayed.status, replayed.summary).toBe('done');
  });

  test('a script that ends without acting, saying or done() did nothing: a failure the model repairs, not "done" (exploratory test, session 18)', async () => {
    const h = harness([answer('$add_todo__new_todo.value();'), answer('$add_todo__new_todo.type("call mom");\n$add_todo__add_button.click();')]);
    const report = await runTask('add "call mom"', h.deps);
    expect(report.attempts[0]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/ended without doing anything/) });
    expect([report.status, report.modelCalls]).toEqual(['done', 2]);
    // Reading and reporting is doing something: done(result) ends a read-only task.
    const read = harness([answer('done($add_todo__new_todo.value());')]);
    expect((await runTask('how many todos?', read.deps)).status).toBe('done');
    // So is telling the user (explorer, session 29: `say(…)` alone was "nothing said" and cost two repairs).
    const said = harness([answer('say("There are " + $todos__items.length + " todos");')]);
    const told = await runTask('say how many todos', said.deps);
    expect([told.status, told.modelCalls], told.summary).toEqual(['done', 1]);
  });

  test('a model that fails mid-repair ends the run with its report; an error no script can fix is not repaired', async () => {
    const h = harness([answer('$nope.click();')]);
    const report = await runTask('add "call mom"', h.deps);
    expect(report.status).toBe('failed');
    expect(report.attempts).toHaveLength(2);
    expect(report.attempts[0]!.failure?.name).toBe('NotFoundError');
    expect(report.summary).toMatch(/^the model could not answer: .*ran out of answers/);
    const lost = harness([answer('$add_todo__add_button.click();'), answer('done(1);')]);
    lost.deps.execute = async () => ({ ok: false, finishedBy: 'error', result: null, output: [], log: [], stats: { steps: 1, actions: 0, ms: 1 },
      error: new ContentScriptError('the tab was closed') });
    const ended = await runTask('add', lost.deps);
    expect(ended.status).toBe('failed');
    expect(ended.modelCalls).toBe(1);
    expect(ended.summary).toMatch(/not repairable: This page cannot be read/);
    const away = harness([answer('$add_todo__add_button.click();'), answer('done(1);')]);
    away.deps.execute = async () => ({ ok: false, finishedBy: 'error', result: null, output: [], log: [], stats: { steps: 1, actions: 1, ms: 1 },
      error: new NavigationError('the page left https://a.example for https://b.example: the run stops here', { leftOrigin: true }) });
    const left = await runTask('add', away.deps);
    expect([left.status, left.modelCalls]).toEqual(['failed', 1]);
    expect(left.summary).toMatch(/^stopped: the page left/);
    // The user took the tab to another page (or reloaded it) while the run waited: no repair on that page either.
    const moved = harness([answer('$add_todo__add_button.click();'), answer('done(1);')]);
    moved.deps.execute = async () => ({ ok: false, finishedBy: 'error', result: null, output: [], log: [], stats: { steps: 1, actions: 0, ms: 1 },
      error: new NavigationError('the page changed while the run waited for you (it is now https://a.example/x): the run stops here', { pageChanged: true }) });
    const changed = await runTask('add', moved.deps);
    expect([changed.status, changed.modelCalls]).toEqual(['failed', 1]);
    expect(changed.summary).toMatch(/^stopped: the page changed while the run waited/);
  });

  test('a site document with more names than the sandbox takes: the run still goes, names the task mentions kept', async () => {
    const h = harness([answer('done($far__page_9_settings_link.exists());')]);
    let sent = 0;
    const execute = h.deps.execute;
    h.deps.otherPageNames = async () => Array.from({ length: 6000 }, (_, i) => ({ name: `far__page_${i}_settings_link`, kind: 'link' }));
    h.deps.execute = async (source, names, ...rest) => {
      sent = names.length;
      expect(names.some((n) => n.name === 'far__page_9_settings_link')).toBe(true);
      return execute(source, names, ...rest);
    };
    const report = await runTask('Is page 9 there?', h.deps, { maxRepairs: 0 });
    expect(sent).toBeLessThanOrEqual(5000);
    expect(report.attempts[0]!.failure?.message ?? '').not.toMatch(/refused/);
  });

  test('names in the document are the ones the model sees', async () => {
    const doc = buildPageDocument(document);
    const names = doc.sections.flatMap((s) => s.entries.map((e) => e.name));
    expect(names).toEqual(expect.arrayContaining(['add_todo__new_todo', 'add_todo__add_button']));
  });

  test('success on the first answer: one model call, the page changed, the result returned', async () => {
    const h = harness([answer('$add_todo__new_todo.type("call mom");\n$add_todo__add_button.click();\ndone($todos__items.length);')]);
    const report = await runTask('add "call mom"', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(report.modelCalls).toBe(1);
    expect(report.result).toBe(5);
    expect(document.querySelectorAll('#todos li').length).toBe(5);
    expect(h.prompts[0]![1]!.content).toContain('$add_todo__new_todo');
  });

  test('the page is read again only when a name is missing: actions on a page that changed use their locators', async () => {
    const h = harness([answer('$add_todo__new_todo.type("call mom");\n$add_todo__add_button.click();\n$add_todo__new_todo.type("pay rent");\n' +
      '$add_todo__add_button.click();\ndone($todos__items.length);')]);
    const report = await runTask('add "call mom" and "pay rent"', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(report.result).toBe(6);
    // The list grew twice; every name was in the first read, so the bridge never read the page again.
    expect(h.bridge().stats.documentReads).toBe(0);
    // A name only the changed page has: read once, then found.
    document.getElementById('add')!.addEventListener('click', () => {
      if (document.getElementById('undo')) return;
      const undo = document.createElement('button');
      undo.id = 'undo';
      undo.type = 'button';
      undo.textContent = 'Undo';
      document.querySelector('main')!.append(undo);
    });
    const late = harness([answer('$add_todo__new_todo.type("call mom");\n$add_todo__add_button.click();\n$todos__undo_button.click();\ndone(1);')]);
    expect((await runTask('add "call mom", then undo', late.deps)).status).toBe('done');
    expect(late.bridge().stats.documentReads).toBe(1);
  });

  test('malformed answer → ScriptSyntaxError fed back → the repair succeeds', async () => {
    const h = harness(['I think you should click Add.', answer('done($todos__items[0].title.text());')]);
    const report = await runTask('read the first todo', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(report.result).toBe('buy milk');
    expect(report.modelCalls).toBe(2);
    const repair = h.prompts[1]!.at(-1)!.content;
    expect(repair).toContain('ScriptSyntaxError');
    expect(h.prompts[1]!.at(-2)).toEqual({ role: 'assistant', content: 'I think you should click Add.' });
  });

  test('NotFound with a suggestion → the repair uses the right name', async () => {
    const h = harness([answer('$add_todo__new.type("x");\ndone(1);'), answer('$add_todo__new_todo.type("x");\ndone(2);')]);
    const report = await runTask('type x', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(report.result).toBe(2);
    const repair = h.prompts[1]!.at(-1)!.content;
    expect(repair).toMatch(/NotFoundError at line 1/);
    expect(repair).toContain('add_todo__new_todo');
  });

  test('a list index past the end is a NotFoundError from the executor, with the log fed back', async () => {
    const h = harness([answer('say($todos__items[0].title.text());\n$todos__items[7].title.text();'), answer('done("fixed");')]);
    const report = await runTask('read item 8', h.deps);
    expect(report.status).toBe('done');
    const repair = h.prompts[1]!.at(-1)!.content;
    expect(repair).toContain('NotFoundError');
    expect(repair).toContain('Execution log');
    expect(repair).toContain('$todos__items[7].title');
  });

  test('at most 2 repairs, then a failure report naming the last error', async () => {
    const loop = answer('while (true) { $add_todo__add_button.click(); }');
    const h = harness([loop, loop, loop, loop]);
    const report = await runTask('click add forever', h.deps);
    expect(report.status).toBe('failed');
    expect(report.modelCalls).toBe(3);
    expect(report.summary).toMatch(/failed after 3 attempts \(2 repairs\): A limit was reached/);
  });

  test('an irreversible click asks first; cancel → nothing happened and no repair', async () => {
    const h = harness([answer('$todos__delete_all_button.click();\ndone(1);'), answer('done(2);')]);
    const report = await runTask('clear', h.deps);
    expect(h.confirms.length).toBe(1);
    expect(h.confirms[0]!.target).toBe('$todos__delete_all_button');
    expect(report.status).toBe('cancelled');
    expect(report.modelCalls).toBe(1);
    expect(page.deleted()).toBe(0);
  });

  test('a list item action labelled Remove also asks (the live element is checked too)', async () => {
    const h = harness([answer('$todos__items[1].remove.click();\ndone(1);')]);
    const report = await runTask('remove the second', h.deps);
    expect(h.confirms.map((c) => c.target)).toEqual(['$todos__items[1].remove']);
    expect(report.status).toBe('cancelled');
    expect(document.querySelectorAll('#todos li').length).toBe(4);
  });

  test('confirm → it happens', async () => {
    const h = harness([answer('$todos__delete_all_button.click();\ndone(1);')], true);
    const report = await runTask('clear', h.deps);
    expect(report.status, report.summary).toBe('done');
    expect(page.deleted()).toBe(1);
    expect(h.bridge().stats.confirmed).toBe(1);
  });

  test('a constrained engine gets the answer JSON schema; an unconstrained one does not', async () => {
    const seen: Array<string | undefined> = [];
    for (const constrained of [true, false]) {
      const h = harness([answer('done(1);')]);
      const generate = h.deps.generate;
      h.deps.constrained = constrained;
      h.deps.generate = (messages, schema, signal) => {
        seen.push(schema);
        return generate(messages, schema, signal);
      };
      expect((await runTask('t', h.deps)).status).toBe('done');
    }
    expect(JSON.parse(seen[0]!)).toMatchObject({ required: ['plan', 'elements', 'script'] });
    expect(seen[1]).toBeUndefined();
  });

  test('stop: an aborted run ends as stopped, with no repair', async () => {
    const controller = new AbortController();
    const h = harness([answer('wait(5000);\ndone(1);'), answer('done(2);')]);
    const execute = h.deps.execute;
    h.deps.execute = (source, names, budgets, onLog, signal) => {
      setTimeout(() => controller.abort(), 50);
      return execute(source, names, budgets, onLog, signal);
    };
    const started = Date.now();
    const report = await runTask('t', h.deps, { signal: controller.signal });
    expect(report.status).toBe('stopped');
    expect(report.modelCalls).toBe(1);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test('a list the page filters down below list size is still found by its earlier locators', async () => {
    const h = harness([answer('$todos__items[0].remove.click();\n$todos__items[0].remove.click();\ndone([$todos__items.length, $todos__items[0].title.text()]);')], true);
    const report = await runTask('remove two', h.deps);
    expect(report.status, report.summary).toBe('done');
    // Two rows left: the fresh document no longer lists them as a list, the bridge still reaches them.
    expect(buildPageDocument(document).sections.flatMap((s) => s.entries).some((e) => e.name === 'todos__items')).toBe(false);
    expect(report.result).toEqual([2, 'write report']);
  });

  test('a saved script runs with zero model calls', async () => {
    const h = harness([]);
    const report = await runTask('saved', h.deps, {}, { plan: 'saved', elements: [], script: 'done($todos__items.length);' });
    expect(report, report.summary).toMatchObject({ status: 'done', modelCalls: 0, result: 4 });
  });
});
