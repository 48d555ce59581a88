// @vitest-environment happy-dom
/**
 * Session 64: items nested deeper than eight levels (a shopping cart's rows), results with a block of another kind
 * between them, parts found by place counted from the end, and names a build's hashes or a kit's classes no longer give.
 */
import { expect, test } from 'vitest';
import { build, entries, list, names } from './helpers.ts';

const icon = '<svg viewBox="0 0 24 24" role="presentation"><g fill="currentColor"><path d="M1 1h2v2H1z"></path><circle cx="5" cy="5" r="2"></circle></g></svg>';
const quantities = Array.from({ length: 12 }, (_, n) => `<option value="${n}">${n}</option>`).join('');

/** An Amazon cart row (trimmed): its controls ten levels down, every row's select with the same id and label. */
const cartRow = (n: number, title: string, stock: string, price: string) => `<div data-asin="B0${n}" class="sc-list-item sc-list-item-border" id="sc-item-${n}">
  <div class="sc-list-item-content"><div class="a-row a-spacing-base"><div class="a-column a-span10"><div class="a-fixed-left-grid"><div class="a-fixed-left-grid-inner">
  <div class="a-fixed-left-grid-col a-col-left"><div class="a-row"><div class="a-checkbox sc-list-item-checkbox"><label for="check-${n}"><input type="checkbox" id="check-${n}" checked>
   <i class="a-icon a-icon-checkbox"></i><span class="a-label"><span class="a-offscreen">${title}</span></span></label></div></div>
   <span class="a-list-item"><a class="a-link-normal sc-product-link" href="/gp/product/B0${n}"><img alt="${title}" src="data:," class="sc-product-image"></a></span></div>
  <div class="a-fixed-left-grid-col a-col-right"><ul class="a-unordered-list a-nostyle a-vertical sc-info-block">
   <li><span class="a-list-item"><a class="a-link-normal sc-product-link sc-product-title" href="/gp/product/B0${n}?t=1"><span class="a-truncate">${title}</span></a></span></li>
   <li><span class="a-list-item"><span class="a-size-small sc-product-availability a-color-success">${stock}</span></span></li>
   <li><span class="a-list-item">${icon}${icon}</span></li>
   <li class="sc-item-gift-option"><span class="a-list-item"><div class="a-checkbox sc-gift-option"><label for="gift-${n}"><input type="checkbox" id="gift-${n}">
    <span class="a-label"><span class="a-size-small">This is a gift</span> <a class="a-link-normal" href="/help/gifts">Learn more</a></span></label></div></span></li></ul>
  <div class="sc-action-links"><span class="a-dropdown-container"><label for="quantity" class="a-native-dropdown">Qty:</label><select name="quantity" id="quantity" class="a-native-dropdown">${quantities}</select></span>
   <span class="sc-action-delete"><span class="a-declarative"><input value="Delete" aria-label="Delete ${title}" type="submit" name="submit.delete.${n}"></span></span>
   <span class="sc-action-save-for-later"><span class="a-declarative"><input value="Save for later" aria-label="Save for later ${title}" type="submit" name="submit.save.${n}"></span></span>
   <span class="sc-action-share"><a class="a-link-normal sc-action-link" href="#" role="button" aria-label="Share ${title}">Share</a></span></div></div></div></div></div>
  <div class="a-column a-span2 sc-item-right-col"><p class="a-spacing-mini"><span class="a-size-medium sc-price sc-product-price">${price}</span></p></div></div></div></div>`;

test('a cart\'s rows ten levels deep are one list, with each row\'s price and Share link and names kits do not give', () => {
  const doc = build(`<main><h1>Shopping Cart</h1><form id="activeCartViewForm" method="post" action="/cart"><div data-name="Active Items" class="a-row a-spacing-mini sc-list-body">
    ${cartRow(1, 'Apple AirPods Pro (2nd Generation)', 'In Stock', '$189.99')}${cartRow(2, 'Echo Dot (3rd Gen)', 'Only 3 left in stock', '$22.99')}${cartRow(3, 'Anker Portable Charger', 'In Stock', '$21.99')}
    </div></form></main>`);
  // Named by what the page calls the box (`data-name`), not `spacing_mini`.
  const rows = list(doc, 'activecartviewform__active_items');
  expect(rows.count).toBe(3);
  // Amazon's `sc-product-title` is no styled-components hash; `a-color-success`, `a-list-item` are its kit's styles.
  expect(rows.fields).toEqual(expect.arrayContaining(['product_title', 'product_availability', 'price']));
  // Past the select's twelve options and the icons' drawings: the row's Share link is reached. The select is `qty`
  // (its own label once, not "Qty: Qty: Qty:"); words that only join go on to one that says something.
  expect(rows.actions).toEqual(expect.arrayContaining(['share', 'qty', 'delete', 'save_for_later', 'this_is_a_gift', 'product_title']));
  expect(rows.samples[1]).toMatchObject({ product_title: 'Echo Dot (3rd Gen)', product_availability: 'Only 3 left in stock', price: '$22.99', qty: '0' });
  // No row's control is an entry of its own.
  expect(names(doc).filter((name) => /airpods|echo|anker|gift/.test(name) && name !== 'activecartviewform__active_items')).toEqual([]);
});

