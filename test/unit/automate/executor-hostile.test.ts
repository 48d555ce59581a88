// @vitest-environment happy-dom
/** Pages that fight back (review, session 13): each case was a way past a confirmation, a secret, or the wrong row. */
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import { classifyAction, readableWords } from '../../../extension/content/executor/irreversible.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
type Outcome = { ok?: unknown; err?: string; msg?: string; data?: { needsConfirmation?: boolean; fingerprint?: string; label?: string; reason?: string } };
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((ok) => ({ ok }), (e: { name: string; message: string; data?: Outcome['data'] }) => ({ err: e.name, msg: e.message, data: e.data }));

describe('confirmations hold on pages that fight back', () => {
  test('a confirmed delete in a list that shifted is asked about again, and the dialog names the row', async () => {
    document.body.innerHTML = `<ul id="todos">
      <li>Buy milk <a href="/todos/101/delete">Delete</a></li>
      <li>Pay rent <a href="/todos/102/delete">Delete</a></li></ul>`;
    const clicked: string[] = [];
    const record = (e: Event) => { clicked.push((e.target as Element).getAttribute('href')!); e.preventDefault(); };
    document.addEventListener('click', record, true);
    const target = { locators: [{ by: 'id' as const, value: 'todos' }], item: { selector: ':scope > li', index: 0 }, slot: ':scope > a' };
    const first = await outcome(run({ action: 'click', target }));
    expect(first.data?.needsConfirmation).toBe(true);
    expect(first.data?.label).toBe('Delete (in "Buy milk")');
    document.querySelector('#todos > li')!.remove(); // the row goes away while the user reads the dialog
    const second = await outcome(run({ action: 'click', target, confirmed: true, fingerprint: first.data!.fingerprint! }));
    expect(second.data?.reason).toBe('changed since you confirmed it');
    expect(clicked).toEqual([]);
    document.removeEventListener('click', record, true);
  });

  test('a click whose handler submits a POST form (a box, a "Continue" div) is held for confirmation; the confirmed repeat submits once, without clicking again', async () => {
    document.body.innerHTML = `<form id="f" method="post" action="/transfer"><input name="amount" value="5000">
      <label><input type="checkbox" id="c"> Weekly digest</label><div role="button" id="go" tabindex="0">Continue</div></form>`;
    let submitted = 0;
    const form = document.getElementById('f') as HTMLFormElement;
    form.addEventListener('submit', (e) => { submitted++; e.preventDefault(); });
    document.getElementById('go')!.addEventListener('click', () => form.requestSubmit());
    document.getElementById('c')!.addEventListener('change', () => form.requestSubmit());
    const go = await outcome(run({ action: 'click', target: byId('go') }));
    expect([go.err, go.data?.needsConfirmation, submitted]).toEqual(['ActionError', true, 0]);
    const confirmed = await outcome(run({ action: 'click', target: byId('go'), confirmed: true, fingerprint: go.data!.fingerprint! }));
    expect([confirmed.err, submitted]).toEqual([undefined, 1]);

    const box = await outcome(run({ action: 'click', target: byId('c') }));
    expect([box.data?.needsConfirmation, submitted]).toEqual([true, 1]);
    const again = await outcome(run({ action: 'click', target: byId('c'), confirmed: true, fingerprint: box.data!.fingerprint! }));
    expect(again.err).toBeUndefined();
    // Submitted once more, and the box stays ticked (a second click would have unticked it).
    expect([submitted, (document.getElementById('c') as HTMLInputElement).checked]).toEqual([2, true]);
  });

  test('a whole-page POST form with a search box is not a search form; a POST submitter in a GET form is held', async () => {
    document.body.innerHTML = `<form id="form1" method="post" action="/Default.aspx">
      <header><input type="search" name="q"><button id="s">Search</button></header>
      <main><input name="amount" value="5000"><button id="pay" type="submit">Save changes</button></main></form>`;
    let submitted = 0;
    document.getElementById('form1')!.addEventListener('submit', (e) => { submitted++; e.preventDefault(); });
    const pay = await outcome(run({ action: 'click', target: byId('pay') }));
    expect([pay.data?.needsConfirmation, submitted]).toEqual([true, 0]);

    document.body.innerHTML = `<form id="f" method="get" action="/list"><select id="s"><option>a</option><option>b</option></select>
      <button id="del" formmethod="post" formaction="/items/delete">x</button></form>`;
    const form = document.getElementById('f') as HTMLFormElement;
    let posted = 0;
    form.addEventListener('submit', (e) => { posted++; e.preventDefault(); });
    document.getElementById('s')!.addEventListener('change', () => form.requestSubmit(document.getElementById('del') as HTMLButtonElement));
    const select = await outcome(run({ action: 'select', target: byId('s'), args: ['b'] }));
    expect([select.data?.needsConfirmation, posted]).toEqual([true, 0]);
  });

  test('a POST form inside a shadow root is held like one in the page', async () => {
    document.body.innerHTML = '<x-settings id="host"></x-settings>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<form method="post" action="/plan"><select id="plan" aria-label="Plan"><option>Free</option><option>Pro</option></select></form>';
    const form = shadow.querySelector('form')!;
    let submitted = 0;
    form.addEventListener('submit', (e) => { submitted++; e.preventDefault(); });
    shadow.getElementById('plan')!.addEventListener('change', () => form.requestSubmit());
    const doc = buildPageDocument(document);
    const plan = doc.sections.flatMap((s) => s.entries).find((x) => x.name.includes('plan'))!;
    const r = await outcome(run({ action: 'select', target: { locators: plan.locators }, args: ['Pro'] }));
    expect([r.data?.needsConfirmation, submitted]).toEqual([true, 0]);
  });

  test.each([
    'D\u0435lete', 'Del\u200Bete', '\uFF24elete', 'Löschen', 'Supprimer', 'Eliminar', 'Jetzt kaufen', 'Unsubscribe',
    'Deactivate account', 'Cancel subscription', 'Transfer', 'Withdraw', 'Close account', 'Destroy', '削除', '삭제',
  ])('the label %j asks first', async (label) => {
    document.body.innerHTML = `<button id="b" type="button">${label}</button>`;
    let clicked = 0;
    document.getElementById('b')!.addEventListener('click', () => clicked++);
    const r = await outcome(run({ action: 'click', target: byId('b') }));
    expect([r.data?.needsConfirmation, clicked]).toEqual([true, 0]);
  });

  test('an icon-only trash button and an encoded /logout link ask first; ordinary words do not', async () => {
    document.body.innerHTML = '<button id="b" type="button" class="icon-trash"><svg><use href="#trash"></use></svg></button><a id="l" href="/l%6fgout">Bye</a>';
    expect((await outcome(run({ action: 'click', target: byId('b') }))).data?.needsConfirmation).toBe(true);
    expect((await outcome(run({ action: 'click', target: byId('l') }))).data?.needsConfirmation).toBe(true);
    for (const label of ['Sender settings', 'Show details', 'Next', 'Deleted items', 'Cancel']) {
      expect(classifyAction({ action: 'click', label }).irreversible).toBe(false);
    }
    expect(readableWords('Ｄel\u200Bеte')).toBe('Delete');
  });
});

