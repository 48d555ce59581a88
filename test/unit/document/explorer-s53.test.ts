// @vitest-environment happy-dom
/**
 * Explorer, session 53.
 */
import { expect, test } from 'vitest';
import { build, lists, names } from './helpers.ts';

const card = (id: string, name: string, price: string, struck = '') => `<div class="card"><div class="c_b2"><h3><a href="/hotel/${id}">${name}</a></h3>
  <div class="price">${struck}<span data-testid="price-and-discounted-price">${price}</span><div class="tx">+€12 taxes and fees</div></div>
  <a class="cta" href="/hotel/${id}#avail">See availability</a></div></div>`;

test('a price after an old price struck in some cards only reads the price in every card', () => {
  const doc = build(`<main><h2>Results</h2><div class="results">${card('a', 'Avenida', '€256', '<span class="strike" style="text-decoration:line-through">€320</span> ')}${card('b', 'Pessoa', '€198')}${card('c', 'Goodmorning', '€64')}</div></main>`);
  const [results] = lists(doc);
  // The old price struck in one card is a field of its own (`strike`, session 56).
  expect(results!.samples.map((s) => Object.entries(s).find(([k, v]) => k !== 'strike' && typeof v === 'string' && v.startsWith('€'))?.[1])).toEqual(['€256', '€198', '€64']);
});

test('a text that counts one thing in every card is named by what it counts; other counts stay text', () => {
  const row = (name: string, says: string, count: string) => `<li><a href="/h/${name}">${name}</a><div class="sc_w">${says}</div><div class="sc_c">${count}</div><button>Save</button></li>`;
  const [hotels] = lists(build(`<main><h2>Hotels</h2><ul>${row('Avenida', 'Excellent', '2,345 reviews')}${row('Pessoa', 'Good', '1 review')}${row('Gm', 'Fair', '877 reviews')}</ul></main>`));
  expect(hotels!.fields).toContain('reviews');
  expect(hotels!.samples[1]).toMatchObject({ reviews: '1 review' });
  const [mixed] = lists(build(`<main><h2>Hotels</h2><ul>${row('Avenida', 'Excellent', '2,345 reviews')}${row('Pessoa', 'Good', '3 photos')}${row('Gm', 'Fair', '877 reviews')}</ul></main>`));
  expect(mixed!.fields).not.toContain('reviews');
});

const COMPARE = `<main><h1>Compare</h1><table><thead><tr><th><span class="sr-only">Feature</span></th>
  <th><button aria-label="Remove Aero from comparison">×</button><a href="/p/aero">Aero</a><div class="pr"><s>$1,299</s> $1,099</div><button>Add to cart</button></th>
  <th><button aria-label="Remove Zen from comparison">×</button><a href="/p/zen">Zen</a><div class="pr">$1,249</div><button>Add to cart</button></th></tr></thead>
  <tbody><tr><th>Memory</th><td>16 GB</td><td>32 GB</td></tr><tr><th>Weight</th><td>1.2 kg</td><td>1.1 kg</td></tr></tbody></table></main>`;

test('a comparison\'s buttons in a product\'s header cell are named by their own words and the product, never by each other\'s', () => {
  const doc = build(COMPARE);
  expect(names(doc)).toEqual(expect.arrayContaining(['compare__remove_aero_from_comparison_button', 'compare__aero_link', 'compare__aero_add_to_cart_button',
    'compare__remove_zen_from_comparison_button', 'compare__zen_link', 'compare__zen_add_to_cart_button']));
  // The columns are the products (not "aero_add_to", nor a price's digits); a header with words for screen readers only is named by them.
  expect(lists(doc)[0]!.fields).toEqual(['feature', 'aero', 'zen']);
});

test('a header with a sort button keeps its words; a header that is a button alone is named by it', () => {
  const doc = build(`<main><h1>Orders</h1><table><thead><tr><th>Price <button aria-label="Sort by price">↕</button></th><th><button>Date</button></th></tr></thead>
    <tbody><tr><td>$5</td><td>May 1</td></tr><tr><td>$7</td><td>May 2</td></tr></tbody></table></main>`);
  expect(lists(doc)[0]!.fields).toEqual(['price', 'date']);
  expect(names(doc)).toEqual(expect.arrayContaining(['orders__sort_by_price_button', 'orders__date_button']));
});