/** A Google result (trimmed): build-hashed classes, a cite, a date before the snippet in some results only. */
const result = (n: number, title: string, site: string, cite: string, snippet: string, date = '') => `<div class="MjjYud"><div class="g Ww4FFb vt6azd tF2Cxc asEBEc">
  <div class="N54PNb BToiNc"><div class="kb0PBd A9Y9g jGGQ5e"><div class="yuRUbf"><div><span><a href="https://site${n}.example/page"><br><h3 class="LC20lb MBeuO DKV0Md">${title}</h3>
  <div class="notranslate HGLrXd NJjxre iUh30 ojE3Fb"><div class="q0vns"><div class="CA5RN"><div><span class="VuuXrf">${site}</span></div>
  <div class="byrV5b"><cite class="tjvcx GvPZzd cHaqb" role="text">${cite}</cite></div></div></div></div></a></span></div>
  <div class="B6fmyf byrV5b Mg1Ilc"><div role="button" tabindex="0" aria-label="About this result" aria-haspopup="true">${icon}</div></div></div></div>
  <div class="kb0PBd A9Y9g" data-sncf="1"><div class="VwiC3b yXK7lf p4wth">${date ? `<span class="LEwnzc Sqrs4e"><span>${date}</span> — </span>` : ''}<span>${snippet}</span></div></div></div></div></div>`;

test('search results with a "People also ask" block between them: the block is no result, every result has its snippet and date where shown', () => {
  const ask = (q: string) => `<div class="related-question-pair"><div role="button" tabindex="0" aria-expanded="false" class="dnXCYb"><span>${q}</span></div></div>`;
  const doc = build(`<main><div id="search"><h1>Search Results</h1><div id="rso">
    ${result(1, 'How to Choose Hiking Boots', 'REI', 'https://www.rei.com › learn', 'Learn how to choose the right boots.')}
    ${result(2, 'The 7 Best Hiking Boots', 'OutdoorGearLab', 'https://www.outdoorgearlab.com › topics', 'We tested 25 pairs.', 'Mar 14, 2024')}
    <div class="MjjYud"><div class="cUnQKe"><div><h2>People also ask</h2></div><div>${ask('What is the number one hiking boot?')}${ask('How long should hiking boots last?')}</div></div></div>
    ${result(3, 'Best hiking boots?', 'Reddit', '50+ comments · 1 year ago', 'Three pairs of Merrell Moab 3s.')}
    ${result(4, 'Best Hiking Boots of 2024', 'Switchback Travel', 'https://www.switchbacktravel.com', 'Our picks.', 'Feb 2, 2024')}</div></div></main>`);
  const results = entries(doc).find((e) => e.kind === 'list' && e.name.endsWith('__rso'));
  if (results?.kind !== 'list') throw new Error(`no results list; have ${names(doc).join(', ')}`);
  // Four results, not five with an empty one: the questions are entries.
  expect(results.count).toBe(4);
  expect(names(doc).filter((name) => name.includes('what_is_the_number'))).toHaveLength(1);
  // The snippet is one field in results with a date and without (`span:not(.LEwnzc)`); the date is `date`, the cite
  // `source`; no field is named by a hash (`tjvcx`, `yu_rubf`) or by `notranslate`.
  const snippet = results.fields.find((field) => results.samples[0]![field] === 'Learn how to choose the right boots.');
  expect(snippet).toBeDefined();
  expect(results.samples[1]).toMatchObject({ [snippet!]: 'We tested 25 pairs.', date: 'Mar 14, 2024 —', source: 'https://www.outdoorgearlab.com › topics' });
  expect(results.fields.join(' ')).not.toMatch(/tjvcx|rubf|notranslate|uh30|haqb/);
});

