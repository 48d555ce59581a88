/**
 * The words beside a choice in its row: a shipping option's price (`<input type=radio><label>Standard…</label><span
 * class=price>$4.90</span>`) is part of what the option is. The label alone named it, the first price was the page's
 * `price` fact and the others were nowhere (explorer, session 51: "pick the cheapest shipping" could not be done).
 *
 * The row is the outermost of the choice's parents (three up at most) that holds no other form control; its shown words
 * after the choice and its label, if short and none come before them, are said after the label: `"Standard 5 to 8
 * business days · $4.90"`.
 */
import { attr, checkVisibilityOf, closestOf, containsOf, firstChildOf, hasAttr, nextSiblingOf, nodeTypeOf, parentOf, queryAllOf, tagNameOf } from './dom-safe.ts';
import { collapse, truncate } from './text.ts';

const CHOICES = 'input[type=radio], input[type=checkbox]';
const FORM_CONTROLS = 'input:not([type=hidden]), select, textarea, button, [role=radio], [role=checkbox], [role=switch], [role=button], a[href]';
const NO_ROW: ReadonlySet<string> = new Set(['FORM', 'FIELDSET', 'BODY', 'MAIN', 'SECTION', 'ARTICLE', 'UL', 'OL', 'TABLE', 'TBODY']);
const MAX_UP = 3;
const MAX_ROW_ELEMENTS = 12;
const MAX_BESIDE = 60;

/** The row a radio or checkbox input sits in alone, or undefined. */
function choiceRowOf(choice: Element): Element | undefined {
  let row: Element | undefined;
  for (let node = parentOf(choice), n = 0; node && n < MAX_UP && !NO_ROW.has(tagNameOf(node)); node = parentOf(node), n++) {
    if (queryAllOf(node, '*').length > MAX_ROW_ELEMENTS || queryAllOf(node, FORM_CONTROLS).length !== 1) break;
    row = node;
  }
  return row;
}

/** Whether `el` (a price, say) is among the words beside one choice (wordsBesideChoice). */
export function inChoiceRow(el: Element): boolean {
  for (let node = parentOf(el), n = 0; node && n <= MAX_UP; node = parentOf(node), n++) {
    const choices = queryAllOf(node, CHOICES);
    if (choices.length > 1) return false;
    if (choices.length === 1) return besideParts(choices[0]!)?.some((part) => containsOf(el, part)) ?? false;
  }
  return false;
}

/** The label elements of a choice: its `labels`, or a label around it. */
function labelElements(choice: Element): Element[] {
  const own = (choice as HTMLInputElement).labels;
  const found: Element[] = own ? Array.from(own) : [];
  const around = closestOf(choice, 'label');
  if (around && !found.includes(around)) found.push(around);
  return found;
}

/** Not shown: `hidden`, `aria-hidden`, or styled out of sight where there is layout (a form's hidden error text). */
function unseen(el: Element): boolean {
  return hasAttr(el, 'hidden') || attr(el, 'aria-hidden') === 'true' || checkVisibilityOf(el, { visibilityProperty: true }) === false;
}

/**
 * The text nodes of the row with words after the choice and its label; undefined when the row has none, or has words before the choice (a product's price above its add-on's box: the row
 * is the product's, not the choice's; review, session 51).
 */
function besideParts(choice: Element): Node[] | undefined {
  const row = choiceRowOf(choice);
  if (!row) return undefined;
  const labels = labelElements(choice);
  // The label around the choice is its row: nothing beside it.
  if (labels.some((label) => containsOf(label, row))) return undefined;
  const own = new Set<Element>([choice, ...labels]);
  const parts: Node[] = [];
  let met = false;
  let before = false;
  const visit = (el: Element, depth: number) => {
    for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
      if (nodeTypeOf(node) === 3) {
        if (!/[\p{L}\p{N}]/u.test(node.nodeValue ?? '')) continue;
        if (met) parts.push(node); else before = true;
      } else if (nodeTypeOf(node) === 1 && depth < 6) {
        const child = node as Element;
        if (own.has(child)) {
          met = true;
          continue;
        }
        if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(tagNameOf(child)) || unseen(child)) continue;
        visit(child, depth + 1);
      }
    }
  };
  visit(row, 0);
  return before || !parts.length ? undefined : parts;
}

/** The row's shown words after the choice and its labels, short, or undefined. */
export function wordsBesideChoice(choice: Element): string | undefined {
  const parts = besideParts(choice);
  if (!parts) return undefined;
  const words = collapse(parts.map((node) => node.nodeValue ?? '').join(' '));
  return words && words.length <= MAX_BESIDE ? truncate(words, MAX_BESIDE) : undefined;
}
