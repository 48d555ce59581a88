// @vitest-environment happy-dom
/**
 * Words that change as the user picks are no part of names (explorer, session 44): the colour a legend shows after its
 * colon (Shopify's Dawn, "Color: <span>Slate Blue</span>", named a Crimson swatch `color_slate_crimson`), a price in a
 * button's words ("Add to bag – €24,50" was `add_to_bag_24_button`).
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

test('a legend\'s shown choice after its colon is no part of its radios\' names; a legend with a colon of its own words stays', () => {
  const swatches = (legend: string) => build(`<form aria-label="Tee"><fieldset><legend>${legend}</legend>
    <label><input type="radio" name="c" checked> Slate Blue</label><label><input type="radio" name="c"> Crimson</label></fieldset></form>`);
  expect(names(swatches('Color: <span data-selected-value>Slate Blue</span>'))).toEqual(['tee__color_slate_blue', 'tee__color_crimson']);
  expect(names(swatches('Delivery: choose one'))).toEqual(['tee__delivery_choose_slate_blue', 'tee__delivery_choose_crimson']);
});

test('a price in a button\'s words is no part of its name; a button that is only a price keeps it', () => {
  const doc = build(`<main><h1>Classic Tee</h1><button>Add to bag – €24,50</button><button>$1,299.00 USD</button><a href="/plans">Upgrade for 12 EUR</a></main>`);
  expect(names(doc)).toEqual(['classic_tee__add_to_bag_button', 'classic_tee__1_299_00_usd_button', 'classic_tee__upgrade_for_link']);
});