test('a price found by its place from the end (after an old price in some cards) is one field, kept before other words', () => {
  const card = (n: number, name: string, price: string, old = '') => `<div data-testid="property-card" role="listitem"><div class="c1"><h3><a href="/hotel/${n}" data-testid="title-link">${name}</a></h3>
    <span class="f1">${n} km from centre</span><div class="r1">Scored ${n + 6}.5</div><div class="r2">Good</div><div class="r3">${n * 100} reviews</div><div class="u1">Double room</div><div class="u2">1 double bed</div>
    <div class="u3">Breakfast included</div><div class="u4">2 nights, 2 adults</div><div class="p0"><span class="bui-u-sr-only">Current price</span>
    ${old ? `<span class="st" aria-hidden="true">${old}</span><span class="was"><span class="bui-u-sr-only">Original price</span>${old}</span>` : ''}<span class="pr" aria-hidden="true">${price}</span><span class="bui-u-sr-only">${price}</span></div>
    <div class="tx">+€ 34 taxes</div><button aria-label="Save ${name}">♡</button><a href="/hotel/${n}#rooms">See availability</a><a href="/map/${n}">Show on map</a><button aria-label="Share ${name}">↗</button>
    <button aria-label="Compare ${name}">⇄</button><a href="/hotel/${n}#reviews">Read reviews</a></div></div>`;
  const doc = build(`<main><h2>Paris: results</h2><div role="list">${card(1, 'Hotel Le Marais', '€ 389', '€ 412')}${card(2, 'Citadines', '€ 521')}${card(3, 'Generator Paris', '€ 142')}${card(4, 'Ibis Gare de Lyon', '€ 198', '€ 240')}</div></main>`);
  const cards = list(doc, 'paris_results__items');
  expect(cards.fields).toContain('price');
  expect(cards.samples.map((sample) => sample.price)).toEqual(['€ 389', '€ 521', '€ 142']);
  expect(cards.fields.join(' ')).not.toMatch(/bui|sr_only/);
});

test('controls whose words are the values picked are named by their test ids; counts said after a tab or a heading stay out of names', () => {
  const doc = build(`<form role="search" aria-label="Search stays" action="/searchresults"><input aria-label="Where are you going?" value="Paris">
    <div data-testid="searchbox-dates-container"><button type="button" data-testid="date-display-field-start"><span aria-hidden="true">${icon}</span><span>Fri 14 Jun</span></button>
    <span>—</span><button type="button" data-testid="date-display-field-end"><span>Sun 16 Jun</span></button></div>
    <div><span aria-hidden="true">${icon}</span><button type="button" data-testid="occupancy-config" aria-expanded="false"><span>2 adults · 0 children · 1 room</span></button></div>
    <div><button type="submit">Search</button></div></form>
    <main><div role="tablist"><div role="tab" aria-selected="true" tabindex="0" aria-label="Primary,">Primary</div>
    <div role="tab" aria-selected="false" tabindex="-1" aria-label="Promotions, 3 new messages,"><div>Promotions</div><div>3 new</div></div></div>
    <section><h3><span>Top cast</span><span class="ipc-title__subtext">99+</span></h3><a href="/name/nm1">Cillian Murphy</a></section></main>`);
  const all = names(doc);
  expect(all).toEqual(expect.arrayContaining(['search_stays__date_display_field_start_button', 'search_stays__date_display_field_end_button',
    'search_stays__occupancy_config_button', 'main__promotions_tab']));
  expect(all.join(' ')).not.toMatch(/fri_14|adults|3_new|99/);
  expect(all.some((name) => name.startsWith('top_cast__'))).toBe(true);
});

/** A Jira column (trimmed): a header and the cards' box alike in shape, each card a `role=button` around its controls. */
const column = (name: string, cards: Array<[string, string, string]>) => `<div data-testid="platform-board-kit.ui.column.draggable-column.styled-wrapper" role="group" aria-label="${name}">
  <div data-testid="platform-board-kit.ui.column-header.header.ui.column-header-container" class="_1e0c1txw"><div class="_1reo15vq"><h2 title="${name}">${name}</h2></div>
   <button aria-label="More actions for column ${name}" aria-haspopup="true" type="button">${icon}</button></div>
  <div data-testid="platform-board-kit.ui.column.column-cards" class="_1e0c1txw"><div data-rbd-droppable-id="COLUMN::${name}" class="_1e0c1txw">${cards.map(([key, summary, priority]) => `
   <div data-testid="platform-board-kit.ui.card.card" class="_1pby1nn1" tabindex="0" role="button" id="card-${key}" aria-label="${key} ${summary}. Use the enter key to load the work item.">
    <div><div data-testid="platform-card.common.ui.summary"><span class="_1e0c1o8l">${summary}</span></div>
    <div><div data-testid="platform-card.common.ui.key.key"><a href="/browse/${key}" data-testid="platform-card.common.ui.key.link" tabindex="-1"><span>${key}</span></a></div>
    <div data-testid="platform-card.ui.card.card-content.footer.priority"><img src="data:," alt="Priority: ${priority}" title="Priority: ${priority}"></div></div></div>
    <button data-testid="platform-card.ui.card.actions-section.button" aria-label="Card actions on ${key}" type="button">${icon}</button></div>`).join('')}</div>
   <button aria-label="Create work item in ${name}" type="button">${icon}<span>Create</span></button></div></div>`;

