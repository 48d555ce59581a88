// @vitest-environment happy-dom
/**
 * A list the page shows a page of says what the page says of how many there are in all ("Showing 1–4 of 87 results"
 * above search results, "1-3 of 23" in a table's pager): `list(4)` alone read as all there are (explorer, session 44).
 */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

const results = (n: number) => Array.from({ length: n }, (_, i) => `<li><a href="/p/${i}">Lamp ${i}</a><span>$${10 + i}</span></li>`).join('');

test('a range above a list and a pager\'s below a table are said with them', () => {
  const doc = build(`<main><h1>Search</h1><div class="toolbar"><span>Showing 1–4 of 87 results</span><button>Sort</button></div>
    <ul class="results">${results(4)}</ul>
    <h2>Orders</h2><table><thead><tr><th>Order</th><th>Total</th></tr></thead><tbody>
    <tr><td>#1</td><td>$5</td></tr><tr><td>#2</td><td>$6</td></tr><tr><td>#3</td><td>$7</td></tr></tbody></table>
    <div class="pager">Rows per page: 3 &nbsp; 1-3 of 23 <button aria-label="Next page">›</button></div></main>`);
  expect(list(doc, 'search__results').countSaid).toBe('Showing 1–4 of 87 results');
  expect(list(doc, 'orders__table').countSaid).toBe('1-3 of 23');
  expect(renderDocument(doc)).toContain('$search__results list(4) page says "Showing 1–4 of 87 results"');
});

test('"87 results" is said; a price range, a date range or a count of something else is not', () => {
  expect(list(build(`<main><h1>Search</h1><p>87 results</p><ul class="results">${results(3)}</ul></main>`), 'search__results').countSaid).toBe('87 results');
  for (const words of ['Prices from $10 - $20', 'Open 9 - 17 daily', 'Free shipping over 50', '2 of our favourites']) {
    expect(list(build(`<main><h1>Search</h1><p>${words}</p><ul class="results">${results(3)}</ul></main>`), 'search__results').countSaid, words).toBeUndefined();
  }
});

test('another part\'s count (a section after this one, with its own heading) is not this list\'s', () => {
  const doc = build(`<main><h1>Account</h1><section><h2>Recent</h2><ul class="results">${results(3)}</ul></section>
    <section><h2>Invoices</h2><table><thead><tr><th>Invoice</th><th>Amount</th></tr></thead><tbody>
    <tr><td>A</td><td>$5</td></tr><tr><td>B</td><td>$6</td></tr><tr><td>C</td><td>$7</td></tr></tbody></table><p>1–3 of 23</p></section></main>`);
  expect(list(doc, 'recent__results').countSaid).toBeUndefined();
  expect(list(doc, 'invoices__table').countSaid).toBe('1–3 of 23');
});

test('a pager between two lists is the one before it\'s; a page size is no count (review, session 45)', () => {
  const cards = (word: string) => Array.from({ length: 3 }, (_, i) => `<div class="r"><a href="/${word}/${i}">${word} ${i}</a> <span>$${i}</span> <button>Add to cart</button></div>`).join('');
  const doc = build(`<main><div><div class="results">${cards('Lamp')}</div><div class="pager">1 - 3 of 42</div><div class="sponsored">${cards('Ad')}</div></div></main>`);
  expect([list(doc, 'main__results').countSaid, list(doc, 'main__sponsored').countSaid]).toEqual(['1 - 3 of 42', undefined]);
  for (const words of ['Showing 24 results per page', 'Show 50 results', 'Top 10 results']) {
    expect(list(build(`<main><div><p>${words}</p><div class="results">${cards('Lamp')}</div></div></main>`), 'main__results').countSaid, words).toBeUndefined();
  }
});