test('a nav labelled "Main" beside <main> is a section of its own, not the main content\'s', () => {
  const doc = build(`<header><nav aria-label="Main"><a href="/buy">Buy</a><a href="/rent">Rent</a></nav></header><main><button>Save</button><button>Share</button></main>`);
  expect(names(doc)).toEqual(['main_nav__buy_link', 'main_nav__rent_link', 'main__save_button', 'main__share_button']);
});

test('states, counts and data said in a control\'s words stay out of its name', () => {
  const doc = build(`<style>.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}</style><main><h1>Results</h1>
    <button>Date<span class="sr-only">, sorted descending</span></button>
    <label><input type="checkbox" role="switch" checked aria-label="Autoplay is on"></label>
    <a href="/notifications">Notifications, 3 new</a><a href="/cart">Cart, 2 items</a>
    <button>Show 120 more flights</button><button>See all 24 photos</button><button>Show 50 results per page</button>
    <button aria-label="Star this repository (4.2k)" aria-pressed="false">Star</button>
    <button aria-pressed="false">Thu, Mar 13<br>$241</button><button>Add to bag – €24,50</button>
    <a href="/acme/storage/commit/9f3e2a1">9f3e2a1</a><a href="tel:+15035550142">(503) 555-0142</a><a href="/decaf">decaf</a></main>`);
  expect(names(doc)).toEqual(['results__date_button', 'results__autoplay_switch', 'results__notifications_link', 'results__cart_link',
    'results__show_more_flights_button', 'results__see_all_photos_button', 'results__show_50_results_per_button',
    'results__star_this_repository_button', 'results__thu_mar_13_button', 'results__add_to_bag_button',
    'results__storage_commit_link', 'results__phone_link', 'results__decaf_link']);
});

test('a description list with a button in one value is still read, the button an entry beside it', () => {
  const doc = build(`<main><h1>Checking</h1><dl><div><dt>Available balance</dt><dd>$3,204.18</dd></div><div><dt>Current balance</dt><dd>$3,389.02</dd></div>
    <div><dt>Account number</dt><dd>••••4821 <button>Show</button></dd></div><div><dt>Routing number</dt><dd>021000021</dd></div></dl><button>Transfer</button></main>`);
  const [pairs] = lists(doc);
  expect(pairs!.count).toBe(4);
  expect(pairs!.samples[0]).toEqual({ label: 'Available balance', value: '$3,204.18' });
  expect(names(doc)).toEqual(expect.arrayContaining(['checking__show_button', 'checking__transfer_button']));
  // One with a field in a value is a form's rows, not data.
  const form = build(`<main><h1>Profile</h1><dl><dt>Name</dt><dd><input aria-label="Name"></dd><dt>Email</dt><dd>a@b.c</dd><dt>Phone</dt><dd>555</dd></dl></main>`);
  expect(lists(form)).toEqual([]);
});

test('a heading inside a block named for it names that block only, not the column beside it', () => {
  const doc = build(`<div id="primary"><div id="comments"><h2>Comments</h2><div class="c"><a href="/u/a">@a</a><p>Nice</p><button>Reply</button></div>
    <div class="c"><a href="/u/b">@b</a><p>Good</p><button>Reply</button></div></div></div>
    <div id="secondary">${[1, 2, 3].map((n) => `<div class="v"><a href="/w/${n}">Video ${n}</a><button aria-label="Action menu">⋮</button></div>`).join('')}</div>`);
  expect(names(doc).filter((name) => name.startsWith('comments__'))).toEqual(['comments__a_link', 'comments__reply_button', 'comments__b_link', 'comments__reply_button_2']);
  expect(names(doc)).toContain('page__secondary');
  // A title bar (the heading and one link in their wrapper) still names the list after it.
  const bar = build(`<div class="orders-head"><h2>Orders</h2><a href="/orders">View all</a></div><ul>${[1, 2, 3].map((n) => `<li><a href="/o/${n}">Order ${n}</a></li>`).join('')}</ul>`);
  expect(names(bar)).toEqual(expect.arrayContaining(['orders__view_all_link']));
  expect(names(bar).some((name) => /^orders__\w+$/.test(name) && name !== 'orders__view_all_link')).toBe(true);
});