test('a board\'s columns whose cards are buttons around their own controls are lists of cards named by their test ids', () => {
  const doc = build(`<main><div data-rbd-droppable-id="board">${column('To Do', [['PAY-101', 'Add Apple Pay to checkout', 'High'], ['PAY-107', 'Refund retries fail', 'Highest'], ['PAY-112', 'Update currency list', 'Low']])}
    ${column('In Progress', [['PAY-98', 'Migrate invoices', 'Medium'], ['PAY-104', '3DS iframe cut off', 'High']])}${column('Done', [['PAY-90', 'Stripe SDK upgrade', 'Medium']])}</div></main>`);
  // One list per column (was one list of the columns, its cards `enter`, `enter_2` and the third card nowhere), not
  // named by the project's key in the cards' ids (`pays`).
  const todo = list(doc, 'to_do__items');
  expect(todo.count).toBe(3);
  expect(list(doc, 'done__items').count).toBe(1);
  // The card by its test id's item word, not a word of its label's sentence; parts by their wrappers' test ids.
  expect(todo.actions).toEqual(expect.arrayContaining(['card', 'key_link', 'card_actions']));
  expect(todo.samples[2]).toMatchObject({ summary: 'Update currency list', key_link: 'PAY-112', priority: 'Priority: Low' });
});

test('a comment\'s wordless vote link is named by its picture\'s title', () => {
  const comment = (id: number, who: string, words: string) => `<tr class="athing comtr" id="${id}"><td><table><tr><td class="ind" indent="0"><img src="s.gif" height="1" width="0"></td>
    <td class="votelinks"><center><a id="up_${id}" href="vote?id=${id}&how=up"><div class="votearrow" title="upvote"></div></a></center></td>
    <td class="default"><span class="comhead"><a href="user?id=${who}" class="hnuser">${who}</a> <span class="age"><a href="item?id=${id}">2 hours ago</a></span></span>
    <div class="comment"><div class="commtext c00">${words}</div><div class="reply"><p><font size="1"><u><a href="reply?id=${id}">reply</a></u></font></p></div></div></td></tr></table></td></tr>`;
  const doc = build(`<table class="comment-tree">${comment(1, 'tptacek', 'The interesting part.')}${comment(2, 'dang', 'Right.')}${comment(3, 'pcwalton', 'I ran it.')}</table>`);
  const comments = entries(doc).find((e) => e.kind === 'list' && e.count === 3);
  if (comments?.kind !== 'list') throw new Error(`no comments list; have ${names(doc).join(', ')}`);
  expect(comments.actions).toEqual(expect.arrayContaining(['upvote', 'hnuser', 'reply']));
});

test('on a page whose build shortened its classes, a short class names no field', () => {
  const filler = Array.from({ length: 40 }, (_, n) => `<i class="${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(65 + ((n * 7) % 26))}${n % 10}"></i>`).join('');
  const row = (from: string, subject: string, when: string) => `<tr class="zA yO" role="row"><td class="xY"><span class="T-KT" role="button" aria-label="Not starred" tabindex="-1">☆</span></td>
    <td class="yX xY"><span class="bA4"><span class="bqe" email="x@example.com">${from}</span></span></td><td class="xY a4W"><div class="xS" role="link" tabindex="-1"><span class="bog">${subject}</span></div></td>
    <td class="xW xY"><span title="${when}">${when}</span></td></tr>`;
  const doc = build(`<div hidden>${filler}</div><main><table><tbody>${row('Stripe', 'Your receipt', '10:42 AM')}${row('Maria Lopez', 'Re: offsite', '9:15 AM')}${row('GitHub', 'New comment', 'Jun 13')}</tbody></table></main>`);
  const rows = entries(doc).find((e) => e.kind === 'list' && e.count === 3);
  if (rows?.kind !== 'list') throw new Error(`no rows list; have ${names(doc).join(', ')}`);
  expect(rows.fields.join(' ')).not.toMatch(/\bb_a4\b|\bbog\b|\bbqe\b/);
  expect(rows.fields).toContain('date');
});
