// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { slotElement } from '../../../extension/content/document/lists.ts';
import { resolveLocators } from '../../../extension/content/document/locators.ts';
import { build, entries, list, names } from './helpers.ts';

const row = (from: string, subject: string, date: string, unread = false) => `
  <li class="message${unread ? ' unread' : ''}"><input type="checkbox" aria-label="Select message from ${from}">
    <button type="button" class="open"><span class="sender">${from}</span><span class="subject">${subject}</span><time class="date">${date}</time></button>
    <button type="button">Archive</button></li>`;
const inbox = (rows: string) => `
  <nav aria-label="Folders"><ul><li><a href="#inbox">Inbox</a></li><li><a href="#sent">Sent</a></li><li><a href="#trash">Trash</a></li></ul></nav>
  <section aria-label="Inbox"><button>Refresh</button><ul aria-label="Messages">${rows}</ul><button>Load more</button></section>`;
const ROWS = [
  ['Maya Chen', 'Quarterly report', '2026-11-24', true], ['The Weekly Byte', 'Newsletter', '2026-11-23', false],
  ['Jonas Berg', 'Lunch on Thursday?', '2026-11-22', false], ['Bank', 'Statement ready', '2026-11-20', true],
  ['Priya', 'Trip photos', '2026-10-30', false],
] as const;

describe('lists', () => {
  test('repeated rows become one list with count, fields, actions and three samples', () => {
    const doc = build(inbox(ROWS.map(([f, s, d, u]) => row(f, s, d, u)).join('')));
    expect(names(doc)).toEqual(['folders__inbox_link', 'folders__sent_link', 'folders__trash_link', 'inbox__refresh_button',
      'inbox__messages', 'inbox__load_more_button']);
    const messages = list(doc, 'inbox__messages');
    expect(messages).toMatchObject({ count: 5, description: 'Messages', fields: ['sender', 'subject', 'date'], actions: ['select_message', 'open', 'archive'] });
    expect(messages.samples).toEqual([
      { sender: 'Maya Chen', subject: 'Quarterly report', date: '2026-11-24', select_message: 'false' },
      { sender: 'The Weekly Byte', subject: 'Newsletter', date: '2026-11-23', select_message: 'false' },
      { sender: 'Jonas Berg', subject: 'Lunch on Thursday?', date: '2026-11-22', select_message: 'false' },
    ]);
    // The slots find the same parts in every item, and the locators find the list.
    const container = resolveLocators(document, messages.locators)!;
    expect(container.getAttribute('aria-label')).toBe('Messages');
    const items = Array.from(container.querySelectorAll(messages.itemSelector));
    expect(items).toHaveLength(5);
    const archive = messages.slots.find((s) => s.name === 'archive')!;
    const subject = messages.slots.find((s) => s.name === 'subject')!;
    items.forEach((item, i) => {
      expect(slotElement(item, archive.selector)?.textContent).toBe('Archive');
      expect(slotElement(item, subject.selector)?.textContent).toBe(ROWS[i]![1]);
    });
  });

  test('a short menu of single links stays as separate elements; a long one becomes a list', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const links = (n: number) => Array.from({ length: n }, (_, i) => `<li><a href="/tag/t${i}">${words[i % 8]} ${i}</a></li>`).join('');
    const short = build(`<nav aria-label="Tags"><ul>${links(5)}</ul></nav>`);
    expect(entries(short).map((e) => e.kind)).toEqual(['link', 'link', 'link', 'link', 'link']);
    const long = build(`<nav aria-label="Tags"><ul>${links(40)}</ul></nav>`);
    expect(names(long)).toEqual(['tags__items']);
    expect(list(long, 'tags__items')).toMatchObject({ count: 40, actions: ['link'], fields: ['link'] });
  });

  test('product cards with headings and prices', () => {
    const card = (name: string, price: string) => `<div class="card"><h3 class="title">${name}</h3><span class="price">${price}</span><a href="/p/${name.toLowerCase()}">View</a><button>Add to cart</button></div>`;
    const doc = build(`<main><h2>Products</h2><div class="grid">${card('Lamp', '$20')}${card('Chair', '$45')}${card('Desk', '$120')}${card('Rug', '$60')}</div></main>`);
    const products = list(doc, 'products__grid');
    expect(products).toMatchObject({ count: 4, fields: ['title', 'price'], actions: ['view', 'add_to_cart'] });
    expect(products.samples[1]).toEqual({ title: 'Chair', price: '$45' });
  });
});

