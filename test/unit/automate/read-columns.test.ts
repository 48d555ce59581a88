// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act, MAX_COLUMN_ITEMS } from '../../../extension/content/executor/index.ts';
import { PageBridge, scriptNames } from '../../../extension/features/automate/page-bridge.ts';
import { CHANGED_CHUNK, FIRST_CHUNK, ReadColumns } from '../../../extension/features/automate/read-columns.ts';
import type { ActReply, ActRequest, ListEntry, PageDocument } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * A list read in one go (features/automate/read-columns.ts, content/executor/read-cache.ts): a script going through a
 * list's items makes a few round trips to the page, not one per item, and never reads texts the page may have changed
 * since: after an action, a wait, or a change the page makes by itself (reported by the executor's `watch`).
 */

const rows = (n: number, text = (i: number) => `Chore ${i + 1}`) => Array.from({ length: n }, (_, i) =>
  `<li><span class="title">${text(i)}</span> <button type="button" class="done" data-n="${i}">Done</button></li>`).join('');

function setUp(n: number): void {
  document.body.innerHTML = `<main><h2>Chores</h2><ul id="chores">${rows(n)}</ul></main>`;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.done')) {
    button.addEventListener('click', () => {
      button.parentElement!.querySelector('.title')!.textContent = `Chore ${Number(button.dataset.n) + 1} (finished)`;
    });
  }
}

/** The chores list and its title field, as the page document names them. */
function chores(doc: PageDocument): { list: string; title: string; done: string } {
  const list = doc.sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
  const title = Object.entries(list.samples[0]!).find(([, text]) => text === 'Chore 1')![0];
  return { list: list.name, title, done: list.slots.find((s) => s.kind === 'button')!.name };
}

/**
 * Runs `source` on this page through the real bridge and executor; `onSay`: what the page does when the script says
 * something (a change of its own, at a moment the script decides); `reports` false: the page's report of a change
 * never comes (what an action or a wait forgets must not depend on it). Every request to the page is counted by action.
 */
async function run(source: (names: ReturnType<typeof chores>) => string, onSay: (text: string) => void = () => undefined, reports = true) {
  const doc: PageDocument = { ...buildPageDocument(document), pageId: 'read-columns' };
  const asked: string[] = [];
  const bridge = new PageBridge({
    act: (request: ActRequest): Promise<ActReply> => {
      asked.push(request.action);
      return act(document, { settleMs: 10, ...request });
    },
    readDocument: async () => doc, confirm: async () => true, ask: async () => '', say: onSay,
    ...(reports ? {} : { watch: () => new Promise<ActReply>(() => undefined) }),
  }, doc, []);
  const result = await runScript(source(chores(doc)), automationCapabilities(bridge, scriptNames(doc)));
  const count = (action: string) => asked.filter((a) => a === action).length;
  return { result, bridge, count };
}

