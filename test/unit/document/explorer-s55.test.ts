// @vitest-environment happy-dom
/**
 * Explorer, session 55.
 */
import { expect, test } from 'vitest';
import { build, entries, lists, names } from './helpers.ts';

const bank = `<main><h1>Everyday Checking</h1>
  <div class="balance-summary"><div class="bal"><span class="bal__label">Available balance</span> <span class="bal__value">$4,218.77</span></div>
  <div class="bal"><span class="bal__label">Current balance</span> <span class="bal__value">$4,368.77</span></div></div>
  <button>Transfer</button></main>`;

test('label/value pairs drawn with classed boxes are a read-only list of labels and values', () => {
  const [balances] = lists(build(bank));
  expect(balances).toMatchObject({ count: 2, fields: ['label', 'value'], actions: [] });
  expect(balances!.samples).toEqual([{ label: 'Available balance', value: '$4,218.77' }, { label: 'Current balance', value: '$4,368.77' }]);
  expect(balances!.name).toMatch(/balance_summary$/);
});

test('a stat tile whose value comes first, and labels said by a colon, are pairs too', () => {
  const doc = build(`<main><h1>Dashboard</h1><div class="stats">
    <div class="stat"><div class="stat-value">12</div><div class="stat-label">Open issues</div></div>
    <div class="stat"><div class="stat-value">48</div><div class="stat-label">Closed</div></div></div>
    <div class="details"><div class="item"><div>Prep Time:</div><div class="item__value">20 mins</div></div>
    <div class="item"><div>Cook Time:</div><div class="item__value">30 mins</div></div></div><button>Save</button></main>`);
  const [stats, times] = lists(doc);
  expect(stats!.samples).toEqual([{ label: 'Open issues', value: '12' }, { label: 'Closed', value: '48' }]);
  expect(times!.samples).toEqual([{ label: 'Prep Time:', value: '20 mins' }, { label: 'Cook Time:', value: '30 mins' }]);
});

test('no list of pairs: a lone pair, pairs with controls, class words that only contain "value", a label without a label class or colon', () => {
  const doc = build(`<main><h1>Page</h1>
    <div class="lone"><span class="label">Only one</span><span class="value">1</span></div>
    <div class="rows"><div class="row"><span class="label">Qty</span><span class="value"><input value="1"></span></div>
      <div class="row"><span class="label">Gift</span><span class="value"><input type="checkbox"></span></div></div>
    <div class="evals"><div class="x"><span class="label">a</span><span class="evaluate">b</span></div><div class="x"><span class="label">c</span><span class="evaluate">d</span></div></div>
    <div class="plain"><div class="x"><span>Alpha</span><span class="value">1</span></div><div class="x"><span>Beta</span><span class="value">2</span></div></div>
    <button>Go</button></main>`);
  expect(lists(doc).filter((list) => list.fields.join() === 'label,value')).toEqual([]);
});

test('a box of pairs takes no names from the entries around it', () => {
  const without = build(bank.replace(/<div class="balance-summary">[\s\S]*?<\/div><\/div>/, ''));
  expect(names(build(bank)).filter((name) => !name.endsWith('balance_summary'))).toEqual(names(without));
});

test('a recipe\'s review bar holds the page\'s rating; a rating in one of the reviews listed below does not', () => {
  const bar = `<div class="recipe-review-bar"><div class="recipe-review-bar__rating" aria-label="Rated 4.6 out of 5 stars">★★★★½</div>
    <a href="#reviews" class="recipe-review-bar__count">1,284 Ratings</a></div>`;
  const reviews = `<div class="reviews"><div class="review-card"><span class="review-card__stars" aria-label="2 out of 5 stars">★★</span> Too salty.</div>
    <div class="review-card"><span class="review-card__stars" aria-label="5 out of 5 stars">★★★★★</span> Great.</div></div>`;
  const rating = (html: string) => entries(build(`<main><h1>Tikka Masala</h1>${html}<button>Save</button></main>`))
    .filter((e) => e.kind === 'message').map((e) => e.description);
  expect(rating(bar + reviews)).toEqual(['Rated 4.6 out of 5 stars']);
  expect(rating(reviews)).toEqual([]);
});

