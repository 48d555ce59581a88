// @vitest-environment happy-dom
/**
 * A choice's row (document/choice-row.ts; explorer, session 51): a shipping option's price beside its label is said
 * with the option, not the page's `price` fact (the first) and nowhere (the others); a group's instruction ("Choose
 * a…") and its words the section says already stay out of the radios' names.
 */
import { expect, test } from 'vitest';
import { build, entries, names } from './helpers.ts';

const SHIPPING = `<form><h2>Shipping method</h2><fieldset><legend>Choose a shipping method</legend>
  <div><input type="radio" name="ship" id="s1" checked><label for="s1"><span>Standard</span> <span>5 to 8 business days</span></label><span class="price">$4.90</span></div>
  <div><input type="radio" name="ship" id="s2"><label for="s2"><span>Express</span> <span>2 to 3 business days</span></label><span class="price">$14.90</span></div>
  <div><input type="radio" name="ship" id="s3"><label for="s3"><span>Overnight</span> <span>1 business day</span></label><span class="price">$29.00</span></div>
  </fieldset></form>`;

test('each shipping option says its price; no price fact; names without the legend\'s instruction or the section twice', () => {
  const doc = build(SHIPPING);
  expect(names(doc)).toEqual(['shipping_method__standard_5_to_8', 'shipping_method__express_2_to_3', 'shipping_method__overnight_1_business_day']);
  expect(entries(doc).map((e) => e.description)).toEqual(['Standard 5 to 8 business days · $4.90', 'Express 2 to 3 business days · $14.90',
    'Overnight 1 business day · $29.00']);
});

test('a label around its box is its row; a row with a link or a second box says nothing more', () => {
  const doc = build(`<form><h2>Options</h2><div><label><input type="checkbox" name="a"> Gift wrap</label></div>
    <div><input type="checkbox" id="t"><label for="t">I accept the terms</label> <a href="/terms">Read terms</a></div>
    <div><input type="checkbox" id="x"><label for="x">Extra</label><input type="checkbox" id="y"><label for="y">More</label> words</div></form>`);
  expect(entries(doc).filter((e) => e.kind === 'checkbox').map((e) => e.description)).toEqual(['Gift wrap', 'I accept the terms', 'Extra', 'More']);
});

test('review, session 51: hidden words, words before the choice, "Pick up" and "Select one" (helper r-6, r-7, r-18)', () => {
  const hidden = build(`<form><h2>Sign up</h2><div><input type="checkbox" id="t"><label for="t">I agree to the terms</label><div hidden>You must agree first.</div></div>
    <div><input type="checkbox" id="n"><label for="n">Send me news</label><span aria-hidden="true">Unsubscribe anytime</span></div><button>Create</button></form>`);
  expect(entries(hidden).filter((e) => e.kind === 'checkbox').map((e) => e.description)).toEqual(['I agree to the terms', 'Send me news']);
  // A product's price above its add-on's box is the product's: still the page's fact, and no words of the box.
  const product = build(`<main><h1>Blender 3000</h1><div class="buy"><p class="price">$49.99</p><label><input type="checkbox" name="prot"> Add 2-year protection for $9.99</label></div><button>Add to cart</button></main>`);
  expect(entries(product).map((e) => [e.name, e.description])).toContainEqual(['blender_3000__price', '$49.99']);
  expect(entries(product).find((e) => e.kind === 'checkbox')!.description).toBe('Add 2-year protection for $9.99');
  const groups = build(`<main><h2>Order</h2><fieldset><legend>Pick up or delivery?</legend><label><input type="radio" name="pd"> Pick up</label><label><input type="radio" name="pd"> Delivery</label></fieldset>
    <fieldset><legend>Select one</legend><label><input type="radio" name="o"> Red</label><label><input type="radio" name="o"> Blue</label></fieldset></main>`);
  expect(names(groups)).toEqual(['order__pick_up', 'order__pick_up_delivery', 'order__select_one_red', 'order__select_one_blue']);
});