describe('secrets stay secret', () => {
  test('text() reads nothing from a code, password or card field of any make', async () => {
    document.body.innerHTML = `<div id="otp" contenteditable="true" aria-label="One-time code">482913</div>
      <div id="pw" role="textbox" aria-label="Password">hunter2</div>
      <select id="exp" autocomplete="cc-exp-month"><option>01</option><option selected>07</option></select>`;
    for (const id of ['otp', 'pw', 'exp']) expect((await outcome(run({ action: 'text', target: byId(id) }))).ok).toMatchObject({ value: '' });
  });

  test.each([
    '<label>Verification code <input id="x" inputmode="numeric" autocomplete="off"></label>',
    '<input id="x" name="approvals_code" autocomplete="off">',
    '<input id="x" name="otc" aria-label="Enter code">',
    '<label>Authentication code <input id="x"></label>',
    '<label>Social Security Number <input id="x"></label>',
        '<label>Mot de passe <input id="x" type="text"></label>',
    '<label>Kennwort <input id="x" type="text"></label>',
    '<label>Credit card <input id="x" name="creditcard"></label>',
    '<label>Account number <input id="x"></label>',
  ])('%s is sensitive: not read, not typed without the user', async (html) => {
    document.body.innerHTML = html;
    (document.getElementById('x') as HTMLInputElement).value = '123456';
    expect((await outcome(run({ action: 'value', target: byId('x') }))).ok).toMatchObject({ value: '' });
    expect((await outcome(run({ action: 'type', target: byId('x'), args: ['999999'] }))).msg).toMatch(/sensitive/);
  });

  test.each(['Zip code', 'Promo code', 'Postal code', 'Discount code', 'Country code', 'Passenger name'])('%s is an ordinary field', async (label) => {
    document.body.innerHTML = `<label>${label} <input id="x"></label>`;
    (document.getElementById('x') as HTMLInputElement).value = 'ABC';
    expect((await outcome(run({ action: 'value', target: byId('x') }))).ok).toMatchObject({ value: 'ABC' });
  });
});

