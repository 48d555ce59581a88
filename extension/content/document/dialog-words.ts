/**
 * What a dialog says before it is answered ("“Website redesign” and its 14 tasks will be permanently deleted."): its
 * `aria-describedby` text, else its paragraphs that hold no control. A model asked to confirm or cancel needs it
 * (explorer, session 44: a delete dialog's text was nowhere in the document, only its buttons).
 */
import { attr, checkVisibilityOf, queryAllOf } from './dom-safe.ts';
import { byId, referencedText, textOf } from './dom.ts';
import { collapse, truncate } from './text.ts';

const MAX_CHARS = 200;
const MAX_PARAGRAPHS = 3;
const CONTROLS = 'input, select, textarea, button, [role=button], [contenteditable], [role=textbox]';

export function dialogWords(dialog: Element, title: string): string | undefined {
  const ids = attr(dialog, 'aria-describedby')?.trim();
  const described = ids ? collapse(ids.split(/\s+/).map((id) => byId(dialog, id)).filter((x): x is Element => !!x).map((x) => referencedText(x, MAX_CHARS)).join(' ')) : '';
  const text = described || collapse(Array.from(queryAllOf(dialog, 'p'))
    .filter((p) => !queryAllOf(p, CONTROLS).length && checkVisibilityOf(p) !== false)
    .slice(0, MAX_PARAGRAPHS).map((p) => textOf(p, MAX_CHARS)).join(' '));
  return text && text !== collapse(title) ? truncate(text, MAX_CHARS) : undefined;
}
