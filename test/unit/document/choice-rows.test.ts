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
