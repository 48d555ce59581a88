// @vitest-environment happy-dom
/**
 * Data tables become lists (data-tables.ts): a `<table>` or role=table with a header row and two or more rows of cells,
 * read by a script through the list-item path the executor already has. Layout tables do not.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { itemsIn } from '../../../extension/content/document/list-items.ts';
import { slotElement } from '../../../extension/content/document/lists.ts';
import type { ListEntry } from '../../../extension/content/document/types.ts';
import { build, lists, names } from './helpers.ts';

const plansTable = `<table id="plans"><caption>Table 1: Plans and prices</caption>
  <thead><tr><th>Plan</th><th>Price</th><th>Seats</th></tr></thead>
  <tbody><tr><th scope="row">Basic</th><td>$10</td><td>1</td></tr><tr><th scope="row">Team</th><td>$30</td><td>5</td></tr>
  <tr><th scope="row">Business</th><td>$90</td><td>20</td></tr><tr><th scope="row">Enterprise</th><td>$400</td><td>100</td></tr></tbody></table>`;

/** What the executor reads: item `index` found by the list's selector (or paths), then the field's slot in it. */
function cell(list: ListEntry, index: number, field: string): string | undefined {
  const container = document.querySelector(list.locators.find((l) => l.by === 'css')!.value)!;
  const items = itemsIn(container, { selector: list.itemSelector, ...(list.itemPaths ? { paths: list.itemPaths } : {}) });
  const slot = list.slots.find((s) => s.name === field)!;
  return slotElement(items[index]!, slot.selector)?.textContent?.trim();
}

test('a data table is a list: its body rows the items, its column headers the fields, its caption the name', () => {
  const doc = build(`<main><h2>Pricing</h2>${plansTable}<button>Buy</button></main>`);
  const [plans] = lists(doc);
  expect(plans).toMatchObject({ name: 'pricing__plans_and_prices', count: 4, fields: ['plan', 'price', 'seats'], actions: [] });
  expect(plans!.samples).toEqual([{ plan: 'Basic', price: '$10', seats: '1' }, { plan: 'Team', price: '$30', seats: '5' }, { plan: 'Business', price: '$90', seats: '20' }]);
  // The executor's path: item 2's price, item 3's row header (a th in the body is a column like the others).
  expect(cell(plans!, 2, 'price')).toBe('$90');
  expect(cell(plans!, 3, 'plan')).toBe('Enterprise');
  expect(renderDocument(doc)).toContain('$pricing__plans_and_prices list(4) fields: plan, price, seats e.g. {plan: "Basic", price: "$10", seats: "1"}');
  // Placed where the table is: before the button after it.
  expect(names(doc)).toEqual(['pricing__plans_and_prices', 'pricing__buy_button']);
});

test('a header in the first row, a tfoot total and a group label across the table are no items', () => {
  const rows = [1, 2, 3].map((i) => `<tr><td>#${i}</td><td>$${i}.50</td></tr>`).join('');
  const doc = build(`<main><h2>Orders</h2><table><tr><th>Order</th><th>Amount</th></tr><tr><td colspan="2">March</td></tr>${rows}
    <tfoot><tr><td>Total</td><td>$7.50</td></tr></tfoot></table></main>`);
  const [orders] = lists(doc);
  expect(orders).toMatchObject({ count: 3, fields: ['order', 'amount'] });
  expect(orders!.samples[0]).toEqual({ order: '#1', amount: '$1.50' });
  expect([0, 1, 2].map((i) => cell(orders!, i, 'amount'))).toEqual(['$1.50', '$2.50', '$3.50']);
});

test('ARIA tables: role=table, rowgroups, columnheaders and cells', () => {
  const row = (cells: string[], role = 'cell') => `<div role="row">${cells.map((c) => `<span role="${role}">${c}</span>`).join('')}</div>`;
  const doc = build(`<main><div role="table" aria-label="Order history"><div role="rowgroup">${row(['Order', 'Amount', 'Date'], 'columnheader')}</div>
    <div role="rowgroup">${row(['#1', '$10.00', 'Jan 1'])}${row(['#2', '$20.00', 'Feb 1'])}${row(['#3', '$30.00', 'Mar 1'])}</div></div></main>`);
  const [orders] = lists(doc);
  expect(orders).toMatchObject({ name: 'main__order_history', count: 3, fields: ['order', 'amount', 'date'] });
  expect(cell(orders!, 1, 'amount')).toBe('$20.00');
});

