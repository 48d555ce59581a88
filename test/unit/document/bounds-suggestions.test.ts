// @vitest-environment happy-dom
/**
 * Session 47: what a field takes, said where its markup says it. A slider's ends (a range input's are 0 and 100 where
 * unset), a number's, date's or spin button's `min`/`max`, a slider's or number's step other than 1; a text field's datalist suggestions as its options, which
 * `select()` types (executor/datalist-select.ts). Bounds are page text: anything but a number or date is quoted.
 */
import { expect, test } from 'vitest';
import { renderElement } from '../../../extension/content/document/render.ts';
import { build, entry } from './helpers.ts';

test('sliders, numbers and dates carry the least and most they take', () => {
  const doc = build(`<form aria-label="Prefs">
    <label for="v">Volume</label><input type="range" id="v" min="0" max="11" value="7">
    <label for="z">Zoom</label><input type="range" id="z" value="30">
    <label for="w">Width</label><input type="range" id="w" min="50" max="20" value="50">
    <div role="slider" aria-label="Brightness" aria-valuemin="10" aria-valuemax="90" aria-valuenow="40" tabindex="0"></div>
    <div role="spinbutton" aria-label="Guests" aria-valuemin="1" aria-valuenow="2" tabindex="0">2</div>
    <label for="q">Quantity</label><input type="number" id="q" min="1" max="10" value="2">
    <label for="c">Count</label><input type="number" id="c" value="3" step="1">
    <label for="g">Seats</label><input type="range" id="g" min="0" max="50" step="5" value="10">
    <label for="f">Fine</label><input type="range" id="f" min="0" max="1" step="any" value="0.5">
    <label for="m">Amount</label><input type="number" id="m" step="0.01">
    <label for="d">Arrival</label><input type="date" id="d" min="2026-01-01" max="2026-12-31">
    <label for="n">Note</label><input id="n" min="1" max="5">
  </form>`);
  expect(entry(doc, 'prefs__volume').state).toMatchObject({ value: '7', min: '0', max: '11' });
  expect(entry(doc, 'prefs__zoom').state).toMatchObject({ min: '0', max: '100' });
  // A maximum below the minimum is the minimum, as the browser takes it.
  expect(entry(doc, 'prefs__width').state).toMatchObject({ min: '50', max: '50' });
  expect(entry(doc, 'prefs__brightness').state).toMatchObject({ value: '40', min: '10', max: '90' });
  expect(entry(doc, 'prefs__guests').state).toMatchObject({ min: '1' });
  expect(entry(doc, 'prefs__guests').state?.max).toBeUndefined();
  expect(entry(doc, 'prefs__quantity').state).toMatchObject({ min: '1', max: '10' });
  expect(entry(doc, 'prefs__count').state).toEqual({ value: '3' });
  expect(entry(doc, 'prefs__seats').state).toMatchObject({ min: '0', max: '50', step: '5' });
  // "any": every value between the ends, not whole numbers only.
  expect(entry(doc, 'prefs__fine').state).toEqual({ value: '0.5', min: '0', max: '1', step: 'any' });
  expect(entry(doc, 'prefs__amount').state).toEqual({ step: '0.01' });
  expect(renderElement(entry(doc, 'prefs__seats'))).toBe('$prefs__seats slider:range [value="10" min=0 max=50 step=5]');
  expect(entry(doc, 'prefs__arrival').state).toEqual({ min: '2026-01-01', max: '2026-12-31' });
  // A text field's min and max mean nothing to it.
  expect(entry(doc, 'prefs__note').state).toBeUndefined();
  expect(renderElement(entry(doc, 'prefs__volume'))).toBe('$prefs__volume slider:range [value="7" min=0 max=11]');
  expect(renderElement(entry(doc, 'prefs__arrival'))).toBe('$prefs__arrival text_input:date [min=2026-01-01 max=2026-12-31]');
});

test('a bound that is not a number or a date is quoted page text', () => {
  const doc = build(`<form aria-label="Prefs"><div role="slider" aria-label="Level" aria-valuemin="low $x" aria-valuemax="9" aria-valuenow="4" tabindex="0"></div></form>`);
  expect(renderElement(entry(doc, 'prefs__level'))).toBe('$prefs__level slider [value="4" min="low $x" max=9]');
});

test("a text field's datalist suggestions are its options; a secret field's are not read", () => {
  const many = Array.from({ length: 25 }, (_, i) => `<option value="City ${i + 1}">`).join('');
  const doc = build(`<form aria-label="Trip">
    <label for="b">Browser</label><input id="b" list="browsers">
    <datalist id="browsers"><option value="Chrome"><option value="Firefox"><option value="Edge" label="Microsoft Edge"><option value=""></datalist>
    <label for="c">City</label><input id="c" list="cities"><datalist id="cities">${many}</datalist>
    <label for="p">Password</label><input id="p" type="password" list="browsers">
    <label for="x">Other</label><input id="x" list="nowhere">
  </form>`);
  expect(entry(doc, 'trip__browser').options).toEqual(['Chrome', 'Firefox', 'Microsoft Edge']);
  expect(entry(doc, 'trip__city')).toMatchObject({ optionsTotal: 25 });
  expect(entry(doc, 'trip__city').options).toHaveLength(20);
  expect(entry(doc, 'trip__password').options).toBeUndefined();
  expect(entry(doc, 'trip__other').options).toBeUndefined();
  expect(renderElement(entry(doc, 'trip__browser'))).toBe('$trip__browser text_input options=["Chrome", "Firefox", "Microsoft Edge"]');
});
