// @vitest-environment happy-dom
/**
 * Session 57: the explorers' (sessions 56 and 57) hint words in names, rows of data with no control, switches' states,
 * sort arrows and a chat's open conversation in names.
 */
import { expect, test } from 'vitest';
import { build, entries, list, lists, names } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { ownName } from '../../../extension/content/document/names.ts';

test('a legend\'s hint ("Required", "Choose up to 3") and a label\'s "(optional)" are no part of names', () => {
  const doc = build(`<form><h2>Delivery</h2>
    <label for="e">Email <span class="opt">(optional)</span></label><input id="e">
    <label for="p">Phone <span class="req">Required</span></label><input id="p">
    <fieldset><legend>Crust <em>Required</em></legend><label><input type="radio" name="c"> Thin</label><label><input type="radio" name="c"> Thick</label></fieldset></form>
    <form><h2>Pizza</h2><fieldset><legend>Extras <span class="hint">Choose up to 3</span></legend>
      ${['Olives', 'Mushrooms', 'Anchovies'].map((n) => `<label><input type="checkbox"> <span class="n">${n}</span> <span class="p">+$1.00</span></label>`).join('')}</fieldset></form>`);
  expect(names(doc)).toEqual(['delivery__email', 'delivery__phone', 'delivery__crust_thin', 'delivery__crust_thick', 'pizza__extras']);
  const sauce = build('<form><h2>Order</h2><fieldset><legend>Sauce (choose one)</legend><label><input type="radio" name="s"> Red</label><label><input type="radio" name="s"> White</label></fieldset></form>');
  expect(names(sauce)).toEqual(['order__sauce_red', 'order__sauce_white']);
  // The name holds the label but for its mark: no label beside it.
  expect(renderDocument(doc)).toContain('$delivery__email text_input\n');
  // A label that says it (not a mark) keeps it: "Is this required" is what the box asks.
  const asked = build('<form><h2>Q</h2><label for="q">Is a visa required</label><input id="q"></form>');
  expect(names(asked)).toContain('q__is_a_visa_required');
});

test('a form with no heading whose first field is a choice is named by the choice\'s group, not its first option', () => {
  const doc = build(`<form><fieldset><legend>Size</legend><label><input type="radio" name="s"> Small</label><label><input type="radio" name="s"> Big</label></fieldset><button>Go</button></form>`);
  expect(doc.sections.map((section) => section.name)).toEqual(['size_form']);
});

const tx = (payee: string, amount: string) => `<li><span class="payee">${payee}</span> <span class="amt">${amount}</span></li>`;

