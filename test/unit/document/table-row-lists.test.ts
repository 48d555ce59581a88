// @vitest-environment happy-dom
/**
 * A table whose rows lists.ts makes a list of (a link in a cell): fields named by the column headers, two header rows
 * read together ("Revenue" over "2019": `revenue_2019`), and a name linked in some rows only read from its cell in the
 * others (explorer, session 40: `link`, `col_2019`, `text`; rows without the link read "").
 */
import { expect, test } from 'vitest';
import { build, list, lists, names } from './helpers.ts';
import { renderList } from '../../../extension/content/document/render.ts';

const row = (name: string, link: boolean, a: string, b: string) => `<tr><td>${link ? `<a href="/c/${name}">${name}</a>` : name}</td><td>${a}</td><td>${b}</td></tr>`;
const rows = `${row('Acme', true, '10', '12')}${row('Globex', false, '7', '9')}${row('Initech', true, '3', '4')}${row('Umbrella', true, '5', '6')}`;

test('two header rows with spans name the columns; the linked name is a field and an action, read from its cell where unlinked', () => {
  const doc = build(`<main><h2>Revenue by company</h2><table><thead><tr><th rowspan="2">Company</th><th colspan="2">Revenue</th></tr>
    <tr><th>2019</th><th>2020</th></tr></thead><tbody>${rows}</tbody></table></main>`);
  const revenue = list(doc, 'revenue_by_company__items');
  expect(revenue.fields).toEqual(['company', 'revenue_2019', 'revenue_2020']);
  expect(revenue.actions).toEqual(['company']);
  expect(revenue.samples.slice(0, 2)).toEqual([
    { company: 'Acme', revenue_2019: '10', revenue_2020: '12' },
    { company: 'Globex', revenue_2019: '7', revenue_2020: '9' },
  ]);
});

test('header rows at the top of the body (no thead), with an empty corner cell', () => {
  const doc = build(`<main><h2>Scores</h2><table><tr><td></td><th colspan="2">Score</th></tr><tr><td></td><th>Home</th><th>Away</th></tr>${rows}</table></main>`);
  // The first column has no header: its link is `link`.
  expect(list(doc, 'scores__items').fields).toEqual(['link', 'score_home', 'score_away']);
});

// Review, session 41: what the header rows name and what they must not.
const fieldsOf = (html: string) => {
  const doc = build(html);
  return doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list').map((l) => (l as { fields: string[] }).fields);
};

test('a table of plain rows (a data table) names a year under a group the same way', () => {
  expect(fieldsOf(`<main><h2>Revenue</h2><table><thead><tr><th rowspan="2">Company</th><th colspan="2">Revenue</th></tr><tr><th>2019</th><th>2020</th></tr></thead>
    <tbody>${row('Acme', true, '10', '12')}${row('Globex', false, '7', '9')}${row('Initech', true, '3', '4')}</tbody></table></main>`)).toEqual([['company', 'revenue_2019', 'revenue_2020']]);
});

test('parts of one cell keep their classes; a filter row, a sort-link row, a title across the table name nothing', () => {
  const product = (n: number) => `<tr><td><a class="title" href="/p/${n}">Lamp ${n}</a> <span class="brand">Brand ${n}</span> <span class="sku">SKU-${n}0</span></td><td>$${n}0</td></tr>`;
  expect(fieldsOf(`<main><h2>Products</h2><table><thead><tr><th>Product</th><th>Price</th></tr></thead><tbody>${[1, 2, 3, 4].map(product).join('')}</tbody></table></main>`))
    .toEqual([['lamp', 'brand', 'sku', 'price']]);
  const user = (n: number) => `<tr><td><a href="/u/${n}">User ${n}</a></td><td>${n % 2 ? 'Active' : 'Blocked'}</td></tr>`;
  expect(fieldsOf(`<main><h2>Users</h2><table><thead><tr><th>User</th><th>Status</th></tr><tr><th><input aria-label="Filter users"></th>
    <th><select aria-label="Filter status"><option>All</option><option>Active</option></select></th></tr></thead><tbody>${[1, 2, 3, 4].map(user).join('')}</tbody></table></main>`))
    .toEqual([['user', 'status']]);
  expect(fieldsOf(`<main><h2>Files</h2><table><thead><tr><th>Name</th><th>Size</th></tr><tr><th><a href="?s=n">sort</a></th><th><a href="?s=s">sort</a></th></tr></thead>
    <tbody>${[1, 2, 3, 4].map((n) => `<tr><td><a href="/f/${n}">file${n}.txt</a></td><td>${n} KB</td></tr>`).join('')}</tbody></table></main>`)).toEqual([['name', 'size']]);
  expect(fieldsOf(`<main><h2>Einstein</h2><table><tr><th colspan="2">Albert Einstein</th></tr><tr><td>Works</td><td><ul>${[1, 2, 3, 4]
    .map((n) => `<li><a href="/w/${n}">Work ${n}</a> <span>19${n}0</span></li>`).join('')}</ul></td></tr></table></main>`)).toEqual([['work', 'text']]);
  expect(fieldsOf(`<main><h2>Results</h2><table><thead><tr><th colspan="3">Quarterly results 2024</th></tr><tr><th>Company</th><th>Q1</th><th>Q2</th></tr></thead>
    <tbody>${row('Acme', true, '1', '2')}${row('Globex', true, '3', '4')}${row('Initech', true, '5', '6')}</tbody></table></main>`)).toEqual([['company', 'q1', 'q2']]);
});

