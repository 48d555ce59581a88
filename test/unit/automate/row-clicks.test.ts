// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/**
 * A click on a list row that is no control itself (exploratory test, session 21: `pagination.find("Next").click()`
 * clicked the <li>, the page stayed on page 1 and the run said Done).
 */
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 20, args: [], ...request });
const row = (listId: string, index: number) => ({ locators: [{ by: 'id' as const, value: listId }], item: { selector: ':scope > li', index } });

function record(): string[] {
  const clicked: string[] = [];
  document.addEventListener('click', (e) => {
    e.preventDefault();
    const el = e.target as Element;
    clicked.push(`${el.tagName.toLowerCase()}:${el.textContent!.trim()}`);
  });
  return clicked;
}

test('a box the page makes clickable that shows no words reads its title, as the document names it (ietf colour bar, session 40)', async () => {
  document.body.innerHTML = '<div id="bar" onclick="void 0" title="Click for colour legend.">    </div><div id="tab" tabindex="0" aria-label="Legend"></div><div id="plain" title="Just a tip"></div>';
  for (const [id, text] of [['bar', 'Click for colour legend.'], ['tab', 'Legend'], ['plain', '']]) {
    expect(await run({ action: 'text', target: { locators: [{ by: 'id', value: id! }] } }), id).toMatchObject({ value: text });
  }
});

test('a link continued by links to the same address right after it reads as one (dropbox-blog, session 40)', async () => {
  document.body.innerHTML = '<p id="p"><a href="/d#m">D</a><a href="/d#m">ata</a> <a href="/d#m">M</a><a href="/d#m">odel</a> <a href="/x">X</a></p>';
  const link = (index: number) => ({ locators: [{ by: 'id' as const, value: 'p' }], item: { selector: ':scope > a', index } });
  expect(await run({ action: 'text', target: link(0) })).toMatchObject({ value: 'Data' });
  expect(await run({ action: 'text', target: link(2) })).toMatchObject({ value: 'Model' });
  expect(await run({ action: 'text', target: link(4) })).toMatchObject({ value: 'X' });
});

test('the question shows what the page shows of the control, not its hidden words (review, session 40)', async () => {
  document.body.innerHTML = '<a id="del" href="/account/remove">Delete account<span hidden> (preview only, nothing is deleted)</span></a>';
  const error = await run({ action: 'click', target: { locators: [{ by: 'id', value: 'del' }] } }).catch((e: unknown) => e) as { data?: { label?: string; needsConfirmation?: boolean } };
  expect(error.data?.needsConfirmation).toBe(true);
  expect(error.data?.label).toBe('Delete account');
  // Hidden words are still judged: a harmless shown label over a hidden "Delete" asks.
  document.body.innerHTML = '<a id="go" href="/x">Continue<span style="display:none"> Delete everything</span></a>';
  const hidden = await run({ action: 'click', target: { locators: [{ by: 'id', value: 'go' }] } }).catch((e: unknown) => e) as { data?: { needsConfirmation?: boolean } };
  expect(hidden.data?.needsConfirmation).toBe(true);
});