test('rows of data with no control (transactions in a `ul`, an activity feed) are a read-only list of their parts', () => {
  const doc = build(`<main><h1>Account</h1><ul class="tx">${tx('Shop A', '−$5.00')}${tx('Shop B', '+$7.00')}${tx('Shop C', '−$9.00')}</ul>
    <section aria-label="Recent activity"><div class="feed">${['Ana', 'Ben', 'Cho'].map((who, i) => `<div class="feed-item"><span class="feed-item__who">${who}</span>
      <span class="feed-item__what">opened issue #${i}</span><time class="feed-item__when" datetime="2024-03-01">${i + 2}h ago</time></div>`).join('')}</div></section></main>`);
  expect(list(doc, 'account__tx')).toMatchObject({ count: 3, fields: ['payee', 'amt'], actions: [] });
  expect(list(doc, 'account__tx').samples[1]).toEqual({ payee: 'Shop B', amt: '+$7.00' });
  const feed = lists(doc).find((found) => found.fields.includes('who'))!;
  expect(feed).toMatchObject({ count: 3, fields: ['who', 'what', 'when'] });
});

test('an order summary of two line items is a list; two blocks side by side outside a list element are not', () => {
  const item = (qty: string, title: string, price: string) => `<li class="line-item"><span class="line-item__qty">${qty}</span><p class="line-item__title">${title}</p><span class="line-item__price">${price}</span></li>`;
  const doc = build(`<aside aria-label="Order summary"><ul class="line-items">${item('1', 'Trail Runner 3', '€129.00')}${item('2', 'Socks', '€36.00')}</ul><a href="/cart">Edit cart</a></aside>`);
  expect(lists(doc)).toMatchObject([{ count: 2, fields: ['qty', 'title', 'price'] }]);
  const two = build(`<main><h1>Team</h1><div class="people">${['Ana', 'Ben'].map((n) => `<div class="person"><span class="person__name">${n}</span><span class="person__role">Dev ${n}</span></div>`).join('')}</div></main>`);
  expect(lists(two)).toEqual([]);
});

test('no rows of data from prose, bullet points, links, nor items all alike', () => {
  const bullets = build(`<main><h1>Guide</h1><ul>${[1, 2, 3].map((i) => `<li><strong>Step ${i}:</strong> do thing ${i}</li>`).join('')}</ul></main>`);
  expect(lists(bullets)).toEqual([]);
  const prose = build(`<main><h1>Notes</h1><ul>${[1, 2, 3].map((i) => `<li class="note"><span class="note__who">Ann ${i}</span><span class="note__text">${'A long note that runs on. '.repeat(14)}</span></li>`).join('')}</ul></main>`);
  expect(lists(prose)).toEqual([]);
  const same = build(`<main><h1>Plans</h1><ul>${[1, 2, 3].map(() => '<li class="p"><span class="p__a">Free</span><span class="p__b">Always</span></li>').join('')}</ul></main>`);
  expect(lists(same)).toEqual([]);
  const linked = build(`<main><h1>News</h1><ul>${[1, 2, 3].map((i) => `<li class="n"><a href="/n/${i}" class="n__title">Story ${i}</a><span class="n__by">By ${i}</span></li>`).join('')}</ul></main>`);
  expect(lists(linked)[0]!.actions).not.toEqual([]);
});

test('a switch in each row reads its state, not the words inside it ("On" in every switch)', () => {
  const row = (id: string, label: string, on: boolean, says = 'On') => `<div class="setting-row"><span class="setting-row__label" id="${id}">${label}</span>
    <button role="switch" aria-checked="${on}" aria-labelledby="${id}"><span class="knob">${says}</span></button></div>`;
  const doc = build(`<main><section aria-labelledby="h"><h2 id="h">Email notifications</h2>${row('a', 'Weekly digest', true)}${row('b', 'Mentions', false)}${row('c', 'Product updates', false, '')}</section></main>`);
  const [settings] = lists(doc);
  expect(settings!.fields).toEqual(['label']);
  expect(settings!.samples.map((sample) => sample.switch)).toEqual(['true', 'false', 'false']);
});

test('a sort header\'s screen-reader state before its arrow is no part of its name', () => {
  const doc = build(`<main><h1>Orders</h1><table aria-label="Orders"><thead><tr><th aria-sort="descending"><button class="sort">Order <span class="sr-only">sorted descending</span>▼</button></th>
    <th><button class="sort">Date</button></th><th>Total</th></tr></thead><tbody>${[1, 2, 3].map((i) => `<tr><td>#${i}</td><td>Mar ${i}</td><td>$${i}0</td></tr>`).join('')}</tbody></table></main>`);
  expect(names(doc)).toContain('orders__order_button');
});

test('the open conversation\'s title in a label names nothing: the log, its composer; the log is not read twice', () => {
  const doc = build(`<aside aria-label="Conversations"><ul role="listbox" aria-label="Chats">
    <li role="option" aria-selected="true"><span class="conv__name">Design team</span> <span class="conv__preview">Mockups pushed</span></li>
    <li role="option" aria-selected="false"><span class="conv__name">Carlos Ruiz</span> <span class="conv__preview">See you</span></li>
    <li role="option" aria-selected="false"><span class="conv__name">Mom</span> <span class="conv__preview">Call at 7</span></li></ul></aside>
    <main><h1>Design team</h1><div class="messages" role="log" aria-label="Messages in Design team">
    ${[['Mia', 'Pushed'], ['Jo', 'Nice'], ['Mia', 'Link']].map(([who, text]) => `<div class="msg"><div class="msg__author">${who}</div><div class="msg__text">${text}</div></div>`).join('')}</div>
    <form class="composer"><div contenteditable="true" role="textbox" aria-label="Message Design team"></div><button type="submit">Send</button></form></main>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['main__messages', 'composer_form__message']));
  expect(entries(doc).filter((entry) => entry.kind === 'message')).toEqual([]);
  // A label that only is the title keeps it.
  const only = build(`<ul role="listbox" aria-label="Chats"><li role="option" aria-selected="true">Design team</li><li role="option">Mom</li></ul><button aria-label="Call Design team">📞</button>`);
  expect(names(only)).toContain('page__call_button');
});

test('a logo\'s alt said again by the words beside it is said once (samples, names); "TAP TAPE" stays', () => {
  const card = (airline: string, price: string) => `<li class="card"><div class="card__airline"><img src="x.gif" alt="${airline}"> ${airline}</div><div class="card__price">${price}</div><button>Select</button></li>`;
  const doc = build(`<header><a href="/" class="brand"><img src="x.gif" alt="Pagely">Pagely Docs</a></header><main><h1>Flights</h1><ul class="results">${card('Lufthansa', '€214')}${card('TAP', '€289')}${card('Ryanair', '€149')}</ul>
    <p><a href="/t"><img src="x.gif" alt="TAP"> TAPE</a></p></main>`);
  expect(lists(doc)[0]!.samples.map((sample) => sample.airline)).toEqual(['Lufthansa', 'TAP', 'Ryanair']);
  expect(names(doc)).toEqual(expect.arrayContaining(['header__pagely_docs_link', 'flights__tap_tape_link']));
});

test('a choice drawn as a card is named by its title, its description and price only described', () => {
  const option = (value: string, title: string, desc: string, price: string) => `<label class="radio-card"><input type="radio" name="ship" value="${value}">
    <span class="radio-card__body"><span class="radio-card__title">${title}</span><span class="radio-card__desc">${desc}</span></span><span class="radio-card__price">${price}</span></label>`;
  const doc = build(`<form action="/ship"><fieldset><legend>Shipping method</legend>${option('std', 'Standard', '5–7 business days', 'Free')}${option('nd', 'Next day', 'Order before 2 pm', '€19.00')}</fieldset>
    <label><input type="checkbox" name="terms"> I agree to the <strong>Terms</strong></label><button>Continue</button></form>`);
  expect(names(doc)).toEqual(['ship_form__shipping_method_standard', 'ship_form__shipping_method_next_day', 'ship_form__i_agree', 'ship_form__continue_button']);
  expect(renderDocument(doc)).toContain('$ship_form__shipping_method_next_day radio "Next day Order before 2 pm €19.00"');
});

test('rows whose buttons differ only by their look are one action; a picture button\'s label naming its row is no field', () => {
  const row = (title: string, look: string, verb: string) => `<div class="setting-row"><div><strong>${title}</strong><p>About ${title}.</p></div><button class="${look}">${verb}</button></div>`;
  const doc = build(`<main><section class="card danger" aria-labelledby="dz"><h2 id="dz">Danger zone</h2>${row('Transfer ownership', 'btn-outline', 'Transfer')}${row('Export data', 'btn-outline', 'Export')}${row('Delete account', 'btn-danger', 'Delete')}</section></main>`);
  const [zone] = lists(doc);
  expect(zone!.name).toBe('danger_zone__items');
  expect(zone!.actions).toEqual(['button']);
  expect(zone!.samples[2]).toMatchObject({ button: 'Delete' });
  const order = (n: string) => `<tr><td><a href="/o/${n}">#${n}</a></td><td>Ann ${n}</td><td><button aria-label="Edit order #${n}"><svg aria-hidden="true"></svg></button></td></tr>`;
  const orders = build(`<main><h1>Orders</h1><table><thead><tr><th>Order</th><th>Customer</th><th></th></tr></thead><tbody>${order('1042')}${order('1041')}${order('1040')}</tbody></table></main>`);
  expect(lists(orders)[0]).toMatchObject({ fields: ['order', 'customer'], actions: ['order', 'edit_order'] });
});

test('a name cut short does not end on the word that linked it to what was cut ("to", "the", "your"); a particle stays', () => {
  const doc = build(`<main><h1>Trip</h1><button>Send directions to your phone</button><a href="/w">What happens to the wellies?</a>
    <a href="/login">Sign in to your account</a><a href="/p">Powered by</a></main>`);
  expect(names(doc)).toEqual(['trip__send_directions_button', 'trip__what_happens_link', 'trip__sign_in_link', 'trip__powered_by_link']);
});

test('a pager\'s link is named by its word, not the title of the page it goes to', () => {
  const link = (dir: string, href: string, title: string) => `<a class="pager__link" href="${href}"><div class="pager__sublabel">${dir}</div><div class="pager__label">${title}</div></a>`;
  const doc = build(`<main><article><h1>Authentication</h1><p>Text.</p><nav aria-label="Docs pages">${link('Previous', '/docs/quickstart', 'Quickstart')}${link('Next', '/docs/pagination', 'Pagination')}</nav></article></main>`);
  expect(names(doc)).toEqual(['docs_pages__previous_link', 'docs_pages__next_link']);
  // A link whose words start with "Next" in running words keeps them.
  const running = build('<main><h1>A</h1><a href="/n">Next steps for teams</a></main>');
  expect(names(running)).toEqual(['a__next_steps_for_teams_link']);
});

// Review, session 57: the first cut's false positives and losses.
test('rows of data: a row with another state class is still a row; a box in a cell or in another box\'s row is no list', () => {
  const invoice = (no: string, state: string) => `<li class="invoice ${state.toLowerCase()}"><span class="inv-no">${no}</span><span class="inv-status">${state}</span></li>`;
  const doc = build(`<main><h1>Invoices</h1><ul>${invoice('INV-101', 'Paid')}${invoice('INV-102', 'Overdue')}${invoice('INV-103', 'Paid')}${invoice('INV-104', 'Paid')}</ul></main>`);
  expect(lists(doc)).toMatchObject([{ count: 4 }]);
  expect(lists(doc)[0]!.samples[1]).toEqual({ inv_no: 'INV-102', inv_status: 'Overdue' });
  const member = (name: string, role: string) => `<li class="m"><span class="m__name">${name}</span><span class="m__role">${role}</span></li>`;
  const cells = build(`<main><h1>Teams</h1><table><thead><tr><th>Team</th><th>Members</th></tr></thead><tbody>
    ${['Alpha', 'Beta', 'Gamma'].map((team) => `<tr><td>${team}</td><td><ul>${member('Ann', 'Lead')}${member('Bob', 'Dev')}</ul></td></tr>`).join('')}</tbody></table></main>`);
  expect(lists(cells)).toMatchObject([{ count: 3, fields: ['team', 'members'] }]);
  const line = (name: string, qty: string) => `<li class="li"><span class="li__name">${name}</span><span class="li__qty">${qty}</span></li>`;
  const orders = build(`<main><h1>Orders</h1><div class="orders">${['1001', '1002', '1003'].map((id, i) => `<div class="order"><span class="order__id">#${id}</span><ul class="lines">${line(`Socks ${i}`, `${i + 2}`)}${line(`Hat ${i}`, '1')}</ul></div>`).join('')}</div></main>`);
  expect(lists(orders)).toHaveLength(1);
});

test('toasts read as a list are no messages too', () => {
  const doc = build(`<main><h1>Dashboard</h1><button>Refresh</button><div class="toasts" aria-live="polite">
    ${[['Saved', 'Your draft was saved.'], ['Upload failed', 'photo.png is too large.'], ['Synced', '3 files synced.']].map(([title, body]) => `<div class="toast" role="status"><strong class="toast__title">${title}</strong><p class="toast__body">${body}</p></div>`).join('')}</div></main>`);
  expect(lists(doc)).toMatchObject([{ count: 3, fields: ['title', 'body'] }]);
  expect(entries(doc).filter((entry) => entry.kind === 'message')).toEqual([]);
});

test('only an item chosen by ARIA, by two words or all its words, leaves labels; a choice\'s "required" and a priced bold stay', () => {
  const classed = build(`<main><h1>Settings</h1><ul class="list-group"><li class="active">Account</li><li>Billing</li></ul><ul class="filters"><li class="active">All</li><li>Unread</li></ul>
    <button>Delete account</button><label><input type="checkbox"> Select all</label></main>`);
  expect(names(classed)).toEqual(expect.arrayContaining(['settings__delete_account_button', 'settings__select_all']));
  const aria = build(`<ul role="listbox" aria-label="Chats"><li role="option" aria-selected="true">Account settings</li><li role="option">Mom</li></ul><main><h1>A</h1><button>Delete account</button></main>`);
  expect(names(aria)).toContain('a__delete_account_button');
  const marks = build(`<form><h2>Field</h2><fieldset><legend>Validation</legend><label><input type="radio" name="v"> Make field required</label><label><input type="radio" name="v"> Make field optional</label></fieldset>
    <label><input type="checkbox"> Signature required</label>
    <fieldset><legend>Shipping</legend><label><input type="radio" name="s"><strong>$5.99</strong> Standard shipping</label><label><input type="radio" name="s"><strong>$9.99</strong> Express</label></fieldset></form>`);
  expect(names(marks)).toEqual(['field__validation_make_field_required', 'field__validation_make_field_optional', 'field__signature_required',
    'field__shipping_standard_shipping', 'field__shipping_express']);
});

test('after a build, a name is read with the items chosen now (the executor checks names as the user opens another chat)', () => {
  build(`<ul role="listbox" aria-label="Chats"><li role="option" aria-selected="true">Design team</li><li role="option" aria-selected="false">Mom</li></ul>
    <form class="composer"><div contenteditable="true" role="textbox" aria-label="Message Design team"></div><button>Send</button></form>`);
  const [design, mom] = Array.from(document.querySelectorAll('[role=option]'));
  design!.setAttribute('aria-selected', 'false');
  mom!.setAttribute('aria-selected', 'true');
  const box = document.querySelector('[role=textbox]')!;
  box.setAttribute('aria-label', 'Message Mom');
  expect(ownName(box, 'editable', 'Message Mom')).toBe('message');
});
