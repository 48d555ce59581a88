// @vitest-environment happy-dom
/**
 * A form laid out in columns (Bootstrap's `.row > .col-md-6` pairs, Salesforce's `slds-form` rows) is the form's fields,
 * each by its label, not a list of rows (explorer, session 43: `$shipping_form__shipping list(3) fields: label,
 * label_2`, no `email`, no value).
 */
import { expect, test } from 'vitest';
import { build, entry, lists, names } from './helpers.ts';

test('Bootstrap rows of two labelled fields are the form\'s fields, named by their labels, with their values', () => {
  const pair = (a: string, b: string, value = '') => `<div class="row"><div class="col-md-6"><label for="${a}" class="form-label">${a.replace(/-/g, ' ')}</label><input id="${a}" class="form-control" value="${value}"></div>
    <div class="col-md-6"><label for="${b}" class="form-label">${b.replace(/-/g, ' ')}</label><input id="${b}" class="form-control"></div></div>`;
  const doc = build(`<main><form aria-label="Shipping">${pair('First-name', 'Last-name', 'Ann')}${pair('Email', 'Phone')}${pair('City', 'Zip')}<button>Save</button></form></main>`);
  expect(lists(doc)).toEqual([]);
  expect(names(doc)).toEqual(['shipping__first_name', 'shipping__last_name', 'shipping__email', 'shipping__phone', 'shipping__city', 'shipping__zip', 'shipping__save_button']);
  expect(entry(doc, 'shipping__first_name').state).toMatchObject({ value: 'Ann' });
});

test('rows of a quantity field and a button per product stay a list, labels alike or not', () => {
  const rows = ['Red shirt', 'Blue shirt', 'Green shirt'].map((p, i) => `<li class="product"><span class="name">${p}</span> <span class="price">$${20 + i}</span>
    <label for="q${i}">Quantity for ${p}</label><input id="q${i}" type="number" value="1"><input aria-label="Note for ${p}"><button>Add to cart</button></li>`).join('');
  const doc = build(`<main><h1>Shop</h1><ul class="products">${rows}</ul></main>`);
  expect(lists(doc).map((l) => l.count)).toEqual([3]);
});
