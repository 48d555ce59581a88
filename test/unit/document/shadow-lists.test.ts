// @vitest-environment happy-dom
/** Cards a web component draws in its own shadow root are a list; their fields are read through the root (shadow-parts.ts). */
import { expect, test } from 'vitest';
import { build, list, load, names } from './helpers.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { slotElement } from '../../../extension/content/document/lists.ts';

const PLANTS = [['Fern', '$12'], ['Cactus', '$8'], ['Olive tree', '$45'], ['Basil', '$4']];

function drawCards(html: (name: string, price: string) => string): void {
  for (const card of Array.from(document.querySelectorAll('plant-card'))) {
    card.attachShadow({ mode: 'open' }).innerHTML = html(card.getAttribute('data-name')!, card.getAttribute('data-price')!);
  }
}

test('hosts whose roots draw the cards are the items: fields, actions and samples through the root', () => {
  load(`<main><h1>Shop</h1><div class="grid">${PLANTS.map(([n, p]) => `<plant-card data-name="${n}" data-price="${p}"></plant-card>`).join('')}</div></main>`);
  drawCards((name, price) => `<div class="badge">new</div><div class="card"><h3 class="title">${name}</h3><span class="price">${price}</span>
    <button>Add to cart</button><a href="/p/${name}">Details</a></div>`);
  const doc = buildPageDocument(document);
  expect(names(doc)).toEqual(['shop__grid']);
  const plants = list(doc, 'shop__grid');
  expect(plants).toMatchObject({ count: 4, fields: ['title', 'price'], actions: ['add_to_cart', 'details'] });
  expect(plants.samples[2]).toEqual({ title: 'Olive tree', price: '$45' });
  // The path enters the root at its top-level elements, told apart by class (two divs there).
  const button = plants.slots.find((s) => s.name === 'add_to_cart')!;
  expect(button.selector).toBe(':scope >>> div.card > button');
  const third = document.querySelectorAll('plant-card')[2]!;
  expect(slotElement(third, button.selector)).toBe(third.shadowRoot!.querySelector('button'));
});

test('a root in a root (a card drawing a price component) is followed; light-DOM cards are as before', () => {
  load(`<main><h1>Shop</h1><div class="grid">${PLANTS.map(([n, p]) => `<plant-card data-name="${n}" data-price="${p}"></plant-card>`).join('')}</div></main>`);
  drawCards((name, price) => `<div><h3>${name}</h3><price-tag data-price="${price}"></price-tag><button>Buy</button></div>`);
  for (const card of Array.from(document.querySelectorAll('plant-card'))) {
    const tag = card.shadowRoot!.querySelector('price-tag')!;
    tag.attachShadow({ mode: 'open' }).innerHTML = `<b class="amount">${tag.getAttribute('data-price')}</b>`;
  }
  const doc = buildPageDocument(document);
  const plants = list(doc, 'shop__grid');
  expect(plants.samples[0]).toMatchObject({ title: 'Fern', amount: '$12' });
  const amount = plants.slots.find((s) => s.name === 'amount')!;
  expect(amount.selector).toBe(':scope >>> div > price-tag >>> b.amount');
  expect(slotElement(document.querySelectorAll('plant-card')[3]!, amount.selector)?.textContent).toBe('$4');

  const light = build(`<main><h1>Shop</h1><ul>${PLANTS.map(([n, p]) => `<li><h3>${n}</h3><span class="price">${p}</span><button>Buy</button></li>`).join('')}</ul></main>`);
  expect(list(light, 'shop__items').slots.map((s) => s.selector)).toEqual([':scope > h3', ':scope > span.price', ':scope > button']);
});

test('a path whose root is gone finds nothing (a card not drawn yet)', () => {
  load('<plant-card></plant-card>');
  expect(slotElement(document.querySelector('plant-card')!, ':scope >>> div > button')).toBeNull();
});

test('a row of buttons a design system draws (`<sl-button>Cancel</sl-button>`, its words slotted into its button) stays buttons (review, session 42)', () => {
  load('<main><h2>Dialog</h2><div class="footer"><sl-button>Cancel</sl-button><sl-button>Save draft</sl-button><sl-button>Publish</sl-button></div></main>');
  for (const host of Array.from(document.querySelectorAll('sl-button'))) host.attachShadow({ mode: 'open' }).innerHTML = '<button part="base"><span><slot></slot></span></button>';
  expect(names(buildPageDocument(document))).toEqual(['dialog__cancel_button', 'dialog__save_draft_button', 'dialog__publish_button']);
});
