// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { answersTyping, enabledSoon, ENABLE_WAIT_MS } from '../../../extension/content/executor/page-answers.ts';

const field = (html: string): Element => {
  document.body.innerHTML = html;
  return document.querySelector('[data-x]')!;
};

test('fields whose page answers typing (search, suggestions) are told from plain form fields', () => {
  for (const html of [
    '<input data-x type="search">', '<input data-x role="combobox">', '<input data-x aria-autocomplete="list">',
    '<input data-x list="l"><datalist id="l"></datalist>', '<form role="search"><input data-x></form>',
    '<input data-x name="q">', '<input data-x placeholder="Search products">', '<input data-x id="filterText">',
    '<label>Suche <input data-x></label>',
  ]) expect(answersTyping(field(html)), html).toBe(true);
  for (const html of [
    '<input data-x name="username">', '<input data-x placeholder="Your email">', '<label>Quantity <input data-x></label>',
    '<input data-x aria-autocomplete="none" name="city">', '<textarea data-x name="message"></textarea>',
  ]) expect(answersTyping(field(html)), html).toBe(false);
});

test('a control disabled a moment after an action is waited for; one disabled long after any action is not', async () => {
  const button = field('<button data-x disabled>Send</button>') as HTMLButtonElement;
  setTimeout(() => void (button.disabled = false), 120);
  const began = Date.now();
  expect(await enabledSoon(button, Date.now() - 50, () => null)).toBe(button);
  expect(button.disabled).toBe(false);
  expect(Date.now() - began).toBeLessThan(ENABLE_WAIT_MS);

  button.disabled = true;
  const quick = Date.now();
  expect(await enabledSoon(button, Date.now() - ENABLE_WAIT_MS - 1, () => null)).toBe(button);
  expect(await enabledSoon(button, undefined, () => null)).toBe(button);
  expect(Date.now() - quick).toBeLessThan(100);
});

test('a control the page drew anew while it was disabled: the new one is taken', async () => {
  const old = field('<div id="box"><button data-x disabled>Send</button></div>');
  setTimeout(() => void (document.getElementById('box')!.innerHTML = '<button id="fresh">Send</button>'), 80);
  const now = await enabledSoon(old, Date.now(), () => document.getElementById('fresh'));
  expect(now.id).toBe('fresh');
});