test('field names: duplicates by the header above them, else numbered; no header: the position', () => {
  const body = [1, 2, 3].map((i) => `<tr><td><time datetime="2024-01-0${i}">Jan ${i}</time></td><td>${i}</td><td>${i + 1}</td><td>${i + 2}</td><td>${i + 3}</td><td>x${i}</td><td>y${i}</td><td>${i}</td><td>${2000 + i}</td></tr>`).join('');
  const doc = build(`<main><table><thead><tr><th rowspan="2"></th><th colspan="2">Score</th><th colspan="2">Rank</th><th rowspan="2">Note</th><th rowspan="2">Note</th><th rowspan="2">Index</th><th rowspan="2">2024</th></tr>
    <tr><th>Math</th><th>Art</th><th>Math</th><th>Art</th></tr></thead><tbody>${body}</tbody></table></main>`);
  const [table] = lists(doc);
  // `index` is the item's own (`item.index`); a name never starts with a digit (`item.2024` is no member).
  expect(table!.fields).toEqual(['column_1', 'score_math', 'score_art', 'rank_math', 'rank_art', 'note', 'note_2', 'index_2', 'col_2024']);
  expect(cell(table!, 2, 'rank_art')).toBe('6');
  const positional = build('<main><table><tr><th></th><th>Name</th><th>Role</th></tr><tr><td>1</td><td>Ada</td><td>a</td></tr><tr><td>2</td><td>Alan</td><td>b</td></tr></table></main>');
  expect(lists(positional)[0]!.fields).toEqual(['column_1', 'name', 'role']);
});

test('layout tables are no lists: no header cells, one column, tables in a table, a presentation role', () => {
  const stories = Array.from({ length: 4 }, (_, i) => `<tr><td>${i + 1}.</td><td>Story ${i} by u${i}</td></tr>`).join('');
  const cases = [
    // Hacker-News style: the page in a table, a table of rows without a header inside it.
    `<table><tr><td><table><tr><td><b>News</b></td></tr></table></td></tr><tr><td><table>${stories}</table></td></tr></table>`,
    '<table><tr><th>Name</th></tr><tr><td>Ada</td></tr><tr><td>Alan</td></tr></table>',
    '<table><tr><th>Name</th><th>Role</th></tr><tr><td><table><tr><td>x</td></tr></table></td><td>a</td></tr><tr><td>y</td><td>b</td></tr></table>',
    '<table role="presentation"><tr><th>Name</th><th>Role</th></tr><tr><td>Ada</td><td>a</td></tr><tr><td>Alan</td><td>b</td></tr></table>',
    // One row of data is no list; a body cell spanning rows makes columns no selector can follow.
    '<table><tr><th>Name</th><th>Role</th></tr><tr><td>Ada</td><td>a</td></tr></table>',
    '<table><tr><th>Year</th><th>Event</th></tr><tr><td rowspan="2">2020</td><td>A</td></tr><tr><td>B</td></tr><tr><td>2021</td><td>C</td></tr></table>',
    // Hidden.
    `<div hidden>${plansTable}</div>`,
  ];
  for (const html of cases) expect(lists(build(`<main>${html}</main>`)), html).toEqual([]);
});

test('rows with controls keep the list they had (its actions); sort buttons in the header take nothing from the table', () => {
  const users = [1, 2, 3, 4].map((i) => `<tr><td>U${i}</td><td>u${i}@example.org</td><td><button>Delete</button></td></tr>`).join('');
  const withButtons = lists(build(`<main><h2>Users</h2><table><thead><tr><th>Name</th><th>Email</th><th></th></tr></thead><tbody>${users}</tbody></table></main>`));
  expect(withButtons).toHaveLength(1);
  expect(withButtons[0]).toMatchObject({ name: 'users__items', fields: ['name', 'email'], actions: ['delete'] });
  const sortable = build(`<main><table><thead><tr><th><button>Plan</button></th><th><button>Price</button></th><th><button>Seats</button></th></tr></thead>
    <tbody>${[1, 2, 3].map((i) => `<tr><td>P${i}</td><td>$${i}</td><td>${i}</td></tr>`).join('')}</tbody></table></main>`);
  expect(lists(sortable)).toMatchObject([{ fields: ['plan', 'price', 'seats'], count: 3 }]);
  expect(names(sortable)).toEqual(expect.arrayContaining(['main__plan_button', 'main__price_button']));
});

