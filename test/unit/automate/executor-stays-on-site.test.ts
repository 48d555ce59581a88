// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/**
 * A run stays on its site whatever the confirmation state (exploratory test, explorer 2): a logout link or a Pay
 * button of another site was asked about for its words and, confirmed, left the site; Enter in a form with no button
 * sent it to another site with no question (or after one). A link or a submit button that leaves is refused up front;
 * a submission a handler sets off leaves the site or not by where it goes once the page's own handlers ran (review 3):
 * a page may send its form itself with fetch, or rewrite its action to another site.
 */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
interface Outcome { ok?: unknown; err?: string; message?: string; data?: Record<string, unknown> }
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((ok) => ({ ok }), (error: { name?: string; message?: string; data?: Record<string, unknown> }) => ({ err: error.name, message: error.message, data: error.data }));
/** Asked first; confirmed with the question's fingerprint when there was one (the old code asked). */
async function confirmedAfterAsking(request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }): Promise<Outcome> {
  const asked = await outcome(run(request));
  if (!asked.data?.needsConfirmation) return asked;
  return outcome(run({ ...request, confirmed: true, fingerprint: String(asked.data.fingerprint) }));
}

/**
 * Submissions and link clicks that reached the page's own listeners. A submission the page lets go on navigates (happy-dom
 * sets the window's address to where it went): `went()` says where, if anywhere off this page.
 */
let sent: string[];
const HERE = 'http://localhost:3000/';
const went = () => (location.href === HERE ? undefined : location.href);
beforeEach(() => {
  sent = [];
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(HERE);
});
function page(html: string): void {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  for (const form of Array.from(document.forms)) form.addEventListener('submit', () => sent.push(`submit:${form.id}`));
  for (const link of Array.from(document.links)) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      sent.push(`follow:${link.id}`);
    });
  }
}
const leaves = (host: string) => ({ err: 'NavigationError', message: expect.stringContaining(`for ${host}: a run stays on its site`), data: expect.objectContaining({ host }) });