describe('reading a whole list', () => {
  test('a map over 1,000 items is a few round trips, and reads what each item shows', async () => {
    setUp(1000);
    const { result, count, bridge } = await run(({ list, title }) => `done($${list}.map((c) => c.${title}.text()))`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual(Array.from({ length: 1000 }, (_, i) => `Chore ${i + 1}`));
    // 100, 200, 400, then the rest: one item each round trip, the others held.
    expect(count('text')).toBe(0);
    expect(count('texts')).toBe(4);
    expect(bridge.reads).toEqual({ columns: 4, held: 996 });
  });

  test('a read after a click that changed an item sees the change; so does one after wait() (the page\'s report aside)', async () => {
    setUp(30);
    const { result, count } = await run(({ list, title, done }) => `const before = $${list}.map((c) => c.${title}.text());
      $${list}[2].${done}.click();
      const after = $${list}.map((c) => c.${title}.text());
      say("change");
      wait(0);
      done([before[2], after[2], after[3], $${list}[4].${title}.text()])`, () => {
      document.querySelectorAll('.title')[4]!.textContent = 'Chore 5 (moved)';
    }, false);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual(['Chore 3', 'Chore 3 (finished)', 'Chore 4', 'Chore 5 (moved)']);
    expect(count('texts')).toBe(3);
  });

  test('a change the page makes by itself between two reads is read anew (the executor reports it)', async () => {
    setUp(30);
    const { result } = await run(({ list, title }) => `const first = $${list}[0].${title}.text();
      say("changing");
      let now = first;
      let n = 0;
      while (now === first && n < 5000) { now = $${list}[0].${title}.text(); n++; }
      done([first, now, $${list}[1].${title}.text()])`, () => {
      document.querySelector('.title')!.textContent = 'Chore 1 (moved)';
    });
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual(['Chore 1', 'Chore 1 (moved)', 'Chore 2']);
  });

  test('any read that reaches the page drops texts held at an earlier state of it, before the page\'s report comes', async () => {
    setUp(30);
    // Rows inserted at the top while the script reads; the executor's report of the change never comes here.
    const { result } = await run(({ list, title }) => `const first = $${list}[0].${title}.text();
      say("inserting");
      const n = $${list}.length;
      done([first, n, $${list}[0].${title}.text()])`, () => {
      document.getElementById('chores')!.insertAdjacentHTML('afterbegin', '<li><span class="title">Chore 0</span> <button type="button" class="done">Done</button></li>');
    }, false);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual(['Chore 1', 31, 'Chore 0']);
  });

  test('a list of form fields is read field by field: a value changes without a mutation, it is never held', async () => {
    document.body.innerHTML = `<main><h2>Amounts</h2><ul id="amounts">${Array.from({ length: 12 }, (_, i) =>
      `<li><label>Item ${i + 1} <input type="text" name="a${i}" value="${i}"></label> <a href="#i${i}">Details</a></li>`).join('')}</ul></main>`;
    const doc = { ...buildPageDocument(document), pageId: 'fields' };
    const list = doc.sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
    const field = list.slots.find((s) => s.kind === 'text_input')!.name;
    const asked: string[] = [];
    const bridge = new PageBridge({
      act: (request) => {
        asked.push(request.action);
        return act(document, { settleMs: 10, ...request });
      },
      readDocument: async () => doc, confirm: async () => true, ask: async () => '',
      // The page sets a field's value from script: no mutation, no event.
      say: () => void ((document.querySelector('input[name=a0]') as HTMLInputElement).value = 'changed'),
    }, doc, []);
    const result = await runScript(`const a = $${list.name}[0].${field}.text(); say("x"); done([a, $${list.name}[0].${field}.text()])`,
      automationCapabilities(bridge, scriptNames(doc)));
    expect(result.result).toEqual(['0', 'changed']);
    expect(bridge.reads.held).toBe(0);
  });
});

describe('the bridge watches the page while it holds texts', () => {
  /** A bridge on this page whose `watch` requests wait for the test to answer them. */
  function watched() {
    setUp(20);
    const doc: PageDocument = { ...buildPageDocument(document), pageId: 'watched' };
    const asked: string[] = [];
    const watches: Array<(answer: boolean | Error) => void> = [];
    const bridge = new PageBridge({
      act: (request) => {
        asked.push(request.action);
        return act(document, { settleMs: 10, ...request });
      },
      watch: (request) => {
        asked.push(request.action);
        return new Promise<ActReply>((resolve, reject) => watches.push((answer) => (answer instanceof Error ? reject(answer)
          : resolve({ value: answer, changed: false, navigated: false, url: '' }))));
      },
      readDocument: async () => doc, confirm: async () => true, ask: async () => '', say: () => undefined,
    }, doc, []);
    const { list, title } = chores(doc);
    const read = async (index: number) => bridge.call({ call: 'text', target: { name: list, index, field: title }, args: [] });
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
    return { bridge, asked, watches, read, settled, trips: () => asked.filter((a) => a === 'texts' || a === 'text').length };
  }

  test('no change for a while: watched on while the script reads; let go once it stops', async () => {
    const { asked, watches, read, settled, trips } = watched();
    expect(await read(0)).toBe('Chore 1');
    expect(asked).toEqual(['texts', 'watch']);
    expect(await read(1)).toBe('Chore 2');
    watches[0]!(false);
    await settled();
    // Read since: watched again, and still held.
    expect(asked.filter((a) => a === 'watch')).toHaveLength(2);
    expect(await read(2)).toBe('Chore 3');
    expect(trips()).toBe(1);
    watches[1]!(false);
    await settled();
    // Read since again (item 2): a third watch; then none read until it ends: let go, read anew next time.
    watches[2]!(false);
    await settled();
    expect(await read(3)).toBe('Chore 4');
    expect(trips()).toBe(2);
  });

  test('a change, or no answer (the page went away), and what was held goes', async () => {
    for (const answer of [true, new Error('the page did not answer')]) {
      const { watches, read, settled, trips } = watched();
      expect(await read(0)).toBe('Chore 1');
      document.querySelectorAll('.title')[1]!.textContent = 'Chore 2 (moved)';
      watches[0]!(answer);
      await settled();
      expect(await read(1)).toBe('Chore 2 (moved)');
      expect(trips()).toBe(2);
    }
  });
});

describe('the executor reads a column and watches the page', () => {
  const target = { locators: [{ by: 'id' as const, value: 'chores' }], item: { selector: ':scope > li' }, slot: ':scope > span.title' };
  const texts = (from: number, count: number) => act(document, { action: 'texts', target, args: [from, count] });

  test('`texts` gives what `text` gives item by item, from an item on, with the list\'s length and the page\'s generation', async () => {
    setUp(10);
    await act(document, { action: 'click', target: { locators: [{ by: 'css', value: '#chores > li:nth-of-type(10) > button' }] }, args: [], settleMs: 10 });
    document.querySelectorAll('li')[7]!.querySelector('.title')!.remove();
    // Right after an action a field not there yet may still come: the single read waits for it, the column stops there.
    expect((await texts(5, 4)).column!.texts).toEqual(['Chore 6', 'Chore 7']);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2000 });
    const reply = await texts(5, 4).finally(() => vi.useRealTimers());
    expect(reply.value).toBe('Chore 6');
    expect(reply.column).toMatchObject({ from: 5, texts: ['Chore 6', 'Chore 7', '', 'Chore 9'], total: 10 });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2000 });
    try {
      for (const index of [5, 6, 7, 8]) {
        expect((await act(document, { action: 'text', target: { ...target, item: { ...target.item, index } }, args: [] })).value).toBe(reply.column!.texts[index - 5]);
      }
    } finally {
      vi.useRealTimers();
    }
    // Past the end: the single read says what is missing.
    expect((await texts(10, 5)).value).toBeNull();
    expect(MAX_COLUMN_ITEMS).toBeGreaterThanOrEqual(FIRST_CHUNK);
  });

  test('a read right after a change in the same task sees it (pending mutations are taken before anything is reused)', async () => {
    setUp(5);
    expect((await act(document, { action: 'count', target, args: [] })).value).toBe(5);
    document.querySelector('#chores > li')!.remove();
    expect((await act(document, { action: 'count', target, args: [] })).value).toBe(4);
    expect((await texts(0, 10)).column!.texts[0]).toBe('Chore 2');
  });

  test('texts stop before an item with a form field or a shadow root (what they show changes unseen)', async () => {
    setUp(6);
    document.querySelectorAll('.title')[2]!.append(document.createElement('input'));
    expect((await texts(0, 6)).column!.texts).toEqual(['Chore 1', 'Chore 2']);
    setUp(6);
    document.querySelectorAll('.title')[1]!.attachShadow({ mode: 'open' });
    expect((await texts(0, 6)).column!.texts).toEqual(['Chore 1']);
    // Nor above the field, up to the list: a row that slots its title into a shadow root styles it from there.
    setUp(6);
    document.querySelectorAll('#chores > li')[1]!.attachShadow({ mode: 'open' }).innerHTML = '<slot></slot>';
    expect((await texts(0, 6)).column!.texts).toEqual(['Chore 1']);
    // A hidden input shows nothing: a row's own form with its id does not stop them.
    setUp(6);
    for (const title of document.querySelectorAll('.title')) title.parentElement!.insertAdjacentHTML('beforeend', '<input type="hidden" name="id" value="7">');
    expect((await texts(0, 6)).column!.texts).toHaveLength(6);
  });

  test('`watch` answers true once the page changed since a generation, false when it did not', async () => {
    setUp(3);
    const { column } = await texts(0, 3);
    const generation = column!.generation;
    expect((await act(document, { action: 'watch', args: [generation, 30] })).value).toBe(false);
    const watching = act(document, { action: 'watch', args: [generation, 5000] });
    document.querySelector('.title')!.setAttribute('class', 'title done');
    expect((await watching).value).toBe(true);
    // Already changed, or a generation of another document's script: at once.
    expect((await act(document, { action: 'watch', args: [generation, 5000] })).value).toBe(true);
    expect((await act(document, { action: 'watch', args: ['other:1', 5000] })).value).toBe(true);
  });
});