test('a table in a hidden tab panel is a list of that tab\'s view', () => {
  const doc = build(`<main><div role="tablist"><button role="tab" id="t1" aria-selected="true">Summary</button><button role="tab" id="t2">Prices</button></div>
    <div role="tabpanel" aria-labelledby="t1"><p>Hello</p></div><div role="tabpanel" aria-labelledby="t2" hidden>${plansTable}</div></main>`);
  expect(lists(doc)).toEqual([]);
  const view = doc.views?.find((v) => v.via === 'main__prices_tab');
  expect(view?.sections.flatMap((s) => s.entries).map((e) => e.name)).toEqual(['main__plans_and_prices']);
});

test('a wide table: twelve columns at most are fields, and fewer rows are sampled (its tokens stay few)', () => {
  const head = Array.from({ length: 14 }, (_, c) => `<th>Col ${String.fromCharCode(65 + c)}</th>`).join('');
  const body = [1, 2, 3].map((r) => `<tr>${Array.from({ length: 14 }, (_, c) => `<td>${r}${c}</td>`).join('')}</tr>`).join('');
  const [wide] = lists(build(`<main><table><tr>${head}</tr>${body}</table></main>`));
  expect(wide!.fields).toHaveLength(12);
  expect(wide!.samples).toEqual([Object.fromEntries(wide!.fields.map((f, c) => [f, `1${c}`]))]);
  const [narrow] = lists(build(`<main>${plansTable}</main>`));
  expect(narrow!.samples).toHaveLength(3);
});

test('a column without a header is named by its place, not by what its cells hold (that changes with the rows)', () => {
  const page = (plain: boolean) => `<main><table><tr><th></th><th>Name</th><th>Role</th></tr>
    ${[1, 2, 3].map((i) => `<tr><td>${plain && i === 2 ? 'soon' : `<time datetime="2024-01-0${i}">Jan ${i}</time>`}</td><td>N${i}</td><td>R${i}</td></tr>`).join('')}</table></main>`;
  expect(lists(build(page(false)))[0]!.fields).toEqual(['column_1', 'name', 'role']);
  expect(lists(build(page(true)))[0]!.fields).toEqual(['column_1', 'name', 'role']);
});

test('a table that becomes a list, or goes, renames no other entry: it is numbered after them', () => {
  const todo = `<ul>${[1, 2, 3].map((i) => `<li><span>Task ${i}</span> <button>Delete</button></li>`).join('')}</ul>`;
  const page = (rows: number, caption = '') => `<main><table>${caption}<tr><th>Name</th><th>Role</th></tr>
    ${Array.from({ length: rows }, (_, i) => `<tr><td>N${i}</td><td>R${i}</td></tr>`).join('')}</table>
    <label>Table <input></label><ul aria-label="Orders">${[1, 2, 3].map((i) => `<li><a href="/o/${i}">Order ${i}</a> <button>Cancel</button></li>`).join('')}</ul>${todo}</main>`;
  const others = (doc: ReturnType<typeof build>) => names(doc).filter((name) => !lists(doc).some((l) => l.name === name && l.fields.includes('role')));
  const without = build(page(1));
  expect(lists(without).map((l) => l.name)).toEqual(['main__orders', 'main__items']);
  // An uncaptioned table is a `table` (`items` was a list of controls' name), after the text box so named.
  const bare = build(page(2));
  expect(others(bare)).toEqual(others(without));
  expect(names(bare)).toContain('main__table_2');
  // A captioned one named like a list of controls after it.
  const captioned = build(page(2, '<caption>Orders</caption>'));
  expect(others(captioned)).toEqual(others(without));
  expect(lists(captioned).map((l) => l.name)).toEqual(['main__orders_2', 'main__orders', 'main__items']);
});

test('a list of a table\'s rows with controls is named by the table\'s aria-label or labelledby, not its caption (the bundled script writer knows those as `items`)', () => {
  const rows = [1, 2, 3].map((i) => `<tr><td>U${i}</td><td><button>Remove</button></td></tr>`).join('');
  const head = '<thead><tr><th>User</th><th></th></tr></thead>';
  expect(lists(build(`<main><table aria-label="Team members">${head}<tbody>${rows}</tbody></table></main>`)).map((l) => l.name)).toEqual(['main__team_members']);
  expect(lists(build(`<main><p id="t">Blocked users</p><table aria-labelledby="t">${head}<tbody>${rows}</tbody></table></main>`)).map((l) => l.name)).toEqual(['main__blocked_users']);
  expect(lists(build(`<main><table><caption>Table 2. Admins</caption>${head}<tbody>${rows}</tbody></table></main>`)).map((l) => l.name)).toEqual(['main__items']);
});