test('typing into a field that refuses the keys is an ActionError, not a success', async () => {
  document.body.innerHTML = '<input id="n">';
  const field = document.getElementById('n') as HTMLInputElement;
  field.addEventListener('input', () => { field.value = ''; });
  const r = await outcome(run({ action: 'type', target: byId('n'), args: ['hello'] }));
  expect([r.err, r.msg]).toEqual(['ActionError', expect.stringMatching(/did not take the typed text/)]);
});

test('typing undone at the page\'s next render (an editor drawing from its own model) is an ActionError too', async () => {
  document.body.innerHTML = '<input id="n">';
  const field = document.getElementById('n') as HTMLInputElement;
  field.addEventListener('input', () => setTimeout(() => { field.value = ''; }, 0));
  const r = await outcome(run({ action: 'type', target: byId('n'), args: ['hello'] }));
  expect([r.err, r.msg]).toEqual(['ActionError', expect.stringMatching(/did not take the typed text/)]);
});

test('an ARIA 1.1 combobox takes typing into its one text box; a wrapper of two boxes is not a text field', async () => {
  document.body.innerHTML = `<div id="w" role="combobox" aria-expanded="false"><input id="i" aria-autocomplete="list"></div>
    <div id="two" role="combobox"><input><input></div>`;
  expect((await outcome(run({ action: 'type', target: byId('w'), args: ['Lyon'] }))).err).toBeUndefined();
  expect((document.getElementById('i') as HTMLInputElement).value).toBe('Lyon');
  expect((await outcome(run({ action: 'type', target: byId('two'), args: ['x'] }))).msg).toMatch(/is not a text field/);
});

test('navigate() goes to web addresses of this site only', async () => {
  const r = await outcome(run({ action: 'navigate', args: ['javascript:alert(1)'] }));
  expect(r.err).toBe('NavigationError');
});