describe('a run stays on its site, asked about or not', () => {
  test('a logout link of another site is refused, not asked about (it used to be confirmed, then left the site)', async () => {
    page('<nav aria-label="Account"><a id="logout" href="https://accounts.other.example/logout">Log out</a></nav>');
    expect(await outcome(run({ action: 'click', target: byId('logout') }))).toMatchObject(leaves('accounts.other.example'));
    expect(await confirmedAfterAsking({ action: 'click', target: byId('logout') })).toMatchObject(leaves('accounts.other.example'));
    // The panel's own view said to ask (mustConfirm), or the user confirmed: still refused.
    expect(await outcome(run({ action: 'click', target: byId('logout'), mustConfirm: 'its label means it logs out' }))).toMatchObject(leaves('accounts.other.example'));
    expect(await outcome(run({ action: 'click', target: byId('logout'), confirmed: true }))).toMatchObject(leaves('accounts.other.example'));
    expect(sent).toEqual([]);
  });

  test('a POST form that pays on another site is refused, confirmed or not; a form of this site is still asked about', async () => {
    page(`<form id="pay" aria-label="Donate" method="post" action="https://pay.other.example/charge"><input name="amount" value="5"><button id="pay-now">Pay now</button></form>
      <form id="here" aria-label="Donate here" method="post" action="/charge"><button id="pay-here">Pay now</button></form>`);
    expect(await outcome(run({ action: 'click', target: byId('pay-now') }))).toMatchObject(leaves('pay.other.example'));
    expect(await confirmedAfterAsking({ action: 'click', target: byId('pay-now') })).toMatchObject(leaves('pay.other.example'));
    expect(await outcome(run({ action: 'click', target: byId('pay-now'), mustConfirm: 'submits a form' }))).toMatchObject(leaves('pay.other.example'));
    expect(sent).toEqual([]);
    // A button's formaction to another site is where it sends.
    document.getElementById('pay-here')!.setAttribute('formaction', 'https://pay.other.example/charge');
    expect(await confirmedAfterAsking({ action: 'click', target: byId('pay-here') })).toMatchObject(leaves('pay.other.example'));
    document.getElementById('pay-here')!.removeAttribute('formaction');
    const asked = await outcome(run({ action: 'click', target: byId('pay-here') }));
    expect(asked.data).toMatchObject({ needsConfirmation: true });
    expect(await outcome(run({ action: 'click', target: byId('pay-here'), confirmed: true, fingerprint: String(asked.data!.fingerprint) }))).toMatchObject({ ok: expect.anything() });
    expect(sent).toEqual(['submit:here']);
  });

  test('Enter in a search form with no button that sends to another site is refused before the key (it went with no question)', async () => {
    page('<form id="find" role="search" aria-label="Site search" method="get" action="https://search.other.example/find"><input type="search" id="q" name="q" aria-label="Find" value="obama"></form>');
    const keys: string[] = [];
    document.getElementById('q')!.addEventListener('keydown', (e) => keys.push(e.key));
    expect(await outcome(run({ action: 'press', target: byId('q'), args: ['Enter'] }))).toMatchObject(leaves('search.other.example'));
    expect(keys).toEqual([]);
    expect(sent).toEqual([]);
    // Another key sends nothing: it goes to the field as ever.
    expect(await outcome(run({ action: 'press', target: byId('q'), args: ['Escape'] }))).toMatchObject({ ok: expect.anything() });
    expect(keys).toEqual(['Escape']);
  });

  test('Enter in a one-field form with no method and no button (dropbox.tech\'s header search) is refused, not asked about and then sent', async () => {
    page('<form id="hdr" action="https://search.other.example/search-results.html"><input type="text" id="hq" name="q" placeholder="Search"></form>');
    expect(await confirmedAfterAsking({ action: 'press', target: byId('hq'), args: ['Enter'] })).toMatchObject(leaves('search.other.example'));
    expect(sent).toEqual([]);
  });

  test('Enter that clicks a default button sending to another site is refused, confirmed or not', async () => {
    page('<form id="login" aria-label="Log in" method="post" action="https://login.other.example/session"><input id="user" name="user" value="ana"><input type="password" name="pw"><button id="sign-in">Sign in</button></form>');
    expect(await confirmedAfterAsking({ action: 'press', target: byId('user'), args: ['Enter'] })).toMatchObject(leaves('login.other.example'));
    expect(await outcome(run({ action: 'press', target: byId('user'), args: ['Enter'], mustConfirm: 'submits a form' }))).toMatchObject(leaves('login.other.example'));
    expect(await outcome(run({ action: 'press', target: byId('user'), args: ['Enter'], confirmed: true }))).toMatchObject(leaves('login.other.example'));
    expect(sent).toEqual([]);
  });

  test('a submission a handler sets off to another site (a "Continue" div, a select that sorts) is stopped after the page\'s handlers and said', async () => {
    page(`<form id="checkout" method="post" action="https://pay.other.example/checkout"><input name="item" value="1"></form><div id="continue" role="button" tabindex="0">Continue</div>
      <form id="sort" method="get" action="https://shop.other.example/list"><select id="by" name="by"><option>Name</option><option>Price</option></select></form>`);
    const checkout = document.getElementById('checkout') as HTMLFormElement;
    document.getElementById('continue')!.addEventListener('click', () => checkout.requestSubmit());
    const sort = document.getElementById('sort') as HTMLFormElement;
    document.getElementById('by')!.addEventListener('change', () => sort.requestSubmit());
    expect(await confirmedAfterAsking({ action: 'click', target: byId('continue') })).toMatchObject(leaves('pay.other.example'));
    const sorted = await outcome(run({ action: 'select', target: byId('by'), args: ['Price'] }));
    expect(sorted).toMatchObject(leaves('shop.other.example'));
    expect(sorted.message).toMatch(/ set off a form that leaves .* \(it was stopped: nothing was sent\)$/);
    // The page's handlers saw both (the POST one once confirmed, as ever); neither went.
    expect(sent).toEqual(['submit:checkout', 'submit:sort']);
    expect(went()).toBeUndefined();
  });

  test('a held submission whose form the page sent elsewhere before the user confirmed is not sent there', async () => {
    page('<form id="order" method="post" aria-label="Order" action="/order"><select id="qty" name="qty"><option>1</option><option>2</option></select></form>');
    const form = document.getElementById('order') as HTMLFormElement;
    document.getElementById('qty')!.addEventListener('change', () => form.requestSubmit());
    const asked = await outcome(run({ action: 'select', target: byId('qty'), args: ['2'] }));
    expect(asked.data).toMatchObject({ needsConfirmation: true });
    form.setAttribute('action', 'https://pay.other.example/order');
    const again = await outcome(run({ action: 'select', target: byId('qty'), args: ['2'], confirmed: true, fingerprint: String(asked.data!.fingerprint) }));
    const last = again.data?.needsConfirmation
      ? await outcome(run({ action: 'select', target: byId('qty'), args: ['2'], confirmed: true, fingerprint: String(again.data.fingerprint) }))
      : again;
    expect(last).toMatchObject(leaves('pay.other.example'));
    expect(sent).toEqual(['submit:order']);
    expect(went()).toBeUndefined();
  });

  test('a form to another site the page sends by itself a moment after an action is stopped, and said at the next request', async () => {
    page(`<form id="sort" method="get" action="https://shop.other.example/list"><select id="by" name="by"><option>Name</option><option>Price</option></select></form>
      <form id="save" method="post" action="https://pay.other.example/save"><select id="plan" name="plan"><option>Free</option><option>Pro</option></select></form>`);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const sort = document.getElementById('sort') as HTMLFormElement;
    document.getElementById('by')!.addEventListener('change', () => setTimeout(() => sort.requestSubmit(), 100));
    expect((await outcome(run({ action: 'select', target: byId('by'), args: ['Price'] }))).err).toBeUndefined();
    await pause(300);
    expect(went()).toBeUndefined();
    expect(await outcome(run({ action: 'text', target: byId('by') }))).toMatchObject(leaves('shop.other.example'));
    // Said once: the next request goes ahead.
    expect(await outcome(run({ action: 'text', target: byId('by') }))).toMatchObject({ ok: { value: 'Price' } });
    // At the end of a run (`held`), as the answer to it: a POST form is held and asked about first (its page handlers
    // may send it themselves), and stopped once they let it go to the other site.
    const save = document.getElementById('save') as HTMLFormElement;
    document.getElementById('plan')!.addEventListener('change', () => setTimeout(() => save.requestSubmit(), 100));
    expect((await outcome(run({ action: 'select', target: byId('plan'), args: ['Pro'] }))).err).toBeUndefined();
    expect(await confirmedAfterAsking({ action: 'held' })).toMatchObject(leaves('pay.other.example'));
    expect(sent).toEqual(['submit:sort', 'submit:save']);
    expect(went()).toBeUndefined();
  });

  test('what stays allowed: a link or form to a new tab, a box in a form of another site, a link of this site', async () => {
    page(`<a id="docs" target="_blank" href="https://docs.other.example/">Docs</a><a id="home" href="/home">Home</a>
      <form id="news" action="https://news.other.example/subscribe" method="post"><label><input type="checkbox" id="weekly"> Weekly</label></form>`);
    expect(await outcome(run({ action: 'click', target: byId('docs') }))).toMatchObject({ ok: expect.anything() });
    expect(await outcome(run({ action: 'click', target: byId('home') }))).toMatchObject({ ok: expect.anything() });
    expect(await outcome(run({ action: 'check', target: byId('weekly') }))).toMatchObject({ ok: expect.anything() });
    expect((document.getElementById('weekly') as HTMLInputElement).checked).toBe(true);
    expect(sent).toEqual(['follow:docs', 'follow:home']);
  });
});

