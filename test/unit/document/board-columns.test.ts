// @vitest-environment happy-dom
/**
 * A kanban board's columns: each column's cards are a list under the column's heading (one card too), the column's
 * own controls entries there; the cards' fields are the board's. Headed blocks that are no board stay as they were.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, list, lists, names } from './helpers.ts';

const board = readFileSync('test/fixtures/apps/widgets/board.html', 'utf8').replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');

test('each column\'s cards are a list under its heading, with the board\'s fields', () => {
  const doc = build(board);
  expect(doc.sections.map((s) => s.name)).toEqual(['sprint_board', 'to_do', 'in_progress', 'done']);
  expect(names(doc)).toEqual(expect.arrayContaining(['sprint_board__add_another_list_button',
    'to_do__list_actions_button', 'to_do__add_a_card_link', 'in_progress__list_actions_button', 'done__add_a_card_link']));
  const counts = lists(doc).map((l) => [l.name, l.count]);
  expect(counts).toEqual([['to_do__list_cards', 2], ['in_progress__list_cards', 1], ['done__list_cards', 2]]);
  for (const column of lists(doc)) expect(column.fields).toEqual(expect.arrayContaining(['card_labels', 'list_card_title', 'badge_text', 'member']));
  expect(new Set(lists(doc).map((l) => l.fields.join()))).toHaveProperty('size', 1);
  // Labels wrapped each in a span of their own are one field, as many as a card has.
  expect(list(doc, 'in_progress__list_cards').samples[0]).toMatchObject({ card_labels: 'Backend, Urgent', list_card_title: 'Payment webhook retries' });
  expect(renderDocument(doc)).toContain('$done__list_cards list(2)');
});

test('names stay when a card is added to a column', () => {
  const before = names(build(board));
  const more = board.replace('<li class="card"><a class="list-card" href="#c-ci">',
    '<li class="card"><a class="list-card" href="#c-x"><span class="list-card-title">Extra</span></a><button type="button" aria-label="Edit card">✎</button></li><li class="card"><a class="list-card" href="#c-ci">');
  expect(names(build(more))).toEqual(before);
});

test('headed blocks that are no board stay as they were', () => {
  // A footer's columns of links, one link a row: no cards.
  const footer = build(`<footer>${['Product', 'Company', 'Help'].map((title) => `<div class="col"><h3>${title}</h3><ul>
    <li><a href="/${title}/a">${title} one</a></li><li><a href="/${title}/b">${title} two</a></li></ul></div>`).join('')}</footer>`);
  expect(lists(footer).map((l) => l.name)).not.toContain('product__links');
  expect(footer.sections.map((s) => s.name)).not.toContain('company');
  // Product cards whose rows are the same two actions in every card.
  const products = build(`<main><h1>Shop</h1><div class="grid">${['Mug', 'Cup', 'Bowl'].map((title) => `<div class="product"><h3>${title}</h3><p>$12</p>
    <ul class="actions"><li><button>Add to cart</button> <small>free shipping</small></li><li><button>Wishlist</button> <small>save</small></li></ul></div>`).join('')}</div></main>`);
  expect(products.sections.map((s) => s.name)).toEqual(['shop']);
  expect(lists(products)).toHaveLength(1);
  // Search results whose titles are links, each with sitelinks.
  const results = build(`<main><h1>Results</h1>${['Alpha', 'Beta', 'Gamma'].map((title) => `<div class="result"><h3><a href="/${title}">${title}</a></h3>
    <ul class="sitelinks"><li><a href="/${title}/docs">Docs</a> <span>guides</span></li><li><a href="/${title}/blog">${title} blog</a> <span>news</span></li></ul></div>`).join('')}</main>`);
  expect(results.sections.map((s) => s.name)).toEqual(['results']);
});
