// @vitest-environment happy-dom
/**
 * A few radio buttons of one group are the form's entries, however many (two were entries, three a list of `text` and
 * `radio`); a checklist is a list named by its legend, its fields not by Bootstrap's or Tailwind's drawing classes
 * (explorer, session 42).
 */
import { expect, test } from 'vitest';
import { build, list, names } from './helpers.ts';

const ORDER = `<main><h1>Order</h1><form><fieldset><legend>Shipping</legend>
    <label><input type="radio" name="ship" value="s"> Standard</label><label><input type="radio" name="ship" value="e"> Express</label><label><input type="radio" name="ship" value="p"> Pick up</label>
  </fieldset><fieldset><legend>Size</legend>${['Small', 'Medium', 'Large'].map((s, i) => `<div class="form-check"><input class="form-check-input" type="radio" name="size" id="s${i}"><label class="form-check-label" for="s${i}">${s}</label></div>`).join('')}
  </fieldset><fieldset><legend>Toppings</legend>${['Cheese', 'Ham', 'Olives'].map((t, i) => `<div class="form-check"><input class="form-check-input" type="checkbox" name="top" id="t${i}"><label class="form-check-label" for="t${i}">${t}</label></div>`).join('')}
  </fieldset><button>Order</button></form></main>`;

test('radio groups of three are entries named by group and option; a checklist is a list named by its legend', () => {
  const doc = build(ORDER);
  expect(names(doc)).toEqual(['order_form__shipping_standard', 'order_form__shipping_express', 'order_form__shipping_pick_up', 'order_form__size_small',
    'order_form__size_medium', 'order_form__size_large', 'order_form__toppings', 'order_form__order_button']);
  expect(list(doc, 'order_form__toppings')).toMatchObject({ fields: ['label'], actions: ['checkbox'] });
});

test('Tailwind radios (`relative size-4` inputs, `block` labels) are entries too; a long radio group stays a list', () => {
  const tw = build(`<main><form aria-label="Settings"><fieldset><legend>Plan</legend>${['Hobby', 'Freelancer', 'Startup'].map((p, i) => `<div class="flex items-center gap-x-3"><input id="p${i}" name="plan" type="radio" class="relative size-4 appearance-none"><label for="p${i}" class="block text-sm">${p}</label></div>`).join('')}</fieldset></form></main>`);
  expect(names(tw)).toEqual(['settings__plan_hobby', 'settings__plan_freelancer', 'settings__plan_startup']);
  const many = build(`<main><form aria-label="Country"><fieldset><legend>Country</legend>${Array.from({ length: 12 }, (_, i) => `<label><input type="radio" name="c"> Country ${String.fromCharCode(65 + i)}</label>`).join('')}</fieldset></form></main>`);
  expect(names(many)).toHaveLength(1);
});
