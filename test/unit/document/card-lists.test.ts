// @vitest-environment happy-dom
/**
 * Cards of one class whose parts differ a little (explorer, session 46): one card with a badge the others lack was no
 * item of their list (three cards: no list at all); parts past the tenth were cut in order, a card's "Add to cart"
 * button with them; a date in bold inside "FREE delivery Tue, Mar 12" was a field of its own.
 */
import { expect, test } from 'vitest';
import { build, lists, names } from './helpers.ts';

const card = (name: string, price: string, extra = '', tail = '') =>
  `<div class="card">${extra}<h2><a href="/p/${name}">${name}</a></h2><div class="price">${price}</div><div class="ship">FREE delivery <b>${name.length} May</b></div>${tail}<button>Add to cart</button></div>`;

test('one card with a badge is one of the list', () => {
  const doc = build(`<main><h1>Results</h1><div class="grid">${card('Sony', '$328', '<span class="badge">Best seller</span>')}${card('Bose QC', '$379')}${card('JBL Tune 5', '$29')}</div></main>`);
  expect(lists(doc)).toHaveLength(1);
  // The badge is a field of the card that has it (session 56: a flag some items show).
  expect(lists(doc)[0]).toMatchObject({ count: 3, fields: ['badge', 'link', 'price', 'ship'], actions: ['link', 'add_to_cart'] });
  expect(lists(doc)[0]!.samples.map((sample) => sample.badge)).toEqual(['Best seller', undefined, undefined]);
  expect(names(doc)).toEqual([lists(doc)[0]!.name]);
});

test('cards of one class that share a single part, or differ by many, are not made one', () => {
  const blocks = '<div class="nav-block"><a href="/">Home</a></div><div class="nav-block"><a href="/in">Sign in</a><span>!</span></div><div class="nav-block"><a href="/s">Search</a><img alt="" src="data:,"><b>x</b></div>';
  expect(lists(build(`<header>${blocks}</header>`))).toHaveLength(0);
  const far = `<div class="grid">${card('Sony', '$1', '<span>a</span><em>b</em><i>c</i>')}${card('Bose', '$2')}${card('JBL', '$3')}</div>`;
  // Two cards alike are no list, and the third, three parts apart, does not join them.
  expect(lists(build(`<main><h1>R</h1>${far}</main>`))).toHaveLength(0);
});

test('past twelve parts a card keeps its controls; a text in bold inside another field is none', () => {
  const parts = ['stock', 'colors', 'seller', 'warranty', 'returns', 'eco', 'from', 'code', 'rating'].map((p, i) => `<p class="${p}">${p} ${i}</p>`).join('');
  const cards = ['A', 'B', 'C'].map((n) => card(n, `$${n.charCodeAt(0)}`, '', parts.replace(/(\d)</g, `$1${n}<`))).join('');
  const [list] = lists(build(`<main><h1>Results</h1><div class="grid">${cards}</div></main>`));
  expect(list!.actions).toEqual(['link', 'add_to_cart']);
  // Twelve parts: the title link (a field and an action), the button, the first ten texts.
  expect(list!.fields).toHaveLength(11);
  expect(list!.fields).not.toContain('ship_2');
});

test('a part of an item\'s own words stays a field (a price beside its name)', () => {
  const rows = ['Apples', 'Bread', 'Cheese'].map((n, i) => `<li><a class="name" href="#${i}">${n}</a>: <span class="price">${i + 1}.00</span></li>`).join('');
  const [list] = lists(build(`<main><h1>Prices</h1><ul>${rows}</ul></main>`));
  expect(list!.fields).toContain('price');
});

test('an unclassed block of the cards\' shape before them does not keep the badged card out (review, session 46)', () => {
  const doc = build(`<main><h1>Shoes</h1><div class="grid"><div><h3><a href="/ad">Sponsored</a></h3><span>Ad</span><button>Dismiss</button></div>
    ${['Trail', 'Road'].map((n, i) => `<div class="card"><h3><a href="/p/${i}">${n}</a></h3><span class="price">$${i}9</span><button>Add to cart</button></div>`).join('')}
    <div class="card"><em class="badge">Best seller</em><h3><a href="/p/3">Sandal</a></h3><span class="price">$29</span><button>Add to cart</button></div></div></main>`);
  const [list] = lists(doc);
  expect(list).toMatchObject({ count: 3 });
  expect(list!.samples.map((sample) => sample.link)).toEqual(['Trail', 'Road', 'Sandal']);
});
