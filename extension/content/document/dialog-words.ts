/**
 * What a dialog says before it is answered ("“Website redesign” and its 14 tasks will be permanently deleted."): its
 * `aria-describedby` text, else its paragraphs that hold no control. A model asked to confirm or cancel needs it
 * (explorer, session 44: a delete dialog's text was nowhere in the document, only its buttons).
 */
import { attr, checkVisibilityOf, closestOf, containsOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';
import { byId, referencedText, textOf } from './dom.ts';
import { collapse, truncate } from './text.ts';

const MAX_CHARS = 200;
const MAX_PARAGRAPHS = 3;
const CONTROLS = 'input, select, textarea, button, [role=button], [contenteditable], [role=textbox]';

export function dialogWords(dialog: Element, title: string): string | undefined {
  const heading = collapse(title);
  const ids = attr(dialog, 'aria-describedby')?.trim();
  // A description that holds the dialog's fields (a form's body) is no sentence: its paragraphs are.
  const targets = ids ? ids.split(/\s+/).map((id) => byId(dialog, id)).filter((x): x is Element => !!x && !queryAllOf(x, CONTROLS).length) : [];
  const described = collapse(targets.map((x) => referencedText(x, MAX_CHARS)).join(' '));
  const text = described || collapse(Array.from(queryAllOf(dialog, 'p'))
    .filter((p) => saysSomething(p, heading) && !partOfAField(p, dialog))
    .slice(0, MAX_PARAGRAPHS).map((p) => textOf(p, MAX_CHARS)).join(' '));
  return text && text !== heading ? truncate(text, MAX_CHARS) : undefined;
}

/** Words of the dialog's own: not a field's label, hint or error, not its title again. */
function saysSomething(p: Element, heading: string): boolean {
  if (queryAllOf(p, `${CONTROLS}, label`).length || checkVisibilityOf(p) === false) return false;
  if (FIELD_NOTE.test(attr(p, 'class') ?? '') || attr(p, 'role') === 'alert' || closestOf(p, 'label, [class*=form-group], [class*=field]')) return false;
  const words = collapse(textOf(p, MAX_CHARS));
  return !!words && !(heading && words === heading) && !attr(p, 'id')?.match(/title|heading/i);
}

/**
 * A paragraph of a field's block, not the dialog's: in a fieldset, or beside a field in its box (a resume card's "Last
 * used on 3/12/2024" beside its radio was the apply dialog's description: explorer, session 55). Beside buttons only,
 * in the dialog's own box, it is the dialog's ("This cannot be undone." over Cancel and Delete).
 */
function partOfAField(p: Element, dialog: Element): boolean {
  const fieldset = closestOf(p, 'fieldset');
  if (fieldset && containsOf(dialog, fieldset)) return true;
  const box = parentOf(p);
  return !!box && box !== dialog && !!queryOf(box, FIELDS);
}

const FIELDS = 'input:not([type=hidden]), select, textarea, [role=textbox], [role=radio], [role=checkbox], [role=combobox]';
const FIELD_NOTE = /(?:^|[\s_-])(?:error|errors|invalid|help|hint|feedback|description|form-text|helper)(?:$|[\s_-])/i;
