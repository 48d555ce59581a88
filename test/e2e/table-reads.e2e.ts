import { describe, expect, test } from 'vitest';
import { envelope, sendFromPage } from './helpers.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import type { ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Data tables read as lists (content/document/data-tables.ts), in Chromium with the built extension, as known scripts
 * (no model call): a table without controls (plans and prices, an order history) was no entry at all, so "the price of
 * the 2nd plan" or "the sum of the amounts" could not be scripted. The page's frame, laid out in nested tables, is none.
 */

const app = useAppRig('tables/');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');

/** The list whose first sample shows `text` (list names are the page document's business). */
function listShowing(text: string): ListEntry {
  const found = lists().filter((list) => Object.values(list.samples[0] ?? {}).includes(text));
  expect(found, JSON.stringify(lists().map((l) => l.name))).toHaveLength(1);
  return found[0]!;
}

/** A known script run on the tables page (no model call); a confirmation asked is answered yes. */
async function run(script: string) {
  return outcomeOf((await runKnown(app.panel, app.tabId, script, { task: 'read the table' })).report);
}

describe('data tables as lists', () => {
  test('the document: one list per data table, fields from the headers; the layout tables none', () => {
    const plans = listShowing('Basic');
    expect(plans).toMatchObject({ count: 3, fields: ['plan', 'price', 'seats', 'support'], actions: [] });
    const orders = listShowing('#1001');
    // The tfoot's total is no order.
    expect(orders).toMatchObject({ count: 4, fields: ['order', 'date', 'amount', 'status'] });
    // The tags, each a chip with its remove glyph.
    expect(listShowing('billing')).toMatchObject({ count: 3, fields: ['tag'], actions: ['remove'] });
    expect(lists()).toHaveLength(3);
    // The column the page says it sorts by (aria-sort), and only where it says so (session 42).
    expect(plans.sortedBy).toEqual({ field: 'price', order: 'ascending' });
    expect(orders.sortedBy).toBeUndefined();
    // The frame's links stay entries.
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['page__home_link', 'page__help_link']));
  });

  test('a script reads a cell, counts the rows, finds a row by its text and sums a column', async () => {
    const plans = listShowing('Basic').name;
    const orders = listShowing('#1001').name;
    const read = await run(`const team = $${plans}.find("Team");
      const amounts = $${orders}.map((r) => parseFloat(r.amount.text().replace("$", "")));
      done({ price: $${plans}[1].price.text(), plans: $${plans}.length, seats: team ? team.seats.text() : null,
        total: amounts.reduce((a, b) => a + b, 0).toFixed(2), refunded: $${orders}.filter((r) => r.status.text() === "Refunded").map((r) => r.order.text()),
        row: $${plans}[2].text() })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { price: '$30', plans: 3, seats: '5', total: '79.74', refunded: ['#1003'] } });
    // The tfoot's totals row is a message of its own (session 55).
    const footer = await run('done($order_history__total.text())');
    expect(footer, JSON.stringify(footer)).toMatchObject({ status: 'done', result: 'Total $79.74' });
    expect((read.result as { row: string }).row).toMatch(/Business\s*\$90\s*20\s*Phone/);
  }, 120_000);

  // Explorer, session 43: a column the page hides (its cells' own style) was a field, and a chip read "react ×".
  test('a hidden column is no field and no part of a row\'s words; a chip reads its words without its remove glyph', async () => {
    const orders = listShowing('#1001').name;
    const tags = listShowing('billing').name;
    const read = await run(`const row = $${orders}[2].text();
      const before = $${tags}.map((t) => t.text());
      $${tags}.find("priority").remove.click();
      done({ row, status: $${orders}[2].status.text(), before, after: $${tags}.map((t) => t.tag.text()) })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { status: 'Refunded', before: ['billing', 'priority', 'export'], after: ['billing', 'export'] } });
    expect((read.result as { row: string }).row).not.toContain('int-');
  }, 120_000);

  test('a column the table does not have is a NotFound that names its fields', async () => {
    const plans = listShowing('Basic').name;
    const read = await run(`done($${plans}[0].cost.text())`);
    expect(read.status).toBe('failed');
    expect(read.failure?.name).toBe('NotFoundError');
    expect(read.failure?.message).toMatch(/fields: plan, price, seats, support/);
  }, 120_000);
  // Session 35: rows of a label and its value (a product's specifications) were refused as a layout table.
  test('a table of label/value rows is a list a script finds a value in by its label', async () => {
    await app.tab.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Laptop 13</h2>
      <table id="specs"><tr><th colspan="2">Tech specs</th></tr><tr><th>Weight</th><td>1.2 kg</td></tr>
      <tr><th>Battery</th><td>18 hours</td></tr><tr><th>Ports</th><td>2 × USB-C</td></tr></table></section>`));
    const reply = await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId })) as { ok: boolean; payload: PageDocument };
    app.doc = reply.payload;
    const specs = listShowing('Weight');
    expect(specs).toMatchObject({ name: 'laptop_13__tech_specs', count: 3, fields: ['label', 'value'] });
    const read = await run(`const row = $${specs.name}.find("Battery");
      done({ battery: row.value.text(), labels: $${specs.name}.map((r) => r.label.text()) })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { battery: '18 hours', labels: ['Weight', 'Battery', 'Ports'] } });
  }, 120_000);

  // Explorer, session 40: rows whose first cell is a link in some rows only were `link` (read "" where unlinked), and two
  // header rows named the columns `col_2019` and `text`.
  test('rows with a link in a cell: fields named by both header rows; the name read from its cell where it is no link', async () => {
    await app.tab.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Revenue by company</h2>
      <table id="revenue"><thead><tr><th rowspan="2">Company</th><th colspan="2">Revenue</th></tr><tr><th>2019</th><th>2020</th></tr></thead>
      <tbody><tr><td><a href="#acme">Acme</a></td><td>10</td><td>12</td></tr><tr><td>Globex</td><td>7</td><td>9</td></tr>
      <tr><td><a href="#initech">Initech</a></td><td>3</td><td>4</td></tr><tr><td><a href="#umbrella">Umbrella</a></td><td>5</td><td>6</td></tr></tbody></table></section>`));
    const reply = await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId })) as { ok: boolean; payload: PageDocument };
    app.doc = reply.payload;
    const revenue = listShowing('Acme');
    // Rows with links are a list of its controls (lists.ts; a table of 3 rows, 2 linked, is a data table: data-tables.ts, same names).
    expect(revenue).toMatchObject({ count: 4, fields: ['company', 'revenue_2019', 'revenue_2020'], actions: ['company'] });
    const read = await run(`done({ second: $${revenue.name}[1].company.text(), names: $${revenue.name}.map((r) => r.company.text()),
      grew: $${revenue.name}.filter((r) => Number(r.revenue_2020.text()) > Number(r.revenue_2019.text())).length })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { second: 'Globex', names: ['Acme', 'Globex', 'Initech', 'Umbrella'], grew: 4 } });
    const opened = await run(`$${revenue.name}[2].company.click(); done(1)`);
    expect(opened.status).toBe('done');
    expect(app.tab.url()).toMatch(/#initech$/);
  }, 120_000);

  // Explorer, session 44: a menu open in one row was slots of every row (`menu`, `menu_2`, `menu_3`).
  test('a row\'s open ⋮ menu is entries of its own that a script clicks', async () => {
    await app.tab.evaluate(() => {
      const menu = '<div role="menu"><div role="menuitem" tabindex="-1">Edit</div><div role="menuitem" tabindex="-1" class="cancel">Cancel order</div></div>';
      const rows = [['#1042', 'Ana'], ['#1041', 'Ben'], ['#1040', 'Chen']].map(([order, who], i) => `<tr><td>${order}</td><td>${who}</td><td class="state">Open</td>
        <td><button type="button" aria-label="Row actions" aria-haspopup="menu" aria-expanded="${i === 1}">⋮</button>${i === 1 ? menu : ''}</td></tr>`).join('');
      document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Open orders</h2><table id="open-orders"><thead><tr><th>Order</th><th>Customer</th><th>State</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`);
      document.querySelector('#open-orders .cancel')!.addEventListener('click', (event) => {
        (event.target as Element).closest('tr')!.querySelector('.state')!.textContent = 'Cancelled';
      });
    });
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names, JSON.stringify(names)).toEqual(expect.arrayContaining(['open_orders__edit_menuitem', 'open_orders__cancel_order_menuitem']));
    expect(names.filter((n) => /^open_orders__menu/.test(n))).toEqual([]);
    // Which row's menu it is (session 45): its items and the button that opened it say that row's words.
    const rows = app.doc.sections.flatMap((s) => s.entries).filter((e) => e.kind !== 'list' && e.row && /^open_orders__/.test(e.name));
    expect(rows.map((e) => [e.name, e.kind !== 'list' && e.row])).toEqual([['open_orders__row_actions_button', '#1042 Ana Open'],
      ['open_orders__row_actions_button_2', '#1041 Ben Open'], ['open_orders__edit_menuitem', '#1041 Ben Open'],
      ['open_orders__cancel_order_menuitem', '#1041 Ben Open'], ['open_orders__row_actions_button_3', '#1040 Chen Open']]);
    const outcome = await run('$open_orders__cancel_order_menuitem.click(); done(1)');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done' });
    expect(await app.tab.evaluate(() => Array.from(document.querySelectorAll('#open-orders .state'), (c) => c.textContent))).toEqual(['Open', 'Cancelled', 'Open']);
  }, 120_000);

  // Explorer, session 44: a table the page shows a page of ("1–3 of 23" in its pager) read as all there are.
  test('a pager\'s count of all the rows is said with the table', async () => {
    await app.tab.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Invoices</h2>
      <table id="invoices"><thead><tr><th>Invoice</th><th>Amount</th></tr></thead><tbody>
      <tr><td>INV-7</td><td>$5</td></tr><tr><td>INV-8</td><td>$6</td></tr><tr><td>INV-9</td><td>$7</td></tr></tbody></table>
      <div class="pager"><span>Rows per page: 3</span> <span>1–3 of 23</span> <button aria-label="Next page">›</button></div></section>`));
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    expect(listShowing('INV-7')).toMatchObject({ count: 3, countSaid: '1–3 of 23' });
    expect(lists().filter((l) => l.countSaid).map((l) => l.countSaid)).toEqual(['1–3 of 23']);
  }, 120_000);

  // Explorer, session 41: a table of two rows with a button each is a data table whose "Actions" cells are text; a
  // click on that field clicked the cell, which does nothing.
  test('a click on a cell field that holds one button clicks the button', async () => {
    await app.tab.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Team members</h2>
      <table id="team"><thead><tr><th>Name</th><th>Role</th><th>Actions</th></tr></thead><tbody>
      <tr><td>Eve</td><td>Editor</td><td><button type="button" onclick="this.closest('tr').children[1].textContent = 'Admin'">Promote</button></td></tr>
      <tr><td>Carl</td><td>Editor</td><td><button type="button" onclick="this.closest('tr').children[1].textContent = 'Admin'">Promote</button></td></tr></tbody></table></section>`));
    const reply = await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId })) as { ok: boolean; payload: PageDocument };
    app.doc = reply.payload;
    const team = listShowing('Eve');
    const read = await run(`$${team.name}.find("Carl").actions.click(); done($${team.name}.map((r) => r.role.text()))`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: ['Editor', 'Admin'] });
  }, 120_000);

  // Explorer, session 54: a bank's balances and a recipe's times, label/value pairs drawn with classed boxes, were in no entry.
  test('label/value pairs in classed boxes are a list a script finds a value in by its label', async () => {
    await app.tab.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Balances</h2>
      <div class="balance-summary"><div class="bal"><span class="bal__label">Available balance</span> <span class="bal__value">$4,218.77</span></div>
      <div class="bal"><span class="bal__label">Current balance</span> <span class="bal__value">$4,368.77</span></div></div>
      <div class="stats"><div class="stat"><div class="stat-value">17</div><div class="stat-label">Open tickets</div></div>
      <div class="stat"><div class="stat-value">48</div><div class="stat-label">Closed</div></div></div></section>`));
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    const balances = listShowing('Available balance');
    const stats = listShowing('Open tickets');
    expect(balances).toMatchObject({ count: 2, fields: ['label', 'value'], actions: [] });
    expect(stats.samples).toEqual([{ label: 'Open tickets', value: '17' }, { label: 'Closed', value: '48' }]);
    const read = await run(`done({ available: $${balances.name}.find("Available balance").value.text(), labels: $${balances.name}.map((b) => b.label.text()),
      closed: Number($${stats.name}.find("Closed").value.text()), second: $${stats.name}[1].text() })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { available: '$4,218.77', labels: ['Available balance', 'Current balance'], closed: 48 } });
    expect((read.result as { second: string }).second).toMatch(/48\s*Closed/);
  }, 120_000);
  // Explorer, session 55: a KPI's change drawn as "2.3%" in a `…--down` box, or beside an arrow icon, read without its
  // sign: a script could not tell a rise from a fall.
  test('a change whose sign is drawn (arrow icon, `--down` class) reads with its sign in the document and in .text()', async () => {
    await app.tab.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<section><h2>Key metrics</h2><div class="kpis">
      <div class="kpi"><div class="kpi__title">Users</div><div class="kpi__value">48,219</div><div class="kpi__delta kpi__delta--up">12.4%</div></div>
      <div class="kpi"><div class="kpi__title">Bounce rate</div><div class="kpi__value">41.7%</div><div class="kpi__delta"><svg class="icon-arrow-down"></svg>2.3%</div></div>
      <div class="kpi"><div class="kpi__title">Revenue</div><div class="kpi__value">$182,440</div><div class="kpi__delta">+5.9%</div></div></div></section>`));
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    const kpis = listShowing('Users');
    expect(kpis.samples.map((sample) => sample.delta)).toEqual(['+12.4%', '-2.3%', '+5.9%']);
    const read = await run(`done($${kpis.name}.filter((k) => k.delta.text().startsWith("-")).map((k) => k.label.text()))`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: ['Bounce rate'] });
  }, 120_000);

  // Explorer, session 55: a sold-out room (no select, a modifier class) split the room list; its "Sold out" was no field.
  test('a card that lacks the others\' select is one of their list, its flag read by a script', async () => {
    const room = (name: string, extra: string, inner: string) => `<div class="room-card${extra}"><h3 class="room-card__name">${name}</h3>${inner}<button type="button">Reserve</button></div>`;
    const select = (id: string) => `<label for="${id}" class="sr-only">Select rooms</label><select id="${id}"><option>0</option><option>1</option></select>`;
    // After the page's layout table: cards in its one cell are rows of that table's own (a small page's layout rows repeat).
    await app.tab.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), `<section><h2>Availability</h2><div class="room-list">
      ${room('Standard Double Room', '', select('r1'))}${room('Superior Twin Room', '', select('r2'))}${room('Junior Suite', ' room-card--soldout', '<p class="room-card__soldout">Sold out for your dates</p>')}</div></section>`);
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    const rooms = listShowing('Standard Double Room');
    expect(rooms.count).toBe(3);
    expect(app.doc.sections.map((section) => section.name)).not.toContain('junior_suite');
    const read = await run(`done($${rooms.name}.filter((r) => r.soldout.exists()).map((r) => r.name.text()))`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: ['Junior Suite'] });
  }, 120_000);

  // Explorer, session 56: rows of data with no control (an order summary's line items, transactions in a `ul`) were no
  // entry, while the same rows in a `<table>` were a list.
  test('rows with no control in a list element are a list a script reads, finds a row in and sums', async () => {
    const line = (qty: string, title: string, price: string) => `<li class="line-item"><span class="line-item__qty">${qty}</span>
      <p class="line-item__title">${title}</p><span class="line-item__price">${price}</span></li>`;
    await app.tab.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), `<aside aria-label="Order summary"><ul class="line-items">
      ${line('1', 'Trail Runner 3', '€129.00')}${line('2', 'Merino Crew Socks', '€36.00')}</ul><a href="/cart">Edit cart</a></aside>`);
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    const items = listShowing('Trail Runner 3');
    expect(items).toMatchObject({ count: 2, fields: ['qty', 'title', 'price'], actions: [] });
    const read = await run(`done({ socks: $${items.name}.find("Merino Crew Socks").price.text(),
      total: $${items.name}.map((i) => Number(i.price.text().replace("€", ""))).reduce((a, b) => a + b, 0) })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { socks: '€36.00', total: 165 } });
  }, 120_000);

  // Explorer, session 60: WordPress's posts table (wp-admin/edit.php) was a list of texts with no action at all (a row
  // had more controls than an item may), its row actions a list of 24 links, its hidden Quick Edit data in the title.
  test('WordPress\'s posts: a list whose row actions a script uses, hidden until hover; no hidden data read', async () => {
    const row = (id: number, title: string, state: string, author: string, tag: string) => `<tr id="post-${id}"><th scope="row" class="check-column"><input id="cb-select-${id}" type="checkbox" value="${id}"><label for="cb-select-${id}"><span class="screen-reader-text">Select ${title}</span></label></th>
      <td class="title column-title"><strong><a class="row-title" href="#edit-${id}" aria-label="“${title}” (Edit)">${title}</a>${state ? ` — <span class="post-state">${state}</span>` : ''}</strong>
      <div class="hidden" id="inline_${id}"><div class="post_title">${title}</div><div class="post_name">${title.toLowerCase().replace(/ /g, '-')}</div></div>
      <div class="row-actions"><span class="edit"><a href="#edit-${id}" aria-label="Edit “${title}”">Edit</a> | </span><span class="inline"><button type="button" class="editinline" aria-label="Quick edit “${title}” inline">Quick Edit</button> | </span><span class="trash"><a href="#trash-${id}" class="submitdelete" aria-label="Move “${title}” to the Trash" onclick="event.preventDefault(); this.closest('tr').remove()">Trash</a> | </span><span class="view"><a href="#view-${id}" aria-label="View “${title}”">View</a></span></div>
      <button type="button" class="toggle-row"><span class="screen-reader-text">Show more details</span></button></td>
      <td><a href="#author-${author}">${author}</a></td><td><a href="#cat-${tag}">${tag}</a></td><td><a href="#tag-${tag}">${tag}</a>, <a href="#tag-${id}">${title.split(' ')[0]}</a></td>
      <td><a href="#comments-${id}"><span aria-hidden="true">5</span><span class="screen-reader-text">5 comments</span></a></td><td>Published<br>2024/03/0${id % 9}</td></tr>`;
    await app.tab.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), `<style>.hidden{display:none}.row-actions{position:relative;left:-9999em}tr:hover .row-actions{position:static}
      .screen-reader-text{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)}</style>
      <section><h2>Posts</h2><table class="wp-list-table"><thead><tr><td class="check-column"><input type="checkbox" id="cb-all"><label for="cb-all"><span class="screen-reader-text">Select All</span></label></td>
      <th>Title</th><th>Author</th><th>Categories</th><th>Tags</th><th>Comments</th><th>Date</th></tr></thead><tbody id="the-list">
      ${row(41, '48 Hours in Rome', '', 'Elena', 'Italy')}${row(44, 'Street Food in Hanoi', 'Draft', 'Elena', 'Asia')}${row(39, 'Lisbon on a Budget', 'Scheduled', 'Marco', 'Europe')}</tbody></table></section>`);
    app.doc = ((await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId }))) as { payload: PageDocument }).payload;
    const posts = listShowing('48 Hours in Rome');
    expect(posts.count).toBe(3);
    expect(posts.actions, JSON.stringify(posts)).toEqual(expect.arrayContaining(['select', 'title', 'edit', 'trash']));
    expect(posts.fields).toContain('post_state');
    expect(posts.fields).not.toEqual(expect.arrayContaining(['post_title']));
    expect(posts.fields).not.toEqual(expect.arrayContaining(['post_name']));
    const read = await run(`const drafts = $${posts.name}.filter((p) => p.post_state.exists() && p.post_state.text() === "Draft");
      drafts[0].select.check();
      const title = drafts[0].title.text();
      drafts[0].trash.click();
      done({ title, drafts: drafts.length })`);
    expect(read, JSON.stringify(read)).toMatchObject({ status: 'done', result: { title: 'Street Food in Hanoi', drafts: 1 } });
    expect(await app.tab.evaluate(() => [...document.querySelectorAll('#the-list tr')].map((tr) => tr.id))).toEqual(['post-41', 'post-39']);
  }, 120_000);
});
