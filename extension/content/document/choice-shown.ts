/**
 * A picker the page draws (a `role=combobox` button, Radix's Select trigger; a button with `aria-haspopup=listbox`,
 * Headless UI's Listbox) shows its choice as its own text, or a placeholder ("Select a fruit…") before one is made.
 * Explorer, session 41: the choice was in no state, `.value()` read the placeholder, and a button labelled by itself
 * (`aria-labelledby="label button"`) was named after its choice, a name that changed with every select().
 */
import { tagOf, textOf } from './dom.ts';
import { attr, childrenOf, classNameOf, containsOf, hasAttr, idOf, matchesOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';
import { collapse } from './text.ts';

/** Shows its choice as its text: a combobox that is no text field, or a button that opens a listbox. */
export function showsChoice(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return false;
  const role = attr(el, 'role')?.trim().split(/\s+/)[0]?.toLowerCase();
  if (role === 'textbox' || role === 'searchbox') return false;
  const editable = attr(el, 'contenteditable');
  if (editable !== null && editable !== 'false') return false;
  return role === 'combobox' || (role === 'listbox' && foldingListbox(el)) || attr(el, 'aria-haspopup')?.trim().toLowerCase() === 'listbox';
}

/** A `role=listbox` that says whether it is unfolded and takes the focus: one control, not a list of options. */
export function foldingListbox(el: Element): boolean {
  return hasAttr(el, 'aria-expanded') && hasAttr(el, 'tabindex') && !!queryOf(el, '[role=option]');
}

/** The choice such a picker shows; '' while it shows its placeholder (Radix marks it `data-placeholder`). */
export function choiceShown(el: Element): string {
  if (hasAttr(el, 'data-placeholder')) return '';
  const shown = collapse(textOf(el, 300).replace(/[\u200b\u200c\u200d\ufeff]/g, ''));
  const placeholder = collapse(attr(el, 'aria-placeholder') ?? '');
  if (placeholder && shown === placeholder) return '';
  // A placeholder drawn as a part of it (Angular Material's `mat-mdc-select-placeholder`).
  const drawn = queryOf(el, '[class*=placeholder]');
  return drawn && collapse(textOf(drawn, 300)) === shown ? '' : shown;
}

/**
 * A picker's text box whose choice may be drawn beside it: a combobox's, or one that suggests a list as typed (Select2's
 * inline box among the chosen chips: `role=textbox aria-autocomplete=list`).
 */
export function picksBeside(el: Element, kind: string | undefined): boolean {
  if (tagOf(el) !== 'INPUT') return false;
  if (kind === 'combobox') return true;
  if (!/^(?:list|both)$/.test(attr(el, 'aria-autocomplete') ?? '')) return false;
  // Not a combobox: only a box typed in among the chips chosen (an `li` after other `li`s), not one beside a hint.
  const item = parentOf(el);
  return !!item && tagOf(item) === 'LI' && !!item.previousElementSibling && tagOf(item.previousElementSibling) === 'LI';
}

/** Levels above a picker's text box where its choice may be drawn (Ant Design's and react-select's: two). */
const BESIDE_LEVELS = 3;
const PLACEHOLDER = /placeholder/i;
/** Classes that say an element shows a choice: Ant Design's `selection-item`, react-select's `single-value`, chips. */
const CHOICE_CLASS = /select|single-?value|value|chosen|item|tag|chip/i;
/** What is never a choice shown: controls, keys, pictures, and what speaks for itself (a status, an error). */
const NOT_A_CHOICE = 'button, a[href], input, select, textarea, [role=button], [role=option], [role=listbox], kbd, svg, img, [role=status], [role=alert], [aria-live]';

/** Class and id words of an element and a few of its descendants. */
function classWords(el: Element): string {
  return [el, ...Array.from(queryAllOf(el, '[class], [id]')).slice(0, 6)].map((at) => `${classNameOf(at)} ${idOf(at)}`).join(' ');
}

/**
 * The choice a picker's text box shows beside it, not in it: Ant Design's Select and react-select keep the box empty
 * (read-only, or for typing a search) and draw the choice in an element next to it (`ant-select-selection-item`,
 * `…-singleValue`; several chips joined); '' while that element is a placeholder ("Select a person"). Explorer, session
 * 42: the value was in no state. Looked for up to three levels up, never past a label, a heading or another field, and
 * only in an element whose class says it shows a choice: never a button ("Search", "×"), a key, an icon, an error or a
 * hint the box points to, a status (review, session 43).
 */
export function choiceBeside(box: Element): string {
  const pointed = new Set(['aria-describedby', 'aria-errormessage', 'aria-controls', 'aria-labelledby'].flatMap((name) => (attr(box, name) ?? '').split(/\s+/)).filter(Boolean));
  let inner: Element = box;
  for (let level = 0, up = parentOf(box); up && level < BESIDE_LEVELS; level++, inner = up, up = parentOf(up)) {
    if (tagOf(up) === 'LABEL' || tagOf(up) === 'FORM' || queryOf(up, 'label, h1, h2, h3, h4, h5, h6')) return '';
    if (queryAllOf(up, 'input:not([type=hidden]), select, textarea').length > 1) return '';
    const shown: string[] = [];
    for (const child of Array.from(childrenOf(up))) {
      if (child === inner || containsOf(child, box) || hasAttr(child, 'hidden') || attr(child, 'aria-hidden') === 'true' || pointed.has(idOf(child))) continue;
      if (matchesOf(child, NOT_A_CHOICE) || queryOf(child, NOT_A_CHOICE)) continue;
      // A chip's remove glyph ("×Maya Chen") is no part of the choice.
      const text = collapse(textOf(child, 120).replace(/^\s*[×✕✖]\s*/, ''));
      if (!text) continue;
      const words = classWords(child);
      if (PLACEHOLDER.test(words)) return '';
      if (CHOICE_CLASS.test(words)) shown.push(text);
    }
    if (shown.length) return shown.join(', ');
  }
  return '';
}

/** A part of a trigger that says what it is for (`date-trigger__label`), and one that shows what is chosen (`__value`). */
const LABEL_PART = /(?:^|[-_\s])(?:label|title|caption)(?:$|[-_\s])/i;
const VALUE_PART = /(?:^|[-_\s])(?:value|selected|selection|current|display|summary)(?:$|[-_\s])/i;
const SCREEN_READER_ONLY = /(?:^|\s)(?:sr-only|sr-text|visually-?hidden|visuallyhidden|screen-reader-(?:text|only)|a11y-hidden)(?:\s|$)/i;
/** "Travellers: 2 adults, 1 child", "Sort by: Newest": a few words, a colon, then what is chosen. */
const SAID_WITH_COLON = /^([\p{L}][\p{L}\p{N} '&/-]{0,28}):\s*(\S.*)$/u;

/**
 * A button that opens a popup (a date picker, a guests panel, a sort menu: `aria-haspopup` or `aria-expanded`) and
 * shows what it is for beside what is chosen in it: "Depart" and "Fri, Mar 13" in parts of their own, "Travellers:"
 * said to screen readers only before "2 adults, 1 child", or "Sort by: Newest". Its name is the first, its value the
 * second (explorer, session 47: `depart_fri_mar_13_button` changed with every date picked). Undefined for any other.
 */
export function triggerParts(el: Element): { label: string; value: string } | undefined {
  const tag = tagOf(el);
  if (tag !== 'BUTTON' && attr(el, 'role') !== 'button') return undefined;
  const popup = attr(el, 'aria-haspopup');
  if (!(popup !== null && popup.trim().toLowerCase() !== 'false') && !hasAttr(el, 'aria-expanded')) return undefined;
  if (hasAttr(el, 'aria-label') || hasAttr(el, 'aria-labelledby') || showsChoice(el)) return undefined;
  const parts = Array.from(queryAllOf(el, '[class]')).slice(0, 8);
  const label = parts.find((part) => LABEL_PART.test(classNameOf(part)));
  const value = parts.find((part) => part !== label && VALUE_PART.test(classNameOf(part)) && !(label && (containsOf(part, label) || containsOf(label, part))));
  if (label && value) {
    const [said, shown] = [collapse(textOf(label, 80)), collapse(textOf(value, 120))];
    // A placeholder ("Add dates") is no choice: named by its label, no value yet.
    const placeholder = hasAttr(value, 'data-placeholder') || PLACEHOLDER.test(classNameOf(value)) || !!queryOf(value, '[data-placeholder], [class*=placeholder]');
    if (said && shown) return { label: said.replace(/[:：]$/, ''), value: placeholder ? '' : shown };
  }
  const text = collapse(textOf(el, 200));
  const first = el.firstElementChild;
  if (first && SCREEN_READER_ONLY.test(classNameOf(first))) {
    const said = collapse(textOf(first, 80));
    if (said.endsWith(':') && text.startsWith(said) && text.length > said.length) return { label: said.slice(0, -1).trim(), value: text.slice(said.length).trim() };
  }
  // Said with a colon only where it opens a menu or list ("Sort by: Newest"): an accordion's "Q: How do I…?" or "Step
  // 1: Choose a plan" is one title.
  const colon = popup !== null && popup.trim().toLowerCase() !== 'false' ? SAID_WITH_COLON.exec(text) : null;
  const said = colon?.[1]!.trim() ?? '';
  return colon && said.split(/\s+/).length <= 3 && (said.match(/\p{L}/gu) ?? []).length >= 3 && !/\d/.test(said)
    ? { label: said, value: colon[2]!.trim() } : undefined;
}
