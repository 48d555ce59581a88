/**
 * A button drawn in a text field's box (MUI Autocomplete's "Open" and "Clear", a password's "Show") is the field's:
 * named with it, `movie_open_button`, not `open_button` and `open_button_2` for two such fields (explorer, session 42).
 * Only buttons whose words say what they do to a field (open, clear, show…): a search box's "Go" keeps its name.
 */
import { takesTyping } from './classify.ts';
import { accessibleName, moreElementsThan, tagOf } from './dom.ts';
import { attr, parentOf, queryAllOf, queryOf } from './dom-safe.ts';
import { collapse } from './text.ts';
import type { ElementKind } from './types.ts';

/** Words of a button that works a field's box: only these, one to three of them. */
const FIELD_WORDS: ReadonlySet<string> = new Set(['open', 'close', 'clear', 'show', 'hide', 'toggle', 'reveal', 'expand', 'collapse', 'reset',
  'password', 'visibility', 'options', 'list', 'popup', 'menu', 'text', 'value', 'suggestions', 'the']);
/** Levels up from the button to the field's box (MUI: adornment, then the input's box). */
const BOX_LEVELS = 3;
/** A box with more elements than this is a form or a row, not one field's box. */
const MAX_BOX_ELEMENTS = 16;
const MAX_FIELD_NAME = 40;

export function inFieldBox(el: Element, kind: ElementKind, label: string): string {
  if (kind !== 'button') return label;
  const words = collapse(label).toLowerCase().split(/[\s-]+/).filter(Boolean);
  if (!words.length || words.length > 3 || !words.every((word) => FIELD_WORDS.has(word))) return label;
  for (let up = parentOf(el), level = 0; up && level < BOX_LEVELS; up = parentOf(up), level++) {
    const tag = tagOf(up);
    if (tag === 'FORM' || tag === 'FIELDSET' || tag === 'LABEL' || moreElementsThan(up, MAX_BOX_ELEMENTS)) return label;
    const fields = Array.from(queryAllOf(up, 'input, textarea, [contenteditable]')).filter((field) => takesTyping(field) || attr(field, 'role') === 'combobox');
    if (!fields.length) continue;
    // Two fields, or the field's label in the box: a row of the form, the button beside the field, not in it.
    if (fields.length > 1 || queryOf(up, 'label')) return label;
    const name = collapse(accessibleName(fields[0]!));
    if (!name || name.length > MAX_FIELD_NAME || collapse(label).toLowerCase().includes(name.toLowerCase())) return label;
    return `${name} ${label}`;
  }
  return label;
}