describe('where a submission goes is decided after the page\'s own handlers (review 3)', () => {
  test('an embedded sign-up form whose action is another site, sent by the page itself with fetch: asked, confirmed, sent by its handler', async () => {
    page(`<form id="nl" aria-label="Newsletter" method="post" action="https://list.other.example/subscribe"><input id="em" name="email" aria-label="Email" value="a@b.c"></form>
      <div id="join" role="button" tabindex="0">Join the list</div>`);
    const form = document.getElementById('nl') as HTMLFormElement;
    const fetched: string[] = [];
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      fetched.push(new FormData(form).get('email') as string);
    });
    document.getElementById('join')!.addEventListener('click', () => form.requestSubmit());
    const asked = await outcome(run({ action: 'click', target: byId('join') }));
    expect(asked.data).toMatchObject({ needsConfirmation: true });
    expect(fetched).toEqual([]);
    expect(await outcome(run({ action: 'click', target: byId('join'), confirmed: true, fingerprint: String(asked.data!.fingerprint) }))).toMatchObject({ ok: expect.anything() });
    expect(fetched).toEqual(['a@b.c']);
    expect(went()).toBeUndefined();
  });

  test('a GET search form of this site whose submit handler sends it to another site is stopped and said', async () => {
    page('<form id="s" role="search" action="/search" method="get"><input id="q" name="q" aria-label="Search" value="obama"><button id="go">Search</button></form>');
    const form = document.getElementById('s') as HTMLFormElement;
    form.addEventListener('submit', () => form.setAttribute('action', 'https://search.other.example/find'));
    const clicked = await outcome(run({ action: 'click', target: byId('go') }));
    expect(clicked).toMatchObject(leaves('search.other.example'));
    expect(clicked.message).toMatch(/ set off a form that leaves .* \(it was stopped: nothing was sent\)$/);
    expect(sent).toEqual(['submit:s']);
    expect(went()).toBeUndefined();
    // Enter in its field too.
    form.setAttribute('action', '/search');
    expect(await outcome(run({ action: 'press', target: byId('q'), args: ['Enter'] }))).toMatchObject(leaves('search.other.example'));
    expect(went()).toBeUndefined();
  });

  test('a POST order form of this site whose handler sends it to another site: asked, and stopped once confirmed', async () => {
    page('<form id="o" aria-label="Order" action="/order" method="post"><input name="x" value="1"><button id="place">Place order</button></form>');
    const form = document.getElementById('o') as HTMLFormElement;
    form.addEventListener('submit', () => form.setAttribute('action', 'https://pay.other.example/charge'));
    expect(await confirmedAfterAsking({ action: 'click', target: byId('place') })).toMatchObject(leaves('pay.other.example'));
    expect(sent).toEqual(['submit:o']);
    expect(went()).toBeUndefined();
  });

  test('a form of this site (no handler) still goes; one the page sends itself is the page\'s', async () => {
    page('<form id="s" role="search" action="/search" method="get"><input id="q" name="q" aria-label="Search" value="obama"><button id="go">Search</button></form>');
    expect(await outcome(run({ action: 'click', target: byId('go') }))).toMatchObject({ ok: expect.anything() });
    expect(went()).toBe('http://localhost:3000/search?q=obama');
  });

  test('<base href> on another origin and action="" (or formaction=""): the form goes to this page, not refused', async () => {
    document.head.innerHTML = '<base href="https://cdn.other.example/assets/">';
    try {
      page('<form id="f" action="" method="get"><input id="q" name="q" aria-label="Search" value="x"><button id="go">Go</button><button id="go2" formaction="">Go</button></form>');
      expect(await outcome(run({ action: 'press', target: byId('q'), args: ['Enter'] }))).toMatchObject({ ok: expect.anything() });
      expect(await outcome(run({ action: 'click', target: byId('go') }))).toMatchObject({ ok: expect.anything() });
      expect(await outcome(run({ action: 'click', target: byId('go2') }))).toMatchObject({ ok: expect.anything() });
      expect(sent).toEqual(['submit:f', 'submit:f', 'submit:f']);
      expect(new URL(location.href).origin).toBe('http://localhost:3000');
    } finally {
      document.head.innerHTML = '';
    }
  });

  test('a new tab is not leaving: target="_BLANK" (keywords ignore case), formtarget, or the page\'s <base target="_blank">', async () => {
    page(`<form id="a" action="https://docs.other.example/search" method="get" target="_BLANK"><input id="qa" name="q" aria-label="Docs"><button id="go-a">Search docs</button></form>
      <form id="b" action="https://docs.other.example/search" method="get"><input id="qb" name="q" aria-label="Docs"><button id="go-b" formtarget="_Blank">Search docs</button></form>
      <a id="docs" href="https://docs.other.example/" target="_BLANK">Docs</a>`);
    for (const id of ['go-a', 'go-b', 'docs']) expect(await outcome(run({ action: 'click', target: byId(id) })), id).toMatchObject({ ok: expect.anything() });
    document.head.innerHTML = '<base target="_blank">';
    try {
      page('<form id="c" action="https://docs.other.example/search" method="get"><input id="qc" name="q" aria-label="Docs"><button id="go-c">Search docs</button></form><a id="more" href="https://docs.other.example/more">More</a>');
      for (const id of ['go-c', 'more']) expect(await outcome(run({ action: 'click', target: byId(id) })), id).toMatchObject({ ok: expect.anything() });
      // A target of its own in this tab still leaves. (happy-dom sent "_Blank" and the base target's form in this tab,
      // where Chromium opens a tab: back here first.)
      (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(HERE);
      document.getElementById('more')!.setAttribute('target', '_self');
      expect(await outcome(run({ action: 'click', target: byId('more') }))).toMatchObject(leaves('docs.other.example'));
    } finally {
      document.head.innerHTML = '';
    }
  });
});

describe('a form of this site sent with GET, as its markup says, only reads (exploratory run, session 27)', () => {
  test('its button is not asked about (AO3\'s chapter picker "Go"), unless its words are irreversible; one that leaves the method out still is', async () => {
    page(`<form id="chapters" aria-label="Chapters" method="get" action="/works/1"><select name="chapter" aria-label="Chapter"><option>1</option></select><button id="go">Go</button></form>
      <form id="cleanup" aria-label="Cleanup" method="GET" action="/drafts"><button id="wipe">Delete drafts</button></form>
      <form id="notes" aria-label="Notes" action="/notes"><input name="n" aria-label="Note"><button id="keep">Keep</button></form>`);
    expect(await outcome(run({ action: 'click', target: byId('go') }))).toMatchObject({ ok: expect.anything() });
    expect(sent).toEqual(['submit:chapters']);
    expect(await outcome(run({ action: 'click', target: byId('wipe') }))).toMatchObject({ data: { needsConfirmation: true, reason: 'its label means it deletes' } });
    expect(await outcome(run({ action: 'click', target: byId('keep') }))).toMatchObject({ data: { needsConfirmation: true, reason: 'submits a form' } });
    expect(sent).toEqual(['submit:chapters']);
  });
});