describe('what a list read brings with it is not lost behind the column read (review, session 28)', () => {
  // A select whose change makes the page send its form 50 ms later: the bridge holds the submission and asks the user,
  // or stops the page leaving the site; that is said once, to whichever request comes next.
  function planPage(method: 'get' | 'post', action: string): void {
    document.body.innerHTML = `<main><h1>Plan</h1><form id="save" aria-label="Plan" method="${method}" action="${action}"><label for="plan">Plan</label>
      <select id="plan" name="plan"><option>Free</option><option>Pro</option></select></form><h2>Chores</h2><ul id="chores">${rows(5)}</ul></main>`;
    const form = document.getElementById('save') as HTMLFormElement;
    form.addEventListener('submit', (event) => event.preventDefault());
    document.getElementById('plan')!.addEventListener('change', () => setTimeout(() => form.requestSubmit(), 50));
  }

  test.each(['length', 'item text'])('the user\'s Cancel of a form the page sent late reaches the script at its next read (%s)', async (read) => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('http://localhost:3000/plan');
    planPage('post', '/save');
    const doc: PageDocument = { ...buildPageDocument(document), pageId: 'late' };
    const confirms: string[] = [];
    const bridge = new PageBridge({
      act: (request: ActRequest): Promise<ActReply> => act(document, { settleMs: 10, ...request }), readDocument: async () => doc,
      confirm: async (request) => { confirms.push(request.action); return false; }, ask: async () => '', say: () => undefined,
    }, doc, []);
    const { list, title } = chores(doc);
    const expr = read === 'length' ? `$${list}.length` : `$${list}[0].${title}.text()`;
    const result = await runScript(`$plan__plan.select("Pro");\nwait(300);\ndone(${expr});`, automationCapabilities(bridge, scriptNames(doc)));
    expect(confirms).toHaveLength(1);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'ActionError', data: expect.objectContaining({ cancelled: true }) });
  });
});

