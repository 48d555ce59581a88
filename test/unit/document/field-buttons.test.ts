// @vitest-environment happy-dom
/**
 * Buttons drawn in a field's box are named with the field (explorer, session 42: MUI Autocomplete's "Open" buttons
 * were `open_button`, `open_button_2`, tied to no field).
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

const autocomplete = (id: string, label: string) => `<div class="MuiAutocomplete-root"><div class="MuiFormControl-root MuiTextField-root">
  <label class="MuiInputLabel-root" for="${id}" id="${id}-label">${label}</label>
  <div class="MuiInputBase-root MuiOutlinedInput-root"><input id="${id}" class="MuiInputBase-input MuiAutocomplete-input" role="combobox" aria-autocomplete="list" aria-expanded="false" value="">
  <div class="MuiAutocomplete-endAdornment"><button class="MuiAutocomplete-clearIndicator" tabindex="-1" type="button" aria-label="Clear" title="Clear">×</button>
  <button class="MuiAutocomplete-popupIndicator" tabindex="-1" type="button" aria-label="Open" title="Open">▾</button></div>
  <fieldset aria-hidden="true" class="MuiOutlinedInput-notchedOutline"><legend><span>${label}</span></legend></fieldset></div></div></div>`;

test('MUI Autocomplete: its Clear and Open buttons are named with their field', () => {
  const doc = build(`<main><h1>Trip</h1>${autocomplete('from', 'From')}${autocomplete('to', 'To')}</main>`);
  expect(names(doc)).toEqual(['trip__from', 'trip__from_clear_button', 'trip__from_open_button', 'trip__to', 'trip__to_clear_button', 'trip__to_open_button']);
});

test('a button that names its field already, a search box\'s "Go" and a form row\'s button keep their names', () => {
  const doc = build(`<main><h1>Account</h1><form>
    <div class="row"><label for="pw">Password</label><div class="box"><input id="pw" type="password"><button type="button" aria-label="Show password">👁</button></div></div>
    <div class="row"><label for="mail">Email</label><input id="mail"><button type="button">Clear</button></div>
    <button>Save</button></form>
    <div class="search"><input aria-label="Search docs"><button>Go</button></div></main>`);
  expect(names(doc)).toEqual(['account_form__password', 'account_form__show_password_button', 'account_form__email', 'account_form__clear_button', 'account_form__save_button',
    'account__search_docs', 'account__go_button']);
});

test('Vuetify v-select labelled "Open" (then "Close") by its menu is named by its <label> (explorer, session 43)', () => {
  const doc = build(`<main><h1>Account</h1><div class="v-field"><label class="v-label" for="state">State</label>
    <div class="v-field__input"><div class="v-select__selection"><span class="v-select__selection-text">Florida</span></div>
    <input id="state" aria-label="Open" role="combobox" readonly value="FL"></div></div></main>`);
  expect(names(doc)).toEqual(['account__state']);
});
