// @vitest-environment happy-dom
/** A price struck through (the old one, `<s>`, `<del>`, a line-through class) is `old_price`; the one paid is `price`. */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';

const card = (n: number, name: string, body: string) => `<li class="product"><h3 class="product-name">${name}</h3>${body}<button>Add to cart</button></li>`;

test('of two prices of one class, the struck one is old_price and the one paid is price', () => {
  const doc = build(`<main><h2>Deals</h2><ul>${[1, 2, 3].map((n) => card(n, `Lamp ${n}`, `<s class="price">$${n}9.00</s> <span class="price">$${n}5.00</span>`)).join('')}</ul></main>`);
  const deals = list(doc, 'deals__items');
  expect(deals.fields).toEqual(['name', 'old_price', 'price']);
  expect(deals.samples[0]).toMatchObject({ old_price: '$19.00', price: '$15.00' });
});

test('del and ins with no class, named by their wrapper: old_cost and cost', () => {
  const doc = build(`<main><h2>Deals</h2><ul>${[1, 2, 3].map((n) => card(n, `Lamp ${n}`, `<p class="cost"><del>$${n}9</del> <ins>$${n}5</ins></p>`)).join('')}</ul></main>`);
  const deals = list(doc, 'deals__items');
  expect(deals.samples[0]).toMatchObject({ old_cost: '$19', cost: '$15' });
});

test('a slot struck in some items only is no old value (review, session 41)', () => {
  // The first card's was-price and the second card's only price are one slot (`span.price:first-child`): not "old".
  const item = (n: number, sale: boolean) => `<li class="product"><h3 class="product-name">Lamp ${n}</h3><p class="prices">${sale ? `<span class="price" style="text-decoration: line-through">$${n}9</span> ` : ''}<span class="price">$${n}5</span></p><button>Add to cart</button></li>`;
  const doc = build(`<main><h2>Deals</h2><ul>${item(1, true)}${item(2, false)}${item(3, true)}${item(4, false)}</ul></main>`);
  const names = list(doc, 'deals__items').fields;
  expect(names.some((name) => name.startsWith('old_'))).toBe(false);
});
