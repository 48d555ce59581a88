// @vitest-environment happy-dom
/**
 * Pickers whose text box stays empty while the choice is drawn beside it (Ant Design's Select, react-select): the
 * choice is the field's value, the placeholder none (explorer, session 42: no value in the state at all).
 */
import { expect, test } from 'vitest';
import { build, entry } from './helpers.ts';

const antd = (shown: string) => `<form><h2>Invite</h2><div class="ant-form-item-row"><div class="ant-form-item-label"><label for="person" title="Person">Person</label></div>
  <div class="ant-form-item-control"><div class="ant-select ant-select-single"><div class="ant-select-selector">
  <span class="ant-select-selection-search"><input type="search" id="person" class="ant-select-selection-search-input" role="combobox" aria-expanded="false"
    aria-haspopup="listbox" aria-autocomplete="list" readonly unselectable="on" style="opacity: 0" value=""></span>${shown}</div>
  <span class="ant-select-arrow" aria-hidden="true"><span role="img" aria-label="down">▾</span></span></div></div></div></form>`;

test('Ant Design: the selection item beside the read-only box is its value; the placeholder is none', () => {
  expect(entry(build(antd('<span class="ant-select-selection-item" title="Lucy">Lucy</span>')), 'invite__person').state).toMatchObject({ value: 'Lucy' });
  expect(entry(build(antd('<span class="ant-select-selection-placeholder">Select a person</span>')), 'invite__person').state?.value).toBeUndefined();
});

const reactSelect = (shown: string) => `<main><h2>Order</h2><label id="flavour-label" for="flavour-input">Flavour</label><div class="react-select-container">
  <div class="react-select__control"><div class="react-select__value-container">${shown}<div class="react-select__input-container" data-value="">
  <input id="flavour-input" class="react-select__input" type="text" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-haspopup="true" value=""></div></div>
  <div class="react-select__indicators"><span class="react-select__indicator-separator"></span><div class="react-select__indicator" aria-hidden="true">▾</div></div></div>
  <input name="flavour" type="hidden" value="chocolate"></div></main>`;

test('react-select: the single value beside the search box is its value; the placeholder is none; typed words win', () => {
  expect(entry(build(reactSelect('<div class="react-select__single-value">Chocolate</div>')), 'order__flavour').state).toMatchObject({ value: 'Chocolate' });
  expect(entry(build(reactSelect('<div class="css-1jqq78o-placeholder" id="react-select-2-placeholder">Select...</div>')), 'order__flavour').state?.value).toBeUndefined();
  const doc = build(reactSelect('<div class="react-select__single-value">Chocolate</div>').replace('aria-haspopup="true" value=""', 'aria-haspopup="true" value="van"'));
  expect(entry(doc, 'order__flavour').state).toMatchObject({ value: 'van' });
});

test('a combobox text box beside other fields does not read their words', () => {
  const doc = build(`<form><h2>Search</h2><div class="row"><span>Near</span><input role="combobox" aria-label="City" aria-autocomplete="list" value="">
    <input aria-label="Radius" value="5"></div></form>`);
  expect(entry(doc, 'search__city').state?.value).toBeUndefined();
});

test('never a button, a key, an icon, an error, a hint, a brand or a status beside the box (review, session 43)', () => {
  const beside = (html: string) => entry(build(`<main><h1>Shop</h1><div class="bar"><span class="logo">Acme Store</span><div class="search">${html}</div></div></main>`), 'shop__find').state?.value;
  const box = '<input role="combobox" aria-label="Find" aria-autocomplete="list" aria-describedby="e" value="">';
  expect(beside(`${box}<button type="submit">Search</button>`)).toBeUndefined();
  expect(beside(`${box}<button aria-label="clear selection">×</button>`)).toBeUndefined();
  expect(beside(`${box}<kbd>Ctrl K</kbd>`)).toBeUndefined();
  expect(beside(`${box}<div id="e" class="error">City is required</div>`)).toBeUndefined();
  expect(beside(`${box}<p class="MuiFormHelperText-root">Type at least 3 letters</p>`)).toBeUndefined();
  expect(beside(`${box}<span class="material-icons">search</span>`)).toBeUndefined();
  expect(beside(`${box}<div role="status">5 results available</div>`)).toBeUndefined();
  expect(beside(`${box}<div class="sel__value"><span class="sel__placeholder">Choose a country</span></div>`)).toBeUndefined();
});

test('chips of a multi-select are joined (Ant Design multiple)', () => {
  const doc = build(`<form><h2>Tags</h2><label for="t">Tags</label><div class="ant-select ant-select-multiple"><div class="ant-select-selector"><div class="ant-select-selection-overflow">
    <div class="ant-select-selection-overflow-item"><span class="ant-select-selection-item"><span class="ant-select-selection-item-content">a10</span></span></div>
    <div class="ant-select-selection-overflow-item"><span class="ant-select-selection-item"><span class="ant-select-selection-item-content">c12</span></span></div>
    <div class="ant-select-selection-overflow-item ant-select-selection-overflow-item-suffix"><div class="ant-select-selection-search"><input id="t" role="combobox" aria-autocomplete="list" value=""></div></div>
  </div></div></div></form>`);
  expect(entry(doc, 'tags__tags').state).toMatchObject({ value: 'a10, c12' });
});