test('an FAQ list says which answers are open: a native button\'s aria-expanded, a <details open>', () => {
  const faq = (open: (i: number) => boolean) => build(`<main><h1>Help</h1><div class="accordion">${['Returns?', 'Refunds?', 'Shipping?'].map((q, i) => `<div class="accordion__item">
    <h3><button class="accordion__trigger" aria-expanded="${open(i)}" aria-controls="p${i}">${q}</button></h3><div id="p${i}" ${open(i) ? '' : 'hidden'}><p>Answer ${i}</p></div></div>`).join('')}</div></main>`);
  expect(lists(faq((i) => i !== 1))[0]!.marked).toEqual([{ index: 0, mark: 'expanded', text: 'Returns?' }, { index: 2, mark: 'expanded', text: 'Shipping?' }]);
  // All open: nothing told apart.
  expect(lists(faq(() => true))[0]!.marked).toBeUndefined();
  const details = build(`<main><h1>Help</h1><div class="faq">${['Returns?', 'Refunds?', 'Shipping?'].map((q, i) => `<details class="q" ${i === 2 ? 'open' : ''}>
    <summary>${q}</summary><p>Answer ${i}</p></details>`).join('')}</div></main>`);
  expect(lists(details)[0]!.marked).toEqual([{ index: 2, mark: 'expanded', text: 'Shipping?' }]);
});

test('an error the field\'s aria-describedby (or its fieldset\'s) names is its error, aria-invalid or not; a hint is none', () => {
  const doc = build(`<main><form action="/x"><h1>Your details</h1>
    <div class="govuk-form-group govuk-form-group--error"><label for="name">Previous full name</label>
    <div id="name-hint" class="govuk-hint">As on your passport</div>
    <p id="name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter your previous name</p>
    <input class="govuk-input govuk-input--error" id="name" aria-describedby="name-hint name-error"></div>
    <fieldset aria-describedby="dob-error"><legend>Date of birth</legend><p id="dob-error" class="error-message">Date of birth must include a year</p>
    <label for="d">Day</label><input id="d" value="14"><label for="y">Year</label><input id="y" class="govuk-input govuk-input--error"></fieldset>
    <label for="e">Email</label><input id="e" aria-describedby="e-hint"><p id="e-hint">We only use it to reply</p>
    <label for="p">Phone</label><input id="p" aria-describedby="p-error"><p id="p-error" class="error-message" hidden>Enter a phone number</p>
    <button>Save and continue</button></form></main>`);
  const errors = Object.fromEntries(entries(doc).filter((e) => e.kind === 'text_input').map((e) => [e.name.split('__')[1], e.kind !== 'list' && e.state?.error]));
  expect(errors).toEqual({ previous_full_name: 'Enter your previous name', day: undefined, year: 'Date of birth must include a year', email: undefined, phone: undefined });
});

test('review: help words that start "Error", an id that only mentions errors, an error hidden by visibility or opacity are no errors', () => {
  const doc = build(`<main><form><h1>Alerts</h1>
    <label for="a">Error notification email</label><input id="a" aria-describedby="a-help"><p id="a-help" class="help">Error reports for this project go here.</p>
    <label for="b">Alert when errors exceed</label><input id="b" aria-describedby="error-threshold-help"><p id="error-threshold-help">Events per minute.</p>
    <label for="c">Username</label><input id="c" aria-describedby="c-error"><p id="c-error" class="field-error" style="visibility:hidden">Username is already taken</p>
    <label for="d">Phone</label><input id="d" aria-describedby="d-error"><p id="d-error" class="field-error" style="opacity:0">Enter a valid phone number</p>
    <fieldset aria-describedby="pc-error"><legend>Address</legend><p id="pc-error" class="error-message">Enter a postcode</p>
    <label for="e">Address line 1</label><input id="e" value="1 High St"><label for="f">Postcode</label><input id="f" class="input--error"></fieldset>
    <button>Save</button></form></main>`);
  const errors = Object.fromEntries(entries(doc).filter((e) => e.kind === 'text_input').map((e) => [e.name.split('__')[1], e.kind !== 'list' && e.state?.error]));
  expect(errors).toEqual({ error_notification_email: undefined, alert_when_errors_exceed: undefined, username: undefined, phone: undefined,
    address_line_1: undefined, postcode: 'Enter a postcode' });
});