describe('what is not a list', () => {
  test('links in running text become their landmark\'s links list, not a list of paragraphs; card titles do not start sections', () => {
    const para = (i: number) => `<p>Intro ${i} is a longer sentence with <a href="/a${i}">alpha ${i}</a> and also <a href="/b${i}">beta ${i}</a> in it.</p>`;
    const card = (name: string) => `<div class="card"><h3>${name}</h3><a href="/p/${name}">View</a><button>Buy</button></div>`;
    const doc = build(`<main><h2>Story</h2>${para(1)}${para(2)}${para(3)}${para(4)}
      <h2>Shop</h2><div class="cards">${card('Lamp')}${card('Desk')}${card('Rug')}</div><button>Checkout</button></main>`);
    expect(entries(doc).filter((e) => e.kind === 'link')).toHaveLength(0);
    expect(list(doc, 'main__text_links')).toMatchObject({ count: 8, description: 'links in the text', actions: ['link'] });
    expect(list(doc, 'main__text_links').samples.map((s) => s.link)).toEqual(['alpha 1', 'beta 1', 'alpha 2', 'beta 2', 'alpha 3', 'beta 3', 'alpha 4', 'beta 4']);
    // A link that is most of its paragraph is not running text.
    const short = build('<main><p><a href="/x">Read the whole story</a></p><p>See <a href="/y">more</a>.</p></main>');
    expect(names(short)).toEqual(['main__read_the_whole_story_link', 'main__more_link']);
    expect(names(doc)).toEqual(expect.arrayContaining(['shop__cards', 'shop__checkout_button']));
    expect(list(doc, 'shop__cards')).toMatchObject({ count: 3, actions: ['view', 'buy'] });
  });

  test('paragraph-long list items and a nested table of contents are not lists of things', () => {
    const long = (i: number) => `<li><strong>Point ${i}</strong>: ${'a sentence that goes on and on about the topic at hand, '.repeat(8)} see <a href="/r${i}">reference ${i}</a>.</li>`;
    const prose = build(`<main><h2>Notes</h2><ul>${long(1)}${long(2)}${long(3)}</ul></main>`);
    expect(entries(prose).some((e) => e.kind === 'list' && e.name !== 'main__text_links')).toBe(false);
    expect(list(prose, 'main__text_links').count).toBe(3);
    const toc = (i: number) => `<li><a href="/t${i}">Part ${i}</a><ul><li><a href="/t${i}a">Setup ${i}</a></li><li><a href="/t${i}b">Example ${i}</a></li><li><a href="/t${i}c">Details ${i}</a></li></ul></li>`;
    const tree = build(`<nav aria-label="Contents"><ul>${toc(1)}${toc(2)}${toc(3)}</ul></nav>`);
    expect(names(tree)).toEqual(['contents__links']);
    expect(list(tree, 'contents__links').count).toBe(12);
  });

  test('seven or more links of their own in any section are one menu list', () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `<a href="/m${i}">Menu ${i}</a> `).join('');
    expect(names(build(`<div>${links(7)}</div>`))).toEqual(['page__links']);
    expect(names(build(`<div>${links(6)}</div>`))).toHaveLength(6);
  });

  test("a dialog's form is the dialog's section", () => {
    const doc = build(`<dialog open aria-label="New event"><form method="dialog"><h2>Create</h2><input aria-label="Title"><button>Save</button></form></dialog>`);
    expect(doc.sections.map((s) => [s.name, s.kind])).toEqual([['new_event', 'dialog']]);
    expect(entries(doc).find((e) => e.name === 'new_event__save_button')).toMatchObject({ effect: 'submits new_event and closes the dialog' });
  });
});

