/**
 * A picker the page draws (a `role=combobox` button, Radix's Select trigger; a button with `aria-haspopup=listbox`,
 * Headless UI's Listbox) shows its choice as its own text, or a placeholder ("Select a fruit…") before one is made.
 * Explorer, session 41: the choice was in no state, `.value()` read the placeholder, and a button labelled by itself
 * (`aria-labelledby="label button"`) was named after its choice, a name that changed with every select().
 */
import { tagOf, textOf } from './dom.ts';
import { attr, hasAttr } from './dom-safe.ts';
import { collapse } from './text.ts';

/** Shows its choice as its text: a combobox that is no text field, or a button that opens a listbox. */
export function showsChoice(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return false;
  const role = attr(el, 'role')?.trim().split(/\s+/)[0]?.toLowerCase();
  if (role === 'textbox' || role === 'searchbox') return false;
  const editable = attr(el, 'contenteditable');
  if (editable !== null && editable !== 'false') return false;
  return role === 'combobox' || attr(el, 'aria-haspopup')?.trim().toLowerCase() === 'listbox';
}

/** The choice such a picker shows; '' while it shows its placeholder (Radix marks it `data-placeholder`). */
export function choiceShown(el: Element): string {
  if (hasAttr(el, 'data-placeholder')) return '';
  const shown = collapse(textOf(el, 300).replace(/[\u200b\u200c\u200d\ufeff]/g, ''));
  const placeholder = collapse(attr(el, 'aria-placeholder') ?? '');
  return placeholder && shown === placeholder ? '' : shown;
}