test('a dialog\'s or a form\'s <footer> is theirs, not the page\'s footer', () => {
  const doc = build(`<main><h1>Jobs</h1><button>Easy Apply</button></main>
    <div role="dialog" aria-labelledby="h"><h2 id="h">Apply to N26</h2><label>First name <input name="fn"></label>
    <footer class="modal__actionbar"><button disabled>Back</button><button>Next</button></footer></div>
    <form aria-label="Feedback"><label>Comment <textarea></textarea></label><footer><button>Send feedback</button></footer></form>
    <footer><a href="/privacy">Privacy</a></footer>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['apply_to_n26__back_button', 'apply_to_n26__next_button', 'feedback__send_feedback_button', 'footer__privacy_link']));
});

test('review: a form around the whole page (ASP.NET\'s) keeps the page\'s header and footer', () => {
  const doc = build(`<form id="aspnetForm" action="/default.aspx"><header><a href="/">Contoso</a><a href="/logout">Sign out</a></header>
    <main><h1>My policies</h1><a href="/p/1">Auto policy</a></main><footer><a href="/privacy">Privacy</a></footer></form>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['header__sign_out_link', 'footer__privacy_link']));
});

test('KPI tiles of a title, a value and a change are a list with the change as a field of its own', () => {
  const tile = (title: string, value: string, delta: string) => `<div class="kpi-card"><div class="kpi-card__title">${title}</div>
    <div class="kpi-card__value">${value}</div><div class="kpi-card__delta kpi-card__delta--up">${delta}</div></div>`;
  const [kpis] = lists(build(`<main><h1>Overview</h1><section class="kpi-grid" aria-label="Key metrics">${tile('Users', '48,219', '+12.4%')}
    ${tile('Sessions', '71,902', '+8.1%')}${tile('Revenue', '$182,440', '+5.9%')}</section><button>Export</button></main>`));
  expect(kpis).toMatchObject({ count: 3, fields: ['label', 'value', 'delta'] });
  expect(kpis!.samples[2]).toEqual({ label: 'Revenue', value: '$182,440', delta: '+5.9%' });
});

test('a column header\'s sort button is named without the sort its hidden words say, so it keeps its name as the sort changes', () => {
  const table = (sort: string) => build(`<main><h2>Top pages</h2><table><thead><tr><th><button>Page path</button></th>
    <th aria-sort="${sort}"><button>Views<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"> sorted ${sort}</span></button></th></tr></thead>
    <tbody><tr><td>/</td><td>21,402</td></tr><tr><td>/pricing</td><td>9,114</td></tr></tbody></table><button>Sorted descending</button></main>`);
  expect(names(table('descending'))).toEqual(['top_pages__table', 'top_pages__page_path_button', 'top_pages__views_button', 'top_pages__sorted_descending_button']);
  expect(names(table('ascending'))).toEqual(names(table('descending')));
});

test('progress bars with labels are each a message named by its label; one without a label is the page\'s progress', () => {
  const doc = build(`<main><h1>Apply</h1><progress max="100" value="25" aria-label="Application progress"></progress>
    <div role="progressbar" aria-valuenow="72" aria-valuemin="0" aria-valuemax="100" aria-label="Storage used"></div>
    <label for="up">Upload</label><progress id="up" max="1" value="0.5"></progress><button>Next</button></main>`);
  expect(entries(doc).filter((e) => e.kind === 'message').map((e) => [e.name, e.description])).toEqual([['apply__application_progress', '25%'],
    ['apply__storage_used_progress', '72%'], ['apply__upload_progress', '50%']]);
  const plain = build('<main><h1>Course</h1><div role="progressbar" aria-valuenow="3" aria-valuemax="10"></div><button>Next</button></main>');
  expect(entries(plain).filter((e) => e.kind === 'message').map((e) => [e.name, e.description])).toEqual([['course__progress', '30%']]);
});

