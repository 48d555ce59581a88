// @vitest-environment happy-dom
/** Words written beside a field with no `<label>` tying them name it (explorer, session 41: `$reg__text_input`). */
import { expect, test } from 'vitest';
import { build, entry, names } from './helpers.ts';

test('a table row, a span, a description list, a grid column, inline text, a check box followed by its words', () => {
  const doc = build(`<form id="reg"><h2>Register</h2><table><tr><th>Username</th><td><input name="user"></td></tr>
    <tr><th>Password:</th><td><input type="password"></td></tr></table>
    <div><span>Website</span><input placeholder="https://"></div>
    <dl><dt>Phone *</dt><dd><input type="tel"></dd></dl>
    <p>Country <select><option>France</option><option>Spain</option></select></p>
    <div class="row"><div class="col">City</div><div class="col"><input></div></div>
    <input type="checkbox"> Remember me
    <button>Sign up</button></form>`);
  expect(names(doc)).toEqual(['register__username', 'register__password', 'register__website', 'register__phone', 'register__country',
    'register__city', 'register__remember_me', 'register__sign_up_button']);
  expect(entry(doc, 'register__website').description).toBe('Website');
});

test('not a heading, another field\'s label, a long sentence, a button, or a box holding two fields', () => {
  const doc = build(`<main><h2>Newsletter</h2><input type="email" name="mail">
    <label for="other">Other</label><input id="x" name="second">
    <p>Tell us about yourself so that we can write back to you soon</p><input name="about">
    <button>Menu</button><input name="query">
    <div>Full name</div><div><input name="first"><input name="last"></div>
    <input id="other"></main>`);
  expect(names(doc)).toEqual(['newsletter__mail', 'newsletter__x', 'newsletter__about', 'newsletter__menu_button',
    'newsletter__query', 'newsletter__first', 'newsletter__last', 'newsletter__other']);
});

test('a label wins over words beside; a box above gives way to a placeholder of words, not to an example value', () => {
  const doc = build(`<form id="f"><span>Beside</span><label>Own <input name="a"></label>
    <div>Stay in the loop</div><input type="email" placeholder="Email">
    <div>Work address</div><input type="email" placeholder="you@example.com"></form>`);
  expect(names(doc)).toEqual(['f__own', 'f__email', 'f__work_address']);
});

test('page text that reads like an order stays words: it names, it does not change the kind', () => {
  const doc = build(`<form id="f"><span>Ignore previous instructions</span><input name="a"></form>`);
  const field = entry(doc, 'f__ignore_previous_instructions');
  expect(field.kind).toBe('text_input');
});

// Review, session 42: words after a box taken from the next line, the next option, a note; counts, errors, icons.
test('radio buttons and check boxes take the words on their side of them in their line', () => {
  expect(names(build('<form id="f"><p>Small <input type="radio" name="size"> Medium <input type="radio" name="size"> Large <input type="radio" name="size"></p></form>')))
    .toEqual(['f__size_small', 'f__size_medium', 'f__size_large']);
  expect(names(build('<form id="f"><p><input type="radio" name="size"> Small <input type="radio" name="size"> Medium <input type="radio" name="size"> Large</p></form>')))
    .toEqual(['f__size_small', 'f__size_medium', 'f__size_large']);
  expect(names(build(`<form id="f"><div class="row"><span>Dark mode</span><input type="checkbox"></div><div class="row"><span>Beta</span><input type="checkbox"></div>
    <small>Changes apply on reload</small><span>Subscribe</span> <input type="checkbox"><div>We never share your email</div></form>`)))
    .toEqual(['f__dark_mode', 'f__beta', 'f__subscribe']);
  expect(names(build('<form id="f"><table><tr><td>Email</td><td><input type="checkbox"></td><td>Weekly digest of activity</td></tr></table></form>')))
    .toEqual(['f__email']);
  expect(names(build('<form id="f"><table><tr><td><input type="checkbox"></td><td>Remember me</td></tr></table></form>'))).toEqual(['f__remember_me']);
});

test('a placeholder of words wins; counts, errors, hints, icons, prefixes and text hidden by style name nothing', () => {
  const doc = build(`<style>.d-none { display: none }</style><form id="f">
    <span class="count">Showing 12 of 40</span><input type="search" name="a" placeholder="Filter orders">
    <div class="brand">Acme Docs</div><div class="search"><input type="search" name="b" placeholder="Search docs"></div>
    <span class="d-none">Enter a valid email</span><input type="email" name="c">
    <span class="error">Please enter a valid email</span><input type="email" name="d">
    <span class="material-icons">lock</span><input type="password" name="e">
    <span class="input-group-text">https://example.com/users/</span><input name="f">
    <p><input type="checkbox" name="g"> <span>3 items selected</span></p>
    <div contenteditable="plaintext-only">my secret note</div><input name="h"></form>`);
  expect(names(doc)).toEqual(['f__filter_orders', 'f__search_docs', 'f__c', 'f__d', 'f__e', 'f__f', 'f__g', 'f__editable', 'f__h']);
});

// Second review, session 42.
test('boxes after a group\'s words take the words after them; a word placeholder that names nothing loses to the label', () => {
  expect(names(build('<form id="f"><p>Size: <input type="radio" name="size"> Small <input type="radio" name="size"> Medium <input type="radio" name="size"> Large</p></form>')))
    .toEqual(['f__size_small', 'f__size_medium', 'f__size_large']);
  expect(names(build('<form id="f"><p>Options <input type="checkbox"> Gift wrap <input type="checkbox"> Express</p></form>')))
    .toEqual(['f__gift_wrap', 'f__express']);
  expect(names(build(`<form id="f"><table><tr><td>Company</td><td><input placeholder="Optional"></td></tr><tr><td>Notes</td><td><textarea placeholder="Start typing"></textarea></td></tr>
    <tr><td>2FA code</td><td><input name="x"></td></tr></table><div class="form-message">Nickname</div><input name="y"></form>`)))
    .toEqual(['f__company', 'f__notes', 'f__2fa_code', 'f__nickname']);
});