describe('a click on a row', () => {
  test('goes to the row\'s one link', async () => {
    document.body.innerHTML = '<ul id="pages"><li><a href="?p=1">1</a></li><li><a href="?p=2">2</a></li><li class="next"><a class="next" href="?p=2">Next</a></li></ul>';
    const clicked = record();
    await run({ action: 'click', target: row('pages', 2) });
    expect(clicked).toEqual(['a:Next']);
  });

  test('stays on the row when its one control is a button (an action on the row, not "open it": Edit, Add to cart)', async () => {
    document.body.innerHTML = '<ul id="todos"><li>Walk the dog <button type="button">Edit</button></li><li>Buy milk <button type="button">Edit</button></li></ul>';
    const clicked = record();
    await run({ action: 'click', target: row('todos', 0) });
    expect(clicked).toEqual(['li:Walk the dog Edit']);
  });

  test('stays on a row the page makes clickable itself (pointer cursor, tab stop)', async () => {
    document.body.innerHTML = '<ul id="rows"><li style="cursor: pointer">Invoice 1 <a href="#1">View</a></li><li tabindex="0">Invoice 2 <a href="#2">View</a></li></ul>';
    const clicked = record();
    await run({ action: 'click', target: row('rows', 0) });
    await run({ action: 'click', target: row('rows', 1) });
    expect(clicked).toEqual(['li:Invoice 1 View', 'li:Invoice 2 View']);
  });

  test('stays on the row when its one link is not a page of this site (mail, phone, another site)', async () => {
    document.body.innerHTML = `<ul id="people">${['mailto:a@b.c', 'tel:123', 'https://elsewhere.example/', 'https://elsewhere.example/" target="_blank'].map((href, i) =>
      `<li>Person ${i} <a href="${href}">contact</a></li>`).join('')}</ul>`;
    const clicked = record();
    for (const i of [0, 1, 2, 3]) await run({ action: 'click', target: row('people', i) });
    expect(clicked).toEqual([0, 1, 2, 3].map((i) => `li:Person ${i} contact`));
  });

  test('goes to its one link of this site that would open a new tab: a run opens it in its own tab (session 34)', async () => {
    document.body.innerHTML = '<ul id="docs"><li>Guide <a href="/p/4" target="_blank">read</a></li></ul>';
    const targets: Array<string | null> = [];
    document.addEventListener('click', (e) => {
      e.preventDefault();
      targets.push((e.target as Element).getAttribute('target'));
    });
    await run({ action: 'click', target: row('docs', 0) });
    // During the click the link opens its page here (`_top`); after it, its target is the page's again.
    expect(targets).toEqual(['_top']);
    expect(document.querySelector('#docs a')!.getAttribute('target')).toBe('_blank');
  });

  test('stays on the row when it holds several controls', async () => {
    document.body.innerHTML = '<ul id="mail"><li><input type="checkbox" aria-label="Select"> <a href="#m1">Hello</a></li><li><a href="#m2">Hi</a></li></ul>';
    const clicked = record();
    await run({ action: 'click', target: row('mail', 0) });
    expect(clicked).toEqual(['li:Hello']);
  });

  test('a row asked about says its words once (its name spaces the cells its text runs together)', async () => {
    document.body.innerHTML = '<ul id="orders"><li><span>3998</span><span>Delete order #4998</span><span>$12.50</span></li><li><span>3999</span><span>Order #4999</span></li></ul>';
    const error = await run({ action: 'click', target: row('orders', 0) }).catch((e: unknown) => e) as { name: string; data?: { label?: string } };
    expect(error).toMatchObject({ name: 'ActionError', data: { needsConfirmation: true } });
    expect(error.data?.label?.match(/4998/g)?.length).toBe(1);
  });

  test('a row asked about reads as shown: its blocks are words apart (explorer, session 39: "(post 3)by Alan")', async () => {
    document.body.innerHTML = '<ul id="feed"><li><h2><a href="#post-3">Lost cat (post 3)</a></h2><p>by Alan</p><button>Delete</button></li></ul>';
    const error = await run({ action: 'click', target: { ...row('feed', 0), slot: 'button' } }).catch((e: unknown) => e) as { name: string; data?: { label?: string } };
    expect(error).toMatchObject({ name: 'ActionError', data: { needsConfirmation: true } });
    expect(error.data?.label).toBe('Delete (in "Lost cat (post 3) by Alan")');
  });

  test('a link to an in-page anchor named after a numbered post needs no confirmation (explorer, session 39)', async () => {
    document.body.innerHTML = '<ul id="feed"><li><h2><a href="#post-3">Lost cat near the park (post 3)</a></h2><p>by Alan</p></li></ul>';
    const clicked = record();
    await run({ action: 'click', target: row('feed', 0) });
    expect(clicked).toEqual(['a:Lost cat near the park (post 3)']);
  });
});