describe('re-review (session 13)', () => {
  test('a declined held submission is forgotten: confirming a later prompt on the same element does not send it', async () => {
    document.body.innerHTML = `<form id="f" method="post" action="/transfer"><div role="button" id="go" tabindex="0">Continue</div></form>
      <form id="d" method="post" action="/drafts/delete"></form>`;
    let transfers = 0;
    let deletes = 0;
    const form = document.getElementById('f') as HTMLFormElement;
    form.addEventListener('submit', (e) => { transfers++; e.preventDefault(); });
    document.getElementById('d')!.addEventListener('submit', (e) => { deletes++; e.preventDefault(); });
    document.getElementById('go')!.addEventListener('click', () => form.requestSubmit());
    const first = await outcome(run({ action: 'click', target: byId('go') }));
    expect(first.data?.needsConfirmation).toBe(true);
    // The user declines; the script goes on with something else (an unconfirmed action) and the page re-renders.
    await outcome(run({ action: 'text', target: byId('go') }));
    await outcome(run({ action: 'click', target: byId('go') }));
    document.getElementById('go')!.textContent = 'Delete draft';
    const later = await outcome(run({ action: 'click', target: byId('go'), confirmed: true, fingerprint: 'Delete draft|||' }));
    expect(later.data?.needsConfirmation).toBe(true);
    expect([transfers, deletes]).toEqual([0, 0]);
  });

  test('typing a page formats (a card mask, capitals) is taken; typing the page drops is not', async () => {
    document.body.innerHTML = '<input id="phone" aria-label="Phone"><input id="post" aria-label="Postcode">';
    const phone = document.getElementById('phone') as HTMLInputElement;
    phone.addEventListener('input', () => { phone.value = phone.value.replace(/\D/g, '').replace(/(\d{3})(?=\d)/g, '$1 '); });
    const post = document.getElementById('post') as HTMLInputElement;
    post.addEventListener('input', () => { post.value = post.value.toUpperCase(); });
    expect((await outcome(run({ action: 'type', target: byId('phone'), args: ['(555) 123-4567'] }))).err).toBeUndefined();
    expect((await outcome(run({ action: 'type', target: byId('post'), args: ['sw1a 1aa'] }))).err).toBeUndefined();
    expect(post.value).toBe('SW1A 1AA');
  });

  test('an emoji-only button with a delete class asks; an icon search button does not; "Transfer files" is no payment', async () => {
    document.body.innerHTML = '<button id="b" type="button" class="btn-delete">🗑️</button><button id="s" type="button" class="search-submit">🔍</button><button id="t" type="button">Transfer files</button>';
    expect((await outcome(run({ action: 'click', target: byId('b') }))).data?.needsConfirmation).toBe(true);
    expect((await outcome(run({ action: 'click', target: byId('s') }))).err).toBeUndefined();
    expect((await outcome(run({ action: 'click', target: byId('t') }))).err).toBeUndefined();
  });
  // Exploratory test, session 22: "🗑" with a title, and crosses in rows, removed the rows unasked.
  test('a wastebasket emoji asks whatever its title says; a cross asks in a row, not on its own', async () => {
    document.body.innerHTML = `<ul><li>report.pdf <button id="x1" type="button">✕</button></li><li>notes.txt <button id="x2" type="button">❌</button></li>
      <li>a.txt <button id="w" type="button" title="safe">🗑</button></li></ul><div role="dialog"><button id="close" type="button">×</button></div>`;
    for (const id of ['x1', 'x2', 'w']) expect((await outcome(run({ action: 'click', target: byId(id) }))).data?.needsConfirmation, id).toBe(true);
    expect((await outcome(run({ action: 'click', target: byId('w') }))).msg).toBe('this action needs the user\'s confirmation: its label means it deletes');
    expect((await outcome(run({ action: 'click', target: byId('close') }))).err).toBeUndefined();
    expect(classifyAction({ action: 'click', label: '🗑️ Keep' }).irreversible).toBe(true);
  });
});

test('an id the page has given to two elements names neither (the next locator decides)', async () => {
  const { resolveLocator } = await import('../../../extension/content/document/locators.ts');
  document.body.innerHTML = '<section><button id="send">Send draft</button></section>';
  expect(resolveLocator(document, { by: 'id', value: 'send' })?.textContent).toBe('Send draft');
  document.body.insertAdjacentHTML('afterbegin', '<dialog open><button id="send">Send all</button></dialog>');
  expect(resolveLocator(document, { by: 'id', value: 'send' })).toBeNull();
});