test('header names: parts hidden from the eye by style and the words of a sort order are no part of them', () => {
  const page = (price: string, sort = 'none') => `<main><style>.hint { position: absolute; clip: rect(0 0 0 0); width: 1px; height: 1px; overflow: hidden }</style>
    <table><thead><tr><th aria-sort="${sort}">${price}</th><th>Plan</th></tr></thead>
    <tbody>${[1, 2, 3].map((i) => `<tr><td>$${i}</td><td>P${i}</td></tr>`).join('')}</tbody></table></main>`;
  const fields = (price: string, sort?: string) => lists(build(page(price, sort)))[0]!.fields;
  expect(fields('Price <span class="hint">activate to sort</span>')).toEqual(['price', 'plan']);
  expect(fields('Price <span style="position: absolute; left: -10000px">click to sort</span>')).toEqual(['price', 'plan']);
  expect(fields('Price <span>(sorted descending)</span>', 'descending')).toEqual(['price', 'plan']);
  // Visible words are kept, and a header without a sort state keeps all its words.
  expect(fields('Price <span>per seat</span>')).toEqual(['price_per_seat', 'plan']);
  expect(lists(build(page('Price <b>ascending</b>').replace(' aria-sort="none"', '')))[0]!.fields).toEqual(['price_ascending', 'plan']);
});

test('rows with controls: a column header that is a reserved name or hides words gets a field a script can use', () => {
  const rows = [1, 2, 3].map((i) => `<tr><td>${i}</td><td>C${i}</td><td>K${i}</td><td><button>Edit</button></td></tr>`).join('');
  const [list] = lists(build(`<main><table><thead><tr><th>Index</th><th>Constructor</th><th>Kind<span class="sr-only"> sortable</span></th><th></th></tr></thead>
    <tbody>${rows}</tbody></table></main>`));
  expect(list).toMatchObject({ fields: ['index_2', 'constructor_2', 'kind'], actions: ['edit'] });
});

// Session 35: a product's specifications, an infobox — rows of a label and its value, no header row — were no entry:
// "what does it weigh" could not be read.
test('a table of label/value rows is a list with fields label and value, found by its label', () => {
  const specs = `<table id="specs"><tr><th colspan="2">Tech specs</th></tr><tr><td colspan="2"><img alt="Laptop" src="x.png"></td></tr>
    <tr><th>Weight</th><td>1.2 kg</td></tr><tr><th>Battery</th><td>18 hours</td></tr><tr><th>Ports</th><td><a href="/ports">2 × USB-C</a></td></tr></table>`;
  const doc = build(`<main><h2>Laptop 13</h2>${specs}<button>Add to cart</button></main>`);
  const [table] = lists(doc);
  expect(table).toMatchObject({ name: 'laptop_13__tech_specs', count: 3, fields: ['label', 'value'], actions: [] });
  expect(table!.samples).toEqual([{ label: 'Weight', value: '1.2 kg' }, { label: 'Battery', value: '18 hours' }, { label: 'Ports', value: '2 × USB-C' }]);
  expect(cell(table!, 1, 'value')).toBe('18 hours');
  expect(cell(table!, 2, 'label')).toBe('Ports');
  // Two values a row (a comparison): value, value_2; ARIA row headers too.
  const row = (cells: Array<[string, string]>) => `<div role="row">${cells.map(([role, text]) => `<span role="${role}">${text}</span>`).join('')}</div>`;
  const compared = build(`<main><div role="table" aria-label="Compare">${row([['rowheader', 'Price'], ['cell', '$999'], ['cell', '$1,299']])}${row([['rowheader', 'Screen'], ['cell', '13"'], ['cell', '15"']])}</div></main>`);
  const [compare] = lists(compared);
  expect(compare).toMatchObject({ name: 'main__compare', count: 2, fields: ['label', 'value', 'value_2'] });
  expect(compare!.samples[1]).toEqual({ label: 'Screen', value: '13"', value_2: '15"' });
});