test('a link further along the row that some rows lack reads "" there, not its cell (a "Track" link beside "Not shipped yet")', () => {
  const order = (n: number, shipped: boolean) => `<tr><td><a href="/o/${n}">Order ${n}</a></td><td>${shipped ? `<a href="/t/${n}">Track ${n}</a>` : 'Not shipped yet'}</td></tr>`;
  const doc = build(`<main><h2>Orders</h2><table><thead><tr><th>Order</th><th>Tracking</th></tr></thead><tbody>${order(1, false)}${order(2, true)}${order(3, true)}${order(4, true)}</tbody></table></main>`);
  const orders = list(doc, 'orders__items');
  expect(orders.fields).toEqual(['order', 'track']);
  expect(orders.samples[0]).toEqual({ order: 'Order 1' });
});

test('a headed table of one, two or three rows with a button each is the same list (explorer, session 41: two rows were a table and two buttons)', () => {
  const people = [['Ann Lee', 'Owner'], ['Bob Roy', 'Editor'], ['Cy Dunn', 'Viewer']];
  const page = (n: number) => `<main><h2>Team</h2><table class="tb"><thead><tr><th>Name</th><th>Role</th><th>Actions</th></tr></thead>
    <tbody>${people.slice(0, n).map(([name, role]) => `<tr><td>${name}</td><td>${role}</td><td><button>Remove</button></td></tr>`).join('')}</tbody></table></main>`;
  for (const n of [1, 2, 3]) {
    const doc = build(page(n));
    expect(names(doc), `${n} rows`).toEqual(['team__items']);
    expect(list(doc, 'team__items')).toMatchObject({ count: n, fields: ['name', 'role'], actions: ['remove'] });
  }
  // Not a table whose one header spans it (a title), nor one without a header, nor a layout table holding a table.
  const titled = build(`<main><table><tr><th colspan="2">Settings</th></tr><tr><td>Theme</td><td><button>Change</button></td></tr></table></main>`);
  expect(names(titled)).toEqual(['main__change_button']);
  const bare = build(`<main><table><tr><td>Theme</td><td><button>Change</button></td></tr><tr><td>Font</td><td><button>Change</button></td></tr></table></main>`);
  expect(names(bare)).not.toContain('main__items');
});

test('a one-row table: its name link and its box are named by their columns, not the row\'s words; a layout row of forms is no list (review, session 42)', () => {
  const users = (n: number) => build(`<main><h2>Users</h2><table><thead><tr><th>Name</th><th>Email</th><th>Role</th></tr></thead><tbody>${
    ['Ann Lee', 'Bob Roy'].slice(0, n).map((who, i) => `<tr><td><a href="/u/${i}">${who}</a></td><td>u${i}@example.com</td><td>${i ? 'Editor' : 'Admin'}</td></tr>`).join('')}</tbody></table></main>`);
  for (const n of [1, 2]) expect(list(users(n), 'users__items'), `${n} rows`).toMatchObject({ fields: ['name', 'email', 'role'], actions: ['name'] });
  const layout = build(`<main><table><tr><th>Login</th><th>Register</th></tr><tr><td><input name="user"><button>Log in</button></td><td><input name="new"><button>Sign up</button></td></tr></table></main>`);
  expect(names(layout)).not.toContain('main__items');
});

test('the column a table is sorted by (aria-sort) is said with its list, data table or rows with controls (explorer, session 41)', () => {
  const table = (sort: string, button: boolean) => build(`<main><h2>Plans</h2><table><thead><tr><th aria-sort="none">Plan</th><th aria-sort="${sort}">Price<span class="visually-hidden"> sorted</span></th></tr></thead>
    <tbody>${['Basic', 'Pro', 'Team'].map((p, i) => `<tr><td>${p}</td><td>$${i + 5}</td>${button ? '<td><button>Buy</button></td>' : ''}</tr>`).join('')}</tbody></table></main>`);
  for (const button of [false, true]) {
    const [plans] = lists(table('descending', button));
    expect(plans!.sortedBy, `buttons: ${button}`).toEqual({ field: 'price', order: 'descending' });
    expect(renderList(plans!)).toContain('sorted by price descending');
    expect(lists(table('none', button))[0]!.sortedBy).toBeUndefined();
  }
});