test('a data table\'s tfoot totals row is a message; one with controls or no number is none', () => {
  const table = (foot: string) => build(`<main><h2>Top pages</h2><table><thead><tr><th>Page</th><th>Views</th></tr></thead>
    <tbody><tr><td>/</td><td>21,402</td></tr><tr><td>/pricing</td><td>9,114</td></tr></tbody><tfoot>${foot}</tfoot></table><button>Export</button></main>`);
  const messages = (foot: string) => entries(table(foot)).filter((e) => e.kind === 'message').map((e) => [e.name, e.description]);
  expect(messages('<tr><td>Total</td><td>30,516</td></tr>')).toEqual([['top_pages__total', 'Total 30,516']]);
  expect(messages('<tr><td colspan="2"><button>Load more</button> 2 of 40</td></tr>')).toEqual([]);
  expect(messages('<tr><td colspan="2">Source: analytics</td></tr>')).toEqual([]);
});

test('review: zebra rows, KPI tiles without a change or with the value first, a highlighted first tile: every item is in the list', () => {
  const zebra = lists(build(`<main><h2>Shipment</h2><div class="info-grid">${['Carrier:UPS', 'Tracking number:1Z999', 'Shipped:Mar 3', 'Status:In transit'].map((pair, i) => {
    const [label, value] = pair.split(':');
    return `<div class="info-row ${i % 2 ? 'even' : 'odd'}"><span class="info-row__label">${label}</span><span class="info-row__value">${value}</span></div>`;
  }).join('')}</div><button>Print</button></main>`));
  expect(zebra[0]!.samples.map((sample) => sample.label)).toEqual(['Carrier', 'Tracking number', 'Shipped', 'Status']);
  const kpis = lists(build(`<main><h1>Today</h1><div class="kpi-grid">
    <div class="kpi-card kpi-card--highlight"><div class="kpi-card__label">Gross volume</div><div class="kpi-card__value">$12,480</div><div class="kpi-card__delta">+12%</div></div>
    <div class="kpi-card"><div class="kpi-card__label">New customers</div><div class="kpi-card__value">38</div></div>
    <div class="kpi-card"><div class="kpi-card__value">1.2%</div><div class="kpi-card__label">Dispute rate</div><div class="kpi-card__delta">+0.1%</div></div>
    </div><button>Export</button></main>`));
  expect(kpis[0]).toMatchObject({ count: 3, fields: ['label', 'value', 'delta'] });
  expect(kpis[0]!.samples).toEqual([{ label: 'Gross volume', value: '$12,480', delta: '+12%' }, { label: 'New customers', value: '38' }, { label: 'Dispute rate', value: '1.2%', delta: '+0.1%' }]);
});

test('review: no pairs in tables, in controls or around them', () => {
  const doc = build(`<main><h2>Line items</h2><table><thead><tr><th>Item</th><th>Qty</th></tr></thead><tbody>
    <tr><td class="cell-label">Consulting</td><td class="cell-value">10</td></tr><tr><td class="cell-label">Hosting</td><td class="cell-value">1</td></tr></tbody></table>
    <div role="table" aria-label="Invoice"><div role="rowgroup"><div role="row"><span role="cell" class="label">No.</span><span role="cell" class="value">42</span></div>
    <div role="row"><span role="cell" class="label">Due</span><span role="cell" class="value">Apr 30</span></div></div></div>
    <div class="chips"><button class="chip"><span class="chip__label">Brand:</span><span class="chip__value">Nike</span></button>
    <button class="chip"><span class="chip__label">Size:</span><span class="chip__value">10</span></button></div>
    <div class="settings"><div class="setting" role="switch" aria-checked="true" tabindex="0"><span class="setting__label">Email digests</span><span class="setting__value">On</span></div>
    <div class="setting" role="switch" aria-checked="false" tabindex="0"><span class="setting__label">Push</span><span class="setting__value">Off</span></div></div></main>`);
  expect(lists(doc).filter((list) => list.fields[0] === 'label' && list.fields[1] === 'value')).toEqual([]);
  // A page laid out in a table may hold a box of pairs in a cell.
  const framed = build(`<table><tr><td><h2>Balances</h2><div class="balances"><div class="bal"><span class="bal__label">Available</span><span class="bal__value">$4</span></div>
    <div class="bal"><span class="bal__label">Current</span><span class="bal__value">$5</span></div></div><button>Transfer</button></td></tr></table>`);
  expect(lists(framed).map((list) => list.fields)).toEqual([['label', 'value']]);
});