test('a second build sees the DOM as it is now (no stale structure from the first)', () => {
  const rows = Array.from({ length: 4 }, (_, i) => `<li><span class="who">P${i}</span><button>Go</button></li>`).join('');
  const before = build(`<ul aria-label="People">${rows}</ul>`);
  expect(list(before, 'page__people').slots.find((s) => s.name === 'who')?.selector).toBe(':scope > span.who');
  for (const span of Array.from(document.querySelectorAll('span.who'))) span.className = 'person';
  const after = build();
  expect(list(after, 'page__people').slots.find((s) => s.name === 'person')?.selector).toBe(':scope > span.person');
});

test('form rows (a label and one field each, repeated) stay fields of the form, not a list', () => {
  const rows = ['Full name', 'Email', 'Phone', 'City'].map((label, i) =>
    `<div class="row"><label for="f${i}">${label}</label><input id="f${i}"></div>`).join('');
  const wrapped = ['Company', 'Quantity', 'Notes'].map((label) => `<div class="row"><label>${label} <input></label></div>`).join('');
  const doc = build(`<form aria-label="Shipping"><h2>Shipping</h2>${rows}${wrapped}<button>Send</button></form>`);
  expect(entries(doc).some((e) => e.kind === 'list')).toBe(false);
  expect(names(doc)).toEqual(['shipping__full_name', 'shipping__email', 'shipping__phone', 'shipping__city', 'shipping__company',
    'shipping__quantity', 'shipping__notes', 'shipping__send_button']);
  // Rows of items that each carry one field and more (a cart with quantities) are still a list.
  const cart = Array.from({ length: 3 }, (_, i) => `<li><span class="name">Item ${i}</span><input aria-label="Quantity ${i}"><button>Remove</button></li>`).join('');
  expect(list(build(`<ul aria-label="Cart">${cart}</ul>`), 'page__cart').count).toBe(3);
});

test('form rows with a box or a range among the text fields stay fields (a sign-in with Remember me); a checklist is still a list', () => {
  const signIn = build(`<form aria-label="Sign in" method="post" action="/login"><label>Email <input type="email"></label>
    <label>Password <input type="password"></label><label><input type="checkbox"> Remember me</label><button>Sign in</button></form>`);
  expect(entries(signIn).some((e) => e.kind === 'list')).toBe(false);
  expect(names(signIn)).toEqual(['sign_in__email', 'sign_in__password', 'sign_in__remember_me', 'sign_in__sign_in_button']);
  expect(entries(signIn).find((e) => e.name === 'sign_in__password')).toMatchObject({ sensitive: true });
  const booking = build(`<form aria-label="Booking">${['<label>Guests <input type="number"></label>', '<label>Date <input type="date"></label>',
    '<label>Time <input type="time"></label>', '<label>Budget <input type="range"></label>', '<label><input type="checkbox"> I agree</label>']
    .map((row) => `<div class="row">${row}</div>`).join('')}<button>Book</button></form>`);
  expect(entries(booking).some((e) => e.kind === 'list')).toBe(false);
  expect(names(booking)).toEqual(['booking__guests', 'booking__date', 'booking__time', 'booking__budget', 'booking__i_agree', 'booking__book_button']);
  const toppings = ['Cheese', 'Ham', 'Olives', 'Peppers', 'Onions'].map((t) => `<li><label><input type="checkbox"> ${t}</label></li>`).join('');
  const checklist = build(`<form aria-label="Pizza"><ul aria-label="Toppings">${toppings}</ul><button>Order</button></form>`);
  expect(entries(checklist).filter((e) => e.kind === 'list').map((e) => e.name)).toEqual(['pizza__toppings']);
});