test('label/value rows around form fields, rows without a label, or labels among the values are no such list', () => {
  const form = build(`<main><form aria-label="Address"><table><tr><th><label for="n">Name</label></th><td><input id="n"></td></tr>
    <tr><th><label for="c">City</label></th><td><input id="c"></td></tr></table></form></main>`);
  expect(lists(form)).toEqual([]);
  expect(names(form)).toEqual(['address__name', 'address__city']);
  const unlabelled = build('<main><table><tr><th>Weight</th><td>1 kg</td></tr><tr><td>Battery</td><td>2 h</td></tr></table></main>');
  expect(lists(unlabelled)).toEqual([]);
  const mixed = build('<main><table><tr><th>Weight</th><th>1 kg</th></tr><tr><th>Battery</th><td>2 h</td></tr></table></main>');
  expect(lists(mixed)).toEqual([]);
  const one = build('<main><table><tr><th>Weight</th><td>1 kg</td></tr></table></main>');
  expect(lists(one)).toEqual([]);
});

// Session 35 (explorer, session 31): AO3's `<dl class="stats">` was in no entry, and "how many kudos" read the length of
// the kudos givers' list instead.
test('a description list of short label/value pairs is a list of its terms with fields label and value', () => {
  const stats = `<dl class="stats"><dt>Published:</dt><dd>2017-08-11</dd><dt>Words:</dt><dd>13,020</dd><dt>Chapters:</dt><dd>14/?</dd>
    <dt>Comments:</dt><dd>52</dd><dt>Kudos:</dt><dd>7142</dd><dt>Hits:</dt><dd>93,544</dd></dl>`;
  const doc = build(`<main><h2>Work</h2><dl class="meta"><dt>Rating:</dt><dd><a href="/r/g">General</a></dd><dt>Tags:</dt><dd><a href="/t/1">One</a>, <a href="/t/2">Two</a></dd>
    <dt>Stats:</dt><dd>${stats}</dd></dl></main>`);
  const pairs = lists(doc).filter((list) => list.fields.includes('label'));
  expect(pairs).toHaveLength(1); // not the meta list: a value there holds several links
  const [stat] = pairs;
  expect(stat).toMatchObject({ name: 'work__stats', count: 6, fields: ['label', 'value'], actions: [] });
  expect(stat!.samples).toHaveLength(6);
  expect(stat!.samples[4]).toEqual({ label: 'Kudos:', value: '7142' });
  expect(cell(stat!, 4, 'value')).toBe('7142');
  expect(cell(stat!, 1, 'label')).toBe('Words:');
  // Pairs wrapped in divs (HTML allows it) too.
  const wrapped = build('<main><dl aria-label="Details"><div><dt>Colour</dt><dd>Blue</dd></div><div><dt>Size</dt><dd>M</dd></div></dl></main>');
  expect(lists(wrapped)[0]).toMatchObject({ name: 'main__details', count: 2 });
  expect(cell(lists(wrapped)[0]!, 1, 'value')).toBe('M');
});

test('a glossary, a list whose values hold form fields, and a single pair are no such list', () => {
  const long = 'A definition that goes on for a good while, as a glossary explains a term in a sentence or two of prose.';
  expect(lists(build(`<main><dl><dt>SLO</dt><dd>${long}</dd><dt>SLI</dt><dd>${long}</dd></dl></main>`))).toEqual([]);
  expect(lists(build('<main><form><dl><dt>Name</dt><dd><input aria-label="Name"></dd><dt>City</dt><dd><input aria-label="City"></dd></dl></form></main>'))).toEqual([]);
  expect(lists(build('<main><dl><dt>Words</dt><dd>12</dd></dl></main>'))).toEqual([]);
});

test('a label/value table\'s foot rows are rows too: an order summary\'s total under its subtotal and taxes (explorer, session 51)', () => {
  const doc = build(`<aside aria-label="Order summary"><table class="total-line-table"><tbody><tr><th>Subtotal</th><td>$116.00</td></tr>
    <tr><th>Shipping</th><td>$4.90</td></tr><tr><th>Estimated taxes</th><td>$10.44</td></tr></tbody>
    <tfoot><tr><th>Total</th><td><span>USD</span> $131.34</td></tr></tfoot></table></aside>`);
  const [summary] = lists(doc);
  expect(summary!.count).toBe(4);
  expect(summary!.samples[3]).toEqual({ label: 'Total', value: 'USD $131.34' });
  expect(summary!.itemSelector).toBe(':scope > tbody > tr, :scope > tfoot > tr');
});