test('a prefilled field a mask formats back to what it held took the typing (re-review, session 14)', async () => {
  document.body.innerHTML = '<input id="p" value="(555) 123-4567">';
  const field = document.getElementById('p') as HTMLInputElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const d = field.value.replace(/\D/g, '');
      if (d.length === 10) field.value = `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
    }, 5);
  });
  expect((await outcome(run({ action: 'type', target: byId('p'), args: ['5551234567'] }))).err).toBeUndefined();
  expect(field.value).toBe('(555) 123-4567');
});

describe('form.submit() from a page handler (no submit event)', () => {
  test('is held through the page-world guard while an action runs unconfirmed; the confirmed repeat sends it once; GET forms go through', async () => {
    let sent: string[] = [];
    // Stands in for the browser's own submit (a navigation happy-dom does not make); the guard wraps whatever is there.
    // (happy-dom has one world: the executor's confirmed send goes through the guard too, unheld.)
    HTMLFormElement.prototype.submit = function submit(this: HTMLFormElement) { sent.push(this.id); };
    await import('../../../extension/content/submit-guard/page-world.ts');
    document.body.innerHTML = `<form id="pay" method="post" action="/pay"><input name="amount" value="5000">
      <button type="button" id="go">Continue</button></form>
      <form id="sort" method="get" action="/list"><select id="order"><option>new</option><option>old</option></select></form>`;
    const pay = document.getElementById('pay') as HTMLFormElement;
    document.getElementById('go')!.addEventListener('click', () => pay.submit());
    document.getElementById('order')!.addEventListener('change', () => (document.getElementById('sort') as HTMLFormElement).submit());

    const go = await outcome(run({ action: 'click', target: byId('go') }));
    expect([go.err, go.data?.needsConfirmation, go.data?.reason, sent]).toEqual(['ActionError', true, 'submits /pay when it is clicked', []]);
    const confirmed = await outcome(run({ action: 'click', target: byId('go'), confirmed: true, fingerprint: go.data!.fingerprint! }));
    expect([confirmed.err, sent]).toEqual([undefined, ['pay']]);

    sent = [];
    const order = await outcome(run({ action: 'select', target: byId('order'), args: ['old'] }));
    expect([order.err, sent]).toEqual([undefined, ['sort']]);
    // A moment after an action, the page's own POST submit is still held (a debounced auto-save is the action's doing);
    // the next action says so and does nothing.
    pay.submit();
    expect(sent).toEqual(['sort']);
    const next = await outcome(run({ action: 'select', target: byId('order'), args: ['new'] }));
    expect([next.err, (next.data as { state?: string } | undefined)?.state]).toEqual(['ActionError', 'late-submit']);
    // Outside our actions (and past that moment) the page's own submit is untouched.
    pay.submit();
    expect(sent).toEqual(['sort', 'pay']);

    // A field named "submit" shadows form.submit: the page reaches the guard through the prototype, and so does the
    // confirmed send.
    sent = [];
    document.body.innerHTML = `<form id="shadowed" method="post" action="/pay"><input name="submit" value="x"><button type="button" id="go2">Pay</button></form>`;
    const shadowed = document.getElementById('shadowed') as HTMLFormElement;
    document.getElementById('go2')!.addEventListener('click', () => HTMLFormElement.prototype.submit.call(shadowed));
    const asked = await outcome(run({ action: 'click', target: byId('go2') }));
    expect([asked.data?.needsConfirmation, sent]).toEqual([true, []]);
    const paid = await outcome(run({ action: 'click', target: byId('go2'), confirmed: true, fingerprint: asked.data!.fingerprint! }));
    expect([paid.err, sent]).toEqual([undefined, ['shadowed']]);

    // The page changes where the held form sends between the question and the answer: asked again, nothing sent.
    sent = [];
    document.body.innerHTML = `<form id="moving" method="post" action="/pay"><button type="button" id="go3">Continue</button></form>`;
    const moving = document.getElementById('moving') as HTMLFormElement;
    document.getElementById('go3')!.addEventListener('click', () => moving.submit());
    const first = await outcome(run({ action: 'click', target: byId('go3') }));
    moving.setAttribute('action', '/transfer-all');
    const second = await outcome(run({ action: 'click', target: byId('go3'), confirmed: true, fingerprint: first.data!.fingerprint! }));
    expect([second.data?.needsConfirmation, second.data?.reason, sent]).toEqual([true, 'changed since you confirmed it', []]);
    // Confirmed as it is now, it goes.
    const third = await outcome(run({ action: 'click', target: byId('go3'), confirmed: true, fingerprint: second.data!.fingerprint! }));
    expect([third.err, sent]).toEqual([undefined, ['moving']]);

    // A form the page makes for one submission and removes: the confirmed change cannot send it and says so.
    sent = [];
    document.body.innerHTML = `<label><input type="checkbox" id="opt"> Send now</label>`;
    document.getElementById('opt')!.addEventListener('change', () => {
      const temp = document.createElement('form');
      temp.method = 'post';
      temp.action = '/send';
      temp.id = 'temp';
      document.body.append(temp);
      temp.submit();
      temp.remove();
    });
    const opt = await outcome(run({ action: 'check', target: byId('opt') }));
    expect(opt.data?.needsConfirmation).toBe(true);
    const gone = await outcome(run({ action: 'check', target: byId('opt'), confirmed: true, fingerprint: opt.data!.fingerprint! }));
    expect([gone.err, gone.msg, sent]).toEqual(['ActionError', expect.stringMatching(/is gone from the page: nothing was sent/), []]);
  });
});
