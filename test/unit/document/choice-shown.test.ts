// @vitest-environment happy-dom
/** Pickers the page draws show their choice as their text: a value, not a name; a placeholder is no value (choice-shown.ts). */
import { expect, test } from 'vitest';
import { build, entry, names } from './helpers.ts';

test('a button labelled by its label and itself is named by the label; what it shows is its value', () => {
  const html = (choice: string) => `<form id="f"><label id="l">Assignee</label>
    <button type="button" id="b" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="l b"><span>${choice}</span></button></form>`;
  const before = build(html('Wade Cooper'));
  expect(entry(before, 'f__assignee_button').state).toMatchObject({ value: 'Wade Cooper' });
  expect(names(build(html('Devon Webb')))).toEqual(names(before));
  // A link labelled by itself and a heading keeps both (only pickers show a choice).
  const link = build('<main><h2 id="h">Fern</h2><a id="a" href="/fern" aria-labelledby="a h">Read more</a></main>');
  expect(names(link)).toEqual(['fern__read_more_fern_link']);
});

test('a combobox button shows no value while it shows its placeholder (Radix: data-placeholder, aria-placeholder, MUI: a zero-width space)', () => {
  const doc = build(`<form id="f"><label for="a">Fruit</label><button id="a" type="button" role="combobox" data-placeholder=""><span>Select a fruit…</span></button>
    <label for="b">Veg</label><div id="b" role="combobox" tabindex="0" aria-placeholder="Pick one">Pick one</div>
    <label for="c">Size</label><div id="c" role="combobox" tabindex="0"><span>\u200b</span></div>
    <label for="d">Drink</label><button id="d" type="button" role="combobox"><span>Tea</span></button></form>`);
  expect(['f__fruit', 'f__veg', 'f__size'].map((n) => entry(doc, n).state?.value)).toEqual([undefined, undefined, undefined]);
  expect(entry(doc, 'f__drink').state?.value).toBe('Tea');
});

test('a picker named by what it shows ("Role: Member") or a menu button ("Sort") says it once', () => {
  const doc = build(`<main><button id="r" aria-haspopup="listbox">Role: Member</button><button id="s" aria-haspopup="listbox">Sort</button></main>`);
  // Named by what it is, not the value picked (session 65); the value is said once, in its label.
  expect(entry(doc, 'main__role_button').state?.value).toBeUndefined();
  expect(entry(doc, 'main__sort_button').state?.value).toBeUndefined();
});

test('Angular Material mat-select: labelled by its label and its value inside it, it is named by the label; its placeholder is no value (explorer, session 43)', () => {
  const select = (id: string, label: string, shown: string) => `<mat-form-field><label id="${id}-label">${label}</label>
    <mat-select role="combobox" id="${id}" tabindex="0" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="${id}-label ${id}-value" class="mat-mdc-select">
    <div class="mat-mdc-select-trigger"><div id="${id}-value" class="mat-mdc-select-value">${shown}</div><div class="mat-mdc-select-arrow-wrapper"></div></div></mat-select></mat-form-field>`;
  const doc = build(`<main><h1>Order</h1>${select('food', 'Favorite food', '<span class="mat-mdc-select-value-text"><span>Pizza</span></span>')}
    ${select('drink', 'Drink', '<span class="mat-mdc-select-placeholder mat-mdc-select-min-line">Choose one</span>')}</main>`);
  expect(entry(doc, 'order__favorite_food').state).toMatchObject({ value: 'Pizza' });
  expect(entry(doc, 'order__drink').state?.value).toBeUndefined();
});
