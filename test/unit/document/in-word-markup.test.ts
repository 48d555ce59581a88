// @vitest-environment happy-dom
/**
 * Markup inside a word (a highlighted search term, a brand's bold half, a chemical formula) is no word break in the
 * document's text: "iPhone 15", not "i Phone 15" (review, session 38). Other elements' edges still are ("Home About").
 */
import { expect, test } from 'vitest';
import { textOf } from '../../../extension/content/document/dom.ts';

test.each([
  ['i<mark>Phone</mark> 15', 'iPhone 15'],
  ['Mac<b>Book</b> Air', 'MacBook Air'],
  ['H<sub>2</sub>O and 24<sup>th</sup>', 'H2O and 24th'],
  ['ABC123<wbr>DEF456', 'ABC123DEF456'],
  ['<em>e</em>Bay <strong>deals</strong> today', 'eBay deals today'],
  ['<span>View comments</span><span>941</span>', 'View comments 941'],
  ['<a href="/">Home</a><a href="/about">About</a>', 'Home About'],
  ['one<br>two', 'one two'],
])('%s reads %j', (html, expected) => {
  document.body.innerHTML = `<p>${html}</p>`;
  expect(textOf(document.body.firstElementChild!)).toBe(expected);
});