test('review: a testimonial card\'s or the one review\'s stars are no page rating; a row\'s open menu does not mark the row expanded', () => {
  const ratings = (html: string) => entries(build(`<main><h1>Pour-over</h1>${html}<button>Add to cart</button></main>`)).filter((e) => e.name.endsWith('rating'));
  expect(ratings('<div class="swiper-slide"><div class="review-card"><div class="review-card__stars" aria-label="Rated 5 out of 5 stars">★★★★★</div><div>Lovely.</div></div></div>')).toEqual([]);
  expect(ratings('<div class="review"><div class="review__stars" aria-label="2 out of 5 stars">★★</div><div>Cracked.</div></div>')).toEqual([]);
  const rows = lists(build(`<main><h2>Shared files</h2><ul class="files">${['Q3.pdf', 'Budget.xlsx', 'Logo.png'].map((file, i) => `<li class="file"><span class="file__name">${file}</span>
    <button class="file__menu" aria-haspopup="menu" aria-expanded="${i === 1}">Options</button></li>`).join('')}</ul></main>`));
  expect(rows[0]!.marked).toBeUndefined();
});

test('a toggle that shows the value it opens a labelled picker for is named by the picker, so its name holds as the value changes', () => {
  const page = (shown: string) => build(`<main><form action="/search" aria-label="Search"><label>Destination <input name="ss"></label>
    <button type="button" aria-expanded="false" aria-controls="guests"><span>${shown}</span></button>
    <div id="guests" role="dialog" aria-label="Guests" hidden><button>Done</button></div><button type="submit">Search</button></form></main>`);
  expect(names(page('2 adults · 1 child · 1 room'))).toEqual(['search__destination', 'search__guests_button', 'search__search_button']);
  expect(names(page('1 adult · 0 children · 2 rooms'))).toEqual(names(page('2 adults · 1 child · 1 room')));
  // Words without a number keep their own name.
  expect(names(page('Add guests'))).toContain('search__add_guests_button');
});

test('a select\'s options in a card are its choices, not a field of the card', () => {
  const card = (title: string, price: string, i: number) => `<div class="room-card"><h3>${title}</h3><span class="price">${price}</span>
    <label for="s${i}">Select rooms</label><select id="s${i}"><option>0</option><option>1 (${price})</option></select><button>Reserve</button></div>`;
  const [rooms] = lists(build(`<main><section><h2>Availability</h2>${card('Double', '€ 459', 1)}${card('Twin', '€ 512', 2)}${card('Suite', '€ 780', 3)}</section></main>`));
  expect(rooms!.fields).toEqual(['title', 'price']);
  expect(rooms!.actions).toEqual(['select_rooms', 'reserve']);
});

test('a status icon that says itself (an svg with its own aria-label) is a field of the row; a hidden one is none', () => {
  const row = (status: string, name: string) => `<div class="check"><svg class="octicon" aria-label="${status}" width="16" height="16"></svg>
    <strong>${name}</strong> <svg class="chevron" aria-hidden="true" aria-label="open"></svg><a href="/runs/${name}">Details</a></div>`;
  const [checks] = lists(build(`<main><section aria-label="Checks">${row('failure', 'test')}${row('pending', 'build')}${row('success', 'lint')}</section></main>`));
  expect(checks!.samples.map((sample) => Object.values(sample).slice(0, 2))).toEqual([['failure', 'test'], ['pending', 'build'], ['success', 'lint']]);
  expect(JSON.stringify(checks!.samples)).not.toContain('open');
});