test('a map result\'s parts: a hashed class names no field, a rating drawn as a picture says it, "Price: Moderate" names its field, the name its overlay link says is that link', () => {
  const card = (name: string, stars: string, price: string, shown = '$$') => `<div class="Nv2PK" role="article"><a class="hfpxzc" aria-label="${name}" href="/p/${name}"></a><div class="qBF1Pd">${name}</div>
    <div class="W4Efsd"><span role="img" aria-label="${stars} stars 2,184 Reviews"><svg width="50" height="10"></svg></span> · <span aria-label="Price: ${price}">${shown}</span></div><button aria-label="Get directions to ${name}">➜</button></div>`;
  const [results] = lists(build(`<main><h1>Results</h1><div role="feed">${card('Ritual', '4.6', 'Moderate')}${card('Barrel', '4.4', 'Moderate')}${card('Sightglass', '4.5', 'Inexpensive', '$')}</div></main>`));
  expect(results!.fields).toEqual(['link', 'rating', 'price']);
  expect(results!.samples[0]).toMatchObject({ link: 'Ritual', rating: '4.6 stars 2,184 Reviews', price: '$$' });
});

test('an account link with its mask and balance inside is read with its name; boxes labelled "What: item" are named by the what', () => {
  const [accounts] = lists(build(`<nav aria-label="Accounts"><ul><li><a href="/acct/chk">Everyday Checking <span class="mask">••••4821</span> <span class="bal">$3,204.18</span></a></li>
    <li><a href="/acct/sav">Savings <span class="mask">••••0937</span> <span class="bal">$12,880.00</span></a></li>
    <li><a href="/acct/cc">Rewards Visa <span class="mask">••••5512</span> <span class="bal">-$642.09</span></a></li></ul></nav>`));
  expect(JSON.stringify(accounts!.samples[0])).toContain('Everyday Checking');
  const lesson = (title: string, done = '') => `<div class="lesson"><input type="checkbox" ${done} aria-label="Mark as complete: ${title}"><a href="/l/${title}">${title}</a><span class="dur">8min</span></div>`;
  const [lessons] = lists(build(`<main><h1>Module 1</h1><div class="acc-panel">${lesson('Mean', 'checked')}${lesson('Variance')}${lesson('Bayes')}</div></main>`));
  expect(lessons!.actions).toContain('mark_as_complete');
  expect(lessons!.samples[0]).toMatchObject({ mark_as_complete: 'true' });
});

test('a pager\'s count is read from its own words, not run into the next label; a tree\'s folder reads its own words', () => {
  const doc = build(`<main><h1>Transactions</h1><table><thead><tr><th>Date</th><th>Description</th></tr></thead><tbody>
    <tr><td>Mar 12</td><td>Payroll</td></tr><tr><td>Mar 11</td><td>Groceries</td></tr></tbody></table>
    <div class="pager"><span>Showing 1–25 of 143</span><label>Rows per page <select><option>25</option><option>50</option></select></label><button>Next page</button></div></main>`);
  expect(lists(doc)[0]!.countSaid).toBe('Showing 1–25 of 143');
  const tree = build(`<nav aria-label="File tree"><ul role="tree"><li role="treeitem" aria-expanded="true"><span>src</span><ul role="group">
    <li role="treeitem" aria-selected="true"><a href="#d1">lru.ts</a></li><li role="treeitem" aria-selected="false"><a href="#d2">ttl.ts</a></li></ul></li>
    <li role="treeitem" aria-expanded="true">test<ul role="group"><li role="treeitem" aria-selected="false"><a href="#d3">lru.test.ts</a></li></ul></li></ul></nav>`);
  const [files] = lists(tree);
  expect(Object.values(files!.samples[0]!)).toContain('src');
  expect(JSON.stringify(files!.samples)).not.toContain('src lru.ts');
});

test('an option that is only a number says its list\'s label', () => {
  const doc = build(`<div role="toolbar" aria-label="Main toolbar"><div role="button" tabindex="0" aria-label="Bold">B</div>
    <div role="listbox" aria-label="Font size" tabindex="0"><div role="option" aria-selected="true">10</div></div></div>`);
  expect(names(doc)).toEqual(['page__bold_button', 'page__font_size_10_option']);
});

test('a course\'s progress bar in its side bar is read', () => {
  const doc = build(`<aside aria-label="Course content"><div role="progressbar" aria-valuenow="38" aria-valuemin="0" aria-valuemax="100" aria-label="Course progress"></div>
    <a href="/l/1">Lesson 1</a></aside><main><h1>Sample spaces</h1><button>Mark complete</button></main>`);
  expect(names(doc)).toContain('course_content__course_progress');
});

