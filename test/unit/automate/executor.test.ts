// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/** The executor on a happy-dom page: event order, per-character typing, select by option text, typed refusals. */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });

let events: string[];
beforeEach(() => {
  document.body.innerHTML = `<div id="root">
    <input id="name"><input id="pw" type="password"><input id="ro" readonly value="x">
    <select id="plan"><option value="f">Free</option><option value="t">Team plan</option></select>
    <label><input type="checkbox" id="agree"> Agree</label>
    <button id="go" type="button">Go</button><button id="off" disabled>Off</button>
    <button id="del" type="button">Delete</button>
    <ul id="list"><li><span class="t">One</span></li><li><span class="t">Two</span></li></ul></div>`;
  events = [];
  for (const type of ['pointerdown', 'mousedown', 'focus', 'pointerup', 'mouseup', 'click', 'keydown', 'keypress', 'input', 'keyup', 'change']) {
    document.getElementById('root')!.addEventListener(type, (e) => events.push(`${type}:${(e.target as Element).id}`), true);
  }
});

describe('content executor', () => {
  test('click: pointer and mouse events in a person\'s order, then the click', async () => {
    await run({ action: 'click', target: byId('go') });
    expect(events).toEqual(['pointerdown:go', 'mousedown:go', 'focus:go', 'pointerup:go', 'mouseup:go', 'click:go']);
  });
  test('a run\'s action on a page of another site than its own (a redirect) is refused before anything happens', async () => {
    await expect(run({ action: 'click', target: byId('go'), expectedOrigin: 'https://bank.example' })).rejects.toMatchObject({ name: 'NavigationError', data: { leftOrigin: true } });
    expect(events).toEqual([]);
    await run({ action: 'click', target: byId('go'), expectedOrigin: location.origin });
    expect(events).toContain('click:go');
  });

  test('type: replaces the value one character at a time, then change', async () => {
    (document.getElementById('name') as HTMLInputElement).value = 'old';
    await run({ action: 'type', target: byId('name'), args: ['ab'] });
    expect((document.getElementById('name') as HTMLInputElement).value).toBe('ab');
    expect(events.filter((e) => !e.startsWith('focus'))).toEqual([
      'input:name', 'keydown:name', 'keypress:name', 'input:name', 'keyup:name', 'keydown:name', 'keypress:name', 'input:name', 'keyup:name', 'change:name',
    ]);
  });
  test('select by option text (case-insensitive, then contained); unknown option lists the choices', async () => {
    await run({ action: 'select', target: byId('plan'), args: ['team'] });
    expect((document.getElementById('plan') as HTMLSelectElement).value).toBe('t');
    await expect(run({ action: 'select', target: byId('plan'), args: ['Gold'] })).rejects.toThrow(/"Free", "Team plan"/);
  });
  test('check/uncheck only click when the state differs; value reads it', async () => {
    await run({ action: 'check', target: byId('agree') });
    await run({ action: 'check', target: byId('agree') });
    expect(events.filter((e) => e === 'click:agree').length).toBe(1);
    expect((await run({ action: 'value', target: byId('agree') })).value).toBe(true);
  });
  test('text() of a checkbox or radio button reads its label, not its value ("on"; explorer, session 29)', async () => {
    expect((await run({ action: 'text', target: byId('agree') })).value).toBe('Agree');
    document.body.insertAdjacentHTML('beforeend', '<input type="radio" id="r" value="x" aria-label="Express delivery"><input type="checkbox" id="bare">');
    expect((await run({ action: 'text', target: byId('r') })).value).toBe('Express delivery');
    expect((await run({ action: 'text', target: byId('bare') })).value).toBe('');
  });
  test('lists: count, find, item text through item selector and slot', async () => {
    const list = { locators: [{ by: 'id' as const, value: 'list' }], item: { selector: ':scope > li' } };
    expect((await run({ action: 'count', target: list })).value).toBe(2);
    expect((await run({ action: 'find', target: list, args: ['two'] })).value).toBe(1);
    expect((await run({ action: 'text', target: { ...list, item: { selector: ':scope > li', index: 1 }, slot: ':scope > span.t' } })).value).toBe('Two');
    await expect(run({ action: 'text', target: { ...list, item: { selector: ':scope > li', index: 5 } } })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
  // Exploratory test, session 22: find("Dune") on a shelf listing "Dune Messiah" first removed "Dune Messiah".
  test('find: a row with a part that is exactly the text, then one holding it as whole words, then any holding it', async () => {
    document.body.innerHTML = `<ul id="books">${['Dune Messiah|Herbert', 'Dunes of Sand|Ali', 'Dune|Herbert', 'The Dune|Ray'].map((b) =>
      `<li><span>${b.split('|')[0]}</span> <em>${b.split('|')[1]}</em></li>`).join('')}</ul>`;
    const books = { locators: [{ by: 'id' as const, value: 'books' }], item: { selector: ':scope > li' } };
    expect((await run({ action: 'find', target: books, args: ['dune'] })).value).toBe(2);
    expect((await run({ action: 'find', target: books, args: ['Dunes'] })).value).toBe(1);
    expect((await run({ action: 'find', target: books, args: ['Herbert'] })).value).toBe(0);
    expect((await run({ action: 'find', target: books, args: ['une mes'] })).value).toBe(0);
    expect((await run({ action: 'find', target: books, args: ['e Du'] })).value).toBe(3);
    expect((await run({ action: 'find', target: books, args: ['Asimov'] })).value).toBe(-1);
    // A badge that happens to say it does not outrank a row titled so.
    document.querySelector('#books > li')!.insertAdjacentHTML('beforeend', ' <small>Herbert</small>');
    document.getElementById('books')!.insertAdjacentHTML('beforeend', '<li><a href="/a/herbert">Herbert</a> <em>author</em></li>');
    expect((await run({ action: 'find', target: books, args: ['Herbert'] })).value).toBe(4);
    document.querySelector('#books > li')!.remove();
    expect((await run({ action: 'find', target: books, args: ['Messiah'] })).value).toBe(-1);
  });
  test('typed refusals: missing, disabled, read-only, sensitive, irreversible without confirmation', async () => {
    await expect(run({ action: 'click', target: byId('nope') })).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(run({ action: 'click', target: byId('off') })).rejects.toMatchObject({ name: 'ActionError', data: { state: 'disabled' } });
    await expect(run({ action: 'type', target: byId('ro'), args: ['y'] })).rejects.toThrow(/read-only/);
    await expect(run({ action: 'type', target: byId('pw'), args: ['secret'] })).rejects.toMatchObject({ name: 'ActionError', data: { sensitive: true } });
    expect((await run({ action: 'value', target: byId('pw') })).value).toBe('');
    await run({ action: 'type', target: byId('pw'), args: ['secret'], userSupplied: true });
    expect((document.getElementById('pw') as HTMLInputElement).value).toBe('secret');
    await expect(run({ action: 'click', target: byId('del') })).rejects.toMatchObject({ name: 'ActionError', data: { needsConfirmation: true } });
    expect(events).not.toContain('click:del');
    await run({ action: 'click', target: byId('del'), confirmed: true });
    expect(events).toContain('click:del');
  });
  test('links about orders and posts go without asking; one whose address or label acts on an order asks (review, session 17)', async () => {
    document.getElementById('root')!.insertAdjacentHTML('beforeend', `<a id="o42" href="/account/orders/42">Order 42</a>
      <a id="next" href="/posts/hello-world">Next post</a><a id="cancel" href="/orders/42/cancel">Details</a><a id="now" href="/shop">Order now</a>`);
    for (const id of ['o42', 'next']) {
      const link = document.getElementById(id)!;
      link.addEventListener('click', (e) => e.preventDefault());
      await run({ action: 'click', target: byId(id) });
      expect(events, id).toContain(`click:${id}`);
    }
    for (const id of ['cancel', 'now']) {
      await expect(run({ action: 'click', target: byId(id) }), id).rejects.toMatchObject({ name: 'ActionError', data: { needsConfirmation: true } });
      expect(events, id).not.toContain(`click:${id}`);
    }
  });
  test('a confirmation holds for the element confirmed: a changed label is asked about again; the panel may ask first', async () => {
    const asked = await run({ action: 'click', target: byId('del') }).then(() => ({ fingerprint: '', label: 'not asked' }),
      (e: { data: { fingerprint: string; label: string } }) => e.data);
    expect(asked.label).toContain('Delete');
    document.getElementById('del')!.textContent = 'Delete everything';
    await expect(run({ action: 'click', target: byId('del'), confirmed: true, fingerprint: asked.fingerprint }))
      .rejects.toMatchObject({ name: 'ActionError', data: { needsConfirmation: true, reason: 'changed since you confirmed it', label: expect.stringContaining('Delete everything') } });
    expect(events).not.toContain('click:del');
    await expect(run({ action: 'click', target: byId('go'), mustConfirm: 'removes an item' }))
      .rejects.toMatchObject({ data: { needsConfirmation: true, reason: 'removes an item', label: expect.stringContaining('Go') } });
    const fresh = await run({ action: 'click', target: byId('del') }).then(() => ({ fingerprint: '' }), (e: { data: { fingerprint: string } }) => e.data);
    await run({ action: 'click', target: byId('del'), confirmed: true, fingerprint: fresh.fingerprint });
    expect(events).toContain('click:del');
  });
  test('a same-tab link to another site is refused (a run stays on its site); a new tab is not', async () => {
    document.body.insertAdjacentHTML('beforeend', '<a id="away" href="https://elsewhere.example/pay">Pay</a><a id="tab" target="_blank" href="https://elsewhere.example/">Docs</a>');
    await expect(run({ action: 'click', target: byId('away') })).rejects.toMatchObject({ name: 'NavigationError', data: { host: 'elsewhere.example' } });
    document.getElementById('tab')!.addEventListener('click', (e) => e.preventDefault());
    await run({ action: 'click', target: byId('tab') });
  });
  test('a search form that sends to another site is refused as its link would be (BBC\'s goes to search.bbc.co.uk; exploratory test, session 25)', async () => {
    document.body.insertAdjacentHTML('beforeend', `<form role="search" method="get" action="https://search.elsewhere.example/search">
        <input id="q" name="q"><button id="find">Search</button></form>
      <form role="search" method="get" action="/search"><button id="here">Search</button></form>
      <form role="search" method="get" action="https://search.elsewhere.example/search" target="_blank"><button id="tabbed">Search</button></form>`);
    let sent = 0;
    for (const form of Array.from(document.forms)) form.addEventListener('submit', (e) => {
      sent++;
      e.preventDefault();
    });
    await expect(run({ action: 'click', target: byId('find') })).rejects.toMatchObject({ name: 'NavigationError', message: expect.stringMatching(/^this form leaves .* for search\.elsewhere\.example/) });
    expect(sent).toBe(0);
    await run({ action: 'click', target: byId('here') });
    await run({ action: 'click', target: byId('tabbed') });
    expect(sent).toBe(2);
  });
  test('a change that submits a POST form (a select whose handler submits) is held until confirmed, then submitted once', async () => {
    document.body.insertAdjacentHTML('beforeend', `<form id="order" method="post" aria-label="Order"><select id="qty"><option>1</option><option>2</option></select></form>
      <form id="sort" method="get" aria-label="Sort"><select id="by"><option>Name</option><option>Price</option></select></form>`);
    // A GET form (sort, filter; its method written out) only shows something else: it submits without asking.
    const sort = document.getElementById('sort') as HTMLFormElement;
    let sorted = 0;
    sort.addEventListener('submit', (e) => {
      sorted++;
      e.preventDefault();
    });
    document.getElementById('by')!.addEventListener('change', () => sort.requestSubmit());
    await run({ action: 'select', target: byId('by'), args: ['Price'] });
    expect(sorted).toBe(1);
    const form = document.getElementById('order') as HTMLFormElement;
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      submitted++;
      e.preventDefault();
    });
    document.getElementById('qty')!.addEventListener('change', () => form.requestSubmit());
    const asked = await run({ action: 'select', target: byId('qty'), args: ['2'] }).catch((e: { data: { needsConfirmation: boolean; reason: string; fingerprint: string } }) => e);
    expect(asked).toMatchObject({ data: { needsConfirmation: true, reason: 'submits Order when it changes' } });
    expect(submitted).toBe(0);
    // A confirmation for another prompt (another fingerprint) does not send it.
    await expect(run({ action: 'select', target: byId('qty'), args: ['2'], confirmed: true, fingerprint: 'something else' }))
      .rejects.toMatchObject({ data: { reason: 'changed since you confirmed it' } });
    expect(submitted).toBe(0);
    await expect(run({ action: 'select', target: byId('qty'), args: ['2'] })).rejects.toMatchObject({ data: { needsConfirmation: true } });
    const again = await run({ action: 'select', target: byId('qty'), args: ['2'] }).catch((e: { data: { fingerprint: string } }) => e) as { data: { fingerprint: string } };
    await run({ action: 'select', target: byId('qty'), args: ['2'], confirmed: true, fingerprint: again.data.fingerprint });
    expect(submitted).toBe(1);
    // A form with no method is held too: pages that leave it out usually send it from script.
    document.body.insertAdjacentHTML('beforeend', '<form id="bare" aria-label="Place order"><input type="checkbox" id="agree-bare"></form>');
    const bare = document.getElementById('bare') as HTMLFormElement;
    let placed = 0;
    bare.addEventListener('submit', (e) => { placed++; e.preventDefault(); });
    document.getElementById('agree-bare')!.addEventListener('change', () => bare.requestSubmit());
    await expect(run({ action: 'check', target: byId('agree-bare') })).rejects.toMatchObject({ data: { needsConfirmation: true } });
    expect(placed).toBe(0);
  });
  test('navigate refuses another origin', async () => {
    await expect(run({ action: 'navigate', args: ['https://elsewhere.example/'] })).rejects.toMatchObject({ name: 'NavigationError' });
  });
  test('the reply says whether the DOM changed, including changes made synchronously by the handler', async () => {
    document.getElementById('go')!.addEventListener('click', () => document.body.append(document.createElement('p')));
    expect((await run({ action: 'click', target: byId('go') })).changed).toBe(true);
    expect((await run({ action: 'hover', target: byId('name') })).changed).toBe(false);
  });
  test('an element that is not there yet is waited for (up to the settle budget), then acted on', async () => {
    setTimeout(() => {
      const late = document.createElement('button');
      late.id = 'late';
      late.type = 'button';
      document.getElementById('root')!.append(late);
    }, 10);
    await act(document, { settleMs: 200, args: [], action: 'click', target: byId('late') });
    expect(events).toContain('click:late');
    await expect(act(document, { settleMs: 60, args: [], action: 'click', target: byId('never') })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
