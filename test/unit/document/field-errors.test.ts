// @vitest-environment happy-dom
/**
 * A field the page marks invalid (`aria-invalid`) says so in the document, with what the page says is wrong: its
 * `aria-errormessage`, else what `aria-describedby` points at (explorer, session 41: a form's errors were nowhere, and
 * a repair could not know why "Next" did nothing). Not shown while the field is valid; a secret stays hidden.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build } from './helpers.ts';

const FORM = `<main><h1>Apply</h1><form aria-label="Apply" novalidate>
  <label for="a">First name</label><input id="a" aria-invalid="true" aria-describedby="a-fb"><div id="a-fb">First name is required</div>
  <label for="b">Last name</label><p id="b-err">Enter your last name</p><input id="b" aria-describedby="b-err" aria-invalid="true">
  <label for="c">Age</label><input id="c" aria-invalid="true" aria-errormessage="c-err" aria-describedby="c-hint" value="abc"><span id="c-hint">In years</span><span id="c-err">Age must be a number</span>
  <label for="d">City</label><input id="d" aria-invalid="false" aria-describedby="d-hint"><span id="d-hint">Where you live</span>
  <label for="p">Password</label><input id="p" type="password" value="hunter22" aria-invalid="true" aria-describedby="p-err"><span id="p-err">hunter22 is too weak</span>
</form></main>`;

test('invalid fields carry the page\'s error; valid ones nothing; a secret in an error stays hidden', () => {
  const text = renderDocument(build(FORM));
  expect(text).toContain('$apply__first_name text_input [invalid="First name is required"]');
  expect(text).toContain('$apply__last_name text_input [invalid="Enter your last name"]');
  expect(text).toMatch(/\$apply__age text_input \[value="abc" invalid="Age must be a number"\]/);
  expect(text).toMatch(/\$apply__city text_input\n/);
  expect(text).not.toContain('hunter22');
  expect(text).toMatch(/\$apply__password .*invalid="••• is too weak"/);
});

test('a field Bootstrap marks invalid by its class shows the feedback after it (explorer, session 42: nowhere)', () => {
  const text = renderDocument(build(`<main><form id="ship"><label for="city">City</label>
    <input id="city" class="form-control is-invalid" required><div class="invalid-feedback">Please provide a valid city.</div>
    <label for="zip">Zip</label><input id="zip" class="form-control is-valid"><div class="invalid-feedback">Please provide a valid zip.</div>
    <label for="st">State</label><input id="st" class="form-control is-invalid"></form></main>`));
  expect(text).toContain('$ship__city text_input [required invalid="Please provide a valid city."]');
  expect(text).toMatch(/\$ship__zip text_input\n/);
  expect(text).toMatch(/\$ship__state text_input \[invalid\]/);
});

test('the message that shows a field\'s error names the field instead of saying the error again (Chakra; explorer, session 42)', () => {
  const text = renderDocument(build(`<main><h1>Join</h1><form aria-label="Join" novalidate><div role="group" class="chakra-form-control">
    <label for="email" class="chakra-form__label">Email</label><input id="email" aria-invalid="true" aria-describedby="email-feedback" class="chakra-input">
    <div id="email-feedback" class="chakra-form__error-message" aria-live="polite">Email is required.</div></div>
    <div role="status">Saved 2 minutes ago</div></form></main>`));
  expect(text).toContain('invalid="Email is required."');
  expect(text.match(/Email is required/g)).toHaveLength(1);
  expect(text).toMatch(/\$join__\w+ message \(says \$join__email's error\)/);
  // Another message says its own words.
  expect(text).toContain('message "Saved 2 minutes ago"');
});
