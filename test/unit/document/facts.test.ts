// @vitest-environment happy-dom
/**
 * A page's key facts (facts.ts): a product's price with what it cost before, its stock, its rating are read-only
 * entries (explorer, sessions 44 and 46: "what does it cost?" had nothing to read).
 */
import { describe, expect, test } from 'vitest';
import { build, entries, lists } from './helpers.ts';
import { renderPrompt } from '../../../extension/content/document/render.ts';
import { factText } from '../../../extension/content/document/facts.ts';

const facts = (html: string) => entries(build(html)).filter((e) => e.kind === 'message').map((e) => [e.name, e.kind === 'message' ? e.description : '']);

describe('key facts', () => {
  test('a product\'s price, was price, stock and rating', () => {
    const doc = build(`<header><a href="/">Shop</a><span class="cart-price">$0.00</span></header><main><h1>Trail Runner</h1>
      <div class="rating" aria-label="4.5 out of 5 stars">★★★★☆</div><p class="price"><del>$120.00</del> <ins>$89.99</ins></p>
      <p class="stock">Only 3 left in stock</p><button>Add to cart</button></main>`);
    const text = renderPrompt(doc).text;
    expect(text).toContain('$trail_runner__rating message "4.5 out of 5 stars"');
    expect(text).toContain('$trail_runner__price message "$89.99 (was $120.00)"');
    expect(text).toContain('$trail_runner__stock message "Only 3 left in stock"');
    expect(text).not.toContain('$0.00');
  });

  test('by itemprop, in other currencies; one of each kind, the first', () => {
    expect(facts(`<main><h1>Lampe</h1><span itemprop="price">89,90 €</span><span itemprop="availability">Auf Lager – available</span>
      <span class="price">12,00 €</span></main>`)).toEqual([['lampe__price', '89,90 €'], ['lampe__stock', 'Auf Lager – available']]);
  });

  test('not a control\'s words, not prose, not words that only look like a class', () => {
    expect(facts(`<main><h1>P</h1><a class="price" href="/p">$10</a><button class="stock">In stock alerts</button>
      <p class="price-note">Prices include VAT and are shown in your currency unless you choose another one in settings</p>
      <div class="stockholm">Stockholm</div></main>`)).toEqual([]);
  });

  test('a card\'s price and stars are its fields, named so and read as facts read', () => {
    const card = (n: string, was: string) => `<li><a href="/${n}">${n}</a> <span aria-label="${n.length} out of 5 stars">★★★</span> <div><del>${was}</del> $1${n.length}.00</div><button>Add</button></li>`;
    const [list] = lists(build(`<main><h1>Shoes</h1><ul>${card('Road', '$20.00')}${card('Trail', '$30.00')}${card('Walker', '$40.00')}</ul></main>`));
    expect(list!.fields).toEqual(['link', 'rating', 'price']);
    expect(list!.samples[0]).toMatchObject({ rating: '4 out of 5 stars', price: '$14.00 (was $20.00)' });
  });

  test('.text() of a fact reads as the document says it; a struck line that is no price is left alone', () => {
    build('<p id="p" class="price"><s>$5</s> $4</p><li id="t"><s>Pay $20 rent</s></li>');
    expect(factText(document.getElementById('p')!)).toBe('$4 (was $5)');
    expect(factText(document.getElementById('t')!)).toBeUndefined();
  });
});

describe('a checkout\'s step and total (session 46)', () => {
  test('the current step of steps that are words is a fact, said with its place; of steps that are links, a link', () => {
    expect(facts('<main><h1>Pay</h1><ol class="steps"><li>Cart</li><li aria-current="step">Payment</li><li>Review</li></ol><button>Next</button></main>'))
      .toEqual([['pay__step', 'Payment (step 2 of 3)']]);
    const linked = entries(build('<main><h1>Pay</h1><ol><li><a href="#1">Cart</a></li><li aria-current="step"><span>Payment</span></li><li><a href="#3">Review</a></li></ol></main>'));
    expect(linked.find((e) => e.name.includes('payment'))).toMatchObject({ kind: 'link', state: { current: true } });
  });

  test('an order\'s total, in the summary beside the form too; a total that is no amount is none', () => {
    expect(facts('<aside><h2>Summary</h2><div class="row"><span>Subtotal</span> <span>$10</span></div><div class="row total"><b>Total</b> <b>$12.50</b></div></aside><main><h1>Pay</h1><button>Pay</button></main>'))
      .toEqual([['aside__total', 'Total $12.50']]);
    expect(facts('<main><h1>Votes</h1><p class="total">Total votes: 1,204</p></main>')).toEqual([]);
  });
});

test('a progress bar\'s value is a fact: as it says it, else its share of its range; one with no value is none', () => {
  expect(facts('<main><h1>Upload</h1><div role="progressbar" aria-label="Upload" aria-valuenow="3" aria-valuemin="0" aria-valuemax="4"></div><button>Cancel</button></main>'))
    .toEqual([['upload__progress', '75%']]);
  expect(facts('<main><h1>Upload</h1><progress value="2" max="8"></progress></main>')).toEqual([['upload__progress', '25%']]);
  expect(facts('<main><h1>Upload</h1><div role="progressbar" aria-valuetext="Step 2: copying"></div></main>')).toEqual([['upload__progress', 'Step 2: copying']]);
  expect(facts('<main><h1>Loading</h1><div role="progressbar" aria-label="Loading"></div></main>')).toEqual([]);
});
