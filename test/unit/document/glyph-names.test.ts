// @vitest-environment happy-dom
/**
 * A control that shows a glyph alone and says nothing else of itself (no label, title, icon name or id) is named by what
 * the glyph means: a quantity stepper's "−" and "+" were `button` and `button_2` (explorer, session 44).
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

test('a stepper\'s glyph buttons are minus and plus; a labelled one keeps its label; words win over glyphs', () => {
  const doc = build(`<main><h2>Cart</h2><div class="qty"><button>−</button><span>2</span><button>+</button></div>
    <button aria-label="Remove item">×</button><button>›</button><button>Next ›</button></main>`);
  expect(names(doc)).toEqual(['cart__minus_button', 'cart__plus_button', 'cart__remove_item_button', 'cart__next_button', 'cart__next_button_2']);
});

test('a toggle\'s glyph says its state, so names it not; a pager\'s « and » are first and last (review, session 45)', () => {
  const doc = build(`<main><h2>Shipping</h2><button aria-expanded="false" aria-controls="p1">+</button><div id="p1"><a href="/ship">Rates</a></div>
    <nav aria-label="Pages"><button>«</button><button>‹</button><button>›</button><button>»</button></nav></main>`);
  expect(names(doc)).toEqual(['shipping__button', 'shipping__rates_link', 'pages__first_button', 'pages__previous_button', 'pages__next_button', 'pages__last_button']);
});
