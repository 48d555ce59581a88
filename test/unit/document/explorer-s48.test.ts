// @vitest-environment happy-dom
/**
 * Session 48's explorer findings on GitHub-, YouTube-, Kayak- and Stripe-like pages: a count in its own element stays
 * out of a heading's name; a tab's link is its list's field where some tabs lack the counter inside it; each row's
 * toggle button and text box say their state in the samples; a labelled wrapper around nothing but a list names it;
 * class parts a build tool hashed are no names.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { readableToken } from '../../../extension/content/document/text.ts';
import { build, entry, list, names } from './helpers.ts';

test('a count in its own element is no part of a heading\'s name', () => {
  const doc = build('<main><h2><span>1,532</span> <span>Comments</span></h2><button aria-label="Sort comments">Sort by</button></main>');
  expect(names(doc)).toContain('comments__sort_comments_button');
  // Words with a number of their own keep it.
  expect(names(build('<main><h2>Chapter 7</h2><button>Read</button></main>'))).toContain('chapter_7__read_button');
});

test('a tab with a counter inside reads its whole words beside a tab with none', () => {
  const doc = build(`<nav aria-label="Repository"><ul>
    <li><a href="/code">Code</a></li><li><a href="/issues">Issues <span class="Counter">42</span></a></li>
    <li><a href="/pulls">Pull requests <span class="Counter">7</span></a></li><li><a href="/actions">Actions</a></li></ul></nav>`);
  expect(renderDocument(doc)).toContain('$repository__items list(4) of links e.g. "Code", "Issues 42", "Pull requests 7" …');
  // A title link around its title's span, in every item, is still read once, by the span.
  const cards = list(build(`<main><h1>News</h1><div class="cards">
    <div class="card"><a href="/a"><span class="headline">Alpha wins</span> <span class="when">1h</span></a><button>Save</button></div>
    <div class="card"><a href="/b"><span class="headline">Beta loses</span> <span class="when">2h</span></a><button>Save</button></div>
    <div class="card"><a href="/c"><span class="headline">Gamma ties</span> <span class="when">3h</span></a><button>Save</button></div></div></main>`), 'news__cards');
  expect(cards.fields).toEqual(['headline', 'when']);
});

test('each row\'s toggle button and text box say their state in the samples', () => {
  const rows = list(build(`<main><h2>Order summary</h2><div class="items">
    <div class="line"><span class="name">Ethiopia 12oz</span><input aria-label="Quantity" value="2"><button aria-pressed="false" aria-label="Gift">🎁</button></div>
    <div class="line"><span class="name">Filters</span><input aria-label="Quantity" value="1"><button aria-pressed="true" aria-label="Gift">🎁</button></div>
    <div class="line"><span class="name">Dripper</span><input aria-label="Quantity" value="3"><button aria-pressed="false" aria-label="Gift">🎁</button></div>
  </div></main>`), 'order_summary__items');
  expect(rows.samples).toEqual([
    { name: 'Ethiopia 12oz', quantity: '2', gift: 'false' },
    { name: 'Filters', quantity: '1', gift: 'true' },
    { name: 'Dripper', quantity: '3', gift: 'false' },
  ]);
  expect(renderDocument(build(document.body.innerHTML))).toContain('{name: "Filters", gift: true, quantity: "1"}');
});

test('a card number in a row is never a sample', () => {
  const rows = list(build(`<main><h2>Cards</h2><div class="items">
    <div class="line"><span class="name">Work</span><input aria-label="Card number" autocomplete="cc-number" value="4242424242424242"><button>Remove</button></div>
    <div class="line"><span class="name">Home</span><input aria-label="Card number" autocomplete="cc-number" value="5555555555554444"><button>Remove</button></div>
    <div class="line"><span class="name">Travel</span><input aria-label="Card number" autocomplete="cc-number" value="4000056655665556"><button>Remove</button></div>
  </div></main>`), 'cards__items');
  expect(JSON.stringify(rows.samples)).not.toMatch(/4242|5555|4000/);
});

test('a labelled group around nothing but the list names it, not a behaviour hook class', () => {
  const doc = build(`<main><div role="group" aria-label="Issues"><div class="js-navigation-container">
    <div class="Box-row"><input type="checkbox" aria-label="Select"><a href="/issues/12">Crash when saving</a></div>
    <div class="Box-row"><input type="checkbox" aria-label="Select"><a href="/issues/11">Add dark mode</a></div>
    <div class="Box-row"><input type="checkbox" aria-label="Select"><a href="/issues/9">Docs outdated</a></div>
  </div></div></main>`);
  expect(list(doc, 'main__issues').count).toBe(3);
});

test('hashed class parts are no names; words and common abbreviations are', () => {
  for (const hashed of ['c_cgF', 'xdW8', 'nrc6', 'KL4NAf', 'vmXl', 'f8F1', 'Iqt3']) expect(readableToken(hashed), hashed).toBeUndefined();
  for (const word of ['btnPrimary', 'navBar', 'isActive', 'col2', 'IssueLabel', 'MuiChip-root', 'Box-row', 'Link--primary', 'mw-parser-output', 'mdcList', 'ctaBtn', 'rhythm', 'item1', 'Box2', 'btn2'])
    expect(readableToken(word), word).toBe(word);
  const flights = list(build(`<main><h2>Results</h2><div class="resultsList">
    <div class="nrc6"><div class="c_cgF">United</div><div class="f8F1-price-text">$189</div><a href="/book?a1">Select</a></div>
    <div class="nrc6"><div class="c_cgF">JetBlue</div><div class="f8F1-price-text">$142</div><a href="/book?a2">Select</a></div>
    <div class="nrc6"><div class="c_cgF">Delta</div><div class="f8F1-price-text">$199</div><a href="/book?a3">Select</a></div>
  </div></main>`), 'results__resultslist');
  expect(flights.fields.join(' ')).not.toMatch(/cg|f8/);
});

test('a grid\'s header row is no item where rows have a cell more for their actions', () => {
  const files = list(build(`<div role="grid" aria-label="Files">
    <div role="row"><div role="columnheader">Name</div><div role="columnheader">Owner</div><div role="columnheader">Size</div></div>
    ${[['Budget draft', 'me', '1 KB'], ['Headcount.xlsx', 'Kiran', '24 KB'], ['Agenda.pdf', 'me', '312 KB']].map(([name, owner, size]) =>
      `<div role="row" tabindex="-1"><div role="gridcell"><div>${name}</div></div><div role="gridcell">${owner}</div><div role="gridcell">${size}</div><div role="gridcell"><div role="button" aria-label="More actions"></div></div></div>`).join('')}
  </div>`), 'page__files');
  expect(files.count).toBe(3);
  expect(files.samples[0]).toMatchObject({ owner: 'me', size: '1 KB' });
});

test('links that share only a month are no `may`; a date said for machines is a `date`', () => {
  const thread = list(build(`<main><h2>Comments</h2><div class="thread">
    ${[['mchen', 2, 'Crashes on save.'], ['jdoe', 3, 'Reproduced.'], ['kp', 4, 'Fixed.']].map(([who, day, text]) =>
      `<div class="comment"><a class="author" href="/${who}">${who}</a> commented <a href="#c${day}" class="Link--secondary"><relative-time datetime="2024-05-0${day}">May ${day}, 2024</relative-time></a><p>${text}</p></div>`).join('')}
  </div></main>`), 'comments__thread');
  expect([...thread.fields, ...thread.actions].join(' ')).not.toMatch(/\bmay\b/);
  expect(thread.samples[0]).toMatchObject({ date: 'May 2, 2024' });
});

test('a list is named by the heading before the buttons that act on it', () => {
  const doc = build(`<aside aria-label="Filters"><h3>Airlines</h3><button type="button">Select all</button> <button type="button">Clear all</button>
    <ul>${['United', 'Delta', 'JetBlue'].map((name) => `<li><label><input type="checkbox"> ${name}</label></li>`).join('')}</ul></aside>`);
  expect(list(doc, 'filters__airlines').count).toBe(3);
});

test('a drawn text box showing its placeholder has no value', () => {
  const doc = build(`<main><h2>Comments</h2>
    <div id="simplebox-placeholder" role="textbox" tabindex="0">Add a comment...</div>
    <div role="textbox" aria-label="Reply" aria-placeholder="Write a reply" contenteditable="true">Write a reply</div>
    <div role="textbox" aria-label="Note" aria-placeholder="Write a note" contenteditable="true">Bring snacks</div></main>`);
  expect(entry(doc, 'comments__simplebox_placeholder').state?.value).toBeUndefined();
  expect(entry(doc, 'comments__reply').state?.value).toBeUndefined();
  expect(entry(doc, 'comments__note').state?.value).toBe('Bring snacks');
});