describe('texts held by the bridge', () => {
  const doc = { url: 'https://example.test/' } as PageDocument;
  const chunk = (from: number, texts: string[], generation = 'g:1') => ({ from, texts, generation });

  test('are served for the document and list they were read for; sizes grow, and start small again after a change', () => {
    const held = new ReadColumns();
    expect(held.size('l', 'f')).toBe(FIRST_CHUNK);
    expect(held.keep(held.now, doc, 'l', 'f', chunk(0, ['a', 'b']))).toBe(true);
    expect(held.keep(held.now, doc, 'l', 'f', chunk(2, ['c']))).toBe(true);
    expect([0, 1, 2, 3].map((i) => held.text(doc, 'l', 'f', i))).toEqual(['a', 'b', 'c', undefined]);
    expect(held.text(doc, 'l', undefined, 0)).toBeUndefined();
    expect(held.text({ ...doc }, 'l', 'f', 0)).toBeUndefined();
    expect(held.size('l', 'f')).toBe(FIRST_CHUNK * 4);
    held.pageChanged('g:1');
    expect(held.text(doc, 'l', 'f', 0)).toBeUndefined();
    // A page that changes by itself: a list read again asks for a few (review, session 28: a ticking clock made every
    // read compute and send 100 texts), and for twice as many each time the page stays put.
    expect(held.size('l', 'f')).toBe(CHANGED_CHUNK);
    expect(held.size('other', undefined)).toBe(CHANGED_CHUNK);
    expect(held.keep(held.now, doc, 'l', 'f', chunk(0, ['a'], 'g:2'))).toBe(true);
    expect(held.size('l', 'f')).toBe(CHANGED_CHUNK * 2);
  });

  test('an answer asked for before everything was forgotten, or read at a generation since changed, is not kept', () => {
    const held = new ReadColumns();
    const asked = held.now;
    held.forget();
    expect(held.keep(asked, doc, 'l', 'f', chunk(0, ['a']))).toBe(false);
    held.pageChanged('g:2');
    expect(held.keep(held.now, doc, 'l', 'f', chunk(0, ['a'], 'g:2'))).toBe(false);
    expect(held.keep(held.now, doc, 'l', 'f', chunk(0, ['a'], 'g:3'))).toBe(true);
    expect(held.holds('g:3')).toBe(true);
    // Texts read at another generation: the older ones go.
    held.keep(held.now, doc, 'l', 'f', chunk(1, ['b'], 'g:4'));
    expect([held.text(doc, 'l', 'f', 0), held.text(doc, 'l', 'f', 1)]).toEqual([undefined, 'b']);
  });
});