test('controls beside a list\'s rows are not swallowed by it: a form\'s buttons next to its label rows stay entries', () => {
  const boxes = ['Breakfast', 'Parking', 'Late checkout'].map((t) => `<label><input type="checkbox"> ${t}</label>`).join('');
  const doc = build(`<form aria-label="Extras">${boxes}<input type="button" value="More options"><input type="reset" value="Clear"><input type="submit" value="Save"></form>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['extras__more_options_button', 'extras__clear_button', 'extras__save_button']));
});

test('a big menu becomes one navigation links list; in-page anchors (a table of contents, ¶) one anchors list', () => {
  // Menus as sites nest them: groups under headings, links at different depths (no repeated sibling rows).
  const wrap = ['', '<span>', '<b>'];
  const menu = Array.from({ length: 12 }, (_, i) => `${i % 4 === 0 ? `<h3>Group ${i / 4}</h3>` : ''}${wrap[i % 3]}<a href="/c/${i}">Category ${i}</a>${wrap[i % 3]!.replace('<', '</')}`).join(' ');
  const small = ['Home', 'About', 'Blog'].map((t) => `<a href="/${t.toLowerCase()}">${t}</a>`).join(' ');
  const headings = Array.from({ length: 5 }, (_, i) => `<h2 id="s${i}">Part ${i} <a href="#s${i}">¶</a></h2><p>Text ${i}.</p>`).join('');
  const toc = Array.from({ length: 5 }, (_, i) => `<li><a href="#s${i}">Part ${i}</a></li>`).join('');
  const doc = build(`<header><nav aria-label="Site">${small}</nav></header><nav aria-label="Categories"><div>${menu}</div></nav>
    <main><ol class="toc">${toc}</ol>${headings}<a href="#missing">Not an anchor</a></main>`);
  const all = entries(doc);
  const menuList = all.find((e) => e.kind === 'list' && e.description === 'navigation links')!;
  expect(menuList).toMatchObject({ count: 12, samples: expect.arrayContaining([{ link: 'Category 0' }]) });
  const anchorList = all.find((e) => e.kind === 'list' && e.name.endsWith('__anchors'))!;
  expect(anchorList).toMatchObject({ count: 10, description: 'links to places on this page' });
  // The first links in order, repeated texts too: sample i is item i; a "¶" reads as its heading (wordless.ts).
  expect(anchorList.kind === 'list' && anchorList.samples.map((s) => s['link'])).toEqual(['Part 0', 'Part 1', 'Part 2', 'Part 3', 'Part 4', 'Part 0', 'Part 1', 'Part 2']);
  // Small menus keep their names; a hash link to nothing on the page is a route, not an anchor.
  expect(names(doc)).toEqual(expect.arrayContaining(['site__home_link', 'site__about_link', 'site__blog_link']));
  expect(names(doc).some((n) => n.includes('not_an_anchor'))).toBe(true);
});

test('an item holds at most 250 elements: three big look-alike blocks are no list, small ones are', () => {
  const block = (i: number, filler: number) => `<div class="panel"><h3>Panel ${i}</h3><button>Open ${i}</button><a href="/p/${i}">More ${i}</a>${'<span>x</span>'.repeat(filler)}</div>`;
  const small = build(`<main>${[1, 2, 3].map((i) => block(i, 10)).join('')}</main>`);
  expect(entries(small).some((e) => e.kind === 'list')).toBe(true);
  const big = build(`<main>${[1, 2, 3].map((i) => block(i, 260)).join('')}</main>`);
  expect(entries(big).some((e) => e.kind === 'list')).toBe(false);
  expect(names(big)).toContain('panel_1__open_1_button');
});

describe('list item selectors pick the items only', () => {
  test('a sponsored row of the same tag before the results is not item 0', () => {
    const doc = build(`<main><h2>Results</h2><div class="results">
      <div class="ad"><span>Sponsored</span></div>
      <div class="result"><a href="/p/1">Product 1</a><span>$1</span></div>
      <div class="result"><a href="/p/2">Product 2</a><span>$2</span></div>
      <div class="result"><a href="/p/3">Product 3</a><span>$3</span></div>
      <div class="result"><a href="/p/4">Product 4</a><span>$4</span></div></div></main>`);
    const results = doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list' && e.count === 4);
    expect(results).toBeDefined();
    const selector = (results as unknown as { itemSelector: string }).itemSelector;
    const container = document.querySelector('.results')!;
    const found = Array.from(container.querySelectorAll(selector));
    expect(found).toHaveLength(4);
    expect(found[0]!.textContent).toContain('Product 1');
  });
});
