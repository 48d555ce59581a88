// @vitest-environment happy-dom
/**
 * Explorer, session 53.
 */
import { expect, test } from 'vitest';
import { build, lists } from './helpers.ts';

const card = (id: string, name: string, price: string, struck = '') => `<div class="card"><div class="c_b2"><h3><a href="/hotel/${id}">${name}</a></h3>
  <div class="price">${struck}<span data-testid="price-and-discounted-price">${price}</span><div class="tx">+€12 taxes and fees</div></div>
  <a class="cta" href="/hotel/${id}#avail">See availability</a></div></div>`;

test('a price after an old price struck in some cards only reads the price in every card', () => {
  const doc = build(`<main><h2>Results</h2><div class="results">${card('a', 'Avenida', '€256', '<span class="strike" style="text-decoration:line-through">€320</span> ')}${card('b', 'Pessoa', '€198')}${card('c', 'Goodmorning', '€64')}</div></main>`);
  const [results] = lists(doc);
  expect(results!.samples.map((s) => Object.values(s).find((v) => typeof v === 'string' && v.startsWith('€')))).toEqual(['€256', '€198', '€64']);
});

test('a text that counts one thing in every card is named by what it counts; other counts stay text', () => {
  const row = (name: string, says: string, count: string) => `<li><a href="/h/${name}">${name}</a><div class="sc_w">${says}</div><div class="sc_c">${count}</div><button>Save</button></li>`;
  const [hotels] = lists(build(`<main><h2>Hotels</h2><ul>${row('Avenida', 'Excellent', '2,345 reviews')}${row('Pessoa', 'Good', '1 review')}${row('Gm', 'Fair', '877 reviews')}</ul></main>`));
  expect(hotels!.fields).toContain('reviews');
  expect(hotels!.samples[1]).toMatchObject({ reviews: '1 review' });
  const [mixed] = lists(build(`<main><h2>Hotels</h2><ul>${row('Avenida', 'Excellent', '2,345 reviews')}${row('Pessoa', 'Good', '3 photos')}${row('Gm', 'Fair', '877 reviews')}</ul></main>`));
  expect(mixed!.fields).not.toContain('reviews');
});