// Review, session 53: the rules above, at their edges.
test('review: a pager\'s count is never a page-size option\'s; a title bar\'s heading still names the list after it', () => {
  const rows = [1, 2, 3, 4].map((n) => `<li class="r"><a href="/p/${n}">Product ${n}</a> <span class="price">$${n}.99</span></li>`).join('');
  const pager = build(`<main><h1>Search</h1><div class="pager"><span>1–25 of 143</span> <label>Show <select><option>25 results</option><option>50 results</option></select></label></div><ul class="res">${rows}</ul></main>`);
  expect(lists(pager)[0]!.countSaid).toBe('1–25 of 143');
  const reviews = build(`<main><h1>Widget Pro</h1><div class="reviews-header"><h2>Reviews</h2><button>Write a review</button><select aria-label="Sort by"><option>Newest</option><option>Top</option></select></div>
    <ul class="list">${[1, 2, 3].map((n) => `<li class="review"><b>User ${n}</b><p>Great ${n}</p><button>Helpful</button></li>`).join('')}</ul><a href="/more">See more</a></main>`);
  expect(names(reviews)).toEqual(expect.arrayContaining(['reviews__write_a_review_button', 'reviews__see_more_link']));
  expect(names(reviews).filter((name) => name.startsWith('widget_pro__'))).toEqual([]);
});

test('review: a part some cards have twice is one field; a number before a month or a street names nothing', () => {
  const card = (n: number, extra = '') => `<div class="card"><a class="name" href="/h/${n}">Hotel ${n}</a><p class="loc">City ${n}</p><p>View ${n}</p>${extra}<button>Save</button></div>`;
  const [hotels] = lists(build(`<main><h2>Hotels</h2><div class="grid">${[1, 2, 3, 4, 5, 6].map((n) => card(n, n % 2 ? '' : '<p>Free cancellation</p>')).join('')}</div></main>`));
  // The second `p` some cards have is its own field, said by those cards only (a flag: session 56), not a second `text`
  // of every card.
  expect(hotels!.fields.filter((field) => field.startsWith('text'))).toEqual(['text', 'text_2']);
  expect(hotels!.samples.map((sample) => [sample.text, sample.text_2])).toEqual([['View 1', undefined], ['View 2', 'Free cancellation'], ['View 3', undefined]]);
  const dates = build(`<main><h1>Search</h1><ul class="res">${[3, 7, 12].map((n) => `<li><a href="/p/${n}">P ${n}</a> <span class="price">$${n}.99</span> <span>${n} March</span></li>`).join('')}</ul></main>`);
  expect(lists(dates)[0]!.fields).not.toContain('march');
});

test('review: a header\'s help link names no column; dates, ids, a brand\'s "(3M)" and "Windows 11 new features" keep their words', () => {
  const doc = build(`<main><h1>Invoices</h1><table><thead><tr><th>Invoice</th><th>Due date <a href="/help/due">Learn more</a> <button aria-label="Sort by due date">↕</button></th></tr></thead>
    <tbody>${[1, 2, 3].map((n) => `<tr><td><a href="/i/${n}">INV-${n}</a></td><td>Mar ${n}</td></tr>`).join('')}</tbody></table>
    <a href="/d">2024-01-15</a><a href="/o">1234567</a><a href="/s">Scotch (3M)</a><a href="/w">Windows 11 new features</a><a href="/f">Gift box, 6 items</a></main>`);
  expect(lists(doc)[0]!.fields).not.toContain('learn_more');
  expect(names(doc)).toEqual(expect.arrayContaining(['invoices__2024_01_15_link', 'invoices__1234567_link', 'invoices__scotch_3m_link',
    'invoices__windows_11_new_features_link', 'invoices__gift_box_6_items_link']));
});

test('review: a description list of switches is settings, not data; a main labelled "Main" and a nav labelled "Main" stay apart', () => {
  const settings = build(`<main><h1>Account</h1><dl class="settings"><dt>Notifications</dt><dd><button role="switch" aria-checked="true">On</button></dd>
    <dt>Dark mode</dt><dd><button role="switch" aria-checked="false">Off</button></dd><dt>Autoplay</dt><dd><button role="switch" aria-checked="true">On</button></dd></dl></main>`);
  expect(lists(settings).filter((list) => list.fields.includes('value'))).toEqual([]);
  const doc = build(`<nav aria-label="Main"><a href="/a">Products</a></nav><main aria-label="Main"><h1>Welcome</h1><button>Start trial</button></main>`);
  expect(names(doc)).toEqual(['main_nav__products_link', 'main__start_trial_button']);
});
