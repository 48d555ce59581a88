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
  // Review of session 38: an icon font's glyph is no part of the next word; two numbers, or a number and a price, stay two.
  // Session 59: an icon font's ligature ("delete") beside words is a picture, none of them.
  ['<button><i class="material-icons">delete</i>Delete</button>', 'Delete'],
  ['<i class="fa fa-trash"></i>Remove <i class="bi-x">x</i>Close', 'Remove x Close'],
  ['<i class="material-symbols-outlined">home</i>Home', 'Home'],
  ['<i class="material-symbols-outlined">home</i>', 'home'],
  ['Now $19<sup>99</sup> and 10<sup>6</sup> users', 'Now $19 99 and 10 6 users'],
  ['<del>$20</del><ins>$15</ins>', '$20 $15'],
  ['<s>20</s><b>15</b> left', '20 15 left'],
  ['<i>Note</i>: read <b>this</b>.', 'Note: read this.'],
  // A highlighted part of a number is one number (a search hit, a typeahead prefix; review, session 39).
  ['Order <mark class="hit">12</mark>34 shipped', 'Order 1234 shipped'],
  ['<b>123</b>45 Main St, <em>2024</em>0115, 12<b>34</b>56', '12345 Main St, 20240115, 123456'],
])('%s reads %j', (html, expected) => {
  document.body.innerHTML = `<p>${html}</p>`;
  expect(textOf(document.body.firstElementChild!)).toBe(expected);
});
